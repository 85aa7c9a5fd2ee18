// Packages the extension as verbatim.vsix with @vscode/vsce, offline (no dependencies: the client
// and server are bundled), with the user-facing listing docs/marketplace/README.md.
// Usage: node scripts/package.mjs [out.vsix]   (default verbatim.vsix; run `npm run build` first)
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));

// The listing is docs/marketplace/README.md (the repository README opens with its set-up commands);
// it has no relative links or images, so no repository URL is needed (there is no public one).
export async function packageVsix(out = path.join(root, 'verbatim.vsix')) {
  const { createVSIX } = require('@vscode/vsce');
  await createVSIX({ cwd: root, packagePath: out, dependencies: false, readmePath: 'docs/marketplace/README.md', allowMissingRepository: true });
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
