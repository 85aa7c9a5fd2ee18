// No quadratic work: each input that once froze the server (issue #25, item 6) is run at
// two sizes, and the (CPU) time must grow about as the input does. A linear step grows ×4 when
// its input does; a quadratic one ×16. Each size runs several times, interleaved, and the
// fastest run counts, so a busy machine slows both sizes alike. Growth ratios, never
// wall-clock bounds (speed is the bench's business).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findAttribution } from '../../server/src/engine/attribution';
import { loadCorpus } from '../../server/src/engine/loaders';
import { IncrementalQuotations } from '../../server/src/engine/blocks';
import { citationAfter } from '../../server/src/engine/citations';
import { blockquoteTail, findQuotations, parseMarkdown, proseBlocks } from '../../server/src/engine/markdown';
import { CITATION_WINDOW } from '../../server/src/engine/rules/missingCitation';
import { blockquoteLine, openQuotation } from '../../server/src/providers/completion';

interface Case {
  /** Builds the input of size n, and returns the work to time on it. */
  make(n: number): () => unknown;
  /** The smaller size; the larger is `grow` times it. */
  n: number;
  /** How much larger the input is at the larger size (default 4). */
  grow?: number;
  /** For cases whose input size is not n itself: the input's length at size n. */
  size?(n: number): number;
}

/**
 * The CPU time of one run, in ms: on a loaded machine a long run is preempted more often
 * than a short one, which would inflate the ratio of wall-clock times.
 */
function cpuTime(work: () => unknown): number {
  const t0 = process.cpuUsage();
  work();
  const t = process.cpuUsage(t0);
  return (t.user + t.system) / 1000;
}

