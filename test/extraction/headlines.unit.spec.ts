import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tagText } from '../../src/language/annotate.js';
import { thirdPerson } from '../../src/extraction/lexicon.js';
import { retag } from '../../src/extraction/predicates.js';
import { analyzeDocument } from '../../src/pipeline/analyze-document.js';

/**
 * Issue #13: headline titles checked against the headlines an editor wrote for sentences of the
 * trial corpus and the seeds (test/fixtures/headlines.json). For each sentence an event of that
 * sentence must carry the subject's name as the text gives it and the main verb's lemma; no title
 * of any event of these sentences may be a fragment.
 */

interface HeadlineCase {
  readonly source: string;
  readonly shape: string;
  /** The sentence before, when the subject is a pronoun it resolves. */
  readonly context?: string;
  readonly sentence: string;
  /** What an editor would write (for the reader of the fixture; not compared word for word). */
  readonly headline: string;
  readonly subject: string;
  readonly lemma: string;
  /** Why no class rule handles this sentence today: skipped for subject and lemma. */
  readonly knownGap?: string;
}

const cases = JSON.parse(
  readFileSync(new URL('../fixtures/headlines.json', import.meta.url), 'utf8'),
) as HeadlineCase[];

/** Closed-class words a headline never starts with: determiners, prepositions, conjunctions, auxiliaries. */
const FUNCTION_START = new Set([
  'the',
  'a',
  'an',
  'this',
  'that',
  'these',
  'those',
  'some',
  'any',
  'each',
  'every',
  'no',
  'of',
  'in',
  'on',
  'at',
  'by',
  'for',
  'with',
  'from',
  'to',
  'into',
  'about',
  'as',
  'after',
  'before',
  'during',
  'since',
  'until',
  'over',
  'under',
  'between',
  'among',
  'through',
  'against',
  'according',
  'and',
  'or',
  'but',
  'nor',
  'yet',
  'so',
  'while',
  'when',
  'if',
  'because',
  'although',
  'though',
  'whether',
  'than',
  'which',
  'who',
  'whom',
  'whose',
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  'being',
  'has',
  'have',
  'had',
  'do',
  'does',
  'did',
  'will',
  'would',
  'shall',
  'should',
  'can',
  'could',
  'may',
  'might',
  'must',
]);
/** Words a headline never ends on: prepositions, determiners, conjunctions. */
const FUNCTION_END = new Set([
  'the',
  'a',
  'an',
  'this',
  'these',
  'those',
  'its',
  'their',
  'his',
  'her',
  'our',
  'my',
  'your',
  'of',
  'in',
  'on',
  'at',
  'by',
  'for',
  'with',
  'from',
  'to',
  'into',
  'about',
  'as',
  'after',
  'before',
  'during',
  'since',
  'until',
  'between',
  'among',
  'through',
  'against',
  'and',
  'or',
  'but',
  'nor',
  'while',
  'when',
  'if',
  'because',
  'although',
  'whether',
  'than',
  'which',
  'who',
  'whom',
  'whose',
  'that',
]);

