/** Exit codes of the `timeline` command (documented in the README). */
export const EXIT = {
  OK: 0,
  /** Some documents were rejected or could not be read; the others went through. */
  SOME_DOCUMENTS_FAILED: 1,
  /** Wrong arguments or options. */
  USAGE: 2,
  /** The command could not run: Redis unreachable, log locked by another process, corrupt log. */
  RUNTIME: 3,
} as const;

/** An error whose message is meant for the person at the terminal, with the exit code to use. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.RUNTIME,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
