/**
 * The one worker runtime: the lifecycle of whatever takes jobs in this process (the in-process
 * queue, BullMQ workers) and of what they hold (the projection, the analysis threads, the log).
 *
 * States as Temporal's worker: INITIALIZED → RUNNING → DRAINING → STOPPED, or FAILED when a
 * cleanup step failed or the force time passed. `shutdown()` is idempotent: every call returns
 * the first call's promise, which settles once, after every step had its chance:
 *
 * 1. the transports stop taking jobs and the running ones may finish, for at most the grace time;
 * 2. past it, the transports abandon their running jobs (BullMQ picks them up again as stalled,
 *    the in-process spool queues them again at the next start);
 * 3. the cleanup steps run in order, each on its own: one failing (a projection save on a full
 *    disk) is reported and the next still runs (the log still releases its lock);
 * 4. past the force time nothing more is awaited: the promise rejects with what is still pending,
 *    whatever Redis does (a command queued on a connection that never comes back never settles).
 */
export type WorkerState = 'INITIALIZED' | 'RUNNING' | 'DRAINING' | 'STOPPED' | 'FAILED';

/** What takes jobs: the in-process queue, a BullMQ worker. */
export interface WorkerTransport {
  readonly name: string;
  /** Starts taking jobs. */
  start(): void;
  /** Stops taking jobs and resolves once the running ones have ended. */
  drain(): Promise<void>;
  /** Stops without waiting for the running jobs, which are run again elsewhere or later. */
  abandon(): Promise<void>;
}

export interface CleanupStep {
  readonly name: string;
  run(): Promise<unknown> | unknown;
}

export interface WorkerRuntimeOptions {
  readonly transports: readonly WorkerTransport[];
  /** Run in order once the transports have stopped; each one runs whatever the others did. */
  readonly cleanup: readonly CleanupStep[];
  /** How long running jobs may take to finish once shutdown starts (Infinity: as long as they take). */
  readonly graceMs: number;
  /** From the start of shutdown: past it, shutdown settles (FAILED) without waiting any more (Infinity: never). */
  readonly forceMs: number;
  /** Told of each step that failed or did not finish in time, as it happens. */
  readonly onStepFailed?: (step: string, error: unknown) => void;
}

/** A shutdown that did not end cleanly: which steps failed, and which were still running at the force time. */
export class ShutdownError extends AggregateError {
  constructor(
    readonly failedSteps: readonly string[],
    errors: readonly unknown[],
  ) {
    super(errors, `shutdown did not end cleanly: ${failedSteps.join(', ')}`);
    this.name = 'ShutdownError';
  }
}

/** A step still running at the force time. */
export class ShutdownTimeoutError extends Error {
  constructor(
    readonly step: string,
    forceMs: number,
  ) {
    super(`${step} was still running ${forceMs} ms after shutdown started`);
    this.name = 'ShutdownTimeoutError';
  }
}

export class WorkerRuntime {
  private current: WorkerState = 'INITIALIZED';
  private stopping: Promise<void> | undefined;

  constructor(private readonly options: WorkerRuntimeOptions) {}

  get state(): WorkerState {
    return this.current;
  }

  /** Starts every transport. Only from INITIALIZED: a runtime runs once. */
  start(): void {
    if (this.current !== 'INITIALIZED') throw new Error(`a worker runtime starts once (it is ${this.current})`);
    this.current = 'RUNNING';
    for (const transport of this.options.transports) transport.start();
  }

  /**
   * Drains, then cleans up; resolves when STOPPED, rejects with ShutdownError when FAILED. Every
   * call returns the first call's promise; `times` (the first call's) override the options' times.
   */
  shutdown(times: { readonly graceMs?: number; readonly forceMs?: number } = {}): Promise<void> {
    this.stopping ??= this.runShutdown(times.graceMs ?? this.options.graceMs, times.forceMs ?? this.options.forceMs);
    return this.stopping;
  }

  private async runShutdown(graceMs: number, forceMs: number): Promise<void> {
    this.current = 'DRAINING';
    const startedAt = Date.now();
    const failed: string[] = [];
    const errors: unknown[] = [];
    const fail = (step: string, error: unknown): void => {
      failed.push(step);
      errors.push(error);
      this.options.onStepFailed?.(step, error);
    };
    /** Runs one step, never past the force time; true when it finished without error. */
    const runStep = async (
      name: string,
      step: () => Promise<unknown> | unknown,
      budgetMs = Infinity,
    ): Promise<'done' | 'timed-out' | 'failed'> => {
      const left = Math.min(budgetMs, forceMs - (Date.now() - startedAt));
      let timer: NodeJS.Timeout | undefined;
      const outOfTime = new Promise<'timed-out'>((resolve) => {
        if (Number.isFinite(left)) timer = setTimeout(() => resolve('timed-out'), Math.max(0, left));
      });
      try {
        return await Promise.race([
          Promise.resolve()
            .then(step)
            .then(() => 'done' as const),
          outOfTime,
        ]);
      } catch (error) {
        fail(name, error);
        return 'failed';
      } finally {
        clearTimeout(timer);
      }
    };

    const drained = await runStep(
      'drain',
      () => Promise.all(this.options.transports.map((transport) => transport.drain())),
      graceMs,
    );
    if (drained !== 'done') {
      // Past the grace time (or a transport failed to drain): stop waiting for the running jobs.
      for (const transport of this.options.transports) {
        const abandoned = await runStep(`abandon ${transport.name}`, () => transport.abandon());
        if (abandoned === 'timed-out')
          fail(`abandon ${transport.name}`, new ShutdownTimeoutError(`abandon ${transport.name}`, forceMs));
      }
    }
    for (const step of this.options.cleanup) {
      const outcome = await runStep(step.name, () => step.run());
      if (outcome === 'timed-out') fail(step.name, new ShutdownTimeoutError(step.name, forceMs));
    }
    this.current = failed.length > 0 ? 'FAILED' : 'STOPPED';
    if (failed.length > 0) throw new ShutdownError(failed, errors);
  }
}
