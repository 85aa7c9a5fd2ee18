// `verbatim check` and `verbatim report`: the language server's checks from a
// terminal or CI. `check` prints findings (text, JSON or SARIF); `report`
// writes one self-contained HTML page. Exit code 0 clean, 1 findings, 2 usage
// or configuration error.

import { renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs as parseTokens } from 'node:util';
import { isMainThread } from 'node:worker_threads';
import { RULES } from './engine/rules';
import { DEFAULT_SETTINGS } from './protocol';
import { maxBytesFor } from './report/essayText';
import { formatHtml } from './report/formats/html';
import { formatJson } from './report/formats/json';
import { formatSarif } from './report/formats/sarif';
import { formatText } from './report/formats/text';
import { runCheckWorker } from './report/checkWorker';
import { checkEssays, collectEssays, DEFAULT_EXTENSIONS, STDIN, UsageError } from './report/run';
import { flaggedCount, percent, totals } from './report/summary';

const USAGE = `Usage: verbatim check <files, folders, globs or -> [options]
       verbatim report <files, folders, globs or -> --out report.html [options]
       verbatim mcp [--corpus FILE…]      an MCP server on stdio, for AI assistants

Checks the quotations in essays (Markdown, Word .docx, plain .txt) against their sources. \`check\` prints
findings; \`report\` writes one self-contained HTML page for the whole class.
\`-\` reads an essay from standard input (reported as <stdin>).

Options (--name VALUE or --name=VALUE):
  --corpus FILE        add a corpus (plain text, Markdown or JSON passages); repeatable
  --format FORMAT      check: text (default), json or sarif
  --out FILE           report: the HTML file to write (default report.html)
  --force              report: overwrite --out even if it is not an HTML file
  --title TEXT         report: the page title (default "Quotation report")
  --ext LIST           extensions searched in folders (default md,markdown,docx)
  --jobs N             essays checked in parallel by N worker threads (default: the cores)
  --min-words N        quotations shorter than N words are never unverified (default 4)
  --max-file-size N    essays longer than N characters are not checked (default ${DEFAULT_SETTINGS.maxFileSize})
  --confine            corpora from .verbatim.json must lie inside the working folder
                       unless named with --corpus (always on when CI is set)
  --exit-zero          check: exit 0 even when quotations are flagged
  -h, --help           show this help

Globs (quote them so the shell leaves them alone): *, ?, **, [abc], {a,b}.
Exit codes: 0 nothing flagged, 1 quotations flagged, 2 usage or configuration error,
or an essay or corpus that could not be read.`;

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

interface Args {
  command: 'check' | 'report';
  paths: string[];
  corpora: string[];
  format: Format;
  out: string;
  force: boolean;
  title?: string;
  extensions: string[];
  minWords?: number;
  maxFileSize: number;
  confine: boolean;
  exitZero: boolean;
  jobs: number;
}

/** Every option, its kind and the command it belongs to (`only`; none: both). parseArgs ignores `only`. */
const OPTIONS = {
  corpus: { type: 'string', multiple: true },
  format: { type: 'string', only: 'check' },
  out: { type: 'string', only: 'report' },
  force: { type: 'boolean', only: 'report' },
  title: { type: 'string', only: 'report' },
  ext: { type: 'string' },
  'min-words': { type: 'string' },
  'max-file-size': { type: 'string' },
  confine: { type: 'boolean' },
  'exit-zero': { type: 'boolean', only: 'check' },
  jobs: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Record<string, { type: 'string' | 'boolean'; multiple?: boolean; only?: Args['command']; short?: string }>;

type OptionName = keyof typeof OPTIONS;

function known(name: string): name is OptionName {
  return Object.prototype.hasOwnProperty.call(OPTIONS, name);
}

/** A separate value that is itself one of our options (`--format --exit-zero`) means the value was forgotten. */
function isOurOption(value: string): boolean {
  if (value === '--') return true;
  const long = /^--([^=]+)/.exec(value);
  if (long) return known(long[1]);
  return value === '-h';
}

function wholeNumber(flag: string, value: string): number {
  const n = /^[0-9]+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`${flag} needs a whole number of at least 1`);
  return n;
}

