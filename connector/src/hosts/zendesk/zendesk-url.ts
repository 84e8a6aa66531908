/** A Zendesk account's host from its subdomain (`acme` → `acme.zendesk.com`): the API's origin and the `iss` of signed-mode tokens. */
export function zendeskAccountHost(subdomain: string): string {
  return `${subdomain}.zendesk.com`;
}

/** The API base URL of a Zendesk account when ZENDESK_API_URL does not name another. */
export function zendeskApiUrl(subdomain: string): string {
  return `https://${zendeskAccountHost(subdomain)}`;
}
