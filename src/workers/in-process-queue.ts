/**
 * The embedded default's queue: jobs run in this process with bounded concurrency. Same
 * processor as the BullMQ workers, no Redis. A job id seen before is not queued again, as with
 * BullMQ custom job ids.
 */
export type InProcessJobState = 'queued' | 'processing' | 'processed' | 'failed';

export interface InProcessJob<T> {
  readonly id: string;
  readonly payload: T;
  state: InProcessJobState;
  /** Runs so far (a retried job runs again). */
  attempts: number;
  failure?: Error;
}

/** Like BullMQ's attempts and exponential backoff: only for errors that say a retry can succeed. */
export interface InProcessRetry {
  readonly attempts: number;
  readonly backoffMs: number;
  readonly isRetryable: (error: unknown) => boolean;
}

/** Failed jobs remembered (their reason, not their payload) for status queries; the oldest are forgotten first. */
const KEPT_FAILURES = 1000;

export interface InProcessQueueOptions<T> {
  readonly concurrency?: number;
  readonly retry?: InProcessRetry;
  /** Called each time the last queued job has ended. */
  readonly onIdle?: () => void;
  /** Called when a job starts a run, and when it has ended for good (processed, or failed without retry). */
  readonly onStart?: (job: InProcessJob<T>) => void;
  readonly onEnd?: (job: InProcessJob<T>) => void;
}

export class InProcessQueue<T> {
  /** Jobs queued, running or waiting for a retry. A job that ended is dropped with its payload (memory stays flat). */
  private readonly jobs = new Map<string, InProcessJob<T>>();
  private readonly failures = new Map<string, Error>();
  /** Set by stop(): no job starts any more. */
  private stopped = false;
  private readonly waiting: Array<InProcessJob<T>> = [];
  private active = 0;
  /** Jobs waiting out a backoff before their next attempt. */
  private delayed = 0;
  private idleWaiters: Array<() => void> = [];

  private readonly concurrency: number;
  private readonly retry: InProcessRetry;
  private readonly onIdle: () => void;
  private readonly onStart: (job: InProcessJob<T>) => void;
  private readonly onEnd: (job: InProcessJob<T>) => void;

  constructor(
    private readonly handler: (job: InProcessJob<T>) => Promise<void>,
    options: InProcessQueueOptions<T> = {},
  ) {
    this.concurrency = options.concurrency ?? 2;
    this.retry = options.retry ?? { attempts: 1, backoffMs: 0, isRetryable: () => false };
    this.onIdle = options.onIdle ?? (() => undefined);
    this.onStart = options.onStart ?? (() => undefined);
    this.onEnd = options.onEnd ?? (() => undefined);
  }

  /**
   * Queues a job; false when a job with this id is queued or running. A job that ended is
   * forgotten: the same id is queued again (the log makes processing a document twice a no-op).
   */
  add(id: string, payload: T): boolean {
    if (this.jobs.has(id)) return false;
    this.failures.delete(id);
    const job: InProcessJob<T> = { id, payload, state: 'queued', attempts: 0 };
    this.jobs.set(id, job);
    this.waiting.push(job);
    this.pump();
    return true;
  }

  /** A job queued, running or waiting for a retry. */
  get(id: string): InProcessJob<T> | undefined {
    return this.jobs.get(id);
  }

  /** Why the job `id` failed, while remembered (the last KEPT_FAILURES failures). */
  failureOf(id: string): Error | undefined {
    return this.jobs.has(id) ? undefined : this.failures.get(id);
  }

  /** How many jobs are held (queued, running, retrying): what the queue keeps in memory. */
  get size(): number {
    return this.jobs.size;
  }

  counts(): { waiting: number; active: number } {
    return { waiting: this.waiting.length + this.delayed, active: this.active };
  }

  isIdle(): boolean {
    return this.active === 0 && this.waiting.length === 0 && this.delayed === 0;
  }

  /** Starts no more jobs; the running ones go on, unwaited for (the rest stay queued). */
  halt(): void {
    this.stopped = true;
  }

  /** Starts no more jobs and resolves once the running ones have ended (the rest stay queued). */
  async stop(): Promise<void> {
    this.halt();
    while (this.active > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  /** Resolves when no job is waiting, running or waiting to be retried. */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (!this.stopped && this.active < this.concurrency) {
      const job = this.waiting.shift();
      if (!job) break;
      this.active++;
      job.state = 'processing';
      job.attempts++;
      this.onStart(job);
      void this.handler(job)
        .then(
          () => {
            job.state = 'processed';
            this.end(job);
          },
          (error: unknown) => {
            if (job.attempts < this.retry.attempts && this.retry.isRetryable(error)) return this.retryLater(job);
            job.state = 'failed';
            job.failure = error instanceof Error ? error : new Error(String(error));
            this.failures.set(job.id, job.failure);
            if (this.failures.size > KEPT_FAILURES) this.failures.delete(this.failures.keys().next().value ?? '');
            this.end(job);
          },
        )
        .finally(() => {
          this.active--;
          this.pump();
          if (this.isIdle() || (this.stopped && this.active === 0)) {
            const waiters = this.idleWaiters;
            this.idleWaiters = [];
            for (const resolve of waiters) resolve();
            if (this.isIdle()) this.onIdle();
          }
        });
    }
  }

  private end(job: InProcessJob<T>): void {
    this.jobs.delete(job.id);
    this.onEnd(job);
  }

  private retryLater(job: InProcessJob<T>): void {
    job.state = 'queued';
    this.delayed++;
    setTimeout(
      () => {
        this.delayed--;
        this.waiting.push(job);
        this.pump();
      },
      this.retry.backoffMs * 2 ** (job.attempts - 1),
    );
  }
}