function parseArgs(argv: string[]): Args | 'help' {
  const [command, ...rest] = argv;
  if (command === '-h' || command === '--help' || command === 'help') return 'help';
  if (command !== 'check' && command !== 'report') throw new UsageError(command ? `Unknown command "${command}"; expected "check" or "report"` : 'No command given');
  // Not strict: node's strict mode refuses values starting with "-" (`--title "-- draft"`); the checks below are ours.
  const { tokens } = parseTokens({ args: rest, options: OPTIONS, strict: false, allowPositionals: true, tokens: true });
  if (tokens.some((t) => t.kind === 'option' && t.name === 'help')) return 'help';
  const args: Args = {
    command,
    paths: [],
    corpora: [],
    format: 'text',
    out: 'report.html',
    force: false,
    extensions: DEFAULT_EXTENSIONS,
    maxFileSize: DEFAULT_SETTINGS.maxFileSize,
    confine: false,
    exitZero: false,
    jobs: availableParallelism(),
  };
  for (const t of tokens) {
    if (t.kind === 'positional') {
      args.paths.push(t.value);
      continue;
    }
    if (t.kind !== 'option') continue;
    const flag = t.rawName;
    if (!known(t.name)) throw new UsageError(`Unknown option ${flag}`);
    const spec: { type: string; only?: Args['command'] } = OPTIONS[t.name];
    if (spec.only && spec.only !== command) throw new UsageError(`${flag} is an option of "verbatim ${spec.only}", not "verbatim ${command}"`);
    if (spec.type === 'boolean') {
      if (t.value !== undefined) throw new UsageError(`${flag} takes no value`);
    } else if (t.value === undefined || (!t.inlineValue && isOurOption(t.value))) throw new UsageError(`${flag} needs a value`);
    const value = t.value ?? '';
    switch (t.name) {
      case 'corpus':
        args.corpora.push(value);
        break;
      case 'format':
        if (!(FORMATS as readonly string[]).includes(value)) throw new UsageError(`Unknown format "${value}"; expected text, json or sarif`);
        args.format = value as Format;
        break;
      case 'out':
        args.out = value;
        break;
      case 'force':
        args.force = true;
        break;
      case 'title':
        args.title = value;
        break;
      case 'ext': {
        const list = value
          .split(',')
          .map((e) => e.trim().replace(/^\./, ''))
          .filter(Boolean);
        if (list.length === 0) throw new UsageError('--ext needs a comma-separated list such as md,markdown');
        args.extensions = list;
        break;
      }
      case 'min-words':
        args.minWords = wholeNumber(flag, value);
        break;
      case 'max-file-size':
        args.maxFileSize = wholeNumber(flag, value);
        break;
      case 'confine':
        args.confine = true;
        break;
      case 'exit-zero':
        args.exitZero = true;
        break;
      case 'jobs':
        args.jobs = wholeNumber(flag, value);
        break;
    }
  }
  if (args.paths.length === 0) throw new UsageError('No files or folders given');
  return args;
}

/** CI services set CI (GitHub, GitLab, Azure: "true"); "false" or "0" means not in CI. */
function inCI(env: NodeJS.ProcessEnv): boolean {
  const v = env.CI?.trim().toLowerCase();
  return v !== undefined && v !== '' && v !== 'false' && v !== '0';
}

/**
 * Why the report may not be written at `out`: it is one of the inputs (never,
 * even with --force: the essay would be lost), a folder, or an existing file
 * that is not HTML (only with --force). Same file means same device and inode,
 * so symlinks and hard links are caught too.
 */
