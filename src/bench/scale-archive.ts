/**
 * A synthetic news archive for the scale bench, built from analyses of the bench texts (the seeds
 * and the development corpus): each copy is one document with its own publication day (every date
 * in it moved by the same number of days), and the names in it varied per story, so that stories
 * differ in size as in real news: most of one or two reports, a few of dozens. Days are spread so
 * that the archive's density (documents a day) is the same at every size: a bigger archive covers
 * a longer time, as a real one grows. Working on analyses (not texts) keeps the bench about
 * reconciliation: analysing 100,000 texts would take hours on two cores.
 */
import type { DatedValue, DocumentAnalysis, ExtractedEvent } from '../model/timeline-model.js';
import { dayNumber, formatDay, fromDayNumber } from '../extraction/calendar.js';

/** Documents per day of the archive. */
export const ARCHIVE_DOCUMENTS_PER_DAY = 40;

/** Story sizes, one story after another: most small, every 50th large (mean about 3). */
function storySize(story: number): number {
  if (story % 50 === 0) return 40;
  if (story % 10 === 0) return 8;
  return 1 + (story % 3 === 0 ? 1 : 0) + (story % 7 === 0 ? 1 : 0);
}

/** A name of its own for a story: a made-up syllable pair, so spellings of two stories are not close. */
function storyTag(story: number): string {
  const consonants = 'bdfgklmnprstvz';
  const vowels = 'aeiou';
  let n = story + 1;
  let tag = '';
  while (n > 0) {
    tag += `${consonants[n % consonants.length]}${vowels[Math.floor(n / consonants.length) % vowels.length]}`;
    n = Math.floor(n / (consonants.length * vowels.length));
  }
  return tag;
}

function shiftValue(value: string, days: number): string {
  const day = /^(\d{4})-(\d{2})-(\d{2})(.*)$/.exec(value);
  if (day) {
    const shifted = dayNumber(Number(day[1]), Number(day[2]), Number(day[3])) + days;
    return `${formatDay(shifted)}${day[4] ?? ''}`;
  }
  const month = /^(\d{4})-(\d{2})$/.exec(value);
  if (month) {
    const shifted = fromDayNumber(dayNumber(Number(month[1]), Number(month[2]), 1) + days);
    return `${shifted.year}-${String(shifted.month).padStart(2, '0')}`;
  }
  const year = /^(\d{4})$/.exec(value);
  if (year) return String(fromDayNumber(dayNumber(Number(year[1]), 1, 1) + days).year);
  return value;
}

const shiftDate = (date: DatedValue, days: number): DatedValue => ({ ...date, value: shiftValue(date.value, days) });

/** "Jake Sullivan" → "Jake Sullivanbo" for story tag "bo": one spelling per story, its own surname. */
const varyName = (name: string, tag: string): string => `${name}${tag}`;

function copyOf(base: DocumentAnalysis, documentId: string, days: number, tag: string): DocumentAnalysis {
  const events: ExtractedEvent[] = base.events.map((event) => {
    const copy: ExtractedEvent = {
      ...event,
      eventId: `${documentId}${event.eventId.slice(event.eventId.indexOf(':'))}`,
      date: shiftDate(event.date, days),
      actors: event.actors.map((actor) => varyName(actor, tag)),
      title: event.title,
    };
    if (event.persons) copy.persons = event.persons.map((person) => varyName(person, tag));
    return copy;
  });
  return {
    ...base,
    documentId,
    documentDate: { ...base.documentDate, value: base.documentDate.value && shiftValue(base.documentDate.value, days) },
    events,
  };
}

/**
 * `size` documents: story after story, each story copies of one base analysis (its reports), moved
 * to the story's day (a report a day or so apart) and with the story's names. `documentIdPrefix`
 * keeps two archives apart.
 */
export function syntheticArchive(bases: readonly DocumentAnalysis[], size: number): DocumentAnalysis[] {
  const archive: DocumentAnalysis[] = [];
  const epoch = dayNumber(2000, 1, 1);
  const spanDays = Math.max(1, Math.ceil(size / ARCHIVE_DOCUMENTS_PER_DAY));
  for (let story = 0; archive.length < size; story++) {
    const base = bases[story % bases.length];
    if (!base) break;
    const baseDay = base.documentDate.value?.match(/^\d{4}-\d{2}-\d{2}$/)
      ? dayNumber(
          Number(base.documentDate.value.slice(0, 4)),
          Number(base.documentDate.value.slice(5, 7)),
          Number(base.documentDate.value.slice(8, 10)),
        )
      : epoch;
    // The story's day: spread over the archive's span (deterministic, not in story order).
    const storyDay = epoch + ((story * 7919) % spanDays);
    const tag = storyTag(story);
    for (let report = 0; report < storySize(story) && archive.length < size; report++) {
      const documentId = `arc-${String(archive.length).padStart(7, '0')}`;
      archive.push(copyOf(base, documentId, storyDay - baseDay + (report % 3), tag));
    }
  }
  return archive;
}
