// `verbatim check` reads the bibliography an essay's front matter names, as the server does.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

const CLI = resolve(__dirname, '../../../server/out/cli.js');
const FIXTURE = resolve(__dirname, '../../../test/fixtures/bibliography');

test('check: unknown-citation-key and a broken .bib named by the front matter', () => {
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-bib-'));
  try {
    cpSync(FIXTURE, dir, { recursive: true });
    const ok = spawnSync(process.execPath, [CLI, 'check', 'essay.md', '--format', 'json'], { cwd: dir, encoding: 'utf8' });
    assert.equal(ok.status, 1);
    const report = JSON.parse(ok.stdout) as { files: { findings: { code: string; line: number; column: number; message: string }[] }[] };
    assert.deepEqual(
      report.files[0].findings.map((d) => [d.code, d.line, d.column, d.message]),
      [['unknown-citation-key', 8, 42, 'Unknown citation key @austen1831: the bibliography has no such entry; did you mean @austen1813?']],
    );
    writeFileSync(join(dir, 'broken-essay.md'), '---\nbibliography: broken.bib\n---\n\n"It is a truth universally acknowledged" [@bronte1847].\n');
    const broken = spawnSync(process.execPath, [CLI, 'check', 'broken-essay.md'], { cwd: dir, encoding: 'utf8' });
    assert.equal(
      broken.stdout.split('\n').filter((l) => l.startsWith('broken-essay.md:')).join('\n'),
      [
        'broken-essay.md:2:15 warning bibliography-problem Bibliography broken.bib, line 7: duplicate key "austen1813" (first defined on line 1); the first entry is used',
        'broken-essay.md:2:15 warning bibliography-problem Bibliography broken.bib, line 13: entry not closed: a "{" in it has no matching "}"',
        // Austen's words credited to another work's key (wrong-source), the entry it names given.
        'broken-essay.md:5:1 warning wrong-source These words are from Pride and Prejudice (Austen), not [@bronte1847] (Jane Eyre)',
      ].join('\n'),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("check --format json: a fix that adds a citation cites in the config's style, as the essay's bibliography entry says", () => {
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-bib-'));
  try {
    cpSync(FIXTURE, dir, { recursive: true });
    const config = (style: string) =>
      writeFileSync(join(dir, '.verbatim.json'), JSON.stringify({ corpora: [{ path: 'pride-and-prejudice-ch1.txt', title: 'Pride and Prejudice', author: 'Jane Austen' }], citationStyle: style, rules: { 'missing-citation': 'warning' } }));
    writeFileSync(join(dir, 'uncited.md'), '---\nbibliography: refs.bib\n---\n\nShe opens: "It is a truth universally acknowledged, that a single man in possession of a good fortune must be in want of a wife".\n');
    const fixes = () => {
      const r = spawnSync(process.execPath, [CLI, 'check', 'uncited.md', '--format', 'json'], { cwd: dir, encoding: 'utf8' });
      const report = JSON.parse(r.stdout) as { files: { findings: { code: string; fixes?: { title: string }[] }[] }[] };
      return report.files[0].findings.map((f) => [f.code, f.fixes?.map((x) => x.title)]);
    };
    // The corpus has no year: the entry it is linked to (by title and author) gives 1813.
    config('apa');
    assert.deepEqual(fixes(), [['missing-citation', ['Add a citation: (Austen, 1813, Chapter 1)']]]);
    config('pandoc');
    assert.deepEqual(fixes(), [['missing-citation', ['Add a citation: [@austen1813, chap. 1]']]]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
