import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { markdownFiles } from '../../server/src/node/workspaceFiles';

test('markdownFiles: .md and .markdown files, breadth first and sorted, hidden folders and node_modules skipped, bounded', () => {
  const root = mkdtempSync(join(tmpdir(), 'verbatim-files-'));
  for (const dir of ['sub', 'node_modules', '.git', 'sub/deeper']) mkdirSync(join(root, dir));
  for (const f of ['b.md', 'a.markdown', 'notes.txt', 'sub/c.md', 'sub/deeper/d.MD', 'node_modules/x.md', '.git/y.md', '.hidden.md']) writeFileSync(join(root, f), '# x\n');
  assert.deepEqual(markdownFiles([root]), {
    paths: ['a.markdown', 'b.md', 'sub/c.md', 'sub/deeper/d.MD'].map((f) => join(root, f)),
    skipped: 0,
  });
  assert.deepEqual(markdownFiles([root], 2), { paths: ['a.markdown', 'b.md'].map((f) => join(root, f)), skipped: 2 });
  assert.deepEqual(markdownFiles([join(root, 'missing')]), { paths: [], skipped: 0 });
});
