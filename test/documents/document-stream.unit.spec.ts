/**
 * The document stream as a decider, in Emmett's given / when / then: given the events of a
 * document's stream, when a submission comes, then this plan; and processDocument running the
 * plans against a real in-memory log, with the analysis injected (no NLP model loaded).
 */
import { describe, expect, it } from 'vitest';
import { acceptDocument, type DocumentJobPayload } from '../../src/documents/document-job.js';
import {
  correctionOf,
  decide,
  eventsOf,
  evolve,
  initialDocumentStreamState,
  type DocumentPlan,
  type DocumentStreamState,
  type ProcessDocumentCommand,
} from '../../src/documents/document-stream.js';
import {
  documentStream,
  newTimelineEvent,
  toTimelineEvent,
  type TimelineEvent,
} from '../../src/events/domain/timeline-events.js';
import { isConcurrencyError } from '../../src/events/store/errors.js';
import { STREAM_DOES_NOT_EXIST, type NewEvent } from '../../src/events/store/event-log.js';
import { createInMemoryEventLog } from '../../src/events/store/memory/in-memory-event-log.js';
import type { DocumentAnalysis, DocumentInput } from '../../src/model/timeline-model.js';
import { processDocument } from '../../src/workers/process-document.js';

const text = 'On Monday the board met in Rome. A day later it voted.';
const wrongDay: DocumentJobPayload = { text, source: 'afp', publishedAt: '2021-03-14' };
const rightDay: DocumentJobPayload = { text, source: 'afp', publishedAt: '2022-03-14' };

/** The injected analysis: one event per call, dated with the day it was given, under `version`'s ids. */
function stubAnalysis(version = 'x1') {
  const inputs: DocumentInput[] = [];
  const analyze = (input: DocumentInput): DocumentAnalysis => {
    inputs.push(input);
    return {
      documentId: input.documentId,
      extractorVersion: version,
      title: input.title ?? 'The board met',
      documentDate: { value: input.publishedAt ?? null, inferred: false, method: 'provided', confidence: 1 },
      events: [],
      clutter: [],
    };
  };
  return { analyze, inputs };
}

const command = (payload: DocumentJobPayload, jobId?: string, extractorVersion = 'x1'): ProcessDocumentCommand => ({
  document: acceptDocument(payload),
  extractorVersion,
  ...(jobId !== undefined ? { jobId } : {}),
});

/** The stream after these submissions were each decided and appended in turn (given). */
function given(...submissions: ProcessDocumentCommand[]): { state: DocumentStreamState; events: TimelineEvent[] } {
  let state = initialDocumentStreamState;
  const events: TimelineEvent[] = [];
  for (const submission of submissions) {
    const plan = decide(state, submission);
    if (plan.kind === 'no-op') continue;
    const analysis = stubAnalysis(submission.extractorVersion).analyze(plan.input);
    for (const event of eventsOf(plan, submission, analysis)) {
      const recorded = toTimelineEvent(asRecorded(event, events.length + 1, submission.document.documentId));
      events.push(recorded);
      state = evolve(state, recorded);
    }
  }
  return { state, events };
}

function asRecorded(event: NewEvent, position: number, documentId: string) {
  return {
    ...event,
    position,
    stream: documentStream(documentId),
    streamVersion: position,
    at: '2026-01-01T00:00:00.000Z',
  };
}

const kindOf = (plan: DocumentPlan): DocumentPlan['kind'] => plan.kind;