function outProblem(out: string, inputs: readonly string[], force: boolean): string | undefined {
  let st;
  try {
    st = statSync(out);
  } catch {
    return undefined;
  }
  if (st.isDirectory()) return `--out ${out} is a folder; the report was not written`;
  for (const input of inputs) {
    let other;
    try {
      other = statSync(input);
    } catch {
      continue;
    }
    if (other.dev === st.dev && other.ino === st.ino) return `--out ${out} is one of the inputs; the report was not written over it`;
  }
  if (!st.isFile()) return `--out ${out} is not a regular file; the report was not written`;
  if (!force && !/\.html?$/i.test(out)) return `--out ${out} exists and is not an HTML file; the report was not written (--force overwrites it)`;
  return undefined;
}

/** Written next to its place and renamed over it, so that a failed write leaves the old file whole. */
function writeReport(out: string, html: string): void {
  const temp = join(dirname(out), `.${basename(out)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, html, { flag: 'wx' });
    renameSync(temp, out);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}

/** Standard input, but never more than an essay of the size limit can take (the rest is not read). */
async function readStdin(maxFileSize: number): Promise<Uint8Array> {
  const cap = maxBytesFor(maxFileSize) + 1;
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of process.stdin) {
    const b = chunk as Buffer;
    chunks.push(b);
    length += b.length;
    if (length >= cap) break;
  }
  process.stdin.destroy();
  return Buffer.concat(chunks, length).subarray(0, cap);
}

/** A progress line for big folders, only where a person watches (a TTY); pipelines get clean stderr. */
function progressLine(): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (done, total) => {
    if (total < 20) return;
    process.stderr.write(done < total ? `\rverbatim: checking ${done + 1}/${total} essays…` : '\r\x1b[K');
  };
}

async function main(argv: string[]): Promise<number> {
  let args: Args | 'help';
  let essays: string[];
  const cwd = process.cwd();
  try {
    args = parseArgs(argv);
    if (args === 'help') {
      process.stdout.write(`${USAGE}\n\nRules:\n${RULES.map((r) => `  ${r.code.padEnd(18)} ${r.description}`).join('\n')}\n`);
      return 0;
    }
    essays = collectEssays(args.paths, args.extensions);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    const usage = /does not exist|No essays match|not a regular file/.test(e.message) ? '' : `\n${USAGE}\n`;
    process.stderr.write(`verbatim: ${e.message}\n${usage}`);
    return 2;
  }
  if (args.command === 'report') {
    // Refused before the check, so that nothing is spent on a report that cannot be written.
    const known = [...essays.filter((e) => e !== STDIN), ...args.corpora].map((p) => resolve(cwd, p));
    const problem = outProblem(args.out, known, args.force);
    if (problem) {
      process.stderr.write(`verbatim: ${problem}\n`);
      return 2;
    }
  }
  const ci = inCI(process.env);
  const confine = args.confine ? { why: '--confine' } : ci ? { why: 'CI is set' } : undefined;
  const stdin = essays.includes(STDIN) ? await readStdin(args.maxFileSize) : undefined;
  const run = await checkEssays(essays, { corpora: args.corpora, minWords: args.minWords, maxFileSize: args.maxFileSize, confine, stdin, cwd, progress: progressLine(), jobs: args.jobs });
  for (const m of run.messages) process.stderr.write(`verbatim: ${m}\n`);
  const flagged = flaggedCount(run.essays);
  if (args.command === 'report') {
    // Again with every file the check read (configs and their corpora).
    const problem = outProblem(args.out, run.inputs, args.force);
    if (problem) {
      process.stderr.write(`verbatim: ${problem}\n`);
      return 2;
    }
    try {
      writeReport(args.out, formatHtml(run.essays, args.title));
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
// A worker thread of a parallel class check runs this same bundle (so that it shares the corpus cache's build stamp).
if (!isMainThread) runCheckWorker();
else if (process.argv[2] === 'mcp') require(join(__dirname, 'mcp.js'));
else
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`verbatim: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 2;
    },
  );
