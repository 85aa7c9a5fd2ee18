// `verbatim report`: one self-contained HTML page a teacher would rather read
// than a list of warnings. No scripts, no network (a Content-Security-Policy
// forbids both); every byte that comes from an essay or a corpus is escaped.
// Verdicts are told apart by an icon, a word and a border style, never by
// colour alone.

import type { DiffOp } from '../../engine/types';
import { groupTotals, percent, totals, UNMARKED, type Counts, type EssayReport, type Groups, type PlacedFinding, type PlacedQuotation, type Status } from '../summary';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export const STATUS_LABEL: Record<Status, { icon: string; label: string }> = {
  correct: { icon: '✓', label: 'Correct' },
  misquote: { icon: '✗', label: 'Misquoted' },
  unverified: { icon: '?', label: 'Unverified' },
  misattribution: { icon: '⚑', label: 'Misattributed' },
  short: { icon: '·', label: 'Term (not checked)' },
};

const COUNT_COLUMNS: [keyof Omit<Counts, 'accuracy'>, string][] = [
  ['checked', 'Checked'],
  ['correct', 'Correct'],
  ['misquoted', 'Misquoted'],
  ['unverified', 'Unverified'],
  ['misattributed', 'Misattributed'],
];

export function formatHtml(essays: readonly EssayReport[], title = 'Quotation report'): string {
  const all = totals(essays);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="verbatim">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${esc(title)}</h1>
<p class="lede">${essays.length} essay${essays.length === 1 ? '' : 's'}, ${all.checked} quotation${all.checked === 1 ? '' : 's'} checked, ${esc(percent(all.accuracy))} quoted correctly.</p>
</header>
<main>
<section id="summary" aria-labelledby="summary-title">
<h2 id="summary-title">Class summary</h2>
${summaryTable(essays, all)}
${groupsTable(essays)}
${chart(essays)}
${legend()}
</section>
${essays.map(essaySection).join('\n')}
</main>
</body>
</html>
`;
}

function countCells(c: Counts): string {
  return COUNT_COLUMNS.map(([k]) => `<td data-count="${k}">${c[k]}</td>`).join('') + `<td data-count="accuracy">${esc(percent(c.accuracy))}</td>`;
}

function summaryTable(essays: readonly EssayReport[], all: Counts): string {
  const head = `<tr><th scope="col">Essay</th>${COUNT_COLUMNS.map(([, h]) => `<th scope="col">${h}</th>`).join('')}<th scope="col">Accuracy</th></tr>`;
  const rows = essays.map((e, i) => `<tr data-essay="${esc(e.path)}"><th scope="row"><a href="#essay-${i + 1}">${esc(e.path)}</a></th>${countCells(e.counts)}</tr>`);
  return `<div class="table-wrap"><table class="summary">
<thead>${head}</thead>
<tbody>
${rows.join('\n')}
</tbody>
<tfoot><tr data-essay=""><th scope="row">All essays</th>${countCells(all)}</tr></tfoot>
</table></div>`;
}

const GROUP_COLUMNS: [keyof Omit<Groups, 'share' | 'words' | 'fromSources'>, string][] = [
  ['quotedCited', 'Quoted and cited'],
  ['quotedUncited', 'Quoted, not cited'],
  ['citedUnquoted', 'Cited, not quoted'],
  ['neither', 'Neither'],
];

function groupCells(g: Groups): string {
  return GROUP_COLUMNS.map(([k]) => `<td data-group="${k}">${g[k]}</td>`).join('') + `<td data-group="share">${esc(percent(g.share))}</td>`;
}

/** Borrowed words per essay in the four groups, and the share of the essay's words from the sources. */
function groupsTable(essays: readonly EssayReport[]): string {
  const head = `<tr><th scope="col">Essay</th>${GROUP_COLUMNS.map(([, h]) => `<th scope="col">${h}</th>`).join('')}<th scope="col">Words from sources</th></tr>`;
  const rows = essays.map((e, i) => `<tr data-essay="${esc(e.path)}"><th scope="row"><a href="#essay-${i + 1}">${esc(e.path)}</a></th>${groupCells(e.groups)}</tr>`);
  return `<h3>Borrowed words</h3><div class="table-wrap"><table class="groups">
<thead>${head}</thead>
<tbody>
${rows.join('\n')}
</tbody>
<tfoot><tr data-essay=""><th scope="row">All essays</th>${groupCells(groupTotals(essays))}</tr></tfoot>
</table></div>`;
}

/** A passage copied without quotation marks, beside the source text it copies. */
function unmarkedDetail(e: EssayReport, f: PlacedFinding): string {
  const where = f.data?.locator ?? '';
  return `<li class="detail d-unmarked" data-code="${UNMARKED}"><p class="verdict"><span class="where">line ${f.line}, column ${f.column}</span></p><p class="message"><code>${UNMARKED}</code> ${esc(f.message)}${f.data?.citation ? ` (cited: ${esc(f.data.citation)})` : ''}</p><div class="compare"><div class="side"><h4>Essay</h4><blockquote class="words">${esc(e.text.slice(f.start, f.end))}</blockquote></div><div class="side"><h4>Source${where ? ` <small>${esc(where)}</small>` : ''}</h4><blockquote class="words">${esc(f.data?.source ?? '')}</blockquote></div></div></li>`;
}

/** Accuracy per essay as horizontal bars, labelled with the number so the chart reads without colour. */
function chart(essays: readonly EssayReport[]): string {
  if (essays.length === 0) return '';
  const row = 26;
  const label = 220;
  const bar = 360;
  const height = essays.length * row + 24;
  const bars = essays.map((e, i) => {
    const y = i * row + 4;
    const a = e.counts.accuracy;
    const w = a === null ? 0 : Math.round((a / 100) * bar);
    const name = e.path.length > 28 ? '…' + e.path.slice(-27) : e.path;
    return `<g class="bar"><title>${esc(`${e.path}: ${percent(a)}`)}</title><text x="${label - 8}" y="${y + 15}" text-anchor="end">${esc(name)}</text><rect x="${label}" y="${y}" width="${bar}" height="${row - 8}" class="track"/><rect x="${label}" y="${y}" width="${w}" height="${row - 8}" class="fill ${tone(a)}"/><text x="${label + bar + 8}" y="${y + 15}">${esc(percent(a))}</text></g>`;
  });
  const ticks = [0, 50, 100].map((t) => `<text x="${label + (t / 100) * bar}" y="${height - 4}" text-anchor="middle" class="tick">${t}%</text>`);
  return `<figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="chart-title" viewBox="0 0 ${label + bar + 60} ${height}" width="${label + bar + 60}" height="${height}"><title id="chart-title">Accuracy per essay</title>${bars.join('')}${ticks.join('')}</svg><figcaption>Accuracy per essay: quotations with the source's exact wording, of those checked.</figcaption></figure>`;
}

