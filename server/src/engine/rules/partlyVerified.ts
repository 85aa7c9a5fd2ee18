import type { Corpus, MatchResult, PartialMatch } from '../types';
import type { Rule } from './types';

export const partlyVerified: Rule = {
  code: 'partly-verified',
  description:
    'A quotation that holds an excerpt passage (the review’s quotations, curated JSON passages) and goes on past it: the excerpt’s words are verified, the rest cannot be.',
  severity: 'information',
  check({ quotation, match }) {
    if (match.verdict !== 'correct' || !match.partial) return undefined;
    const { partial, passage, corpus } = match;
    const { offsets } = quotation;
    const verified = quotation.text.slice(partial.start, partial.end);
    const who = passage?.speaker && passage.speaker !== 'unknown' ? `${possessive(passage.speaker)} line` : 'a passage';
    return {
      message: `Partly verified: “${shorten(verified)}” is ${who} in ${corpusLabel(corpus)}; ${restOf(quotation.text, partial, corpus)}`,
      data: {
        corpus: corpus?.id,
        passageId: passage?.id,
        locator: match.locator,
        source: match.sourceText,
        verifiedStart: offsets[partial.start],
        verifiedEnd: offsets[partial.end - 1] + 1,
      },
    };
  },
};

/** "Never Let Me Go (built-in passages)", "Pride and Prejudice (curated passages)". */
export function corpusLabel(corpus: Corpus | undefined): string {
  if (!corpus) return 'its source';
  return corpus.origin === 'builtin' ? `${corpus.title} (built-in passages)` : `${corpus.title} (${corpus.excerpts?.from ?? 'passages'})`;
}

/** What the excerpt cannot speak for: the words beyond it, and where it prints an ellipsis of its own. */
export function restOf(text: string, partial: PartialMatch, corpus: Corpus | undefined): string {
  const where = corpus?.origin === 'builtin' ? 'the built-in passages' : `the ${corpus?.excerpts?.from ?? 'passages'}`;
  const parts: string[] = [];
  if (partial.unverified.some((u) => u.where !== 'gap')) parts.push(`the rest is not in ${where}`);
  const omitter = corpus?.origin === 'builtin' ? 'the review' : 'the passage';
  for (const gap of partial.unverified.filter((u) => u.where === 'gap')) {
    const before = lastWords(text.slice(0, gap.start), 1);
    const filled = text.slice(gap.start, gap.end).trim();
    parts.push(
      /[\p{L}\p{N}]/u.test(filled)
        ? `${omitter} omits words here (“…” after “${before}”), so “${shorten(filled)}” cannot be checked`
        : `${omitter} omits words here (“…” after “${before}”)`,
    );
  }
  return parts.join('; ');
}

function possessive(name: string): string {
  return /s$/i.test(name) ? `${name}’` : `${name}’s`;
}

function lastWords(text: string, n: number): string {
  return text.trim().split(/\s+/).slice(-n).join(' ').replace(/[,;:.!?]+$/, '');
}

/** A long wording as its first words … its last: “My name is Kathy H. … eleven years”. */
export function shorten(text: string): string {
  const words = text.trim().split(/\s+/);
  if (words.length <= 10) return words.join(' ');
  return `${words.slice(0, 5).join(' ')} … ${words.slice(-2).join(' ')}`;
}

export type { MatchResult };
