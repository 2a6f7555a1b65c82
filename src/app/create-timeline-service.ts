import {
  acceptDocument,
  metadataOf,
  type AcceptedDocument,
  type DocumentJobPayload,
} from '../documents/document-job.js';
import { isInvalidDocumentError } from '../documents/document-errors.js';
import { correctionOf } from '../documents/document-stream.js';
import { receivedEventIdOf, toTimelineEvent } from '../events/domain/timeline-events.js';
import type { EventLog, Subscription } from '../events/store/event-log.js';
import { buildTimelineView } from '../projections/timeline-projection.js';
import type { TimelineView } from '../projections/timeline-view.js';
import type { Engine } from './engine.js';
import type { DocumentStatus, SubmitDocumentRequest, SystemStatus, TimelineService } from './timeline-service.js';

export interface TimelineServiceOptions {
  readonly maxDocumentBytes?: number;
}

function acceptedOrUndefined(payload: DocumentJobPayload | undefined): AcceptedDocument | undefined {
  if (!payload) return undefined;
  try {
    return acceptDocument(payload);
  } catch (error) {
    if (isInvalidDocumentError(error)) return undefined;
    throw error;
  }
}

/** The use cases behind the CLI and the HTTP API, the same for both engines. */
export function createTimelineService(engine: Engine, options: TimelineServiceOptions = {}): TimelineService {
  const listeners = new Set<(position: number) => void>();
  let subscription: Subscription | undefined;
  let subscribing: Promise<void> | undefined;

  return {
    async submitDocument(request: SubmitDocumentRequest) {
      // Checked here too so the caller hears about bad input at once, not from a failed job later.
      const document = acceptDocument(request, { maxBytes: options.maxDocumentBytes });
      const alreadyInLog = (await engine.log.positionOf(receivedEventIdOf(document.documentId))) !== undefined;
      if (!alreadyInLog) {
        const { jobId, queued } = await engine.submit(document);
        if (queued) return { documentId: document.documentId, jobId, accepted: true };
        // Its first job has not been processed yet: the same metadata again is nothing new; other
        // metadata is a correction, queued as a job of its own (whichever runs first, the worker
        // ends with this metadata in force, as if the first job had run first).
        const pending = acceptedOrUndefined(await engine.jobPayload(jobId));
        // No usable pending payload (another producer's bad one, or the job just ended): queue this
        // one too, the worker sorts it out.
        const correction = correctionOf(
          { revisions: 0, ...(pending ? { metadata: metadataOf(pending) } : {}) },
          document,
        );
        if (!correction) return { documentId: document.documentId, jobId, accepted: false };
        const queuedCorrection = await engine.submit(document, correction.jobId);
        return { documentId: document.documentId, jobId: queuedCorrection.jobId, accepted: queuedCorrection.queued };
      }
      // The same text again: nothing to do, unless it states other metadata (a corrected publication
      // day, title or source), which the worker records as a revision and analyses again.
      const { state } = await engine.runner.catchUp();
      const record = state.documents[document.documentId];
      const metadata =
        record &&
        metadataOf({
          source: record.source,
          title: record.providedTitle,
          publishedAt: record.providedPublishedAt,
          yearHint: record.yearHint,
        });
      const correction = record && metadata && correctionOf({ metadata, revisions: record.revision ?? 0 }, document);
      if (!correction) return { documentId: document.documentId, jobId: document.documentId, accepted: false };
      const { jobId, queued } = await engine.submit(document, correction.jobId);
      return { documentId: document.documentId, jobId, accepted: queued };
    },

    async getDocument(documentId: string, documentOptions: { includeText?: boolean } = {}): Promise<DocumentStatus> {
      const { state } = await engine.runner.catchUp();
      // The id comes from a client: own keys only (`__proto__`, `constructor` are no documents).
      const record = Object.hasOwn(state.documents, documentId) ? state.documents[documentId] : undefined;
      if (record && record.state !== 'received') {
        const events = (record.analysis?.eventIds ?? []).flatMap((eventId) => {
          const event = state.events[eventId];
          return event
            ? [
                {
                  eventId,
                  title: event.title,
                  date: event.date.value,
                  quote: event.quote.text,
                  quoteStart: event.quote.start,
                  quoteEnd: event.quote.end,
                },
              ]
            : [];
        });
        // The projection keeps no texts (memory stays small); the log has each in DocumentReceived.
        const text = documentOptions.includeText ? await receivedTextOf(engine.log, documentId) : undefined;
        const date = record.reconciledDate ?? record.analysis?.documentDate;
        return {
          documentId,
          state: record.state === 'failed' ? 'failed' : 'processed',
          title: record.title,
          source: record.source,
          ...(date?.value ? { publishedAt: date.value } : {}),
          ...(record.failure ? { failure: record.failure } : {}),
          events,
          ...(text !== undefined ? { text } : {}),
        };
      }
      const queued = await engine.queueState(documentId);
      if (!queued) return { documentId, state: 'unknown', events: [] };
      return { documentId, state: queued.state, ...(queued.failure ? { failure: queued.failure } : {}), events: [] };
    },

    async getTimeline(timelineOptions = {}): Promise<TimelineView> {
      const { asOf, page } = timelineOptions;
      if (asOf === undefined) {
        const { state, position } = await engine.runner.catchUp();
        return buildTimelineView(state, position, undefined, page);
      }
      const limit = typeof asOf === 'number' ? { toPosition: asOf } : { until: asOf };
      // From the nearest as-of checkpoint stored with the projection, not from the start of the log.
      const { state, position } = await engine.runner.foldAsOf(limit);
      return buildTimelineView(state, position, undefined, page);
    },

    async readEvents({ from, limit }) {
      const events = await engine.log.read({ from: from ?? 1, limit: Math.min(limit ?? 100, 1000) });
      return events.map(({ position, id, type, schemaVersion, at, data }) => ({
        position,
        id,
        type,
        schemaVersion,
        at,
        data,
      }));
    },

    async status(): Promise<SystemStatus> {
      const [{ state }, counts, length] = await Promise.all([
        engine.runner.catchUp(),
        engine.queueCounts(),
        engine.log.headPosition(),
      ]);
      const documents = Object.values(state.documents);
      const processed = documents.filter((d) => d.state === 'processed').length;
      const rejected = documents.filter((d) => d.state === 'failed').length;
      return {
        documents: {
          received: documents.length + counts.waiting + counts.active,
          processed,
          // Rejected documents are failed jobs too: count whichever source knows more of them.
          failed: Math.max(rejected, counts.failed),
        },
        queue: { waiting: counts.waiting, active: counts.active },
        log: { length },
      };
    },

    async health() {
      // A health check answers even when Redis does not: the queue client would wait for it.
      const unknownDepth = { waiting: -1, active: 0, failed: 0 };
      const [health, counts] = await Promise.all([
        engine.health(),
        withTimeout(
          engine.queueCounts().catch(() => unknownDepth),
          1000,
          unknownDepth,
        ),
      ]);
      return { ok: health.redis !== 'down', ...health, queueDepth: counts.waiting };
    },

    onLogAppended(listener) {
      listeners.add(listener);
      if (!subscription && !subscribing) {
        subscribing = engine.log.headPosition().then((head) => {
          subscription = engine.log.subscribe(head, (event) => {
            for (const notify of listeners) notify(event.position);
          });
        });
      }
      return () => {
        listeners.delete(listener);
      };
    },

    async close() {
      await subscribing?.catch(() => undefined);
      await subscription?.close();
      await engine.close();
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  return Promise.race([promise, new Promise<T>((resolve) => setTimeout(() => resolve(fallback), ms).unref())]);
}

/** The text a document was received with (its stream may begin with refusals of other payloads). */
async function receivedTextOf(log: EventLog, documentId: string): Promise<string | undefined> {
  const position = await log.positionOf(receivedEventIdOf(documentId));
  if (position === undefined) return undefined;
  const [recorded] = await log.read({ from: position, limit: 1 });
  const event = recorded && toTimelineEvent(recorded);
  return event?.type === 'DocumentReceived' ? event.data.text : undefined;
}
