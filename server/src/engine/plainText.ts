// Essays that are not Markdown: plain text (.txt) and the text of Word files
// (.docx, one paragraph per line). Nothing is markup here: each paragraph is a
// prose block as written, so a `#`, `>` or `*` a student typed stays a
// character. Paragraphs are separated by blank lines, or, with `eachLine`, each
// line is one.

import type { ProseBlock } from './markdown';

export function plainBlocks(text: string, eachLine = false): ProseBlock[] {
  const blocks: ProseBlock[] = [];
  const split = eachLine ? /\r?\n/g : /\r?\n[ \t]*(?:\r?\n[ \t]*)+/g;
  let from = 0;
  const push = (to: number) => {
    let a = from;
    let b = to;
    while (a < b && /\s/.test(text[a])) a++;
    while (b > a && /\s/.test(text[b - 1])) b--;
    if (b > a) {
      const offsets = new Array<number>(b - a + 1);
      for (let i = 0; i <= b - a; i++) offsets[i] = a + i;
      blocks.push({ text: text.slice(a, b), offsets, inBlockquote: false, start: a, end: b });
    }
  };
  for (let m = split.exec(text); m; m = split.exec(text)) {
    push(m.index);
    from = m.index + m[0].length;
  }
  push(text.length);
  return blocks;
}
