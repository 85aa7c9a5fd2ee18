// The documentation of each diagnostic code, as a file the extension ships (server/out/rules.md):
// written at build time from the README's table of diagnostic codes, so the two never differ. Each
// diagnostic's codeDescription.href points at its code's heading there (server/src/node/ruleDocs.ts).
import { readFileSync, writeFileSync } from 'node:fs';

/** The rows of the README's "Diagnostic codes" table: code, default severity, meaning (Markdown). */
export function codeRows(readme) {
  const start = readme.indexOf('### Diagnostic codes');
  if (start < 0) throw new Error('README.md has no "### Diagnostic codes" section');
  const rows = [];
  for (const line of readme.slice(start).split('\n').slice(1)) {
    if (line.startsWith('#')) break;
    const m = /^\| `([a-z][a-z-]*)` \| ([^|]+) \| (.*) \|$/.exec(line);
    if (m) rows.push({ code: m[1], severity: m[2].trim(), meaning: m[3].trim() });
  }
  return rows;
}

/** rules.md: one `## \`code\`` heading per code. Links into the README's own sections become plain text. */
export function rulesDoc(readme) {
  const out = [
    '# Verbatim: diagnostic codes',
    '',
    'Every diagnostic Verbatim reports has `source: "verbatim"` and one of these codes. (Written from the README when the extension is built.)',
  ];
  for (const row of codeRows(readme)) {
    out.push('', `## \`${row.code}\``, '', `Default severity: ${row.severity}.`, '', row.meaning.replace(/\[([^\]]+)\]\(#[^)]*\)/g, '$1'));
  }
  return out.join('\n') + '\n';
}

export function writeRulesDoc(readmePath = 'README.md', out = 'server/out/rules.md') {
  writeFileSync(out, rulesDoc(readFileSync(readmePath, 'utf8')));
}
