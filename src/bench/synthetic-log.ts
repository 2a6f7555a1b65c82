import { documentStream, newTimelineEvent } from '../events/domain/timeline-events.js';
import type { EventLog } from '../events/store/event-log.js';

/**
 * Appends `count` documents with `perDocument` dated events each, built from events alone (no
 * analysis): fast enough for projection benches and tests to fold many times. `quotePadding` makes
 * each event's state as large as a real quote's.
 */
export async function appendSyntheticDocuments(
  log: EventLog,
  count: number,
  options: {
    readonly perDocument?: number;
    readonly from?: number;
    readonly quotePadding?: string;
    readonly idDigits?: number;
  } = {},
): Promise<void> {
  const { perDocument = 3, from = 0, quotePadding = '', idDigits = 5 } = options;
  for (let d = from; d < from + count; d++) {
    const documentId = `doc-${String(d).padStart(idDigits, '0')}`;
    const events = Array.from({ length: perDocument }, (_, ordinal) => {
      const day = `2022-${String((d % 12) + 1).padStart(2, '0')}-${String((ordinal % 28) + 1).padStart(2, '0')}`;
      const sentence = `Story ${d} step ${ordinal} on ${day}.`;
      const quote = `${sentence}${quotePadding}`;
      return {
        documentId,
        eventId: `${documentId}:x1:e${ordinal}`,
        ordinal,
        title: `Story ${d} step ${ordinal}`,
        actors: [`Actor ${d % 7}`],
        date: { value: day, granularity: 'day' as const, certainty: 'explicit' as const },
        resolution: 'explicit' as const,
        quote: { start: 0, end: quote.length, text: quote },
        timex: {
          start: sentence.length - day.length - 1,
          end: sentence.length - 1,
          text: day,
          type: 'DATE' as const,
          value: day,
        },
      };
    });
    await log.append(documentStream(documentId), [
      newTimelineEvent('DocumentReceived', `${documentId}:received`, {
        documentId,
        contentHash: 'a'.repeat(64),
        text: `text of ${documentId}`,
        source: `${documentId}.txt`,
        publishedAt: '2022-12-31',
      }),
      ...events.map((event) => newTimelineEvent('EventExtracted', event.eventId, event)),
      newTimelineEvent('DocumentAnalyzed', `${documentId}:x1:analysis`, {
        documentId,
        extractorVersion: 'x1',
        title: `Title of ${documentId}`,
        documentDate: { value: '2022-12-31', inferred: false, method: 'provided', confidence: 1 },
        clutter: [],
        eventIds: events.map((event) => event.eventId),
      }),
    ]);
  }
}