/** The same text as a flat string of its own, as a document's text is (not a rope of repeats). */
function flat(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

/** time(large) / time(small), each the fastest of `reps` interleaved runs, after a warm-up run of each. */
function growth(c: Case, reps = 5): { small: number; large: number; ratio: number; inputs: number } {
  const grow = c.grow ?? 4;
  const small = c.make(c.n);
  const large = c.make(c.n * grow);
  small();
  large();
  let s = Infinity;
  let l = Infinity;
  for (let r = 0; r < reps; r++) {
    s = Math.min(s, cpuTime(small));
    l = Math.min(l, cpuTime(large));
  }
  const inputs = c.size ? c.size(c.n * grow) / c.size(c.n) : grow;
  return { small: s, large: l, ratio: l / s, inputs };
}

const CASES: Record<string, Case> = {
  // Attribution reads each quotation's sentence; single marks and no full stop make the
  // whole paragraph one sentence, which was scanned again for every quotation.
  'attributed quotations in one paragraph (single marks, no full stop)': {
    n: 500,
    make(n) {
      const text = flat('Ruth says, ‘they prove we have hearts’ and '.repeat(n));
      const quotations = findQuotations(text);
      assert.equal(quotations.length, n);
      return () => {
        for (const q of quotations) findAttribution(q.paragraph.text, q.paragraph.start, q.paragraph.end);
      };
    },
  },
  'attributed quotations in one paragraph (curly double marks)': {
    n: 2_000,
    make(n) {
      const text = flat('Then Ruth says, “they prove we have hearts.” '.repeat(n));
      const quotations = findQuotations(text);
      assert.equal(quotations.length, n);
      return () => {
        for (const q of quotations) findAttribution(q.paragraph.text, q.paragraph.start, q.paragraph.end);
      };
    },
  },
  // missing-citation looks for a citation after each quotation, to the sentence's end.
  'quotations one after another in a sentence, then a citation': {
    n: 2_000,
    make(n) {
      const text = flat('“they prove we have hearts”, '.repeat(n) + '(Ishiguro 73).');
      const quotations = findQuotations(text);
      assert.equal(quotations.length, n);
      return () => {
        for (const q of quotations) citationAfter(q.paragraph.text, q.paragraph.end, CITATION_WINDOW);
      };
    },
  },
  // Each inline `<!-- verbatim-ignore -->` skips the next quotation: it was looked for from
  // the first quotation on. The tree is parsed beforehand (remark's time is not the point).
  'inline ignore comments before quotations': {
    n: 4_000,
    make(n) {
      const text = flat('A <!-- verbatim-ignore --> “a b” “c d” '.repeat(n));
      const tree = parseMarkdown(text);
      return () => assert.equal(findQuotations(text, tree).length, n);
    },
  },
  'a quotation of spaces before its end (the trim of its closing marks)': {
    n: 50_000,
    make(n) {
      const text = flat('Ruth says, “a' + ' '.repeat(n) + 'b”');
      const start = text.indexOf('“');
      // Far too quick to time once: a thousand times.
      return () => {
        for (let r = 0; r < 3000; r++) assert.equal(findAttribution(text, start, text.length)?.name, 'Ruth');
      };
    },
  },
  'a blockquote: a, many spaces, b (its tail: citation or attribution)': {
    n: 50_000,
    make(n) {
      const text = flat('> a' + ' '.repeat(n) + 'b\n');
      return () => assert.equal(findQuotations(text).length, 1);
    },
  },
  // The tail alone in these two: remark's own time on such lines, and its garbage, grow a
  // little faster than their length, and would blur the ratio.
  'a blockquote of en dashes ending in an em dash (its tail)': {
    n: 100_000,
    make(n) {
      const text = flat('x – '.repeat(n) + '—');
      // Found at once now, from the last em dash: 100,000 times, to be timed at all.
      return () => {
        for (let r = 0; r < 100_000; r++) assert.equal(blockquoteTail(text), -1);
      };
    },
  },
  'a blockquote ending in an opened citation after many [@ (its tail)': {
    n: 400_000,
    make(n) {
      const text = flat('x ' + '[@ '.repeat(n) + ']');
      return () => assert.equal(blockquoteTail(text), 1);
    },
  },
  'completion on a line of > then a closing mark': {
    n: 200_000,
    make(n) {
      const line = flat('>'.repeat(n) + '”');
      return () => {
        for (let r = 0; r < 10; r++) assert.equal(openQuotation(line) ?? blockquoteLine(line), undefined);
      };
    },
  },
  'JSON passages whose ids collide': {
    n: 10_000,
    make(n) {
      const json = flat(JSON.stringify(Array.from({ length: n }, (_, i) => (i % 2 ? { id: 'same', text: 'x' } : { text: 'they prove we have hearts' }))));
      return () => assert.equal(loadCorpus(json, { id: 'j', origin: 'j.json' }).passages.length, n);
    },
  },
  'a book line of spaces inside a paragraph': {
    n: 1_000_000,
    make(n) {
      const book = flat('It was a bright cold day' + ' '.repeat(n) + 'and the clocks were striking thirteen.\n');
      return () => assert.equal(loadCorpus(book, { id: 'b', origin: 'b.txt' }).passages.length, 1);
    },
  },
  // remark's time on one long block (no blank line) grows faster than its length.
  'one paragraph of emphasis and quotations, no blank line': {
    n: 250_000,
    make(n) {
      const unit = 'She *said* “they prove we have hearts” and _so_ on. ';
      const text = flat(unit.repeat(Math.ceil(n / unit.length)));
      return () => new IncrementalQuotations().find(text);
    },
  },
  // The parse (remark, or the guard's plain text: where the time went) and the visible text.
  'nested > - on every line': {
    n: 2_500,
    make(n) {
      const text = flat('> - > - > - “they prove we have hearts”\n'.repeat(n));
      return () => proseBlocks(parseMarkdown(text), text);
    },
  },
  'nested - - - - list items on every line': {
    n: 2_500,
    make(n) {
      const text = flat('- - - - - - - - “they prove we have hearts”\n'.repeat(n));
      return () => proseBlocks(parseMarkdown(text), text);
    },
  },
  // Nested by indentation, one level more per line: n levels are about n² characters, so
  // the larger size has 4 × the levels and 16 × the characters.
  'list levels by indentation': {
    n: 320,
    grow: 4,
    size: (n) => n * n,
    make(n) {
      const text = flat(Array.from({ length: n }, (_, i) => ' '.repeat(2 * i) + '- “they prove we have hearts”').join('\n'));
      return () => proseBlocks(parseMarkdown(text), text);
    },
  },
};

for (const [name, c] of Object.entries(CASES)) {
  test(`linear growth: ${name}`, { timeout: 120_000 }, (t) => {
    // Linear gives ×inputs, quadratic ×inputs²; twice linear allows for noise. A burst of
    // load on the machine can still spoil one measure: up to five, and one must pass (a
    // quadratic step fails them all).
    const tries: string[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const { small, large, ratio, inputs } = growth(c);
      tries.push(`${small.toFixed(1)} ms → ${large.toFixed(1)} ms: ×${ratio.toFixed(1)} for ×${inputs} input`);
      if (ratio < 2 * inputs) {
        t.diagnostic(tries.join('; '));
        return;
      }
    }
    assert.fail(`time grew faster than the input: ${tries.join('; ')}`);
  });
}
