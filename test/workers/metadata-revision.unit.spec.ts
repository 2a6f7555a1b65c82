import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentStream, toTimelineEvent, type TimelineEvent } from '../../src/events/domain/timeline-events.js';
import { isConcurrencyError } from '../../src/events/store/errors.js';
import { readAll, type EventLog } from '../../src/events/store/event-log.js';
import { createInMemoryEventLog } from '../../src/events/store/memory/in-memory-event-log.js';
import { applyTimelineEvent, timelineProjection } from '../../src/projections/timeline-projection.js';
import { EXTRACTOR_VERSION, analyzeDocument } from '../../src/pipeline/analyze-document.js';
import type { DocumentAnalysis, DocumentInput } from '../../src/model/timeline-model.js';
import { processDocument } from '../../src/workers/process-document.js';

const text = readFileSync(join('seeds', '003_aa2a8b04b8eb18ec.txt'), 'utf8');
const wrongDay = { text, source: 'afp', publishedAt: '2021-03-14' };
const rightDay = { text, source: 'afp', publishedAt: '2022-03-14' };

async function eventsOf(log: EventLog): Promise<TimelineEvent[]> {
  const events: TimelineEvent[] = [];
  for await (const recorded of readAll(log)) events.push(toTimelineEvent(recorded));
  return events;
}

