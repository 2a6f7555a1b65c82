import { describe, expect, it } from 'vitest';
import { InProcessQueue } from '../../src/workers/in-process-queue.js';

class Flaky extends Error {
  readonly retryable = true;
}

describe('InProcessQueue retries', () => {
  const retry = { attempts: 3, backoffMs: 1, isRetryable: (error: unknown) => error instanceof Flaky };

  it('runs a job again after an error that says a retry can succeed, and is idle only once it is done', async () => {
    let runs = 0;
    const queue = new InProcessQueue<string>(async () => {
      runs++;
      if (runs < 3) throw new Flaky('not yet');
    }, { retry });
    queue.add('a', 'payload');
    await queue.whenIdle();
    expect(runs).toBe(3);
    expect(queue.get('a')).toMatchObject({ state: 'processed', attempts: 3 });
    expect(queue.isIdle()).toBe(true);
  });

  it('fails at once on other errors, and after the last attempt on retryable ones', async () => {
    const queue = new InProcessQueue<string>(async (job) => {
      throw job.payload === 'bad' ? new Error('bad input') : new Flaky('still down');
    }, { retry });
    queue.add('bad', 'bad');
    queue.add('down', 'down');
    expect(queue.counts().waiting + queue.counts().active).toBe(2);
    await queue.whenIdle();
    expect(queue.get('bad')).toMatchObject({ state: 'failed', attempts: 1, failure: { message: 'bad input' } });
    expect(queue.get('down')).toMatchObject({ state: 'failed', attempts: 3, failure: { message: 'still down' } });
  });

  it('without retry options a failure is final', async () => {
    const queue = new InProcessQueue<string>(async () => {
      throw new Flaky('once');
    });
    queue.add('a', 'x');
    await queue.whenIdle();
    expect(queue.get('a')).toMatchObject({ state: 'failed', attempts: 1 });
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
    expect(queue.get('a')?.state).toBe('processed');
    expect(queue.get('c')?.state).toBe('queued');
    expect(queue.counts()).toEqual({ waiting: 2, active: 0 });
    expect(queue.isIdle()).toBe(false);
  });
});
