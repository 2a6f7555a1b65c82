import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { newTimelineEvent } from '../../src/events/domain/timeline-events.js';
import { createInMemoryEventLog } from '../../src/events/store/memory/in-memory-event-log.js';
import { MAX_EVENTS_PER_SENTENCE } from '../../src/extraction/events.js';
import { analyzeDocument } from '../../src/pipeline/analyze-document.js';
import { AsOfCheckpoints } from '../../src/projections/as-of-checkpoints.js';
import { foldLog } from '../../src/projections/projection-runner.js';
import { buildTimelineView } from '../../src/projections/build-timeline-view.js';
import { timelineProjection } from '../../src/projections/timeline-fold.js';
import { boundAnalysis, DEFAULT_ANALYSIS_BUDGET, isAnalysisBudgetError } from '../../src/workers/analysis-budget.js';

const SEED = readFileSync('seeds/000_59b906baaf3cd259.txt', 'utf8');

describe('the analysis budget (issue #17, items 1, 2, 6)', () => {
  it('leaves a news article as the pipeline gave it', () => {
    const analysis = analyzeDocument({ documentId: 'doc-a', text: SEED, source: 's', publishedAt: '2022-03-13' });
    expect(boundAnalysis(analysis, SEED)).toEqual(analysis);
  });

  it("the analysis itself keeps the 20 KB 'tuesday' text to a bounded number of events", () => {
    const text = `Hl\n\n${'tuesday '.repeat(2500)}`;
    const analysis = analyzeDocument({ documentId: 'doc-t', text, source: 's' });
    expect(analysis.events.length).toBeLessThanOrEqual(MAX_EVENTS_PER_SENTENCE);
    expect(JSON.stringify(analysis).length).toBeLessThan(4 * text.length);
  });

  it('turns 2,500 dated events for 20 KB of text into ANALYSIS_BUDGET_EXCEEDED, whatever the analysis returns', () => {
    const text = `Hl\n\n${'tuesday '.repeat(2500)}`;
    const one = analyzeDocument({
      documentId: 'doc-t',
      text: 'Hl\n\nThe ministers met on Tuesday.',
      source: 's',
      publishedAt: '2022-03-15',
    });
    const event = one.events[0]!;
    const analysis = {
      ...one,
      events: Array.from({ length: 2500 }, (_, i) => ({ ...event, ordinal: i, eventId: `doc-t:x:e${i}` })),
    };
    let caught: unknown;
    try {
      boundAnalysis(analysis, text);
    } catch (error) {
      caught = error;
    }
    expect(isAnalysisBudgetError(caught)).toBe(true);
    expect((caught as Error).message).toMatch(/2500 dated events in 20004 bytes/);
  });

  it('clips a long quote around its date expression (text still between its offsets) and a derived title to 500 characters', () => {
    const sentence = `${'word '.repeat(600)}On Monday the ministers met ${'again '.repeat(600)}.`;
    const text = `${'x'.repeat(2000)}\n\n${sentence}`;
    const analysis = analyzeDocument({ documentId: 'doc-q', text, source: 's', publishedAt: '2022-03-15' });
    const bounded = boundAnalysis(analysis, text);
    expect(bounded.title.length).toBeLessThanOrEqual(500);
    expect(bounded.events.length).toBe(analysis.events.length);
    for (const event of bounded.events) {
      expect(event.quote.text.length).toBeLessThanOrEqual(DEFAULT_ANALYSIS_BUDGET.maxQuoteChars);
      expect(text.slice(event.quote.start, event.quote.end)).toBe(event.quote.text);
      expect(event.quote.start).toBeLessThanOrEqual(event.timex.start);
      expect(event.quote.end).toBeGreaterThanOrEqual(event.timex.end);
    }
  });
});

describe('as-of views from checkpoints (issue #17, item 4)', () => {
  it('give what a full fold gives, replaying at most the spacing once checkpoints exist', async () => {
    const log = createInMemoryEventLog();
    for (let i = 0; i < 60; i++) {
      const text = `Talks ${i}\n\nThe ministers met on Monday in Rome for round ${i}, officials said.`;
      const documentId = `doc-${String(i).padStart(16, '0')}`;
      const analysis = analyzeDocument({ documentId, text, source: `s${i}`, publishedAt: '2022-03-15' });
      const { events, ...rest } = analysis;
      await log.append(`document-${documentId}`, [
        newTimelineEvent('DocumentReceived', `${documentId}:received`, {
          documentId,
          contentHash: 'a'.repeat(64),
          text,
          source: `s${i}`,
          publishedAt: '2022-03-15',
        }),
        ...events.map((event) => newTimelineEvent('EventExtracted', event.eventId, { ...event, documentId })),
        newTimelineEvent('DocumentAnalyzed', `${documentId}:x1:analysis`, {
          ...rest,
          eventIds: events.map((event) => event.eventId),
        }),
      ]);
    }
    const head = await log.headPosition();
    const checkpoints = new AsOfCheckpoints(timelineProjection, log, { every: 10, charsPerEvent: Infinity });
    await checkpoints.fold({ toPosition: head });
    expect(checkpoints.stats.count).toBe(Math.floor(head / 10));
    for (const position of [1, 9, 10, 57, 133, head]) {
      const fromCheckpoint = await checkpoints.fold({ toPosition: position });
      const full = await foldLog(timelineProjection, log, { toPosition: position });
      expect(fromCheckpoint.replayed).toBeLessThan(10);
      expect(buildTimelineView(fromCheckpoint.state, fromCheckpoint.position)).toEqual(
        buildTimelineView(full.state, full.position),
      );
    }
    // Within a memory budget: the spacing doubles and every other checkpoint goes.
    const tight = new AsOfCheckpoints(timelineProjection, log, {
      every: 10,
      charsPerEvent: Infinity,
      maxBytes: 4 * JSON.stringify((await foldLog(timelineProjection, log)).state).length,
    });
    await tight.fold({});
    expect(tight.stats.every).toBeGreaterThan(10);
    expect(tight.stats.bytes).toBeLessThanOrEqual(
      4 * JSON.stringify((await foldLog(timelineProjection, log)).state).length,
    );
  });

  it('a view past its size budget leaves the latest entries out and says so, instead of failing', async () => {
    const log = createInMemoryEventLog();
    const text =
      'Talks\n\nThe ministers met on Monday in Rome, officials said. They met again on Tuesday. And on Wednesday.';
    const analysis = analyzeDocument({ documentId: 'doc-v', text, source: 's', publishedAt: '2022-03-15' });
    const { events, ...rest } = analysis;
    await log.append('document-doc-v', [
      newTimelineEvent('DocumentReceived', 'doc-v:received', {
        documentId: 'doc-v',
        contentHash: 'a'.repeat(64),
        text,
        source: 's',
        publishedAt: '2022-03-15',
      }),
      ...events.map((event) => newTimelineEvent('EventExtracted', event.eventId, { ...event, documentId: 'doc-v' })),
      newTimelineEvent('DocumentAnalyzed', 'doc-v:x1:analysis', {
        ...rest,
        eventIds: events.map((event) => event.eventId),
      }),
    ]);
    const { state, position } = await foldLog(timelineProjection, log);
    const full = buildTimelineView(state, position);
    expect(full.entries.length).toBeGreaterThanOrEqual(2);
    const small = buildTimelineView(state, position, 1500);
    expect(small.entries.length).toBeLessThan(full.entries.length);
    expect(full.notes.join(' ')).not.toMatch(/left out/);
    expect(small.notes.join(' ')).toMatch(/left out/);
  });
});
