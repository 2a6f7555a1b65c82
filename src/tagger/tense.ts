// Tense of the clause around a relative expression. News reports the past ("said Tuesday") and
// announces the future ("is set to meet on Monday"); the nearest verb group decides which, because
// one sentence often holds both ("told CNN on Sunday that talks will resume").

export type Tense = 'past' | 'future';

// Markers that announce something still to come, including the going-to / plan / schedule family.
// "agreed to buy … in February", "plans to travel … on Monday": an infinitive looks ahead. Plural
// nouns after "to" ("to holders") are not verbs, hence the -s exclusion.
const INFINITIVE =
  /\bto\s+(?!(?:the|a|an|its|his|her|their|our|this|that|these|those|be|date|about|and)\b)(?![a-z]*[^s]s\b)[a-z]{3,}\b(?<!ed)/g;
// "by February", "until Jan. 5", "through January": a deadline or end point ahead.
const DEADLINE_BEFORE = /\b(?:by|until|till|through|before|effective)\s+$/i;
// "ahead of Wednesday's report": what is ahead is to come, whatever the tense of the clause.
const AHEAD_BEFORE = /\bahead\s+of\s+$/i;

// "The court hears arguments Monday", "Parliament votes on the bill on Wednesday", "the bank publishes its
// minutes on Thursday": in news a third-person present of an event verb announces a schedule. After a
// determiner, a preposition or "and" the word is the noun ("the votes on Monday", "reports on Friday").
const SCHEDULE_PRESENT_WORDS =
  'hears|votes|plays|faces|holds|publishes|releases|unveils|announces|signs|decides|rules|speaks|addresses|delivers|presents|celebrates|sits|considers|debates|takes\\s+office|welcomes|receives|completes|concludes|sentences|swears\\s+in|inaugurates|lists|leaves\\s+for|steps\\s+down|retires|closes|opens';
const SCHEDULE_PRESENT = new RegExp(`^(?:${SCHEDULE_PRESENT_WORDS})$`, 'i');
const NOUN_BEFORE =
  /\b(?:the|a|an|its|his|her|their|our|your|my|this|that|these|those|new|latest|recent|of|and|or|in|on|for|with|by|from|to|at|about|after|before|many|some|several|two|three|no)\s+$/i;
// "Ford, which holds a 15% stake": "holds" after a relative pronoun is a state, no schedule.
const STATE_HOLDS_BEFORE = /\b(?:which|that|who)\s+$/i;

// "talks set for Friday", "slated for Monday": a schedule without its copula (headlines, appositions).
// A schedule in the present tense looks ahead too: "the visit starts Monday", "the president, who
// arrives Thursday", "voting ends Sunday", "tickets go on sale Friday"; so do an expectation ("expects to
// close the deal by Friday") and a possibility ("talks may resume Friday"),
// unless it is about the past ("may have left").
const FUTURE = new RegExp(
  `\\b(?:will|won't|shall|'ll|(?:may|might|should)(?!\\s+(?:not\\s+)?have\\b)|plans?\\s+to|planning\\s+to|(?:is|are|was|were)\\s+(?:set|due|scheduled|expected|slated|poised|going|to)\\b|(?:scheduled|set|slated)\\s+(?:to|for)|expected\\s+to|intends?\\s+to|aims?\\s+to|hopes?\\s+to|would|set\\s+to|upcoming|next|expects?\\s+to|expecting\\s+to|(?:${SCHEDULE_PRESENT_WORDS}|starts|begins|resumes|reopens|expires|kicks\\s+off|takes\\s+effect|(?:comes?|enters?|goe?s?)\\s+into\\s+(?:force|effect)|get\\s+under\\s+way|gets\\s+under\\s+way|arrives|meets|ends|returns|goe?s?\\s+on\\s+sale|launches|visits|travels|hosts|debuts|airs|premieres|convenes|reconvenes|testifies|wraps\\s+up|heads\\s+to|(?:flies|travels)\\s+to|departs\\s+for|resume|reopen|reconvene|take\\s+effect|kick\\s+off|go(?:es)?\\s+to\\s+the\\s+polls)\\b(?!\\s+(?:to|with|by)\\b))\\b`,
  'gi',
);

