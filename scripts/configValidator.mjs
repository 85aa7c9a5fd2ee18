// An esbuild plugin: `import validate from 'verbatim:config-validator'` is the
// validation function of schemas/verbatim-config.schema.json, compiled by ajv at
// build time (ajv's standalone code), so no bundle carries ajv or compiles code at
// run time. The schema file stays the one source: VS Code reads it too.
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SCHEMA = join(ROOT, 'schemas/verbatim-config.schema.json');

export const configValidator = {
  name: 'verbatim-config-validator',
  setup(build) {
    build.onResolve({ filter: /^verbatim:config-validator$/ }, () => ({ path: SCHEMA, namespace: 'verbatim-config-validator' }));
    build.onLoad({ filter: /.*/, namespace: 'verbatim-config-validator' }, () => {
      // strictTypes off: a type with its own message stands in allOf beside `properties` (see the schema's $comment).
      const ajv = new Ajv({ allErrors: true, allowUnionTypes: true, strictTypes: false, code: { source: true } });
      // VS Code's JSON service shows `errorMessage`; service/config.ts words problems with it.
      ajv.addKeyword({ keyword: 'errorMessage', schemaType: 'string' });
      const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')));
      return { contents: standaloneCode(ajv, validate), loader: 'js', resolveDir: ROOT, watchFiles: [SCHEMA] };
    });
  },
};
