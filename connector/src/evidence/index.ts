/** The evidence module: append-only, hash-chained evidence per ticket; export and standalone verification. */
export { createEvidenceLog, type EvidenceLog } from './create-evidence-log';
export { verifyBundle } from './verify-bundle';
export { GENESIS_HASH, hashEntry } from './hash-entry';
export { evidenceRecord } from './evidence-record';
export * from './evidence-types';
export { commentsOnRecord, unseenComments, type CommentsOnRecord } from './comments-on-record';