const ATTRIBUTION = /^(?:said|told|added|reported|stated|confirmed|noted|announced)$/i;

// Simple past: regular -ed forms and the irregular verbs news writing uses most.
const PAST =
  /\b(?:said|told|was|were|had|did|met|made|took|gave|went|came|saw|held|began|spoke|left|sent|won|lost|fell|rose|got|brought|thought|found|became|paid|sold|bought|led|ran|struck|wrote|broke|chose|drove|flew|forgot|grew|knew|meant|put|read|shot|shut|sat|stood|swore|taught|threw|understood|woke|wore|[a-z]{2,}ed)\b/gi;

// -ed words that are not past-tense reports or that point forward.
const NOT_PAST = new Set([
  'need',
  'speed',
  'indeed',
  'scheduled',
  'expected',
  'planned',
  'proposed',
  'hundred',
  'red',
  'bed',
  'shed',
  'feed',
  'seed',
  'weed',
  'united',
  'limited',
  'based',
  'related',
  'armed',
  'allied',
  'interested',
  'concerned',
  'supposed',
  'used',
  'proceed',
  'exceed',
  'succeed',
]);

const WINDOW = 120;

function sentenceBounds(text: string, start: number, end: number): [number, number] {
  let from = start;
  const minFrom = Math.max(0, start - WINDOW);
  while (from > minFrom) {
    const c = text.charCodeAt(from - 1);
    if (c === 10 /* \n */) break;
    if (
      (c === 46 || c === 33 || c === 63) &&
      /\s/.test(text[from] ?? '') &&
      !/\b(?:[A-Z]|Mr|Mrs|Ms|Dr|St|U\.S|[ap]\.m|Jan|Feb|Aug|Sept?|Oct|Nov|Dec|Gen|Sen|Rep|Gov|No)\.$/.test(
        text.slice(Math.max(0, from - 5), from),
      )
    )
      break;
    from--;
  }
  let to = end;
  const maxTo = Math.min(text.length, end + WINDOW);
  while (to < maxTo) {
    const c = text.charCodeAt(to);
    if (c === 10 || ((c === 46 || c === 33 || c === 63) && /\s|$/.test(text[to + 1] ?? ''))) break;
    to++;
  }
  return [from, to];
}

/**
 * The tense of the clause holding text[start, end), or undefined when no verb group says.
 * `weak` adds the weaker future cues (an infinitive nearby, "by"/"until" in front): right for
 * month dates ("agreed to buy it in February"), too eager for weekdays, which news mostly reports.
 */
export function clauseTense(text: string, start: number, end: number, weak = true): Tense | undefined {
  const [from, to] = sentenceBounds(text, start, end);
  const localStart = start - from;
  const localEnd = end - from;
  const before = text.slice(Math.max(from, start - 12), start);
  if (AHEAD_BEFORE.test(before)) return 'future';
  if (weak && DEADLINE_BEFORE.test(before)) return 'future';
  let best: { tense: Tense; distance: number } | undefined;
  let attribution = false;
  for (const cue of cuesOf(text, from, to)) {
    if (cue.weak && !weak) continue;
    if (cue.end > localStart && cue.start < localEnd) continue;
    // "The governor signs the bill Friday, aides said": an attribution after a comma dates the report, not
    // the event; it decides only when no other verb does.
    if (cue.attribution && cue.start >= localEnd && text.slice(end, from + cue.start).includes(',')) {
      attribution = true;
      continue;
    }
    // A verb after the expression binds a little less tightly than one before it ("said Tuesday").
    const distance = cue.end <= localStart ? localStart - cue.end : (cue.start - localEnd) * 1.5;
    if (!best || distance < best.distance) best = { tense: cue.tense, distance };
  }
  return best?.tense ?? (attribution ? 'past' : undefined);
}

