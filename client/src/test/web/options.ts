// What test/web/run.mjs writes to web-test.json for the web suite.

/** A diagnostic as test/fixtures/expected-diagnostics.json has it (test/helpers/diagnostics.mjs). */
export interface DiagnosticSummary {
  code: string;
  severity: string;
  source: string;
  range: [number, number, number, number];
  message: string;
}

export interface RunOptions {
  timeoutMs: number;
  grep?: string;
  /** The extension's id (publisher.name). */
  extensionId: string;
  /** The essay first opened, whose time to first diagnostics is measured (workspace-relative). */
  sampleEssay: string;
  /** test/fixtures/workspace/essay.md's place in the workspace, beside its .verbatim.json. */
  fixtureEssay: string;
  /** expected-diagnostics.json's entry for the fixture essay. */
  expected: {
    diagnostics: DiagnosticSummary[];
    quickFixes: { code: string; line: number; actions: { title: string; preferred: boolean; fixedLine?: string; line?: number; command?: string }[] }[];
    hover: { code: string; startsWith: string };
  };
  /** What the Node server answered for each essay (workspace-relative path), in document order. */
  node: {
    server: string;
    essays: Record<
      string,
      {
        diagnostics: DiagnosticSummary[];
        hovers: { line: number; character: number; text: string | null }[];
        /** Go to definition at the hovers' positions: a workspace file as `./relative/path`, any other URI as is. */
        definitions: { line: number; character: number; targets: { uri: string; range: [number, number, number, number] }[] }[];
        /** The outline, depth first; `kind` is LSP's SymbolKind (VS Code's plus one). */
        symbols: { name: string; detail: string | null; kind: number; range: [number, number, number, number]; depth: number }[];
        /** The essay's text after Update Works Cited, for the essays the harness ran it on. */
        worksCited?: string;
      }
    >;
  };
}
