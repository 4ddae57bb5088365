// The browser editor (/_katalog/rediger/) of "katalog serve" in real
// Chromium, on a copy of the shipped site: a new case from the start page
// to the saved file, a one-line diff for a one-field edit, a broken field
// that writes nothing, recovery after kill -9 of the server and after a
// closed tab, a conflict with a change on disk, a photo with GPS in and
// none out, a paste from Word, keyboard only, axe on every screen, 320 px.
//
//   cd browsertest && node --test editor.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import AxeBuilder from '@axe-core/playwright';
import { ROOT, launch, collectConsole, freePort, startServe } from './lib.mjs';

const ED = '/_katalog/rediger/';
const CASE = 'content/cases/ombold-fodbold.md';
let site, server, browser, url, port;

// start runs katalog serve on the site and waits until it serves.
async function start() {
  server = (await startServe(site, { port, args: ['-drafts'] })).proc;
}

before(async () => {
  site = await mkdtemp(join(tmpdir(), 'katalog-editor-site-'));
  for (const d of ['content', 'layouts', 'assets', 'skabeloner']) await cp(join(ROOT, d), join(site, d), { recursive: true });
  port = await freePort();
  url = `http://127.0.0.1:${port}`;
  await start();
  browser = await launch();
});

after(async () => {
  if (browser) await browser.close();
  if (server && server.exitCode === null) server.kill('SIGKILL');
  if (site) await rm(site, { recursive: true, force: true });
});

const read = (p) => readFile(join(site, p), 'utf8');

// changedLines returns the lines of b that are not in a and of a that are
// not in b, as a line diff shows them (both files are short).
function changedLines(a, b) {
  const x = a.split('\n');
  const y = b.split('\n');
  return { removed: x.filter((l) => !y.includes(l)), added: y.filter((l) => !x.includes(l)) };
}

// open opens a file in the editor and waits for the form and the first
// preview.
async function open(page, path) {
  await page.goto(`${url}${ED}${path}`);
  await page.waitForSelector('#form:not([hidden])');
  await page.frameLocator('#preview').locator('main h1').first().waitFor();
}

// previewed waits until the preview shows text.
async function previewed(page, text) {
  await page.frameLocator('#preview').locator(`text=${text}`).first().waitFor({ timeout: 10000 });
}

// jpegSize reads the width and height from a JPEG's start-of-frame.
function jpegSize(b) {
  for (let i = 2; i + 9 < b.length;) {
    const marker = b[i + 1];
    const len = b.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xc3) return { width: b.readUInt16BE(i + 7), height: b.readUInt16BE(i + 5) };
    i += 2 + len;
  }
  return null;
}

// closeUnsaved closes a page with unsaved changes, accepting the
// browser's "leave the page?" question.
async function closeUnsaved(page) {
  page.on('dialog', (d) => d.accept().catch(() => {}));
  await page.close({ runBeforeUnload: true });
}

