// A "prose view" of one block of a document: the text a reader sees (markup removed, inline code
// reduced to its content) together with a map from every view character back to the source
// range it came from. Format front-ends (Markdown, LaTeX, ...) build one view per block; the
// sentence splitter runs on the view, and the map turns its sentences back into source offsets.

export type PieceKind =
  /** Prose copied verbatim from the source. */
  | 'text'
  /** Prose that stands for different source text: an escape, an entity, a LaTeX accent. */
  | 'symbol'
  /** Inline code: never split inside, and not prose on its own. */
  | 'code'
  /** Inline math: like code. */
  | 'math'
  /** A URL shown as text: like code. */
  | 'url'
  /** Whitespace standing for markup such as a hard line break or "~". */
  | 'space';

export interface Piece {
  viewStart: number;
  viewEnd: number;
  srcStart: number;
  srcEnd: number;
  kind: PieceKind;
  /** True when view text equals the source text char for char, so offsets map one to one. */
  verbatim: boolean;
}

/** Markup around prose (emphasis, a link) that a sentence should include when it spans all of it. */
export interface Wrapper {
  start: number;
  end: number;
  contentStart: number;
  contentEnd: number;
}

export interface ProseText {
  text: string;
  pieces: Piece[];
  /** View positions where a new sentence must start. */
  breaks: number[];
  /** View positions where markup was removed ("in \cite{x}." leaves a gap before "."). */
  gaps: number[];
  wrappers: Wrapper[];
}

export class ProseBuilder {
  private readonly parts: string[] = [];
  private readonly pieces: Piece[] = [];
  private readonly breaks: number[] = [];
  private readonly gaps: number[] = [];
  private readonly wrappers: Wrapper[] = [];
  private length = 0;

  get viewLength(): number {
    return this.length;
  }

  /** The last character of the view so far ('' when empty). */
  get lastChar(): string {
    const last = this.parts[this.parts.length - 1];
    return last ? last[last.length - 1] : '';
  }

  /** Text that appears in the source exactly as given, starting at srcStart. */
  text(srcStart: number, value: string): void {
    if (value.length === 0) return;
    const last = this.pieces[this.pieces.length - 1];
    if (last && last.verbatim && last.kind === 'text' && last.srcEnd === srcStart && last.viewEnd === this.length) {
      last.viewEnd += value.length;
      last.srcEnd += value.length;
    } else {
      this.pieces.push({
        viewStart: this.length,
        viewEnd: this.length + value.length,
        srcStart,
        srcEnd: srcStart + value.length,
        kind: 'text',
        verbatim: true,
      });
    }
    this.parts.push(value);
    this.length += value.length;
  }

  /** A view string that stands for the whole source range [srcStart, srcEnd). */
  replaced(value: string, srcStart: number, srcEnd: number, kind: PieceKind): void {
    if (value.length === 0) {
      this.gap();
      return;
    }
    this.pieces.push({
      viewStart: this.length,
      viewEnd: this.length + value.length,
      srcStart,
      srcEnd,
      kind,
      verbatim: false,
    });
    this.parts.push(value);
    this.length += value.length;
  }

  /** Whitespace in the view for markup that reads as a space (a hard break, "~", a removed tag). */
  space(srcStart: number, srcEnd: number): void {
    this.replaced(' ', srcStart, srcEnd, 'space');
  }

  /** Records that markup was dropped here. */
  gap(): void {
    if (this.gaps[this.gaps.length - 1] !== this.length) this.gaps.push(this.length);
  }

  /** Forces a sentence boundary at the current position. */
  break(): void {
    if (this.breaks[this.breaks.length - 1] !== this.length) this.breaks.push(this.length);
  }

  wrap(wrapper: Wrapper): void {
    if (wrapper.start < wrapper.contentStart || wrapper.end > wrapper.contentEnd) this.wrappers.push(wrapper);
  }

  build(): ProseText {
    return {
      text: this.parts.join(''),
      pieces: this.pieces,
      breaks: this.breaks,
      gaps: this.gaps,
      wrappers: this.wrappers,
    };
  }
}
