#!/usr/bin/env node
// The extension as a user sees it: packages verbatim.vsix (scripts/package.mjs), installs it with
// `code-server --install-extension` into a throwaway extensions folder, opens the fixture essay
// through code-server's web workbench in headless chromium (in a copy of the fixture workspace), and checks
// what is on screen as a person types (auto-closing on): squiggles, Problems rows and a code's documentation
// link, the hover (its size, the marked diff), counts by quotation in the status bar, "Add a source…" through
// VS Code's open dialog, completion as typed (an auto-closed “, words inside a passage, a typo kept and named,
// a scare quote + Enter, a blockquote line), the misquote's quick fix, Insert Quotation from the command
// palette, Fix All on three misquotes, the extension page's screenshots, .verbatim.json with the schema, and
// the Settings UI (the citation style's labels, the rule codes).
// Exit 0 pass, 1 fail. Prerequisites and knobs as run-offline.mjs (see test/vscode/README.md), plus
//   VERBATIM_SCREENSHOT=1   rewrite docs/screenshot.png and images/screenshots/*.png (the listing's;
//                           otherwise each is written only when missing)
//   VERBATIM_UI_TIMEOUT_MS  hard limit for the whole run (default 180000)
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { require, requirePrerequisites, root, runHarness, workspace } from './code-server.mjs';

