#!/usr/bin/env node
// Renders media/icon.svg to media/icon.png (128x128, the Marketplace icon; vsce refuses SVG
// icons) with headless Chromium. Run after editing the SVG: node scripts/e2e/icon.mjs
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CHROME, REPO, playwright } from './lib.mjs';

const svg = fs.readFileSync(path.join(REPO, 'media', 'icon.svg'), 'utf8');
const browser = await playwright().chromium.launch({
  executablePath: CHROME,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: path.join(REPO, 'media', 'icon.png'), omitBackground: true });
} finally {
  await browser.close();
}
console.log('media/icon.png written');
