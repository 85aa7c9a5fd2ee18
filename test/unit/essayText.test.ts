import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeEssay, maxBytesFor, problemInDecoded } from '../../server/src/report/essayText';

const NOT_UTF8 = { problem: 'it is not UTF-8 text (nor UTF-16 with a byte-order mark)' };
const NUL = { problem: 'it is not a text file (it contains NUL bytes; UTF-16 needs a byte-order mark)' };

test('decodeEssay: UTF-8 with or without a BOM, UTF-16 LE and BE by their BOM; the BOM is dropped', () => {
  const text = 'Kathy: “My name is Kathy H.” — 𝒜\n';
  assert.deepEqual(decodeEssay(Buffer.from(text)), { text });
  assert.deepEqual(decodeEssay(Buffer.from('\uFEFF' + text)), { text });
  const le = Buffer.from('\uFEFF' + text, 'utf16le');
  assert.deepEqual(decodeEssay(le), { text });
  assert.deepEqual(decodeEssay(Buffer.from(le).swap16()), { text });
  assert.deepEqual(decodeEssay(new Uint8Array(0)), { text: '' });
});

test('decodeEssay: invalid UTF-8, a cut UTF-16 file, a lone surrogate and NUL bytes are problems', () => {
  assert.deepEqual(decodeEssay(Buffer.from([0x63, 0x61, 0x66, 0xe9])), NOT_UTF8);
  assert.deepEqual(decodeEssay(Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x42])), NOT_UTF8);
  assert.deepEqual(decodeEssay(Buffer.from([0xff, 0xfe, 0x3d, 0xd8, 0x41, 0x00])), NOT_UTF8);
  assert.deepEqual(decodeEssay(Buffer.from('ab', 'utf16le')), NUL);
  assert.deepEqual(decodeEssay(Buffer.from('a\u0000b')), NUL);
});

test('maxBytesFor: three UTF-8 bytes per UTF-16 code unit at most, plus a BOM', () => {
  assert.equal(maxBytesFor(1), 6);
  assert.equal(Buffer.byteLength('\uFEFF' + '€'.repeat(10)), maxBytesFor(10));
  assert.ok(Buffer.byteLength('𝒜'.repeat(10)) < maxBytesFor('𝒜'.repeat(10).length));
});

test('problemInDecoded: what UTF-16 and binary files look like once read as UTF-8 by someone else', () => {
  const asUtf8 = (b: Buffer) => b.toString('utf8');
  assert.equal(problemInDecoded(asUtf8(Buffer.from('\uFEFFessay', 'utf16le'))), 'it is UTF-16 text, which was read as UTF-8 (save it as UTF-8)');
  assert.equal(problemInDecoded(asUtf8(Buffer.from('essay', 'utf16le'))), 'it is not a text file (it contains NUL bytes)');
  assert.equal(problemInDecoded('an ordinary essay with � in it'), undefined);
});
