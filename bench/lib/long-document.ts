// A long Markdown document built from the corpus prose, for the language-server benchmarks: the
// corpus documents one after another, repeated until the wanted number of sentences, each repeat
// under its own heading and with its sentences qualified ("Since release 3, ...") so that no two
// sentences are identical (identical sentences would be scored once and flatter the figures).
import { loadCorpus } from './corpus';

export interface LongDocument {
  text: string;
  /** Offsets of the prose sentences (not headings), in document order, for choosing edits. */
  sentences: Array<{ start: number; end: number; text: string }>;
}

export function longDocument(sentenceCount: number): LongDocument {
  const { documents } = loadCorpus();
  const lines: string[] = [];
  const sentences: LongDocument['sentences'] = [];
  let length = 0;
  let emitted = 0;
  const push = (line: string) => {
    lines.push(line);
    length += line.length + 1;
  };
  for (let copy = 0; emitted < sentenceCount; copy++) {
    for (const doc of documents) {
      if (emitted >= sentenceCount) break;
      push(`# ${doc.relativePath}${copy > 0 ? ` (release ${copy})` : ''}`);
      push('');
      emitted++;
      let paragraph: string[] = [];
      const flush = () => {
        if (paragraph.length === 0) return;
        let offset = length;
        for (const [i, s] of paragraph.entries()) {
          sentences.push({ start: offset, end: offset + s.length, text: s });
          offset += s.length + (i < paragraph.length - 1 ? 1 : 0);
        }
        push(paragraph.join(' '));
        push('');
        paragraph = [];
      };
      doc.sentences.forEach((s, i) => {
        if (emitted >= sentenceCount) return;
        const between = i > 0 ? doc.text.slice(doc.sentences[i - 1].end, s.start) : '\n\n';
        const isHeading = !/[.!?:)"'`]$/.test(s.clean);
        if (between.includes('\n\n') || isHeading) flush();
        if (isHeading) {
          push(`## ${s.clean}${copy > 0 ? ` (release ${copy})` : ''}`);
          push('');
        } else {
          paragraph.push(copy === 0 ? s.clean : qualify(s.clean, copy));
        }
        emitted++;
      });
      flush();
    }
  }
  return { text: lines.join('\n'), sentences };
}

function qualify(sentence: string, copy: number): string {
  const first = sentence.split(' ')[0];
  // Keep names and acronyms capitalized ("Tollgate", "API"); lower-case ordinary first words.
  const keep =
    /^[A-Z][A-Z0-9]+$/.test(first) ||
    /^[A-Z][a-z]+[A-Z]/.test(first) ||
    /^(Tollgate|Stash|Inkwell|Lark|Visa|Mastercard)$/.test(first);
  const body = keep ? sentence : sentence.charAt(0).toLowerCase() + sentence.slice(1);
  return `Since release ${copy}, ${body}`;
}
