/**
 * Why a job failed, as data (Temporal's ApplicationFailure: a type and whether a retry can help),
 * not as text to parse back. Every transport asks the same question of the same classification:
 * the in-process queue to choose between a backoff retry and failing the job, BullMQ to choose
 * between rethrowing and UnrecoverableError, and both to tell a status query the failure's code.
 */
import { z } from 'zod';
import { isInvalidDocumentError } from '../../documents/document-errors.js';
import { isEventLogError } from '../../events/store/errors.js';
import { isAnalysisBudgetError, isAnalysisThreadError, isWorkerDiedError } from '../analysis-budget.js';

export const JobFailure = z.object({
  /** Stable and upper-case: INVALID_PAYLOAD, ANALYSIS_BUDGET_EXCEEDED, WORKER_DIED, STORAGE, …, PROCESSING_FAILED. */
  code: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
  message: z.string(),
  /**
   * Whether running the job again can succeed. Only failures of the document itself are final (bad
   * input, a passed budget, a worker dead under it twice): they fail the same way every time. A log
   * or thread failure is not, even when the same call on the same log would fail again (a closed or
   * broken log): the job runs again later, on a reopened log or on another machine.
   */
  retryable: z.boolean(),
});
export type JobFailure = z.infer<typeof JobFailure>;

/** The code of a failure none of our typed errors explains (a bug, a library's error). */
export const PROCESSING_FAILED = 'PROCESSING_FAILED';

/**
 * Our typed errors carry their code; anything else is PROCESSING_FAILED. Retryable unless the
 * document itself is at fault (as Temporal's default, and BullMQ's attempts): a job that hit a
 * dropped connection or a passing fault runs again, and a real bug fails after the last attempt.
 */
export function classifyFailure(error: unknown): JobFailure {
  const message = error instanceof Error ? error.message : String(error);
  if (isInvalidDocumentError(error) || isAnalysisBudgetError(error) || isWorkerDiedError(error))
    return { code: error.code, message, retryable: false };
  if (isAnalysisThreadError(error) || isEventLogError(error)) return { code: error.code, message, retryable: true };
  return { code: PROCESSING_FAILED, message, retryable: true };
}

/** The reason a person reads (BullMQ's failedReason, a dashboard): the code, then the message. */
export const failureReasonOf = (failure: JobFailure): string => `${failure.code}: ${failure.message}`;
