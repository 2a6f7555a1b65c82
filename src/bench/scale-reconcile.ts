/**
 * `node dist/bench/scale-reconcile.js BASES.json SIZE`: one size of the scale bench, in a process
 * of its own (so its peak RSS is the reconciler's at that size). Builds the synthetic archive
 * (scale-archive.ts), reconciles all of it but some late documents, then the late documents one
 * at a time as they would arrive (IncrementalReconciliation: only their stories again), and prints
 * one JSON line of figures.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { DocumentAnalysis } from '../model/timeline-model.js';
import { IncrementalReconciliation } from '../reconcile/incremental-reconciliation.js';
import { syntheticArchive } from './scale-archive.js';

/** Late documents timed one by one. */
const LATE_DOCUMENTS = 100;

export interface ScaleReconcileFigures {
  readonly docs: number;
  readonly events: number;
  readonly stories: number;
  readonly largestStory: number;
  /**
   * The most documents one chain of shared entries links (an entry reported by two documents links
   * them): what any story relation must keep in one story for the timeline to stay the same.
   */
  readonly largestLinkedByEntries: number;
  /** Reconciling the archive but the late documents, from nothing (every story once). */
  readonly initialReconcileMs: number;
  /** One late document's reconciliation: its stories again, the timeline order merged. */
  readonly reconcileOneP50Ms: number;
  readonly reconcileOneP99Ms: number;
  /** Documents reconciled again for one late document (its story), median and 99th percentile. */
  readonly documentsReconciledP50: number;
  readonly documentsReconciledP99: number;
  readonly reconcilerPeakRssMb: number;
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

export function measureScale(bases: readonly DocumentAnalysis[], size: number): ScaleReconcileFigures {
  const archive = syntheticArchive(bases, size);
  const late = new Set<string>();
  // Late documents from all over the archive (every n-th), not only the newest stories.
  const step = Math.max(1, Math.floor(archive.length / LATE_DOCUMENTS));
  for (let i = step - 1; i < archive.length && late.size < LATE_DOCUMENTS; i += step) late.add(archive[i]!.documentId);
  const byId = new Map(archive.map((analysis) => [analysis.documentId, analysis]));
  const known = new Map<string, DocumentAnalysis>();
  const analysesOf = (ids: readonly string[]): DocumentAnalysis[] => ids.map((id) => known.get(id)!);

  const reconciliation = new IncrementalReconciliation();
  const early = archive.filter((analysis) => !late.has(analysis.documentId));
  for (const analysis of early) known.set(analysis.documentId, analysis);
  let started = performance.now();
  reconciliation.update(early, analysesOf);
  const initialReconcileMs = performance.now() - started;

  const times: number[] = [];
  const reconciled: number[] = [];
  for (const id of late) {
    const analysis = byId.get(id)!;
    known.set(id, analysis);
    started = performance.now();
    const update = reconciliation.update([analysis], analysesOf);
    times.push(performance.now() - started);
    reconciled.push(update.documentIds.length);
  }
  times.sort((a, b) => a - b);
  reconciled.sort((a, b) => a - b);
  const stories = reconciliation.storySizes();
  const largestLinkedByEntries = largestChain(reconciliation.timeline().entries.map((entry) => entry.eventIds));
  const round = (x: number): number => Math.round(x * 100) / 100;
  return {
    docs: archive.length,
    events: archive.reduce((sum, analysis) => sum + analysis.events.length, 0),
    stories: stories.length,
    largestStory: Math.max(0, ...stories),
    largestLinkedByEntries,
    initialReconcileMs: Math.round(initialReconcileMs),
    reconcileOneP50Ms: round(percentile(times, 50)),
    reconcileOneP99Ms: round(percentile(times, 99)),
    documentsReconciledP50: percentile(reconciled, 50),
    documentsReconciledP99: percentile(reconciled, 99),
    reconcilerPeakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

/** The largest set of documents linked through entries they both report (event ids start with their document id). */
function largestChain(entries: readonly (readonly string[])[]): number {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root) ?? root;
    parent.set(id, root);
    return root;
  };
  for (const eventIds of entries) {
    const documents = [...new Set(eventIds.map((id) => id.slice(0, id.indexOf(':'))))];
    for (const documentId of documents) if (!parent.has(documentId)) parent.set(documentId, documentId);
    const first = documents[0];
    if (first !== undefined) for (const other of documents.slice(1)) parent.set(find(other), find(first));
  }
  const sizes = new Map<string, number>();
  for (const documentId of parent.keys()) sizes.set(find(documentId), (sizes.get(find(documentId)) ?? 0) + 1);
  return Math.max(0, ...sizes.values());
}

const [basesFile, sizeArg] = process.argv.slice(2);
if (basesFile && sizeArg) {
  const bases = DocumentAnalysis.array().parse(JSON.parse(readFileSync(basesFile, 'utf8')));
  process.stdout.write(`${JSON.stringify(measureScale(bases, Number(sizeArg)))}\n`);
}
