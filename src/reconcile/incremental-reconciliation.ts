import type { DocumentAnalysis, DocumentDate, ReconciledEntry, ReconciledTimeline } from '../model/timeline-model.js';
import { compareKeyedEntries, reconcileStory, type SortKey, type StoryTimeline } from './reconcile-timeline.js';
import { StoryIndex, storyKeysOf } from './stories.js';

/** What one update reconciled again: the stories the new analyses touched, before and after. */
export interface ReconciliationUpdate {
  /** The documents of the touched stories (reconciled again), sorted. */
  readonly documentIds: readonly string[];
  /** The touched stories' entries before the update. */
  readonly previousEntryIds: ReadonlySet<string>;
  /** The touched stories' entries now. */
  readonly entries: readonly ReconciledEntry[];
  /** The touched documents' dates now. */
  readonly documentDates: ReadonlyMap<string, DocumentDate>;
  /** How many stories were reconciled again. */
  readonly stories: number;
}

interface KeyedEntry {
  readonly entry: ReconciledEntry;
  readonly key: SortKey;
}

/**
 * The timeline kept up to date story by story: an update takes the analyses that are new or
 * changed, reconciles again only the stories they are in (asking `analysesOf` for those stories'
 * documents, no others), and keeps every other story's result as it was. The timeline it gives
 * is `reconcileTimeline` of every analysis it was given, byte for byte (the property test checks
 * it over random arrival orders), since `reconcileTimeline` itself is the stories' results merged.
 */
export class IncrementalReconciliation {
  private readonly index = new StoryIndex();
  /** Story id (its first document id when it was reconciled) of each document. */
  private readonly storyIdOf = new Map<string, string>();
  private readonly results = new Map<string, StoryTimeline>();
  /** Every entry in timeline order. */
  private order: KeyedEntry[] = [];
  private readonly dateOf = new Map<string, DocumentDate>();
  /** Document ids in order (the order of `documentDates`). */
  private sortedDocumentIds: string[] = [];

  update(
    changed: readonly DocumentAnalysis[],
    analysesOf: (documentIds: readonly string[]) => readonly DocumentAnalysis[],
  ): ReconciliationUpdate {
    const seeds = this.index.putAll(changed.map((analysis) => [analysis.documentId, storyKeysOf(analysis)] as const));
    const stories = this.index.storiesWith(seeds);

    const previousEntryIds = new Set<string>();
    for (const story of stories) {
      for (const documentId of story) {
        const storyId = this.storyIdOf.get(documentId);
        const previous = storyId === undefined ? undefined : this.results.get(storyId);
        if (storyId === undefined || !previous) continue;
        for (const entry of previous.entries) previousEntryIds.add(entry.entryId);
        this.results.delete(storyId);
      }
    }

    const fresh: KeyedEntry[] = [];
    const documentDates = new Map<string, DocumentDate>();
    const documentIds: string[] = [];
    const newDocuments: string[] = [];
    for (const story of stories) {
      const result = reconcileStory(analysesOf(story));
      const storyId = story[0] ?? '';
      this.results.set(storyId, result);
      result.entries.forEach((entry, i) => fresh.push({ entry, key: result.sortKeys[i] as SortKey }));
      for (const documentId of story) {
        this.storyIdOf.set(documentId, storyId);
        documentIds.push(documentId);
      }
      for (const [documentId, date] of Object.entries(result.documentDates)) {
        if (!this.dateOf.has(documentId)) newDocuments.push(documentId);
        this.dateOf.set(documentId, date);
        documentDates.set(documentId, date);
      }
    }

    fresh.sort(compareKeyedEntries);
    this.order = mergeSorted(
      this.order.filter(({ entry }) => !previousEntryIds.has(entry.entryId)),
      fresh,
      compareKeyedEntries,
    );
    if (newDocuments.length > 0)
      this.sortedDocumentIds = mergeSorted(this.sortedDocumentIds, newDocuments.sort(byId), byId);

    return {
      documentIds: documentIds.sort(byId),
      previousEntryIds,
      entries: fresh.map(({ entry }) => entry),
      documentDates,
      stories: stories.length,
    };
  }

  /** The number of documents of each story. */
  storySizes(): number[] {
    return this.index.stories().map((story) => story.length);
  }

  /** Every entry id in timeline order. */
  entryOrder(): string[] {
    return this.order.map(({ entry }) => entry.entryId);
  }

  /** The whole timeline (what `reconcileTimeline` gives for every analysis given so far). */
  timeline(): ReconciledTimeline {
    const documentDates: Record<string, DocumentDate> = {};
    for (const documentId of this.sortedDocumentIds) {
      const date = this.dateOf.get(documentId);
      if (date) documentDates[documentId] = date;
    }
    return { documentDates, entries: this.order.map(({ entry }) => entry) };
  }
}

function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Two sorted lists as one (linear: the unchanged part of the timeline is not sorted again). */
function mergeSorted<T>(a: readonly T[], b: readonly T[], compare: (x: T, y: T) => number): T[] {
  const out = new Array<T>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = compare(a[i] as T, b[j] as T) <= 0 ? (a[i++] as T) : (b[j++] as T);
  while (i < a.length) out[k++] = a[i++] as T;
  while (j < b.length) out[k++] = b[j++] as T;
  return out;
}
