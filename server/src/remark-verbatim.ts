// remark-verbatim: the checker as a unified plugin, for remark-cli and any
// unified pipeline. It runs the same engine as the language server and the CLI
// (engine/check.ts) on the file's text and adds one vfile message per finding,
// with ruleId (the diagnostic code), source 'verbatim' and the position.
//
//   remark essay.md --use verbatim/remark-verbatim
//   unified().use(remarkParse).use(remarkVerbatim, { corpora: ['books/emma.txt'] })

import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import type { CorpusConfig, RuleLevel } from './engine/config';
import { nodeFileSystem } from './node/nodeFileSystem';
import { locator } from './report/summary';
import { Checker } from './service/checker';
import { validateConfig } from './service/config';
import { buildContext } from './service/context';

export interface RemarkVerbatimOptions {
  /** Corpus files (paths relative to the file's cwd) or `{ path, title, author, year, key }`; the built-in corpus is always there. */
  corpora?: (string | CorpusConfig)[];
  /** Quotations shorter than this many words are never `unverified-quote` (default 4). */
  minWords?: number;
  /** Severity per code: error, warning, information, hint or off. */
  rules?: Record<string, RuleLevel>;
}

export default function remarkVerbatim(options: RemarkVerbatimOptions | null | undefined = {}) {
  // The same validation as `.verbatim.json`, so a typo is an error at once, not a silent default.
  const given = options ?? {};
  if (typeof given !== 'object' || Array.isArray(given)) throw new Error('remark-verbatim: options must be an object such as {"minWords": 4}');
  const { config, problems } = validateConfig(given);
  if (problems.length > 0) throw new Error(`remark-verbatim: ${problems.map((p) => p.message.replace(/^"?(\w+)"? /, '$1 ')).join('; ')}`);

  // One checker per pipeline: files quoting the same words share verdicts.
  const checker = new Checker();

  return function transformer(_tree: Root, file: VFile): void {
    const text = String(file.value ?? '');
    const cwd = file.cwd;
    // The options are the user's own, like user settings: corpus paths relative to the file's cwd.
    const settings = { corpora: config.corpora, minWords: config.minWords, rules: config.rules };
    const context = buildContext(nodeFileSystem, { dir: undefined, folder: cwd, settings, trusted: true, confine: false, maxFileSize: Number.MAX_SAFE_INTEGER, cwd }, undefined);
    for (const error of context.errors) {
      const m = file.message(error, { ruleId: 'invalid-config', source: 'verbatim' });
      m.fatal = true;
    }
    const result = checker.checkNow({ uri: file.path ?? '', text, version: 0 }, context).result;
    const locate = locator(text);
    for (const f of result.findings) {
      const at = locate(f.start, f.end);
      const m = file.message(f.message, {
        place: { start: { line: at.line, column: at.column, offset: f.start }, end: { line: at.endLine, column: at.endColumn, offset: f.end } },
        ruleId: f.code,
        source: 'verbatim',
      });
      // vfile's three levels: fatal true is an error, false a warning, undefined information.
      m.fatal = f.severity === 'error' ? true : f.severity === 'warning' ? false : undefined;
      const quotation = result.quotations.find((q) => q.quotation.start === f.start)?.quotation;
      m.actual = quotation ? text.slice(quotation.contentStart, quotation.contentEnd) : text.slice(f.start, f.end);
      // vfile's `expected`: what `actual` could be instead, one entry per fix that rewrites the quoted words.
      if (quotation) {
        const { contentStart, contentEnd } = quotation;
        const inside = (f.fixes ?? []).filter((fix) => fix.edits.every((e) => e.start >= contentStart && e.end <= contentEnd));
        const rewritten = inside.map((fix) => {
          let out = text.slice(contentStart, contentEnd);
          for (const e of [...fix.edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start - contentStart) + e.newText + out.slice(e.end - contentStart);
          return out;
        });
        if (rewritten.length > 0) m.expected = rewritten;
      }
    }
  };
}