async function axe(page, what) {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  assert.deepEqual(r.violations.map((v) => `${what}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), []);
}

test('a new case from the start page to the saved file', async () => {
  const page = await browser.context.newPage();
  const problems = collectConsole(page);
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`); });
  await page.goto(`${url}${ED}`);
  await axe(page, 'start page');
  await page.check('input[name=kind][value=case]');
  await page.fill('#new-title', 'Fællesskab i opgangen');
  await page.click('#new-form button[type=submit]');
  await page.waitForURL(`${url}${ED}content/cases/faellesskab-i-opgangen.md`);
  await page.waitForSelector('#form:not([hidden])');
  const created = await read('content/cases/faellesskab-i-opgangen.md');
  assert.match(created, /^title: "Fællesskab i opgangen"$/m);

  await page.fill('#f-summary', 'Naboerne i en opgang i Aalborg spiser sammen hver torsdag.');
  await page.getByLabel('Social støtte').check();
  await page.click('text=Tilføj kommune');
  await page.keyboard.type('Aalborg');
  await page.fill('#f-body', 'Teksten om opgangen.\n\n## Torsdagsmaden\n\nMaden laves på skift.\n');
  await previewed(page, 'Torsdagsmaden');
  await axe(page, 'edit page');
  await page.click('button:text-is("Gem")');
  await page.locator('#status', { hasText: 'Gemt kl.' }).waitFor();

  const saved = await read('content/cases/faellesskab-i-opgangen.md');
  const { removed, added } = changedLines(created, saved);
  assert.deepEqual(added.sort(), [
    'Maden laves på skift.',
    'Teksten om opgangen.',
    '## Torsdagsmaden',
    'municipality: [Aalborg]',
    'summary: "Naboerne i en opgang i Aalborg spiser sammen hver torsdag."',
    'themes: [Fællesskaber, Social støtte]',
  ].sort());
  // The template's comments and every other field are as they were.
  assert.ok(saved.includes('# Overskriften på siden.'));
  assert.ok(removed.every((l) => /^(summary|themes|municipality):|^[A-Za-zÆØÅæøå`#].*/.test(l) || l === ''), removed.join('\n'));
  assert.ok(saved.endsWith('---\nTeksten om opgangen.\n\n## Torsdagsmaden\n\nMaden laves på skift.\n'));
  assert.deepEqual(problems, []);
  await page.close();
});

test('a one-field edit of a shipped case is a one-line diff; saving again writes nothing', async () => {
  const page = await browser.context.newPage();
  const before = await read(CASE);
  await open(page, CASE);
  await page.fill('#f-summary', 'Et nyt resumé af casen om fodbold.');
  await previewed(page, 'Et nyt resumé af casen om fodbold.');
  const t0 = Date.now();
  await page.click('button:text-is("Gem")');
  await page.locator('#status', { hasText: 'Gemt kl.' }).waitFor();
  console.log(`Gem → file on disk: ${Date.now() - t0} ms (status shown after the rename)`);
  const after = await read(CASE);
  const d = changedLines(before, after);
  assert.equal(d.removed.length, 1, d.removed.join('\n'));
  // The old value was in double quotes, and so is the new one.
  assert.match(d.removed[0], /^summary: "/);
  assert.deepEqual(d.added, ['summary: "Et nyt resumé af casen om fodbold."']);
  assert.equal(before.split('\n').length, after.split('\n').length);
  // Save without a change: nothing written.
  await page.click('button:text-is("Gem")');
  await page.locator('#status', { hasText: 'ingen ændringer' }).waitFor();
  assert.equal(await read(CASE), after);
  await page.close();
});

test('a broken field shows the build\'s message at the field, and nothing is written', async () => {
  const page = await browser.context.newPage();
  const before = await read(CASE);
  await open(page, CASE);
  await page.fill('#f-title', '');
  const err = page.locator('#f-title-error');
  await err.waitFor({ state: 'visible' });
  assert.equal(await page.getAttribute('#f-title', 'aria-invalid'), 'true');
  assert.match(await page.getAttribute('#f-title', 'aria-describedby'), /f-title-error/);
  assert.match(await err.textContent(), /title/);
  await page.click('button:text-is("Gem")');
  await page.locator('#status', { hasText: 'Intet er gemt' }).waitFor();
  assert.ok(await page.locator('#summary').isVisible());
  await axe(page, 'edit page with errors');
  assert.equal(await read(CASE), before);
  // Leave without saving: the journal entry is discarded by the next test's
  // fresh open (kassér).
  await closeUnsaved(page);
});

test('unsaved work survives kill -9 of the server and a closed tab', async () => {
  const p = 'content/cases/koebenhavn-forloebsprogram.md';
  let page = await browser.context.newPage();
  await open(page, p);
  const before = await read(p);
  await page.locator('#f-body').press('Control+End');
  await page.locator('#f-body').type('\nEn sætning, der ikke er gemt.');
  await page.waitForTimeout(2600); // one journal interval and a little
  server.kill('SIGKILL');
  await new Promise((ok) => server.once('exit', ok));
  await page.close();
  await start();
  // A fresh browser: only the server's journal can bring it back.
  const other = await launch();
  page = await other.context.newPage();
  await page.goto(`${url}${ED}${p}`);
  const box = page.locator('#recover');
  await box.waitFor({ state: 'visible' });
  assert.match(await box.textContent(), /Du har ændringer fra kl\. \d\d\.\d\d, som ikke er gemt\. Vil du hente dem tilbage\?/);
  await axe(page, 'recovery');
  await page.click('text=Hent dem tilbage');
  assert.ok((await page.inputValue('#f-body')).endsWith('En sætning, der ikke er gemt.'));
  await other.close();
  assert.equal(await read(p), before, 'nothing written before Gem');

  // A closed tab, well within the journal's interval: the browser's copy.
  page = await browser.context.newPage();
  await open(page, p);
  if (await page.locator('#recover').isVisible()) await page.click('text=Kassér dem');
  await page.locator('#f-body').press('Control+End');
  await page.locator('#f-body').type('\nSkrevet lige før fanen blev lukket.');
  await page.close();
  page = await browser.context.newPage();
  await page.goto(`${url}${ED}${p}`);
  await page.locator('#recover').waitFor({ state: 'visible' });
  await page.click('text=Hent dem tilbage');
  assert.ok((await page.inputValue('#f-body')).endsWith('Skrevet lige før fanen blev lukket.'));
  await closeUnsaved(page);
});

test('a change on disk while editing is a conflict: both versions shown, nothing lost', async () => {
  const p = 'content/cases/koebenhavn-forloebsprogram.md';
  const page = await browser.context.newPage();
  await open(page, p);
  if (await page.locator('#recover').isVisible()) await page.click('text=Kassér dem');
  await page.fill('#f-summary', 'Min udgave af resuméet.');
  // Someone else changes the body on disk.
  const disk = (await read(p)) + '\nEn linje skrevet i en anden editor.\n';
  await writeFile(join(site, p), disk);
  await page.click('button:text-is("Gem")');
  const dlg = page.locator('dialog[open]');
  await dlg.waitFor();
  assert.match(await dlg.locator('h2').textContent(), /Filen er ændret/);
  assert.ok(await dlg.locator('ins', { hasText: 'Min udgave af resuméet.' }).count() > 0);
  await axe(page, 'conflict dialog');
  assert.equal(await read(p), disk, 'nothing written while the dialog is open');
  await dlg.locator('button', { hasText: 'Behold min udgave' }).click();
  await page.locator('#status', { hasText: 'Gemt kl.' }).waitFor();
  const saved = await read(p);
  assert.ok(saved.includes('En linje skrevet i en anden editor.'), 'their line kept');
  assert.match(saved, /^summary: "?Min udgave af resuméet\."?$/m, 'my field saved');
  await page.close();
});

test('a photo with GPS in its EXIF is stored without it, turned, with alt text required', async () => {
  const page = await browser.context.newPage();
  await open(page, CASE);
  const photo = join(ROOT, 'browsertest', 'testdata', 'gps-foto.jpg');
  // Dropped on the text: the alt text dialog refuses "billede".
  const data = (await readFile(photo)).toString('base64');
  await page.locator('#f-body').focus();
  await page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], 'Mit Foto æøå.JPG', { type: 'image/jpeg' }));
    document.getElementById('f-body').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, data);
  const dlg = page.locator('dialog[open]');
  await dlg.waitFor();
  await axe(page, 'alt text dialog');
  await page.fill('#alt-input', 'billede');
  await dlg.locator('button', { hasText: 'Indsæt billedet' }).click();
  await page.locator('#alt-error').waitFor({ state: 'visible' });
  await page.fill('#alt-input', 'Peter med fodbolden på banen');
  await dlg.locator('button', { hasText: 'Indsæt billedet' }).click();
  await page.locator('#status', { hasText: 'uden placering' }).waitFor();
  const files = await readdir(join(site, 'content', 'cases'));
  const stored = files.find((f) => f.startsWith('mit-foto-aeoeaa'));
  assert.ok(stored, files.join(' '));
  const bytes = await readFile(join(site, 'content', 'cases', stored));
  assert.equal(bytes.includes(Buffer.from('Exif')), false, 'EXIF removed');
  // The photo is 96 × 64 with orientation 6 (turn 90°): stored upright.
  assert.deepEqual(jpegSize(bytes), { width: 64, height: 96 });
  assert.equal(bytes.includes(Buffer.from([55, 0, 0, 0, 1, 0, 0, 0, 40, 0, 0, 0])), false, 'GPS removed');
  assert.ok((await page.inputValue('#f-body')).includes(`![Peter med fodbolden på banen](${stored})`));
  await closeUnsaved(page);
});

test('a paste from Word becomes markdown in the text', async () => {
  const page = await browser.context.newPage();
  await open(page, CASE);
  await page.locator('#f-body').press('Control+End');
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.setData('text/html', '<html xmlns:o="urn:schemas-microsoft-com:office:office"><body><!--StartFragment--><p class=MsoNormal><b>Fed overskrift</b><o:p></o:p></p><p class=MsoNormal>Et afsnit med <i>kursiv</i>.<o:p></o:p></p><!--EndFragment--></body></html>');
    dt.setData('text/plain', 'Fed overskrift\nEt afsnit med kursiv.');
    document.getElementById('f-body').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  });
  const body = await page.inputValue('#f-body');
  assert.ok(body.includes('**Fed overskrift**'), body.slice(-200));
  assert.ok(body.includes('Et afsnit med *kursiv*.') || body.includes('Et afsnit med _kursiv_.'), body.slice(-200));
  assert.ok(!body.includes('MsoNormal') && !body.includes('<o:p>'));
  await closeUnsaved(page);
});

test('keyboard only: create a case, fill the form, add an image with alt text, save', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${url}${ED}`);
  // Tab to the title of the new-page form (Ny case is chosen already).
  await page.keyboard.press('Tab'); // skip link
  for (let i = 0; i < 10 && (await page.evaluate(() => document.activeElement.id)) !== 'new-title'; i++) await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'new-title');
  await page.keyboard.type('Tastaturet alene');
  await page.keyboard.press('Enter');
  await page.waitForURL(`${url}${ED}content/cases/tastaturet-alene.md`);
  await page.waitForSelector('#form:not([hidden])');
  const tabTo = async (id, max = 80) => {
    for (let i = 0; i < max; i++) {
      if ((await page.evaluate(() => document.activeElement.id)) === id) return;
      await page.keyboard.press('Tab');
    }
    assert.fail(`no keyboard path to #${id}`);
  };
  await tabTo('f-summary');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('En case skrevet uden mus.');
  await tabTo('f-themes-0');
  await page.keyboard.press('Space');
  await tabTo('f-image-file');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Space')]);
  await chooser.setFiles(join(ROOT, 'browsertest', 'testdata', 'gps-foto.jpg'));
  await page.locator('#status', { hasText: 'uden placering' }).waitFor();
  // The alt text has the focus after the upload.
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-image-alt');
  await page.keyboard.type('Et farvet prøvebillede');
  await page.keyboard.press('Control+S');
  await page.locator('#status', { hasText: 'Gemt kl.' }).waitFor();
  const saved = await read('content/cases/tastaturet-alene.md');
  assert.match(saved, /^summary: "En case skrevet uden mus\."$/m);
  assert.match(saved, /^image:\n  src: "?gps-foto(-\d+)?\.jpg"?\n  alt: "?Et farvet prøvebillede"?$/m);
  await page.close();
});

