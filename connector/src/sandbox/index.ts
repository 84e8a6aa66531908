/** The sandbox helpdesk: a HostClient on our own tables + the /sandbox pages and API. */
export { createSandboxHelpdesk, type SandboxHelpdesk, type SandboxHelpdeskDeps, type NewComplaint, type PipelineLike } from './create-sandbox-helpdesk';
export { createSandboxRouter, type SandboxRouterDeps } from './create-sandbox-router';
export { loadSamples, defaultSamplesFile } from './load-samples';
export type { SandboxTicket } from './read-sandbox';
