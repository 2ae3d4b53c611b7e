// SPDX-License-Identifier: GPL-3.0-or-later
// Opens a Segflow report.html in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core) and checks that it rendered: every section has its SVG charts, no console
// errors, no failed or network requests; saves a full-page screenshot.
//   node check-report.mjs OUTPUT_DIR/report.html SCREENSHOT.png
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';

const [reportPath, screenshot] = process.argv.slice(2);
if (!reportPath || !screenshot) {
  console.error('usage: node check-report.mjs REPORT.html SCREENSHOT.png');
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const problems = [];
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`failed request: ${r.url()}`));
  page.on('request', (r) => {
    if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) {
      problems.push(`network request from a self-contained page: ${r.url()}`);
    }
  });
  await page.goto(pathToFileURL(reportPath).href, { waitUntil: 'load' });
  const sections = await page.$$eval('h2', (hs) => hs.map((h) => h.textContent.trim()));
  const svgs = await page.$$eval('svg', (s) => s.map((e) => e.getBoundingClientRect().width));
  const marks = await page.$$eval('svg rect, svg circle, svg path, svg polyline, svg line',
    (els) => els.length);
  const drawn = svgs.filter((w) => w > 50).length;
  console.log(`sections: ${sections.join(' | ')}`);
  console.log(`svg charts: ${svgs.length} (${drawn} drawn wider than 50px), marks: ${marks}`);
  if (sections.length < 6) problems.push(`expected 6 sections, found ${sections.length}`);
  if (drawn < 8 || drawn !== svgs.length) problems.push(`charts not all rendered: ${drawn}/${svgs.length}`);
  if (marks < 200) problems.push(`too few chart marks: ${marks}`);
  const scripts = await page.$$eval('script:not([type="application/json"])', (s) => s.length);
  if (scripts !== 0) problems.push(`unexpected executable scripts: ${scripts}`);
  await page.screenshot({ path: screenshot, fullPage: true });
} finally {
  await browser.close();
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`report OK, screenshot ${screenshot}`);