function tone(a: number | null): string {
  if (a === null) return 'none';
  return a >= 90 ? 'good' : a >= 60 ? 'fair' : 'poor';
}

function legend(): string {
  const items = (['correct', 'misquote', 'unverified', 'misattribution'] as Status[]).map((s) => `<li><span class="q q-${s}"><span class="icon" aria-hidden="true">${STATUS_LABEL[s].icon}</span> ${STATUS_LABEL[s].label}</span></li>`);
  return `<ul class="legend" aria-label="Legend">${items.join('')}</ul>`;
}

function essaySection(e: EssayReport, index: number): string {
  const id = `essay-${index + 1}`;
  const flagged = e.quotations.filter((q) => (q.status !== 'correct' && q.status !== 'short') || q.findings.length > 0);
  const numbers = new Map(flagged.map((q, i) => [q, i + 1]));
  const unmarked = e.findings.filter((f) => f.code === UNMARKED);
  return `<section class="essay" id="${id}" data-path="${esc(e.path)}" aria-labelledby="${id}-title">
<h2 id="${id}-title">${esc(e.path)}</h2>
<p class="counts">${COUNT_COLUMNS.map(([k, h]) => `<span>${h}: <b data-count="${k}">${e.counts[k]}</b></span>`).join(' ')} <span>Accuracy: <b data-count="accuracy">${esc(percent(e.counts.accuracy))}</b></span></p>
<p class="counts-groups">${GROUP_COLUMNS.map(([k, h]) => `<span>${h}: <b data-group="${k}">${e.groups[k]}</b></span>`).join(' ')} <span>Words from sources: <b data-group="share">${esc(percent(e.groups.share))}</b></span></p>
<div class="essay-text">${highlight(e, id, numbers)}</div>
${unmarked.length ? `<h3>Copied without quotation marks</h3>\n<ol class="details unmarked">\n${unmarked.map((f) => unmarkedDetail(e, f)).join('\n')}\n</ol>` : ''}
${flagged.length ? `<h3>Quotations to look at</h3>\n<ol class="details">\n${flagged.map((q) => detail(q, id, numbers.get(q)!)).join('\n')}\n</ol>` : '<p class="clean">Every quotation checked matches its source.</p>'}
</section>`;
}

