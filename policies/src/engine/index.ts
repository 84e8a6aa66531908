/**
 * The pure policy engine: functions of (input, policy, now). No I/O, no Node-only modules:
 * the sidebar bundles this for the browser. Import from here, not from the files.
 */
export { classify, explainTextsOf } from './classify';
export { explainStored } from './explain-classification';
export { compileCalendar, addBusinessTime, elapsedBusinessTime, type CompiledCalendar } from './business-time';
export { slaState } from './sla-state';
export { escalations } from './escalations';
export { remedyOptions } from './remedy-options';
export { amountOf, intakeFieldValue, productOf, remedyInputFrom } from './intake-fields';
export { fitsCase, renderTemplate, renderScript, renderNote, scriptTemplate, scriptsFor, stageOf, type ScriptCase } from './render-script';
export { evidenceStatus } from './evidence-status';
export { missingIntake } from './missing-intake';
export { approvalTier, highestRole, isEvidenceReviewer, lowestRole, rankOf, reviewRank, rolesByRank } from './roles';
export { listText } from './list-text';
export { formatCustomerDeadline, formatDeadline, readerZone, wallClock, zoneName, type Reader } from './reader-zone';
