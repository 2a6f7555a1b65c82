/**
 * Which of a fixed set of literal keys occur in a text, found in a single pass (an Aho–Corasick
 * automaton). The rule gate asks this for about a hundred keys per document; one `includes` per
 * key scanned the whole text once for every absent key, which cost as much as several rules.
 * Answers exactly what `text.includes(key)` answers, key by key.
 */
export class KeyScanner {
  readonly keys: readonly string[];
  /** Character code (below 128) → alphabet class; 0 is every character no key contains. */
  private readonly classOf = new Uint8Array(128);
  private readonly classes: number;
  /**
   * Complete transition table, indexed by a state's row (state * classes) + class. Each entry is the
   * target's row times two, plus one when entering the target recognises a key: the scan loop then
   * needs no multiplication and no lookup for the common, key-less states.
   */
  private readonly next: Int32Array;
  /** Keys recognised on entering a state (its own and its suffixes'), by state. */
  private readonly output: (readonly number[] | undefined)[];

  /** Scans as if over `text.toLowerCase()` (see the constructor). */
  private readonly fold: boolean;

  /**
   * With `foldCase`, the keys are lower-case and a text is read as its `toLowerCase()` would read,
   * without building that string: A–Z as a–z, the Kelvin sign as "k", "İ" as "i" and a combining dot
   * (the only characters outside ASCII whose lower case holds ASCII letters). The positions `scanAt`
   * reports are then indices of the text itself unless it holds an "İ", whose lower case is two long.
   */
  constructor(keys: readonly string[], foldCase = false) {
    this.keys = keys;
    this.fold = foldCase;
    let classes = 1;
    for (const key of keys) {
      if (!key) throw new Error('KeyScanner: empty key');
      if (foldCase && key !== key.toLowerCase()) throw new Error(`KeyScanner: key "${key}" is not lower-case`);
      for (let i = 0; i < key.length; i++) {
        const code = key.charCodeAt(i);
        // Non-ASCII text characters all share class 0, which is only sound if no key needs them.
        if (code >= 128) throw new Error(`KeyScanner: key "${key}" is not ASCII`);
        if (this.classOf[code] === 0) this.classOf[code] = classes++;
      }
    }
    this.classes = classes;
    if (foldCase) for (let c = 65; c <= 90; c++) this.classOf[c] = this.classOf[c + 32]!;
    // Trie, with -1 for a missing edge.
    const edges: number[][] = [new Array<number>(classes).fill(-1)];
    const own: number[][] = [[]];
    keys.forEach((key, k) => {
      let state = 0;
      for (let i = 0; i < key.length; i++) {
        const c = this.classOf[key.charCodeAt(i)]!;
        let to = edges[state]![c]!;
        if (to < 0) {
          to = edges.length;
          edges.push(new Array<number>(classes).fill(-1));
          own.push([]);
          edges[state]![c] = to;
        }
        state = to;
      }
      own[state]!.push(k);
    });
    // Breadth first: failure links, completed transitions, outputs merged along failure links.
    const states = edges.length;
    this.next = new Int32Array(states * classes);
    const fail = new Int32Array(states);
    const outputs: number[][] = own.map((o) => [...o]);
    const queue: number[] = [];
    for (let c = 0; c < classes; c++) {
      const to = edges[0]![c]!;
      if (to > 0) {
        fail[to] = 0;
        this.next[c] = to;
        queue.push(to);
      } else this.next[c] = 0;
    }
    for (let head = 0; head < queue.length; head++) {
      const s = queue[head]!;
      outputs[s]!.push(...outputs[fail[s]!]!);
      for (let c = 0; c < classes; c++) {
        const to = edges[s]![c]!;
        const viaFail = this.next[fail[s]! * classes + c]!;
        if (to > 0) {
          fail[to] = viaFail;
          this.next[s * classes + c] = to;
          queue.push(to);
        } else this.next[s * classes + c] = viaFail;
      }
    }
    this.output = outputs.map((o) => (o.length ? [...new Set(o)] : undefined));
    for (let i = 0; i < this.next.length; i++) {
      const target = this.next[i]!;
      this.next[i] = ((target * classes) << 1) | (this.output[target] ? 1 : 0);
    }
  }

  /** found[k] is 1 when keys[k] occurs in text. */
  scan(text: string): Uint8Array {
    return this.scanAt(text);
  }

  /**
   * As `scan`, and for every key k with record[k] set, the index where each occurrence starts is
   * appended to starts[k] (created on the first), in text order.
   */
  scanAt(text: string, record?: Uint8Array, starts?: (number[] | undefined)[]): Uint8Array {
    const found = new Uint8Array(this.keys.length);
    const { classOf, classes, next, output, fold } = this;
    const keys = this.keys;
    let row = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      let cls = 0;
      if (code < 128) cls = classOf[code]!;
      else if (fold && code === 0x212a) cls = classOf[107]!;
      else if (fold && code === 0x130) {
        // "i", then U+0307 (class 0) below.
        const entry = next[row + classOf[105]!]!;
        row = entry >> 1;
        if (entry & 1) for (const k of output[row / classes]!) found[k] = 1;
      }
      const entry = next[row + cls]!;
      row = entry >> 1;
      if (entry & 1) {
        const hits = output[row / classes]!;
        for (let h = 0; h < hits.length; h++) {
          const k = hits[h]!;
          found[k] = 1;
          if (record && record[k] === 1) (starts![k] ??= []).push(i + 1 - keys[k]!.length);
        }
      }
    }
    return found;
  }
}
