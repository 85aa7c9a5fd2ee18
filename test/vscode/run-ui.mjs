#!/usr/bin/env node
// The extension as a user sees it: packages verbatim.vsix (scripts/package.mjs), installs it with
// `code-server --install-extension` into a throwaway extensions folder, opens the fixture essay
// through code-server's web workbench in headless chromium, and checks what is on screen: a warning
// squiggle, a Problems row naming a code, and the hover's verdict over the misquote.
// Exit 0 pass, 1 fail. Prerequisites and knobs as run-offline.mjs (see test/vscode/README.md), plus
//   VERBATIM_SCREENSHOT=1   rewrite docs/screenshot.png (otherwise it is written only when missing)
//   VERBATIM_UI_TIMEOUT_MS  hard limit for the whole run (default 90000)
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { require, requirePrerequisites, root, runHarness, workspace } from './code-server.mjs';

const TAG = 'vscode-ui';
const timeoutMs = Number(process.env.VERBATIM_UI_TIMEOUT_MS) || 90_000;
const screenshot = path.join(root, 'docs', 'screenshot.png');
const wait = 30_000; // bound for any single thing to appear on screen

requirePrerequisites(TAG, 'VS Code UI check', ['playwright-core', '@vscode/vsce']);
for (const file of [require('./package.json').main, 'server/out/server.js', 'server/out/cli.js']) {
  if (!existsSync(path.join(root, file))) {
    console.log(`[${TAG}] FAILED: ${file} does not exist; run npm run build first`);
    process.exit(1);
  }
}

