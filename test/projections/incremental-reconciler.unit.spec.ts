import { describe, expect, it } from 'vitest';
import { documentStream, newTimelineEvent } from '../../src/events/domain/timeline-events.js';
import { createInMemoryEventLog } from '../../src/events/store/memory/in-memory-event-log.js';
import { readAll, type EventLog, type NewEvent } from '../../src/events/store/event-log.js';
import type { DocumentAnalysis } from '../../src/model/timeline-model.js';
import { ProjectionRunner } from '../../src/projections/projection-runner.js';
import {
  TimelineReconciler,
  timelineProjection,
  type TimelineState,
} from '../../src/projections/timeline-projection.js';
import { reconcileTimelineStep } from '../../src/workers/reconcile-timeline-step.js';
import { shuffled } from '../pipeline/seed-support.js';
import { fixtureStory, generatedArchive, randomOf, revised, seedAnalyses } from '../reconcile/reconcile-pool.js';

/**
 * The reconciler a worker keeps between runs (only the touched stories reconciled and compared)
 * appends the same TimelineReconciled events as reconciling everything at every run, byte for
 * byte, also when two reconcilers take turns on one log (each finds the state the other left)
 * and when documents are revised.
 */

const HASH = 'b'.repeat(64);

/** What a worker appends for an analysis (revision 0) or a correction's re-analysis (revision n). */
function documentEvents(analysis: DocumentAnalysis, revision: number): NewEvent[] {
  const suffix = revision === 0 ? '' : `:r${revision}`;
  const events = analysis.events.map((event) => ({ ...event, eventId: `${event.eventId}${suffix}` }));
  const { events: _events, ...document } = analysis;
  const published = analysis.documentDate.method === 'provided' ? analysis.documentDate.value : null;
  return [
    revision === 0
      ? newTimelineEvent('DocumentReceived', `${analysis.documentId}:received`, {
          documentId: analysis.documentId,
          contentHash: HASH,
          text: `text of ${analysis.documentId}`,
          source: `${analysis.documentId}.txt`,
          ...(published ? { publishedAt: published } : {}),
        })
      : newTimelineEvent('DocumentRevised', `${analysis.documentId}:revised${suffix}`, {
          documentId: analysis.documentId,
          revision,
          source: `${analysis.documentId}.txt`,
          ...(published ? { publishedAt: published } : {}),
        }),
    ...events.map((event) =>
      newTimelineEvent('EventExtracted', event.eventId, { ...event, documentId: analysis.documentId }),
    ),
    newTimelineEvent('DocumentAnalyzed', `${analysis.documentId}:analysis${suffix}`, {
      ...document,
      eventIds: events.map((event) => event.eventId),
    }),
  ];
}

interface Setup {
  readonly log: EventLog;
  readonly runner: ProjectionRunner<TimelineState>;
  readonly reconcilers: TimelineReconciler[];
}

const setup = (reconcilers: number): Setup => {
  const log = createInMemoryEventLog();
  return {
    log,
    runner: new ProjectionRunner<TimelineState>(timelineProjection, log),
    reconcilers: Array.from({ length: reconcilers }, () => new TimelineReconciler()),
  };
};

async function reconciliations(log: EventLog): Promise<string[]> {
  const out: string[] = [];
  for await (const event of readAll(log))
    if (event.type === 'TimelineReconciled') out.push(`${event.id} ${JSON.stringify(event.data)}`);
  return out;
}

describe('TimelineReconciler: incremental runs append what full runs append', () => {
  it(
    'over random arrivals and revisions, with one kept reconciler and with two taking turns',
    { timeout: 120_000 },
    async () => {
      const pool = [...seedAnalyses(), ...fixtureStory('port-strike'), ...generatedArchive(40)];
      const full = setup(0);
      const incremental = setup(1);
      const twoInTurn = setup(2);
      const random = randomOf(11);
      const arrivals = shuffled(pool, 11);
      const revisions = new Map<string, number>();
      let run = 0;
      let touchedOnly = 0;
      while (arrivals.length > 0) {
        const batch = arrivals.splice(0, 1 + Math.floor(random() * 5)).map((analysis) => ({ analysis, revision: 0 }));
        if (run > 3 && random() < 0.3) {
          const analysis = pool[Math.floor(random() * pool.length)]!;
          const revision = (revisions.get(analysis.documentId) ?? 0) + 1;
          // Only a document already in the log can be revised.
          if ((await full.log.streamVersion(documentStream(analysis.documentId))) > 0) {
            revisions.set(analysis.documentId, revision);
            batch.push({ analysis: revision % 2 === 1 ? revised(analysis) : analysis, revision });
          }
        }
        for (const { log } of [full, incremental, twoInTurn])
          for (const { analysis, revision } of batch)
            await log.append(documentStream(analysis.documentId), documentEvents(analysis, revision));
        await reconcileTimelineStep(full.log, full.runner);
        await reconcileTimelineStep(incremental.log, incremental.runner, { reconciler: incremental.reconcilers[0] });
        if (incremental.reconcilers[0]!.lastComparison === 'touched') touchedOnly++;
        await reconcileTimelineStep(twoInTurn.log, twoInTurn.runner, { reconciler: twoInTurn.reconcilers[run % 2] });
        run++;
      }
      expect(revisions.size).toBeGreaterThan(0);
      // After its first run the kept reconciler finds the state its own last run left.
      expect(touchedOnly).toBe(run - 1);
      const expected = await reconciliations(full.log);
      expect(expected.length).toBeGreaterThan(10);
      expect(await reconciliations(incremental.log)).toEqual(expected);
      expect(await reconciliations(twoInTurn.log)).toEqual(expected);
      // The kept reconciler's last run reconciled the last batch's stories, not the whole archive.
      expect(incremental.reconcilers[0]!.lastDocuments).toBeLessThan(pool.length);
    },
  );
});
