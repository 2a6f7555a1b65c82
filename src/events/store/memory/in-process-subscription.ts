/**
 * The catch-up subscription loop shared by the in-process adapters (memory, file): read pages
 * after the last delivered position; when nothing is left, sleep until the adapter signals an
 * append (or the subscription is closed). Events reach the handler one at a time, in position order.
 */
import { InvalidEventError } from '../errors.js';
import type { RecordedEvent, Subscription } from '../event-log.js';

/** Wakes waiting subscriptions. `seq` increases on every notify, so no wake-up is ever missed. */
export class AppendSignal {
  private seq = 0;
  private waiters: Array<() => void> = [];

  get current(): number {
    return this.seq;
  }

  notify(): void {
    this.seq += 1;
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** Resolves at once if something was appended since `seenSeq`, else at the next `notify`. */
  waitAfter(seenSeq: number): Promise<void> {
    if (this.seq !== seenSeq) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}

export interface PollingSubscriptionOptions {
  readonly fromPosition: number;
  readonly handler: (event: RecordedEvent) => Promise<void> | void;
  readonly readPage: (from: number) => Promise<RecordedEvent[]>;
  readonly signal: AppendSignal;
  /** Called when the handler (or a read) throws; the subscription then stops. */
  readonly onError: (error: unknown) => void;
  /** Called once the subscription has stopped (to unregister it). */
  readonly onStopped?: () => void;
}

export function checkFromPosition(fromPosition: number): void {
  if (!Number.isInteger(fromPosition) || fromPosition < 0) {
    throw new InvalidEventError(`subscribe: fromPosition must be an integer >= 0 (got ${fromPosition})`);
  }
}

/**
 * Starts the loop. A handler error stops the subscription (a projection must not skip an
 * event) and is reported through `onError`; `close()` still resolves normally.
 * Do not `await close()` from inside the handler: close waits for the handler to return.
 */
export function startPollingSubscription(options: PollingSubscriptionOptions): Subscription {
  checkFromPosition(options.fromPosition);
  let stopped = false;
  let wakeOnClose: () => void = () => {};
  const closed = new Promise<void>((resolve) => {
    wakeOnClose = resolve;
  });

  const run = async (): Promise<void> => {
    let next = options.fromPosition + 1;
    while (!stopped) {
      const seen = options.signal.current;
      const page = await options.readPage(next);
      if (stopped) return;
      if (page.length === 0) {
        await Promise.race([options.signal.waitAfter(seen), closed]);
        continue;
      }
      for (const event of page) {
        if (stopped) return;
        await options.handler(event);
        next = event.position + 1;
      }
    }
  };

  const done = run()
    .catch((error: unknown) => {
      stopped = true;
      options.onError(error);
    })
    .finally(() => options.onStopped?.());

  return {
    async close(): Promise<void> {
      stopped = true;
      wakeOnClose();
      await done;
    },
  };
}
