/**
 * When the next reconciliation may run. A reconciliation grows with the timeline: after one that
 * took d ms the next waits 2d, so reconciling takes at most a third of a core (much less while it
 * is fast) and leaves the rest to the documents that keep arriving. Both transports ask this one
 * pacer: the in-process queue before the reconciliation its finished documents share, BullMQ's
 * reconcile worker at each scheduled tick.
 */
export interface ReconcilePace {
  /** The next run waits this many times as long as the last one took. */
  readonly restFactor: number;
  /** After a reconciliation that appended, the next waits at least this long. */
  readonly minRestAfterAppendMs: number;
  /** How often a scheduled transport asks (BullMQ's job scheduler); a tick while resting returns at once. */
  readonly tickMs: number;
}

export const RECONCILE_PACE = {
  /**
   * Across Redis many documents finish on many machines: a tick every half second, and at least a
   * second between two reconciliations that changed the timeline.
   */
  bullmq: { restFactor: 2, minRestAfterAppendMs: 1000, tickMs: 500 },
  /**
   * In one process the finished documents already share one reconciliation (CoalescedRunner), and a
   * command waits for the last one (`timeline run`): no floor, no tick.
   */
  inProcess: { restFactor: 2, minRestAfterAppendMs: 0, tickMs: 0 },
} as const satisfies Record<'bullmq' | 'inProcess', ReconcilePace>;

export class ReconcilePacer {
  private restUntil = 0;

  constructor(
    readonly pace: ReconcilePace,
    private readonly now: () => number = Date.now,
  ) {}

  /** How long to wait from now before the next reconciliation (0: it may run). */
  restMs(): number {
    return Math.max(0, this.restUntil - this.now());
  }

  /** Runs a reconciliation and records how long it took and whether it appended (a failed one did not). */
  async timed<T extends { readonly result: string }>(reconcile: () => Promise<T>): Promise<T> {
    const started = this.now();
    let appended = false;
    try {
      const outcome = await reconcile();
      appended = outcome.result === 'appended';
      return outcome;
    } finally {
      this.ran(this.now() - started, appended);
    }
  }

  /** Records a reconciliation that took `ms` and whether it appended to the log. */
  ran(ms: number, appended: boolean): void {
    const rest = Math.max(this.pace.restFactor * ms, appended ? this.pace.minRestAfterAppendMs : 0);
    this.restUntil = this.now() + rest;
  }
}
