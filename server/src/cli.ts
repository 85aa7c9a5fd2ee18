// `verbatim check <files or folders…>`: the language server's checks from a
// terminal or CI, with a compiler-style report. Exit code 0 clean, 1 findings,
// 2 usage or configuration error.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { checkText, type CheckOptions } from './engine/check';
import type { CorpusConfig } from './engine/config';
import { buildLibrary } from './engine/library';
import { lineIndex } from './engine/loaders';
import { RULES } from './engine/rules';
import type { Finding } from './engine/types';
import { findConfigUpward, loadCorpora } from './node/corpusFiles';

const USAGE = `Usage: verbatim check <files or folders…> [options]

Checks the quotations in Markdown essays against their sources.

Options:
  --corpus FILE      add a corpus (plain text, Markdown or JSON passages); repeatable
  --format FORMAT    text (default) or json
  --min-words N      quotations shorter than N words are never unverified (default 4)
  --exit-zero        exit 0 even when quotations are flagged
  -h, --help         show this help

Exit codes: 0 nothing flagged, 1 quotations flagged, 2 usage or configuration error.`;

class UsageError extends Error {}

interface Args {
  paths: string[];
  corpora: string[];
  format: 'text' | 'json';
  minWords?: number;
  exitZero: boolean;
}

function parseArgs(argv: string[]): Args | 'help' {
  const args: Args = { paths: [], corpora: [], format: 'text', exitZero: false };
  const [command, ...rest] = argv;
  if (command === '-h' || command === '--help' || command === 'help') return 'help';
  if (command !== 'check') throw new UsageError(command ? `Unknown command "${command}"; expected "check"` : 'No command given');
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const value = () => {
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '-h' || a === '--help') return 'help';
    else if (a === '--corpus') args.corpora.push(value());
    else if (a === '--format') {
      const f = value();
      if (f !== 'text' && f !== 'json') throw new UsageError(`Unknown format "${f}"; expected text or json`);
      args.format = f;
    } else if (a === '--min-words') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) throw new UsageError('--min-words needs a whole number of at least 1');
      args.minWords = n;
    } else if (a === '--exit-zero') args.exitZero = true;
    else if (a.startsWith('-')) throw new UsageError(`Unknown option ${a}`);
    else args.paths.push(a);
  }
  if (args.paths.length === 0) throw new UsageError('No files or folders given');
  return args;
}

const ESSAY = /\.(md|markdown)$/i;

function collectEssays(path: string, out: string[]): void {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new UsageError(`${path} does not exist`);
  }
  if (st.isFile()) {
    out.push(path);
    return;
  }
  for (const entry of readdirSync(path, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = join(path, entry.name);
    if (entry.isDirectory()) collectEssays(full, out);
    else if (ESSAY.test(entry.name)) out.push(full);
  }
}

interface FileReport {
  path: string;
  quotations: number;
  correct: number;
  findings: (Finding & { line: number; column: number; endLine: number; endColumn: number })[];
}

function main(argv: string[]): number {
  let args: Args | 'help';
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`verbatim: ${e.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args === 'help') {
    process.stdout.write(`${USAGE}\n\nRules:\n${RULES.map((r) => `  ${r.code.padEnd(18)} ${r.description}`).join('\n')}\n`);
    return 0;
  }
  const essays: string[] = [];
  try {
    for (const p of args.paths) collectEssays(p, essays);
  } catch (e) {
    process.stderr.write(`verbatim: ${(e as Error).message}\n`);
    return 2;
  }
  const extra: CorpusConfig[] = args.corpora.map((p) => ({ path: resolve(p) }));
  const reports: FileReport[] = [];
  const warned = new Set<string>();
  let configError = false;
  for (const essay of essays) {
    const config = findConfigUpward(dirname(resolve(essay)));
    for (const p of config?.problems ?? []) {
      const line = `verbatim: ${relative(process.cwd(), config!.path) || config!.path}: ${p.message}`;
      if (!warned.has(line)) process.stderr.write(line + '\n');
      warned.add(line);
      configError = true;
    }
    const fromConfig = loadCorpora(config?.config.corpora ?? [], config ? dirname(config.path) : process.cwd());
    const fromFlags = loadCorpora(extra, process.cwd());
    for (const error of [...fromConfig.errors, ...fromFlags.errors]) {
      if (!warned.has(error)) process.stderr.write(`verbatim: ${error}\n`);
      warned.add(error);
    }
    const corpora = [...fromConfig.corpora, ...fromFlags.corpora.slice(1).filter((c) => !fromConfig.corpora.some((x) => x.id === c.id))];
    const options: CheckOptions = { minWords: args.minWords ?? config?.config.minWords ?? 4, rules: config?.config.rules ?? {} };
    let text: string;
    try {
      text = readFileSync(essay, 'utf8');
    } catch (e) {
      process.stderr.write(`verbatim: ${essay} could not be read: ${(e as Error).message}\n`);
      configError = true;
      continue;
    }
    const result = checkText(text, buildLibrary(corpora), options);
    const lineOf = lineIndex(text);
    const position = (offset: number) => {
      const line = lineOf(offset);
      const lineStart = offset - (text.lastIndexOf('\n', offset - 1) + 1);
      return { line, column: lineStart + 1 };
    };
    reports.push({
      path: relative(process.cwd(), essay) || essay,
      quotations: result.quotations.filter((q) => q.match.verdict !== 'short').length,
      correct: result.quotations.filter((q) => q.match.verdict === 'correct').length,
      findings: result.findings.map((f) => {
        const s = position(f.start);
        const e = position(f.end);
        return { ...f, line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
      }),
    });
  }
  const flagged = reports.reduce((n, r) => n + r.findings.length, 0);
  if (args.format === 'json') {
    process.stdout.write(
      JSON.stringify(
        {
          version: 1,
          files: reports.map((r) => ({
            path: r.path,
            quotations: r.quotations,
            correct: r.correct,
            findings: r.findings.map((f) => ({
              line: f.line,
              column: f.column,
              endLine: f.endLine,
              endColumn: f.endColumn,
              severity: f.severity,
              code: f.code,
              source: 'verbatim',
              message: f.message,
              sourceText: f.data?.source,
              replacement: f.data?.replacement,
              passage: f.data?.passageId,
            })),
          })),
          summary: { files: reports.length, quotations: reports.reduce((n, r) => n + r.quotations, 0), flagged },
        },
        null,
        2,
      ) + '\n',
    );
  } else {
    for (const r of reports) {
      for (const f of r.findings) process.stdout.write(`${r.path}:${f.line}:${f.column} ${f.severity} ${f.code} ${f.message}\n`);
    }
    const quotations = reports.reduce((n, r) => n + r.quotations, 0);
    const correct = reports.reduce((n, r) => n + r.correct, 0);
    process.stdout.write(
      `\n${quotations} quotation${quotations === 1 ? '' : 's'} checked in ${reports.length} essay${reports.length === 1 ? '' : 's'}: ${correct} correct, ${flagged} flagged\n`,
    );
  }
  if (configError) return 2;
  return flagged > 0 && !args.exitZero ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
