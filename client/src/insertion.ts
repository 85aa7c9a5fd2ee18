// What "Insert Quotation…" types at the cursor: the passage in quotation
// marks, or only the wording and the closing mark when the cursor already
// stands after an opening mark. Pure, so it is unit-tested without VS Code.

const CLOSING: Record<string, string> = { '“': '”', '‘': '’', '"': '"' };

/** `before`/`after`: the text of the cursor's line before and after it. */
export function quotationInsertion(before: string, after: string, wording: string): string {
  const last = before.slice(-1);
  const straightOpens = last === '"' && (before.match(/"/g) ?? []).length % 2 === 1;
  if (last === '“' || last === '‘' || straightOpens) {
    const close = CLOSING[last];
    return after.startsWith(close) ? wording : wording + close;
  }
  return `“${wording}”`;
}
