/** FRESHDESK_DOMAIN as a host: an account name (`acme` → `acme.freshdesk.com`), or with a dot the whole host. */
export function freshdeskHost(domain: string): string {
  return domain.includes('.') ? domain : `${domain}.freshdesk.com`;
}

/** The API base URL of a Freshdesk account when FRESHDESK_API_URL does not name another. */
export function freshdeskApiUrl(domain: string): string {
  return `https://${freshdeskHost(domain)}`;
}
