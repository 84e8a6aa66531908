/**
 * Script and note rendering. Bundled for the browser: no zod, no schema imports, so the small
 * `{{variable}}` regex lives here (same grammar as `templateVariables` in schema/common.ts).
 */
import type { Locale, NoteId, ScriptStageId, StatusId } from '../ids';
import { SCRIPT_STAGE_IDS } from '../ids';
import type { Policy, ScriptStage, TemplateVars } from '../types';

const VARIABLE = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Templates split once into [literal, name, literal, name, …, literal] (the classifier renders the same few per ticket). */
const splitCache = new Map<string, string[]>();
const SPLIT_CACHE_MAX = 2000;

function partsOf(template: string): string[] {
  let parts = splitCache.get(template);
  if (!parts) {
    if (splitCache.size >= SPLIT_CACHE_MAX) splitCache.clear();
    parts = template.split(VARIABLE);
    splitCache.set(template, parts);
  }
  return parts;
}

/**
 * Fills `{{ name }}` from vars; a missing (undefined, null or empty) value takes `fallback(name)` when it
 * gives one (the policy's `templateFallbacks` for scripts), else shows as `[name]` (internal notes only:
 * `policy check` rejects a script that could), never "undefined".
 */
export function renderTemplate(template: string, vars: TemplateVars, fallback?: (name: string) => string | undefined): string {
  const parts = partsOf(template);
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i];
    const value = Object.prototype.hasOwnProperty.call(vars, name) ? vars[name] : undefined;
    out += value === undefined || value === null || value === '' ? (fallback?.(name) ?? `[${name}]`) : String(value);
    out += parts[i + 1];
  }
  return out;
}

/** What a script's wording may depend on: the ticket's category and signals (corrected ones where an agent corrected). */
export interface ScriptCase {
  category?: string | null;
  signals?: readonly string[];
}

type Script = Policy['scripts'][ScriptStageId];
type ScriptWhen = NonNullable<Script['variants']>[number]['when'];

/** Whether a variant's `when` fits the case: category among `categories`, and one of `signals` present (each if given). */
export function fitsCase(when: ScriptWhen, c: ScriptCase): boolean {
  if (when.categories && !(when.categories as readonly string[]).includes(c.category ?? '')) return false;
  if (when.signals && !when.signals.some((s) => c.signals?.includes(s))) return false;
  return true;
}

/** The wording for the case: the first variant that fits, else the general template. */
export function scriptTemplate(script: Script, c: ScriptCase | undefined): Script['template'] {
  if (c) for (const v of script.variants ?? []) if (fitsCase(v.when, c)) return v.template;
  return script.template;
}

/** The text of the script for one stage id, in a locale, worded for the case; unknown variables take the policy's fallback wording. */
export function renderScript(policy: Policy, stageId: ScriptStageId, locale: Locale, vars: TemplateVars, c?: ScriptCase): string {
  const template = scriptTemplate(policy.scripts[stageId], c);
  const fallbacks = policy.templateFallbacks ?? {};
  const fallback = (name: string) =>
    Object.hasOwn(fallbacks, name) ? (fallbacks[name][locale] ?? fallbacks[name][policy.defaultLocale]) : undefined;
  return renderTemplate(template[locale] ?? template[policy.defaultLocale], vars, fallback);
}

/** The text of an internal note, in a locale. */
export function renderNote(policy: Policy, noteId: NoteId, locale: Locale, vars: TemplateVars): string {
  const note = policy.notes[noteId];
  return renderTemplate(note[locale] ?? note[policy.defaultLocale], vars);
}

/** Scripts the sidebar suggests in a ticket stage, in policy order, each worded for the case (category, signals). */
export function scriptsFor(
  stage: ScriptStage,
  policy: Policy,
  locale: Locale,
  vars: TemplateVars,
  c?: ScriptCase,
): { id: ScriptStageId; label: string; text: string }[] {
  const out: { id: ScriptStageId; label: string; text: string }[] = [];
  const ids = Object.keys(policy.scripts).filter((k): k is ScriptStageId => (SCRIPT_STAGE_IDS as readonly string[]).includes(k));
  for (const id of ids) {
    const script = policy.scripts[id];
    if (!script.stages.includes(stage)) continue;
    out.push({ id, label: script.label[locale] ?? script.label[policy.defaultLocale], text: renderScript(policy, id, locale, vars, c) });
  }
  return out;
}

export interface StageFacts {
  status?: StatusId | null;
  firstAgentReplyAt?: string | null;
  suspected?: boolean;
  remedyProposed?: boolean;
}

/**
 * The ticket's script stage: solved/closed → `solved` (follow-up); suspected malicious → `suspect`;
 * a remedy on the table → `remedy`; no public agent reply yet → `new`; otherwise `working`.
 */
export function stageOf(facts: StageFacts): ScriptStage {
  if (facts.status === 'solved' || facts.status === 'closed') return 'solved';
  if (facts.suspected) return 'suspect';
  if (facts.remedyProposed) return 'remedy';
  if (!facts.firstAgentReplyAt) return 'new';
  return 'working';
}
