import { describe, expect, it } from 'vitest';
import { InProcessQueue } from '../../src/workers/in-process-queue.js';

class Flaky extends Error {
  readonly retryable = true;
}

describe('InProcessQueue retries', () => {
  const retry = { attempts: 3, backoffMs: 1, isRetryable: (error: unknown) => error instanceof Flaky };

  it('runs a job again after an error that says a retry can succeed, and is idle only once it is done', async () => {
    let runs = 0;
    const queue = new InProcessQueue<string>(
      async () => {
        runs++;
        if (runs < 3) throw new Flaky('not yet');
      },
      { retry },
    );
    queue.add('a', 'payload');
    await queue.whenIdle();
    expect(runs).toBe(3);
    // Done: forgotten with its payload.
    expect(queue.get('a')).toBeUndefined();
    expect(queue.failureOf('a')).toBeUndefined();
    expect(queue.isIdle()).toBe(true);
  });

  it('fails at once on other errors, and after the last attempt on retryable ones', async () => {
    const queue = new InProcessQueue<string>(
      async (job) => {
        throw job.payload === 'bad' ? new Error('bad input') : new Flaky('still down');
      },
      { retry },
    );
    queue.add('bad', 'bad');
    queue.add('down', 'down');
    expect(queue.counts().waiting + queue.counts().active).toBe(2);
    await queue.whenIdle();
    expect(queue.failureOf('bad')?.message).toBe('bad input');
    expect(queue.failureOf('down')?.message).toBe('still down');
    expect(queue.size).toBe(0);
  });

  it('without retry options a failure is final', async () => {
    const queue = new InProcessQueue<string>(async () => {
      throw new Flaky('once');
    });
    queue.add('a', 'x');
    await queue.whenIdle();
    expect(queue.failureOf('a')?.message).toBe('once');
  });
});

describe('InProcessQueue memory (issue #17, item 5)', () => {
  it('keeps no finished job nor its payload, and only the last 1000 failures (reasons, not payloads)', async () => {
    const ended: string[] = [];
    const queue = new InProcessQueue<string>(
      async (job) => {
        if (job.payload.startsWith('bad')) throw new Error(`refused ${job.id}`);
      },
      { concurrency: 4, onEnd: (job) => ended.push(job.id) },
    );
    for (let i = 0; i < 2000; i++) queue.add(`ok-${i}`, 'x'.repeat(1000));
    for (let i = 0; i < 1200; i++) queue.add(`bad-${i}`, 'bad');
    await queue.whenIdle();
    expect(queue.size).toBe(0);
    expect(ended).toHaveLength(3200);
    expect(queue.failureOf('bad-0')).toBeUndefined();
    expect(queue.failureOf('bad-1199')?.message).toBe('refused bad-1199');
    // A job id that ended may be queued again (the log makes a second run a no-op).
    expect(queue.add('ok-0', 'again')).toBe(true);
    expect(queue.add('ok-0', 'again')).toBe(false);
    await queue.whenIdle();
  });
});

describe('InProcessQueue.stop', () => {
  it('lets the running jobs finish and starts no other: the rest stay queued', async () => {
    const started: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const queue = new InProcessQueue<string>(async (job) => {
      started.push(job.id);
      await gate;
    });
    for (const id of ['a', 'b', 'c', 'd']) queue.add(id, id);
    expect(started).toEqual(['a', 'b']);
    const stopped = queue.stop();
    release();
    await stopped;
    expect(started).toEqual(['a', 'b']);
    expect(queue.get('a')).toBeUndefined();
    expect(queue.get('c')?.state).toBe('queued');
    expect(queue.counts()).toEqual({ waiting: 2, active: 0 });
    expect(queue.isIdle()).toBe(false);
  });
});
