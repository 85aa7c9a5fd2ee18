// The engine's vocabulary. Nothing here knows about editors or LSP: offsets are
// UTF-16 code-unit offsets into the text the engine was given.

/** What kind of source a passage is, from the curated facts of the built-in corpus. */
export type PassageKind =
  | 'novel-dialogue'
  | 'novel-narration'
  | 'critic'
  | 'author'
  | 'term'
  | 'review-prose'
  | 'book-paragraph'
  | 'curated';

export interface Passage {
  /** Stable id, unique within its corpus. */
  id: string;
  /** The exact wording, as a reader would copy it (Gutenberg quirks already cleaned). */
  text: string;
  speaker?: string;
  kind: PassageKind;
  /** Where it stands: a section heading, chapter heading or curated locator. */
  section?: string;
  /** The sentence around it in its source (for hover and completion). */
  context?: string;
  /** 1-based line of its (first) occurrence in the corpus file. */
  line?: number;
  /** Books: for each further line of the file the passage spans, how many words come before it. */
  lineWords?: number[];
  /** How many times the source quotes it (repeats are merged into one passage). */
  occurrences?: number;
  /** Book paragraphs: each quoted speech in `text` and who speaks it, from the book's own tags (speakers.ts). */
  speakers?: SpeechSpan[];
  /** Editions with pages (PDF, EPUB page-list, Kindle clippings): the printed page label where the passage starts. */
  page?: string;
  /** Where in `text` each further page begins, and its label (a paragraph running over a page break). */
  pageBreaks?: { at: number; page: string }[];
  /** The chapter's number as a citation gives it ("3"), where the book has chapters. */
  chapter?: string;
}

/** A quoted speech inside a passage: [start, end) offsets into passage.text; name 'unknown' when no tag says. */
export interface SpeechSpan {
  start: number;
  end: number;
  name: string;
  /** Inferred speakers (no tag names them): how sure, 0..1, by which sieve, and why, for people. Absent: named by its tag. */
  confidence?: number;
  by?: 'tag' | 'paragraph' | 'narration' | 'continued' | 'anaphora' | 'vocative' | 'turns';
  reason?: string;
  /**
   * A speech no sieve is sure of, decoded with its conversation: the people who may speak it (named in the
   * conversation or the narration before it, and the book's two most heard voices), each with its probability, and
   * the probability that it is someone none of them (`elsewhere`, only for a turn within three of a known voice).
   * When that is small, anyone else is unlikely: what the misattribution rule may say of a name the essay gives it.
   */
  among?: { name: string; p: number }[];
  elsewhere?: number;
}

/** Who may speak in a corpus: curated names with aliases, or names inferred from a book's dialogue tags. */
export interface Cast {
  /** Curated: a name must be one of the aliases; inferred: names are compared by their words. */
  curated: boolean;
  /** Canonical name → aliases (the canonical name itself included). */
  people: Record<string, string[]>;
  /** Inferred casts: "First Surname" pairs seen in the book, lower case (ties "Charlotte" to "Miss Lucas"). */
  linked?: string[];
  /** Inferred casts: each character's gender, from titles and the pronouns that refer to them. */
  gender?: Record<string, 'm' | 'f'>;
  /** Inferred casts: pairs of characters ("A|B", sorted) who answer each other in the book, so are two people. */
  met?: string[];
}

export interface Corpus {
  /** Stable id: `builtin:review` or the corpus path as configured. */
  id: string;
  title: string;
  author?: string;
  year?: number;
  /** Publisher and place of publication, for the Works Cited / References entry (a book's own metadata, e.g. EPUB OPF, gives the publisher). */
  publisher?: string;
  place?: string;
  /** Citation key, e.g. for Pandoc `[@key]`. */
  key?: string;
  /** Where it came from: `builtin` or an absolute path. */
  origin: string;
  passages: Passage[];
  /** Who speaks in it, for attribution checks. */
  cast?: Cast;
  /** Books read from PDF, EPUB, HTML or clippings: the extracted reading text that passages' lines count in. */
  extractedText?: string;
  /** What the file was (shown in messages and hover): 'pdf', 'epub', 'html', 'clippings'. */
  format?: string;
  /**
   * Set when the corpus is a set of excerpts (the review's quotations, a JSON list of curated
   * passages): each passage is a window onto a longer text that Verbatim does not have, so words
   * beyond a passage are unknown rather than wrong. A whole book leaves it unset.
   */
  excerpts?: ExcerptInfo;
}

export interface ExcerptInfo {
  /** How many excerpts it holds (repeats merged). */
  count: number;
  /** Where they come from, for people: "quoted in the review", "curated passages". */
  from: string;
}

export type QuoteMark =
  | 'curly-double'
  | 'straight-double'
  | 'curly-single'
  | 'straight-single'
  | 'blockquote'
  /** «…» or »…« */
  | 'guillemet'
  /** „…“ or „…” */
  | 'low-double'
  /** ‚…‘ */
  | 'low-single'
  /** 「…」 or 『…』 */
  | 'corner';

