import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CitationStyle } from '../../server/src/engine/citations';
import type { Corpus } from '../../server/src/engine/types';
import { lineEnding, updateReferences, type TextReplacement } from '../../server/src/engine/worksCited';

const NLMG: Corpus = { id: 'builtin', title: 'Never Let Me Go', author: 'Kazuo Ishiguro', year: 2005, origin: 'builtin', passages: [] };
const PP: Corpus = { id: '/b/pp.txt', title: 'Pride and Prejudice', author: 'Jane Austen', year: 1813, origin: '/b/pp.txt', passages: [] };

const START = '<!-- verbatim:works-cited -->';
const END = '<!-- /verbatim:works-cited -->';
const MLA_NLMG = 'Ishiguro, Kazuo. *Never Let Me Go*. 2005.';
const MLA_PP = 'Austen, Jane. *Pride and Prejudice*. 1813.';

function apply(text: string, edits: readonly TextReplacement[]): string {
  let out = text;
  // From the end, so that earlier offsets stay valid; the edits never overlap.
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** Runs the update, checks that a second run changes nothing, and returns the text after the first. */
function update(text: string, sources: Corpus[], style: CitationStyle = 'mla', known: Corpus[] = sources): string {
  const first = updateReferences(text, sources, style, known);
  assert.ok(first && 'edits' in first, `an edit (${JSON.stringify(first)})`);
  const starts = first.edits.map((e) => e.start);
  for (let i = 1; i < first.edits.length; i++) assert.ok(first.edits[i - 1].end <= first.edits[i].start, `edits in order, apart: ${starts}`);
  const written = apply(text, first.edits);
  assert.deepEqual(updateReferences(written, sources, style, known), { edits: [] }, 'the second run changes nothing');
  return written;
}

const lines = (...l: string[]) => l.join('\n');

test('no section yet: a marked section is appended, whatever the end of the essay', () => {
  const section = lines(START, '', '## Works Cited', '', MLA_PP, '', MLA_NLMG, '', END, '');
  assert.equal(update('# Essay\n\nText.\n', [NLMG, PP]), `# Essay\n\nText.\n\n${section}`);
  assert.equal(update('# Essay\n\nText.', [NLMG, PP]), `# Essay\n\nText.\n\n${section}`);
  assert.equal(update('# Essay\n\nText.\n\n', [NLMG, PP]), `# Essay\n\nText.\n\n${section}`);
  assert.equal(update('', [NLMG, PP]), section);
});

test('a CRLF essay gets CRLF lines, appended or updated', () => {
  const text = '# Essay\r\n\r\nText.\r\n';
  const written = update(text, [NLMG], 'mla');
  assert.equal(written, `# Essay\r\n\r\nText.\r\n\r\n${START}\r\n\r\n## Works Cited\r\n\r\n${MLA_NLMG}\r\n\r\n${END}\r\n`);
  assert.equal(
    update(written, [NLMG, PP], 'apa'),
    `# Essay\r\n\r\nText.\r\n\r\n${START}\r\n\r\n## References\r\n\r\nAusten, J. (1813). *Pride and Prejudice*.\r\n\r\nIshiguro, K. (2005). *Never Let Me Go*.\r\n\r\n${END}\r\n`,
  );
  // An old section in a CRLF essay: its exact entry is replaced, the line ends stay CRLF.
  assert.equal(
    update('## Works Cited\r\n\r\nMy own entry.\r\n\r\nIshiguro, Kazuo. *Never Let Me Go*. 2005.\r\n', [NLMG]),
    `## Works Cited\r\n\r\nMy own entry.\r\n\r\n${START}\r\n\r\n${MLA_NLMG}\r\n\r\n${END}\r\n`,
  );
  assert.equal(lineEnding('a\nb\r\n'), '\n');
  assert.equal(lineEnding('a\r\nb\n'), '\r\n');
  assert.equal(lineEnding('a'), '\n');
});

test('an old section: only the exact entries change; the user’s entries, notes, footnotes, pledge and word count stay', () => {
  const text = lines(
    '# Hailsham',
    '',
    'Kathy remembers “the gallery” (Ishiguro).[^1]',
    '',
    '## Works Cited',
    '',
    MLA_NLMG,
    '',
    'Wood, James. “The Human Difference.” *The New Republic*, 2005.',
    '',
    'Note: page numbers refer to the Vintage edition.',
    '',
    '[^1]: The gallery is never seen.',
    '',
    'I have neither given nor received unauthorised help. — K. H.',
    '',
    'Word count: 1,482',
    '',
  );
  const expected = text.replace(MLA_NLMG, lines(START, '', MLA_PP, '', MLA_NLMG, '', END));
  assert.equal(update(text, [NLMG, PP]), expected);
});

test('an old section: entries of a source no longer quoted (or in another style) go, the rest of the section stays', () => {
  const text = lines('## Works Cited', '', MLA_PP, '', 'My own entry.', '', 'Ishiguro, K. (2005). *Never Let Me Go*.', '', 'Word count: 900', '');
  assert.equal(update(text, [NLMG], 'mla', [NLMG, PP]), lines('## Works Cited', '', START, '', MLA_NLMG, '', END, '', 'My own entry.', '', 'Word count: 900', ''));
  // Two exact entries in a row at the very end, no final newline.
  assert.equal(update(lines('## Works Cited', '', 'Mine.', '', MLA_PP, '', MLA_NLMG), [NLMG], 'mla', [NLMG, PP]), lines('## Works Cited', '', 'Mine.', '', START, '', MLA_NLMG, '', END));
  // An entry the user changed (a page range added) is the user's.
  const own = lines('## Works Cited', '', 'Ishiguro, Kazuo. *Never Let Me Go*. 2005, pp. 1–20.', '');
  assert.equal(update(own, [NLMG]), lines('## Works Cited', '', START, '', MLA_NLMG, '', END, '', 'Ishiguro, Kazuo. *Never Let Me Go*. 2005, pp. 1–20.', ''));
});

test('a heading without exact entries: the block goes right under it, and nothing after it moves', () => {
  // `# Bibliography` before `## Part two`: the rest of the essay stays.
  assert.equal(
    update(lines('# Bibliography', '', '## Part two', '', 'More of the essay.', ''), [NLMG]),
    lines('# Bibliography', '', START, '', MLA_NLMG, '', END, '', '## Part two', '', 'More of the essay.', ''),
  );
  // Content straight under the heading, no blank line.
  assert.equal(update(lines('## References', 'Mine.', ''), [NLMG], 'chicago'), lines('## References', '', START, '', 'Ishiguro, Kazuo. 2005. *Never Let Me Go*.', '', END, '', 'Mine.', ''));
  // The heading is the last line, without a line end.
  assert.equal(update('Text.\n\n## References', [NLMG], 'apa'), lines('Text.', '', '## References', '', START, '', 'Ishiguro, K. (2005). *Never Let Me Go*.', '', END, ''));
  // A setext heading.
  assert.equal(update(lines('Works Cited', '===========', '', 'Mine.'), [NLMG]), lines('Works Cited', '===========', '', START, '', MLA_NLMG, '', END, '', 'Mine.'));
});

test('two sections: the one holding exact entries, else the one named for the style, else the first', () => {
  const consulted = lines('## Works Consulted', '', 'A book I read.', '');
  const cited = lines('## Works Cited', '', 'A book I quoted.', '');
  assert.equal(update(`${consulted}\n${cited}`, [NLMG]), `${consulted}\n${lines('## Works Cited', '', START, '', MLA_NLMG, '', END, '', 'A book I quoted.', '')}`);
  assert.equal(
    update(`${consulted}\n${cited}`, [NLMG], 'apa'),
    `${lines('## Works Consulted', '', START, '', 'Ishiguro, K. (2005). *Never Let Me Go*.', '', END, '', 'A book I read.', '')}\n${cited}`,
  );
  const old = lines('## Bibliography', '', 'Mine.', '', MLA_NLMG, '');
  assert.equal(update(`${cited}\n${old}`, [NLMG, PP]), `${cited}\n${lines('## Bibliography', '', 'Mine.', '', START, '', MLA_PP, '', MLA_NLMG, '', END, '')}`);
});

test('a marked block is rewritten in the new style; its heading too, and only what stands between the markers', () => {
  const mla = lines('Essay.', '', START, '', '## Works Cited', '', MLA_NLMG, '', END, '', 'Mine, after the block.', '', '[^1]: A note.', '');
  assert.equal(
    update(mla, [NLMG], 'pandoc'),
    lines('Essay.', '', START, '', '## References', '', '::: {#refs}', ':::', '', END, '', 'Mine, after the block.', '', '[^1]: A note.', ''),
  );
  // A block under the user's own heading holds no heading of its own.
  const under = lines('# My Sources', '', 'Mine.', '', START, '', MLA_NLMG, '', END, '');
  assert.equal(update(under, [NLMG, PP]), lines('# My Sources', '', 'Mine.', '', START, '', MLA_PP, '', MLA_NLMG, '', END, ''));
  // Already up to date: no edit at all.
  assert.deepEqual(updateReferences(under.replace(MLA_NLMG, `${MLA_PP}\n\n${MLA_NLMG}`), [NLMG, PP], 'mla'), { edits: [] });
});

test('markers that do not pair up: no edit, a message that says where', () => {
  assert.deepEqual(updateReferences(lines('Essay.', '', START, '', MLA_NLMG, ''), [NLMG], 'mla'), {
    problem: `${START} on line 3 has no ${END} after it; put the end marker back (or remove this one) and run the command again`,
  });
  assert.deepEqual(updateReferences(lines('Essay.', '', MLA_NLMG, '', END, ''), [NLMG], 'mla'), {
    problem: `${END} on line 5 has no ${START} before it; put the start marker back (or remove this one) and run the command again`,
  });
  assert.deepEqual(updateReferences(lines(START, '', START, '', END), [NLMG], 'mla'), {
    problem: `${START} on line 1 has no ${END} before the next one (line 3); put the end marker back and run the command again`,
  });
});

test('markers and headings inside code are not read; nothing quoted means no edit', () => {
  const text = lines('Write this:', '', '```', START, '## Works Cited', END, '```', '');
  assert.equal(update(text, [NLMG]), `${text}\n${lines(START, '', '## Works Cited', '', MLA_NLMG, '', END, '')}`);
  assert.equal(updateReferences('Text.', [], 'mla'), undefined);
});

test('Pandoc: an old placeholder is the one exact entry', () => {
  assert.equal(update(lines('# References', '', '::: {#refs}', ':::', '', 'Mine.', ''), [NLMG], 'pandoc'), lines('# References', '', START, '', '::: {#refs}', ':::', '', END, '', 'Mine.', ''));
});

test('an essay nested too deeply to parse: no second list appended, a message instead', () => {
  const deep = `${'> '.repeat(70)}“They prove we have souls.”\n\n${START}\n\n${MLA_NLMG}\n\n${END}\n`;
  assert.deepEqual(updateReferences(deep, [NLMG], 'mla'), { problem: 'the essay nests blockquotes or lists too deeply to find its Works Cited block safely' });
});

test('an essay ending inside an unclosed fence or comment: a message, not a list that would vanish into it', () => {
  assert.deepEqual(updateReferences(lines('Tommy says “They prove we have souls.”', '', '```', 'code never closed', ''), [NLMG], 'mla'), {
    problem: 'the list would land inside an unclosed code block or HTML comment (line 3); close it and run the command again',
  });
  assert.deepEqual(updateReferences(lines('Text.', '', '<!-- a draft note', ''), [NLMG], 'mla'), {
    problem: 'the list would land inside an unclosed code block or HTML comment (line 3); close it and run the command again',
  });
  // A closed fence at the end is fine.
  assert.equal(update(lines('```', 'code', '```'), [NLMG]), lines('```', 'code', '```', '', START, '', '## Works Cited', '', MLA_NLMG, '', END, ''));
});
