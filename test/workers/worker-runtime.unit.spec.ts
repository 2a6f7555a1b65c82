import { describe, expect, it } from 'vitest';
import {
  ShutdownError,
  WorkerRuntime,
  type WorkerState,
  type WorkerTransport,
} from '../../src/workers/runtime/worker-runtime.js';
import { classifyFailure } from '../../src/workers/runtime/job-failure.js';
import { InvalidDocumentError } from '../../src/documents/document-errors.js';
import { AnalysisBudgetError } from '../../src/workers/analysis-budget.js';
import { ConcurrencyError, LogClosedError } from '../../src/events/store/errors.js';
import { ReconcilePacer } from '../../src/workers/runtime/reconcile-pacer.js';
import { DOCUMENT_RETRY, toInProcessRetry, toJobsOptions } from '../../src/workers/runtime/retry-policy.js';

/** A transport whose running job ends when told to (or never). */
function transport(name: string, runningJobEnds: Promise<void>, log: string[]): WorkerTransport {
  return {
    name,
    start: () => void log.push(`${name} started`),
    drain: async () => {
      log.push(`${name} draining`);
      await runningJobEnds;
      log.push(`${name} drained`);
    },
    abandon: async () => void log.push(`${name} abandoned`),
  };
}

const never = new Promise<void>(() => undefined);

describe('the worker runtime lifecycle', () => {
  it("INITIALIZED → RUNNING → DRAINING → STOPPED; a second shutdown() returns the first one's promise", async () => {
    const log: string[] = [];
    let finishJob: () => void = () => undefined;
    const job = new Promise<void>((resolve) => (finishJob = resolve));
    const runtime = new WorkerRuntime({
      transports: [transport('queue', job, log)],
      cleanup: [{ name: 'close', run: () => void log.push('closed') }],
      graceMs: 5000,
      forceMs: 10_000,
    });
    const states: WorkerState[] = [runtime.state];
    runtime.start();
    states.push(runtime.state);
    const first = runtime.shutdown();
    const second = runtime.shutdown();
    expect(second).toBe(first);
    states.push(runtime.state);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(log).toEqual(['queue started', 'queue draining']);
    finishJob();
    await first;
    states.push(runtime.state);
    expect(states).toEqual(['INITIALIZED', 'RUNNING', 'DRAINING', 'STOPPED']);
    expect(log).toEqual(['queue started', 'queue draining', 'queue drained', 'closed']);
    expect(() => runtime.start()).toThrow(/starts once/);
  });

  it('each cleanup step runs whatever the one before it did; the shutdown then fails naming the failed step', async () => {
    const ran: string[] = [];
    const runtime = new WorkerRuntime({
      transports: [],
      cleanup: [
        { name: 'save the projection', run: async () => Promise.reject(new Error('ENOSPC: no space left on device')) },
        { name: 'close the log', run: () => void ran.push('log closed') },
      ],
      graceMs: 1000,
      forceMs: 2000,
    });
    runtime.start();
    const error = await runtime.shutdown().catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ShutdownError);
    expect((error as ShutdownError).failedSteps).toEqual(['save the projection']);
    expect((error as ShutdownError).errors.map(String)).toEqual(['Error: ENOSPC: no space left on device']);
    expect(ran).toEqual(['log closed']);
    expect(runtime.state).toBe('FAILED');
  });

  it('past the grace time the running jobs are abandoned; past the force time nothing more is awaited', async () => {
    const log: string[] = [];
    const runtime = new WorkerRuntime({
      transports: [transport('bullmq', never, log)],
      cleanup: [
        { name: 'close the log', run: () => never },
        { name: 'disconnect', run: () => void log.push('disconnected') },
      ],
      graceMs: 100,
      forceMs: 300,
    });
    runtime.start();
    const started = Date.now();
    const error = await runtime.shutdown().catch((failure: unknown) => failure);
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(1000);
    expect((error as ShutdownError).failedSteps).toEqual(['close the log']);
    // Past the force time a step is still started, only not waited for: a synchronous disconnect does its work.
    expect(log).toEqual(['bullmq started', 'bullmq draining', 'bullmq abandoned', 'disconnected']);
    expect(runtime.state).toBe('FAILED');
  });
});

describe('one failure classification, one retry policy, one pacer', () => {
  it('only failures of the document itself are final; the code is data', () => {
    expect(classifyFailure(new InvalidDocumentError('EMPTY', 'document is empty'))).toEqual({
      code: 'EMPTY',
      message: 'document is empty',
      retryable: false,
    });
    expect(classifyFailure(new AnalysisBudgetError('too slow'))).toMatchObject({
      code: 'ANALYSIS_BUDGET_EXCEEDED',
      retryable: false,
    });
    expect(classifyFailure(new ConcurrencyError('document-x', 1, 2))).toMatchObject({
      code: 'CONCURRENCY',
      retryable: true,
    });
    // The same call on a closed log fails again, but the job, run again on an open log, does not.
    expect(classifyFailure(new LogClosedError('event log'))).toMatchObject({ code: 'LOG_CLOSED', retryable: true });
    expect(classifyFailure(new TypeError('x is undefined'))).toEqual({
      code: 'PROCESSING_FAILED',
      message: 'x is undefined',
      retryable: true,
    });
  });

  it("the retry policy gives BullMQ's options and the in-process retry the same attempts and doubling waits", () => {
    expect(toJobsOptions(DOCUMENT_RETRY.bullmq)).toEqual({ attempts: 6, backoff: { type: 'exponential', delay: 500 } });
    const inProcess = toInProcessRetry(DOCUMENT_RETRY.inProcess);
    expect([inProcess.attempts, inProcess.backoffMs]).toEqual([6, 50]);
    expect(inProcess.isRetryable(new InvalidDocumentError('EMPTY', 'document is empty'))).toBe(false);
    expect(inProcess.isRetryable(new ConcurrencyError('document-x', 1, 2))).toBe(true);
  });

  it('the pacer rests twice the last run, and at least its floor after a run that appended', () => {
    let now = 1000;
    const pacer = new ReconcilePacer({ restFactor: 2, minRestAfterAppendMs: 1000, tickMs: 500 }, () => now);
    expect(pacer.restMs()).toBe(0);
    pacer.ran(100, false);
    expect(pacer.restMs()).toBe(200);
    pacer.ran(100, true);
    expect(pacer.restMs()).toBe(1000);
    now += 1000;
    expect(pacer.restMs()).toBe(0);
  });
});
