import { open, type FileHandle } from 'node:fs/promises';
import { z } from 'zod';
import { DocumentJobPayload } from '../documents/document-job.js';

/**
 * What keeps the embedded queue's accepted documents across a crash: every submission is written
 * to `queue.jsonl` (one JSON line: job id and payload) and synced before the submitter hears
 * "queued". A process that opens the data directory again queues every line again; that is safe
 * because processing a document twice appends nothing new (deterministic event ids, and a job's
 * metadata is applied once). The file is emptied whenever the queue has nothing left to do, so at
 * most the backlog of the moment is processed again.
 *
 * Submissions arriving together share one write and one fdatasync (group commit), as the file log does.
 */
export interface SpooledSubmission {
  readonly jobId: string;
  readonly payload: DocumentJobPayload;
}

const SpoolLine = z.object({ jobId: z.string().min(1), payload: DocumentJobPayload });

export class SubmissionSpool {
  private pending: Array<{ line: string; done: () => void; fail: (error: unknown) => void }> = [];
  private chain: Promise<void> = Promise.resolve();
  private flushScheduled = false;

  private constructor(
    private readonly file: FileHandle,
    /** Whether the file may hold lines (nothing to empty otherwise). */
    private dirty: boolean,
  ) {}

  /** Opens (or creates) the spool and returns what it holds: submissions not known to be done. */
  static async open(path: string, onWarning?: (message: string) => void): Promise<{ spool: SubmissionSpool; leftOver: SpooledSubmission[] }> {
    const file = await open(path, 'a+');
    const lines = (await file.readFile('utf8')).split('\n');
    const leftOver: SpooledSubmission[] = [];
    lines.forEach((line, index) => {
      if (!line.trim()) return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        // A line cut short by a crash was never synced, so its submitter was never told "queued".
        onWarning?.(`${path}: line ${index + 1} is not complete JSON (a crash while writing it); skipped`);
        return;
      }
      const checked = SpoolLine.safeParse(parsed);
      if (checked.success) leftOver.push(checked.data);
      else onWarning?.(`${path}: line ${index + 1} is not a queued document; skipped`);
    });
    return { spool: new SubmissionSpool(file, lines.some((line) => line.trim() !== '')), leftOver };
  }

  /** Resolves once the submission is on disk. */
  save(submission: SpooledSubmission): Promise<void> {
    return new Promise((done, fail) => {
      this.pending.push({ line: `${JSON.stringify(submission)}\n`, done, fail });
      if (this.flushScheduled) return;
      this.flushScheduled = true;
      this.enqueue(() => this.flush());
    });
  }

  /** Empties the spool if `isIdle()` still holds once every earlier save is on disk. */
  clearIfIdle(isIdle: () => boolean): Promise<void> {
    return this.enqueue(async () => {
      if (!this.dirty || !isIdle() || this.pending.length > 0) return;
      await this.file.truncate(0);
      await this.file.datasync();
      this.dirty = false;
    });
  }

  async close(): Promise<void> {
    await this.chain;
    await this.file.close();
  }

  private enqueue(operation: () => Promise<void>): Promise<void> {
    const run = this.chain.then(operation);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async flush(): Promise<void> {
    this.flushScheduled = false;
    const batch = this.pending;
    this.pending = [];
    this.dirty = true;
    try {
      await this.file.appendFile(batch.map((entry) => entry.line).join(''), 'utf8');
      await this.file.datasync();
      for (const entry of batch) entry.done();
    } catch (error) {
      for (const entry of batch) entry.fail(error);
    }
  }
}
