/**
 * The one SIGTERM/SIGINT handling of every long-running command (`serve`, `worker`): the first
 * signal starts a graceful stop; past the force time, or at a second signal, the process exits
 * whatever is still pending (a Redis that went away during the close never answers).
 */
import { EXIT } from './exit-codes.js';

const STOP_SIGNALS = ['SIGTERM', 'SIGINT'] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];

export interface StopOptions {
  /** From the first signal: past it the process exits with EXIT.RUNTIME. */
  readonly forceMs: number;
  /** Says what a signal does, on stderr. */
  readonly say: (line: string) => void;
}

/**
 * Resolves at the first stop signal, with its name. From then on the process is bounded: it exits
 * at the force time, or at once at a second signal; a stop that ends in time lets it exit by itself.
 */
export function untilStopSignal(options: StopOptions): Promise<StopSignal> {
  return new Promise((resolve) => {
    const onSignal = (signal: StopSignal): void => {
      for (const name of STOP_SIGNALS) process.removeListener(name, onSignal);
      // Unref'd: a stop that ends in time does not wait for it.
      setTimeout(() => {
        options.say(`still stopping ${options.forceMs} ms after ${signal}; exiting`);
        process.exit(EXIT.RUNTIME);
      }, options.forceMs).unref();
      for (const name of STOP_SIGNALS) {
        process.once(name, (second: StopSignal) => {
          options.say(`${second} again: exiting without finishing the stop`);
          process.exit(EXIT.RUNTIME);
        });
      }
      resolve(signal);
    };
    for (const name of STOP_SIGNALS) process.once(name, onSignal);
  });
}
