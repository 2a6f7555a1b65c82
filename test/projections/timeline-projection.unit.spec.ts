import { describe, expect, it } from 'vitest';
import { createInMemoryEventLog } from '../../src/events/store/memory/in-memory-event-log.js';
import { documentStream, newTimelineEvent, RECONCILIATION_STREAM } from '../../src/events/domain/timeline-events.js';
import type { EventLog, NewEvent } from '../../src/events/store/event-log.js';
import { foldLog, ProjectionRunner } from '../../src/projections/projection-runner.js';
import { buildTimelineView } from '../../src/projections/build-timeline-view.js';
import { diffReconciliation } from '../../src/projections/reconciliation-input.js';
import { timelineProjection, type TimelineState } from '../../src/projections/timeline-fold.js';
import type { ExtractedEvent } from '../../src/model/timeline-model.js';

const HASH = 'a'.repeat(64);

function extracted(
  documentId: string,
  ordinal: number,
  value: string,
  title: string,
): ExtractedEvent & { documentId: string } {
  const quote = `${title} on ${value}.`;
  return {
    documentId,
    eventId: `${documentId}:x1:e${ordinal}`,
    ordinal,
    title,
    actors: [],
    date: { value, granularity: value.length === 10 ? 'day' : 'month', certainty: 'explicit' },
    resolution: 'explicit',
    quote: { start: 0, end: quote.length, text: quote },
    timex: { start: quote.length - value.length - 1, end: quote.length - 1, text: value, type: 'DATE', value },
  };
}

function documentEvents(documentId: string, dates: Array<[string, string]>, publishedAt?: string): NewEvent[] {
  const events = dates.map(([value, title], ordinal) => extracted(documentId, ordinal, value, title));
  return [
    newTimelineEvent('DocumentReceived', `${documentId}:received`, {
      documentId,
      contentHash: HASH,
      text: `text of ${documentId}`,
      source: `${documentId}.txt`,
      ...(publishedAt ? { publishedAt } : {}),
    }),
    ...events.map((event) => newTimelineEvent('EventExtracted', event.eventId, event)),
    newTimelineEvent('DocumentAnalyzed', `${documentId}:x1:analysis`, {
      documentId,
      extractorVersion: 'x1',
      title: `Title of ${documentId}`,
      documentDate: publishedAt
        ? { value: publishedAt, inferred: false, method: 'provided', confidence: 1 }
        : { value: null, inferred: true, method: 'unknown', confidence: 0 },
      clutter: [],
      eventIds: events.map((event) => event.eventId),
    }),
  ];
}

async function seedLog(log: EventLog): Promise<void> {
  await log.append(
    documentStream('doc-a'),
    documentEvents(
      'doc-a',
      [
        ['2022-03-14', 'Sullivan meets Yang in Rome'],
        ['2022-02-24', 'Russia invades Ukraine'],
      ],
      '2022-03-13',
    ),
  );
  await log.append(
    documentStream('doc-b'),
    documentEvents('doc-b', [
      ['2022-03-14', 'Sullivan and Yang meet in Rome'],
      ['XXXX-03-01', 'A yearless thing happens'],
    ]),
  );
  await log.append(
    RECONCILIATION_STREAM,
    [
      newTimelineEvent('TimelineReconciled', 'reconciliation:1', {
        basedOnPosition: 8,
        documentDates: {},
        upserted: [
          {
            entryId: 'entry:doc-a:x1:e0',
            date: { value: '2022-03-14', granularity: 'day', certainty: 'explicit' },
            title: 'Sullivan meets Yang in Rome',
            eventIds: ['doc-a:x1:e0', 'doc-b:x1:e0'],
          },
          {
            entryId: 'entry:doc-a:x1:e1',
            date: { value: '2022-02-24', granularity: 'day', certainty: 'explicit' },
            title: 'Russia invades Ukraine',
            eventIds: ['doc-a:x1:e1'],
          },
          {
            entryId: 'entry:doc-b:x1:e1',
            date: { value: 'XXXX-03-01', granularity: 'day', certainty: 'inferred' },
            title: 'A yearless thing happens',
            eventIds: ['doc-b:x1:e1'],
          },
        ],
        removed: [],
      }),
    ],
    { expectedVersion: 0 },
  );
}