const TAG = 'vscode-ui';
const timeoutMs = Number(process.env.VERBATIM_UI_TIMEOUT_MS) || 180_000;
const screenshot = path.join(root, 'docs', 'screenshot.png');
// The Marketplace listing's screenshots (docs/marketplace/README.md shows them; the .vsix ships them).
const shots = path.join(root, 'images', 'screenshots');
const rewriteShots = process.env.VERBATIM_SCREENSHOT === '1';
const wait = 30_000; // bound for any single thing to appear on screen
// The rule codes, as package.json's verbatim.rules setting documents them (the settings UI must offer each).
const RULE_CODES = Object.keys(require('./package.json').contributes.configuration.properties['verbatim.rules'].properties);

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
  // Written when asked (VERBATIM_SCREENSHOT=1) or missing, as the hover screenshot is.
  // Cropped to what it shows (the union of the given elements' boxes, with a margin): the listing
  // carries them inline, so small files.
  const shot = async (name, ...locators) => {
    const file = path.join(shots, `${name}.png`);
    if (!rewriteShots && existsSync(file)) return;
    const boxes = (await Promise.all(locators.map((l) => l.first().boundingBox()))).filter(Boolean);
    if (boxes.length !== locators.length) throw new Error(`screenshot ${name}: an element to show is not on screen`);
    const m = 16;
    const x = Math.max(0, Math.min(...boxes.map((b) => b.x)) - m);
    const y = Math.max(0, Math.min(...boxes.map((b) => b.y)) - m);
    const right = Math.min(1280, Math.max(...boxes.map((b) => b.x + b.width)) + m);
    const bottom = Math.min(800, Math.max(...boxes.map((b) => b.y + b.height)) + m);
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: file, clip: { x, y, width: right - x, height: bottom - y } });
    say(`wrote ${path.relative(root, file)}`);
  };
  // A copy of the fixture workspace: "Add a source…" writes its .verbatim.json. The source it adds is a
  // Gutenberg-style text that holds the essay's unverified quotation.
  const ws = path.join(tmp, 'workspace');
  cpSync(workspace, ws, { recursive: true });
  writeFileSync(
    path.join(ws, 'sources', 'hailsham-notes.txt'),
    'Title: Notes from Hailsham\nAuthor: Ann Example\n\nIn the end the donations were a kind of quiet festival for everyone, or so the guardians said.\n',
  );
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`);
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
  await shot('problems', page.locator('.markers-panel'), page.locator('.panel .composite.title'));

  // 2b. The code is a link to its documentation (codeDescription.href): a click opens the extension's
  // rules.md at the code's heading.
  const rulesLines = readFileSync(path.join(installed, 'server', 'out', 'rules.md'), 'utf8').split('\n');
  const headingLine = rulesLines.indexOf('## `misquote`') + 1;
  await problem.first().locator('a', { hasText: 'misquote' }).first().click();
  const rulesTab = page.locator('.tabs-container .tab.active', { hasText: 'rules.md' });
  await rulesTab.waitFor({ timeout: wait });
  const cursorAt = page.locator('.statusbar-item', { hasText: /^Ln \d+, Col \d+/ }).first();
  await page.waitForFunction(
    (want) => [...document.querySelectorAll('.statusbar-item')].some((e) => e.textContent.trim().startsWith(`Ln ${want},`)),
    headingLine,
    { timeout: wait },
  ).catch(async () => {
    throw new Error(`the misquote link opened rules.md at ${await cursorAt.innerText()}, not at line ${headingLine} (its heading)`);
  });
  say(`Problems panel: the misquote code opens rules.md at line ${headingLine}, its heading`);
  await page.keyboard.press('Control+W');
  await page.locator('.tabs-container .tab.active', { hasText: 'essay.md' }).waitFor({ timeout: wait });

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
  // At VS Code's default hover size: nothing to scroll; no internal passage id, no "line N" of the review.
  const overflow = await hover.first().evaluate((el) => {
    const box = el.querySelector('.monaco-scrollable-element');
    const content = box?.querySelector('.monaco-hover-content');
    if (!box || !content) return null;
    return { scroll: content.scrollHeight, shown: box.clientHeight, width: el.getBoundingClientRect().width, height: el.getBoundingClientRect().height };
  });
  if (!overflow) throw new Error('the hover has no scrollable content element to measure');
  if (overflow.scroll > overflow.shown + 1) throw new Error(`the hover scrolls at the default size: ${JSON.stringify(overflow)}`);
  say(`hover: ${Math.round(overflow.width)}×${Math.round(overflow.height)} px, nothing to scroll`);
  const hoverText = (await hover.first().innerText()).replace(/\s+/g, ' ').trim();
  say(`hover: ${hoverText}`);
  for (const expected of ['Misquoted: "was" where the source has "were"', 'Verbatim: misquoted']) {
    if (!hoverText.includes(expected)) throw new Error(`the hover lacks ${JSON.stringify(expected)}`);
  }
  if (/there-were-no-deferrals|\bline \d+/.test(hoverText)) throw new Error(`the hover shows an internal id or a line of the review: ${hoverText}`);
  // The word diff: the changed words marked (the essay's struck, the source's in bold or marked).
  const marked = await hover.first().evaluate((el) => [...el.querySelectorAll('del, s, strong, b, mark, ins')].map((e) => e.textContent.trim()).filter(Boolean));
  if (!marked.includes('was') || !marked.includes('were')) throw new Error(`the hover does not mark the changed words: ${JSON.stringify(marked)}`);

  if (process.env.VERBATIM_SCREENSHOT === '1' || !existsSync(screenshot)) {
    mkdirSync(path.dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot });
    say(`wrote ${path.relative(root, screenshot)}`);
  }
  await shot('hover', hover, page.locator('.monaco-editor .view-line', { hasText: 'Miss Emily is blunt' }));

  // 3b. Counts by quotation in the status bar, then "Add a source…" on the unverified quotation through
  // VS Code's own open dialog (in code-server, the simple file dialog: a path typed into a quick input).
  const statusCounts = page.locator('.statusbar-item', { hasText: /^Verbatim: \d+ ✓ \d+ ⚠$/ }).first();
  const expectStatus = async (want) =>
    page.waitForFunction(
      (w) => [...document.querySelectorAll('.statusbar-item')].some((e) => e.textContent.trim() === w),
      want,
      { timeout: wait },
    ).catch(async () => {
      throw new Error(`the status bar does not show ${JSON.stringify(want)}: ${await statusCounts.innerText().catch(() => '(no Verbatim item)')}`);
    });
  // Six quotations as the CLI counts them (the one-word “carer” found in the review among them): three
  // correct, three flagged, one finding each.
  await expectStatus('Verbatim: 3 ✓ 3 ⚠');
  say('status bar: Verbatim: 3 ✓ 3 ⚠');
  await page.keyboard.press('Escape');
  await page.mouse.move(1200, 700);
  const unverified = page.locator('.monaco-editor .view-line span', { hasText: 'quiet festival' }).first();
  await unverified.click();
  await page.keyboard.press('Control+.');
  const addSource = page.locator('.action-widget .monaco-list-row', { hasText: 'Add a source…' }).first();
  await addSource.waitFor({ timeout: wait });
  const menu = (await page.locator('.action-widget .monaco-list-row').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim()).filter(Boolean);
  say(`quick fixes on the unverified quotation: ${menu.join(' | ')}`);
  // Chosen as a person does with the keyboard: down to it, Enter.
  const addFocused = page.locator('.action-widget .monaco-list-row.focused', { hasText: 'Add a source…' });
  for (let i = 0; !(await addFocused.count()); i++) {
    if (i === menu.length) throw new Error('Add a source… never takes the focus in the quick-fix menu');
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
  const dialogInput = page.locator('.quick-input-widget .quick-input-box input');
  await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Verbatim: Add a Source' }).waitFor({ timeout: wait });
  // The dialog opens on the workspace folder; a person types the rest of the path.
  await page.waitForFunction(
    (want) => document.querySelector('.quick-input-widget .quick-input-box input')?.value === want,
    `${ws}/`,
    { timeout: 5000 },
  ).catch(async () => {
    const rowsShown = (await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').allInnerTexts()).join(' | ');
    throw new Error(`the open dialog starts at ${JSON.stringify(await dialogInput.inputValue())}, not the workspace folder (rows: ${rowsShown})`);
  });
  await dialogInput.press('End');
  await page.keyboard.type('sources/hailsham-notes.txt', { delay: 30 });
  await page.keyboard.press('Enter');
  const configPath = path.join(ws, '.verbatim.json');
  const wantConfig = `{
  // The fixture workspace of the editor integration tests (VS Code and Neovim).
  "corpora": [
    { "path": "sources/pride-and-prejudice-ch1.txt", "title": "Pride and Prejudice", "author": "Jane Austen" },
    { "path": "sources/hailsham-notes.txt", "title": "Notes from Hailsham", "author": "Ann Example" }
  ]
}
`;
  for (const deadline = Date.now() + wait; readFileSync(configPath, 'utf8') !== wantConfig; await page.waitForTimeout(250)) {
    if (Date.now() > deadline) throw new Error(`.verbatim.json after Add a source…: ${JSON.stringify(readFileSync(configPath, 'utf8'))}`);
  }
  say('Add a source… (typed into the open dialog): .verbatim.json saved with the path, title and author');
  // The quotation is now found: no unverified-quote, one more correct quotation.
  await expectStatus('Verbatim: 4 ✓ 2 ⚠');
  await page.locator('.markers-panel .monaco-list-row', { hasText: 'Unverified quotation' }).first().waitFor({ state: 'detached', timeout: wait }).catch(() => {
    throw new Error('the unverified-quote is still in the Problems panel after Add a source…');
  });
  await page.keyboard.press('Escape');
  const festivalBox = await unverified.boundingBox();
  await page.mouse.move(festivalBox.x + 10, festivalBox.y + festivalBox.height / 2);
  await page.mouse.move(festivalBox.x + festivalBox.width / 2, festivalBox.y + festivalBox.height / 2);
  const correctHover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'Verbatim: quoted correctly' });
  await correctHover.first().waitFor({ timeout: wait });
  const correctText = (await correctHover.first().innerText()).replace(/\s+/g, ' ');
  if (!correctText.includes('Notes from Hailsham')) throw new Error(`the hover does not name the added source: ${correctText}`);
  say(`the quotation is correct now: ${correctText.slice(0, 100)}…`);
  await page.mouse.move(1200, 700);
  await page.keyboard.press('Escape');
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
  await expectText('after “ (auto-closed): the passage, ” (Ishiguro), the cursor after it', 'Kathy says, “We were holding each other');
  await expectText('after “ (auto-closed): the passage, ” (Ishiguro), the cursor after it', 'always been that way” (Ishiguro)|');

  await typeLine('She admits “It was all just');
  await suggestion('It was all just a rumor').waitFor({ timeout: wait });
  await page.keyboard.press('Enter');
  await expectText('several words inside a passage', 'She admits “It was all just a rumor” (Ishiguro)');

  await typeLine('When Miss Emily explains, “there wre no defer');
  await suggestion('There were no deferrals').waitFor({ timeout: wait });
  // The typo stays as typed (nothing typed is replaced); the item says what the source has.
  const focused = page.locator('.suggest-widget.visible .monaco-list-row.focused');
  await page.waitForFunction(
    () => document.querySelector('.suggest-widget.visible .monaco-list-row.focused')?.textContent.includes('kept as typed: wre → were'),
    undefined,
    { timeout: wait },
  ).catch(async () => {
    throw new Error(`the focused item does not show the correction: ${await focused.innerText()}`);
  });
  say(`the item shows the correction: ${(await focused.innerText()).replace(/\s+/g, ' ')}`);
  // Its documentation (Ctrl+Space opens it beside the list) says so first, then the passage.
  await page.keyboard.press('Control+Space');
  const details = page.locator('.suggest-details-container .suggest-details', { hasText: 'Kept as you typed it: “wre” → “were” in the source' });
  await details.first().waitFor({ timeout: wait });
  await shot('completion', page.locator('.suggest-widget.visible'), details, page.locator('.monaco-editor .view-line', { hasText: 'When Miss Emily explains' }));
  await page.keyboard.press('Enter');
  await expectText('a misspelt opening, the list followed', 'there wre no deferrals. There never were. It was all just a rumor” (Ishiguro)');
  // The misquote it leaves is flagged, and its quick fix corrects the typo.
  // (The Problems panel, open since step 2, lists it once the server has checked the accepted text.)
  await page.locator('.markers-panel .monaco-list-row', { hasText: 'Misquoted: "wre" where the source has "were"' }).first().waitFor({ timeout: wait });
  await page.keyboard.press('Shift+F8'); // the problem before the cursor: this quotation's
  await page.locator('.marker-widget', { hasText: 'Misquoted: "wre" where the source has "were"' }).first().waitFor({ timeout: wait });
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+.');
  const replace = page.locator('.action-widget .monaco-list-row', { hasText: 'Replace with the source wording' }).first();
  await replace.waitFor({ timeout: wait });
  await shot('quick-fix', page.locator('.action-widget'), page.locator('.monaco-editor .view-line', { hasText: 'When Miss Emily explains' }));
  // The preferred fix is the one the menu opens on: Enter applies it.
  await page.locator('.action-widget .monaco-list-row.focused', { hasText: 'Replace with the source wording' }).first().waitFor({ timeout: wait });
  await page.keyboard.press('Enter');
  await expectText('the quick fix', 'When Miss Emily explains, “there were no deferrals. There never were. It was all just a rumor” (Ishiguro)');
  await page.keyboard.press('Control+End');

  await typeLine('For me, Hailsham is a “home');
  // The server is asked at every keystroke; give the last answer time to arrive before Enter.
  await page.waitForTimeout(1500);
  if (await page.locator('.suggest-widget.visible .monaco-list-row').count()) {
    throw new Error(`a list is open after a one-word scare quote: ${await page.locator('.suggest-widget.visible').innerText()}`);
  }
  await page.keyboard.press('Enter');
  await page.keyboard.type('next');
  // Rendered lines, waited for (the last keystroke may not be drawn yet).
  await page.waitForFunction(
    () => {
      const shown = [...document.querySelectorAll('.monaco-editor .view-lines .view-line')].map((l) => l.textContent.replace(/\u00a0/g, ' '));
      return shown.includes('For me, Hailsham is a “home') && shown.includes('next”');
    },
    undefined,
    { timeout: 5000 },
  ).catch(async () => {
    throw new Error(`Enter after a “home did not just break the line: ${JSON.stringify((await lines()).slice(-4))}`);
  });
  say('a “home + Enter: a new line, nothing replaced');

  // 5. Insert Quotation… from the command palette: a speaker's lines, then words with a typo, Enter.
  // (Past the ” that the “home line's Enter carried along.)
  await page.keyboard.press('Control+End');
  // A blockquote line: the list opens as the words are typed (no Ctrl+Space), Enter inserts the rest and the citation.
  await typeLine('> I found myself standing bef');
  await suggestion('I found myself standing before acres').waitFor({ timeout: wait });
  await page.keyboard.press('Enter');
  await expectText('a blockquote line', '> I found myself standing before acres of ploughed earth. I didn’t know what it was, but I stared and stared, and suddenly I felt tears run down my face (Ishiguro)');
  await page.keyboard.press('Control+End');
  await typeLine('Ruth tells Tommy, ');
  await page.keyboard.press('F1');
  await page.keyboard.type('Verbatim: Insert Quotation', { delay: 20 });
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Insert Quotation' }).first().waitFor({ timeout: wait });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Verbatim: Insert Quotation' }).waitFor({ timeout: wait });
  await page.keyboard.type('Ruth', { delay: 40 });
  const pickRows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
  await pickRows.filter({ hasText: 'ride Bramble' }).first().waitFor({ timeout: wait });
  await page.waitForTimeout(300);
  const ruthRows = (await pickRows.allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
  await shot('insert-quotation', page.locator('.quick-input-widget'), page.locator('.monaco-editor .view-line', { hasText: 'Ruth tells Tommy' }));
  if (ruthRows.length !== 4 || !ruthRows.every((r) => r.includes('Ruth — Never Let Me Go'))) {
    throw new Error(`"Ruth" in the picker does not list Ruth's four lines only: ${JSON.stringify(ruthRows)}`);
  }
  say(`picker, "Ruth": ${ruthRows.length} lines, all Ruth's`);
  await page.keyboard.type(' deferal', { delay: 40 });
  await pickRows.first().filter({ hasText: 'You should go and see her' }).waitFor({ timeout: wait });
  await page.keyboard.press('Enter');
  await expectText('Insert Quotation', 'Ruth tells Tommy, “You should go and see her. Ask for a deferral. Maybe you’ll have time. Just a little time…” (Ishiguro)');
  const end = (await lines()).join('').trimEnd();
  if (!end.endsWith('Just a little time…” (Ishiguro)')) throw new Error(`Insert Quotation left more after the citation: ${JSON.stringify(end.slice(-80))}`);

  // 5b. Fix All from the command palette (source.fixAll.verbatim) on three misquotes: the essay's own and
  // two typed in (auto-closing supplies each ”; End steps past it to type the citation).
  for (const [opening, rest] of [['Kathy: “', 'it means a lot to me, being able to do my job well'], ['Tommy: “', 'They prove we have hearts']]) {
    await typeLine(opening);
    await page.keyboard.type(rest, { delay: 15 });
    await page.keyboard.press('Escape');
    await page.keyboard.press('End');
    await page.keyboard.type(' (Ishiguro).', { delay: 15 });
  }
  for (const message of ['Misquoted: "was" where the source has "were"', 'Misquoted: "job" where the source has "work"', 'Misquoted: "hearts" where the source has "souls"']) {
    await page.locator('.markers-panel .monaco-list-row', { hasText: message }).first().waitFor({ timeout: wait });
  }
  await page.keyboard.press('F1');
  await page.keyboard.type('Fix All', { delay: 20 });
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: /^Fix All/ }).first().waitFor({ timeout: wait });
  await page.keyboard.press('Enter');
  await expectText('Fix All', 'Kathy: “it means a lot to me, being able to do my work well” (Ishiguro).');
  await expectText('Fix All', 'Tommy: “They prove we have souls” (Ishiguro).');
  await page.keyboard.press('Control+Home'); // the essay's own misquote, out of view at the top
  await expectText('Fix All', 'Miss Emily is blunt: “There were no deferrals. There never were. It was all just a rumor.”');
  await page.locator('.markers-panel .monaco-list-row', { hasText: 'Misquoted' }).first().waitFor({ state: 'detached', timeout: wait }).catch(async () => {
    throw new Error(`misquotes left after Fix All: ${(await page.locator('.markers-panel .monaco-list-row').allInnerTexts()).join(' | ')}`);
  });
  say('Fix All: no misquote left');

  // 6. The listing as VS Code shows it (the installed extension's page): its screenshots load from the package.
  await page.keyboard.press('Control+Shift+X');
  const entry = page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'Verbatim — quotation checker' }).first();
  await entry.waitFor({ timeout: wait });
  await entry.click();
  let images;
  for (const deadline = Date.now() + wait; ; ) {
    images = [];
    for (const frame of page.frames()) {
      const found = await frame
        .evaluate(() => (document.body?.textContent?.includes('quotation checker for essays') ? [...document.images].map((i) => ({ src: i.getAttribute('src'), alt: i.alt, loaded: i.complete && i.naturalWidth > 0 })) : null))
        .catch(() => null);
      if (found) images.push(...found);
    }
    if (images.length > 0 && images.every((i) => i.loaded)) break;
    if (Date.now() > deadline) throw new Error(`the extension page's screenshots did not load: ${JSON.stringify(images)}`);
    await page.waitForTimeout(300);
  }
  const shownShots = images.filter((i) => (i.src ?? '').startsWith('data:image/png;base64,'));
  if (shownShots.length !== 5) throw new Error(`the extension page shows ${shownShots.length} screenshots, not 5: ${JSON.stringify(images)}`);
  say(`extension page: ${shownShots.length} screenshots loaded (${shownShots.map((i) => i.alt).join('; ')})`);

  // 7. .verbatim.json as a person edits it: the schema's hover (no Verbatim hover), and a misspelt rule
  // code typed in (auto-closing on) is an error at the key, in the editor and the Problems panel.
  await page.keyboard.press('Control+Shift+E');
  const configRow = page.locator('.explorer-folders-view .monaco-list-row', { hasText: /^\.verbatim\.json$/ });
  await configRow.waitFor({ timeout: wait });
  await configRow.dblclick();
  await page.locator('.tabs-container .tab.active', { hasText: '.verbatim.json' }).waitFor({ timeout: wait });
  const corporaKey = page.locator('.monaco-editor .view-line span', { hasText: '"corpora"' }).first();
  await corporaKey.waitFor({ timeout: wait });
  const keyBox = await corporaKey.boundingBox();
  const schemaHover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'Corpora to check quotations against' });
  // VS Code's JSON service starts with the first JSON file: as a person would, hover again until it answers.
  for (const deadline = Date.now() + wait; ; ) {
    await page.mouse.move(keyBox.x + 4, keyBox.y + keyBox.height / 2);
    await page.mouse.move(keyBox.x + keyBox.width / 2, keyBox.y + keyBox.height / 2);
    if (await schemaHover.first().waitFor({ timeout: 2000 }).then(() => true, () => false)) break;
    if (Date.now() > deadline) throw new Error('no schema hover on "corpora" in .verbatim.json');
    await page.mouse.move(1200, 700);
    await page.keyboard.press('Escape');
  }
  const schemaText = (await schemaHover.first().innerText()).replace(/\s+/g, ' ');
  if (schemaText.includes('Verbatim:')) throw new Error(`a Verbatim hover in .verbatim.json: ${schemaText}`);
  say(`.verbatim.json: the schema's hover on "corpora": ${schemaText.slice(0, 80)}…`);
  await page.mouse.move(1200, 700);
  await page.keyboard.press('Escape');
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  // Typed as a person types, closing the key suggestions the JSON service opens.
  for (const piece of ['"rules"', ': { ', '"misquotes"', ': ', '"off"', ' },']) {
    await page.keyboard.type(piece, { delay: 30 });
    await page.keyboard.press('Escape');
  }
  await expectText('.verbatim.json, typed', '"rules": { "misquotes": "off" },');
  // (Each keystroke is checked: wait for the finished text's problem, not an intermediate one.)
  await page.locator('.markers-panel .monaco-list-row', { hasText: 'Unknown rule "misquotes"' }).first().waitFor({ timeout: wait });
  await page.waitForTimeout(1000); // VS Code's JSON service answers for the same text too
  const configRows = (await page.locator('.markers-panel .monaco-list-row').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
  // The config's group: the rows after its header, up to the essay's.
  const group = configRows.findIndex((r) => r.startsWith('.verbatim.json'));
  const next = configRows.findIndex((r, i) => i > group && r.startsWith('essay.md'));
  const ours = configRows.slice(group + 1, next < 0 ? undefined : next);
  say(`Problems panel for the config: ${ours.join(' | ')}`);
  if (!ours.some((r) => /misquotes/.test(r) && r.includes('invalid-config'))) throw new Error(`no invalid-config problem at "misquotes": ${JSON.stringify(configRows)}`);
  if (configRows.some((r) => /comment/i.test(r))) throw new Error(`the config's comment is reported: ${JSON.stringify(configRows)}`);
  // The JSON service's own word for the key is its standard one, not the rules object's type message.
  if (configRows.some((r) => r.includes('must be an object such as'))) throw new Error(`a type message for an unknown key: ${JSON.stringify(configRows)}`);
  await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: wait });
  // Typing through broken intermediate states raised no pop-up.
  const toasts = await page.locator('.notifications-toasts .notification-toast').allInnerTexts();
  if (toasts.some((t) => /verbatim/i.test(t))) throw new Error(`pop-ups while typing the config: ${JSON.stringify(toasts)}`);
  // Leave it as it was on disk.
  await page.keyboard.press('F1');
  await page.keyboard.type('File: Revert File', { delay: 20 });
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Revert File' }).first().waitFor({ timeout: wait });
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !document.querySelector('.tabs-container .tab.active.dirty'), undefined, { timeout: wait });

  // 8. The Settings UI as a person finds it: "verbatim" searched; the citation style's labels; the rules
  // setting offers every rule code, each with its description.
  await page.keyboard.press('F1');
  await page.keyboard.type('Preferences: Open User Settings', { delay: 20 });
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: 'Preferences: Open User Settings' }).first().waitFor({ timeout: wait });
  await page.keyboard.press('Enter');
  await page.locator('.settings-editor').waitFor({ timeout: wait });
  await page.keyboard.type('verbatim', { delay: 20 });
  const settingRow = (title) => page.locator('.settings-editor .setting-item-contents', { has: page.locator('.setting-item-title', { hasText: title }) }).first();
  const styleRow = settingRow('Citation Style');
  await styleRow.waitFor({ timeout: wait });
  const styles = await styleRow.locator('select').first().evaluate((el) => ({ shown: el.options[el.selectedIndex]?.text, all: [...el.options].map((o) => o.text) }));
  if (styles.shown !== 'MLA' || styles.all.join() !== 'MLA,APA,Chicago,Pandoc') throw new Error(`the citation style setting shows ${JSON.stringify(styles)}`);
  say(`Settings UI: Citation Style shows ${styles.shown} of ${styles.all.join(', ')}`);
  // (The list shows only what fits: search for the one setting.)
  await page.locator('.settings-editor .suggest-input-container textarea').first().focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('verbatim.rules', { delay: 20 });
  const rulesRow = settingRow('Rules');
  await rulesRow.waitFor({ timeout: wait });
  await rulesRow.locator('.monaco-button', { hasText: 'Add Item' }).first().click();
  const codes = RULE_CODES;
  let offered = [];
  for (const deadline = Date.now() + wait; ; await page.waitForTimeout(200)) {
    offered = await rulesRow.evaluate((el) => [...el.querySelectorAll('select')].flatMap((sel) => [...sel.options].map((o) => o.text)));
    if (codes.every((c) => offered.includes(c))) break;
    if (Date.now() > deadline) throw new Error(`the rules setting's new item does not offer every code: ${JSON.stringify(offered)}`);
  }
  say(`Settings UI: Rules → Add Item offers ${codes.length} codes and the severities (${offered.filter((o) => !codes.includes(o)).join(', ')})`);
  await page.keyboard.press('Escape');

  say('UI check PASSED');
  return 0;
});
