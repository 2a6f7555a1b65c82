import { CliError, EXIT } from '../exit-codes.js';
import { isPaged, TimelinePageRequest } from '../../projections/timeline-page.js';
import type { TimelineView } from '../../projections/timeline-view.js';
import { formatTimelineTable, timelineForJson, type ReadingOptions } from '../format-timeline.js';
import { serviceConfigOf, withService, type GlobalOptions } from './with-service.js';

export async function runShow(
  options: GlobalOptions & ReadingOptions & { json: boolean; asOf?: number | string; page?: TimelinePageRequest },
): Promise<number> {
  // The flags one by one were checked by their parsers; together (from after to) here.
  const page = TimelinePageRequest.safeParse(options.page ?? {});
  if (!page.success) throw new CliError(page.error.issues.map((issue) => issue.message).join('; '), EXIT.USAGE);
  const paging = isPaged(page.data) ? { page: page.data } : {};
  return withService(
    serviceConfigOf(options),
    async (service) => {
      const view = await service.getTimeline(options.asOf === undefined ? paging : { asOf: options.asOf, ...paging });
      // A page is printed whole: its --limit already chose how many entries.
      const reading = paging.page ? { ...options, all: true } : options;
      process.stdout.write(
        options.json
          ? `${JSON.stringify(timelineForJson(view, reading), null, 2)}\n`
          : `${formatTimelineTable(view, process.stdout.columns ?? 110, reading)}\n${nextPageLine(view)}`,
      );
      return EXIT.OK;
    },
    { reading: true },
  );
}

function nextPageLine(view: TimelineView): string {
  const page = view.page;
  if (!page) return '';
  const next = page.next
    ? `next page: --from ${page.next.from ?? '…'} --after ${JSON.stringify(page.next.after)}${page.to ? ` --to ${page.to}` : ''} --limit ${page.limit}`
    : 'last page';
  return `Page: ${view.entries.length} of the ${page.total} entries from ${page.from ?? 'the start'} to ${page.to ?? 'the end'}; ${next}\n`;
}

export async function runLog(
  options: GlobalOptions & { json: boolean; from: number; limit?: number },
): Promise<number> {
  return withService(
    serviceConfigOf(options),
    async (service) => {
      let from = Math.max(1, options.from);
      let left = options.limit ?? Number.POSITIVE_INFINITY;
      while (left > 0) {
        const page = await service.readEvents({ from, limit: Math.min(1000, left) });
        if (page.length === 0) break;
        for (const event of page) {
          if (options.json) {
            process.stdout.write(
              `${JSON.stringify({ position: event.position, id: event.id, type: event.type, schemaVersion: event.schemaVersion, at: event.at, data: event.data })}\n`,
            );
          } else {
            process.stdout.write(
              `${String(event.position).padStart(7)}  ${event.at}  ${event.type.padEnd(20)} ${event.id}\n`,
            );
          }
        }
        left -= page.length;
        const last = page[page.length - 1];
        if (!last) break;
        from = last.position + 1;
      }
      return EXIT.OK;
    },
    { reading: true },
  );
}

export async function runReplay(options: GlobalOptions & { to?: number | string }): Promise<number> {
  return withService(serviceConfigOf(options), async (service) => {
    const started = process.hrtime.bigint();
    const limit =
      options.to === undefined
        ? {}
        : typeof options.to === 'number'
          ? { toPosition: options.to }
          : { until: options.to };
    const { position, state } = await service.engine.runner.rebuild(limit);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    process.stderr.write(
      `timeline: rebuilt the timeline projection from the log up to position ${position} ` +
        `(${Object.keys(state.documents).length} documents, ${Object.keys(state.entries).length} entries) in ${ms.toFixed(0)} ms\n`,
    );
    return EXIT.OK;
  });
}

export async function runStatus(options: GlobalOptions & { json: boolean }): Promise<number> {
  return withService(
    serviceConfigOf(options),
    async (service, access) => {
      const status = await service.status();
      // Beside `timeline serve` the queue is in that process: this one would report its own, empty one.
      const holder = access.holderPid ? `pid ${access.holderPid}` : 'another process';
      if (options.json) {
        const queue = access.readOnly ? { heldBy: holder } : status.queue;
        process.stdout.write(`${JSON.stringify({ ...status, queue })}\n`);
      } else {
        const { documents, queue, log } = status;
        process.stdout.write(
          `documents: ${access.readOnly ? `${documents.received} in the log` : `${documents.received} received`}, ${documents.processed} processed, ${documents.failed} failed\n` +
            (access.readOnly
              ? `queue:     held by ${holder} (ask it: GET /healthz)\n`
              : `queue:     ${queue.waiting} waiting, ${queue.active} active\n`) +
            `log:       ${log.length} events\n`,
        );
      }
      return EXIT.OK;
    },
    { reading: true },
  );
}
