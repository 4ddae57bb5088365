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
// Needs browsertest/node_modules (cd browsertest && npm ci).
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, buildSite, serveDir, launch } from '../browsertest/lib.mjs';

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
