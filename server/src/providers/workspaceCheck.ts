// `verbatim.checkWorkspace`: checks every Markdown file in the workspace
// folders and publishes the diagnostics of those not open (open ones already
// have theirs, for the text in the editor).

import { flaggedQuotations } from '../engine/check';
import type { CancellationToken } from 'vscode-languageserver';
import type { CheckWorkspaceResult } from '../protocol';
import type { Workspaces } from '../service/workspace';
import type { DiagnosticsProvider } from './diagnostics';
import type { WorkspaceQuotations } from './workspaceQuotations';

export async function checkWorkspace(files: WorkspaceQuotations, diagnostics: DiagnosticsProvider, workspaces: Workspaces, token?: CancellationToken): Promise<CheckWorkspaceResult> {
  const result: CheckWorkspaceResult = { files: 0, quotations: 0, flagged: 0, skipped: 0 };
  for await (const file of files.all()) {
    // Cancelled: stop reading and checking files (the request is answered RequestCancelled).
    if (token?.isCancellationRequested) break;
    // Open documents count only if they belong to a workspace folder.
    const path = workspaces.uriToPath(file.doc.uri);
    if (file.open && !(path && workspaces.folderOf(path))) continue;
    result.files++;
    result.quotations += file.checked.result.quotations.filter((q) => q.match.verdict !== 'short').length;
    result.flagged += flaggedQuotations(file.checked.result.findings);
    if (!file.open) await diagnostics.publishUnopened(file.doc, file.checked);
  }
  result.skipped = files.skipped();
  return result;
}

export function describeWorkspaceCheck(r: CheckWorkspaceResult): string {
  const essays = `${r.files} ${r.files === 1 ? 'essay' : 'essays'}`;
  const skipped = r.skipped > 0 ? ` (${r.skipped} more files not checked: over the limit)` : '';
  return `Verbatim: ${r.quotations} quotations checked in ${essays}: ${r.flagged} flagged${skipped}`;
}
