// Would Open VSX accept the package? Checked offline: the real `ovsx publish <vsix>` (the npm package,
// a devDependency) uploads verbatim.vsix to a registry on 127.0.0.1 that answers as Open VSX does and
// applies the checks Open VSX's server makes on a publish (its ExtensionValidator and publish handler,
// read and restated here): the publisher is a namespace, name and version are well formed, package.json
// agrees with extension.vsixmanifest, there is a license, the icon is no SVG, every asset the manifest
// names is in the package, and the metadata fields (lengths, characters, URLs, enums) are valid.
// (ovsx itself checks only that the package has a manifest with publisher, name and version.)
//
// Usage: node scripts/openvsx.mjs [x.vsix]   (default: packages verbatim.vsix first; `npm run build` before)
// Exit 0 when accepted; 1 with Open VSX's message otherwise.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));

const NAME = /^[\w\-+$~]+$/;
const VERSION_CHARS = /^[\p{L}\p{N}$+\-,.:;_]*$/u;
const LIMIT = 255;
// What Java's Character.getType calls CONTROL, FORMAT, UNASSIGNED, PRIVATE_USE, LINE_ and PARAGRAPH_SEPARATOR.
const BAD_CHAR = /[\p{Cc}\p{Cf}\p{Cn}\p{Co}\u2028\u2029]/u;

/** The entries of a .vsix (a ZIP), by name. */
export function readVsix(bytes) {
  const { unzipSync } = require('fflate');
  return new Map(Object.entries(unzipSync(bytes)));
}

/** extension.vsixmanifest's identity, display name and assets. */
function readManifestXml(xml) {
  const { parseDocument, DomUtils } = require('htmlparser2');
  const doc = parseDocument(xml, { xmlMode: true });
  const identity = DomUtils.findOne((e) => e.name === 'Identity', doc.children, true);
  const displayName = DomUtils.findOne((e) => e.name === 'DisplayName', doc.children, true);
  const assets = DomUtils.findAll((e) => e.name === 'Asset', doc.children).map((e) => ({ type: e.attribs.Type, path: e.attribs.Path }));
  return {
    publisher: identity?.attribs.Publisher,
    name: identity?.attribs.Id,
    version: identity?.attribs.Version,
    displayName: displayName ? DomUtils.textContent(displayName) : undefined,
    assets,
  };
}

const isUrl = (value) => {
  const v = value.startsWith('git+') && value.length > 4 ? value.slice(4) : value;
  try {
    return new URL(v).host !== '';
  } catch {
    return false;
  }
};
const urlOf = (field) => (typeof field === 'string' ? field : field && typeof field === 'object' ? field.url : undefined);

/**
 * What Open VSX would refuse in this package, as its messages say it (empty: accepted).
 * `namespaces`: the namespaces that exist on the registry (a publish to any other is refused).
 */
export function openVsxIssues(files, { namespaces = ['verbatim'] } = {}) {
  const text = (name) => {
    const entry = files.get(name);
    return entry && new TextDecoder().decode(entry);
  };
  const xml = text('extension.vsixmanifest');
  const json = text('extension/package.json');
  if (!xml || !json) return ['Manifest not found: the package has no extension.vsixmanifest or extension/package.json'];
  let pkg;
  try {
    pkg = JSON.parse(json);
  } catch (e) {
    return [`extension/package.json is not JSON: ${e.message}`];
  }
  const manifest = readManifestXml(xml);
  const namespace = manifest.publisher ?? '';
  // Checked one after another and answered at the first, as the publish handler does.
  if (!namespace || namespace === '-') return ['Namespace name must not be empty.'];
  if (!NAME.test(namespace)) return [`Invalid namespace name: ${namespace}`];
  if (!namespaces.includes(namespace)) return [`Unknown publisher: ${namespace}\nUse the 'create-namespace' command to create a namespace corresponding to your publisher name.`];
  const version = manifest.version ?? '';
  if (!version) return ['Version must not be empty.'];
  if (['latest', 'pre-release', 'reviews'].includes(version)) return [`The version string '${version}' is reserved.`];
  if (!VERSION_CHARS.test(version)) return [`Invalid character found in version: ${version}`];
  const name = manifest.name ?? '';
  if (!name) return ['Name must not be empty.'];
  if (!NAME.test(name)) return [`Invalid extension name: ${name}`];
  if (name.length > LIMIT) return [`The extension name exceeds the current limit of ${LIMIT} characters.`];
  const same = (a, b) => String(a ?? '').toLowerCase() === String(b ?? '').toLowerCase();
  if (!same(namespace, pkg.publisher)) return ['Publisher in extension.vsixmanifest and package.json does not match.'];
  if (!same(name, pkg.name)) return ['Extension name in extension.vsixmanifest and package.json does not match.'];
  if (!same(version, pkg.version)) return ['Extension version in extension.vsixmanifest and package.json does not match.'];
  if (!same(manifest.displayName, pkg.displayName)) return ['Display name in extension.vsixmanifest and package.json does not match.'];
  const licenseAsset = manifest.assets.find((a) => a.type === 'Microsoft.VisualStudio.Services.Content.License');
  if (!(typeof pkg.license === 'string' && pkg.license.trim()) && !licenseAsset) return ['This extension cannot be accepted because it has no license.'];
  if (typeof pkg.icon === 'string' && /\.svg$/i.test(pkg.icon)) return ['This extension cannot be accepted as it uses an unsupported icon format.'];
  // Every file resource (README, CHANGELOG, LICENSE, icon, …) must be readable from the package.
  for (const asset of manifest.assets) {
    if (asset.path && !files.has(asset.path)) return [`Validation failed: ${asset.type} ${asset.path} is not in the package`];
  }
  const issues = [];
  const chars = (value, field) => {
    for (const v of [value].flat()) if (typeof v === 'string' && BAD_CHAR.test(v)) issues.push(`Invalid character found in field '${field}': ${v}`);
  };
  const size = (value, limit, field) => {
    for (const v of [value].flat()) if (typeof v === 'string' && v.length > limit) issues.push(`The field '${field}' exceeds the current limit of ${limit} characters.`);
  };
  const url = (value, field) => {
    if (typeof value === 'string' && value && !isUrl(value)) issues.push(`Invalid URL in field '${field}': ${value}`);
    size(value, LIMIT, field);
  };
  const oneOf = (value, allowed, field, or = () => false) => {
    if (typeof value === 'string' && value && !allowed.includes(value) && !or(value)) issues.push(`Invalid value in field '${field}': ${value}. Allowed values: [${allowed.join(', ')}]`);
  };
  chars(pkg.displayName, 'displayName');
  size(pkg.displayName, LIMIT, 'displayName');
  chars(pkg.description, 'description');
  size(pkg.description, 2048, 'description');
  chars(pkg.categories, 'categories');
  size(pkg.categories, LIMIT, 'categories');
  chars(pkg.keywords, 'keywords');
  size(pkg.keywords, LIMIT, 'keywords');
  chars(pkg.license, 'license');
  size(pkg.license, LIMIT, 'license');
  url(pkg.homepage, 'homepage');
  url(urlOf(pkg.repository), 'repository');
  url(urlOf(pkg.bugs), 'bugs');
  oneOf(pkg.markdown, ['github', 'standard'], 'markdown');
  chars(pkg.galleryBanner?.color, 'galleryBanner.color');
  size(pkg.galleryBanner?.color, 16, 'galleryBanner.color');
  oneOf(pkg.galleryBanner?.theme, ['dark', 'light'], 'galleryBanner.theme');
  oneOf(pkg.qna === false ? 'false' : pkg.qna, ['marketplace', 'false'], 'qna', isUrl);
  // Dependencies must already be on the registry: this one holds nothing else.
  for (const dep of [...(pkg.extensionDependencies ?? []), ...(pkg.extensionPack ?? [])]) issues.push(`Cannot resolve dependency: ${dep}`);
  if (issues.length > 1) return [`Multiple issues were found in the extension metadata:\n${issues.join('\n')}`];
  return issues;
}

