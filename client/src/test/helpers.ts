// Shared by the integration tests: the fixture workspace, and waiting for the
// language server's diagnostics through VS Code's own event (never a fixed sleep).

import * as vscode from 'vscode';

export const EXTENSION_ID = 'verbatim.verbatim';

export function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the tests need the fixture workspace (test/fixtures/workspace) open');
  return folder.uri;
}

export function fixture(...segments: string[]): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder(), ...segments);
}

/**
 * Resolves with the diagnostics of `uri` once `accept` says they are the ones awaited: at once
 * if they already are, else on the onDidChangeDiagnostics event that makes them so. The mocha
 * timeout bounds the wait; `describe` names what was awaited when it never comes.
 */
export function diagnosticsWhen(
  uri: vscode.Uri,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  describe: string,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve) => {
    const key = uri.toString();
    const check = (): boolean => {
      const current = vscode.languages.getDiagnostics(uri);
      if (!accept(current)) return false;
      subscription.dispose();
      resolve(current);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === key)) check();
    });
    if (!check()) console.log(`  (waiting for diagnostics: ${describe})`);
  });
}

/** Only the diagnostics this extension publishes. */
export function ours(diagnostics: readonly vscode.Diagnostic[]): vscode.Diagnostic[] {
  return diagnostics.filter((d) => d.source === 'verbatim');
}

/** A diagnostic reduced to what the tests compare: code, severity and the range as [line, character, line, character]. */
export function summary(d: vscode.Diagnostic): { code: string; severity: string; range: [number, number, number, number] } {
  const code = typeof d.code === 'object' ? String(d.code.value) : String(d.code);
  return {
    code,
    severity: vscode.DiagnosticSeverity[d.severity],
    range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
  };
}

/** The markdown of a hover's contents, joined. */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n---\n');
}
