// The Markdown files of the workspace folders, for workspace-wide checks and
// references: a bounded walk that skips hidden folders and node_modules.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export const MAX_WORKSPACE_FILES = 2000;
const SKIPPED_DIRS = new Set(['node_modules']);

export interface MarkdownFiles {
  paths: string[];
  /** Files left out past the limit. */
  skipped: number;
}

export function markdownFiles(folders: readonly string[], limit = MAX_WORKSPACE_FILES): MarkdownFiles {
  const paths: string[] = [];
  let skipped = 0;
  const queue = [...folders];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const dir = queue.shift()!;
    if (seen.has(dir)) continue;
    seen.add(dir);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue; // unreadable folder: the others still count
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const path = join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIPPED_DIRS.has(e.name)) queue.push(path);
      } else if (e.isFile() && /\.(md|markdown)$/i.test(e.name)) {
        if (paths.length < limit) paths.push(path);
        else skipped++;
      }
    }
  }
  return { paths, skipped };
}
