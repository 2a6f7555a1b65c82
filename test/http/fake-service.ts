import type {
  DocumentStatus,
  SubmitDocumentRequest,
  SubmitDocumentResult,
  SystemStatus,
  TimelineService,
} from '../../src/app/timeline-service.js';
import type { TimelineView } from '../../src/projections/timeline-view.js';

/** The whole HTTP contract can be checked without an engine; the int specs use the real one. */
export const sampleView: TimelineView = {
  position: 12,
  documents: [
    {
      id: 'doc-a',
      source: 'reports/a.txt',
      title: 'Russia seeking military equipment from China',
      publishedAt: '2022-03-13',
      publishedAtInferred: false,
      dateMethod: 'provided',
      dateConfidence: 1,
      state: 'processed',
    },
    {
      id: 'doc-b',
      source: 'https://example.org/b',
      title: 'Sullivan, "Yang" to meet, = formula?',
      publishedAt: null,
      publishedAtInferred: true,
      dateMethod: 'unknown',
      dateConfidence: 0,
      state: 'processed',
    },
  ],
  entries: [
    {
      id: 'entry-1',
      date: '2022-03-13',
      granularity: 'day',
      title: 'Sullivan tells CNN, "no lifeline"',
      certainty: 'inferred',
      sources: [
        {
          documentId: 'doc-a',
          eventId: 'doc-a:v1:e0',
          quote: 'Sullivan said on Sunday that Beijing was warned.',
          start: 100,
          end: 148,
          dateText: 'Sunday',
          dateStart: 117,
          dateEnd: 123,
          date: '2022-03-13',
          resolution: 'document-relative',
        },
        {
          documentId: 'doc-b',
          eventId: 'doc-b:v1:e3',
          quote: '=cmd on Sunday, "quoted", then more',
          start: 0,
          end: 35,
          dateText: 'Sunday',
          dateStart: 7,
          dateEnd: 13,
          date: 'XXXX-03-13',
          resolution: 'document-relative',
        },
      ],
    },
    {
      id: 'entry-2',
      date: '2022-W11',
      granularity: 'week',
      title: 'Meeting with Yang Jiechi',
      certainty: 'approximate',
      sources: [
        {
          documentId: 'doc-a',
          eventId: 'doc-a:v1:e1',
          quote: 'a meeting this week in Rome',
          start: 200,
          end: 227,
          dateText: 'this week',
          dateStart: 210,
          dateEnd: 219,
          date: '2022-W11',
          resolution: 'document-relative',
        },
      ],
    },
    {
      id: 'entry-3',
      date: 'XXXX-02-24',
      granularity: 'day',
      title: 'The invasion began',
      certainty: 'explicit',
      sources: [
        {
          documentId: 'doc-b',
          eventId: 'doc-b:v1:e0',
          quote: 'since Feb. 24',
          start: 50,
          end: 63,
          dateText: 'Feb. 24',
          dateStart: 56,
          dateEnd: 63,
          date: 'XXXX-02-24',
          resolution: 'explicit',
        },
      ],
    },
  ],
  notes: ['1 entries have an unknown year; they are ordered by month and day after the dated ones.'],
};

export interface FakeService extends TimelineService {
  readonly submitted: SubmitDocumentRequest[];
  readonly timelineCalls: Array<{ asOf?: number | string }>;
  readonly eventCalls: Array<{ from?: number; limit?: number }>;
  failNextTimeline(error: Error): void;
  setHealth(health: { ok: boolean; redis?: 'up' | 'down'; queueDepth: number }): void;
  append(position: number): void;
  readonly listenerCount: number;
}

export function createFakeService(): FakeService {
  const submitted: SubmitDocumentRequest[] = [];
  const timelineCalls: Array<{ asOf?: number | string }> = [];
  const eventCalls: Array<{ from?: number; limit?: number }> = [];
  const listeners = new Set<(position: number) => void>();
  let timelineFailure: Error | undefined;
  let health: { ok: boolean; redis?: 'up' | 'down'; queueDepth: number } = { ok: true, queueDepth: 0 };
  return {
    submitted,
    timelineCalls,
    eventCalls,
    get listenerCount() {
      return listeners.size;
    },
    failNextTimeline(error) {
      timelineFailure = error;
    },
    setHealth(next) {
      health = next;
    },
    append(position) {
      for (const listener of listeners) listener(position);
    },
    async submitDocument(request): Promise<SubmitDocumentResult> {
      const duplicate = submitted.some((s) => s.text === request.text);
      submitted.push(request);
      return { documentId: 'doc-new', jobId: 'job-1', accepted: !duplicate };
    },
    async getDocument(documentId, options = {}): Promise<DocumentStatus> {
      if (documentId !== 'doc-a') return { documentId, state: 'unknown', events: [] };
      const status: DocumentStatus = {
        documentId,
        state: 'processed',
        title: 'A',
        events: [{ eventId: 'e', title: 't', date: '2022-03-13', quote: 'q', quoteStart: 0, quoteEnd: 1 }],
      };
      return options.includeText ? { ...status, text: 'q.' } : status;
    },
    async getTimeline(options = {}) {
      timelineCalls.push(options);
      if (timelineFailure) {
        const error = timelineFailure;
        timelineFailure = undefined;
        throw error;
      }
      return sampleView;
    },
    async readEvents(options) {
      eventCalls.push(options);
      const from = options.from ?? 1;
      const all = Array.from({ length: 5 }, (_, i) => ({
        position: i + 1,
        id: `ev-${i + 1}`,
        type: 'DocumentReceived',
        schemaVersion: 1,
        at: '2026-01-01T00:00:00.000Z',
        data: { n: i + 1 },
      }));
      return all.filter((e) => e.position >= from).slice(0, options.limit ?? 100);
    },
    async status(): Promise<SystemStatus> {
      return {
        documents: { received: 2, processed: 2, failed: 0 },
        queue: { waiting: 0, active: 0 },
        log: { length: 12 },
      };
    },
    async health() {
      return health;
    },
    onLogAppended(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {},
  };
}
