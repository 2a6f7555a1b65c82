// Pure helpers behind `timeline tag`: one JSONL line or one document in, JSON out.

import { z } from 'zod';
import { parseYmd } from '../calendar/index.js';
import { tagTemporalExpressions } from './tag.js';
import type { TimexType } from './types.js';

export interface TimexJson {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly type: TimexType;
  readonly value: string;
}

const isoDay = z
  .string()
  .refine((s) => parseYmd(s) !== undefined, { message: 'dct must be a calendar date YYYY-MM-DD' });

const InputLine = z.object({
  id: z.union([z.string(), z.number()]),
  dct: isoDay.optional().nullable(),
  text: z.string(),
});

export function tagDocumentJson(text: string, dct: string | undefined): { timexes: TimexJson[] } {
  if (dct !== undefined && !parseYmd(dct)) throw new Error(`invalid dct "${dct}": expected YYYY-MM-DD`);
  const timexes = tagTemporalExpressions(text, dct === undefined ? {} : { referenceDate: dct });
  return { timexes: timexes.map(({ start, end, text: t, type, value }) => ({ start, end, text: t, type, value })) };
}

/** Tags one `{"id","dct","text"}` line; throws an Error that says what is wrong with a bad line. */
export function tagJsonlLine(line: string): string {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch (e) {
    throw new Error(`not JSON: ${(e as Error).message}`);
  }
  const parsed = InputLine.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(line)'}: ${i.message}`).join('; ');
    throw new Error(`bad input line: ${issues}`);
  }
  const { id, dct, text } = parsed.data;
  return JSON.stringify({ id, ...tagDocumentJson(text, dct ?? undefined) });
}
