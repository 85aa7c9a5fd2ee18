// The essay's own prose: what stands outside quotation marks, blockquotes,
// code and front matter, for rules that look for copied text without marks
// (Rule.checkProse). Per chunk of blocks (blocks.ts), cached by the chunk's
// text, so an edit scans only the chunk it touched again.

import { chunkStarts } from './blocks';
import { parseMarkdown, plainParagraph, proseBlocks, quotationsInBlock, suppressions, type ProseBlock } from './markdown';
import type { ProseRun } from './rules/types';
import type { Finding } from './types';

/** What stands where a quotation was: no word run goes across it. */
const MASK = '\u0000';

/**
 * The prose blocks of a chunk outside blockquotes, each with its quotations
 * (marks included) blanked out, less what suppression comments switch off.
 */
export function proseRuns(source: string): ProseRun[] {
  const plain = plainParagraph(source);
  const tree = plain ? undefined : parseMarkdown(source);
  const blocks = plain ? [plain] : proseBlocks(tree!, source);
  return runsOf(blocks, tree ? suppressions(tree, source.length).ranges : []);
}

/** Prose blocks as runs: blockquotes and switched-off blocks left out, quotations blanked out. */
export function runsOf(blocks: readonly ProseBlock[], off: readonly { start: number; end: number }[] = []): ProseRun[] {
  const runs: ProseRun[] = [];
  for (const block of blocks) {
    if (block.inBlockquote) continue;
    if (off.some((r) => block.start >= r.start && block.start < r.end)) continue;
    if (!/[\p{L}\p{N}]/u.test(block.text)) continue;
    let text = block.text;
    for (const q of quotationsInBlock(block)) {
      const { start, end } = q.paragraph;
      text = text.slice(0, start) + MASK.repeat(end - start) + text.slice(end);
    }
    runs.push({ text, offsets: block.offsets });
  }
  return runs;
}

/** Runs every prose rule over one chunk's prose; offsets relative to the chunk. */
export type ProseScan = (chunk: string) => Finding[];

/**
 * The prose findings of a document, chunk by chunk, reusing the findings of
 * every chunk whose text is unchanged since the last call with the same scan.
 */
export class IncrementalProse {
  private chunks = new Map<string, readonly Finding[]>();
  private made: readonly unknown[] = [];
  /** Chunks scanned by the last call (not found in the cache). */
  scanned = 0;

  /** `inputs` are what the scan depends on (library, options): any that changed empties the cache. */
  find(text: string, scan: ProseScan, inputs: readonly unknown[]): Finding[] {
    if (inputs.length !== this.made.length || inputs.some((x, i) => x !== this.made[i])) {
      this.chunks = new Map();
      this.made = inputs;
    }
    const starts = chunkStarts(text);
    const next = new Map<string, readonly Finding[]>();
    const out: Finding[] = [];
    this.scanned = 0;
    for (let i = 0; i < starts.length; i++) {
      const from = starts[i];
      const chunk = text.slice(from, i + 1 < starts.length ? starts[i + 1] : text.length);
      let found = next.get(chunk) ?? this.chunks.get(chunk);
      if (!found) {
        found = scan(chunk);
        this.scanned++;
      }
      next.set(chunk, found);
      for (const f of found) out.push(from === 0 ? f : shift(f, from));
    }
    this.chunks = next;
    return out;
  }
}

function shift(f: Finding, by: number): Finding {
  const data = f.data && {
    ...f.data,
    ...(f.data.contentStart !== undefined ? { contentStart: f.data.contentStart + by } : {}),
    ...(f.data.contentEnd !== undefined ? { contentEnd: f.data.contentEnd + by } : {}),
  };
  const fixes = f.fixes?.map((fix) => ({ ...fix, edits: fix.edits.map((e) => ({ ...e, start: e.start + by, end: e.end + by })) }));
  return { ...f, start: f.start + by, end: f.end + by, data, ...(fixes ? { fixes } : {}) };
}