test('the editor works at 320 px, one pane at a time, and the rename dialog passes axe', async () => {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 320, height: 640 });
  for (const p of [ED, `${ED}${CASE}`]) {
    await page.goto(`${url}${p}`);
    await page.waitForLoadState('networkidle');
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 320, `${p}: ${wide} px wide at 320`);
  }
  await page.waitForSelector('#form:not([hidden])');
  assert.equal(await page.locator('#preview').isVisible(), false);
  await page.click('#toggle');
  assert.equal(await page.locator('#preview').isVisible(), true);
  assert.equal(await page.locator('#form').isVisible(), false);
  await page.click('#toggle');
  await page.click('#rename');
  await page.locator('dialog[open]').waitFor();
  await axe(page, 'rename dialog at 320 px');
  await page.keyboard.press('Escape');
  await page.close();
});

test('every served page links to its editor; the error page links to the file and line', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${url}/cases/ombold-fodbold/`);
  await page.click('a.katalog-edit');
  await page.waitForURL(`${url}${ED}${CASE}`);
  // Break a file on disk: the error page links into the editor.
  const p = 'content/cases/ombold-fodbold.md';
  const text = await read(p);
  await writeFile(join(site, p), text.replace(/^date: .*$/m, 'date: 1. maj'));
  await page.goto(`${url}/`);
  await page.waitForSelector(`a[href^="${ED}${p}#linje-"]`, { timeout: 10000 });
  await page.click(`a[href^="${ED}${p}#linje-"]`);
  await page.waitForSelector('#form:not([hidden])');
  await page.locator('#f-date-error').waitFor({ state: 'visible' });
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-date');
  await writeFile(join(site, p), text);
  await page.close();
});

test('a file whose front matter cannot be read is fixed as plain text', async () => {
  const p = 'content/cases/koebenhavn-forloebsprogram.md';
  const good = await read(p);
  const broken = good.replace(/^summary: .*$/m, 'summary: Et resumé: med et kolon');
  await writeFile(join(site, p), broken);
  const page = await browser.context.newPage();
  await page.goto(`${url}${ED}${p}`);
  await page.locator('#f-raw').waitFor();
  assert.equal(await page.getAttribute('#f-raw', 'aria-invalid'), 'true');
  await axe(page, 'plain text editor');
  // Saving it changed but still broken writes nothing.
  await page.fill('#f-raw', broken + '\nEn linje mere.\n');
  await page.click('button:text-is("Gem")');
  await page.locator('#status', { hasText: 'Intet er gemt' }).waitFor();
  assert.equal(await read(p), broken);
  await page.fill('#f-raw', broken.replace('summary: Et resumé: med et kolon', 'summary: "Et resumé: med et kolon"'));
  await page.click('button:text-is("Gem")');
  await page.locator('#status', { hasText: 'Gemt kl.' }).waitFor();
  assert.match(await read(p), /^summary: "Et resumé: med et kolon"$/m);
  await page.close();
});
