import { findAttribution } from '../attribution';
import { epigraphMismatch } from '../epigraph';
import { attributable, compareNames, identify, speakerOf } from '../speakers';
import type { Rule } from './types';

export const misattribution: Rule = {
  code: 'misattribution',
  description: 'The essay gives a quotation to someone other than its speaker in the source ("Miss Emily says this, not Ruth").',
  severity: 'warning',
  check({ quotation, match }) {
    if (match.verdict !== 'correct' && match.verdict !== 'misquote') return undefined;
    const { corpus, passage } = match;
    // An epigraph names its author on a line of its own: that line, not the sentence, is the attribution.
    if (quotation.attribution) {
      const wrong = epigraphMismatch(quotation, corpus, passage, speakerOf(match));
      if (!wrong) return undefined;
      const data = { corpus: corpus?.id, passageId: passage?.id, speaker: wrong.source, attributed: wrong.attributed, nameStart: wrong.start, nameEnd: wrong.end };
      return { message: `${corpus?.author} wrote this (${corpus?.title}), not ${wrong.attributed}`, data };
    }
    if (!attributable(corpus, passage) || !corpus?.cast) return undefined;
    const speaker = speakerOf(match);
    if (!speaker) return undefined;
    const { text, start, end, offsets } = quotation.paragraph;
    const found = findAttribution(text, start, end);
    if (!found || !offsets) return undefined;
    const who = identify(corpus.cast, found.name);
    if (!who) return undefined;
    // The author may be said to write any line of the novel.
    const surname = corpus.author?.split(/\s+/).pop()?.toLowerCase();
    if (surname && passage?.kind !== 'critic' && who.text.toLowerCase().split(/\s+/).includes(surname)) return undefined;
    if (compareNames(corpus.cast, who.name, speaker) !== 'different') return undefined;
    const from = found.start + who.at;
    return {
      // One line, the name as the essay writes it ("the Colonel"), whatever its line breaks.
      message: `${speaker} says this, not ${who.text.replace(/\s+/g, ' ')}`,
      data: {
        corpus: corpus.id,
        passageId: passage?.id,
        speaker,
        attributed: who.text.replace(/\s+/g, ' '),
        nameStart: offsets[from],
        nameEnd: offsets[found.end - 1] + 1,
      },
    };
  },
};
