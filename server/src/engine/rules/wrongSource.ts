// The wrong source credited: the quotation's own sentence or its citation names
// an author, a work or a citation key that is not where the words were found
// ("Mary Shelley writes, “It is a truth universally acknowledged…” (Shelley 3)"
// for Austen's words). Only when the name clearly belongs to another corpus, or
// to none: a name the matched source knows (its author, title, key, the
// passage's speaker, any word of its text, such as a character) is never
// reported, and who speaks a line is misattribution's business.

import { findAttribution } from '../attribution';
import { entryForCorpus } from '../bibliography';
import { citationAfter, citationKey, splitName } from '../citations';
import type { CorpusIndex } from '../corpusIndex';
import type { Corpus, Passage } from '../types';
import type { Rule, RuleReport } from './types';

/** A match this close or closer: the words are the source's, not a coincidence. */
const CLOSE = 0.8;
/** Capitalised words of a citation that name no one. */
const NOT_NAMES = new Set(
  'see cf qtd quoted in ibid id ch chap chapter vol volume book part act scene letter preface introduction line lines p pp page pages para n.d and et al emphasis added original'.split(' '),
);
// After a name, a verb that credits writing rather than speech: only then is an unknown name an author.
const WRITES = /^[\s,]*(?:[\p{Ll}]+ly\s+)?(?:writes|wrote|has written|had written|observes|observed|notes|noted|puts it|put it|declares|declared|begins|began|opens|opened|remarks|remarked)\b/u;

