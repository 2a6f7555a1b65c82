import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

describe('timeline tag (real CLI)', () => {
  it('--jsonl: one {"id","timexes"} line per input line, offsets into the text', async () => {
    const lines = [
      { id: 'a', dct: '2022-03-13', text: 'Sullivan told CNN on Sunday that he will meet Yang on Monday.' },
      { id: 'b', dct: '1998-08-07', text: 'Profits rose in the third quarter, the company said Friday.' },
    ];
    const result = await runCli(['tag', '--jsonl'], { input: lines.map((l) => JSON.stringify(l)).join('\n') + '\n' });
    expect(result.code).toBe(0);
    const out = result.stdout
      .trim()
      .split('\n')
      .map(
        (line) =>
          JSON.parse(line) as {
            id: string;
            timexes: Array<{ start: number; end: number; text: string; value: string }>;
          },
      );
    expect(out.map((o) => o.id)).toEqual(['a', 'b']);
    expect(out[0]!.timexes.map((t) => [t.text, t.value])).toEqual([
      ['Sunday', '2022-03-13'],
      ['Monday', '2022-03-14'],
    ]);
    for (const [i, o] of out.entries())
      for (const t of o.timexes) expect(lines[i]!.text.slice(t.start, t.end)).toBe(t.text);
    expect(out[1]!.timexes.find((t) => t.text === 'Friday')?.value).toBe('1998-08-07');
  });

  it('--dct for one text; a bad line is reported with its number and exit code 2', async () => {
    const one = await runCli(['tag', '--dct', '2022-03-13'], { input: 'Russia invaded Ukraine on Feb. 24.' });
    expect(JSON.parse(one.stdout)).toEqual({
      timexes: [{ start: 26, end: 33, text: 'Feb. 24', type: 'DATE', value: '2022-02-24' }],
    });
    const bad = await runCli(['tag', '--jsonl'], { input: '{"id":"a","dct":"2022-03-13","text":"ok"}\nnot json\n' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/stdin line 2: /);
  });
});
