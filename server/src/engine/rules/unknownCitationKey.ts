import { keyUses, nearestKey } from '../bibliography';
import type { DocumentReport, Rule } from './types';

export const unknownCitationKey: Rule = {
  code: 'unknown-citation-key',
  description: 'A citation key (`[@key]`, `@key`) that the bibliography the essay names does not hold; the quick fix takes the nearest key.',
  severity: 'warning',
  check: () => undefined,
  checkDocument({ text, bibliography }) {
    // Without a bibliography there is nothing to check keys against (Verbatim's own keys are not one).
    if (!bibliography || bibliography.entries.length === 0) return [];
    const keys = new Set(bibliography.entries.map((e) => e.key));
    const out: DocumentReport[] = [];
    for (const use of keyUses(text)) {
      if (keys.has(use.key)) continue;
      const nearest = nearestKey(use.key, [...keys]);
      out.push({
        start: use.start - 1,
        end: use.end,
        message: `Unknown citation key @${use.key}: the bibliography has no such entry${nearest ? `; did you mean @${nearest}?` : ''}`,
        data: nearest ? { replacement: nearest, citationStart: use.start, citationEnd: use.end } : undefined,
      });
    }
    return out;
  },
};
