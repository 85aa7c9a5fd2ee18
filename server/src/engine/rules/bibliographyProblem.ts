import { frontMatterOf } from '../bibliography';
import type { Rule } from './types';

export const bibliographyProblem: Rule = {
  code: 'bibliography-problem',
  description: 'The bibliography the essay names cannot be read, or one of its entries cannot (unclosed brace, duplicate key): the file and line are named; the other entries still count.',
  severity: 'warning',
  check: () => undefined,
  checkDocument({ text, bibliography }) {
    if (!bibliography) return [];
    const front = frontMatterOf(text).end;
    return bibliography.problems.map((p) => {
      // On the front matter's mention of the file when it names it, else at the top of the essay.
      const name = p.file.split(/[\\/]/).pop() ?? p.file;
      const at = front > 0 ? text.slice(0, front).indexOf(name) : -1;
      return {
        start: at >= 0 ? at : 0,
        end: at >= 0 ? at + name.length : 0,
        message: `Bibliography ${p.file}, line ${p.line}: ${p.message}`,
      };
    });
  },
};