/** The essay as written, each quotation wrapped in a mark for its verdict; flagged ones link to their detail. */
function highlight(e: EssayReport, id: string, numbers: Map<PlacedQuotation, number>): string {
  let out = '';
  let at = 0;
  const ordered = [...e.quotations].sort((a, b) => a.item.quotation.start - b.item.quotation.start);
  for (const q of ordered) {
    const { start, end } = q.item.quotation;
    // A quotation inside a blockquote that is itself a quotation: its verdict is listed, not nested.
    if (start < at) continue;
    const s = STATUS_LABEL[q.status];
    const n = numbers.get(q);
    out += esc(e.text.slice(at, start));
    out += `<mark class="q q-${q.status}" data-status="${q.status}" title="${esc(s.label)}"><span class="icon" aria-label="${esc(s.label)}">${s.icon}</span>${esc(e.text.slice(start, end))}</mark>`;
    if (n !== undefined) out += `<sup><a href="#${id}-q${n}" aria-label="details ${n}">${n}</a></sup>`;
    at = end;
  }
  return out + esc(e.text.slice(at));
}

function detail(q: PlacedQuotation, id: string, n: number): string {
  const s = STATUS_LABEL[q.status];
  const m = q.item.match;
  const parts: string[] = [];
  parts.push(`<p class="verdict"><span class="q q-${q.status}"><span class="icon" aria-hidden="true">${s.icon}</span> ${s.label}</span> <span class="where">line ${q.line}, column ${q.column}</span></p>`);
  for (const f of q.findings) parts.push(`<p class="message" data-code="${esc(f.code)}"><code>${esc(f.code)}</code> ${esc(f.message)}</p>`);
  const attribution = q.findings.find((f) => f.data?.speaker);
  if (attribution?.data?.speaker) {
    parts.push(`<p class="speaker">Said by <b>${esc(attribution.data.speaker)}</b>${attribution.data.attributed ? `; the essay gives it to <b>${esc(attribution.data.attributed)}</b>` : ''}.</p>`);
  }
  if (m.verdict === 'misquote' && m.sourceText !== undefined) {
    const [essay, source] = sides(m.diff);
    const where = [m.corpus?.title, m.passage?.speaker ? `said by ${m.passage.speaker}` : undefined, m.passage?.section].filter(Boolean).join(' · ');
    parts.push(`<div class="compare"><div class="side"><h4>Essay</h4><blockquote class="words">${essay}</blockquote></div><div class="side"><h4>Source${where ? ` <small>${esc(where)}</small>` : ''}</h4><blockquote class="words">${source}</blockquote></div></div>`);
  } else if (m.verdict === 'unverified') {
    parts.push(`<p class="searched">Searched: ${esc(m.searched.join(', '))}.</p>`);
  }
  return `<li id="${id}-q${n}" class="detail d-${q.status}" data-status="${q.status}">${parts.join('')}</li>`;
}

/** The two sides of a word-level diff: what differs is marked on each side with a word, not only a colour. */
function sides(diff: readonly DiffOp[]): [string, string] {
  const essay: string[] = [];
  const source: string[] = [];
  const mark = (cls: string, label: string, text: string) => `<span class="w ${cls}" title="${label}"><span class="sr">[${label}: </span>${esc(text)}<span class="sr">]</span></span>`;
  for (const op of diff) {
    switch (op.op) {
      case 'equal':
        essay.push(esc(op.quote));
        source.push(esc(op.source));
        break;
      case 'replace':
        essay.push(mark('changed', 'changed', op.quote));
        source.push(mark('original', 'source has', op.source));
        break;
      case 'insert':
        essay.push(mark('added', 'added', op.quote));
        break;
      case 'delete':
        essay.push(`<span class="w gap" title="left out">‸</span>`);
        source.push(mark('dropped', 'left out', op.source));
        break;
      case 'unmarked-omission':
        essay.push(`<span class="w gap" title="omission without an ellipsis">‸</span>`);
        source.push(mark('dropped', 'omitted without an ellipsis', op.source || '…'));
        break;
      case 'omission':
        essay.push(esc(op.quote || '…'));
        if (op.source) source.push(`<span class="w skipped" title="omitted with an ellipsis">${esc(op.source)}</span>`);
        break;
      case 'alteration':
        essay.push(esc(op.quote));
        source.push(esc(op.source));
        break;
    }
  }
  // Ops hold tokens joined by spaces; punctuation sits against the word before it, as written.
  const join = (words: string[]) => words.join(' ').replace(/ (?=[,.;:!?)\]’”»])/g, '');
  return [join(essay), join(source)];
}

