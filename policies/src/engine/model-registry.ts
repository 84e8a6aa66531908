/**
 * Which compiled model (and which combiner) a policy object has attached. Tiny on purpose:
 * classify() looks the model up here, and only code that attaches a model (the server, the CLI,
 * tests) imports the model code, so the sidebar bundle carries none of it. Pure and browser-safe.
 */
import type { Classification, Locale, Match, Policy, Ticket } from '../types';
import type { ClassifyDecision, ExplainTexts } from './explain-classification';
import type { LinearModel } from './compile-model';
import type { Combined, RuleOutcome } from './rule-outcome';
import type { ngramPhrase, Tokens } from './feature-phrase';
import type { CuedHit } from './signal-hints';

export type Combiner = (
  policy: Policy,
  rules: RuleOutcome,
  model: LinearModel | null,
  normalizedText: string,
  normalizedSubject: string,
  /** The ticket and every rule match: the severity head may read the ticket without some clauses (threat-clauses.ts). */
  ticket?: Ticket,
  matches?: readonly Match[],
  /** Rule matches a cue cancelled, for the review hints (signal-hints.ts). */
  cued?: readonly CuedHit[],
) => Combined;

export interface AttachedModel {
  model: LinearModel;
  combine: Combiner;
}

const registry = new WeakMap<object, AttachedModel>();

export function registerModel(policy: object, attached: AttachedModel | null): void {
  if (attached) registry.set(policy, attached);
  else registry.delete(policy);
}

export function attachedModelOf(policy: object): AttachedModel | null {
  return registry.get(policy) ?? null;
}

export function modelOf(policy: object): LinearModel | null {
  return registry.get(policy)?.model ?? null;
}

/**
 * Finds the customer's words behind a model n-gram (feature-phrase.ts) for a `why`. Registered by
 * attach-model.ts when it loads: only a process that can attach a model has n-gram features to
 * explain, and the sidebar bundle (which never attaches one) carries none of that code.
 */
export interface PhraseFinder {
  tokensOf(text: string): Tokens;
  ngramPhrase: typeof ngramPhrase;
}

let finder: PhraseFinder | null = null;

export function registerPhraseFinder(f: PhraseFinder): void {
  finder = f;
}

export function phraseFinder(): PhraseFinder | null {
  return finder;
}

/**
 * The `why` with the learned model's opinions (explain-classification.ts `explain`), for classify() when a model
 * is attached. Registered by attach-model.ts when it loads, like the phrase finder: the sidebar bundle, which
 * never attaches a model, writes the rules' `why` alone (`explainRules`) and carries none of that code.
 */
export type ModelExplainer = (policy: Policy, d: ClassifyDecision, locale: Locale, texts: ExplainTexts) => Classification['why'];

let explainer: ModelExplainer | null = null;

export function registerModelExplainer(e: ModelExplainer): void {
  explainer = e;
}

export function modelExplainer(): ModelExplainer | null {
  return explainer;
}
