// An essay's bytes as text, for the CLI and the remark plugin: UTF-8 (with or
// without a byte-order mark) or UTF-16 LE/BE with its byte-order mark. Anything
// else is a problem to report, never a silent "0 quotations". Pure.

export type Decoded = { text: string } | { problem: string };

/** The largest number of bytes an essay of `maxChars` UTF-16 code units can take (3 UTF-8 bytes per unit, plus a BOM). */
export function maxBytesFor(maxChars: number): number {
  return maxChars * 3 + 3;
}

export function decodeEssay(bytes: Uint8Array): Decoded {
  let text: string;
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le', { fatal: true }).decode(bytes);
    else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be', { fatal: true }).decode(bytes);
    // The decoder drops a UTF-8 byte-order mark.
    else text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { problem: 'it is not UTF-8 text (nor UTF-16 with a byte-order mark)' };
  }
  // UTF-16 without a byte-order mark, or a binary file, that happens to decode.
  if (text.includes('\u0000')) return { problem: 'it is not a text file (it contains NUL bytes; UTF-16 needs a byte-order mark)' };
  return { text };
}

export function tooLargeMessage(maxChars: number, option: string): string {
  return `it is larger than the maximum file size (${maxChars} characters; see ${option})`;
}

/**
 * For text someone else already decoded as UTF-8 with replacement (remark-cli
 * does): what went wrong, when that is clear. UTF-16's byte-order mark becomes
 * two U+FFFD and its ASCII letters come with NULs.
 */
export function problemInDecoded(text: string): string | undefined {
  if (!text.includes('\u0000')) return undefined;
  if (text.startsWith('\uFFFD\uFFFD')) return 'it is UTF-16 text, which was read as UTF-8 (save it as UTF-8)';
  return 'it is not a text file (it contains NUL bytes)';
}
