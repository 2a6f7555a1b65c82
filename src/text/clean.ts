import { MappedTextBuilder, type MappedText } from './offset-map.js';
import { isSpaceCode } from './tokens.js';

/**
 * Page clutter removal and punctuation repair. Works line by line on the original text: a line is
 * either clutter (recorded with its kind, left out of the cleaned text) or kept and repaired.
 * Every cleaned character maps back to the original, so quotes can be shown in place.
 */

export interface ClutterRange {
  readonly start: number;
  readonly end: number;
  readonly kind: string;
}

export type BlockKind = 'title' | 'heading' | 'body';

/** A kept line (paragraph) of the cleaned text. */
export interface TextBlock {
  readonly start: number;
  readonly end: number;
  readonly kind: BlockKind;
}

export interface CleanedDocument extends MappedText {
  readonly clutter: readonly ClutterRange[];
  readonly blocks: readonly TextBlock[];
  /** The headline: the first kept line, as cleaned. */
  readonly title: string;
}

interface LineRule {
  readonly kind: string;
  readonly pattern: RegExp;
  /** Everything after this line is the page's tail (related links, widgets, footer). */
  readonly endsArticle?: boolean;
  /** Something every match contains, found faster than the pattern fails: tested first. */
  readonly gate?: RegExp;
  /**
   * The characters a match can start with, when the pattern is anchored at the start: ASCII
   * letters (either case) and "0" for any digit. None of these patterns lets another character
   * match those (no Unicode case folding onto them: no "k" or "s" among the /u ones).
   */
  readonly starts?: string;
}

