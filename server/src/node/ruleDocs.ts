// Where each diagnostic code is documented: the rules.md shipped beside the server bundle
// (scripts/rulesDoc.mjs writes it at build time), as a file: URI VS Code opens at the code's
// heading (`#L<line>`: VS Code's opener selects that line; a Markdown heading anchor it would ignore).
// Absent when the file is not there (a bundle without it, another front end): no link rather than a dead one.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** code → href, read once from `<dir>/rules.md`; undefined when there is no such file. */
export function ruleDocs(dir: string): ((code: string) => string | undefined) | undefined {
  const file = join(dir, 'rules.md');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const href = pathToFileURL(file).href;
  const lines = new Map<string, number>();
  text.split('\n').forEach((line, i) => {
    const m = /^## `([a-z][a-z-]*)`$/.exec(line);
    if (m) lines.set(m[1], i + 1);
  });
  return (code) => {
    const line = lines.get(code);
    return line === undefined ? undefined : `${href}#L${line}`;
  };
}
