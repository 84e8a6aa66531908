export interface Finding {
  code: string;
  message: string;
}
export function validateFreshdeskApp(dir: string): { errors: Finding[] };
