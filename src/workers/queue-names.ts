/** Queue names: part of the public contract, any BullMQ producer may add to the documents queue. */
export const DOCUMENTS_QUEUE = 'timeline-documents';
/** Job name on the documents queue. */
export const PROCESS_DOCUMENT_JOB = 'process-document';
/** Internal: a scheduled tick reconciles whatever was analysed since the last reconciliation. */
export const RECONCILE_QUEUE = 'timeline-reconcile';
export const RECONCILE_JOB = 'reconcile';
export const RECONCILE_SCHEDULER = 'reconcile-tick';
