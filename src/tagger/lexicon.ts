// Words of the English date grammar, shared by the rules. Kept as data so the rule patterns are
// generated from one place and stay in step with the value tables.

const UNITS_0_19 = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
] as const;
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'] as const;

const WORD_VALUE = new Map<string, number>();
UNITS_0_19.forEach((w, i) => WORD_VALUE.set(w, i));
TENS.forEach((w, i) => {
  if (w) WORD_VALUE.set(w, i * 10);
});
WORD_VALUE.set('a', 1)
  .set('an', 1)
  .set('single', 1)
  .set('half a', 0.5)
  .set('half an', 0.5)
  .set('a half', 0.5)
  .set('dozen', 12)
  .set('a dozen', 12);
WORD_VALUE.set('hundred', 100).set('a hundred', 100).set('one hundred', 100).set('thousand', 1000);

/** Vague quantities: TIMEX3 writes their amount as X ("several years" = PXY). */
export const VAGUE_QUANTITY =
  /^(?:several|a few|few|many|some|a couple of|couple of|a couple|couple|a number of|numerous|multiple)$/i;

const numberWordAlternatives = [...WORD_VALUE.keys()]
  .filter((w) => !['a', 'an', 'single', 'hundred', 'thousand'].includes(w))
  .sort((a, b) => b.length - a.length)
  .join('|');

/** A number word below a hundred: "two", "fifteen", "twenty-four", "twenty four". */
const SMALL_NUMBER = `(?:${numberWordAlternatives})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?`;

/**
 * A cardinal number, in digits or words, composed as it is spoken: digits with thousands separators
 * ("1,500"), a small number word, or hundreds and thousands of them ("two thousand", "a hundred and
 * twenty"), each with an optional half ("2 1/2", "2½", "three and a half"); or a vague amount ("several").
 */
export const NUMBER = `(?:(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?(?:\\s+1/2|\\s?\u00bd)?|(?:(?:${SMALL_NUMBER}|a)[- ](?:hundred|thousand)(?:\\s+(?:and\\s+)?${SMALL_NUMBER})?|${SMALL_NUMBER})(?:\\s+and\\s+a\\s+half)?|a\\s+couple(?:\\s+of)?|couple(?:\\s+of)?|several|a\\s+few|few|many|some|a\\s+number\\s+of|a|an)`;

/** The value of number words read left to right: "two thousand three hundred and five" = 2305. */
function composedNumber(words: readonly string[]): number | undefined {
  let total = 0;
  let current = 0;
  let any = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word === 'and' && any) continue;
    if (word === 'hundred') {
      current = (current || 1) * 100;
      any = true;
      continue;
    }
    if (word === 'thousand') {
      total += (current || 1) * 1000;
      current = 0;
      any = true;
      continue;
    }
    const value = word === 'a' && i === 0 ? 1 : WORD_VALUE.get(word);
    if (value === undefined || value >= 100) return undefined;
    current += value;
    any = true;
  }
  return any ? total + current : undefined;
}

export function parseNumber(raw: string): number | 'X' | undefined {
  const s = raw.toLowerCase().replace(/\s+/g, ' ').trim();
  if (VAGUE_QUANTITY.test(s)) return s.includes('couple') ? 2 : 'X';
  let half = 0;
  let core = s;
  if (core.endsWith(' and a half')) {
    half = 0.5;
    core = core.slice(0, -' and a half'.length);
  }
  if (core.endsWith('\u00bd')) {
    half = 0.5;
    core = core.slice(0, -1).trim();
  }
  if (core.endsWith(' 1/2')) {
    half = 0.5;
    core = core.slice(0, -4);
  }
  if (/^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/.test(core)) return Number(core.replace(/,/g, '')) + half;
  const direct = WORD_VALUE.get(core);
  if (direct !== undefined) return direct + half;
  const composed = composedNumber(core.split(/[- ]+/));
  return composed === undefined ? undefined : composed + half;
}

