/** Host channel names → the host-neutral channel vocabulary of `Ticket.channel` (email | web | chat | phone | app | social | api …). */
const CHANNELS: Record<string, string> = {
  email: 'email', mail: 'email', outbound_email: 'email',
  web: 'web', web_form: 'web', web_widget: 'web', portal: 'web', help_center: 'web', feedback_widget: 'web',
  chat: 'chat', chat_transcript: 'chat', native_messaging: 'chat', messaging: 'chat',
  voice: 'phone', phone: 'phone',
  mobile: 'app', mobile_sdk: 'app', sdk: 'app',
  twitter: 'social', facebook: 'social', instagram_dm: 'social', whatsapp: 'social', line: 'social', wechat: 'social', any_channel: 'social', ecommerce: 'social',
  api: 'api',
};

export function normalizeChannel(raw: string | null | undefined): string | undefined {
  if (!raw) return undefined;
  const key = raw.toLowerCase().replace(/[\s-]+/g, '_');
  return CHANNELS[key] ?? key;
}
