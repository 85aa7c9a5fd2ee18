// What the security tests share: throwaway users (as root, as in CI), a forged
// V8 code cache that would write a marker file if it ever ran, and deadlines, so
// that a hang fails the test that hangs instead of the whole run.

import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { codeCacheKey, writeCodeCache } from '../../server/src/node/codeCache';
import { SERVER, startServer, type Session, type StartOptions } from '../helpers/lspClient';

export const BUNDLE = join(dirname(SERVER), 'server-main.js');
export const CLI = resolve(__dirname, '../../../server/out/cli.js');
export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** A folder anyone may write into, like /tmp (sticky), for the attacker and the victim to share. */
export function sharedTemp(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o1777);
  return dir;
}

export interface User {
  name: string;
  uid: number;
  gid: number;
}

/** A throwaway user with no home (root only); removed by `removeUser`. */
export function createUser(name: string): User {
  const made = spawnSync('useradd', ['--no-create-home', '--shell', '/bin/sh', '--user-group', name], { encoding: 'utf8' });
  assert.equal(made.status, 0, `useradd ${name}: ${made.stderr}`);
  const id = (flag: string) => Number(spawnSync('id', [flag, name], { encoding: 'utf8' }).stdout.trim());
  return { name, uid: id('-u'), gid: id('-g') };
}

export function removeUser(user: User): void {
  spawnSync('userdel', [user.name]);
}

/** The argv prefix that runs a command as `user`, with no extra groups. */
export function runAs(user: User): string[] {
  return ['setpriv', `--reuid=${user.uid}`, `--regid=${user.gid}`, '--clear-groups', '--'];
}

/** Runs a shell script as `user` (the attacker's moves are plain shell). */
export function shellAs(user: User, script: string): SpawnSyncReturns<string> {
  const [command, ...args] = runAs(user);
  return spawnSync(command, [...args, '/bin/sh', '-c', script], { encoding: 'utf8', timeout: 10_000 });
}

/**
 * A code cache entry for the real server bundle, valid in every way the loader can see (magic,
 * key, SHA-256) but compiled from a script of the same length that writes `marker` and exits.
 * V8 checks only the source's length and flags, so if it were ever loaded, it would run.
 */
export function forgedCodeCache(marker: string): Buffer {
  const staging = mkdtempSync(join(tmpdir(), 'verbatim-forge-'));
  try {
    const data = join(staging, 'data.bin');
    // Compiled with the server's V8 flags (they are part of V8's check): none on the command line,
    // and the heap growth its loader sets (server/src/node/heap.ts).
    const made = spawnSync(
      process.execPath,
      [
        '-e',
        `require('node:v8').setFlagsFromString('--heap-growing-percent=15');
         const { Script } = require('node:vm'); const Module = require('node:module'); const fs = require('node:fs');
         const length = fs.readFileSync(${JSON.stringify(BUNDLE)}, 'utf8').length;
         let evil = "require('node:fs').writeFileSync(" + JSON.stringify(${JSON.stringify(marker)}) + ", 'forged code ran as uid ' + process.getuid()); process.exit(0);";
         evil += '//' + ' '.repeat(length - evil.length - 2);
         fs.writeFileSync(${JSON.stringify(data)}, new Script(Module.wrap(evil)).createCachedData());`,
      ],
      { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } },
    );
    assert.equal(made.status, 0, made.stderr);
    const file = join(staging, 'entry.bin');
    writeCodeCache(file, codeCacheKey(readFileSync(BUNDLE), []), readFileSync(data));
    return readFileSync(file);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Rejects after `ms` with a message naming `what`, so that a hang fails a named test. */
export async function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms (a hang)`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Starts the real server, runs `fn`, and always ends the server (killed if it hangs). */
export async function withServer<T>(options: StartOptions, what: string, fn: (s: Session) => Promise<T>, ms = 20_000): Promise<T> {
  const session = await within(ms, `${what} (start)`, startServer(options));
  try {
    return await within(ms, what, fn(session));
  } finally {
    if (session.process.exitCode === null) session.process.kill('SIGKILL');
    session.connection.dispose();
  }
}

/** The server's messages to the user (window/showMessage), in order. */
export function shown(session: Session): string[] {
  return (session.received('window/showMessage') as { message: string }[]).map((m) => m.message);
}

/** The CLI, bounded: a hang is killed and reported, never waited out. */
export function cli(args: string[], cwd: string, env: Record<string, string> = {}): SpawnSyncReturns<string> {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 20_000, killSignal: 'SIGKILL', env: { ...process.env, ...env } });
  assert.equal(r.signal, null, `verbatim ${args.join(' ')} was killed by ${r.signal} (a hang or a crash); stderr: ${r.stderr}`);
  return r;
}