describe('the document stream decider: given its events, when a submission comes, then a plan', () => {
  it('given nothing, a submission is new, appended to a stream that must not exist', () => {
    const plan = decide(initialDocumentStreamState, command(wrongDay, 'job-1'));
    expect(plan).toEqual({
      kind: 'new',
      input: expect.objectContaining({ source: 'afp', publishedAt: '2021-03-14' }),
      expectedVersion: STREAM_DOES_NOT_EXIST,
    });
  });

  it("given only a rejection of another payload, the accepted one is new, at the stream's version", () => {
    const documentId = acceptDocument(rightDay).documentId;
    const rejected = newTimelineEvent('DocumentRejected', `${documentId}:rejected:INVALID_PUBLISHED_AT`, {
      documentId,
      source: 'afp',
      code: 'INVALID_PUBLISHED_AT',
      reason: 'bad day',
    });
    const state = evolve(initialDocumentStreamState, toTimelineEvent(asRecorded(rejected, 1, documentId)));
    expect(decide(state, command(rightDay))).toMatchObject({ kind: 'new', expectedVersion: 1 });
  });

  it('given the document, the same payload again is a no-op at the position of its analysis', () => {
    const { state, events } = given(command(wrongDay, 'job-1'));
    const analysed = events.find((event) => event.type === 'DocumentAnalyzed');
    expect(decide(state, command(wrongDay, 'job-2'))).toEqual({ kind: 'no-op', position: analysed?.position });
    expect(decide(state, command({ text }))).toMatchObject({ kind: 'no-op' });
  });

  it('given the document, other metadata is revision 1; given that revision, the same correction is a no-op and a return to the first metadata is revision 2', () => {
    const first = given(command(wrongDay));
    const plan = decide(first.state, command(rightDay));
    expect(plan).toMatchObject({
      kind: 'revise',
      correction: { revision: 1, metadata: { source: 'afp', publishedAt: '2022-03-14' } },
      expectedVersion: first.state.version,
    });
    expect(plan.kind === 'revise' && plan.input.revisionTag).toMatch(/^r1-[0-9a-f]{8}$/);

    const revised = given(command(wrongDay), command(rightDay));
    expect(revised.events.map((event) => event.type)).toEqual([
      'DocumentReceived',
      'DocumentAnalyzed',
      'DocumentRevised',
      'DocumentAnalyzed',
    ]);
    expect(kindOf(decide(revised.state, command(rightDay)))).toBe('no-op');
    expect(decide(revised.state, command(wrongDay))).toMatchObject({ kind: 'revise', correction: { revision: 2 } });
  });

  it("given a job's metadata recorded, that job again does not undo a later correction; the job named by the document id is the first submission", () => {
    const documentId = acceptDocument(wrongDay).documentId;
    const { state } = given(command(wrongDay, 'doc-job'), command(rightDay, 'correction-1'));
    expect(kindOf(decide(state, command(wrongDay, 'doc-job')))).toBe('no-op');
    expect(kindOf(decide(state, command(wrongDay, documentId)))).toBe('no-op');
    expect(decide(state, command(wrongDay, 'correction-3'))).toMatchObject({
      kind: 'revise',
      correction: { revision: 2 },
    });
  });

  it('given a corrected document, another extractor version re-analyses the metadata in force under the current revision', () => {
    const { state } = given(command(wrongDay, 'doc-job'), command(rightDay, 'correction-1'));
    const plan = decide(state, command(wrongDay, 'doc-job', 'x2'));
    expect(plan).toMatchObject({
      kind: 're-analyse',
      input: { publishedAt: '2022-03-14', revisionTag: state.revisionTag },
      revisionTag: state.revisionTag,
    });
  });

  it('the job id a submission queues a correction under is the revision the worker records', () => {
    const { state } = given(command(wrongDay));
    const correction = correctionOf(state, acceptDocument(rightDay));
    const plan = decide(state, command(rightDay, correction?.jobId));
    expect(plan.kind === 'revise' && plan.correction).toEqual(correction);
    expect(correction?.jobId).toBe(`${acceptDocument(rightDay).documentId}-${correction?.revisionTag}`);
    expect(correctionOf(state, acceptDocument(wrongDay))).toBeUndefined();
  });
});

describe('processDocument runs the decider against a log, with the analysis injected', () => {
  it('a new document takes one append and no read; the same payload again reads, decides no-op and appends nothing', async () => {
    const log = createInMemoryEventLog();
    let reads = 0;
    const counted = {
      ...log,
      readStream: (...args: Parameters<typeof log.readStream>) => (reads++, log.readStream(...args)),
    };
    const { analyze, inputs } = stubAnalysis();
    const first = await processDocument(counted, wrongDay, { analyze, jobId: 'job-1' });
    expect(first).toMatchObject({ appended: 2, eventCount: 0 });
    expect(reads).toBe(0);
    const again = await processDocument(counted, wrongDay, { analyze, jobId: 'job-2' });
    expect(again).toEqual({ ...first, appended: 0 });
    expect(reads).toBe(1);
    expect(inputs.every((input) => input.revisionTag === undefined)).toBe(true);
  });

  it("a correction analyses its metadata under the revision's ids, and appends DocumentRevised with it", async () => {
    const log = createInMemoryEventLog();
    const { analyze, inputs } = stubAnalysis();
    await processDocument(log, wrongDay, { analyze });
    const corrected = await processDocument(log, rightDay, { analyze, jobId: 'correction-1' });
    expect(corrected).toMatchObject({ revision: 1, appended: 2 });
    expect(inputs.at(-1)).toMatchObject({ publishedAt: '2022-03-14', revisionTag: expect.stringMatching(/^r1-/) });
    const types = (await log.readStream(documentStream(corrected.documentId))).map((event) => [
      event.type,
      (event.data as { jobId?: string }).jobId,
    ]);
    expect(types).toEqual([
      ['DocumentReceived', undefined],
      ['DocumentAnalyzed', undefined],
      ['DocumentRevised', 'correction-1'],
      ['DocumentAnalyzed', undefined],
    ]);
  });

  it("a version conflict after the read is the job's to retry: the error says so, and the retry revises after the winner", async () => {
    const log = createInMemoryEventLog();
    const { analyze } = stubAnalysis();
    await processDocument(log, wrongDay, { analyze });
    // Another correction lands between this job's read and its append.
    const racing = {
      ...log,
      async readStream(...args: Parameters<typeof log.readStream>) {
        const events = await log.readStream(...args);
        await processDocument(log, { ...rightDay, title: 'Other' }, { analyze, jobId: 'other' });
        return events;
      },
    };
    const mine = { ...rightDay, source: 'afp-corrected' };
    const lost = await processDocument(racing, mine, { analyze, jobId: 'mine' }).catch((error: unknown) => error);
    expect(isConcurrencyError(lost) && lost.retryable).toBe(true);
    expect(await processDocument(log, mine, { analyze, jobId: 'mine' })).toMatchObject({ revision: 2 });
  });
});