const LINE_RULES: readonly LineRule[] = [
  {
    kind: 'related-links',
    starts: 'rymt',
    pattern:
      /^(read more|you may also like|related( articles| stories| posts)?|more from|recommended( for you)?|most popular|trending)\b.{0,40}$/i,
    endsArticle: true,
  },
  {
    kind: 'comments',
    starts: 'l0cpj',
    pattern:
      /^(leave a (reply|comment)|\d+\s+comments?|comments?( \(\d+\))?|post a comment|join the (conversation|discussion))\s*:?$/i,
    endsArticle: true,
  },
  {
    kind: 'vote-widget',
    starts: 'w0udl',
    pattern: /^(what do you think\??|\d+\s+points?|upvote\s*downvote|upvote|downvote|like\s*dislike)$/i,
    endsArticle: true,
  },
  { kind: 'see-also', starts: 'sarw', pattern: /^(see also|also read|read also|watch|related)\s*:?\s+\S.{0,200}$/i },
  { kind: 'comments', starts: 'y', pattern: /^your email address will not be published/i },
  {
    kind: 'cookie-banner',
    pattern: /\b(uses|use) cookies\b|\bcookie (policy|settings)\b|\baccept (all )?cookies\b/i,
    gate: /cookie/i,
  },
  { kind: 'placeholder', pattern: /\blorem ipsum\b|\bdolor sit amet\b/i },
  {
    kind: 'newsletter',
    starts: 'nsg',
    pattern:
      /^(newsletter|subscribe\b.{0,80}|sign up (for|to) (our|the) newsletter.{0,80}|get the latest.{0,60}(inbox|newsletter).{0,20})$/i,
  },
  { kind: 'byline', starts: 'bwpa', pattern: /^(by|written by|posted by|author:?)\s+[\p{L}][\p{L}.'’ -]{1,60}$/iu },
  {
    kind: 'byline',
    pattern: /^[\p{Lu}][\p{L}.'’ -]{1,60} contributed (reporting )?to this (report|story|article)\.?$/iu,
  },
  {
    kind: 'timestamp',
    starts: 'uplm',
    pattern: /^(update[sd]?|published|posted|last updated|modified)\s*:?\s*[\d:.\s]*(a\.?m\.?|p\.?m\.?)?\s*$/i,
  },
  {
    kind: 'share-widget',
    starts: 'stepfw',
    pattern: /^(share( this( article| story)?)?|tweet|email|print|facebook|twitter|whatsapp)(\s*[|·•]\s*\w+)*\s*$/i,
  },
  { kind: 'navigation', starts: 'h', pattern: /^home(\s*[»>›|/]\s*|\s+)[\p{L} ]{2,160}$/iu },
];

const LONG_LINE_RULES = LINE_RULES.filter((r) => r.kind === 'cookie-banner' || r.kind === 'placeholder');

/** Bit of a first character in `LineRule.starts` terms: a letter (either case) a–z, 26 for a digit, 0 otherwise. */
function startBit(c: number): number {
  if (c >= 65 && c <= 90) return 1 << (c - 65);
  if (c >= 97 && c <= 122) return 1 << (c - 97);
  if (c >= 48 && c <= 57) return 1 << 26;
  return 0;
}

/** A rule with the bits of the characters it can start with (-1: any). */
interface MaskedRule {
  readonly rule: LineRule;
  readonly mask: number;
}

function masked(rules: readonly LineRule[]): MaskedRule[] {
  return rules.map((rule) => ({
    rule,
    mask: rule.starts === undefined ? -1 : [...rule.starts].reduce((m, ch) => m | startBit(ch.charCodeAt(0)), 0),
  }));
}

const MASKED_RULES = masked(LINE_RULES);
const MASKED_LONG_LINE_RULES = masked(LONG_LINE_RULES);

/** The first rule the line matches; rules that cannot start with its first character are not tried. */
function ruleFor(text: string): LineRule | undefined {
  const rules = text.length > 160 ? MASKED_LONG_LINE_RULES : MASKED_RULES;
  const bit = startBit(text.charCodeAt(0));
  for (const { rule, mask } of rules) {
    if (mask !== -1 && (mask & bit) === 0) continue;
    if ((!rule.gate || rule.gate.test(text)) && rule.pattern.test(text)) return rule;
  }
  return undefined;
}

/** A paragraph without sentence-ending punctuation: a headline, a section heading or a widget label. */
function isUnpunctuated(line: string): boolean {
  return !/[.!?”"’)\]:]\s*$/.test(line);
}

/** Words in the line, counted up to `cap`: a long paragraph need not be read to the end. */
function wordCount(line: string, cap: number): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const space = line.charCodeAt(i) <= 32;
    if (!space && !inWord && ++n >= cap) return cap;
    inWord = !space;
  }
  return n;
}

interface Line {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

function splitLines(original: string): Line[] {
  // Lines end at every "\r" and every "\n" (found by indexOf, which outruns a loop over the characters);
  // each is trimmed, and only non-empty ones are kept.
  const lines: Line[] = [];
  const n = original.length;
  let nextCr = original.indexOf('\r');
  if (nextCr < 0) nextCr = n;
  let i = 0;
  for (;;) {
    if (nextCr < i) {
      nextCr = original.indexOf('\r', i);
      if (nextCr < 0) nextCr = n;
    }
    let j = original.indexOf('\n', i);
    if (j < 0 || j > nextCr) j = nextCr;
    let start = i;
    let end = j;
    while (start < end && isSpaceCode(original.charCodeAt(start))) start++;
    while (end > start && isSpaceCode(original.charCodeAt(end - 1))) end--;
    if (end > start) lines.push({ start, end, text: original.slice(start, end) });
    if (j >= n) break;
    i = j + 1;
  }
  return lines;
}

function classify(lines: readonly Line[]): { kinds: (string | null)[]; blockKinds: BlockKind[] } {
  const kinds: (string | null)[] = lines.map(() => null);
  // Only compared with 12 and less below, so 13 stands for "more than 12".
  const words = lines.map((l) => wordCount(l.text, 13));
  const blockKinds: BlockKind[] = lines.map(() => 'body');
  let tailFrom = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]?.text ?? '';
    // Clutter lines are short; a long paragraph is only checked for banners and placeholder text.
    const rule = ruleFor(text);
    if (rule) {
      kinds[i] = rule.kind;
      // "0 comment" under the byline is a widget; the same words after the article end it.
      let bodyBefore = 0;
      for (let j = 0; j < i; j++) if (kinds[j] === null && (words[j] ?? 0) >= 12) bodyBefore++;
      if (rule.endsArticle && bodyBefore >= 3) {
        tailFrom = i + 1;
        break;
      }
    }
  }
  for (let i = tailFrom; i < lines.length; i++) kinds[i] = kinds[i] ?? 'page-tail';
  // Short unpunctuated lines at the end of the article are footers ("TYT Newsroom", site names).
  for (let i = Math.min(tailFrom, lines.length) - 1; i > 0; i--) {
    const text = lines[i]?.text ?? '';
    if (kinds[i] !== null) continue;
    // The word count first: it is known, and the punctuation test scans the whole line.
    if ((words[i] ?? 0) <= 6 && isUnpunctuated(text)) kinds[i] = 'footer';
    else break;
  }
  let titleSeen = false;
  let previousTitle = '';
  for (let i = 0; i < lines.length; i++) {
    if (kinds[i] !== null) continue;
    const text = lines[i]?.text ?? '';
    if (!titleSeen) {
      titleSeen = true;
      blockKinds[i] = 'title';
      previousTitle = text;
      continue;
    }
    // Sites often print the headline twice (breadcrumb, then title).
    if (text === previousTitle) {
      kinds[i] = 'duplicate-title';
      continue;
    }
    if ((words[i] ?? 0) <= 12 && isUnpunctuated(text)) blockKinds[i] = 'heading';
  }
  return { kinds, blockKinds };
}

/** Repairs damaged entities and stray periods inside one kept line, appending it to the builder. */
function appendRepaired(builder: MappedTextBuilder, original: string, line: Line): void {
  // ”; and “; are what is left of &rdquo; / &ldquo; / &rsquo; after a bad decode; between letters it was an apostrophe.
  const damage =
    /([\p{L}])[”’];(?=[\p{L}])|([“”‘’–—]);|(?<![.\s])\.\.(?!\.)|\s+\.\.(?!\.)\s*$|(?<=\.)\s+\.\.?(?!\.)\s*$/gu;
  const text = line.text;
  if (!text.includes(';') && !text.includes('..')) {
    builder.copy(original, line.start, line.end);
    return;
  }
  let cursor = line.start;
  let m: RegExpExecArray | null;
  while ((m = damage.exec(text)) !== null) {
    const at = line.start + m.index;
    const matchEnd = at + m[0].length;
    builder.copy(original, cursor, at);
    if (m[1] !== undefined) {
      builder.copy(original, at, at + m[1].length);
      builder.replace('’', at + m[1].length, matchEnd);
    } else if (m[2] !== undefined) {
      builder.replace(m[2], at, matchEnd);
    } else if (m[0].startsWith('..')) {
      builder.replace('.', at, matchEnd);
    } else {
      // A stray ".." after a finished sentence: dropped, mapped to its own place.
      builder.replace('', at, matchEnd);
    }
    cursor = matchEnd;
  }
  builder.copy(original, cursor, line.end);
}

export function cleanDocument(original: string): CleanedDocument {
  const lines = splitLines(original);
  const { kinds, blockKinds } = classify(lines);
  const builder = new MappedTextBuilder();
  const clutter: ClutterRange[] = [];
  const blocks: TextBlock[] = [];
  let title = '';
  lines.forEach((line, i) => {
    const kind = kinds[i];
    if (kind) {
      clutter.push({ start: line.start, end: line.end, kind });
      return;
    }
    // Paragraph separator, mapped to the start of the next kept line.
    if (blocks.length > 0) builder.replace('\n\n', line.start, line.start);
    const before = builder.length;
    appendRepaired(builder, original, line);
    blocks.push({ start: before, end: builder.length, kind: blockKinds[i] ?? 'body' });
  });
  const mapped = builder.build();
  const firstTitle = blocks.find((b) => b.kind === 'title');
  if (firstTitle) title = mapped.text.slice(firstTitle.start, firstTitle.end);
  return { text: mapped.text, pieces: mapped.pieces, clutter, blocks, title };
}
