// esbuild embeds .txt files as strings (loader "text").
declare module '*.txt' {
  const text: string;
  export default text;
}

// The validator of schemas/verbatim-config.schema.json, compiled at build time (scripts/configValidator.mjs).
declare module 'verbatim:config-validator' {
  const validate: import('ajv').ValidateFunction;
  export default validate;
}

// The shipped CSL styles (.csl) and locale (.xml), embedded as strings the same way.
declare module '*.csl' {
  const text: string;
  export default text;
}
declare module '*.xml' {
  const text: string;
  export default text;
}

// citation-js's BibTeX plugin ships no types: its file grammar and its entry → CSL-JSON mapping.
declare module '@citation-js/plugin-bibtex/lib/input/file.js' {
  export function parse(text: string): { type: string; label: string; properties: Record<string, unknown> }[];
}
declare module '@citation-js/plugin-bibtex/lib/input/entries.js' {
  export function parse(entries: { type: string; label: string; properties: Record<string, unknown> }[]): Record<string, unknown>[];
}

// citeproc-js (CommonJS, no types): the parts Verbatim calls.
declare module 'citeproc' {
  interface Sys {
    retrieveLocale(lang: string): string;
    retrieveItem(id: string): unknown;
  }
  class Engine {
    constructor(sys: Sys, style: string, lang?: string, forceLang?: boolean);
    setOutputFormat(format: 'html' | 'text' | 'rtf'): void;
    updateItems(ids: string[]): void;
    makeBibliography(): [{ entry_ids: string[][]; bibstart: string; bibend: string }, string[]] | false;
    makeCitationCluster(items: { id: string; locator?: string; label?: string }[]): string;
  }
  const CSL: { Engine: typeof Engine };
  export default CSL;
}

declare module '@citation-js/core/lib/util/grammar.js' {
  export const Grammar: unknown;
}
declare module '@citation-js/core/lib/util/translator.js' {
  export const Translator: unknown;
}
