export interface BuiltApps {
  zendeskDir: string;
  freshdeskDir: string;
  sandboxDir: string;
  /** dist/zendesk-signed/ when a signed-mode connector URL was given, else null. */
  zendeskSignedDir: string | null;
  zips: { zendesk: string; freshdesk: string; zendeskSigned?: string };
}
export function buildApps(options: { root: string; outRoot?: string; signedUrl?: string }): Promise<BuiltApps>;
