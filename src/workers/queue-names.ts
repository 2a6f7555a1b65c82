/** Queue names: part of the public contract, any BullMQ producer may add to the documents queue. */
export const DOCUMENTS_QUEUE = 'timeline-documents';
/** Job name on the documents queue. */
export const PROCESS_DOCUMENT_JOB = 'process-document';
/** Internal: one job per processed document asks for a reconciliation; already-covered ones are skipped. */
export const RECONCILE_QUEUE = 'timeline-reconcile';
export const RECONCILE_JOB = 'reconcile';
