#!/usr/bin/env node
// screenshots.mjs builds the catalogue, serves it on 127.0.0.1 with the
// production headers and takes the README's screenshots in Debian's
// chromium: the front page, a case, the timeline and search, at phone
// (390 px) and desktop (1280 px) width.
//
//   node scripts/screenshots.mjs [--out docs/screenshots] [--full] [--dark]
//
// --full shoots whole pages instead of the first screen; --dark emulates
// prefers-color-scheme: dark (file names then end in -moerk).
//
// It also starts "katalog serve" on a copy of the site and shoots the
// browser editor for docs/redaktoervejledning.md: the start page, a case
// in the form with its preview, a field with an error, the alternative
// text of an image and a conflict (rediger-*.png).
// Needs browsertest/node_modules (cd browsertest && npm ci).
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, buildSite, serveDir, launch, startServe } from '../browsertest/lib.mjs';

const { values: opt } = parseArgs({
  options: {
    out: { type: 'string', default: join(ROOT, 'docs', 'screenshots') },
    full: { type: 'boolean', default: false },
    dark: { type: 'boolean', default: false },
  },
});

// PAGES are the pages shown in the README, by file-name stem.
export const PAGES = [
  { name: 'forside', path: '/' },
  { name: 'case', path: '/cases/ombold-fodbold/' },
  { name: 'tidsplan', path: '/tidsplan/' },
  { name: 'soeg', path: '/soeg/?q=bolig' },
];
export const WIDTHS = [
  { name: 'mobil', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 900 },
];

const out = resolve(opt.out);
await mkdir(out, { recursive: true });
const site = await buildSite();
const server = await serveDir(site);
const browser = await launch({ colorScheme: opt.dark ? 'dark' : 'light', reducedMotion: 'reduce' });
try {
  const page = await browser.context.newPage();
  for (const w of WIDTHS) {
    await page.setViewportSize({ width: w.width, height: w.height });
    for (const p of PAGES) {
      const resp = await page.goto(server.url + p.path, { waitUntil: 'networkidle' });
      if (!resp || !resp.ok()) throw new Error(`${p.path}: status ${resp && resp.status()}`);
      if (p.path.startsWith('/soeg/')) await page.waitForSelector('.search-hit', { timeout: 5000 }).catch(() => {});
      const file = join(out, `${p.name}-${w.name}${opt.dark ? '-moerk' : ''}.png`);
      await page.screenshot({ path: file, fullPage: opt.full, animations: 'disabled', caret: 'hide' });
      console.log(file);
    }
  }
} finally {
  await browser.close();
  await server.close();
  await rm(site, { recursive: true, force: true });
}

// The editor, on a copy of the site served by "katalog serve".
const copy = await mkdtemp(join(tmpdir(), 'katalog-screenshots-'));
for (const d of ['content', 'layouts', 'assets', 'skabeloner']) await cp(join(ROOT, d), join(copy, d), { recursive: true });
const { proc: serve, url: served } = await startServe(copy);
const ed = `${served}/_katalog/rediger/`;
const CASE = 'content/cases/ombold-fodbold.md';
const shot = async (page, name) => {
  const file = join(out, `${name}${opt.dark ? '-moerk' : ''}.png`);
  await page.screenshot({ path: file, fullPage: opt.full, animations: 'disabled', caret: 'hide' });
  console.log(file);
};
const editorBrowser = await launch({ colorScheme: opt.dark ? 'dark' : 'light', reducedMotion: 'reduce' });
try {
  const page = await editorBrowser.context.newPage();
  const openCase = async () => {
    await page.goto(ed + CASE);
    await page.waitForSelector('#form:not([hidden])');
    await page.frameLocator('#preview').locator('main h1').first().waitFor({ state: 'attached' });
  };
  for (const w of WIDTHS) {
    await page.setViewportSize({ width: w.width, height: w.height });
    await page.goto(ed, { waitUntil: 'networkidle' });
    await shot(page, `rediger-start-${w.name}`);
    await openCase();
    await shot(page, `rediger-case-${w.name}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await openCase();
  await page.fill('#f-date', '');
  await page.locator('#f-date-error').waitFor({ state: 'visible' });
  await page.locator('#summary').scrollIntoViewIfNeeded();
  await shot(page, 'rediger-fejl-desktop');
  await openCase();
  await page.locator('#f-body').focus();
  const photo = await readFile(join(ROOT, 'browsertest', 'testdata', 'gps-foto.jpg'));
  await page.evaluate((b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], 'foto.jpg', { type: 'image/jpeg' }));
    document.getElementById('f-body').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, photo.toString('base64'));
  await page.locator('dialog[open]').waitFor();
  await page.fill('#alt-input', 'Peter med fodbolden på banen');
  await shot(page, 'rediger-billede-desktop');
  await page.keyboard.press('Escape');
  await openCase();
  await page.fill('#f-summary', 'Mit nye resumé af casen.');
  const text = await readFile(join(copy, CASE), 'utf8');
  await writeFile(join(copy, CASE), text.replace(/\n$/, '\n\nEt afsnit, som en kollega har tilføjet imens.\n'));
  await page.click('button:text-is("Gem")');
  await page.locator('dialog[open]').waitFor();
  await shot(page, 'rediger-konflikt-desktop');
} finally {
  await editorBrowser.close();
  serve.kill('SIGKILL');
  await rm(copy, { recursive: true, force: true });
}
