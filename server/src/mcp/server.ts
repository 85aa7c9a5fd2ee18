// `verbatim mcp`: the checker as a Model Context Protocol server over stdio, so that an AI
// assistant can verify its own quotations before it shows them. The tools are thin: they read
// through the Session (the CLI's configuration rules) and report what the engine found, as
// structured results with a JSON Schema each.

import { dirname } from 'node:path';
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { BUILTIN_REVIEW_TEXT } from '../engine/builtin';
import { CITATION_STYLES, citationAt, type CitationStyle } from '../engine/citations';
import { builtinStyle, cslItemOfCorpus, renderBibliography } from '../engine/csl';
import { placeOfMatch } from '../engine/formats/book';
import { locator, matchQuotation } from '../engine/matcher';
import { tokenize } from '../engine/normalize';
import { findLines, placeOfLine, speakerOfQuery, whereOfLine, type LineSearch } from '../engine/lines';
import type { Corpus, Passage } from '../engine/types';
import { MAX_CORPUS_BYTES } from '../node/corpusFiles';
import { isRefusal, readRegularFile } from '../node/safeRead';
import { essayReport, type PlacedQuotation } from '../report/summary';
import { Session, ToolError, type SessionOptions } from './session';
import { LineTransport } from './stdioTransport';

const VERSION = '0.1.0';
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
const STYLE = z.enum(CITATION_STYLES as [CitationStyle, ...CitationStyle[]]);

const source = z.object({
  corpus: z.string().describe('Title of the work the words were found in'),
  author: z.string().optional(),
  wording: z.string().describe('The exact words of the source for the quoted stretch'),
  locator: z.string().optional().describe('Where the words stand: chapter and line, or the passage of a curated corpus'),
  speaker: z.string().optional().describe('Who speaks the words in the source, where known'),
});

const diffOp = z.object({
  op: z.string().describe('equal, replace, insert, delete, omission, alteration or unmarked-omission'),
  quote: z.string().describe("The quotation's words"),
  source: z.string().describe("The source's words"),
});

const checkedQuotation = z.object({
  line: z.number().int().describe('1-based line of the opening mark'),
  column: z.number().int().describe('1-based column (UTF-16) of the opening mark'),
  quoted: z.string().describe('The quoted words as a reader sees them'),
  status: z.enum(['correct', 'misquote', 'unverified', 'misattribution', 'short']).describe('short: too few words to check'),
  findings: z.array(z.object({ code: z.string(), severity: z.string(), message: z.string() })),
  source: source.optional(),
  diff: z.array(diffOp).optional(),
  attributed: z.string().optional().describe('Who the text says speaks the words, when that is not who does'),
  suggestedFix: z.string().optional().describe('What to write instead: the corrected quotation, or the right speaker'),
});

const passageOut = z.object({
  id: z.string().describe('Pass it to `cite` as `passage`'),
  text: z.string().describe('The exact wording'),
  speaker: z.string().optional(),
  corpus: z.string(),
  author: z.string().optional(),
  locator: z.string().optional(),
  citation: z.string().describe('The in-text citation in the configured style'),
});

const sourceOut = z.object({
  uri: z.string().describe('The read-only resource with the corpus text'),
  title: z.string(),
  author: z.string().optional(),
  year: z.number().optional(),
  passages: z.number().int(),
  origin: z.string().describe('"built-in" or the file it was read from'),
});

