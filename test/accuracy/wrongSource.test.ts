// wrong-source on labelled cases: sentences of the two fixture novels and the
// review quoted exactly, credited to another source's author (as the writer of
// the words), citation, citation key or work, or to an author of no corpus; and
// the same sentences credited rightly. Then the whole accuracy suite
// (cases.json), where no quotation credits a wrong source: no false alarm.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { builtinCorpus } from '../../server/src/engine/builtin';
import { checkText, DEFAULT_OPTIONS } from '../../server/src/engine/check';
import { buildLibrary } from '../../server/src/engine/library';
import { fixtureBook } from '../helpers/fixtureBooks';

type Name = 'review' | 'pride-and-prejudice' | 'frankenstein';

const book = fixtureBook;

const builtin = builtinCorpus();
const pride = book('pride-and-prejudice.txt', 'Pride and Prejudice', 'Jane Austen', 1813);
const frankenstein = book('frankenstein.txt', 'Frankenstein', 'Mary Shelley', 1818);
const all = buildLibrary([builtin, pride, frankenstein]);
// The accuracy suite's curated excerpt lists of the same books (JSON passages).
const prideExcerpts = book('pride-and-prejudice-excerpts.json', 'Pride and Prejudice', 'Jane Austen', 1813);
const frankensteinExcerpts = book('frankenstein-excerpts.json', 'Frankenstein', 'Mary Shelley', 1818);

const SOURCE: Record<Name, { author: string; surname: string; key: string; title: string; label: string }> = {
  'pride-and-prejudice': { author: 'Jane Austen', surname: 'Austen', key: 'austen1813', title: 'Pride and Prejudice', label: 'Pride and Prejudice (Austen)' },
  frankenstein: { author: 'Mary Shelley', surname: 'Shelley', key: 'shelley1818', title: 'Frankenstein', label: 'Frankenstein (Shelley)' },
  review: { author: 'Kazuo Ishiguro', surname: 'Ishiguro', key: 'ishiguro2005', title: 'Never Let Me Go', label: 'Never Let Me Go (Ishiguro)' },
};
/** Whose work each source is mistaken for. */
const OTHER: Record<Name, Name> = { 'pride-and-prejudice': 'frankenstein', frankenstein: 'review', review: 'pride-and-prejudice' };

// Sentences copied from the sources (the first three of each in the unmarked-quotation suite).
const unmarked = JSON.parse(readFileSync(join('test', 'accuracy', 'unmarked.json'), 'utf8')) as { corpus: Name; source?: string; why: string }[];
const sentences = (['pride-and-prejudice', 'frankenstein', 'review'] as Name[]).flatMap((corpus) =>
  unmarked
    .filter((c) => c.corpus === corpus && c.why === 'a copied sentence without quotation marks')
    .slice(0, 3)
    .map((c) => ({ corpus, text: c.source!.replace(/[.!?]$/, '') })),
);

interface Case {
  markdown: string;
  /** The name the finding must say is wrong, or undefined when nothing is wrong. */
  wrong?: string;
  label: string;
}

const cases: Case[] = sentences.flatMap(({ corpus, text }) => {
  const right = SOURCE[corpus];
  const other = SOURCE[OTHER[corpus]];
  return [
    { markdown: `${other.author} writes, “${text}.”`, wrong: other.author, label: right.label },
    { markdown: `The line “${text}” (${other.surname} 12) is often quoted.`, wrong: other.surname, label: right.label },
    { markdown: `As we read, “${text}” [@${other.key}, p. 3].`, wrong: `[@${other.key}]`, label: right.label },
    { markdown: `In ${other.title}, the words “${text}” stand out.`, wrong: other.title, label: right.label },
    { markdown: `Charles Dickens wrote, “${text}.”`, wrong: 'Charles Dickens', label: right.label },
    // Controls: the right author, citation, key or work.
    { markdown: `${right.author} writes, “${text}.”`, label: right.label },
    { markdown: `The line “${text}” (${right.surname} 12) is often quoted.`, label: right.label },
    { markdown: `As we read, “${text}” [@${right.key}, p. 3].`, label: right.label },
    { markdown: `In ${right.title}, the words “${text}” stand out.`, label: right.label },
  ];
});

test('wrong-source: every wrong credit reported with the right source and the wrong name, no right credit reported', () => {
  assert.equal(sentences.length, 9);
  assert.equal(cases.filter((c) => c.wrong).length, 45);
  const outcomes = cases.map((c) => ({ c, found: checkText(c.markdown, all, DEFAULT_OPTIONS).findings.filter((f) => f.code === 'wrong-source') }));
  const wrong = outcomes.filter((o) => o.c.wrong);
  assert.deepEqual(
    wrong.filter((o) => o.found.length !== 1 || o.found[0].message !== `These words are from ${o.c.label}, not ${o.c.wrong}`).map((o) => [o.c.markdown, o.found.map((f) => f.message)]),
    [],
  );
  assert.deepEqual(
    outcomes.filter((o) => !o.c.wrong && o.found.length > 0).map((o) => [o.c.markdown, o.found[0].message]),
    [],
  );
});

test('wrong-source: the quick fix data names the right author or key at the wrong name', () => {
  const markdown = 'Mary Shelley writes, “It is a truth universally acknowledged, that a single man in possession of a good fortune must be in want of a wife” [@shelley1818, p. 3].';
  const [f] = checkText(markdown, all, DEFAULT_OPTIONS).findings.filter((x) => x.code === 'wrong-source');
  assert.equal(f.message, 'These words are from Pride and Prejudice (Austen), not [@shelley1818]');
  assert.equal(markdown.slice(f.data!.nameStart, f.data!.nameEnd), 'shelley1818');
  assert.equal(f.data!.replacement, 'austen1813');
  const [g] = checkText('“It is a truth universally acknowledged, that a single man in possession of a good fortune must be in want of a wife” (Shelley 3).', all, DEFAULT_OPTIONS).findings;
  assert.equal(g.code, 'wrong-source');
  assert.equal(g.data!.replacement, 'Austen');
});

test('wrong-source: no false alarm on the accuracy suite (each case against its own library and against all three sources)', () => {
  type CaseCorpus = Name | 'pride-and-prejudice-excerpts' | 'frankenstein-excerpts';
  const accuracy = JSON.parse(readFileSync(join('test', 'accuracy', 'cases.json'), 'utf8')) as { id: string; corpus: CaseCorpus; markdown: string }[];
  const own: Record<CaseCorpus, ReturnType<typeof buildLibrary>> = {
    review: buildLibrary([builtin]),
    'pride-and-prejudice': buildLibrary([builtin, pride]),
    frankenstein: buildLibrary([builtin, frankenstein]),
    'pride-and-prejudice-excerpts': buildLibrary([builtin, prideExcerpts]),
    'frankenstein-excerpts': buildLibrary([builtin, frankensteinExcerpts]),
  };
  const alarms: string[] = [];
  for (const c of accuracy) {
    for (const library of [own[c.corpus], all]) {
      for (const f of checkText(c.markdown, library, DEFAULT_OPTIONS).findings) if (f.code === 'wrong-source') alarms.push(`${c.id}: ${f.message}`);
    }
  }
  assert.equal(accuracy.length, 387);
  assert.deepEqual(alarms, []);
});
