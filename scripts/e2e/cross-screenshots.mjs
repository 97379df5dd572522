#!/usr/bin/env node
// A cross-document finding and a quantity finding as a person sees them: code-server on a
// three-file workspace with no claims, consistency.crossCheck "workspace" and the fixture model;
// saves the hover of the contradiction in docs/images/cross-hover.png and the Problems panel (both
// sides of each pair, with related information) in docs/images/cross-problems.png. The model path is
// also written to the remote machine's settings (Machine/settings.json): consistency.model is
// machine-scoped, and code-server is a remote window. Needs `bash scripts/e2e/install.sh` and a build.
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  REPO,
  FIXTURE_MODEL,
  checkInstalled,
  keepLogs,
  launchBrowser,
  log,
  newRun,
  startCodeServer,
  stopAll,
  stopOnSignals,
  workbenchUrl,
  writeUserSettings,
} from './lib.mjs';
const OUT = path.join(REPO, 'docs', 'images');
stopOnSignals();
let failed = false;
const run = newRun('cross-screenshot');
try {
  checkInstalled();
  fs.mkdirSync(path.join(run.ws, 'docs'), { recursive: true });
  fs.writeFileSync(
    path.join(run.ws, 'docs', 'overview.md'),
    '# Overview\n\nThe gateway routes requests to the right service.\n\nThe service supports two factor authentication.\n',
  );
  fs.writeFileSync(
    path.join(run.ws, 'docs', 'faq.md'),
    '# FAQ\n\nHow do I sign in? With your email address and a password.\n\nThe service does not support two factor authentication.\n\nThe session timeout is 30 seconds.\n',
  );
  fs.writeFileSync(path.join(run.ws, 'docs', 'limits.md'), '# Limits\n\nThe session timeout is two minutes.\n');
  const extra = {
    'workbench.colorTheme': 'Default Light Modern',
    'editor.minimap.enabled': false,
    'window.commandCenter': false,
    'workbench.layoutControl.enabled': false,
    'editor.hover.delay': 150,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'consistency.crossCheck': 'workspace',
  };
  writeUserSettings(run, extra);
  fs.mkdirSync(path.join(run.ud, 'Machine'), { recursive: true });
  fs.writeFileSync(
    path.join(run.ud, 'Machine', 'settings.json'),
    JSON.stringify({ 'consistency.model': FIXTURE_MODEL, 'consistency.crossCheck': 'workspace' }, null, 2),
  );
  const server = await startCodeServer(run);
  const ctx = await launchBrowser(run, { viewport: { width: 1280, height: 760 }, deviceScaleFactor: 1 });
  try {
    const page = await ctx.newPage();
    await page.goto(workbenchUrl(server, run, { devPath: REPO }), { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 90_000 });
    fs.mkdirSync(OUT, { recursive: true });
    const shot = async (name) => {
      await page.screenshot({ path: path.join(OUT, name) });
      log(`docs/images/${name}`);
    };
    await page.click('.explorer-folders-view .monaco-list-row:has-text("docs")');
    await page.click('.explorer-folders-view .monaco-list-row:has-text("faq.md")');
    await page.waitForSelector('.monaco-editor .view-lines', { timeout: 30_000 });
    await page.waitForSelector('.monaco-editor .squiggly-warning', { timeout: 120_000 });
    await page.waitForTimeout(1500);
    const box = await page.locator('.monaco-editor .squiggly-warning').first().boundingBox();
    await page.mouse.move(box.x + Math.min(40, box.width / 2), box.y + box.height / 2);
    await page.waitForSelector('.monaco-hover:not(.hidden) :text("contradict each other")', { timeout: 20_000 });
    await page.waitForTimeout(800);
    await shot('cross-hover.png');
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Shift+M');
    await page.waitForSelector('.markers-panel .monaco-list-row', { timeout: 15_000 });
    await page.waitForTimeout(800);
    await shot('cross-problems.png');
  } finally {
    await ctx.close();
  }
} catch (error) {
  failed = true;
  console.error(String(error).slice(0, 400));
  keepLogs(run);
} finally {
  await stopAll();
}
process.exit(failed ? 1 : 0);
