// What "Insert Quotation…" types (client/src/insertion.ts): exact strings for each place a cursor can be.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nestMarks, openMarks, quotationInsertion } from '../../client/src/insertion';

const W = 'They prove we have souls';
const C = '(Ishiguro)';
const ins = (before: string, after: string, wording = W, citation = C) => quotationInsertion(before, after, wording, citation);

test('outside a quotation: the wording in marks and the citation', () => {
  assert.deepEqual(ins('She says ', ''), { text: '“They prove we have souls” (Ishiguro)', replaces: 0 });
  assert.deepEqual(ins('', '', W, '(Ishiguro, 2005)'), { text: '“They prove we have souls” (Ishiguro, 2005)', replaces: 0 });
  // A straight pair closed earlier on the line opens nothing.
  assert.deepEqual(ins('"a" and "b" ', ''), { text: '“They prove we have souls” (Ishiguro)', replaces: 0 });
});

test('the sentence’s period goes after the citation, or away when the sentence goes on', () => {
  const rumor = 'There never were. It was all just a rumor.';
  assert.deepEqual(ins('Emily: ', '', rumor), { text: '“There never were. It was all just a rumor” (Ishiguro).', replaces: 0 });
  assert.deepEqual(ins('Emily: ', ' and yet', rumor), { text: '“There never were. It was all just a rumor” (Ishiguro)', replaces: 0 });
  assert.deepEqual(ins('Emily: ', '.', rumor), { text: '“There never were. It was all just a rumor” (Ishiguro)', replaces: 0 });
  // An ellipsis is the wording's own: it stays inside the marks.
  assert.deepEqual(ins('', '', 'and then...'), { text: '“and then...” (Ishiguro)', replaces: 0 });
  assert.deepEqual(ins('', '', 'Why?'), { text: '“Why?” (Ishiguro)', replaces: 0 });
});

test('right after an opening mark: no second mark; an auto-closed mark is stepped over, never doubled', () => {
  assert.deepEqual(ins('She says “', ''), { text: 'They prove we have souls” (Ishiguro)', replaces: 0 });
  // VS Code's auto-close typed ” already: it is replaced by the one we type, so there is one.
  assert.deepEqual(ins('She says “', '”'), { text: 'They prove we have souls” (Ishiguro)', replaces: 1 });
  assert.deepEqual(ins('She says “', '” today.'), { text: 'They prove we have souls” (Ishiguro)', replaces: 1 });
  assert.deepEqual(ins('She says ‘', '’'), { text: 'They prove we have souls’ (Ishiguro)', replaces: 1 });
  assert.deepEqual(ins('She says "', '"'), { text: 'They prove we have souls" (Ishiguro)', replaces: 1 });
  assert.deepEqual(ins('She says “ ', '”'), { text: 'They prove we have souls” (Ishiguro)', replaces: 1 });
  // A citation already after the mark: none added.
  assert.deepEqual(ins('She says “', '” (Ishiguro 3).'), { text: 'They prove we have souls”', replaces: 1 });
  assert.deepEqual(ins('She says “', '” [@ishiguro2005].'), { text: 'They prove we have souls”', replaces: 1 });
  // The period after the citation, as outside.
  assert.deepEqual(ins('Emily: “', '”', 'It was all just a rumor.'), { text: 'It was all just a rumor” (Ishiguro).', replaces: 1 });
  assert.deepEqual(ins('Emily: “', '”.', 'It was all just a rumor.'), { text: 'It was all just a rumor” (Ishiguro)', replaces: 1 });
});

test('inside a quotation already begun: a quotation within it, single marks, no citation', () => {
  assert.deepEqual(ins('Kathy remembers “how Tommy said ', '” (Ishiguro).'), { text: '‘They prove we have souls’', replaces: 0 });
  assert.deepEqual(ins('Kathy remembers “how Tommy said ', ''), { text: '‘They prove we have souls’', replaces: 0 });
  // Right after an inner opening mark: the wording and its closing mark, no citation.
  assert.deepEqual(ins('Kathy remembers “how Tommy said ‘', '’”'), { text: 'They prove we have souls’', replaces: 1 });
  // Three deep: double again.
  assert.deepEqual(ins('“a ‘b ', ''), { text: '“They prove we have souls”', replaces: 0 });
});

test('the wording’s own marks take the level below: “… ‘…’ …” and ‘… “…” …’; apostrophes stay', () => {
  const calm = 'It means a lot to me… especially that bit about my donors staying ‘calm’';
  assert.deepEqual(ins('', '', calm), { text: '“It means a lot to me… especially that bit about my donors staying ‘calm’” (Ishiguro)', replaces: 0 });
  const speech = '“I’m not going,” said Tommy, “not with the donors’ cars.”';
  assert.deepEqual(ins('', '', speech, '(Ishiguro 12)'), { text: '“‘I’m not going,’ said Tommy, ‘not with the donors’ cars.’” (Ishiguro 12)', replaces: 0 });
  assert.deepEqual(ins('She says “', '”', 'He called it “home”'), { text: 'He called it ‘home’” (Ishiguro)', replaces: 1 });
  assert.deepEqual(ins('She says “as if ', '”', 'He called it “home”'), { text: '‘He called it “home”’', replaces: 0 });
  assert.deepEqual(ins('', '', 'He said "no" twice'), { text: '“He said ‘no’ twice” (Ishiguro)', replaces: 0 });
  assert.equal(nestMarks('Kathy’s ‘carer’ and “donor”', 2), 'Kathy’s “carer” and “donor”');
});

test('openMarks: which marks are open at the cursor (apostrophes open nothing)', () => {
  assert.deepEqual(openMarks('Kathy’s view: “it was ‘home’ '), [{ mark: '“', at: 14 }]);
  assert.deepEqual(openMarks('“a” and ‘b’'), []);
  assert.deepEqual(openMarks('the donors’ “cars'), [{ mark: '“', at: 12 }]);
});
