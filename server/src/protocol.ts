// Requests and notifications shared by the server and the VS Code client.
// Everything else is plain LSP, so any editor gets the same features.

/** Sent after each check: the counts the VS Code status bar shows. */
export const StatusNotification = 'verbatim/status';

export interface StatusParams {
  uri: string;
  version: number;
  quotations: number;
  correct: number;
  flagged: number;
}

/** The settings the server reads, under `verbatim.*`. */
export interface VerbatimSettings {
  corpora: { path: string; title?: string; author?: string; year?: number; key?: string }[];
  minWords: number;
  maxFileSize: number;
  rules: Record<string, string>;
  /** How completion and quick fixes cite, and which section `verbatim.updateReferences` writes. */
  citationStyle: 'mla' | 'apa' | 'chicago' | 'pandoc';
}

export const DEFAULT_SETTINGS: VerbatimSettings = { corpora: [], minWords: 4, maxFileSize: 1_000_000, rules: {}, citationStyle: 'mla' };

/** `workspace/executeCommand`, arguments `[uri]`: writes the essay's Works Cited / References section. */
export const UpdateReferencesCommand = 'verbatim.updateReferences';
