import assert from 'node:assert/strict';
import { test } from 'node:test';
import { builtinCorpus } from '../../server/src/engine/builtin';
import { checkText } from '../../server/src/engine/check';
import { buildLibrary } from '../../server/src/engine/library';
import { spellingVariant } from '../../server/src/engine/spelling';

test('British and American spellings of one word are variants; different words are not', () => {
  for (const [a, b] of [
    ['rumour', 'rumor'],
    ['colour', 'color'],
    ['honourable', 'honorable'],
    ['favourite', 'favorite'],
    ['neighbours', 'neighbors'],
    ['realise', 'realize'],
    ['organisation', 'organization'],
    ['analysed', 'analyzed'],
    ['centre', 'center'],
    ['theatres', 'theaters'],
    ['travelled', 'traveled'],
    ['catalogue', 'catalog'],
    ['defence', 'defense'],
    ['ploughed', 'plowed'],
    ['grey', 'gray'],
    ['judgement', 'judgment'],
  ]) {
    assert.equal(spellingVariant(a, b), true, `${a}/${b}`);
    assert.equal(spellingVariant(b, a), true, `${b}/${a}`);
  }
  for (const [a, b] of [
    ['four', 'for'],
    ['your', 'yor'],
    ['acre', 'acer'],
    ['work', 'job'],
    ['was', 'were'],
    ['still', 'stil'],
    ['rumor', 'rumor'],
  ]) {
    assert.equal(spellingVariant(a, b), false, `${a}/${b}`);
  }
});

test('a respelt word is a misquote that says so, even in a short quotation', () => {
  const library = buildLibrary([builtinCorpus()]);
  const [finding] = checkText('Miss Emily: “It was all just a rumour.”', library).findings;
  assert.equal(finding.code, 'misquote');
  assert.equal(finding.message, 'Misquoted: "rumour" where the source has "rumor" (British and American spellings; editions differ)');
  assert.equal(finding.data?.replacement, 'It was all just a rumor.');
});
