// Word essays (.docx): their text through mammoth, one paragraph per line
// (table cells are paragraphs too), so that a finding's line is its paragraph
// and its column the character in it. Nothing in the file is run or fetched:
// mammoth reads the document's XML from the zip and returns its text.

import mammoth from 'mammoth';
import type { Decoded } from './essayText';

export async function docxText(bytes: Uint8Array): Promise<Decoded> {
  let raw: string;
  try {
    raw = (await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) })).value;
  } catch (e) {
    // The zip reader's first clause says what is wrong; the rest is its advice to programmers.
    return { problem: `it is not a Word document that can be read (${(e as Error).message.split(/\s*[:;]\s/)[0]})` };
  }
  // mammoth ends every paragraph with a blank line; a line break inside one is a space here.
  const paragraphs = raw
    .split(/\n\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter((p) => p.length > 0);
  return { text: paragraphs.join('\n') };
}