export function createMcpServer(session: Session): McpServer {
  const server = new McpServer(
    { name: 'verbatim', version: VERSION },
    {
      instructions:
        'Verbatim checks quotations against their sources word for word. Before showing a quotation to the user, call check_quotations on your text: ' +
        'fix every misquote with the source wording it returns, drop or mark as unverified what no source holds, and give each line to the speaker it names. ' +
        'Use find_passages to look up exact wording from remembered words, and cite for the citation.',
    },
  );

  server.registerTool(
    'check_quotations',
    {
      title: 'Check quotations',
      description:
        'Checks every quotation in Markdown text (or in a Markdown file of the working folder) against the sources: ' +
        'the exact source wording, a word-level diff, who speaks it, where it stands, and a suggested fix for each misquote or misattribution.',
      inputSchema: {
        text: z.string().optional().describe('Markdown text to check'),
        path: z.string().optional().describe('Or: a Markdown file inside the working folder'),
      },
      outputSchema: {
        path: z.string().optional(),
        quotations: z.array(checkedQuotation),
        summary: z.object({ checked: z.number().int(), correct: z.number().int(), misquoted: z.number().int(), unverified: z.number().int(), misattributed: z.number().int() }),
        warnings: z.array(z.string()),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guard(({ text, path }) => {
      if ((text === undefined) === (path === undefined)) throw new ToolError('Give either `text` (Markdown) or `path` (a file in the working folder), not both and not neither');
      const essay = path !== undefined ? session.readEssay(path) : undefined;
      const body = essay ? essay.text : text!;
      if (!essay) session.checkSize(body, 'The text');
      const sources = session.sources(essay ? dirname(essay.absolute) : undefined);
      const report = essayReport(essay?.display ?? '<text>', body, session.check(body, sources, essay?.absolute));
      const c = report.counts;
      return {
        ...(essay ? { path: essay.display } : {}),
        quotations: report.quotations.map(describeQuotation),
        summary: { checked: c.checked, correct: c.correct, misquoted: c.misquoted, unverified: c.unverified, misattributed: c.misattributed },
        warnings: sources.warnings,
      };
    }, summarise),
  );

  server.registerTool(
    'find_passages',
    {
      title: 'Find passages',
      description:
        'Finds lines of the works (never the prose of a review that quotes them) by the words you remember (typos forgiven), ' +
        'by who speaks them, or both — the lines Insert Quotation offers in VS Code: each with its exact wording, where it stands and its citation.',
      inputSchema: {
        query: z.string().optional().describe('Words of the line, as remembered'),
        speaker: z.string().optional().describe('Only lines this person speaks (alone: all their lines)'),
        limit: z.number().int().min(1).max(50).optional().describe('At most this many lines (default 10)'),
      },
      outputSchema: { passages: z.array(passageOut), speaker: z.string().optional().describe('The speaker, as the sources name them') },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guard(({ query, speaker, limit }) => {
      if (query === undefined && speaker === undefined) throw new ToolError('Give `query` (words of the line), `speaker` (who speaks it), or both');
      session.checkSize(query ?? '', 'The query');
      session.checkSize(speaker ?? '', 'The speaker');
      const sources = session.sources();
      const wordsIn = (text: string | undefined) => tokenize(text ?? '').filter((t) => t.kind === 'word').length;
      if (speaker === undefined && wordsIn(query) === 0) throw new ToolError('The query has no words to search for');
      let found: LineSearch;
      if (speaker !== undefined) {
        // The whole of `speaker` must name one person of the sources' casts; then Insert Quotation's
        // "<speaker> <words>" search, keeping only that person's lines.
        const who = speakerOfQuery(sources.library, speaker);
        if (!who || wordsIn(who.rest) > 0) throw new ToolError(`No one called ${JSON.stringify(speaker.trim())} speaks in the sources`);
        const all = findLines(sources.library, `${speaker.trim()} ${query ?? ''}`, 500);
        found = { lines: all.lines.filter((l) => l.speaker === who.speaker), speaker: who.speaker };
      } else found = findLines(sources.library, query!, limit ?? 10);
      return {
        passages: found.lines.slice(0, limit ?? 10).map((line) => {
          const where = whereOfLine(line);
          return {
            id: passageId(sources.corpora, line.corpus, line.passage),
            text: line.text,
            ...(line.speaker ? { speaker: line.speaker } : {}),
            corpus: line.corpus.title,
            ...(line.corpus.author ? { author: line.corpus.author } : {}),
            ...(where ? { locator: where } : {}),
            citation: citationAt(line.corpus, sources.style, placeOfLine(line), { citeproc: session.citeproc }),
          };
        }),
        ...(found.speaker ? { speaker: found.speaker } : {}),
      };
    }, (out) => (out.passages.length ? out.passages.map((p) => `“${p.text}” ${p.citation}${p.speaker ? ` — ${p.speaker}` : ''}`).join('\n') : 'No line fits these words.')),
  );

  server.registerTool(
    'cite',
    {
      title: 'Cite a passage',
      description: 'The in-text citation and the Works Cited / References entry for a passage (its exact words, or an id from find_passages), in MLA, APA, Chicago or Pandoc style.',
      inputSchema: {
        passage: z.string().min(1).describe('The quoted words, or an id returned by find_passages'),
        style: STYLE.optional().describe('Citation style (default: the configured one, else MLA)'),
      },
      outputSchema: {
        inText: z.string(),
        worksCited: z.string(),
        heading: z.string().describe('The heading of the list of sources in this style'),
        corpus: z.string(),
        locator: z.string().optional(),
        exact: z.boolean().describe('Whether the words given are the source wording exactly'),
        wording: z.string().describe('The source wording'),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guard(({ passage, style }) => {
      session.checkSize(passage, 'The passage');
      const sources = session.sources();
      const chosen = style ?? sources.style;
      const byId = findById(sources.corpora, passage);
      let corpus: Corpus;
      let wording: string;
      let where: string | undefined;
      let place: ReturnType<typeof placeOfMatch>;
      let exact = true;
      if (byId) {
        ({ corpus } = byId);
        wording = byId.passage.text;
        where = locator(byId.passage, byId.passage.line);
        place = placeOfMatch({ passage: byId.passage });
      } else {
        const match = matchQuotation(passage, sources.library, { minWords: 1 });
        if ((match.verdict !== 'correct' && match.verdict !== 'misquote') || !match.corpus) {
          throw new ToolError(`These words are not in any source (searched: ${match.searched.join(', ') || 'none'}); nothing to cite`);
        }
        corpus = match.corpus;
        wording = match.sourceText ?? passage;
        where = match.locator;
        place = placeOfMatch(match);
        exact = match.verdict === 'correct';
      }
      return {
        // With the page or chapter where the words stand, when the source knows it.
        inText: citationAt(corpus, chosen, place, { citeproc: session.citeproc }),
        // Rendered by citeproc with the shipped CSL style (Pandoc: Chicago author-date, its default).
        worksCited: renderBibliography([cslItemOfCorpus(corpus)], builtinStyle(chosen), undefined, session.citeproc)[0] ?? '',
        heading: chosen === 'mla' ? 'Works Cited' : 'References',
        corpus: corpus.title,
        ...(where ? { locator: where } : {}),
        exact,
        wording,
      };
    }, (out) => `${out.inText}\n${out.heading}: ${out.worksCited}${out.exact ? '' : `\nNote: the source reads “${out.wording}”.`}`),
  );

  server.registerTool(
    'list_sources',
    {
      title: 'List sources',
      description: 'The sources quotations are checked against: the built-in corpus and those the working folder configures.',
      inputSchema: {},
      outputSchema: { sources: z.array(sourceOut), warnings: z.array(z.string()) },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guard(() => {
      const sources = session.sources();
      return { sources: sources.corpora.map((c) => describeSource(session, c)), warnings: sources.warnings };
    }, (out) => out.sources.map((s) => `${s.title}${s.author ? ` (${s.author})` : ''}: ${s.passages} passages, ${s.uri}`).join('\n')),
  );

  server.registerResource(
    'corpus',
    new ResourceTemplate('verbatim://corpus/{id}', {
      list: () => ({
        resources: session.sources().corpora.map((c) => ({ uri: resourceUri(session, c), name: c.title, title: c.title, description: describeSource(session, c).origin, mimeType: 'text/plain' })),
      }),
    }),
    { title: 'Corpus text', description: 'The text of a source Verbatim checks against (read-only)', mimeType: 'text/plain' },
    (uri) => {
      const corpus = session.sources().corpora.find((c) => resourceUri(session, c) === uri.href);
      if (!corpus) throw new Error(`No corpus ${uri.href}; list_sources names the ones in use`);
      const text = corpus.origin === 'builtin' ? BUILTIN_REVIEW_TEXT : corpusText(corpus.origin);
      return { contents: [{ uri: uri.href, mimeType: 'text/plain', text }] };
    },
  );

  return server;
}

/** Starts the server on stdin/stdout; diagnostics go to stderr, never to the protocol stream. */
export async function runMcp(options: SessionOptions): Promise<void> {
  const server = createMcpServer(new Session(options));
  // Messages up to 64 MB are read, so that a text over verbatim.maxFileSize is refused as a tool
  // error the assistant can read; a larger one gets a JSON-RPC error, and the server stays up.
  await server.connect(new LineTransport(process.stdin, process.stdout, MAX_MESSAGE_BYTES));
}

/**
 * A tool's handler, made safe: a refusal (ToolError) or any failure is an MCP tool error with a
 * clear message, never a crash; a result is both structured content and a short text for
 * clients that show only text.
 */
function guard<A, R extends Record<string, unknown>>(run: (args: A) => R, text: (result: R) => string): (args: A) => CallToolResult {
  return (args) => {
    try {
      const result = run(args);
      return { content: [{ type: 'text', text: text(result) }], structuredContent: result };
    } catch (e) {
      const message = e instanceof ToolError ? e.message : `Verbatim could not do this: ${(e as Error).message}`;
      return { isError: true, content: [{ type: 'text', text: message }] };
    }
  };
}

function summarise(out: { path?: string; quotations: z.infer<typeof checkedQuotation>[]; summary: { checked: number; correct: number } }): string {
  const lines = out.quotations
    .filter((q) => q.status !== 'short')
    .map((q) => `${q.line}:${q.column} ${q.status}: “${q.quoted}”${q.findings.length ? ` — ${q.findings.map((f) => f.message).join('; ')}` : ''}`);
  lines.push(`${out.summary.checked} quotations checked, ${out.summary.correct} correct`);
  return lines.join('\n');
}

function describeQuotation(q: PlacedQuotation): z.infer<typeof checkedQuotation> {
  const m = q.item.match;
  const found = (m.verdict === 'correct' || m.verdict === 'misquote') && m.corpus && m.sourceText !== undefined;
  const misattribution = q.findings.find((f) => f.code === 'misattribution');
  const speaker = misattribution?.data?.speaker;
  const fix = m.verdict === 'misquote' ? m.corrected : speaker;
  return {
    line: q.line,
    column: q.column,
    quoted: q.item.quotation.text,
    status: q.status,
    findings: q.findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message })),
    ...(found
      ? {
          source: {
            corpus: m.corpus!.title,
            ...(m.corpus!.author ? { author: m.corpus!.author } : {}),
            wording: m.sourceText!,
            ...(m.locator ? { locator: m.locator } : {}),
            ...(speaker ? { speaker } : known(m.passage?.speaker) ? { speaker: m.passage!.speaker } : {}),
          },
        }
      : {}),
    ...(m.verdict === 'misquote' ? { diff: m.diff.map((d) => ({ op: d.op, quote: d.quote, source: d.source })) } : {}),
    ...(misattribution?.data?.attributed ? { attributed: misattribution.data.attributed } : {}),
    ...(fix ? { suggestedFix: fix } : {}),
  };
}

const known = (speaker: string | undefined): speaker is string => !!speaker && speaker !== 'unknown';

function passageId(corpora: readonly Corpus[], corpus: Corpus, passage: Passage): string {
  return `${corpora.indexOf(corpus)}:${passage.id}`;
}

function findById(corpora: readonly Corpus[], id: string): { corpus: Corpus; passage: Passage } | undefined {
  const m = /^(\d+):(.+)$/.exec(id.trim());
  const corpus = m ? corpora[Number(m[1])] : undefined;
  const passage = corpus?.passages.find((p) => p.id === m![2]);
  return corpus && passage ? { corpus, passage } : undefined;
}

function resourceUri(session: Session, corpus: Corpus): string {
  return `verbatim://corpus/${encodeURIComponent(corpus.origin === 'builtin' ? 'builtin' : session.display(corpus.origin))}`;
}

function describeSource(session: Session, c: Corpus): z.infer<typeof sourceOut> {
  return {
    uri: resourceUri(session, c),
    title: c.title,
    ...(c.author ? { author: c.author } : {}),
    ...(c.year !== undefined ? { year: c.year } : {}),
    passages: c.passages.length,
    origin: c.origin === 'builtin' ? 'built-in' : session.display(c.origin),
  };
}

/** A corpus file read again for its resource, as it was loaded: a regular file within the limit, never blocking. */
function corpusText(path: string): string {
  const read = readRegularFile(path, { maxBytes: MAX_CORPUS_BYTES });
  if (isRefusal(read)) throw new Error(`Corpus ${path} ${read.reason}`);
  return read.bytes.toString('utf8');
}
