// Glob patterns for `verbatim check 'essays/**/*.md'` when the shell does not
// expand them (quoted in CI, or on Windows). Written here rather than pulled
// from npm: the subset essays need is small. Supports `*`, `?`, `**`, `[abc]`,
// `[!abc]` and `{a,b}`; `*` and `?` never match a leading dot or a `/`.

const MAGIC = /[*?[{]/;

export function isGlob(pattern: string): boolean {
  return MAGIC.test(pattern);
}

/** The leading segments with no magic: where the walk starts (`.` if none). */
export function globBase(pattern: string): string {
  const segments = toPosix(pattern).split('/');
  const fixed: string[] = [];
  for (const s of segments.slice(0, -1)) {
    if (isGlob(s)) break;
    fixed.push(s);
  }
  if (fixed.length === 0) return '.';
  const base = fixed.join('/');
  return base === '' ? '/' : base;
}

/** A regular expression matching whole POSIX paths spelled like the pattern (no leading `./`). */
export function globToRegExp(pattern: string): RegExp {
  const p = stripDot(toPosix(pattern));
  return new RegExp(`^${translate(p)}$`);
}

function translate(p: string): string {
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    const atSegmentStart = i === 0 || p[i - 1] === '/';
    if (c === '*' && p[i + 1] === '*' && atSegmentStart && (p[i + 2] === '/' || i + 2 === p.length)) {
      // `**/` is any number of whole segments (none starting with a dot); a final `**` is everything below.
      if (p[i + 2] === '/') {
        out += '(?:(?!\\.)[^/]*/)*';
        i += 2;
      } else {
        out += '(?:(?!\\.)[^/]*(?:/(?!\\.)[^/]*)*)?';
        i += 1;
      }
    } else if (c === '*') {
      out += atSegmentStart ? '(?!\\.)[^/]*' : '[^/]*';
    } else if (c === '?') {
      out += atSegmentStart ? '(?!\\.)[^/]' : '[^/]';
    } else if (c === '[') {
      const close = p.indexOf(']', i + 2);
      if (close === -1) {
        out += '\\[';
        continue;
      }
      let body = p.slice(i + 1, close);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      out += `[${negate ? '^/' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = close;
    } else if (c === '{') {
      const close = matchingBrace(p, i);
      if (close === -1) {
        out += '\\{';
        continue;
      }
      out += `(?:${splitAlternatives(p.slice(i + 1, close)).map(translate).join('|')})`;
      i = close;
    } else {
      out += c.replace(/[.+^${}()|\\\]]/g, '\\$&');
    }
  }
  return out;
}

function matchingBrace(p: string, open: number): number {
  let depth = 0;
  for (let i = open; i < p.length; i++) {
    if (p[i] === '{') depth++;
    else if (p[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function splitAlternatives(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '{') depth++;
    else if (body[i] === '}') depth--;
    else if (body[i] === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
}

export function toPosix(path: string): string {
  return path.replace(/\\/g, '/');
}

function stripDot(path: string): string {
  return path.replace(/^(?:\.\/)+/, '');
}