await runHarness(TAG, timeoutMs, async ({ say, tmp, extensionsDir, codeServerCommand, startCodeServer, newPage }) => {
  const { packageVsix } = await import('../../scripts/package.mjs');
  const vsix = await packageVsix(path.join(tmp, 'verbatim.vsix'));
  say('packaged verbatim.vsix');
  await codeServerCommand(['--install-extension', vsix]);
  const { publisher, name, version } = require('./package.json');
  const installed = path.join(extensionsDir, `${publisher}.${name}-${version}`);
  if (!existsSync(path.join(installed, 'server', 'out', 'server.js'))) {
    throw new Error(`--install-extension left no ${path.relative(tmp, installed)}/server/out/server.js`);
  }
  say(`installed it into ${path.relative(tmp, installed)}`);

  const port = await startCodeServer({
    'workbench.tips.enabled': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'chat.commandCenter.enabled': false,
    'editor.minimap.enabled': false,
    'editor.wordWrap': 'on',
    'editor.hover.delay': 200,
    // Step 4 types into the fixture essay: it must never be written back.
    'files.autoSave': 'off',
    'files.hotExit': 'off',
    'workbench.reduceMotion': 'on', // the screenshot must not catch a hover mid fade-in
  });
  const page = await newPage({ width: 1280, height: 800 });
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: wait });

  // Open the essay as a user would: double-click it in the Explorer.
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: /^essay\.md$/ });
  await row.waitFor({ timeout: wait });
  await row.dblclick();
  await page.waitForSelector('.monaco-editor .view-lines', { timeout: wait });
  say('essay.md is open');

  // 1. Squiggles: the language server ran inside the installed extension and published findings.
  const squiggles = page.locator('.monaco-editor .squiggly-warning');
  await squiggles.first().waitFor({ timeout: wait });
  say(`${await squiggles.count()} warning squiggle(s) in the editor`);

  // 2. Problems panel: a row naming the misquote code.
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+Shift+M');
  const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'misquote' });
  await problem.first().waitFor({ timeout: wait });
  const rows = await page.locator('.markers-panel .monaco-list-row').allInnerTexts();
  say(`Problems panel: ${rows.map((r) => r.replace(/\s+/g, ' ').trim()).join(' | ')}`);
  const misquoteRow = (await problem.first().innerText()).replace(/\s+/g, ' ');
  if (!misquoteRow.includes('Misquoted: "was" where the source has "were"')) {
    throw new Error(`the misquote row does not carry the finding's message: ${misquoteRow}`);
  }

  // 3. Hover: move the mouse over the misquote's squiggle (line 5 of the essay, the first squiggle).
  await page.keyboard.press('Escape');
  const box = await squiggles.first().boundingBox();
  if (!box) throw new Error('the first squiggle has no box on screen');
  await page.mouse.move(box.x + box.width / 2 - 20, box.y + box.height / 2);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'Verbatim: misquoted' });
  await hover.first().waitFor({ timeout: wait });
  // Bounded settle: the hover is on screen once its fade-in (if any) has finished.
  await page.waitForFunction(
    () => [...document.querySelectorAll('.monaco-hover:not(.hidden)')].every(
      (el) => el.getAnimations({ subtree: true }).every((a) => a.playState === 'finished'),
    ),
    undefined,
    { timeout: 5000 },
  );
  const hoverText = (await hover.first().innerText()).replace(/\s+/g, ' ').trim();
  say(`hover: ${hoverText}`);
  for (const expected of ['Misquoted: "was" where the source has "were"', 'Verbatim: misquoted']) {
    if (!hoverText.includes(expected)) throw new Error(`the hover lacks ${JSON.stringify(expected)}`);
  }

  if (process.env.VERBATIM_SCREENSHOT === '1' || !existsSync(screenshot)) {
    mkdirSync(path.dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot });
    say(`wrote ${path.relative(root, screenshot)}`);
  }
  // 4. Typing as a person types (auto-closing on, the editor's defaults): the list opens on “, and
  // Enter accepts a passage only where what was typed agrees with it. Nothing is saved.
  await page.keyboard.press('Escape');
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+End');
  const lines = async () => (await page.locator('.monaco-editor .view-lines .view-line').allInnerTexts()).map((l) => l.replace(/\u00a0/g, ' '));
  const suggestion = (hasText) => page.locator('.suggest-widget.visible .monaco-list-row', { hasText }).first();
  const typeLine = async (text) => {
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.type(text, { delay: 40 });
  };
  const expectText = async (what, expected) => {
    await page.waitForFunction(
      (want) => [...document.querySelectorAll('.monaco-editor .view-lines .view-line')].map((l) => l.textContent.replace(/\u00a0/g, ' ')).join('').includes(want),
      expected,
      { timeout: 5000 },
    ).catch(async () => {
      // (Wrapped lines are joined.)
      throw new Error(`${what}: the editor does not show ${JSON.stringify(expected)}; its last lines: ${JSON.stringify((await lines()).slice(-6))}`);
    });
    say(`${what}: ${expected}`);
  };

  await typeLine('Kathy says, “');
  await suggestion('We were holding each other').waitFor({ timeout: wait });
  await page.keyboard.press('Enter');
  await page.keyboard.type('|');
  // The cursor stands after the citation: the marker typed next lands there. (Wrapped lines are joined.)
  const joined = async () => (await lines()).join('');
  const first = await joined();
  if (!first.includes('Kathy says, “We were holding each other') || !first.includes('always been that way” (Ishiguro)|')) {
    throw new Error(`accepting after an auto-closed “ did not give the passage, ” and the citation with the cursor after it: ${JSON.stringify((await lines()).slice(-6))}`);
  }
  say('after “ (auto-closed): the passage, ” (Ishiguro), the cursor after it');

  await typeLine('She admits “It was all just');
  await suggestion('It was all just a rumor').waitFor({ timeout: wait });
  await page.keyboard.press('Enter');
  await expectText('several words inside a passage', 'She admits “It was all just a rumor” (Ishiguro)');

  await typeLine('When Miss Emily explains, “there wre no defer');
  await suggestion('There were no deferrals').waitFor({ timeout: wait });
  await page.keyboard.press('Enter');
  await expectText('a misspelt opening, the list followed', 'there wre no deferrals. There never were. It was all just a rumor” (Ishiguro)');

  await typeLine('For me, Hailsham is a “home');
  // The server is asked at every keystroke; give the last answer time to arrive before Enter.
  await page.waitForTimeout(1500);
  if (await page.locator('.suggest-widget.visible .monaco-list-row').count()) {
    throw new Error(`a list is open after a one-word scare quote: ${await page.locator('.suggest-widget.visible').innerText()}`);
  }
  await page.keyboard.press('Enter');
  await page.keyboard.type('next');
  const after = await lines();
  if (!after.includes('For me, Hailsham is a “home') || !after.includes('next”')) {
    throw new Error(`Enter after a “home did not just break the line: ${JSON.stringify(after.slice(-4))}`);
  }
  say('a “home + Enter: a new line, nothing replaced');

  say('UI check PASSED');
  return 0;
});
