#!/usr/bin/env node
// The browser editor's figures, measured in Chromium against "katalog serve":
//
//   node bench/editor/editor.mjs [-n 40] [-sizes "0 1000 10000"] [-bin /path/to/katalog]
//
// For each site (0 is the shipped site; other sizes are corpora from
// bench/corpus with that many cases) it copies the site to a temporary
// folder, starts "katalog serve -drafts" on a free loopback port, opens a
// case in the editor and then, n times:
//
//   keystroke: types a word into the text, one key every 40 ms, and times
//              from the last keystroke to the frame after the preview's new
//              page is in the DOM (the editor's own measurement, debounce
//              included: window.katalogTimings); then the same in the
//              summary, a front matter field; then in the municipality
//              (every preview of the typing a sample), and a click on a
//              theme's checkbox;
//   save:      changes the summary and times from the click on "Gem" to
//              the status that says the file is saved (the server answers
//              after the rename and the folder's fsync).
//
// Once per site it uploads a photo of just under 25 MB (noise, so that it
// compresses badly) through the image field and times from choosing the file
// to the status that says it is stored (upload, sniffing, EXIF removal and
// the atomic write). Prints median, p95, min and max in ms.
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { launch, startServe } = await import(pathToFileURL(join(ROOT, 'browsertest/lib.mjs')).href);

const opt = { n: 40, sizes: '0 1000 10000', bin: '' };
for (let i = 2; i < process.argv.length; i += 2) opt[process.argv[i].replace(/^-+/, '')] = process.argv[i + 1];
opt.n = Number(opt.n);

const work = await mkdtemp(join(tmpdir(), 'katalog-bench-editor-'));
const bin = opt.bin || join(work, 'katalog');
if (!opt.bin) execFileSync('go', ['build', '-o', bin, './cmd/katalog'], { cwd: ROOT, stdio: 'inherit' });

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  const f = (x) => x.toFixed(0);
  return `median ${f(q(0.5))}  p95 ${f(q(0.95))}  min ${f(s[0])}  max ${f(s[s.length - 1])}  (n=${s.length})`;
}

// typed types text into locator, one key every 40 ms, and returns the
// editor's timings of every preview painted for it, once no preview has
// come for 600 ms.
async function typed(locator, text) {
  const page = locator.page();
  const count = () => page.evaluate(() => (window.katalogTimings || []).length);
  const before = await count();
  await locator.type(text, { delay: 40 });
  for (let n = -1; ;) {
    await page.waitForTimeout(600);
    const m = await count();
    if (m === n && m > before) break;
    n = m;
  }
  return page.evaluate((b) => window.katalogTimings.slice(b), before);
}

// site returns a folder with the site of size n (0: the shipped site).
async function site(n) {
  const dir = join(work, `site-${n}`);
  if (n === 0) {
    for (const d of ['content', 'layouts', 'assets', 'skabeloner']) await cp(join(ROOT, d), join(dir, d), { recursive: true });
    return dir;
  }
  execFileSync('go', ['run', './bench/corpus', '-n', String(n), '-seed', '1', '-repo', ROOT, '-out', dir], { cwd: ROOT, stdio: 'inherit' });
  await cp(join(ROOT, 'skabeloner'), join(dir, 'katalog', 'skabeloner'), { recursive: true });
  return join(dir, 'katalog');
}

// bigPhoto writes a JPEG of just under 25 MB.
function bigPhoto(path) {
  const prog = `package main
import ("bytes";"image";"image/jpeg";"math/rand/v2";"os")
func main() {
	w, h := 5600, 4200
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	r := rand.New(rand.NewPCG(1, 2))
	for i := range img.Pix { img.Pix[i] = byte(r.IntN(256)) }
	for q := 100; q > 50; q -= 2 {
		var b bytes.Buffer
		jpeg.Encode(&b, img, &jpeg.Options{Quality: q})
		if b.Len() < 25<<20 { os.WriteFile(os.Args[1], b.Bytes(), 0o644); return }
	}
}`;
  const dir = join(work, 'photo');
  execFileSync('mkdir', ['-p', dir]);
  execFileSync('sh', ['-c', `cat > ${dir}/main.go && cd ${dir} && (test -f go.mod || go mod init photo >/dev/null 2>&1) && go run . ${path}`], { input: prog, stdio: ['pipe', 'inherit', 'inherit'] });
}

const photo = join(work, 'foto.jpg');
bigPhoto(photo);
console.log(`photo: ${((await stat(photo)).size / 1048576).toFixed(1)} MB`);

