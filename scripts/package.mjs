// Packages the extension as verbatim.vsix with @vscode/vsce, offline (no dependencies: the client
// and server are bundled), with the user-facing listing docs/marketplace/README.md.
// Usage: node scripts/package.mjs [out.vsix]   (default verbatim.vsix; run `npm run build` first)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));

// The listing is docs/marketplace/README.md (the repository README opens with its set-up commands).
// Its screenshots (images/screenshots/*.png, linked relative to the listing) go into the packaged
// listing as data: URIs: VS Code's extension page allows only https: and data: images, vsce would
// rewrite relative links against a repository URL (and refuses them without one), and there is no
// public repository to serve them from. So vsce leaves the links as written (rewriteRelativeLinks:
// false), and any other relative link is an error here rather than a broken link in the listing.
export function listing() {
  const dir = path.join(root, 'docs', 'marketplace');
  return listingOf(readFileSync(path.join(dir, 'README.md'), 'utf8'), dir);
}

/** The listing `text` (its images relative to `dir`) as packaged. */
export function listingOf(text, dir) {
  const inlined = text.replace(/!\[([^\]]*)\]\(([^)\s]+\.png)\)/g, (all, alt, link) => {
    if (/^\w+:/.test(link)) return all;
    const png = readFileSync(path.resolve(dir, link));
    return `![${alt}](data:image/png;base64,${png.toString('base64')})`;
  });
  const relative = /\]\((?!https:|data:|mailto:|#)([^)\s]+)\)/.exec(inlined);
  if (relative) throw new Error(`the listing links to ${relative[1]}, which would be broken in the packaged listing (only https: links and .png images beside it work)`);
  return inlined;
}

export async function packageVsix(out = path.join(root, 'verbatim.vsix')) {
  const { createVSIX } = require('@vscode/vsce');
  // Written inside the package's folder (vsce takes the readme from there), in build output git ignores.
  const readme = path.join('client', 'out', 'marketplace-readme.md');
  mkdirSync(path.join(root, 'client', 'out'), { recursive: true });
  writeFileSync(path.join(root, readme), listing());
  await createVSIX({ cwd: root, packagePath: out, dependencies: false, readmePath: readme, allowMissingRepository: true, rewriteRelativeLinks: false });
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    await packageVsix(process.argv[2] ? path.resolve(process.argv[2]) : undefined);
  } catch (err) {
    console.error(`package: ${err?.message || err}`);
    process.exit(1);
  }
}
