import { readFileSync } from 'node:fs';
import type { ConfigProblem } from './load-config';

/** ZENDESK_APP_PUBLIC_KEY, or the PEM read from ZENDESK_APP_PUBLIC_KEY_FILE (not both). */
export function readZendeskPublicKey(problems: ConfigProblem[], pem: string | undefined, file: string | undefined): string | null {
  if (pem && file) {
    problems.push({
      variable: 'ZENDESK_APP_PUBLIC_KEY_FILE',
      message: 'set either ZENDESK_APP_PUBLIC_KEY or ZENDESK_APP_PUBLIC_KEY_FILE, not both',
    });
    return null;
  }
  if (!file) return pem ?? null;
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (err) {
    problems.push({
      variable: 'ZENDESK_APP_PUBLIC_KEY_FILE',
      message: `cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'}): save GET /api/v2/apps/{app_id}/public_key.pem there`,
    });
    return null;
  }
  if (!/^-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----$/.test(text)) {
    problems.push({
      variable: 'ZENDESK_APP_PUBLIC_KEY_FILE',
      message: `${file} is not a PEM public key (-----BEGIN PUBLIC KEY----- … -----END PUBLIC KEY-----)`,
    });
    return null;
  }
  return text;
}
