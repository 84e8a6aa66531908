/** What every panel receives: the view, the policy, the agent's locale/zone, the ticking clock and the actions. */
import type { TicketView } from '../../../../connector/src/api/ticket-view';
import type { Locale, Policy } from '../../../../policies/src/types';
import type { Translate } from '../i18n/translate';
import type { Labels } from './labels';

export interface ExportedBundle {
  headHash: string | null;
  entries: number;
  fileName: string;
}

export interface SidebarActions {
  correct(category: string, severity: string, extra?: { reason?: string; clearSignals?: string[] }): Promise<void>;
  /** Confirms the classification as it is (answers "please confirm"). */
  confirm(): Promise<void>;
  chooseRemedy(rank: string): Promise<void>;
  rejectRemedy(): Promise<void>;
  /** Approve or decline the chosen remedy (roles whose limits cover it). */
  decideRemedy(decision: 'approved' | 'declined', comment: string): Promise<void>;
  addEvidence(kind: string, description: string): Promise<void>;
  /** Downloads the evidence bundle; resolves with what was exported (null when it failed: see the error banner). */
  exportEvidence(): Promise<ExportedBundle | null>;
  insert(text: string): Promise<void>;
}

export interface PanelProps {
  view: TicketView;
  policy: Policy | null;
  t: Translate;
  labels: Labels;
  locale: Locale;
  timeZone: string;
  /** A time as the agent reads it in `locale` and `timeZone`: the view's own text (`view.display`) when it has it. */
  at(iso: string | number | null | undefined): string;
  /** An amount in `currency`, the same way. */
  money(amount: number, currency: string): string;
  now: number;
  /** Connector unreachable: actions that need it are disabled. */
  offline: boolean;
  busy: boolean;
  role: string;
  actions: SidebarActions;
}