/** A registry on 127.0.0.1 that answers `POST /api/-/publish` as Open VSX does (201 with the extension, or 400 with the error). */
export function startRegistry(options) {
  const uploads = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const answer = (status, body) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const url = new URL(req.url, 'http://127.0.0.1');
      if (req.method !== 'POST' || url.pathname !== '/api/-/publish') return answer(404, { error: `No such endpoint: ${req.method} ${url.pathname}` });
      if (!url.searchParams.get('token')) return answer(403, { error: 'Invalid access token.' });
      const bytes = Buffer.concat(chunks);
      let files;
      try {
        files = readVsix(new Uint8Array(bytes));
      } catch (e) {
        return answer(400, { error: `Failed to read extension file: ${e.message}` });
      }
      const issues = openVsxIssues(files, options);
      uploads.push({ bytes: bytes.length, issues });
      if (issues.length) return answer(400, { error: issues[0] });
      const pkg = JSON.parse(new TextDecoder().decode(files.get('extension/package.json')));
      answer(201, { namespace: pkg.publisher, name: pkg.name, version: pkg.version, targetPlatform: 'universal' });
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({ url: `http://127.0.0.1:${server.address().port}`, uploads, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

/** The ovsx command line: VERBATIM_OVSX names its package folder, else the devDependency. */
export function ovsxBin() {
  let dir = process.env.VERBATIM_OVSX;
  if (!dir) {
    try {
      dir = path.dirname(require.resolve('ovsx/package.json'));
    } catch {
      throw new Error('ovsx is not installed: run npm ci (it is a devDependency), or name its folder in VERBATIM_OVSX');
    }
  }
  const { bin } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  return path.join(dir, typeof bin === 'string' ? bin : bin.ovsx);
}

/** `ovsx publish <vsix>` against the local registry: whether it was accepted, and what ovsx printed. */
export async function publishOffline(vsix, options) {
  const registry = await startRegistry(options);
  try {
    const out = await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [ovsxBin(), 'publish', vsix, '--registryUrl', registry.url, '--pat', 'offline-check'], {
        cwd: root,
        env: { ...process.env, OVSX_PAT: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let text = '';
      child.stdout.on('data', (c) => (text += c));
      child.stderr.on('data', (c) => (text += c));
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      child.on('error', reject);
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve({ code, text });
      });
    });
    return { accepted: out.code === 0 && registry.uploads.length === 1 && registry.uploads[0].issues.length === 0, output: out.text.trim(), uploads: registry.uploads };
  } finally {
    await registry.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  let vsix = process.argv[2] && path.resolve(process.argv[2]);
  if (!vsix) {
    const { packageVsix } = await import('./package.mjs');
    vsix = await packageVsix(path.join(root, 'verbatim.vsix'));
  }
  const result = await publishOffline(vsix);
  console.log(result.output);
  console.log(result.accepted ? `openvsx: ${path.relative(root, vsix)} would be accepted by Open VSX` : `openvsx: ${path.relative(root, vsix)} would be REFUSED by Open VSX`);
  process.exit(result.accepted ? 0 : 1);
}
