// SARIF 2.1.0 for code-scanning tools (GitHub, Azure DevOps, VS Code's SARIF
// viewer). Paths are relative to %SRCROOT%, the working directory; columns are
// UTF-16 code units, SARIF's default, like the engine's offsets.

import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { RULES } from '../../engine/rules';
import type { Severity } from '../../engine/types';
import { groupTotals, type EssayReport } from '../summary';

const LEVEL: Record<Severity, Sarif.Result.level> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export function sarifLog(essays: readonly EssayReport[], cwd: string): Sarif.Log {
  const rules: Sarif.ReportingDescriptor[] = RULES.map((r) => ({
    id: r.code,
    shortDescription: { text: r.description },
    defaultConfiguration: { level: LEVEL[r.severity], enabled: !r.optional },
  }));
  const results: Sarif.Result[] = [];
  for (const e of essays) {
    const artifactLocation: Sarif.ArtifactLocation = { uri: encodeURI(e.path), uriBaseId: 'SRCROOT' };
    for (const f of e.findings) {
      const index = RULES.findIndex((r) => r.code === f.code);
      const result: Sarif.Result = {
        ruleId: f.code,
        ...(index >= 0 ? { ruleIndex: index } : {}),
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation, region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn } } }],
      };
      // Every fix the editor offers, as SARIF replacements on the essay's character offsets.
      if (f.fixes?.length) {
        result.fixes = f.fixes.map((fix) => ({
          description: { text: fix.title },
          artifactChanges: [{ artifactLocation, replacements: fix.edits.map((e) => ({ deletedRegion: { charOffset: e.start, charLength: e.end - e.start }, insertedContent: { text: e.newText } })) }],
        }));
      }
      const d = f.data;
      if (d?.passageId) result.properties = { passage: d.passageId, corpus: d.corpus, sourceText: d.source, ...(d.words !== undefined ? { words: d.words, citation: d.citation } : {}) };
      results.push(result);
    }
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'verbatim', rules } },
        originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(cwd.endsWith('/') ? cwd : cwd + '/').href } },
        // Each essay's borrowed words in the four groups (quoted and cited, quoted, cited, neither).
        artifacts: essays.map((e) => ({ location: { uri: encodeURI(e.path), uriBaseId: 'SRCROOT' }, mimeType: 'text/markdown', properties: { groups: e.groups } })),
        properties: { groups: groupTotals(essays) },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

export function formatSarif(essays: readonly EssayReport[], cwd: string): string {
  return JSON.stringify(sarifLog(essays, cwd), null, 2) + '\n';
}
