import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { makeEpub, makePdf } from '../helpers/books';

const CLI = resolve(__dirname, '../../../server/out/cli.js');
const CLIPPINGS = resolve(__dirname, '../../../test/fixtures/books/My Clippings.txt');
const dir = mkdtempSync(join(tmpdir(), 'verbatim-books-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, VERBATIM_CACHE_DIR: 'off' } });

test('verbatim check reads a PDF, an EPUB and Kindle clippings; wrong pages and chapters are flagged, a scan is named', () => {
  const line = (text: string, y: number, x = 60) => ({ text, x, y });
  writeFileSync(
    join(dir, 'frankenstein.pdf'),
    makePdf(
      [
        [line('x', 660), line('The event on which this fiction is founded has been supposed by some.', 600, 75)],
        [line('20 Letter IV', 660), line('I once had a friend, the most noble of human creatures, and am', 600, 75), line('entitled, therefore, to judge respecting friendship.', 586)],
      ],
      { pageLabels: '<< /Nums [0 << /S /r /St 10 >> 1 << /S /D /St 20 >>] >>', author: 'Mary Shelley', title: 'Frankenstein' },
    ),
  );
  writeFileSync(
    join(dir, 'pp.epub'),
    makeEpub([{ file: 'c3.xhtml', title: 'Chapter 3', body: '<h1>Chapter 3</h1><p>She is tolerable; but not handsome enough to tempt me.</p>' }], { title: 'Pride and Prejudice', author: 'Jane Austen', date: '1813' }),
  );
  copyFileSync(CLIPPINGS, join(dir, 'clips.txt'));
  writeFileSync(join(dir, 'scan.pdf'), makePdf([[]]));
  writeFileSync(
    join(dir, '.verbatim.json'),
    JSON.stringify({ corpora: [{ path: 'frankenstein.pdf' }, { path: 'pp.epub' }, { path: 'clips.txt', title: 'Frankenstein' }, { path: 'scan.pdf' }], rules: { 'unverified-quote': 'off' } }),
  );
  writeFileSync(
    join(dir, 'essay.md'),
    [
      'He had “the most noble of human creatures” for a friend (Shelley 20).',
      '',
      'Yet “the most noble of human creatures” is also cited (Shelley 21).',
      '',
      'Darcy finds her “tolerable; but not handsome enough to tempt me” (Austen ch. 3).',
      '',
      'Or rather “tolerable; but not handsome enough to tempt me” (Austen ch. 4).',
      '',
      'The monster pleads, “I ought to be thy Adam; but I am rather the fallen angel” (Shelley 61).',
    ].join('\n'),
  );
  const r = run(['check', 'essay.md']);
  // The scan is a corpus that could not be read: the essay is still checked against the others, and the run exits 2.
  assert.equal(r.status, 2, r.stderr);
  assert.equal(
    r.stdout.split('\n').filter((l) => l.startsWith('essay.md:')).join('\n'),
    [
      'essay.md:3:5 warning wrong-locator Cited page 21, but these words are on page 20 of Frankenstein',
      'essay.md:7:11 warning wrong-locator Cited chapter 4, but these words are in chapter 3 of Pride and Prejudice',
    ].join('\n'),
  );
  assert.equal(r.stderr.trim(), `verbatim: Corpus ${join(dir, 'scan.pdf')} has no text: it is a scan (run it through OCR first)`);
});
