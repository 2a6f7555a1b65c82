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

export class InProcessQueue<T> {
  private readonly jobs = new Map<string, InProcessJob<T>>();
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

  constructor(
    private readonly handler: (job: InProcessJob<T>) => Promise<void>,
    /** `onIdle`: called each time the last queued job has ended. */
    options: { concurrency?: number; retry?: InProcessRetry; onIdle?: () => void } = {},
  ) {
    this.concurrency = options.concurrency ?? 2;
    this.retry = options.retry ?? { attempts: 1, backoffMs: 0, isRetryable: () => false };
    this.onIdle = options.onIdle ?? (() => undefined);
  }

  /** Queues a job; false when a job with this id is already known. */
  add(id: string, payload: T): boolean {
    const known = this.jobs.get(id);
    if (known && known.state !== 'failed') return false;
    const job: InProcessJob<T> = { id, payload, state: 'queued', attempts: 0 };
    this.jobs.set(id, job);
    this.waiting.push(job);
    this.pump();
    return true;
  }

  get(id: string): InProcessJob<T> | undefined {
    return this.jobs.get(id);
  }

  counts(): { waiting: number; active: number } {
    return { waiting: this.waiting.length + this.delayed, active: this.active };
  }

  isIdle(): boolean {
    return this.active === 0 && this.waiting.length === 0 && this.delayed === 0;
  }

  /** Starts no more jobs and resolves once the running ones have ended (the rest stay queued). */
  async stop(): Promise<void> {
    this.stopped = true;
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
      void this.handler(job)
        .then(
          () => {
            job.state = 'processed';
          },
          (error: unknown) => {
            if (job.attempts < this.retry.attempts && this.retry.isRetryable(error)) return this.retryLater(job);
            job.state = 'failed';
            job.failure = error instanceof Error ? error : new Error(String(error));
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

  private retryLater(job: InProcessJob<T>): void {
    job.state = 'queued';
    this.delayed++;
    setTimeout(() => {
      this.delayed--;
      this.waiting.push(job);
      this.pump();
    }, this.retry.backoffMs * 2 ** (job.attempts - 1));
  }
}
