export interface Finding {
  code: string;
  message: string;
}
export const SECURE_PARAM_SCOPES: string[];
export const PARAMETER_TYPES: string[];
export function validateZendeskApp(dir: string): { errors: Finding[]; warnings: Finding[] };
