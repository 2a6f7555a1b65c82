/**
 * A cleaned string that remembers where each of its pieces came from in the original text, so a
 * quote found in the cleaned text can be shown in place in the original.
 */
interface Piece {
  /** Start of the piece in the cleaned text. */
  readonly at: number;
  readonly length: number;
  readonly originalStart: number;
  readonly originalEnd: number;
  /** Copied pieces map character by character; replacements map as a whole. */
  readonly copied: boolean;
}

export interface MappedText {
  readonly text: string;
  readonly pieces: readonly Piece[];
}

export class MappedTextBuilder {
  private readonly chunks: string[] = [];
  private readonly pieces: Piece[] = [];
  private size = 0;

  /** Copies original[start, end) unchanged. */
  copy(original: string, start: number, end: number): void {
    if (end <= start) return;
    this.chunks.push(original.slice(start, end));
    this.pieces.push({ at: this.size, length: end - start, originalStart: start, originalEnd: end, copied: true });
    this.size += end - start;
  }

  /** Emits `replacement` standing for original[start, end) (a repaired entity, a dropped stray period). */
  replace(replacement: string, start: number, end: number): void {
    if (!replacement.length) return;
    this.chunks.push(replacement);
    this.pieces.push({
      at: this.size,
      length: replacement.length,
      originalStart: start,
      originalEnd: end,
      copied: false,
    });
    this.size += replacement.length;
  }

  get length(): number {
    return this.size;
  }

  build(): MappedText {
    return { text: this.chunks.join(''), pieces: this.pieces };
  }
}

function pieceAt(pieces: readonly Piece[], index: number): Piece | undefined {
  let lo = 0;
  let hi = pieces.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((pieces[mid]?.at ?? 0) <= index) lo = mid;
    else hi = mid - 1;
  }
  return pieces[lo];
}

function originalStartOf(pieces: readonly Piece[], index: number): number {
  const p = pieceAt(pieces, index);
  if (!p) return 0;
  return p.copied ? p.originalStart + (index - p.at) : p.originalStart;
}

function originalEndOf(pieces: readonly Piece[], index: number): number {
  const p = pieceAt(pieces, index);
  if (!p) return 0;
  return p.copied ? p.originalStart + (index - p.at) + 1 : p.originalEnd;
}

/** Maps a cleaned range [start, end) back to the original text. */
export function toOriginalRange(mapped: MappedText, start: number, end: number): { start: number; end: number } {
  if (mapped.text.length === 0) return { start: 0, end: 0 };
  const first = Math.min(Math.max(start, 0), mapped.text.length - 1);
  const last = Math.min(Math.max(end - 1, first), mapped.text.length - 1);
  return { start: originalStartOf(mapped.pieces, first), end: originalEndOf(mapped.pieces, last) };
}
