/**
 * The two transports under the worker runtime: the in-process queue (embedded engine) and BullMQ
 * workers (`timeline worker`). Each one only takes jobs and gives them back; what a job does, how
 * it is retried and how the process stops are the runtime's.
 */
import type { Worker } from 'bullmq';
import type { InProcessQueue } from '../in-process-queue.js';
import type { WorkerTransport } from './worker-runtime.js';

/**
 * @param keepWaiting true: a drain lets the running jobs finish and leaves the waiting ones queued
 *   (on the spool, for the next start); false: it processes everything queued first (`run`, `ingest`).
 */
export function inProcessTransport<T>(
  queue: InProcessQueue<T>,
  options: { readonly keepWaiting: boolean },
): WorkerTransport {
  return {
    name: 'in-process queue',
    // The queue starts a job as soon as it is added.
    start: () => undefined,
    drain: () => (options.keepWaiting ? queue.stop() : queue.whenIdle()),
    abandon: async () => {
      queue.halt();
    },
  };
}

/**
 * @param takesJobs false: a worker of a role this process does not serve; never started, but
 *   closed with the others (a BullMQ worker holds connections from its construction on).
 */
export function bullmqTransport(
  worker: Worker,
  options: { readonly takesJobs: boolean; readonly onError: (error: Error) => void },
): WorkerTransport {
  return {
    name: `BullMQ worker ${worker.name}`,
    start: () => {
      if (!options.takesJobs) return;
      worker
        .run()
        .catch((error: unknown) => options.onError(error instanceof Error ? error : new Error(String(error))));
    },
    // close() waits for the running jobs; close(true) does not (their locks expire, and another
    // worker picks them up as stalled).
    drain: () => worker.close(),
    abandon: () => worker.close(true),
  };
}