for (const n of opt.sizes.split(/\s+/).map(Number)) {
  const dir = await site(n);
  const cases = (await readdir(join(dir, 'content', 'cases'))).filter((f) => f.endsWith('.md')).sort();
  const file = `content/cases/${n === 0 ? 'ombold-fodbold.md' : cases[Math.floor(cases.length / 2)]}`;
  const { proc: server, port } = await startServe(dir, { args: ['-drafts'], bin });
  const browser = await launch();
  const page = await browser.context.newPage();
  await page.goto(`http://127.0.0.1:${port}/_katalog/rediger/${file}`);
  await page.waitForSelector('#form:not([hidden])');
  await page.frameLocator('#preview').locator('main h1').first().waitFor({ timeout: 120000 });
  await page.locator('#f-body').press('Control+End');

  // Warm up: the editor's Renderer builds the whole site once.
  for (let i = 0; i < 3; i++) {
    const done = page.evaluate(() => new Promise((ok) => document.addEventListener('katalog:preview', ok, { once: true })));
    await page.locator('#f-body').type(` opvarm${i}`, { delay: 40 });
    await done;
  }
  const keys = [];
  for (let i = 0; i < opt.n; i++) {
    const done = page.evaluate(() => new Promise((ok) => document.addEventListener('katalog:preview', (e) => ok(e.detail), { once: true })));
    await page.locator('#f-body').type(` ord${i}`, { delay: 40 });
    keys.push(await done);
    await page.waitForTimeout(100);
  }
  // The same in a field (the summary): the front matter changes, but not
  // how the site is linked, so the server patches the site it has with the
  // case's new fields (generator/relink.go) instead of loading it again.
  const fieldKeys = [];
  for (let i = 0; i < Math.min(opt.n, 20); i++) {
    const done = page.evaluate(() => new Promise((ok) => document.addEventListener('katalog:preview', (e) => ok(e.detail), { once: true })));
    await page.locator('#f-summary').type(` ord${i}`, { delay: 40 });
    fieldKeys.push(await done);
    await page.waitForTimeout(100);
  }
  // Typing in the municipality field: every keystroke names another
  // municipality (Odense over Aalborg: "O", "Od", …), most of them new to
  // the site, so the case's terms change, and with them the term pages'
  // lists; the server patches those too. Every preview of the typing is
  // a sample.
  const muniKeys = [];
  const muni = page.locator('#f-municipality-0');
  for (let i = 0; i < Math.min(opt.n, 10); i++) {
    await muni.selectText();
    muniKeys.push(...(await typed(muni, i % 2 ? 'Aalborg' : 'Odense')));
  }
  // Ticking and unticking a theme the case does not have: the theme's
  // list and the related cases of the cases that share terms change.
  const themeClicks = [];
  const box = page.locator('#form input[type=checkbox][id^="f-themes-"]:not(:checked)').first();
  const boxID = await box.getAttribute('id');
  for (let i = 0; i < Math.min(opt.n, 20); i++) {
    const done = page.evaluate(() => new Promise((ok) => document.addEventListener('katalog:preview', (e) => ok(e.detail), { once: true })));
    await page.locator(`#${boxID}`).click();
    themeClicks.push(await done);
    await page.waitForTimeout(100);
  }
  const saves = [];
  for (let i = 0; i < Math.min(opt.n, 20); i++) {
    await page.fill('#f-summary', `Resumé nummer ${i} til målingen.`);
    const t = await page.evaluate(() => new Promise((ok) => {
      const s = document.getElementById('status');
      const t0 = performance.now();
      const obs = new MutationObserver(() => { if (s.textContent.startsWith('Gemt kl.')) { obs.disconnect(); ok(performance.now() - t0); } });
      obs.observe(s, { childList: true, characterData: true, subtree: true });
      s.textContent = '';
      document.querySelector('#form button[type=submit]').click();
    }));
    saves.push(t);
  }
  const t0 = Date.now();
  await page.setInputFiles('#f-image-file', photo);
  await page.locator('#status', { hasText: 'uden placering' }).waitFor({ timeout: 120000 });
  const upload = Date.now() - t0;

  console.log(`\n${n === 0 ? 'shipped site' : `${n} cases`} (${file})`);
  console.log(`  keystroke → preview  ${stats(keys)}  (in the text)`);
  console.log(`  keystroke → preview  ${stats(fieldKeys)}  (in the summary)`);
  console.log(`  keystroke → preview  ${stats(muniKeys)}  (in the municipality)`);
  console.log(`  click → preview      ${stats(themeClicks)}  (a theme ticked or unticked)`);
  console.log(`  Gem → on disk        ${stats(saves)}`);
  console.log(`  25 MB photo stored   ${upload} ms`);
  await browser.close();
  server.kill('SIGKILL');
  await rm(join(work, `site-${n}`), { recursive: true, force: true });
}
await rm(work, { recursive: true, force: true });
