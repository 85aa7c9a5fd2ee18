import { spellingVariant } from '../spelling';
import type { DiffOp, MatchResult } from '../types';

/** A misquote's difference in words: its note (a splice, a re-ordering) or each difference of its diff. */
export function describeMatch(match: Pick<MatchResult, 'note' | 'diff'>): string {
  return match.note ?? describeDiff(match.diff);
}

const MAX_LISTED = 3;

/** Names each difference in a few words: `"job" where the source has "work"; "really" added`. */
export function describeDiff(diff: readonly DiffOp[]): string {
  const parts: string[] = [];
  for (const op of diff) {
    switch (op.op) {
      case 'replace':
        parts.push(
          isReorder(op)
            ? `"${op.quote}" reordered; the source has "${op.source}"`
            : spellingVariant(op.quote.toLowerCase(), op.source.toLowerCase())
              ? `"${op.quote}" where the source has "${op.source}" (British and American spellings; editions differ)`
              : `"${op.quote}" where the source has "${op.source}"`,
        );
        break;
      case 'insert':
        parts.push(`"${op.quote}" added`);
        break;
      case 'delete':
        parts.push(`"${op.source}" left out`);
        break;
      case 'unmarked-omission':
        parts.push('words left out without an ellipsis where the source omits text ("…")');
        break;
      case 'omission':
        if (!op.source && op.quote.startsWith('the fragments')) parts.push(op.quote);
        break;
    }
  }
  if (parts.length > MAX_LISTED) return `${parts.slice(0, MAX_LISTED).join('; ')}; and ${parts.length - MAX_LISTED} more`;
  return parts.join('; ');
}

function isReorder(op: DiffOp): boolean {
  const a = op.quote.toLowerCase().split(/\s+/).sort().join(' ');
  const b = op.source.toLowerCase().split(/\s+/).sort().join(' ');
  return a === b && op.quote.toLowerCase() !== op.source.toLowerCase();
}
