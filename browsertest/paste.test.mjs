// Paste as markdown: the editor's paste.js, with the vendored turndown.js,
// turns the clipboard HTML of Word, Word for the web, Google Docs and web
// pages (generator/editor/testdata/paste/*.html) into the markdown beside
// each (*.md), in Debian's chromium, on a page whose Content-Security-Policy
// allows no inline script, no inline style and no eval.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, launch, collectConsole } from './lib.mjs';

const UI = join(ROOT, 'generator/editor/ui');
const FIXTURES = join(ROOT, 'generator/editor/testdata/paste');
const ORIGIN = 'http://paste.test';
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'";
const PAGE = `<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<title>Indsæt</title>
<script src="/turndown.js"></script>
<script src="/paste.js"></script>
<script src="/listen.js" defer></script>
</head>
<body><label for="body">Tekst</label><textarea id="body"></textarea></body>
</html>`;
// listen.js is the page's part of the paste test: the listener the
// editor's UI will have, and a count of the input events it sees.
const LISTEN = `var area = document.getElementById('body');
window.inputs = 0;
area.addEventListener('input', function () { window.inputs++; });
area.addEventListener('paste', function (e) { window.katalogPaste.insert(area, e); });`;

let browser, page, problems;
const violations = [];
before(async () => {
  browser = await launch();
  await browser.context.route(`${ORIGIN}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    const files = { '/turndown.js': join(UI, 'turndown.js'), '/paste.js': join(UI, 'paste.js') };
    if (path === '/') {
      await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers: { 'content-security-policy': CSP }, body: PAGE });
    } else if (path === '/listen.js') {
      await route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: LISTEN });
    } else if (files[path]) {
      await route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: await readFile(files[path]) });
    } else {
      await route.fulfill({ status: 404, body: 'not found' });
    }
  });
  page = await browser.context.newPage();
  problems = collectConsole(page);
  await page.exposeFunction('reportViolation', (v) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => window.reportViolation(`${e.violatedDirective}: ${e.blockedURI}`));
  });
  await page.goto(`${ORIGIN}/`);
  assert.equal(await page.evaluate(() => typeof window.katalogPaste?.toMarkdown), 'function', 'paste.js loaded');
});
after(async () => {
  await browser?.close();
});

const toMarkdown = (html) => page.evaluate((h) => window.katalogPaste.toMarkdown(h), html);

const names = (await readdir(FIXTURES)).filter((n) => n.endsWith('.html')).sort();

test('there are at least two fixtures from each source, each with its markdown', async () => {
  for (const source of ['word', 'word365', 'gdocs', 'web']) {
    const mine = names.filter((n) => n.startsWith(`${source}-`) && !(source === 'word' && n.startsWith('word365-')));
    assert.ok(mine.length >= 2, `${source}: ${mine.join(', ')}`);
  }
  const all = await readdir(FIXTURES);
  for (const n of names) assert.ok(all.includes(n.replace(/\.html$/, '.md')), `${n} has no .md`);
});

for (const name of names) {
  test(`${name} becomes its markdown`, async () => {
    const html = await readFile(join(FIXTURES, name), 'utf8');
    const want = (await readFile(join(FIXTURES, name.replace(/\.html$/, '.md')), 'utf8')).replace(/\n$/, '');
    const got = await toMarkdown(html);
    if (got !== want) console.log(`--- ${name}: got\n${got}\n--- want\n${want}\n---`);
    assert.equal(got, want);
    assert.doesNotMatch(got, /<\/?[a-z][^>]*>/i, 'no HTML is left');
    assert.doesNotMatch(got, /[ \t]$/m, 'no trailing white space');
    assert.doesNotMatch(got, /\n\n\n/, 'at most one blank line in a row');
  });
}

test('links keep http(s) and mailto addresses only; other links keep their text', async () => {
  const md = await toMarkdown('<p><a href="javascript:alert(1)">Klik</a>, <a href="file:///C:/x.docx">fil</a>, ' +
    '<a href="#_Toc1">afsnit</a>, <a href="mailto:post@example.dk">skriv</a> og <a href="https://example.dk/a_b">se</a>.</p>');
  assert.equal(md, 'Klik, fil, afsnit, [skriv](mailto:post@example.dk) og [se](https://example.dk/a_b).');
});

test('text that looks like markdown is escaped, and only that', async () => {
  const cases = [
    ['<p>1. januar trådte loven i kraft</p>', '1\\. januar trådte loven i kraft'],
    ['<p>- ikke en liste</p>', '\\- ikke en liste'],
    ['<p># ikke en overskrift</p>', '\\# ikke en overskrift'],
    ['<p>bolig_støtte og 2 * 3 og *stjerne*</p>', 'bolig_støtte og 2 * 3 og \\*stjerne\\*'],
    ['<p>Se [1] og <b>fed</b>-tekst, -5 grader</p>', 'Se [1] og **fed**-tekst, -5 grader'],
    ['<p>Skriv &lt;div&gt; og a &lt; b &amp; c</p>', 'Skriv \\<div> og a < b & c'],
    ['<p>C:\\mappe\\fil og \\*</p>', 'C:\\mappe\\fil og \\\\\\*'],
    ['<p>»Et hjem« og „mit sted“ – æ, ø, å, Æ, Ø, Å</p>', '»Et hjem« og „mit sted“ – æ, ø, å, Æ, Ø, Å'],
  ];
  for (const [html, want] of cases) assert.equal(await toMarkdown(html), want, html);
});

test('punctuation at the edge of bold that touches a word goes outside the stars', async () => {
  assert.equal(await toMarkdown('<p><span style="font-weight:bold">Bemærk:</span>Tekst og ord<b>(fed)</b>er</p>'), '**Bemærk**:Tekst og ord(**fed**)er');
  assert.equal(await toMarkdown('<p><b>Bemærk:</b> tekst</p>'), '**Bemærk:** tekst');
});

test('empty and image-only pastes give no markdown', async () => {
  assert.equal(await toMarkdown(''), '');
  assert.equal(await toMarkdown('<meta charset="utf-8"><img src="https://example.dk/a.jpg" alt="Et billede">'), '');
});

test('a paste with HTML on a textarea inserts the markdown at the selection and fires input', async () => {
  const result = await page.evaluate(() => {
    const area = document.getElementById('body');
    area.value = 'Før.\n\nEfter.';
    area.focus();
    area.setSelectionRange(6, 6);
    window.inputs = 0;
    const data = new DataTransfer();
    data.setData('text/html', '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1"><p dir="ltr"><span style="font-weight:700">Fed</span><span> og </span><span style="font-style:italic">kursiv</span></p></b>');
    data.setData('text/plain', 'Fed og kursiv');
    const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
    area.dispatchEvent(event);
    return { value: area.value, prevented: event.defaultPrevented, inputs: window.inputs, caret: area.selectionStart };
  });
  assert.deepEqual(result, { value: 'Før.\n\n**Fed** og *kursiv*Efter.', prevented: true, inputs: 1, caret: 25 });
});

test('a paste with only plain text is left to the browser', async () => {
  const result = await page.evaluate(() => {
    const area = document.getElementById('body');
    area.value = 'Tekst';
    area.focus();
    window.inputs = 0;
    const data = new DataTransfer();
    data.setData('text/plain', 'bare tekst');
    const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
    area.dispatchEvent(event);
    return { value: area.value, prevented: event.defaultPrevented, inputs: window.inputs };
  });
  assert.deepEqual(result, { value: 'Tekst', prevented: false, inputs: 0 });
});

test('the page ran under its CSP with no violation and no console error', async () => {
  assert.deepEqual(violations, []);
  assert.deepEqual(problems, []);
});