describe('the same text with corrected metadata', () => {
  it('is recorded as a revision and analysed again under new event ids; the first analysis stays in the log', async () => {
    const log = createInMemoryEventLog();
    const first = await processDocument(log, wrongDay);
    expect(first.revision).toBeUndefined();
    const before = await eventsOf(log);

    const corrected = await processDocument(log, rightDay);
    expect(corrected.revision).toBe(1);
    expect(corrected.appended).toBe(corrected.eventCount + 2);
    const after = await eventsOf(log);
    // Append-only: everything written before is still there, unchanged.
    expect(after.slice(0, before.length)).toEqual(before);
    const added = after.slice(before.length);
    expect(added[0]!.id).toMatch(new RegExp(`^${first.documentId}:revision:r1-[0-9a-f]{8}$`));
    expect(added[0]).toMatchObject({
      type: 'DocumentRevised',
      data: { revision: 1, publishedAt: '2022-03-14', source: 'afp' },
    });
    const extracted = added.filter((e) => e.type === 'EventExtracted');
    expect(extracted.length).toBe(corrected.eventCount);
    expect(
      extracted.every((e) => new RegExp(`^${first.documentId}:${EXTRACTOR_VERSION}:r1-[0-9a-f]{8}:e\\d+$`).test(e.id)),
    ).toBe(true);
    const analyzed = added.at(-1)!;
    expect(analyzed.type).toBe('DocumentAnalyzed');
    if (analyzed.type !== 'DocumentAnalyzed') return;
    expect(analyzed.data.documentDate).toMatchObject({ value: '2022-03-14', method: 'provided' });

    // The projection keeps the corrected metadata and only the new analysis's events.
    const state = timelineProjection.initial();
    for (const event of after) applyTimelineEvent(state, event);
    const record = state.documents[first.documentId]!;
    expect(record.providedPublishedAt).toBe('2022-03-14');
    expect(record.analysis?.documentDate.value).toBe('2022-03-14');
    expect(Object.keys(state.events).sort()).toEqual(extracted.map((e) => e.id).sort());
    expect(Object.values(state.events).some((e) => e.date.value.startsWith('2021'))).toBe(false);
  });

  it('appends nothing when the same correction runs again (a retried job), and a later correction is revision 2', async () => {
    const log = createInMemoryEventLog();
    await processDocument(log, wrongDay);
    await processDocument(log, rightDay);
    const head = (await eventsOf(log)).length;
    const retried = await processDocument(log, rightDay);
    expect(retried.appended).toBe(0);
    expect(retried.revision).toBeUndefined();
    expect((await eventsOf(log)).length).toBe(head);

    const reverted = await processDocument(log, { ...wrongDay, title: 'AFP report' });
    expect(reverted.revision).toBe(2);
    const revisions = (await eventsOf(log)).filter((e) => e.type === 'DocumentRevised');
    expect(
      revisions.map((e) => e.type === 'DocumentRevised' && [e.data.revision, e.data.publishedAt, e.data.title]),
    ).toEqual([
      [1, '2022-03-14', undefined],
      [2, '2021-03-14', 'AFP report'],
    ]);
  });

  it('corrects only what the resubmission states: leaving out the source, title or day keeps them', async () => {
    const log = createInMemoryEventLog();
    await processDocument(log, { ...wrongDay, title: 'AFP report' });
    const bare = await processDocument(log, { text });
    expect(bare.appended).toBe(0);
    expect(bare.revision).toBeUndefined();

    const dayOnly = await processDocument(log, { text, publishedAt: '2022-03-14' });
    expect(dayOnly.revision).toBe(1);
    const revised = (await eventsOf(log)).find((e) => e.type === 'DocumentRevised');
    expect(revised?.data).toEqual({
      documentId: dayOnly.documentId,
      revision: 1,
      source: 'afp',
      title: 'AFP report',
      publishedAt: '2022-03-14',
    });
  });

  it('a resubmission stating null removes the field: the revision has no title, the projection forgets it', async () => {
    const log = createInMemoryEventLog();
    const { documentId } = await processDocument(log, { ...rightDay, title: 'AFP report' });
    const untitled = await processDocument(log, { text, title: null });
    expect(untitled.revision).toBe(1);
    const revised = (await eventsOf(log)).find((e) => e.type === 'DocumentRevised');
    expect(revised?.data).toEqual({ documentId, revision: 1, source: 'afp', publishedAt: '2022-03-14' });
    const state = timelineProjection.initial();
    for (const event of await eventsOf(log)) applyTimelineEvent(state, event);
    expect(state.documents[documentId]).not.toHaveProperty('providedTitle');
    expect(state.documents[documentId]?.title).not.toBe('AFP report');
    // The received event never carries the request's nulls.
    const received = (await eventsOf(log)).find((e) => e.type === 'DocumentReceived');
    expect(received?.data).not.toHaveProperty('cleared');
    expect((await processDocument(log, { text, title: null })).appended).toBe(0);
  });

  it('two corrections of one document at once: one wins, the other fails with a retryable version conflict', async () => {
    const log = createInMemoryEventLog();
    await processDocument(log, wrongDay);
    // Both jobs read the document's metadata before either appends its revision.
    let release: () => void = () => undefined;
    const bothRead = new Promise<void>((resolve) => (release = resolve));
    let reads = 0;
    const racing: EventLog = {
      ...log,
      async readStream(stream, options) {
        const events = await log.readStream(stream, options);
        if (++reads === 2) release();
        await bothRead;
        return events;
      },
    };
    const outcomes = await Promise.allSettled([
      processDocument(racing, rightDay),
      processDocument(racing, { ...rightDay, source: 'afp-corrected' }),
    ]);
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(won.length).toBe(1);
    expect(lost.length).toBe(1);
    expect(isConcurrencyError(lost[0]!.reason)).toBe(true);
    // The retry reads the winner's metadata and revises after it.
    const winner = (await eventsOf(log)).find((e) => e.type === 'DocumentRevised');
    const winnerSource = winner?.type === 'DocumentRevised' ? winner.data.source : undefined;
    const retried = await processDocument(
      log,
      winnerSource === 'afp' ? { ...rightDay, source: 'afp-corrected' } : rightDay,
    );
    expect(retried.revision).toBe(2);
    expect(
      (await log.readStream(documentStream(retried.documentId), { limit: 1000 })).filter(
        (e) => e.type === 'DocumentRevised',
      ).length,
    ).toBe(2);
  });

  it("a job run again after a later correction does not undo it: a job's metadata is applied once", async () => {
    const log = createInMemoryEventLog();
    const original = await processDocument(log, wrongDay, { jobId: 'doc-job' });
    await processDocument(log, rightDay, { jobId: 'correction-1' });
    const head = (await eventsOf(log)).length;

    // The original job again (a stalled job picked up after the correction landed), and the correction again.
    expect((await processDocument(log, wrongDay, { jobId: 'doc-job' })).revision).toBeUndefined();
    expect((await processDocument(log, rightDay, { jobId: 'correction-1' })).revision).toBeUndefined();
    expect((await eventsOf(log)).length).toBe(head);

    // A later correction, then the first correction's job once more: the later one stays in force.
    await processDocument(log, { ...rightDay, title: 'AFP' }, { jobId: 'correction-2' });
    const again = await processDocument(log, rightDay, { jobId: 'correction-1' });
    expect(again).toMatchObject({ appended: 0 });
    expect(again.revision).toBeUndefined();
    const revisions = (await eventsOf(log)).filter((e) => e.type === 'DocumentRevised');
    expect(revisions.map((e) => e.type === 'DocumentRevised' && [e.data.revision, e.data.jobId, e.data.title])).toEqual(
      [
        [1, 'correction-1', undefined],
        [2, 'correction-2', 'AFP'],
      ],
    );
    const received = (await eventsOf(log)).find((e) => e.type === 'DocumentReceived');
    expect(received?.type === 'DocumentReceived' && received.data.jobId).toBe('doc-job');

    // A new job stating the first metadata is a correction back to it, as before.
    const back = await processDocument(log, wrongDay, { jobId: 'correction-3' });
    expect(back.revision).toBe(3);
    expect(original.documentId).toBe(back.documentId);
  });

  it("a correction whose job runs before the first submission's: the correction stays in force", async () => {
    const log = createInMemoryEventLog();
    const corrected = await processDocument(log, rightDay, { jobId: 'doc-r1-correction' });
    const first = await processDocument(log, wrongDay, { jobId: corrected.documentId });
    expect(first).toMatchObject({ appended: 0 });
    expect(first.revision).toBeUndefined();
    const state = timelineProjection.initial();
    for (const event of await eventsOf(log)) applyTimelineEvent(state, event);
    expect(state.documents[corrected.documentId]).toMatchObject({ providedPublishedAt: '2022-03-14' });
  });

  it('the job whose id is the document id is its first submission, also in logs that did not record jobs', async () => {
    const log = createInMemoryEventLog();
    const first = await processDocument(log, wrongDay);
    await processDocument(log, rightDay);
    const head = (await eventsOf(log)).length;
    const rerun = await processDocument(log, wrongDay, { jobId: first.documentId });
    expect(rerun.revision).toBeUndefined();
    expect((await eventsOf(log)).length).toBe(head);
  });

  it('another extractor version run on a corrected document analyses its current metadata, under the current revision', async () => {
    const log = createInMemoryEventLog();
    const { documentId } = await processDocument(log, wrongDay, { jobId: 'doc-job' });
    const corrected = await processDocument(log, rightDay, { jobId: 'correction-1' });
    // A stand-in for a future extractor: the same pipeline under another version.
    const x2 = (input: DocumentInput): DocumentAnalysis => {
      const analysis = analyzeDocument(input);
      return {
        ...analysis,
        extractorVersion: 'xf',
        events: analysis.events.map((e) => ({ ...e, eventId: e.eventId.replace(`:${EXTRACTOR_VERSION}:`, ':xf:') })),
      };
    };
    // The original job replayed for the new extractor: its payload still says 2021.
    const replayed = await processDocument(log, wrongDay, { jobId: 'doc-job', analyze: x2 });
    expect(replayed.revision).toBeUndefined();
    expect(replayed.appended).toBe(replayed.eventCount + 1);
    const added = (await eventsOf(log)).slice(-replayed.appended);
    expect(added.map((e) => e.type)).not.toContain('DocumentRevised');
    expect(added.every((e) => new RegExp(`^${documentId}:xf:r1-[0-9a-f]{8}:`).test(e.id))).toBe(true);
    const analyzed = added.at(-1)!;
    expect(analyzed.type === 'DocumentAnalyzed' && analyzed.data.documentDate).toMatchObject({
      value: '2022-03-14',
      method: 'provided',
    });
    expect(corrected.revision).toBe(1);

    // Once there, the same replay appends nothing.
    expect((await processDocument(log, wrongDay, { jobId: 'doc-job', analyze: x2 })).appended).toBe(0);
  });

  it('a refused resubmission of a processed document (a bad day from another producer) leaves it processed', async () => {
    const log = createInMemoryEventLog();
    const { documentId } = await processDocument(log, rightDay, { jobId: 'good' });
    await expect(processDocument(log, { text, publishedAt: '2022-02-30' }, { jobId: 'bad' })).rejects.toThrow(
      /not a valid date/,
    );
    const events = await eventsOf(log);
    expect(events.at(-1)).toMatchObject({ type: 'DocumentRejected', data: { code: 'INVALID_PUBLISHED_AT' } });
    const state = timelineProjection.initial();
    for (const event of events) applyTimelineEvent(state, event);
    expect(state.documents[documentId]).toMatchObject({ state: 'processed', providedPublishedAt: '2022-03-14' });
    expect(state.documents[documentId]).not.toHaveProperty('failure');
  });

  it('a text refused before (invalid day) is taken when it comes back valid', async () => {
    const log = createInMemoryEventLog();
    await expect(processDocument(log, { text, publishedAt: '2022-02-30' }, { jobId: 'bad' })).rejects.toThrow(
      /not a valid date/,
    );
    const accepted = await processDocument(log, rightDay, { jobId: 'good' });
    expect(accepted.appended).toBe(accepted.eventCount + 2);
    const types = (await log.readStream(documentStream(accepted.documentId), { limit: 100 })).map((e) => e.type);
    expect(types.slice(0, 2)).toEqual(['DocumentRejected', 'DocumentReceived']);
    // The projection takes the accepted submission's metadata, not the refused one's.
    const state = timelineProjection.initial();
    for (const event of await eventsOf(log)) applyTimelineEvent(state, event);
    expect(state.documents[accepted.documentId]).toMatchObject({
      state: 'processed',
      source: 'afp',
      providedPublishedAt: '2022-03-14',
    });
    expect(state.documents[accepted.documentId]).not.toHaveProperty('failure');
  });
});
