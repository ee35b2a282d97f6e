// `npm run screenshot`: docs/review-comment.png, the image of a real review in the README. The
// review is rendered by the action's own renderers for a generated sample (scripts/review-html.ts)
// and photographed by the system's headless Chromium through playwright-core; no browser is
// downloaded. Needs Debian's `chromium` (and `fonts-noto-color-emoji` for the emoji).
//
//   node --import ./bench/register.mjs scripts/screenshot.ts [--out docs/review-comment.png] [--html page.html]
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { renderSampleReview, reviewPageHtml } from './review-html.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WIDTH = 900;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function arg(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
}

const out = resolve(ROOT, arg('--out') ?? 'docs/review-comment.png');
const sample = renderSampleReview();
const html = reviewPageHtml(sample);
for (const secret of sample.secrets)
  if (html.includes(secret)) throw new Error('screenshot: a generated key reached the page');
const htmlOut = arg('--html');
if (htmlOut) await writeFile(resolve(htmlOut), html);

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
try {
  const page = await browser.newPage({ viewport: { width: WIDTH, height: 800 }, deviceScaleFactor: 1 });
  // The page is self-contained: refuse any request it might still make.
  await page.route('**/*', (route) => route.abort());
  await page.setContent(html, { waitUntil: 'load' });
  await mkdir(dirname(out), { recursive: true });
  await page.screenshot({ path: out, fullPage: true, type: 'png' });
} finally {
  await browser.close();
}
const { size } = await stat(out);
process.stdout.write(`wrote ${out} (${WIDTH}px wide, ${Math.round(size / 1024)} KB)\n`);
