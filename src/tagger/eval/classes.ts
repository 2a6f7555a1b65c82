// Classes of temporal expressions for the error report of `npm run eval:timex -- --by-class`: work
// goes to the classes that cost most. The class comes from the gold expression when there is one
// (its text, type and value), else from the system's, so a spurious tag lands where the rule that
// made it lives.

import type { ScoredSpan } from './score.js';

export const TIMEX_CLASSES = [
  'explicit date',
  'weekday',
  'relative day',
  'relative week',
  'relative month',
  'relative year',
  'now / present',
  'vague past / future',
  'duration',
  'set',
  'clock time',
  'fiscal period / quarter',
  'holiday',
  'season / decade / century',
  'other',
] as const;
export type TimexClass = (typeof TIMEX_CLASSES)[number];

const WEEKDAY = /\b(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b/;
const MONTH =
  /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b/;
const HOLIDAY =
  /christmas|easter|thanksgiving|new year'?s|memorial day|labou?r day|halloween|valentine|independence day|election day|hanukkah|ramadan|passover|good friday|boxing day|veterans day/;
const FISCAL = /quarter|fiscal|\bfy|\bq[1-4]\b|\bhalf\b|\bh[12]\b/;
const SEASONAL = /spring|summer|autumn|fall|winter|decade|century|\d0s\b|\d0's/;
const CLOCK =
  /\d:\d\d|\ba\.?m\b|\bp\.?m\b|noon|midnight|o'clock|\bgmt\b|\best\b|\bedt\b|morning|afternoon|evening|tonight|night/;
const DEICTIC_DAY = /\b(?:yesterday|today|tomorrow|tonight)\b|\bday\b|\bdays\b/;

function relativeUnitClass(text: string): TimexClass | undefined {
  if (DEICTIC_DAY.test(text)) return 'relative day';
  if (/\bweeks?\b|weekend/.test(text)) return 'relative week';
  if (/\bmonths?\b/.test(text)) return 'relative month';
  if (/\byears?\b/.test(text)) return 'relative year';
  return undefined;
}

/** The class of one expression, read from its text, type and value. */
export function classOf(text: string, span: ScoredSpan): TimexClass {
  const lower = text.toLowerCase();
  if (span.type === 'SET') return 'set';
  if (span.type === 'DURATION') return 'duration';
  if (span.value === 'PRESENT_REF') return 'now / present';
  if (span.value === 'PAST_REF' || span.value === 'FUTURE_REF') return 'vague past / future';
  if (HOLIDAY.test(lower)) return 'holiday';
  if (FISCAL.test(lower) || /-Q[1-4X]$|-H[12X]$|^FY/.test(span.value)) return 'fiscal period / quarter';
  if (span.type === 'TIME' || CLOCK.test(lower)) return 'clock time';
  if (WEEKDAY.test(lower)) return 'weekday';
  if (MONTH.test(lower) || /\b\d{4}\b|\d{1,2}\/\d{1,2}/.test(lower)) return 'explicit date';
  if (SEASONAL.test(lower)) return 'season / decade / century';
  if (/\b(?:now|current(?:ly)?|present|these days|today's)\b/.test(lower)) return 'now / present';
  if (
    /\b(?:recent(?:ly)?|former(?:ly)?|future|soon|past|once|earlier|later|previously|ago)\b/.test(lower) &&
    !relativeUnitClass(lower)
  )
    return 'vague past / future';
  return relativeUnitClass(lower) ?? 'other';
}