export const MONTHS: Readonly<Record<string, number>> = {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

/** Full month names, plus the AP abbreviations with their period (a bare "Mar" or "Jan" is too often a name). */
export const MONTH_NAME =
  '(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.)';

export function monthNumber(raw: string): number | undefined {
  return MONTHS[raw.toLowerCase().replace(/\.$/, '')];
}

export const WEEKDAYS: Readonly<Record<string, number>> = {
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  sunday: 7,
};
export const WEEKDAY_NAME = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';

export type Unit = 'year' | 'month' | 'week' | 'day' | 'hour' | 'minute' | 'second' | 'quarter' | 'decade' | 'century';

export const UNIT_WORD =
  '(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|quarters?|decades?|century|centuries)';

export function unitOf(raw: string): Unit | undefined {
  const s = raw.toLowerCase();
  if (s.startsWith('centur')) return 'century';
  const singular = s.replace(/s$/, '');
  return (['year', 'month', 'week', 'day', 'hour', 'minute', 'second', 'quarter', 'decade'] as const).find(
    (u) => u === singular,
  );
}

/** TIMEX3 duration designators; hours and smaller go after the T. */
export function durationValue(amount: number | 'X', unit: Unit): string {
  const timePart = unit === 'hour' || unit === 'minute' || unit === 'second';
  const letter: Record<Unit, string> = {
    year: 'Y',
    month: 'M',
    week: 'W',
    day: 'D',
    hour: 'H',
    minute: 'M',
    second: 'S',
    quarter: 'Q',
    decade: 'E',
    century: 'C',
  };
  // Decades are counted in years ("two decades" P20Y, "decades-long" PXY), as both development
  // corpora write them three times out of four; TimeML's letter E would also read as a unit of its own.
  if (unit === 'decade') return amount === 'X' ? 'PXY' : durationValue(amount * 10, 'year');
  if (amount === 'X') return `P${timePart ? 'T' : ''}X${letter[unit]}`;
  if (!Number.isInteger(amount)) {
    // Fractions move one unit down, as TIMEX3 has no decimals in practice: 2 1/2 years = P2Y6M.
    const whole = Math.floor(amount);
    const frac = amount - whole;
    if (unit === 'year') return whole ? `P${whole}Y${Math.round(frac * 12)}M` : `P${Math.round(frac * 12)}M`;
    if (unit === 'day') return whole ? `P${whole}DT${Math.round(frac * 24)}H` : `PT${Math.round(frac * 24)}H`;
    if (unit === 'hour') return whole ? `PT${whole}H${Math.round(frac * 60)}M` : `PT${Math.round(frac * 60)}M`;
    if (unit === 'minute') return whole ? `PT${whole}M${Math.round(frac * 60)}S` : `PT${Math.round(frac * 60)}S`;
    if (unit === 'week') return `P${Math.round(amount * 7)}D`;
    if (unit === 'month') return `P${Math.round(amount * 30)}D`;
  }
  return `P${timePart ? 'T' : ''}${amount}${letter[unit]}`;
}

export const SEASONS: Readonly<Record<string, string>> = {
  spring: 'SP',
  summer: 'SU',
  fall: 'FA',
  autumn: 'FA',
  winter: 'WI',
};

/** Spoken years, as in broadcast transcripts: "nineteen ninety-six", "two thousand". */
export function spokenYear(raw: string): number | undefined {
  const s = raw.toLowerCase().replace(/\s+/g, ' ').trim();
  const millennium = /^two thousand(?: (?:and )?(.+))?$/.exec(s);
  if (millennium) {
    if (!millennium[1]) return 2000;
    const rest = parseNumber(millennium[1]);
    return typeof rest === 'number' && rest < 100 ? 2000 + rest : undefined;
  }
  const m = /^(nineteen|eighteen|twenty) (.+)$/.exec(s);
  if (!m) return undefined;
  const century = m[1] === 'nineteen' ? 1900 : m[1] === 'eighteen' ? 1800 : 2000;
  const rest = m[2] === 'hundred' ? 0 : parseNumber(m[2]?.replace(/^oh /, '') ?? '');
  return typeof rest === 'number' && rest < 100 && Number.isInteger(rest) ? century + rest : undefined;
}

/**
 * Where a deictic modifier puts a named period or day relative to the document date. One small
 * grammar over the modifier's words serves every name it can stand before (units, weekdays, months,
 * seasons, holidays): "last" and "next" step over the current one, "this past" / "the past" take the
 * most recent one gone, "this coming" / "the coming" / "upcoming" the nearest one ahead, "this" the
 * current one.
 */
export type Deixis = 'last' | 'this past' | 'this' | 'this coming' | 'next';

/** The words of each deictic modifier, composed left to right ("this" + "coming"). */
const DEIXIS_WORDS: ReadonlyArray<readonly [readonly string[], Deixis]> = [
  [['this', 'past'], 'this past'],
  [['the', 'past'], 'this past'],
  [['this', 'coming'], 'this coming'],
  [['the', 'coming'], 'this coming'],
  [['the', 'upcoming'], 'this coming'],
  [['upcoming'], 'this coming'],
  [['last'], 'last'],
  [['next'], 'next'],
  [['this'], 'this'],
];

/**
 * Only the first letter may be a capital: month and holiday names are matched case-sensitively. Spelt
 * out as two words, not `[Tt]his`, so the anchored scan finds the word in the pattern's vocabulary.
 */
const wordSource = (w: string): string => `(?:${w}|${w[0]!.toUpperCase()}${w.slice(1)})`;

/** The deictic modifiers as one pattern (no groups), longest first. */
export const DEIXIS = `(?:${DEIXIS_WORDS.map(([words]) => words.map((w, i) => (i === 0 ? wordSource(w) : w)).join('\\s+')).join('|')})`;

const DEIXIS_BY_TEXT = new Map(DEIXIS_WORDS.map(([words, deixis]) => [words.join(' '), deixis]));

/** The deixis of a modifier the DEIXIS pattern matched ("This  coming" = 'this coming'). */
export function deixisOf(raw: string): Deixis | undefined {
  return DEIXIS_BY_TEXT.get(raw.toLowerCase().replace(/\s+/g, ' ').trim());
}
