// The anchored scans (src/tagger/anchor.ts, the chrono trigger positions) are a speed-up only: they must
// find exactly what a pass of each pattern over the whole text finds. Checked on the corpus and on
// texts generated from the rule patterns themselves, which put long and odd matches next to each other.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYmd } from '../../src/calendar/index.js';
import { chronoTriggers, chronoWindows } from '../../src/tagger/chrono-layer.js';
import { KeyScanner } from '../../src/tagger/key-scan.js';
import { resolveOverlaps } from '../../src/tagger/merge.js';
import type { Candidate } from '../../src/tagger/candidate.js';
import { tagTemporalExpressions } from '../../src/tagger/index.js';
import { applyRules, newsRules } from '../../src/tagger/rules.js';
import { TEXT_KEYS, TextKeys, type TextScan } from '../../src/tagger/text-keys.js';

type Node =
  | { t: 'alt'; alts: Node[] }
  | { t: 'seq'; items: Node[] }
  | { t: 'rep'; atom: Node; lo: number; hi: number }
  | { t: 'set'; chars: string[] }
  | { t: 'lit'; c: string }
  | { t: 'empty' };

/** Random strings a regex source (the subset the rules use) matches, give or take its lookarounds. */
function generator(source: string, random: () => number): () => string {
  let i = 0;
  const classEscape = (e: string): string[] =>
    e === 'd' ? [...'0123456789'] : e === 's' ? [' '] : e === 'w' ? [...'abcXYZ019_'] : [e];
  const parseClass = (): Node => {
    i++;
    const negated = source[i] === '^';
    if (negated) i++;
    const chars: string[] = [];
    let first = true;
    while (source[i] !== ']' || first) {
      first = false;
      let c = source[i++]!;
      if (c === '\\') {
        const e = source[i++]!;
        if (e === 'u') {
          c = String.fromCharCode(parseInt(source.slice(i, i + 4), 16));
          i += 4;
        } else if ('dsw'.includes(e)) {
          chars.push(...classEscape(e));
          continue;
        } else c = e;
      }
      if (source[i] === '-' && source[i + 1] !== ']') {
        i++;
        let d = source[i++]!;
        if (d === '\\') d = source[i++]!;
        for (let k = c.charCodeAt(0); k <= d.charCodeAt(0); k++) chars.push(String.fromCharCode(k));
      } else chars.push(c);
    }
    i++;
    if (!negated) return { t: 'set', chars };
    const pool = [...'abcxyz AZ09.,;-$%/\'"()'].filter((x) => !chars.includes(x));
    return { t: 'set', chars: pool.length ? pool : [' '] };
  };
  const parseAtom = (): Node => {
    const c = source[i]!;
    if (c === '(') {
      i++;
      let look = false;
      if (source.startsWith('?:', i)) i += 2;
      else if (source.startsWith('?=', i) || source.startsWith('?!', i)) {
        i += 2;
        look = true;
      } else if (source.startsWith('?<=', i) || source.startsWith('?<!', i)) {
        i += 3;
        look = true;
      }
      const inner = parseAlt();
      i++;
      return look ? { t: 'empty' } : inner;
    }
    if (c === '[') return parseClass();
    i++;
    if (c === '\\') {
      const e = source[i++]!;
      if (e === 'b' || e === 'B') return { t: 'empty' };
      if (e === 's') return { t: 'set', chars: [' ', ' ', '  ', '\n'] };
      if (e === 'd' || e === 'w') return { t: 'set', chars: classEscape(e) };
      if (e === 'u') {
        const ch = String.fromCharCode(parseInt(source.slice(i, i + 4), 16));
        i += 4;
        return { t: 'lit', c: ch };
      }
      return { t: 'lit', c: e };
    }
    if (c === '.') return { t: 'set', chars: ['a', ' ', '.'] };
    if (c === '^' || c === '$') return { t: 'empty' };
    return { t: 'lit', c };
  };
  const parseSeq = (): Node => {
    const items: Node[] = [];
    while (i < source.length && source[i] !== '|' && source[i] !== ')') {
      const atom = parseAtom();
      let q: [number, number] | undefined;
      const c = source[i];
      const braces = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
      if (c === '?') {
        i++;
        q = [0, 1];
      } else if (c === '*') {
        i++;
        q = [0, 3];
      } else if (c === '+') {
        i++;
        q = [1, 3];
      } else if (braces) {
        i += braces[0].length;
        const lo = Number(braces[1]);
        q = [lo, braces[2] ? (braces[3] ? Number(braces[3]) : lo + 2) : lo];
      }
      if (q && source[i] === '?') i++;
      items.push(q ? { t: 'rep', atom, lo: q[0], hi: q[1] } : atom);
    }
    return { t: 'seq', items };
  };
  function parseAlt(): Node {
    const alts = [parseSeq()];
    while (source[i] === '|') {
      i++;
      alts.push(parseSeq());
    }
    return { t: 'alt', alts };
  }
  const tree = parseAlt();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const gen = (n: Node): string => {
    switch (n.t) {
      case 'alt':
        return gen(pick(n.alts));
      case 'seq':
        return n.items.map(gen).join('');
      case 'rep': {
        let s = '';
        for (let k = n.lo + Math.floor(random() * (n.hi - n.lo + 1)); k > 0; k--) s += gen(n.atom);
        return s;
      }
      case 'set':
        return pick(n.chars);
      case 'lit':
        return n.c;
      case 'empty':
        return '';
    }
  };
  return () => gen(tree);
}

