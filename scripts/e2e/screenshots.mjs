#!/usr/bin/env node
// `npm run screenshots`: what a person sees, as PNGs in docs/images/. Starts code-server on a
// copy of examples/ with this checkout as the development extension and the fixture model, opens
// docs/faq.md and saves: the squiggles, a hover, the Problems panel, the Claims view (with
// docs/security.md open too, so it shows each claim's evidence, the first claim expanded), the
// status bar item and its actions; then the dismissed-findings list, the status bar
// with an invalid claims file, and the walkthrough. Needs `bash scripts/e2e/install.sh`. Option: --skip-build.
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  REPO,
  checkInstalled,
  keepLogs,
  launchBrowser,
  log,
  newRun,
  sh,
  startCodeServer,
  stopAll,
  stopOnSignals,
  workbenchUrl,
  writeUserSettings,
} from './lib.mjs';

const OUT = path.join(REPO, 'docs', 'images');
stopOnSignals();
let failed = false;
const run = newRun('screenshots');
try {
  checkInstalled();
  if (!process.argv.includes('--skip-build')) sh('npm', ['run', 'build', '--silent']);
  fs.cpSync(path.join(REPO, 'examples'), run.ws, { recursive: true });
  writeUserSettings(run, {
    'workbench.colorTheme': 'Default Light Modern',
    'editor.minimap.enabled': false,
    'window.commandCenter': false,
    'workbench.layoutControl.enabled': false,
    'editor.hover.delay': 150,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
  });
  // consistency.model is machine-scoped: in code-server's remote window it is read from the Remote
  // (Machine) settings, not the User ones.
  fs.mkdirSync(path.join(run.ud, 'Machine'), { recursive: true });
  fs.writeFileSync(
    path.join(run.ud, 'Machine', 'settings.json'),
    JSON.stringify({ 'consistency.model': path.join(REPO, 'test', 'fixtures', 'tiny-bert-nli') }, null, 2),
  );
  const server = await startCodeServer(run);
  const ctx = await launchBrowser(run, { viewport: { width: 1280, height: 760 }, deviceScaleFactor: 1 });
  try {
    const page = await ctx.newPage();
    await page.goto(workbenchUrl(server, run, { devPath: REPO }), { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 90_000 });
    fs.mkdirSync(OUT, { recursive: true });
    const shot = async (name, options = {}) => {
      await page.screenshot({ path: path.join(OUT, name), ...options });
      log(`docs/images/${name}`);
    };

    // Open docs/faq.md from the explorer and wait for the model's squiggles.
    await page.click('.explorer-folders-view .monaco-list-row:has-text("docs")');
    await page.click('.explorer-folders-view .monaco-list-row:has-text("faq.md")');
    await page.waitForSelector('.monaco-editor .view-lines', { timeout: 30_000 });
    await page
      .waitForFunction(
        () => /Consistency$|\bready\b/.test(document.querySelector('[id$="consistency.status"]')?.textContent ?? ''),
        undefined,
        { timeout: 90_000 },
      )
      .catch(() => undefined);
    await page.waitForSelector('.monaco-editor .squiggly-warning', { timeout: 90_000 });
    await page.waitForTimeout(800);
    await shot('squiggles.png');

    // The hover on the first flagged sentence.
    const squiggle = page.locator('.monaco-editor .squiggly-warning').first();
    const box = await squiggle.boundingBox();
    await page.mouse.move(box.x + Math.min(40, box.width / 2), box.y + box.height / 2);
    await page.waitForSelector('.monaco-hover:not(.hidden) :text("Contradicts pinned claim")', { timeout: 15_000 });
    await page.waitForTimeout(400);
    // The hover opens at a fixed height; drag its bottom edge so the links at its end show too.
    const hover = await page
      .locator('.monaco-resizable-hover')
      .first()
      .boundingBox()
      .catch(() => undefined);
    if (hover) {
      const x = hover.x + hover.width / 2;
      await page.mouse.move(x, hover.y + hover.height - 1, { steps: 4 });
      await page.mouse.down();
      await page.mouse.move(x, hover.y + hover.height + 160, { steps: 8 });
      await page.mouse.up();
      await page.waitForTimeout(400);
    }
    await shot('hover.png');
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');

    // The Problems panel.
    await page.keyboard.press('Control+Shift+M');
    await page.waitForSelector('.markers-panel .monaco-list-row', { timeout: 15_000 });
    await page.waitForTimeout(500);
    await shot('problems.png');

    // Open docs/security.md too (keeping faq.md open): the claims' evidence.
    await page.dblclick('.tabs-container .tab:has-text("faq.md")');
    await page.dblclick('.explorer-folders-view .monaco-list-row:has-text("security.md")');
    await page.waitForTimeout(1500);

    // The Claims view in its activity bar container.
    await page.click('.activitybar [aria-label^="Consistency"]');
    await page.waitForSelector(
      '.sidebar .composite.title:has-text("Claims"), .sidebar .pane-header:has-text("Claims")',
      { timeout: 15_000 },
    );
    await page.waitForSelector('.sidebar .monaco-list-row', { timeout: 15_000 });
    // Widen the side bar so the claims and their finding counts fit.
    const bar = await page.locator('.part.sidebar').boundingBox();
    await page.mouse.move(bar.x + bar.width + 1, bar.y + 300);
    await page.mouse.down();
    await page.mouse.move(bar.x + bar.width + 480, bar.y + 300, { steps: 8 });
    await page.mouse.up();
    // Expand the first claim: its supporting and contradicting sentences.
    await page.waitForSelector('.sidebar .monaco-list-row:has-text("supported by")', { timeout: 30_000 });
    await page.click(
      '.sidebar .monaco-list-row[aria-label^="Claim The service supports two factor"] .monaco-tl-twistie',
    );
    await page.waitForSelector('.sidebar .monaco-list-row:has-text("states it")', { timeout: 15_000 });
    await page.mouse.move(bar.x + 150, bar.y + 500);
    await page.waitForTimeout(800);
    await shot('claims-view.png');
    await page.mouse.move(700, 300);

    // The status bar item, then its actions.
    const status = page.locator('[id$="consistency.status"]').first();
    await status.hover();
    await page
      .waitForSelector('.monaco-hover:not(.hidden) :text("Click for actions")', { timeout: 10_000 })
      .catch(() => undefined);
    await page.waitForTimeout(300);
    const s = await status.boundingBox();
    const tip = await page
      .locator('.monaco-hover:not(.hidden)')
      .last()
      .boundingBox()
      .catch(() => null);
    const top = Math.max(0, Math.min(s.y - 6, tip ? tip.y - 8 : s.y - 6));
    const left = Math.max(0, Math.min(s.x - 300, tip ? tip.x - 8 : s.x));
    await shot('status-bar.png', { clip: { x: left, y: top, width: 1280 - left, height: s.y + s.height + 6 - top } });
    await page.mouse.move(700, 300);
    await status.click();
    await page.waitForSelector('.quick-input-widget .monaco-list-row', { timeout: 10_000 });
    await page.waitForTimeout(400);
    await shot('actions.png');
    await page.keyboard.press('Escape');

    const palette = async (command) => {
      await page.keyboard.press('Control+Shift+P');
      await page.waitForSelector('.quick-input-widget input', { timeout: 10_000 });
      await page.keyboard.type(command, { delay: 10 });
      await page.waitForTimeout(600);
      await page.keyboard.press('Enter');
    };

    // The dismissed-findings list: dismiss the FAQ's first finding, then list it.
    const faq = fs.readFileSync(path.join(run.ws, 'docs', 'faq.md'), 'utf8');
    const sentence =
      faq
        .split('\n')
        .find((line) => line.includes('does not support two factor'))
        ?.trim() ?? '';
    fs.writeFileSync(
      path.join(run.ws, '.consistency', 'dismissed.json'),
      JSON.stringify({ version: 1, dismissed: [{ claimId: 'c1', file: 'docs/faq.md', sentence }] }, null, 2) + '\n',
    );
    await page.waitForTimeout(2000);
    await palette('Consistency: Show dismissed findings');
    await page.waitForSelector('.quick-input-widget .monaco-list-row:has-text("two factor")', { timeout: 15_000 });
    await page.waitForTimeout(400);
    await shot('dismissed.png');
    await page.keyboard.press('Escape');

    // The broken-claims status: "enabled": "yes" in claims.json.
    const claimsFile = path.join(run.ws, '.consistency', 'claims.json');
    const claims = fs.readFileSync(claimsFile, 'utf8');
    fs.writeFileSync(claimsFile, claims.replace('"id": "c2",', '"id": "c2", "enabled": "yes",'));
    await page.waitForFunction(
      () => /claims file invalid/.test(document.querySelector('[id$="consistency.status"]')?.textContent ?? ''),
      undefined,
      { timeout: 30_000 },
    );
    await status.hover();
    await page.waitForTimeout(800);
    const s2 = await status.boundingBox();
    const tip2 = await page
      .locator('.monaco-hover:not(.hidden)')
      .last()
      .boundingBox()
      .catch(() => null);
    const top2 = Math.max(0, Math.min(s2.y - 6, tip2 ? tip2.y - 8 : s2.y - 6));
    const left2 = Math.max(0, Math.min(s2.x - 300, tip2 ? tip2.x - 8 : s2.x));
    await shot('claims-broken.png', {
      clip: { x: left2, y: top2, width: 1280 - left2, height: s2.y + s2.height + 6 - top2 },
    });
    fs.writeFileSync(claimsFile, claims);
    await page.mouse.move(700, 300);

    // The walkthrough.
    await palette('Welcome: Open Walkthrough');
    await page.waitForSelector('.quick-input-widget .monaco-list-row:has-text("Consistency")', { timeout: 15_000 });
    await page.click('.quick-input-widget .monaco-list-row:has-text("Consistency")');
    await page.waitForSelector(':text("Pin a claim")', { timeout: 15_000 });
    await page.waitForTimeout(1500);
    await shot('walkthrough.png');
  } finally {
    await ctx.close();
    await server.stop();
  }
} catch (error) {
  failed = true;
  log(error.stack ?? String(error));
} finally {
  await stopAll();
  keepLogs(run);
  fs.rmSync(run.dir, { recursive: true, force: true, maxRetries: 5 });
}
process.exit(failed ? 1 : 0);
