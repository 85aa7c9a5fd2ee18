// Text from a corpus, a config or an essay put into hover and completion
// Markdown: it must read as the literal text it is. A corpus is often someone
// else's file, and its passages, titles and speakers could otherwise make
// links (`[x](command:…)`), images, raw HTML, or a line that looks like a verdict.

import type { PhrasingContent, RootContent } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

// Every ASCII character that can start or end inline markup (emphasis, code,
// links, images, autolinks, HTML, entities, strikethrough, tables). CommonMark
// lets a backslash escape any ASCII punctuation, so each stays a plain character.
const INLINE = /[\\`*_[\]<>&~|]/g;
// What only counts at the start of a line: headings, list items, setext and thematic rules.
const LINE_START = /^(?:[#+=-]|\d{1,9}(?=[.)]))/;

/** Inline markup characters escaped, whitespace kept as it is (for text shown in pieces). */
export function escapeInline(text: string): string {
  return text.replace(INLINE, '\\$&');
}

/** `text` as literal Markdown on one line: whitespace runs (line breaks too) become single spaces, markup is escaped. */
export function literal(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim().replace(INLINE, '\\$&');
  // "1. x" becomes "1\. x"; "# x" becomes "\# x".
  return flat.replace(LINE_START, (m) => (/\d/.test(m) ? m + '\\' : '\\' + m));
}

/** `text` as an inline code span, whatever backticks it holds: the fence is one backtick longer than its longest run. */
export function codeSpan(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  // A span that starts or ends with a backtick (or a space) needs a space inside the fence, which the renderer strips.
  const pad = /^[` ]|[` ]$/.test(flat) ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/**
 * Our hover and completion Markdown as plain text, for a client that asked for plaintext (eglot
 * without markdown-mode, ALE): parsed with remark (so escapes and emphasis read as what they
 * mean), blocks separated by blank lines, a quoted passage indented.
 */
export function plainText(markdown: string): string {
  const root = PARSER.parse(markdown);
  return root.children.map((node) => block(node)).filter((b) => b !== '').join('\n\n');
}

// Built once: a frozen processor keeps no state between parses.
const PARSER = unified().use(remarkParse).freeze();

function block(node: RootContent): string {
  if (node.type === 'blockquote') return node.children.map(block).join('\n\n').split('\n').map((l) => `  ${l}`).join('\n');
  if (node.type === 'paragraph') return node.children.map(inline).join('');
  return 'children' in node ? node.children.map((c) => block(c as RootContent)).join('\n') : 'value' in node ? String(node.value) : '';
}

function inline(node: PhrasingContent): string {
  if (node.type === 'text' || node.type === 'inlineCode' || node.type === 'html') return node.value;
  if (node.type === 'break') return '\n';
  return 'children' in node ? node.children.map((c) => inline(c as PhrasingContent)).join('') : '';
}
