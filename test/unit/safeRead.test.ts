import assert from 'node:assert/strict';
import { closeSync, fstatSync, mkdirSync, mkdtempSync, openSync, rmSync, symlinkSync, writeFileSync, type Stats } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openRegular, readOpened, readRegularFile } from '../../server/src/node/safeRead';

const dir = mkdtempSync(join(tmpdir(), 'verbatim-safe-read-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a regular file, or a symlink to one, is read whole; the handle\'s stats come with it', () => {
  writeFileSync(join(dir, 'book.txt'), 'Reader, I married him.');
  symlinkSync(join(dir, 'book.txt'), join(dir, 'link.txt'));
  for (const name of ['book.txt', 'link.txt']) {
    const r = readRegularFile(join(dir, name), { maxBytes: 100 });
    assert.ok('bytes' in r);
    assert.equal(r.bytes.toString(), 'Reader, I married him.');
    assert.equal(r.stat.size, 22);
  }
});

test('missing, a folder, over the limit, a link where none may be: refused with the reason', () => {
  mkdirSync(join(dir, 'folder'));
  writeFileSync(join(dir, 'big.txt'), 'x'.repeat(2048));
  symlinkSync(join(dir, 'big.txt'), join(dir, 'big-link.txt'));
  assert.deepEqual(readRegularFile(join(dir, 'nothing.txt'), { maxBytes: 100 }), { kind: 'missing', reason: 'does not exist' });
  assert.deepEqual(readRegularFile(join(dir, 'folder'), { maxBytes: 100 }), { kind: 'folder', reason: 'is a folder, not a file' });
  assert.deepEqual(readRegularFile(join(dir, 'big.txt'), { maxBytes: 1024 }), { kind: 'too-large', reason: 'is too large (2.0 KB; the limit is 1 KB)' });
  assert.deepEqual(readRegularFile(join(dir, 'big-link.txt'), { maxBytes: 4096, noFollow: true }), { kind: 'link', reason: 'is a symbolic link' });
  assert.deepEqual(readRegularFile('/dev/zero', { maxBytes: 4096 }), { kind: 'special', reason: 'is a character device, not a regular file' });
});

test('a file larger than its stats said (grown since, or /proc-like) is read to its end, never past the limit', () => {
  writeFileSync(join(dir, 'grown.txt'), 'y'.repeat(200_000));
  const fd = openSync(join(dir, 'grown.txt'), 'r');
  try {
    const stat = { ...fstatSync(fd), size: 10 } as Stats;
    const all = readOpened({ fd, stat }, 1_000_000);
    assert.ok(Buffer.isBuffer(all) && all.length === 200_000);
  } finally {
    closeSync(fd);
  }
  const opened = openRegular(join(dir, 'grown.txt'), { maxBytes: 1_000_000 });
  assert.ok('fd' in opened);
  try {
    assert.deepEqual(readOpened({ fd: opened.fd, stat: { ...opened.stat, size: 10 } as typeof opened.stat }, 150_000), {
      kind: 'too-large',
      reason: 'is too large (more than the limit of 146 KB)',
    });
  } finally {
    closeSync(opened.fd);
  }
});
