import { describe, expect, it } from 'vitest';
import { CoalescedRunner } from '../../src/workers/coalesced-runner.js';

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));

describe('CoalescedRunner', () => {
  it('serves every request that arrives during a run with one more run', async () => {
    const starts: number[] = [];
    let input = 0;
    const runner = new CoalescedRunner(async () => {
      starts.push(input);
      await tick();
    });
    input = 1;
    const first = runner.request();
    input = 2;
    const during = [runner.request(), runner.request(), runner.request()];
    input = 3;
    await Promise.all([first, ...during]);
    // One run saw input 1; one more run, started after the requests, saw the latest input.
    expect(starts).toEqual([1, 3]);
    await runner.request();
    expect(starts).toEqual([1, 3, 3]);
  });

  it('a failing run rejects its callers but does not stop later runs', async () => {
    let calls = 0;
    const runner = new CoalescedRunner(async () => {
      calls++;
      await tick();
      if (calls === 1) throw new Error('transient');
    });
    const failing = runner.request();
    const after = runner.request();
    await expect(failing).rejects.toThrow('transient');
    await expect(after).resolves.toBeUndefined();
    await runner.settled();
    expect(calls).toBe(2);
  });
});

describe('CoalescedRunner rest between runs', () => {
  it('waits restAfter(last run time) before the next run', async () => {
    const starts: number[] = [];
    const runner = new CoalescedRunner(
      async () => {
        starts.push(performance.now());
        await new Promise((resolve) => setTimeout(resolve, 20));
      },
      (lastRunMs) => 2 * lastRunMs,
    );
    const first = runner.request();
    const second = runner.request();
    await Promise.all([first, second]);
    expect(starts).toHaveLength(2);
    // The first run took ≥ 20 ms, so the second starts ≥ 20 + 40 ms after the first.
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(55);
  });
});
