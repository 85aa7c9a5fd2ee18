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
import { DEFAULT_SETTINGS } from './protocol';
import { loadCorpora } from './node/corpusFiles';
import { decodeEssay, problemInDecoded, tooLargeMessage, type Decoded } from './report/essayText';
import { locator } from './report/summary';
import { Checker } from './service/checker';
import { validateConfig } from './service/config';
import { contextOf, emptyCorpusMessage } from './service/context';

export interface RemarkVerbatimOptions {
  /** Corpus files (paths relative to the file's cwd) or `{ path, title, author, year, key }`; the built-in corpus is always there. */
  corpora?: (string | CorpusConfig)[];
  /** Quotations shorter than this many words are never `unverified-quote` (default 4). */
  minWords?: number;
  /** Severity per code: error, warning, information, hint or off. */
  rules?: Record<string, RuleLevel>;
  /** Larger files (in characters, like the server's verbatim.maxFileSize) are not checked (default 1000000). */
  maxFileSize?: number;
}

export default function remarkVerbatim(options: RemarkVerbatimOptions | null | undefined = {}) {
  // The same validation as `.verbatim.json`, so a typo is an error at once, not a silent default.
  const given = options ?? {};
  if (typeof given !== 'object' || Array.isArray(given)) throw new Error('remark-verbatim: options must be an object such as {"minWords": 4}');
  // maxFileSize is the plugin's own (not a .verbatim.json setting), checked here.
  const { maxFileSize = DEFAULT_SETTINGS.maxFileSize, ...rest } = given as Record<string, unknown>;
  const { config, problems } = validateConfig(rest);
  if (typeof maxFileSize !== 'number' || !Number.isSafeInteger(maxFileSize) || maxFileSize < 1) problems.push({ message: 'maxFileSize must be a whole number of at least 1', offset: 0, length: 0, severity: 'error' });
  if (problems.length > 0) throw new Error(`remark-verbatim: ${problems.map((p) => p.message.replace(/^"?(\w+)"? /, '$1 ')).join('; ')}`);
  const limit = maxFileSize as number;

  // One checker per pipeline: files quoting the same words share verdicts.
  const checker = new Checker();

  return function transformer(_tree: Root, file: VFile): void {
    // Bytes (a vfile made from a Buffer) are decoded here, UTF-16 with its BOM included; remark-cli
    // hands over text it decoded as UTF-8, where a UTF-16 or binary file can only be recognised.
    const decoded = file.value instanceof Uint8Array ? decodeEssay(file.value) : textOf(String(file.value ?? ''));
    if ('problem' in decoded) {
      const m = file.message(`Not checked: ${decoded.problem}`, { source: 'verbatim' });
      m.fatal = true;
      return;
    }
    const text = decoded.text;
    if (text.length > limit) {
      // A warning, so that --frail fails rather than pass a file nobody checked.
      const m = file.message(`Not checked: ${tooLargeMessage(limit, 'the maxFileSize option')}`, { ruleId: 'file-too-large', source: 'verbatim' });
      m.fatal = false;
      return;
    }
    const { corpora, errors } = loadCorpora(config.corpora, file.cwd);
    for (const error of errors) {
      const m = file.message(error, { ruleId: 'invalid-config', source: 'verbatim' });
      m.fatal = true;
    }
    for (const c of corpora.slice(1)) {
      if (c.passages.length > 0) continue;
      const m = file.message(emptyCorpusMessage(c.origin), { ruleId: 'invalid-config', source: 'verbatim' });
      m.fatal = false;
    }
    const result = checker.checkNow({ uri: file.path ?? '', text, version: 0 }, contextOf(corpora, { minWords: config.minWords ?? 4, rules: config.rules })).result;
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

function textOf(text: string): Decoded {
  const problem = problemInDecoded(text);
  return problem ? { problem } : { text };
}
