// Runs the real built CLI (server/out/cli.js) in a folder, with an environment
// the test chooses: CI is removed unless the test sets it, so that a run under
// CI=true tests the same thing as one outside CI.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../../..');
export const CLI = join(ROOT, 'server/out/cli.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function cli(args: string[], cwd: string, options: { env?: Record<string, string>; input?: string | Uint8Array } = {}): CliRun {
  const env: Record<string, string | undefined> = { ...process.env, ...options.env };
  if (!options.env || !('CI' in options.env)) delete env.CI;
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, env, input: options.input ?? '', encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A temporary folder (real path, so that messages naming it are exact) with these files. */
export function folder(files: Record<string, string | Uint8Array>): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'verbatim-cli-')));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), content);
  }
  return root;
}
