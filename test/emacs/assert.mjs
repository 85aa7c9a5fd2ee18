// Compares what Emacs + eglot got from the language server (the JSON test/emacs/check.el wrote)
// with test/fixtures/expected-diagnostics.json. Usage: node test/emacs/assert.mjs <result.json>
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const got = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const expected = JSON.parse(readFileSync(path.join(root, 'test/fixtures/expected-diagnostics.json'), 'utf8'))['essay.md'];
const lines = readFileSync(path.join(root, 'test/fixtures/workspace/essay.md'), 'utf8').split('\n');
// flymake's types for eglot's diagnostics, by LSP severity.
const TYPE = { Error: 'eglot-error', Warning: 'eglot-warning', Information: 'eglot-note', Hint: 'eglot-note' };

let checks = 0;
function check(name, fn) {
  fn();
  checks++;
  console.log(`  ok  ${name}`);
}

assert.equal(got.error, undefined, `check.el failed: ${got.error}`);
console.log(`Emacs ${got.emacs}, server ${got.server}`);

check('flymake shows exactly the expected diagnostics, each over the text of its LSP range', () => {
  assert.deepEqual(
    got.diagnostics,
    expected.diagnostics.map((d) => ({
      line: d.range[0] + 1,
      // LSP ranges are UTF-16 columns, as JavaScript strings count; Emacs counts characters.
      text: lines[d.range[0]].slice(d.range[1], d.range[3]),
      type: TYPE[d.severity],
      message: `${d.source} [${d.code}]: ${d.message}`,
    })),
  );
});

check('the hover is plaintext (eglot asked for nothing else) and starts with the verdict', () => {
  assert.equal(got.hover_kind, 'plaintext');
  assert.ok(got.hover.startsWith(expected.hover.startsWith.replace(/\*\*/g, '')), `hover was:\n${got.hover}`);
  assert.doesNotMatch(got.hover, /\*\*|`|^>/m);
});

check('completion without snippets: candidates for “there wre no, and the chosen one inserts the exact wording, mark and citation', () => {
  assert.ok(got.completions >= 1, `${got.completions} candidates`);
  assert.equal(got.completed_line, 'Miss Emily says, “There were no deferrals. There never were. It was all just a rumor” (Ishiguro)');
});

const fix = expected.quickFixes.find((f) => f.code === 'misattribution');
check(`eglot-code-actions on the misattribution's line offers its fix and Update Works Cited, and "${fix.actions[0].title}" applies`, () => {
  assert.deepEqual(got.offered, [...fix.actions.map((a) => a.title), 'Update Works Cited']);
  assert.equal(got.fixed_line, fix.actions[0].fixedLine);
});

check('M-x eglot-code-actions → "Update Works Cited" writes the list of the sources quoted', () => {
  assert.equal(got.works_cited, '\n\n## Works Cited\n\nAusten, Jane. *Pride and Prejudice*.\n\nIshiguro, Kazuo. *Never Let Me Go*. 2005.\n\n');
});

check('eglot-execute-command "verbatim.checkWorkspace" checks the essay (the misattribution fixed by then)', () => {
  assert.deepEqual(got.check_workspace, { files: 1, flagged: 2 });
});

check('eglot warned about nothing: no unsupported registration, no unknown notification', () => {
  assert.doesNotMatch(got.messages, /unsupported capability|unknown notification/i, got.messages);
});
assert.equal(got.done, true);
console.log(`Emacs eglot check passed (${checks} checks)`);
