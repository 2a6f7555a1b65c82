// One pass over the lower-cased text answers, for every literal key the tagger's modules registered,
// whether it occurs and (for the keys asked for) where: the rule gates, the anchored rule scan, the
// chrono windows and the "quarterly" test all read the same pass.

import { KeyScanner } from './key-scan.js';

export interface TextScan {
  /** present[id] is 1 when the key occurs in the lower-cased text. */
  readonly present: Uint8Array;
  /** For the keys registered with positions, where each occurrence starts, in text order (undefined: none). */
  readonly starts: readonly (readonly number[] | undefined)[];
  /**
   * The positions are indices of the text itself: lower-casing keeps its length (it does save for
   * "İ"). When false, `starts` is empty and callers scan the whole text.
   */
  readonly anchored: boolean;
}

export class TextKeys {
  private readonly keys: string[] = [];
  private readonly withPositions = new Set<number>();
  private scanner: KeyScanner | undefined;
  private record: Uint8Array | undefined;

  /**
   * Ids for the keys (registered on first use); `positions` asks for their positions too. Ids never
   * change; a key registered after a scan rebuilds the automaton for the next one.
   */
  ids(keys: readonly string[], positions = false): number[] {
    return keys.map((key) => {
      let id = this.keys.indexOf(key);
      if (id < 0) {
        id = this.keys.push(key) - 1;
        this.scanner = undefined;
      }
      if (positions && !this.withPositions.has(id)) {
        this.withPositions.add(id);
        this.scanner = undefined;
      }
      return id;
    });
  }

  scan(text: string): TextScan {
    if (!this.scanner) {
      this.scanner = new KeyScanner([...this.keys], true);
      this.record = new Uint8Array(this.keys.length);
      for (const id of this.withPositions) this.record[id] = 1;
    }
    // Read as lower case; "İ" is the one letter whose lower case is longer (see KeyScanner).
    const anchored = text.indexOf('\u0130') < 0;
    const starts: (number[] | undefined)[] = [];
    const present = this.scanner.scanAt(text, anchored ? this.record : undefined, starts);
    return { present, starts, anchored };
  }
}

/** The keys of the whole tagger. */
export const TEXT_KEYS = new TextKeys();