/** A quotation found in an essay. */
export interface Quotation {
  /** Offsets of the whole quotation including its marks. */
  start: number;
  end: number;
  /** Offsets of the quoted words, inside the marks. */
  contentStart: number;
  contentEnd: number;
  /** The quoted text as a reader sees it (markup removed, line breaks as spaces). */
  text: string;
  mark: QuoteMark;
  /** Maps each index of `text` to an offset in the essay. Length is text.length + 1. */
  offsets: number[];
  /** A blockquote's attribution line (`> — Jane Austen, *Pride and Prejudice*`): its visible text and essay offsets. */
  attribution?: { text: string; start: number; end: number };
  /** The essay's own characters from contentStart to contentEnd (line breaks, `> ` markers and markup kept): what a fix edits. */
  raw?: string;
  /** The visible text of the paragraph it stands in, and its place there (for attribution). */
  paragraph: { text: string; start: number; end: number; offsets?: number[] };
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** One difference between a quotation and its source, word by word. */
export interface DiffOp {
  op: 'equal' | 'replace' | 'insert' | 'delete' | 'omission' | 'alteration' | 'unmarked-omission';
  /** The essay's words (empty for delete). */
  quote: string;
  /** The source's words (empty for insert). */
  source: string;
  /** Where the essay's words stand in the quotation's text; an empty span where words are missing. */
  qStart?: number;
  qEnd?: number;
}

export type Verdict = 'correct' | 'misquote' | 'unverified' | 'short';

export interface MatchResult {
  verdict: Verdict;
  corpus?: Corpus;
  passage?: Passage;
  /** The exact source wording of the matched span. */
  sourceText?: string;
  /** Where the matched span stands in passage.text (for the speaker of a book paragraph). */
  sourceStart?: number;
  sourceEnd?: number;
  /** The quotation as it should read: the source wording, keeping the essay's omissions and alterations. */
  corrected?: string;
  diff: DiffOp[];
  /** The difference in words when the diff alone cannot say it (a splice, a re-ordering, a speech tag left out). */
  note?: string;
  /** Only punctuation differs (a misquote of severity information). */
  punctuationOnly?: boolean;
  /** Share of the quotation's words found in order in the source (0..1); for unverified, in the nearest passage. */
  similarity: number;
  /** 1-based line of the corpus file where the matched words begin (books and the review). */
  line?: number;
  /** Where the match stands, for people: "Chapter XXXIX, line 8547" or "passage kathy-intro (Part One)". */
  locator?: string;
  /** Corpora searched (titles), for unverified quotations. */
  searched: string[];
  /** An excerpt's words found in a quotation that goes on past them (see Corpus.excerpts). */
  partial?: PartialMatch;
  /**
   * What makes the quotation read as its source, as edits of `text` (offsets into the quotation's
   * text): only the words that differ, so the essay's line breaks, markup and marks stay. Absent
   * when no such edit exists (words re-ordered, fragments from different places).
   */
  edits?: QuotationEdit[];
  /** Set when every corpus searched is a set of excerpts: what they are (for an unverified quotation's message). */
  searchedExcerpts?: ({ title: string } & ExcerptInfo)[];
  /** Nearest passages of an unverified quotation (sharing a run of words with it), best first. */
  nearest?: Passage[];
}

export interface QuotationEdit {
  start: number;
  end: number;
  text: string;
}

/** Which words of a quotation an excerpt holds, and which it does not. Offsets into the quotation's text. */
export interface PartialMatch {
  /** From the first to the last word the excerpt holds. */
  start: number;
  end: number;
  /** Stretches the excerpt does not hold: before or after it, or where it omits words ("…"). */
  unverified: { start: number; end: number; where: 'before' | 'after' | 'gap' }[];
}

/** A finding, engine-side: the server and CLI turn these into diagnostics or report lines. */
export interface Finding {
  code: string;
  severity: Severity;
  start: number;
  end: number;
  message: string;
  data?: FindingData;
  /** What would fix it, as edits on the essay's offsets (engine/fixes.ts); every front end offers these. */
  fixes?: Fix[];
}

/** Replace [start, end) of the essay with newText. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix to apply when only one is wanted. */
  preferred?: boolean;
}

export interface FindingData {
  corpus?: string;
  passageId?: string;
  source?: string;
  /** Replacement for [contentStart, contentEnd): what the quick fix writes. */
  replacement?: string;
  contentStart?: number;
  contentEnd?: number;
  diff?: DiffOp[];
  speaker?: string;
  /** A line the book repeats: every speaker of its places (the matched place's first). */
  speakers?: string[];
  /** A name the book rules out, with no one sure: who its conversation likely gives the line to. */
  likely?: string;
  attributed?: string;
  /** Offsets of the attributed name in the essay (what the misattribution quick fix replaces). */
  nameStart?: number;
  nameEnd?: number;
  /** Where the source wording stands (see MatchResult.locator). */
  locator?: string;
  /** wrong-locator: the citation's locator in the essay, [citationStart, citationEnd), and what the fix writes there (`replacement`). */
  citationStart?: number;
  citationEnd?: number;
  /** The printed page or chapter where the words stand. */
  page?: string;
  chapter?: string;
  /** Unmarked quotations: how many of the essay's words were copied, and the citation after them if any. */
  words?: number;
  citation?: string;
  /** partly-verified: the essay offsets of the words the passage holds. */
  verifiedStart?: number;
  verifiedEnd?: number;
  /** The fix as edits of the essay (offsets), the same change as `replacement` over [contentStart, contentEnd). */
  edits?: { start: number; end: number; newText: string }[];
}