const STYLE = `
:root{--ink:#1d1d1f;--muted:#5b5b66;--line:#d8d8e0;--ok:#1f7a3d;--ok-bg:#e3f4e8;--bad:#b3261e;--bad-bg:#fde7e4;--unk:#8a5a00;--unk-bg:#fff2cc;--who:#5b2a86;--who-bg:#efe4f8}
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 Georgia,'Times New Roman',serif;color:var(--ink);background:#fafafa}
header,main{max-width:60rem;margin:0 auto;padding:0 1.25rem}
header{padding-top:1.5rem}
h1,h2,h3,h4,table,.counts,.counts-groups,.legend,figcaption,.verdict,.message,.speaker,.searched{font-family:system-ui,-apple-system,'Segoe UI',sans-serif}
h1{margin:.2rem 0}
.lede{color:var(--muted);margin-top:0}
section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:1rem 1.25rem;margin:1.25rem 0}
table.summary{border-collapse:collapse;width:100%;font-size:.95rem}
table.summary th,table.summary td{padding:.35rem .6rem;border-bottom:1px solid var(--line);text-align:right}
table.summary th[scope=row],table.summary thead th:first-child{text-align:left}
table.summary th[scope=row]{overflow-wrap:anywhere;font-weight:400}
.table-wrap{overflow-x:auto}
table.groups{border-collapse:collapse;width:100%;font-size:.95rem}
table.groups th,table.groups td{padding:.35rem .6rem;border-bottom:1px solid var(--line);text-align:right}
table.groups th[scope=row],table.groups thead th:first-child{text-align:left;font-weight:400;overflow-wrap:anywhere}
tfoot th,tfoot td{font-weight:700;border-top:2px solid var(--ink)}
figure.chart{margin:1rem 0}
svg{max-width:100%;height:auto;font:13px system-ui,sans-serif}
svg .track{fill:#eee}
svg .fill.good{fill:var(--ok)} svg .fill.fair{fill:#c98a00} svg .fill.poor{fill:var(--bad)}
svg .tick{fill:var(--muted);font-size:11px}
figcaption{color:var(--muted);font-size:.85rem}
.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.75rem;font-size:.9rem}
.essay-text{white-space:pre-wrap;overflow-wrap:anywhere;background:#fcfcfd;border:1px solid var(--line);border-radius:6px;padding:.75rem 1rem;font-size:.97rem}
.q{border-radius:3px;padding:0 .15em;color:inherit}
.q .icon{font-family:system-ui,sans-serif;font-weight:700;margin-right:.2em}
.q-correct{background:var(--ok-bg);border-bottom:2px solid var(--ok)} .q-correct .icon{color:var(--ok)}
.q-misquote{background:var(--bad-bg);border-bottom:2px dashed var(--bad)} .q-misquote .icon{color:var(--bad)}
.q-unverified{background:var(--unk-bg);border-bottom:2px dotted var(--unk)} .q-unverified .icon{color:var(--unk)}
.q-misattribution{background:var(--who-bg);border-bottom:3px double var(--who)} .q-misattribution .icon{color:var(--who)}
.q-short{background:none;border-bottom:1px dotted var(--muted)} .q-short .icon{color:var(--muted)}
sup a{font-family:system-ui,sans-serif;text-decoration:none;font-weight:700;padding:0 .15em}
.details{padding-left:1.5rem}
.detail{margin:.75rem 0;padding:.5rem .75rem;border-left:4px solid var(--line)}
.detail:target{outline:2px solid #4c6ef5}
.d-misquote,.d-unmarked{border-left-color:var(--bad)} .d-unverified{border-left-color:var(--unk)} .d-misattribution{border-left-color:var(--who)}
.verdict{margin:.1rem 0}.where{color:var(--muted);font-size:.85rem}
.message{margin:.25rem 0}.message code{font-size:.8rem;background:#f0f0f4;padding:.05em .3em;border-radius:3px}
.compare{display:grid;grid-template-columns:1fr 1fr;gap:.75rem;margin-top:.5rem}
@media (max-width:40rem){.compare{grid-template-columns:1fr}}
.side h4{margin:.2rem 0;font-size:.8rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
.side h4 small{text-transform:none;letter-spacing:0;font-weight:400}
.words{margin:0;padding:.5rem .75rem;background:#fcfcfd;border:1px solid var(--line);border-radius:6px}
.w.changed,.w.added{background:var(--bad-bg);text-decoration:line-through wavy var(--bad)}
.w.original,.w.dropped{background:var(--ok-bg);font-weight:700;text-decoration:underline var(--ok)}
.w.gap{color:var(--bad);font-weight:700}
.w.skipped{color:var(--muted);font-style:italic}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.clean{color:var(--ok);font-family:system-ui,sans-serif}
`;
