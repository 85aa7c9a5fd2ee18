// The built-in corpus, derived at load time from the review shipped inside the
// package (the bundler embeds both files, so no path lookup can fail).

import reviewText from '../../corpus/never-let-me-go-review.txt';
import facts from '../../corpus/never-let-me-go.facts.json';
import speakers from '../../corpus/never-let-me-go.speakers.json';
import { buildReviewCorpus, type ReviewFacts } from './reviewCorpus';
import { curatedCast } from './speakers';
import type { Corpus } from './types';

let cached: Corpus | undefined;

export function builtinCorpus(): Corpus {
  cached ??= { ...buildReviewCorpus(reviewText, facts as ReviewFacts), cast: curatedCast(speakers) };
  return cached;
}

export const BUILTIN_REVIEW_TEXT: string = reviewText;
