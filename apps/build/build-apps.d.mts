export interface BuiltApps { zendeskDir: string; freshdeskDir: string; sandboxDir: string; zips: { zendesk: string; freshdesk: string } }
export function buildApps(options: { root: string; outRoot?: string }): Promise<BuiltApps>;