const WROTE_BEFORE = /\b(?:writes|wrote)\s*$/u;

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[’']s$/, '')
    .toLowerCase();

/** Every name the source answers to: its author's names, its title's words, its key, the passage's speaker. */
function ownNames(corpus: Corpus, passage: Passage | undefined): Set<string> {
  const names = new Set<string>();
  const add = (text: string | undefined) => {
    for (const w of (text ?? '').split(/[^\p{L}\p{N}’'-]+/u)) if (w) names.add(fold(w));
  };
  add(corpus.author);
  add(corpus.title);
  add(passage?.speaker);
  names.add(fold(citationKey(corpus)));
  return names;
}

/** Another corpus of the library this name (a surname, a title word, a key) belongs to. */
function otherCorpus(name: string, library: readonly CorpusIndex[], own: Corpus): Corpus | undefined {
  for (const { corpus } of library) {
    if (corpus === own) continue;
    const surname = corpus.author ? fold(splitName(corpus.author).surname) : undefined;
    if (name === surname || name === fold(citationKey(corpus)) || fold(corpus.title) === name) return corpus;
  }
  return undefined;
}

/** Who is credited: the source, as the essay should name it. */
function rightName(corpus: Corpus): string {
  return corpus.author ? splitName(corpus.author).surname : corpus.title;
}

function sourceLabel(corpus: Corpus): string {
  return corpus.author ? `${corpus.title} (${splitName(corpus.author).surname})` : corpus.title;
}

/** Another corpus's title in the sentence before the quotation ("In Frankenstein, “…”"), unless the source is named too. */
function namedWork(
  text: string,
  start: number,
  library: readonly CorpusIndex[],
  own: Corpus,
  report: (name: string, from: number, to: number, replacement: string) => RuleReport,
): RuleReport | undefined {
  let from = start;
  while (from > 0 && !(/[.!?]/.test(text[from - 1]) && /\s/.test(text[from] ?? ' ')) && text[from - 1] !== '\u0000') from--;
  const sentence = text.slice(from, start);
  const has = (name: string) => new RegExp(`(?<![\\p{L}\\p{N}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u').exec(sentence);
  if (has(own.title) || (own.author && has(splitName(own.author).surname))) return undefined;
  for (const { corpus } of library) {
    if (corpus === own || corpus.title.length < 4) continue;
    const m = has(corpus.title);
    if (m) return report(corpus.title, from + m.index, from + m.index + m[0].length, own.title);
  }
  return undefined;
}

export const wrongSource: Rule = {
  code: 'wrong-source',
  description: 'The quotation\'s sentence or citation credits another author, work or citation key than the source its words were found in.',
  severity: 'warning',
  check({ quotation, match }, context) {
    if (match.verdict !== 'correct' && !(match.verdict === 'misquote' && match.similarity >= CLOSE)) return undefined;
    const { corpus, passage } = match;
    const { text, start, end, offsets } = quotation.paragraph;
    if (!corpus || !offsets) return undefined;
    const library = context.library ?? [];
    const index = library.find((l) => l.corpus === corpus);
    const own = ownNames(corpus, passage);
    // A name the source's own text holds (a character, a place) may well be right.
    const known = (name: string) => own.has(name) || (index !== undefined && index.frequency(name) > 0);
    const report = (name: string, from: number, to: number, replacement: string | undefined, label = name): RuleReport => ({
      message: `These words are from ${sourceLabel(corpus)}, not ${label}`,
      data: { corpus: corpus.id, passageId: passage?.id, attributed: name, ...(replacement ? { replacement } : {}), nameStart: offsets[from], nameEnd: offsets[to - 1] + 1 },
    });

    const cited = citationAfter(text, end);
    if (cited) {
      const keys = [...cited.text.matchAll(/@([\p{L}\p{N}_][\p{L}\p{N}_:.#$%&\-+?<>~/]*[\p{L}\p{N}_])/gu)];
      if (keys.length > 0) {
        // Pandoc: right when any key is the source's own.
        const ownKey = citationKey(corpus);
        if (keys.some((k) => fold(k[1]) === fold(ownKey))) return undefined;
        const { entries } = context;
        if (!entries) {
          const k = keys[0];
          const at = cited.start + k.index! + 1;
          return report(`[@${k[1]}]`, at, at + k[1].length, ownKey);
        }
        // With a bibliography, each key is read against the entry it names: one for this work (by
        // title and author) is right; a key the bibliography lacks is unknown-citation-key's.
        const named = keys.map((k) => ({ k, entry: entries.find((e) => e.key === k[1]) })).filter((n) => n.entry !== undefined);
        if (named.length === 0 || named.some((n) => entryForCorpus([n.entry!], corpus))) return undefined;
        const { k, entry } = named[0];
        const at = cited.start + k.index! + 1;
        // The fix writes the source's key only if the bibliography holds it.
        const replacement = entries.some((e) => e.key === ownKey) ? ownKey : undefined;
        return report(`[@${k[1]}]`, at, at + k[1].length, replacement, `[@${k[1]}] (${entry!.item.title ?? entry!.key})`);
      }
      const names = [...cited.text.matchAll(/\p{Lu}[\p{L}’'-]+/gu)].filter((m) => !NOT_NAMES.has(m[0].toLowerCase()));
      if (names.length > 0 && !names.some((m) => known(fold(m[0])))) {
        const m = names[0];
        const at = cited.start + m.index!;
        return report(m[0], at, at + m[0].length, rightName(corpus));
      }
    }

    const said = findAttribution(text, start, end);
    const words = said ? [...said.name.matchAll(/\p{L}[\p{L}’'-]*/gu)] : [];
    const last = words[words.length - 1];
    // Judged by the surname: "Mary Shelley" is not made right by a Mary in Pride and Prejudice.
    if (said && last && /^\p{Lu}/u.test(last[0]) && !known(fold(last[0]))) {
      // Clearly another source's author or work; or an unknown name said to write the words.
      const writes = WRITES.test(text.slice(said.end)) || WROTE_BEFORE.test(text.slice(0, said.start));
      if (otherCorpus(fold(last[0]), library, corpus) || writes) return report(said.name, said.start, said.end, corpus.author ?? corpus.title);
    }
    return namedWork(text, start, library, corpus, report);
  },
};
