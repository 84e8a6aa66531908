/** Host adapters barrel: the Zendesk and Freshdesk clients and the helpers other areas may use. */
export { createZendeskClient, type ZendeskClientOptions } from './zendesk/create-zendesk-client';
export { createFreshdeskClient, type FreshdeskClientOptions } from './freshdesk/create-freshdesk-client';
export { noteHasMarker, withMarker, markersIn } from './note-marker';
export { rateLimitQueueOptions } from './rate-limit-options';
export type { HostClientOptions, HostLogger, HostMetrics, QueueOptions, RetryOptions } from './host-options';
