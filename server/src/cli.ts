// `verbatim check` and `verbatim report`: the language server's checks from a
// terminal or CI. `check` prints findings (text, JSON or SARIF); `report`
// writes one self-contained HTML page. Exit code 0 clean, 1 findings, 2 usage
// or configuration error.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from './engine/rules';
import { formatHtml } from './report/formats/html';
import { formatJson } from './report/formats/json';
import { formatSarif } from './report/formats/sarif';
import { formatText } from './report/formats/text';
import { checkEssays, collectEssays, DEFAULT_EXTENSIONS, UsageError } from './report/run';
import { percent, totals } from './report/summary';

const USAGE = `Usage: verbatim check <files, folders or globs…> [options]
       verbatim report <files, folders or globs…> --out report.html [options]
       verbatim mcp [--corpus FILE…]      an MCP server on stdio, for AI assistants

Checks the quotations in Markdown essays against their sources. \`check\` prints
findings; \`report\` writes one self-contained HTML page for the whole class.

Options:
  --corpus FILE      add a corpus (plain text, Markdown or JSON passages); repeatable
  --format FORMAT    check: text (default), json or sarif
  --out FILE         report: the HTML file to write (default report.html)
  --title TEXT       report: the page title (default "Quotation report")
  --ext LIST         extensions searched in folders (default md,markdown)
  --min-words N      quotations shorter than N words are never unverified (default 4)
  --exit-zero        check: exit 0 even when quotations are flagged
  -h, --help         show this help

Globs (quote them so the shell leaves them alone): *, ?, **, [abc], {a,b}.
Exit codes: 0 nothing flagged, 1 quotations flagged, 2 usage or configuration error.`;

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

interface Args {
  command: 'check' | 'report';
  paths: string[];
  corpora: string[];
  format: Format;
  out: string;
  title?: string;
  extensions: string[];
  minWords?: number;
  exitZero: boolean;
}

function parseArgs(argv: string[]): Args | 'help' {
  const [command, ...rest] = argv;
  if (command === '-h' || command === '--help' || command === 'help') return 'help';
  if (command !== 'check' && command !== 'report') throw new UsageError(command ? `Unknown command "${command}"; expected "check" or "report"` : 'No command given');
  const args: Args = { command, paths: [], corpora: [], format: 'text', out: 'report.html', extensions: DEFAULT_EXTENSIONS, exitZero: false };
  const only = (flag: string, wanted: Args['command']) => {
    if (command !== wanted) throw new UsageError(`${flag} is an option of "verbatim ${wanted}", not "verbatim ${command}"`);
  };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const value = () => {
      const v = rest[++i];
      if (v === undefined || (v.startsWith('-') && v !== '-')) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '-h' || a === '--help') return 'help';
    else if (a === '--corpus') args.corpora.push(value());
    else if (a === '--format') {
      only(a, 'check');
      const f = value();
      if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`Unknown format "${f}"; expected text, json or sarif`);
      args.format = f as Format;
    } else if (a === '--out') {
      only(a, 'report');
      args.out = value();
    } else if (a === '--title') {
      only(a, 'report');
      args.title = value();
    } else if (a === '--ext') {
      const list = value()
        .split(',')
        .map((e) => e.trim().replace(/^\./, ''))
        .filter(Boolean);
      if (list.length === 0) throw new UsageError('--ext needs a comma-separated list such as md,markdown');
      args.extensions = list;
    } else if (a === '--min-words') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) throw new UsageError('--min-words needs a whole number of at least 1');
      args.minWords = n;
    } else if (a === '--exit-zero') {
      only(a, 'check');
      args.exitZero = true;
    } else if (a.startsWith('-')) throw new UsageError(`Unknown option ${a}`);
    else args.paths.push(a);
  }
  if (args.paths.length === 0) throw new UsageError('No files or folders given');
  return args;
}

/** A progress line for big folders, only where a person watches (a TTY); pipelines get clean stderr. */
function progressLine(): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (done, total) => {
    if (total < 20) return;
    process.stderr.write(done < total ? `\rverbatim: checking ${done + 1}/${total} essays…` : '\r\x1b[K');
  };
}

function main(argv: string[]): number {
  let args: Args | 'help';
  let essays: string[];
  try {
    args = parseArgs(argv);
    if (args === 'help') {
      process.stdout.write(`${USAGE}\n\nRules:\n${RULES.map((r) => `  ${r.code.padEnd(18)} ${r.description}`).join('\n')}\n`);
      return 0;
    }
    essays = collectEssays(args.paths, args.extensions);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    const usage = /does not exist|No essays match/.test(e.message) ? '' : `\n${USAGE}\n`;
    process.stderr.write(`verbatim: ${e.message}\n${usage}`);
    return 2;
  }
  const cwd = process.cwd();
  const run = checkEssays(essays, { corpora: args.corpora, minWords: args.minWords, cwd, progress: progressLine() });
  for (const m of run.messages) process.stderr.write(`verbatim: ${m}\n`);
  const flagged = run.essays.reduce((n, e) => n + e.findings.length, 0);
  if (args.command === 'report') {
    try {
      writeFileSync(args.out, formatHtml(run.essays, args.title));
    } catch (e) {
      process.stderr.write(`verbatim: ${args.out} could not be written: ${(e as Error).message}\n`);
      return 2;
    }
    const all = totals(run.essays);
    const n = (k: number, w: string) => `${k} ${w}${k === 1 ? '' : 's'}`;
    process.stderr.write(`verbatim: wrote ${args.out}: ${n(run.essays.length, 'essay')}, ${n(all.checked, 'quotation')}, ${percent(all.accuracy)} correct\n`);
    return run.failed ? 2 : 0;
  }
  const output = args.format === 'json' ? formatJson(run.essays) : args.format === 'sarif' ? formatSarif(run.essays, cwd) : formatText(run.essays);
  process.stdout.write(output);
  if (run.failed) return 2;
  return flagged > 0 && !args.exitZero ? 1 : 0;
}

// `verbatim mcp` is a long-running server on stdin/stdout with options of its own, bundled apart
// (server/out/mcp.js) so that the MCP SDK is loaded only by those who use it.
if (process.argv[2] === 'mcp') require(join(__dirname, 'mcp.js'));
else process.exitCode = main(process.argv.slice(2));