function seeded(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

const wholeTextScan = (scan: TextScan): TextScan => ({ present: scan.present, starts: [], anchored: false });

describe('anchored rule scan', () => {
  const ref = parseYmd('1998-03-11');

  it('finds what the whole-text scan finds on texts made from the rule patterns', () => {
    const random = seeded(17);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const generators = newsRules.map((r) => generator(r.re.source, random));
    const filler = [
      'the',
      'a',
      'said',
      'in',
      'for',
      'of',
      'over',
      'early',
      'last',
      '1990',
      'two',
      '(',
      '"',
      'week',
      'years',
      'per',
      'time',
      'now',
      '$',
      'No.',
      'as',
    ];
    const separators = [' ', ' ', ' ', '  ', '\n', ', ', '-', '. ', ''];
    for (let n = 0; n < 4000; n++) {
      let text = '';
      for (let p = 1 + Math.floor(random() * 5); p > 0; p--) {
        for (let f = Math.floor(random() * 4); f > 0; f--) text += pick(filler) + pick(separators);
        let g = pick(generators)();
        const r = random();
        if (r < 0.2) g = g.toUpperCase();
        else if (r < 0.4) g = g.replace(/\b[a-z]/g, (x) => (random() < 0.5 ? x.toUpperCase() : x));
        text += g + pick(separators);
      }
      const ctx = { text, ref: random() < 0.5 ? ref : undefined, quarterly: random() < 0.5 };
      const scan = TEXT_KEYS.scan(text);
      expect(applyRules(ctx, scan), text).toEqual(applyRules(ctx, scan, true));
    }
  });

  const corpus = join(process.cwd(), 'test/fixtures/timebank.jsonl');
  it.skipIf(!existsSync(corpus))('finds what the whole-text scan finds on the corpus', () => {
    for (const line of readFileSync(corpus, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const doc = JSON.parse(line) as { text: string; dct: string };
      const ctx = { text: doc.text, ref: parseYmd(doc.dct), quarterly: true };
      const scan = TEXT_KEYS.scan(doc.text);
      expect(applyRules(ctx, scan)).toEqual(applyRules(ctx, scan, true));
    }
  });

  it('falls back to the whole text when lower-casing moves the indices', () => {
    const text = 'İstanbul talks lasted two weeks, from March 3 to 5 p.m.';
    const scan = TEXT_KEYS.scan(text);
    expect(scan.anchored).toBe(false);
    expect(applyRules({ text, ref, quarterly: false }, scan).map((c) => text.slice(c.start, c.end))).toContain(
      'two weeks',
    );
  });
});

describe('chrono triggers from the key scan', () => {
  it('are the matches of the trigger pattern, and give the same windows', () => {
    const random = seeded(5);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const source =
      /(?:J(?:an|u[nl])|Feb|Ma[ry]|A(?:pr|ug)|Sep|Oct|Nov|Dec)[a-z]*\b|\d(?::\d\d|\s*[ap]\.?m\b|\d{3}-\d\d-\d\d)|\d{1,2}\/\d{1,2}\/\d{2,4}|noon|midnight/
        .source;
    const gen = generator(source, random);
    const filler = [
      'the',
      'market',
      '1',
      '12',
      '2021',
      '-',
      '/',
      ':',
      'am',
      'pm',
      'a.m.',
      'decline',
      'supermarket',
      'Sept.',
      '_',
      '9',
      '\n',
      '1990-03-04',
      '3/4',
      '12:30',
      '5 pm',
      '10  a.m.',
    ];
    const separators = [' ', ' ', '', '-', '/', ':', '  ', '\n', ', '];
    for (let n = 0; n < 4000; n++) {
      let text = '';
      for (let p = 1 + Math.floor(random() * 12); p > 0; p--) {
        const g = random() < 0.5 ? gen() : pick(filler);
        text += (random() < 0.3 ? g.toUpperCase() : g) + pick(separators);
      }
      const scan = TEXT_KEYS.scan(text);
      const found = (s: TextScan): number[] => {
        const out: number[] = [];
        chronoTriggers(text, s, (i, l) => out.push(i, l));
        return out;
      };
      expect(found(scan), text).toEqual(found(wholeTextScan(scan)));
      expect(chronoWindows(text, scan), text).toEqual(chronoWindows(text, wholeTextScan(scan)));
    }
  });
});

describe('TextKeys', () => {
  it('keeps ids when keys come after a scan, and scans for them from then on', () => {
    const keys = new TextKeys();
    const [year] = keys.ids(['year']);
    expect(keys.scan('Last YEAR').present[year!]).toBe(1);
    const [week] = keys.ids(['week'], true);
    expect(keys.ids(['year'])).toEqual([year]);
    const scan = keys.scan('this week, last Week');
    expect([scan.present[year!], scan.present[week!]]).toEqual([0, 1]);
    expect(scan.starts[week!]).toEqual([5, 16]);
  });
});

describe('KeyScanner with folded case', () => {
  it('answers what includes() answers on the lower-cased text', () => {
    const keys = ['day', 'today', 'k', 'ki', 'in', 'i', 'est', 'a.m', '-', 'mar'];
    const scanner = new KeyScanner(keys, true);
    const texts = [
      'TODAY',
      'To-Day',
      '\u212Aing',
      'İN',
      'İ',
      'Market',
      'A.M.',
      'EST-',
      'ı i',
      'Straße',
      'x\u212A\u212A',
    ];
    for (const text of texts) {
      const lower = text.toLowerCase();
      const found = scanner.scan(text);
      keys.forEach((key, k) => expect(found[k], `${key} in ${text}`).toBe(lower.includes(key) ? 1 : 0));
    }
    expect(() => new KeyScanner(['Day'], true)).toThrow();
  });

  it('gives the start of every occurrence of the keys asked for', () => {
    const keys = ['year', 'years', 'ear'];
    const scanner = new KeyScanner(keys, true);
    const starts: (number[] | undefined)[] = [];
    scanner.scanAt('Years and YEAR, year-end', new Uint8Array([1, 1, 0]), starts);
    expect(starts[0]).toEqual([0, 10, 16]);
    expect(starts[1]).toEqual([0]);
    expect(starts[2]).toBeUndefined();
  });
});

describe('linear cost on long texts', () => {
  it('overlap resolution keeps what the all-pairs check keeps', () => {
    const random = seeded(9);
    const naive = (cs: Candidate[]): Candidate[] => {
      const ranked = [...cs].sort(
        (a, b) => b.end - b.start - (a.end - a.start) || b.priority - a.priority || a.start - b.start,
      );
      const kept: Candidate[] = [];
      for (const c of ranked) if (!kept.some((k) => c.start < k.end && k.start < c.end)) kept.push(c);
      return kept.sort((a, b) => a.start - b.start);
    };
    for (let n = 0; n < 500; n++) {
      const cs: Candidate[] = Array.from({ length: Math.floor(random() * 30) }, () => {
        const start = Math.floor(random() * 100);
        return {
          start,
          end: start + 1 + Math.floor(random() * 12),
          type: 'DATE',
          value: 'x',
          resolution: 'explicit',
          priority: Math.floor(random() * 4),
        };
      });
      expect(resolveOverlaps(cs)).toEqual(naive(cs));
    }
  });

  // Long repetitive texts once took quadratic time (200k characters of "last year": about 16 s);
  // the suite would stall on a regression. Speed itself is measured by `npm run bench`.
  it('tags repetitive long texts: every repetition, each the same way', () => {
    const unit = 'The company said on Monday that profit rose 5% in the third quarter from a year earlier. ';
    const once = tagTemporalExpressions(unit, { referenceDate: '1998-03-11' }).map((t) => t.value);
    const many = tagTemporalExpressions(unit.repeat(2000), { referenceDate: '1998-03-11' });
    expect(once.length).toBeGreaterThan(1);
    expect(many).toHaveLength(2000 * once.length);
    expect(many.slice(-once.length).map((t) => t.value)).toEqual(once);
    expect(tagTemporalExpressions('last year '.repeat(20000), { referenceDate: '1998-03-11' })).toHaveLength(20000);
    for (const text of [
      'In March 1990 it fell. The following month it rose, and the following year it fell. '.repeat(2000),
      `${'as'.repeat(40)}x two years ago. `.repeat(2000),
    ]) {
      expect(tagTemporalExpressions(text, { referenceDate: '1998-03-11' }).length).toBeGreaterThanOrEqual(2000);
    }
  });
});
