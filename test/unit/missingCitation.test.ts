import assert from 'node:assert/strict';
import { test } from 'node:test';
import { builtinCorpus } from '../../server/src/engine/builtin';
import { checkText } from '../../server/src/engine/check';
import { buildLibrary } from '../../server/src/engine/library';

const library = buildLibrary([builtinCorpus()]);
const ESSAY = [
  'Ruth admits, “I kept you and Tommy apart.” She says, “They prove we have hearts.” (Ishiguro 248)',
  '',
  'She had been “told and not told” [@ishiguro2005]. “The sea remembers every name we ever gave it.”',
].join('\n');

test('missing-citation is off by default', () => {
  assert.deepEqual(
    checkText(ESSAY, library).findings.map((f) => f.code),
    ['misquote', 'unverified-quote'],
  );
});

test('switched on, it flags found quotations with no citation in their sentence', () => {
  const findings = checkText(ESSAY, library, { minWords: 4, rules: { 'missing-citation': 'information' } }).findings.filter((f) => f.code === 'missing-citation');
  assert.deepEqual(findings, [
    {
      code: 'missing-citation',
      severity: 'information',
      start: 13,
      end: 42,
      message: 'Missing citation: no citation of Never Let Me Go follows this quotation',
      data: { corpus: 'builtin:never-let-me-go', passageId: 'i-kept-you-and-tommy-apart' },
      // MLA: the sentence's period moves after the parenthetical.
      fixes: [{ title: 'Add a citation: (Ishiguro)', edits: [{ start: 40, end: 41, newText: '' }, { start: 42, end: 42, newText: ' (Ishiguro).' }], preferred: true }],
    },
  ]);
  assert.equal(ESSAY.slice(13, 42), '“I kept you and Tommy apart.”');
});

test('a term or scare quote shorter than minWords needs no citation; a comma after a quotation keeps the citation at the mark', () => {
  const text = 'Kathy is a “carer” and they are “told and not told”. Ruth insists, “They prove we have souls”, and cries.';
  const found = checkText(text, library, { minWords: 4, rules: { 'missing-citation': 'warning' } }).findings.filter((f) => f.code === 'missing-citation');
  assert.deepEqual(found.map((f) => text.slice(f.start, f.end)), ['“told and not told”', '“They prove we have souls”']);
  assert.deepEqual(found[1].fixes?.[0].edits, [{ start: text.indexOf('”,') + 1, end: text.indexOf('”,') + 1, newText: ' (Ishiguro)' }]);
});
