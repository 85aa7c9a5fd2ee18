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
        // Austen's words credited to another work's key (wrong-source).
        'broken-essay.md:5:1 warning wrong-source These words are from Pride and Prejudice (Austen), not [@bronte1847]',
      ].join('\n'),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
