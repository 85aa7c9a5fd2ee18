// What @citation-js/plugin-bibtex takes from @citation-js/core: its grammar and
// translator classes and a logger. The bundler maps the package to this module
// (scripts/esbuild-options.mjs), so the rest of core, which fetches URLs through
// node-fetch and sync-fetch (a child process), never enters the bundle.

import { Grammar } from '@citation-js/core/lib/util/grammar.js';
import { Translator } from '@citation-js/core/lib/util/translator.js';

export const util = { Grammar, Translator };

// core's logger keeps every message in an array for ever; the plugin's warnings
// (an unknown field, a type it maps loosely) are of no use to the essay's writer.
export const logger = { warn: (): void => undefined };
