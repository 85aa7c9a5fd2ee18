import { findAttribution } from '../attribution';
import { epigraphMismatch } from '../epigraph';
import { attributable, compareNames, identify, ruledOut, speakerOf, speakersOfWords } from '../speakers';
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
    const { text, start, end, offsets } = quotation.paragraph;
    const found = findAttribution(text, start, end);
    if (!found || !offsets) return undefined;
    const who = identify(corpus.cast, found.name);
    if (!who) return undefined;
    // The author may be said to write any line of the novel.
    const surname = corpus.author?.split(/\s+/).pop()?.toLowerCase();
    if (surname && passage?.kind !== 'critic' && who.text.toLowerCase().split(/\s+/).includes(surname)) return undefined;
    const repeated = speakersOfWords(match);
    const from = found.start + who.at;
    const attributed = who.text.replace(/\s+/g, ' ');
    const place = { corpus: corpus.id, passageId: passage?.id, attributed, nameStart: offsets[from], nameEnd: offsets[found.end - 1] + 1 };
    if (!speaker) {
      // No one sure, but the name ruled out: the line's conversation is between others (never for a repeated line).
      const out = repeated ? undefined : ruledOut(corpus.cast, match, who.name);
      if (!out) return undefined;
      // Who does say it, when the conversation is fairly sure (a guess: its fix is offered, never preferred).
      const likely = out.likely && out.likely.p >= 0.8 && compareNames(corpus.cast, who.name, out.likely.name) === 'different' ? out.likely.name : undefined;
      return {
        message: likely ? `${attributed} does not say this in the book (its conversation gives it to ${likely})` : `${attributed} does not say this in the book`,
        data: { ...place, ...(likely ? { likely } : {}) },
      };
    }
    if (compareNames(corpus.cast, who.name, speaker) !== 'different') return undefined;
    // A line the book repeats may be anyone's who says it in one of its places: wrong only when the essay's name is
    // none of them, and never when one place's speaker is unknown.
    if (repeated && (repeated.unsure || repeated.names.some((n) => compareNames(corpus.cast!, who.name, n) !== 'different'))) return undefined;
    const speakers = repeated?.names ?? [speaker];
    return {
      // One line, the name as the essay writes it ("the Colonel"), whatever its line breaks.
      message: speakers.length > 1 ? `${speakers.slice(0, -1).join(', ')} and ${speakers[speakers.length - 1]} say these words in the book, not ${attributed}` : `${speaker} says this, not ${attributed}`,
      data: { ...place, speaker, ...(speakers.length > 1 ? { speakers } : {}) },
    };
  },
};
