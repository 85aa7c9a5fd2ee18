// The packaged extension (scripts/package.mjs → verbatim.vsix) as the Marketplace and Open VSX get it:
// the listing inside it, and `ovsx publish` of it accepted by a registry that checks what Open VSX
// checks (scripts/openvsx.mjs), and refused, with Open VSX's message, for broken manifests.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { zipSync } from 'fflate';

const ROOT = resolve(__dirname, '../../..');
type Files = Map<string, Uint8Array>;
interface OpenVsx {
  readVsix(bytes: Uint8Array): Files;
  openVsxIssues(files: Files, options?: { namespaces?: string[] }): string[];
  publishOffline(vsix: string): Promise<{ accepted: boolean; output: string; uploads: { issues: string[] }[] }>;
}
let openvsx: OpenVsx;
let dir: string;
let vsix: string;
let files: Files;

before(async () => {
  // A runtime import of the script itself (an ES module beside the bundle's sources).
  openvsx = (await import(pathToFileURL(join(ROOT, 'scripts', 'openvsx.mjs')).href)) as OpenVsx;
  dir = mkdtempSync(join(tmpdir(), 'verbatim-vsix-'));
  vsix = join(dir, 'verbatim.vsix');
  const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'package.mjs'), vsix], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr + run.stdout);
  files = openvsx.readVsix(new Uint8Array(readFileSync(vsix)));
});

const text = (f: Files, name: string) => new TextDecoder().decode(f.get(name));
/** The package with package.json changed (the manifest left as vsce wrote it unless `xml` changes it too). */
function altered(change: (pkg: Record<string, unknown>) => void, xml?: (manifest: string) => string, drop: string[] = []): Files {
  const pkg = JSON.parse(text(files, 'extension/package.json'));
  change(pkg);
  const out = new Map(files);
  out.set('extension/package.json', new TextEncoder().encode(JSON.stringify(pkg)));
  if (xml) out.set('extension.vsixmanifest', new TextEncoder().encode(xml(text(files, 'extension.vsixmanifest'))));
  for (const name of drop) out.delete(name);
  return out;
}
const issues = (f: Files) => openvsx.openVsxIssues(f);

test('ovsx publish of the packaged .vsix is accepted by a registry that checks what Open VSX checks', async () => {
  assert.deepEqual(issues(files), []);
  const result = await openvsx.publishOffline(vsix);
  assert.equal(result.accepted, true, result.output);
  assert.ok(result.output.endsWith('Published verbatim.verbatim v0.1.0'), result.output);
  assert.deepEqual(result.uploads.map((u) => u.issues), [[]]);
});

test('a broken package is refused through ovsx, with Open VSX’s message', async () => {
  // No license field and no LICENSE file in the package.
  const unlicensed = altered(
    (pkg) => delete pkg.license,
    (xml) => xml.replace(/<Asset Type="Microsoft\.VisualStudio\.Services\.Content\.License"[^>]*\/>/, ''),
    ['extension/LICENSE.txt', 'extension/LICENSE'],
  );
  const broken = join(dir, 'unlicensed.vsix');
  writeFileSync(broken, zipSync(Object.fromEntries(unlicensed)));
  const result = await openvsx.publishOffline(broken);
  assert.equal(result.accepted, false);
  assert.match(result.output, /This extension cannot be accepted because it has no license\./);
  assert.deepEqual(result.uploads.map((u) => u.issues), [['This extension cannot be accepted because it has no license.']]);
});

test('each Open VSX rule refuses what it should', () => {
  assert.deepEqual(issues(altered(() => undefined, (xml) => xml.replace('Publisher="verbatim"', 'Publisher="verbatim inc"'))), ['Invalid namespace name: verbatim inc']);
  assert.deepEqual(issues(altered((pkg) => (pkg.publisher = 'someone'), (xml) => xml.replace('Publisher="verbatim"', 'Publisher="someone"'))), [
    "Unknown publisher: someone\nUse the 'create-namespace' command to create a namespace corresponding to your publisher name.",
  ]);
  assert.deepEqual(issues(altered((pkg) => (pkg.displayName = 'Verbatim'))), ['Display name in extension.vsixmanifest and package.json does not match.']);
  assert.deepEqual(issues(altered((pkg) => (pkg.version = '0.2.0'))), ['Extension version in extension.vsixmanifest and package.json does not match.']);
  assert.deepEqual(issues(altered((pkg) => (pkg.icon = 'images/icon.svg'))), ['This extension cannot be accepted as it uses an unsupported icon format.']);
  assert.deepEqual(issues(altered(() => undefined, undefined, ['extension/changelog.md'])), [
    'Validation failed: Microsoft.VisualStudio.Services.Content.Changelog extension/changelog.md is not in the package',
  ]);
  assert.deepEqual(issues(altered((pkg) => (pkg.homepage = 'verbatim home'))), ["Invalid URL in field 'homepage': verbatim home"]);
  assert.deepEqual(
    issues(
      altered((pkg) => {
        pkg.bugs = { url: 'not a url' };
        pkg.galleryBanner = { theme: 'blue' };
      }),
    ),
    ["Multiple issues were found in the extension metadata:\nInvalid URL in field 'bugs': not a url\nInvalid value in field 'galleryBanner.theme': blue. Allowed values: [dark, light]"],
  );
  assert.deepEqual(issues(altered((pkg) => (pkg.description = 'x'.repeat(2049)))), ["The field 'description' exceeds the current limit of 2048 characters."]);
});

test('the packaged listing is the user-facing README, its screenshots inline, with no example.invalid anywhere in the manifest', async () => {
  const readme = text(files, 'extension/readme.md');
  const source = readFileSync(join(ROOT, 'docs', 'marketplace', 'README.md'), 'utf8');
  // The same text, each screenshot link replaced by the image itself.
  const links = [...source.matchAll(/!\[([^\]]*)\]\(\.\.\/\.\.\/(images\/screenshots\/[\w-]+\.png)\)/g)];
  assert.deepEqual(links.map((m) => m[2]).sort(), ['completion', 'hover', 'insert-quotation', 'problems', 'quick-fix'].map((n) => `images/screenshots/${n}.png`));
  let expected = source;
  for (const [all, alt, file] of links) expected = expected.replace(all, `![${alt}](data:image/png;base64,${readFileSync(join(ROOT, file)).toString('base64')})`);
  assert.equal(readme, expected);
  assert.ok(!readme.includes('npm ci'));
  assert.ok(!/\]\((?!https:|data:image\/png;base64,)/.test(readme), 'no relative link left in the listing');
  for (const name of ['extension/package.json', 'extension.vsixmanifest', 'extension/readme.md']) assert.ok(!text(files, name).includes('example.invalid'), name);
  assert.ok(files.has('extension/server/out/rules.md'));
  // A relative link the listing cannot carry is refused when packaging, not shipped broken.
  const { listingOf } = (await import(pathToFileURL(join(ROOT, 'scripts', 'package.mjs')).href)) as { listingOf: (text: string, dir: string) => string };
  assert.throws(() => listingOf('See [the rules](../rules.md).', join(ROOT, 'docs', 'marketplace')), /the listing links to \.\.\/rules\.md, which would be broken in the packaged listing/);
});
