// `verbatim mcp [--corpus FILE]… [--max-file-size N]`: the MCP server's entry (server/out/mcp.js),
// loaded by the CLI when its first argument is `mcp`.

import { parseArgs } from 'node:util';
import { DEFAULT_MAX_CHARS } from './session';
import { runMcp } from './server';

async function startMcp(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      corpus: { type: 'string', multiple: true, default: [] },
      'max-file-size': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const limit = values['max-file-size'] === undefined ? DEFAULT_MAX_CHARS : Number(values['max-file-size']);
  if (!Number.isInteger(limit) || limit < 1) throw new Error('--max-file-size needs a whole number of characters');
  await runMcp({ cwd: process.cwd(), corpora: values.corpus ?? [], maxChars: limit });
}

startMcp(process.argv.slice(3)).catch((e: Error) => {
  process.stderr.write(`verbatim mcp: ${e.message}\n`);
  process.exitCode = 2;
});