describe('timeline projection', () => {
  it('folds documents, events and reconciled entries into the timeline JSON, sorted by date', async () => {
    const log = createInMemoryEventLog();
    await seedLog(log);
    const { state, position } = await foldLog(timelineProjection, log);
    const view = buildTimelineView(state, position);
    expect(position).toBe(9);
    expect(view.entries.map((e) => [e.date, e.title, e.sources.length])).toEqual([
      ['2022-02-24', 'Russia invades Ukraine', 1],
      ['2022-03-14', 'Sullivan meets Yang in Rome', 2],
      ['XXXX-03-01', 'A yearless thing happens', 1],
    ]);
    expect(view.entries[1]?.sources.map((s) => s.documentId)).toEqual(['doc-a', 'doc-b']);
    expect(view.documents.map((d) => [d.id, d.publishedAt, d.publishedAtInferred])).toEqual([
      ['doc-a', '2022-03-13', false],
      ['doc-b', null, true],
    ]);
    expect(view.notes.join(' ')).toMatch(/1 of 2 documents have no known publication year/);
    expect(view.notes.join(' ')).toMatch(/1 entries have an unknown year/);
  });

  it('keeps the order reconciliation gave, and merges pending entries into it by date', async () => {
    const log = createInMemoryEventLog();
    await seedLog(log);
    await log.append(
      RECONCILIATION_STREAM,
      [
        newTimelineEvent('TimelineReconciled', 'reconciliation:2', {
          basedOnPosition: 9,
          documentDates: {},
          upserted: [],
          removed: [],
          // An undated report's event, aligned between two dated ones by the events it shares.
          order: ['entry:doc-a:x1:e1', 'entry:doc-b:x1:e1', 'entry:doc-a:x1:e0'],
        }),
      ],
      { expectedVersion: 1 },
    );
    await log.append(documentStream('doc-c'), documentEvents('doc-c', [['2022-03-01', 'Talks resume']], '2022-03-02'));
    const { state, position } = await foldLog(timelineProjection, log);
    expect(buildTimelineView(state, position).entries.map((e) => e.title)).toEqual([
      'Russia invades Ukraine',
      'Talks resume', // pending: placed by date before the first entry that comes after it
      'A yearless thing happens',
      'Sullivan meets Yang in Rome',
    ]);
  });

  it('shows events of documents analysed after the last reconciliation as pending entries', async () => {
    const log = createInMemoryEventLog();
    await log.append(
      documentStream('doc-a'),
      documentEvents('doc-a', [['2022-03-14', 'Sullivan meets Yang in Rome']], '2022-03-13'),
    );
    const { state, position } = await foldLog(timelineProjection, log);
    const view = buildTimelineView(state, position);
    expect(view.entries.map((e) => e.id)).toEqual(['pending:doc-a:x1:e0']);
    expect(view.notes.join(' ')).toMatch(/not reconciled yet/);
  });

  it('as of a position shows only what the log held then', async () => {
    const log = createInMemoryEventLog();
    await seedLog(log);
    const before = await foldLog(timelineProjection, log, { toPosition: 4 });
    const view = buildTimelineView(before.state, before.position);
    expect(view.position).toBe(4);
    expect(view.documents.map((d) => d.id)).toEqual(['doc-a']);
    expect(view.entries.map((e) => e.title)).toEqual(['Russia invades Ukraine', 'Sullivan meets Yang in Rome']);
  });

  it('rebuilt from scratch equals the incrementally built projection, byte for byte', async () => {
    const log = createInMemoryEventLog();
    const incremental = new ProjectionRunner<TimelineState>(timelineProjection, log);
    await log.append(
      documentStream('doc-a'),
      documentEvents('doc-a', [['2022-03-14', 'Sullivan meets Yang in Rome']], '2022-03-13'),
    );
    await incremental.catchUp();
    await log.append(
      documentStream('doc-b'),
      documentEvents(
        'doc-b',
        [
          ['2022-03-14', 'Sullivan and Yang meet'],
          ['2022-02-24', 'Invasion'],
        ],
        '2022-03-14',
      ),
    );
    await incremental.catchUp();
    const { state } = await incremental.catchUp();
    const change = diffReconciliation(
      state,
      {
        documentDates: {},
        entries: [
          {
            entryId: 'entry:x',
            date: { value: '2022-03-14', granularity: 'day', certainty: 'explicit' },
            title: 'Sullivan and Yang meet in Rome',
            eventIds: ['doc-a:x1:e0', 'doc-b:x1:e0'],
          },
        ],
      },
      incremental.position,
    );
    expect(change).not.toBeNull();
    await log.append(RECONCILIATION_STREAM, [newTimelineEvent('TimelineReconciled', 'reconciliation:x', change!)], {
      expectedVersion: 0,
    });
    await incremental.catchUp();

    const rebuilt = new ProjectionRunner<TimelineState>(timelineProjection, log);
    await rebuilt.rebuild();
    expect(rebuilt.serialize()).toBe(incremental.serialize());
    expect(JSON.stringify(buildTimelineView((await rebuilt.catchUp()).state, rebuilt.position))).toBe(
      JSON.stringify(buildTimelineView((await incremental.catchUp()).state, incremental.position)),
    );
  });

  it('diffReconciliation reports only what changed, and nothing when already reconciled', async () => {
    const log = createInMemoryEventLog();
    await seedLog(log);
    const { state, position } = await foldLog(timelineProjection, log);
    const same = { documentDates: {}, entries: Object.values(state.entries) };
    // The seeded reconciliation carried no order: the first diff records one.
    expect(diffReconciliation(state, same, position - 1)?.order).toEqual(Object.keys(state.entries));
    state.entryOrder = Object.keys(state.entries);
    expect(diffReconciliation(state, same, position - 1)).toBeNull();
    const merged = diffReconciliation(
      state,
      { documentDates: {}, entries: same.entries.filter((e) => e.entryId !== 'entry:doc-b:x1:e1') },
      position,
    );
    expect(merged).toEqual({
      basedOnPosition: position,
      documentDates: {},
      upserted: [],
      removed: ['entry:doc-b:x1:e1'],
      order: ['entry:doc-a:x1:e0', 'entry:doc-a:x1:e1'],
    });
  });
});
