// `verbatim report` in a real browser: headless Chromium (Debian's, driven by
// playwright-core; never `playwright install`) opens the page from disk and
// the test reads what a person would see. In CI the browser must be there;
// elsewhere a missing browser is reported and this file's assertions skipped.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type * as Playwright from 'playwright-core';

const ROOT = resolve(__dirname, '../../..');
const CHROMIUM = process.env.VERBATIM_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
// Written where the README shows it when asked (VERBATIM_SCREENSHOT=docs/report.png), else kept out of the tree.
const SCREENSHOT = resolve(ROOT, process.env.VERBATIM_SCREENSHOT ?? '.cache/report.png');
const INSTALL = 'apt-get install -y chromium   (Debian/Ubuntu; or set VERBATIM_CHROMIUM to a Chromium binary)';

const available = existsSync(CHROMIUM);
if (!available && process.env.CI !== 'true') {
  process.stderr.write(`\nverbatim: SKIPPING the report browser test: no Chromium at ${CHROMIUM}. Install it with: ${INSTALL}\n\n`);
}

test('the HTML report in Chromium: class summary, verdicts with icons, diffs beside misquotes, no network, no script', { skip: !available && process.env.CI !== 'true' ? `no Chromium at ${CHROMIUM}; ${INSTALL}` : false, timeout: 120_000 }, async () => {
  assert.ok(available, `CI=true needs Chromium at ${CHROMIUM}: ${INSTALL}`);
  const out = join(mkdtempSync(join(tmpdir(), 'verbatim-browser-')), 'report.html');
  const made = spawnSync(process.execPath, [join(ROOT, 'server/out/cli.js'), 'report', 'test/fixtures/class', '--out', out, '--title', 'Year 12: Never Let Me Go'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);

  // Loaded at run time from node_modules: the driver is not bundled into the test.
  const { chromium } = createRequire(join(ROOT, 'package.json'))('playwright-core') as typeof Playwright;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => errors.push(m.text()));
    await page.goto(pathToFileURL(out).href);

    assert.equal(await page.title(), 'Year 12: Never Let Me Go');
    assert.equal(await page.locator('header .lede').innerText(), '3 essays, 7 quotations checked, 57.1% quoted correctly.');
    // The class summary, row by row, as shown.
    const rows = await page.locator('table.summary tr[data-essay]').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c as unknown as { innerText: string }).innerText.trim())));
    assert.deepEqual(rows, [
      ['test/fixtures/class/alice.md', '2', '2', '0', '0', '0', '100%'],
      ['test/fixtures/class/ben.md', '3', '1', '1', '1', '0', '33.3%'],
      ['test/fixtures/class/chloe/essay.markdown', '2', '1', '1', '0', '0', '50%'],
      ['All essays', '7', '4', '2', '1', '0', '57.1%'],
    ]);
    // The chart: one bar per essay, its width the accuracy, its number written beside it.
    const bars = await page.locator('figure.chart g.bar').evaluateAll((gs) => gs.map((g) => [g.querySelector('rect.fill')!.getAttribute('width'), g.querySelectorAll('text')[1].textContent]));
    assert.deepEqual(bars, [['360', '100%'], ['120', '33.3%'], ['180', '50%']]);
    assert.equal(await page.locator('figure.chart svg').isVisible(), true);

    // Every quotation highlighted with an icon and a label: readable without colour.
    const marks = await page.locator('.essay-text mark.q').evaluateAll((ms) => ms.map((m) => [m.getAttribute('data-status'), m.querySelector('.icon')!.textContent, m.querySelector('.icon')!.getAttribute('aria-label')]));
    assert.deepEqual(marks, [
      ['correct', '✓', 'Correct'],
      ['correct', '✓', 'Correct'],
      ['misquote', '✗', 'Misquoted'],
      ['correct', '✓', 'Correct'],
      ['unverified', '?', 'Unverified'],
      ['misquote', '✗', 'Misquoted'],
      ['correct', '✓', 'Correct'],
    ]);
    // Misquote and unverified marks differ by border style too, not only by colour.
    const borders = await page.locator('.essay-text mark.q').evaluateAll((ms) => [...new Set(ms.map((m) => `${m.getAttribute('data-status')} ${(globalThis as unknown as { getComputedStyle(e: unknown): { borderBottomStyle: string } }).getComputedStyle(m).borderBottomStyle}`))]);
    assert.deepEqual(borders, ['correct solid', 'misquote dashed', 'unverified dotted']);

    // Ben's misquote: the essay's words and the source's side by side, the changed word marked on each.
    const ben = page.locator('#essay-2');
    assert.equal(await ben.locator('.counts').innerText(), 'Checked: 3 Correct: 1 Misquoted: 1 Unverified: 1 Misattributed: 0 Accuracy: 33.3%');
    const detail = ben.locator('#essay-2-q1');
    assert.equal(await detail.locator('.message').innerText(), 'misquote Misquoted: "job" where the source has "work"');
    // What a screen reader reads: the difference named in words, not only shown in colour.
    assert.equal(await detail.locator('.side').nth(0).locator('.w.changed').textContent(), '[changed: job]');
    assert.equal(await detail.locator('.side').nth(1).locator('.w.original').textContent(), '[source has: work]');
    assert.equal(await detail.locator('.side').nth(0).locator('.words').textContent(), 'it means a lot to me, being able to do my [changed: job] well');
    assert.equal(await detail.locator('.side h4 small').innerText(), 'Never Let Me Go · said by Kathy · a. Characters');
    assert.equal(await ben.locator('#essay-2-q2 .searched').innerText(), 'Searched: Never Let Me Go (built-in passages).');
    // The footnote link leads to the detail.
    await ben.locator('sup a').first().click();
    assert.equal(new URL(page.url()).hash, '#essay-2-q1');

    // The essay's own HTML is shown as text, never run; nothing was fetched but the page itself.
    assert.match(await ben.locator('.essay-text').innerText(), /<script>alert\("not run"\)<\/script> & <b>tags<\/b> stay text in the report\./);
    assert.equal(await page.locator('script, img, link, iframe').count(), 0);
    assert.deepEqual(requests, [pathToFileURL(out).href]);
    assert.deepEqual(errors, []);

    await page.goto(pathToFileURL(out).href);
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    const png = readFileSync(SCREENSHOT);
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.equal(png.readUInt32BE(16), 1100);
  } finally {
    await browser.close();
  }
});
