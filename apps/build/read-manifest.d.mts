export const LOCALES: string[];
export const HOSTS: string[];
export function readManifest(root: string): any;
export function settingsFor(m: any, host: 'zendesk' | 'freshdesk'): any[];
