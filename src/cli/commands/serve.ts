import { createHttpServer } from '../../http/server.js';
import { EXIT } from '../exit-codes.js';
import { untilStopSignal } from '../stop-signals.js';
import { serviceConfigOf, type GlobalOptions } from './with-service.js';
import { openTimelineService } from '../../app/open-service.js';

/** How long `timeline serve` may take to stop after SIGTERM/SIGINT before it exits regardless. */
const SERVE_FORCE_MS = 30_000;

/** `timeline serve`: the HTTP API and the page, until SIGTERM/SIGINT. */
export async function runServe(options: GlobalOptions & { port: number; host: string }): Promise<number> {
  // No analysis on the server's event loop: every document in a thread (one per queue slot), under
  // its deadline, so a freak text cannot stall the requests meanwhile.
  const service = await openTimelineService({
    ...serviceConfigOf(options),
    analysisThreads: 2,
    inlineAnalysisBelowChars: 0,
    durableQueue: true,
  });
  const app = createHttpServer(service, {
    ...(process.env.TIMELINE_API_TOKEN ? { apiToken: process.env.TIMELINE_API_TOKEN } : {}),
    // Room for a 5 MB document once JSON-escaped; the document limit itself is checked after parsing.
    bodyLimitBytes: 8 * 1024 * 1024,
  });
  // The documents being processed finish; their analyses are bounded by the analysis budget (at
  // most 10 s), so a stop that takes longer than that and the saves after it is stuck. Listened for
  // before the address is printed: a SIGTERM sent as soon as it shows still closes gracefully.
  const stopped = untilStopSignal({
    forceMs: SERVE_FORCE_MS,
    say: (line) => void process.stderr.write(`timeline: ${line}\n`),
  });
  const address = await app.listen({ port: options.port, host: options.host });
  process.stderr.write(`timeline: serving ${address} (${service.engine.kind} engine); Ctrl-C to stop\n`);
  await stopped;
  await app.close();
  await service.close();
  return EXIT.OK;
}
