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
 *
 * Poison jobs end: each run of a spooled job writes `{"started": jobId}` and its end
 * `{"ended": jobId}`. A job that ended is not queued again at open; one started twice without an
 * end (the process died under it twice) comes back with `starts`, and the engine fails it for good.
 */
export interface SpooledSubmission {
  readonly jobId: string;
  readonly payload: DocumentJobPayload;
  /** Runs begun and never ended (the process died under them); absent when none. */
  readonly starts?: number;
}

const SubmissionLine = z.object({ jobId: z.string().min(1), payload: DocumentJobPayload });
const StartedLine = z.strictObject({ started: z.string().min(1) });
const EndedLine = z.strictObject({ ended: z.string().min(1) });

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
  static async open(
    path: string,
    onWarning?: (message: string) => void,
  ): Promise<{ spool: SubmissionSpool; leftOver: SpooledSubmission[] }> {
    const file = await open(path, 'a+');
    const lines = (await file.readFile('utf8')).split('\n');
    const byJob = new Map<string, { payload: DocumentJobPayload; starts: number; ended: boolean }>();
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
      const submission = SubmissionLine.safeParse(parsed);
      const started = StartedLine.safeParse(parsed);
      const ended = EndedLine.safeParse(parsed);
      if (submission.success) {
        const known = byJob.get(submission.data.jobId);
        // Submitted again after it ended: a new job under the same id.
        if (!known || known.ended) {
          byJob.delete(submission.data.jobId);
          byJob.set(submission.data.jobId, { payload: submission.data.payload, starts: 0, ended: false });
        }
      } else if (started.success) {
        const known = byJob.get(started.data.started);
        if (known) known.starts++;
      } else if (ended.success) {
        const known = byJob.get(ended.data.ended);
        if (known) known.ended = true;
      } else onWarning?.(`${path}: line ${index + 1} is not a queued document; skipped`);
    });
    const leftOver: SpooledSubmission[] = [];
    for (const [jobId, { payload, starts, ended }] of byJob)
      if (!ended) leftOver.push({ jobId, payload, ...(starts > 0 ? { starts } : {}) });
    return {
      spool: new SubmissionSpool(
        file,
        lines.some((line) => line.trim() !== ''),
      ),
      leftOver,
    };
  }

  /** Resolves once the submission is on disk. */
  save(submission: SpooledSubmission): Promise<void> {
    return this.write({ jobId: submission.jobId, payload: submission.payload });
  }

  /** Records that a run of the job begins (resolves once on disk). */
  markStarted(jobId: string): Promise<void> {
    return this.write({ started: jobId });
  }

  /** Records that the job has ended for good (processed, or failed without retry). */
  markEnded(jobId: string): Promise<void> {
    return this.write({ ended: jobId });
  }

  private write(line: object): Promise<void> {
    return new Promise((done, fail) => {
      this.pending.push({ line: `${JSON.stringify(line)}\n`, done, fail });
      if (this.flushScheduled) return;
      this.flushScheduled = true;
      // flush() settles every waiting write itself (done or fail) and never rejects.
      void this.enqueue(() => this.flush());
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
