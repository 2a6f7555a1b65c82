import { SingleBar, Presets } from 'cli-progress';
import { isInvalidDocumentError } from '../../documents/document-errors.js';
import { documentIdOf } from '../../documents/document-job.js';
import { loadDocuments, type LoadedDocument, type LoadOptions } from '../../documents/load-documents.js';
import { EXIT } from '../exit-codes.js';
import { formatTimelineTable, timelineForJson, type ReadingOptions } from '../format-timeline.js';
import { serviceConfigOf, withService, type GlobalOptions } from './with-service.js';
import type { TimelineService } from '../../app/timeline-service.js';

interface Summary {
  queued: number;
  duplicates: number;
  failed: number;
}

/** Submissions at once: each waits on a few Redis round trips, so overlapping them is what pays. */
const SUBMISSIONS_IN_FLIGHT = 16;

async function submitAll(service: TimelineService, paths: readonly string[], options: LoadOptions): Promise<Summary> {
  const { documents, failures } = await loadDocuments(paths, options);
  for (const failure of failures) process.stderr.write(`timeline: ${failure.path}: ${failure.reason}\n`);
  const summary: Summary = { queued: 0, duplicates: 0, failed: failures.length };
  const bar =
    process.stderr.isTTY && documents.length > 1
      ? new SingleBar({ format: 'ingest [{bar}] {value}/{total} documents', hideCursor: true }, Presets.shades_classic)
      : undefined;
  bar?.start(documents.length, 0);
  // Copies of one text go one after another in file order, so the first is queued and the others
  // counted as already there, and a copy stating other metadata corrects the one before it.
  const byText = new Map<string, LoadedDocument[]>();
  for (const document of documents) {
    const key = documentIdOf(document.payload.text);
    const copies = byText.get(key);
    if (copies) copies.push(document);
    else byText.set(key, [document]);
  }
  const lanes = [...byText.values()];
  let next = 0;
  let stopped: { error: unknown } | undefined;
  const submitLanes = async (): Promise<void> => {
    while (!stopped && next < lanes.length) {
      for (const document of lanes[next++]!) {
        try {
          const result = await service.submitDocument(document.payload);
          if (result.accepted) summary.queued++;
          else summary.duplicates++;
        } catch (error) {
          if (!isInvalidDocumentError(error)) {
            stopped ??= { error };
            return;
          }
          summary.failed++;
          bar?.stop();
          process.stderr.write(`timeline: ${document.path}: ${error.message}\n`);
        }
        bar?.increment();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(SUBMISSIONS_IN_FLIGHT, lanes.length) }, submitLanes));
  bar?.stop();
  if (stopped) throw stopped.error;
  return summary;
}

function reportSummary(summary: Summary, verb: string): void {
  const parts = [`${summary.queued} ${verb}`];
  if (summary.duplicates)
    parts.push(`${summary.duplicates} already queued or in the log (same text and metadata, skipped)`);
  if (summary.failed) parts.push(`${summary.failed} failed`);
  process.stderr.write(`timeline: ${parts.join(', ')}\n`);
}

/** `timeline run`: always embedded; ingest, wait for processing, print the timeline. */
export async function runRun(
  paths: readonly string[],
  options: ReadingOptions & {
    dataDir: string;
    json: boolean;
    yearHint?: number;
    publishedAt?: string;
    maxDocumentBytes?: number;
  },
): Promise<number> {
  const config = serviceConfigOf({
    dataDir: options.dataDir,
    prefix: 'timeline',
    maxDocumentBytes: options.maxDocumentBytes,
  });
  return withService(config, async (service) => {
    const summary = await submitAll(service, paths, {
      yearHint: options.yearHint,
      publishedAt: options.publishedAt,
      maxBytes: options.maxDocumentBytes,
    });
    await service.engine.whenIdle();
    const failedInQueue = (await service.status()).documents.failed;
    reportSummary({ ...summary, failed: Math.max(summary.failed, failedInQueue) }, 'processed');
    const view = await service.getTimeline();
    process.stdout.write(
      options.json
        ? `${JSON.stringify(timelineForJson(view, options), null, 2)}\n`
        : `${formatTimelineTable(view, process.stdout.columns ?? 110, options)}\n`,
    );
    return summary.failed > 0 || failedInQueue > 0 ? EXIT.SOME_DOCUMENTS_FAILED : EXIT.OK;
  });
}

/** `timeline ingest`: onto the BullMQ queue with REDIS_URL; embedded, processed before returning. */
export async function runIngest(paths: readonly string[], options: GlobalOptions & LoadOptions): Promise<number> {
  return withService(serviceConfigOf(options), async (service) => {
    const summary = await submitAll(service, paths, { ...options, maxBytes: options.maxDocumentBytes });
    if (service.engine.kind === 'embedded') {
      await service.engine.whenIdle();
      reportSummary(summary, 'processed');
    } else {
      reportSummary(summary, 'queued');
    }
    return summary.failed > 0 ? EXIT.SOME_DOCUMENTS_FAILED : EXIT.OK;
  });
}
