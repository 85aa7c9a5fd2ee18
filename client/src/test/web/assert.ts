// Assertions for the web suite, which runs in a web worker where node:assert does not exist. A
// failed `equal` carries `actual`/`expected` and `showDiff`, so mocha's reporter prints a diff.

export class AssertionError extends Error {
  readonly showDiff = true;
  constructor(
    message: string,
    readonly actual: unknown,
    readonly expected: unknown,
  ) {
    super(message);
    this.name = 'AssertionError';
  }
}

/** JSON with object keys sorted: two plain values are deeply equal when these strings are. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

/** Deep equality of plain (JSON) values. */
export function equal<T>(actual: T, expected: T, message = 'values differ'): void {
  if (!same(actual, expected)) throw new AssertionError(message, actual, expected);
}

export function ok(value: unknown, message: string): asserts value {
  if (!value) throw new AssertionError(message, value, true);
}

/** Whether two plain (JSON) values are deeply equal. */
export function same(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}
