// The TextMate grammar injected into Markdown, run offline with VS Code's own
// tokeniser (vscode-textmate + vscode-oniguruma) on the Markdown grammar VS
// Code ships (from the tm-grammars package): which text gets which scopes.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { before, test } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar, type StateStack } from 'vscode-textmate';

const ROOT = resolve(__dirname, '../../..');
let grammar: IGrammar;

before(async () => {
  const wasm = readFileSync(resolve(ROOT, 'node_modules/vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const files: Record<string, string> = {
    'text.html.markdown': resolve(ROOT, 'node_modules/tm-grammars/grammars/markdown.json'),
    'markdown.verbatim.quotation': resolve(ROOT, 'syntaxes/verbatim-quotation.tmLanguage.json'),
  };
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    // Grammars embedded in Markdown code blocks are not needed here.
    loadGrammar: async (scope) => (files[scope] ? parseRawGrammar(readFileSync(files[scope], 'utf8'), files[scope]) : null),
    // As package.json's `injectTo` does in VS Code.
    getInjections: (scope) => (scope === 'text.html.markdown' ? ['markdown.verbatim.quotation'] : undefined),
  });
  const loaded = await registry.loadGrammar('text.html.markdown');
  assert.ok(loaded);
  grammar = loaded;
});

/** Each token of each line as [text, its Verbatim scopes joined]; tokens without any are left out. */
function verbatimTokens(markdown: string): [string, string][][] {
  let state: StateStack = INITIAL;
  return markdown.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    return r.tokens
      .map((t): [string, string] => [line.slice(t.startIndex, t.endIndex), t.scopes.filter((s) => s.endsWith('.verbatim.markdown')).join(' ')])
      .filter(([, s]) => s !== '');
  });
}

const S2 = 'string.quoted.double.verbatim.markdown';
const S1 = 'string.quoted.single.verbatim.markdown';
const OPEN = 'punctuation.definition.string.begin.verbatim.markdown';
const CLOSE = 'punctuation.definition.string.end.verbatim.markdown';

test('curly double quotations, with Markdown inside', () => {
  assert.deepEqual(verbatimTokens('Kathy says, “My name is *Kathy* H.” today.'), [
    [
      ['“', `${S2} ${OPEN}`],
      ['My name is ', S2],
      ['*', S2],
      ['Kathy', S2],
      ['*', S2],
      [' H.', S2],
      ['”', `${S2} ${CLOSE}`],
    ],
  ]);
});

test('straight double quotations open after a space and close on the line', () => {
  assert.deepEqual(verbatimTokens('Ruth: "it means a lot to me" and 5" screens'), [
    [
      ['"', `${S2} ${OPEN}`],
      ['it means a lot to me', S2],
      ['"', `${S2} ${CLOSE}`],
    ],
  ]);
});

test('British single quotations; apostrophes are never scoped', () => {
  assert.deepEqual(verbatimTokens('Kathy’s note: ‘I don’t know, we’re carers’ and Ruth’s.'), [
    [
      ['‘', `${S1} ${OPEN}`],
      ['I don’t know, we’re carers', S1],
      ['’', `${S1} ${CLOSE}`],
    ],
  ]);
  assert.deepEqual(verbatimTokens('It’s Tommy’s, isn’t it? Rock ’n’ roll.'), [[]]);
});

test('a parenthetical citation right after a quotation: MLA author and page', () => {
  const MLA = 'meta.citation.parenthetical.verbatim.markdown';
  assert.deepEqual(verbatimTokens('As “they prove we have souls” (Ishiguro 73). But (1995) alone is not.'), [
    [
      ['“', `${S2} ${OPEN}`],
      ['they prove we have souls', S2],
      ['”', `${S2} ${CLOSE}`],
      ['(', MLA],
      ['Ishiguro', `${MLA} constant.other.reference.citation.verbatim.markdown`],
      [' ', MLA],
      ['73', `${MLA} constant.numeric.page.verbatim.markdown`],
      [')', MLA],
    ],
  ]);
  assert.deepEqual(verbatimTokens('She said "we were told" (pp. 12–14).')[0].slice(3), [
    ['(', MLA],
    ['pp. 12–14', `${MLA} constant.numeric.page.verbatim.markdown`],
    [')', MLA],
  ]);
});

test('Pandoc citations: keys scoped, locators and prefixes inside', () => {
  const P = 'meta.citation.pandoc.verbatim.markdown';
  const KEY = `${P} constant.other.reference.citation.verbatim.markdown`;
  const AT = `${P} punctuation.definition.citation-key.verbatim.markdown`;
  assert.deepEqual(verbatimTokens('“Never let me go” [@ishiguro2005, p. 3] and [see @doe:99, pp. 33-35; -@smith].'), [
    [
      ['“', `${S2} ${OPEN}`],
      ['Never let me go', S2],
      ['”', `${S2} ${CLOSE}`],
      ['[', `${P} punctuation.definition.citation.begin.verbatim.markdown`],
      ['@', AT],
      ['ishiguro2005', KEY],
      [', p. 3', P],
      [']', `${P} punctuation.definition.citation.end.verbatim.markdown`],
      ['[', `${P} punctuation.definition.citation.begin.verbatim.markdown`],
      ['see ', P],
      ['@', AT],
      ['doe:99', KEY],
      [', pp. 33-35; ', P],
      ['-@', AT],
      ['smith', KEY],
      [']', `${P} punctuation.definition.citation.end.verbatim.markdown`],
    ],
  ]);
  // An e-mail address or a plain link reference is no citation.
  assert.deepEqual(verbatimTokens('Write to [kathy@hailsham.uk] or see [the review].'), [[]]);
});

test('code, inline code and link destinations are never scoped', () => {
  assert.deepEqual(verbatimTokens(['`“not a quote”` and [a](https://x.org/“y”)', '', '```', '“inside a fence”', '```'].join('\n')), [[], [], [], [], []]);
});

test('a quotation wrapped over lines is scoped on its first line, and an unclosed mark stops at the paragraph', () => {
  assert.deepEqual(verbatimTokens('Kathy: “My name is Kathy H.\nI’m thirty-one years old.”\n\nNext paragraph.'), [
    [
      ['“', `${S2} ${OPEN}`],
      ['My name is Kathy H.', S2],
    ],
    [],
    [],
    [],
  ]);
});