function words(title: string): string[] {
  return title
    .toLowerCase()
    .replace(/[“”"'’.,:;!?()…]+(\s|$)/g, '$1')
    .split(/\s+/)
    .filter(Boolean);
}

/**
 * Why a title is a fragment, or undefined. A bare verb start: the first word is a verb in the
 * sentence (as the tagger read it there) and never a noun or a name in it.
 */
function fragment(title: string, sentence: string): string | undefined {
  const w = words(title);
  const first = w[0];
  const last = w[w.length - 1];
  if (!first || !last) return 'empty';
  if (FUNCTION_START.has(first)) return `starts with "${first}"`;
  if (FUNCTION_END.has(last)) return `ends with "${last}"`;
  // (A word capitalised inside the sentence is a name: "Lost and Desperate Housewives".)
  if (
    new RegExp(
      `[^.!?"“]\\s+${first.charAt(0).toUpperCase()}${first.slice(1).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`,
    ).test(sentence)
  )
    return undefined;
  // (Read as the analysis reads words: wink's tags with the corrections of predicates.ts, each tested on
  // its own; "according to figures released" has the noun "figures", which wink alone tags a verb.)
  const readings = retag(tagText(sentence)).filter((t) => t.lower === first);
  if (readings.length && readings.every((t) => t.pos === 'VERB' || t.pos === 'AUX'))
    return `starts with the verb "${first}"`;
  return undefined;
}

/**
 * Whether the title names `subject` as its subject: the name, then the verb of `lemma` in any form
 * the sentence or a headline gives it ("unveils", "to unveil", "does not provide", "introduced by").
 */
function namesSubject(title: string, subject: string, lemma: string, sentence: string): boolean {
  const forms = new Set([
    lemma,
    thirdPerson(lemma),
    ...tagText(sentence)
      .filter((t) => t.lemma === lemma)
      .map((t) => t.lower),
  ]);
  const lower = title.toLowerCase();
  const name = subject.toLowerCase();
  for (let at = lower.indexOf(name); at >= 0; at = lower.indexOf(name, at + 1)) {
    // (A catenative keeps its infinitive: "chooses to step down".)
    const rest = lower
      .slice(at + name.length)
      .trim()
      .replace(/^(does not|do not|not|to|to not|\S+ to)\s+/, '');
    const words = lower
      .slice(at + name.length)
      .trim()
      .split(/\s+/);
    // The name may be the end of a longer subject ("Shares of Apple Inc. rise"): the verb within four words.
    if (forms.has(rest.split(/\s+/)[0] ?? '') || words.slice(0, 4).some((w) => forms.has(w))) return true;
  }
  return false;
}

function analyse(c: HeadlineCase) {
  const before = `Headline\n\n${c.context ? `${c.context} ` : ''}`;
  const text = `${before}${c.sentence}`;
  const a = analyzeDocument({ documentId: 'headlines', text, source: 'fixture', publishedAt: '2011-10-06' });
  // The events whose quote lies in the sentence itself, not in its context.
  return a.events.filter((e) => e.quote.start >= before.length);
}

describe('headline titles (issue #13 fixture)', () => {
  it('holds at least 60 sentences of varied shapes, with under 10 % known gaps', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(new Set(cases.map((c) => c.shape)).size).toBeGreaterThanOrEqual(20);
    expect(cases.filter((c) => c.knownGap).length).toBeLessThan(cases.length * 0.1);
  });

  const open = cases.filter((c) => !c.knownGap);
  it.each(open.map((c) => [c.sentence.slice(0, 70), c] as const))('%s', (_, c) => {
    const events = analyse(c);
    const titles = events.map((e) => `${e.predicate ?? '-'} | ${e.title}`);
    // An event of the sentence names the subject as the text gives it and has the main verb's lemma.
    const hit = events.find((e) => e.predicate === c.lemma && namesSubject(e.title, c.subject, c.lemma, c.sentence));
    expect(
      hit,
      `expected "${c.subject}" + ${c.lemma} (editor: "${c.headline}") among:\n${titles.join('\n')}`,
    ).toBeDefined();
  });

  it('gives no event of any fixture sentence a fragment for a title', () => {
    const bad: string[] = [];
    for (const c of open) {
      for (const e of analyse(c)) {
        const why = fragment(e.title, c.sentence);
        if (why) bad.push(`${why}: "${e.title}" (${c.source})`);
      }
    }
    expect(bad).toEqual([]);
  });
});

describe('headline titles against the editor (issue #13 fixture)', () => {
  // Content words by lemma, function words left out: how much of what the editor wrote the title says.
  const STOP = new Set(
    'the a an of in on at by for to with from and or is are was were be its their his her it that this as'.split(' '),
  );
  const contentWords = (s: string): string[] =>
    tagText(s)
      .filter((t) => /[\p{L}\d]/u.test(t.text) && !STOP.has(t.lower))
      .map((t) => t.lemma);
  const f1 = (title: string, headline: string): number => {
    const gold = contentWords(headline);
    const got = contentWords(title);
    let hit = 0;
    for (const w of got) {
      const at = gold.indexOf(w);
      if (at >= 0) {
        hit++;
        gold.splice(at, 1);
      }
    }
    const p = got.length ? hit / got.length : 0;
    const r = hit / contentWords(headline).length;
    return p + r ? (2 * p * r) / (p + r) : 0;
  };

  it("the title of each sentence's main event says most of what the editor wrote (mean content-word F1 ≥ 0.77)", () => {
    const scores = cases.map((c) => {
      const hit = analyse(c).find((e) => e.predicate === c.lemma);
      return hit ? f1(hit.title, c.headline) : 0;
    });
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
    expect(mean).toBeGreaterThanOrEqual(0.77);
  });
});