/** A verb group that tells the tense, at sentence offsets; `weak` for an infinitive. */
interface VerbCue {
  readonly start: number;
  readonly end: number;
  readonly tense: Tense;
  readonly weak: boolean;
  readonly attribution: boolean;
}

// The cues of the last sentence read: the expressions of one sentence ask for them one after the other, and
// reading the sentence once, not once per expression, keeps the cost of tense flat in their number.
let cachedText: string | undefined;
let cachedFrom = -1;
let cachedTo = -1;
let cachedCues: readonly VerbCue[] = [];

/** The verb cues of text[from, to), in the order that breaks ties: future, infinitive, past. */
function cuesOf(text: string, from: number, to: number): readonly VerbCue[] {
  if (text === cachedText && from === cachedFrom && to === cachedTo) return cachedCues;
  const sentence = text.slice(from, to);
  // A headline (the text's first line, without a full stop) tells past news in the present ("Apple unveils
  // iPod on Tuesday"): its present verbs schedule nothing.
  const headline = from === 0 && text.charCodeAt(to) === 10 && !/[.!?]["'”’]?\s*$/.test(sentence);
  const cues: VerbCue[] = [];
  const collect = (re: RegExp, tense: Tense, weak: boolean): void => {
    re.lastIndex = 0;
    for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
      if (tense === 'past' && NOT_PAST.has(m[0].toLowerCase())) continue;
      // A capital "May" inside a sentence, or before a day number, is the month, not the modal ("sales rose
      // from March to May" reports the past).
      if (
        tense === 'future' &&
        m[0].startsWith('May') &&
        (/\S/.test(sentence.slice(0, m.index)) || /^May\s+\d/.test(sentence.slice(m.index)))
      )
        continue;
      // "the votes on Monday", "reports on Friday": after a determiner or a preposition the word is the noun.
      if (
        tense === 'future' &&
        SCHEDULE_PRESENT.test(m[0]) &&
        (headline ||
          NOUN_BEFORE.test(sentence.slice(Math.max(0, m.index - 12), m.index)) ||
          (/^holds$/i.test(m[0]) && STATE_HOLDS_BEFORE.test(sentence.slice(Math.max(0, m.index - 8), m.index))))
      )
        continue;
      // "had been scheduled to expire Friday": a plan in the past perfect looks back, not ahead.
      if (tense === 'future' && /\bhad\s+(?:been\s+)?$/i.test(sentence.slice(Math.max(0, m.index - 10), m.index)))
        continue;
      // "will be named", "would be paid": a participle after a bare "be" takes the auxiliary's tense; after
      // "is" / "are" it is a present passive ("the fair is held Sept. 28"), after "remain" / "stay" an
      // adjective ("will remain closed until Monday"), no report of the past.
      // "a still unspecified date", "the proposed merger": after a determiner an -ed word is an adjective.
      if (
        tense === 'past' &&
        /\b(?:be|being|is|are|remains?|stays?|a|an|the|its|their|his|her|our|this|that|these|those|still)\s+$/i.test(
          sentence.slice(Math.max(0, m.index - 8), m.index),
        )
      )
        continue;
      cues.push({
        start: m.index,
        end: m.index + m[0].length,
        tense,
        weak,
        attribution: tense === 'past' && ATTRIBUTION.test(m[0]),
      });
    }
  };
  collect(FUTURE, 'future', false);
  collect(INFINITIVE, 'future', true);
  collect(PAST, 'past', false);
  cachedText = text;
  cachedFrom = from;
  cachedTo = to;
  cachedCues = cues;
  return cues;
}

/**
 * "The ceremony is on Saturday", "the deadline is midnight Friday", "the hearing is Nov. 5": a present-tense
 * copula with the day as its predicate schedules it.
 */
export function copulaBefore(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 40), at);
  return (before.includes('is ') || before.includes('are ')) && COPULA_BEFORE.test(before);
}
const COPULA_BEFORE =
  /\b(?:is|are)\s+(?:(?:on|set\s+for|slated\s+for|scheduled\s+for)\s+)?(?:(?:midnight|noon|\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?)\s+(?:[A-Z]{2,4}\s+)?)?$/;
