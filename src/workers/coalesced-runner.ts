/**
 * Runs a task at most once at a time; requests made while it runs are served by ONE run that
 * starts after it. Each returned promise settles after a run that started after the request, so
 * a caller knows its input was seen. Reconciliation uses it: a batch of documents finishing
 * during one reconciliation needs one more, not one each.
 */
export class CoalescedRunner {
  private current: Promise<void> | undefined;
  private queued: Promise<void> | undefined;
  private lastRunMs = 0;

  /**
   * @param restAfter how long to wait after a run before the next one starts, given how long the
   *   last run took: a task that grows with its input then takes a bounded share of the CPU.
   */
  constructor(
    private readonly task: () => Promise<unknown>,
    private readonly restAfter: (lastRunMs: number) => number = () => 0,
  ) {}

  request(): Promise<void> {
    if (this.queued) return this.queued;
    if (!this.current) return (this.current = this.start());
    const running = this.current;
    this.queued = running
      .catch(() => undefined)
      .then(() => new Promise((resolve) => setTimeout(resolve, this.restAfter(this.lastRunMs))))
      .then(() => {
        this.queued = undefined;
        return (this.current = this.start());
      });
    return this.queued;
  }

  /** Resolves once nothing runs or waits. */
  async settled(): Promise<void> {
    while (this.current || this.queued) await (this.queued ?? this.current)?.catch(() => undefined);
  }

  private start(): Promise<void> {
    const started = performance.now();
    const run = this.task().then(() => {
      this.lastRunMs = performance.now() - started;
    });
    void run
      .catch(() => {
        this.lastRunMs = performance.now() - started;
      })
      .then(() => {
        if (this.current === run) this.current = undefined;
      });
    return run;
  }
}
