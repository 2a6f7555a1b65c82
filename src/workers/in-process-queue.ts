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
  failure?: Error;
}

export class InProcessQueue<T> {
  private readonly jobs = new Map<string, InProcessJob<T>>();
  private readonly waiting: Array<InProcessJob<T>> = [];
  private active = 0;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly handler: (job: InProcessJob<T>) => Promise<void>,
    private readonly concurrency = 2,
  ) {}

  /** Queues a job; false when a job with this id is already known. */
  add(id: string, payload: T): boolean {
    const known = this.jobs.get(id);
    if (known && known.state !== 'failed') return false;
    const job: InProcessJob<T> = { id, payload, state: 'queued' };
    this.jobs.set(id, job);
    this.waiting.push(job);
    this.pump();
    return true;
  }

  get(id: string): InProcessJob<T> | undefined {
    return this.jobs.get(id);
  }

  counts(): { waiting: number; active: number } {
    return { waiting: this.waiting.length, active: this.active };
  }

  isIdle(): boolean {
    return this.active === 0 && this.waiting.length === 0;
  }

  /** Resolves when no job is waiting or running. */
  whenIdle(): Promise<void> {
    if (this.active === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (this.active < this.concurrency) {
      const job = this.waiting.shift();
      if (!job) break;
      this.active++;
      job.state = 'processing';
      void this.handler(job)
        .then(
          () => {
            job.state = 'processed';
          },
          (error: unknown) => {
            job.state = 'failed';
            job.failure = error instanceof Error ? error : new Error(String(error));
          },
        )
        .finally(() => {
          this.active--;
          this.pump();
          if (this.active === 0 && this.waiting.length === 0) {
            const waiters = this.idleWaiters;
            this.idleWaiters = [];
            for (const resolve of waiters) resolve();
          }
        });
    }
  }
}
