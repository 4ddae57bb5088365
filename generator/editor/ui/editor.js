// The browser editor of "katalog serve" (/_katalog/rediger/). Plain
// JavaScript, no framework, under the site's strict CSP: no inline script or
// style, no eval. The server (package editor, doc.go) owns the files; this
// script builds the form from the schema the server sends, shows the page
// as the site's own layouts render it while the editor types, journals
// unsaved work every 2 seconds, saves, and shows conflicts.
(() => {
  'use strict';

  const token = document.querySelector('meta[name="katalog-token"]').content;
  const main = document.getElementById('main');
  const prefix = main.dataset.prefix;
  const JOURNAL_EVERY = 2000; // ms: at most this much typing is lost
  const PREVIEW_WAIT = 40; // ms after the last keystroke, while previews are slow
  const FAST_PREVIEW = 80; // ms: a preview answered within this is sent at once

  // api calls the editor's API: JSON in and out, with the session token
  // (the browser adds the Origin header to every POST).
  async function api(method, path, body, extra = {}) {
    const opts = { method, headers: { 'X-Katalog-Token': token }, signal: extra.signal };
    if (body !== undefined) {
      if (body instanceof Blob) {
        opts.body = body;
      } else {
        opts.headers['Content-Type'] = 'application/json';
        opts.body = JSON.stringify(body);
      }
    }
    const res = await fetch(prefix + path, opts);
    let data = {};
    try { data = await res.json(); } catch (e) { /* an empty answer */ }
    return { status: res.status, ok: res.ok, data };
  }

  const el = (tag, attrs = {}, ...children) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === false || v === null || v === undefined) continue;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else if (k.startsWith('data-') || k.startsWith('aria-') || k === 'for' || k === 'role') e.setAttribute(k, v);
      else e[k] = v;
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
  };

  const clock = (d) => d.toLocaleTimeString('da-DK', { hour: '2-digit', minute: '2-digit' }).replace(':', '.');

  // ---------------------------------------------------------------------
  // The start page: a filter over the list and the form for a new page.
  function startPage() {
    const filter = document.getElementById('filter');
    const count = document.getElementById('filter-count');
    const items = [...document.querySelectorAll('.files li')];
    filter.addEventListener('input', () => {
      const q = filter.value.trim().toLocaleLowerCase('da');
      let shown = 0;
      for (const li of items) {
        const hit = !q || li.textContent.toLocaleLowerCase('da').includes(q);
        li.hidden = !hit;
        if (hit) shown++;
      }
      count.textContent = q ? `${shown} ${shown === 1 ? 'side passer' : 'sider passer'} på »${filter.value.trim()}«.` : '';
    });

    const form = document.getElementById('new-form');
    const title = document.getElementById('new-title');
    const error = document.getElementById('new-error');
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const kind = form.elements.kind.value;
      if (!title.value.trim()) {
        showFieldError(title, error, 'Skriv en titel.');
        title.focus();
        return;
      }
      const res = await api('POST', 'api/new', { kind, title: title.value });
      if (res.status === 201) {
        location.href = prefix + res.data.path;
        return;
      }
      showFieldError(title, error, res.data.error || 'Siden kunne ikke oprettes.');
      title.focus();
    });
    title.addEventListener('input', () => showFieldError(title, error, ''));
  }

  function showFieldError(input, p, msg) {
    p.textContent = msg;
    p.hidden = !msg;
    if (msg) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
  }

  // ---------------------------------------------------------------------
  // The form of one file.
  //
  // state.original holds the file's fields as the server read them; a save
  // sends only the keys whose value differs from it, so an untouched field
  // never changes a byte of the file.
  const state = {
    path: main.dataset.path,
    version: '',
    original: {},
    body: '',
    form: [],
    inputs: {}, // key → { collect(), set(value), focus(), describe(msg) }
    dirty: false,
    problems: [],
    journalled: '', // the last journalled request, as JSON
    saving: false,
  };

  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

  function fieldID(key) { return 'f-' + key; }

  // Each kind of input returns an object that reads and writes its value in
  // the file's terms, given the original value (so that what the editor did
  // not touch comes back as it was).
  const builders = {
    text(f, v) { return textInput(f, v, 'text'); },
    url(f, v) { return textInput(f, v, 'url'); },
    date(f, v) { return textInput(f, v, 'date'); },
    number(f, v) {
      const w = textInput(f, v, 'text');
      w.input.inputMode = 'numeric';
      const text = w.collect;
      w.collect = () => {
        const s = text();
        if (s === undefined) return undefined;
        return /^-?\d+$/.test(s) ? Number(s) : s;
      };
      return w;
    },
    textarea(f, v) {
      const input = el('textarea', { id: fieldID(f.key), rows: 3 });
      input.value = v == null ? '' : String(v);
      return simple(f, input, v, () => input.value);
    },
    bool(f, v) {
      const input = el('input', { type: 'checkbox', id: fieldID(f.key) });
      input.checked = v === true;
      const wrap = el('div', { class: 'field check' });
      const label = el('label', { for: input.id }, input, ' ' + f.label);
      const help = helpOf(f);
      const err = el('p', { class: 'field-error', id: fieldID(f.key) + '-error', hidden: true });
      wrap.append(label, help, err);
      describe(input, help, err);
      return {
        node: wrap, input,
        collect: () => (v === undefined && !input.checked ? undefined : input.checked),
        set(x) { input.checked = x === true; },
        error: (msg) => setError([input], err, msg),
      };
    },
    select(f, v) {
      const input = el('select', { id: fieldID(f.key) });
      input.append(el('option', { value: '', text: 'Vælg …' }));
      for (const o of f.options || []) input.append(el('option', { value: o.value, text: o.label }));
      if (v != null && ![...input.options].some((o) => o.value === String(v))) input.append(el('option', { value: v, text: v }));
      input.value = v == null ? '' : String(v);
      return simple(f, input, v, () => input.value);
    },
    checkboxes(f, v) { return checkboxes(f, v); },
    list(f, v) { return list(f, v); },
    sources(f, v) { return sources(f, v); },
    image(f, v) { return image(f, v); },
  };

  function helpOf(f) {
    return f.help ? el('p', { class: 'help', id: fieldID(f.key) + '-help', text: f.help }) : null;
  }

  function describe(input, help, err) {
    input.setAttribute('aria-describedby', [help && help.id, err.id].filter(Boolean).join(' '));
  }

  function setError(inputs, err, msg) {
    err.textContent = msg || '';
    err.hidden = !msg;
    for (const i of inputs) {
      if (msg) i.setAttribute('aria-invalid', 'true'); else i.removeAttribute('aria-invalid');
    }
  }

  // simple wraps one labelled input. read returns the text; an empty text
  // for a key the file does not have is no change.
  function simple(f, input, v, read) {
    const label = el('label', { for: input.id }, f.label, f.required ? el('span', { class: 'req', text: ' (skal udfyldes)' }) : null);
    const help = helpOf(f);
    const err = el('p', { class: 'field-error', id: fieldID(f.key) + '-error', hidden: true });
    describe(input, help, err);
    if (f.required) input.setAttribute('aria-required', 'true');
    return {
      node: el('div', { class: 'field' }, label, help, input, err),
      input,
      collect() {
        const s = read();
        if (v === undefined && s === '') return undefined;
        if (v != null && String(v) === s) return v;
        return s;
      },
      set(x) { input.value = x == null ? '' : String(x); },
      error: (msg) => setError([input], err, msg),
    };
  }

  function textInput(f, v, type) {
    const input = el('input', { type, id: fieldID(f.key), autocomplete: 'off' });
    input.value = v == null ? '' : String(v);
    return simple(f, input, v, () => input.value.trim() === input.value ? input.value : input.value.trim());
  }

  function group(f) {
    const fs = el('fieldset', { class: 'field group', id: fieldID(f.key) });
    fs.append(el('legend', {}, f.label, f.required ? el('span', { class: 'req', text: ' (skal udfyldes)' }) : null));
    const help = helpOf(f);
    if (help) fs.append(help);
    const err = el('p', { class: 'field-error', id: fieldID(f.key) + '-error', hidden: true });
    fs.setAttribute('aria-describedby', [help && help.id, err.id].filter(Boolean).join(' '));
    return { fs, err };
  }

  // checkboxes: themes by title, principles by number. Values in the file
  // that are not among the choices stay as checked boxes of their own.
  function checkboxes(f, v) {
    const { fs, err } = group(f);
    const orig = Array.isArray(v) ? v : v == null ? [] : [v];
    const opts = [...(f.options || [])];
    for (const x of orig) if (!opts.some((o) => same(o.value, x))) opts.push({ value: x, label: `${x} (ukendt)` });
    const boxes = opts.map((o, i) => {
      const box = el('input', { type: 'checkbox', id: `${fieldID(f.key)}-${i}` });
      box.checked = orig.some((x) => same(x, o.value));
      box.dataset.value = JSON.stringify(o.value);
      fs.append(el('label', { class: 'check', for: box.id }, box, ' ' + o.label));
      return box;
    });
    fs.append(err);
    const collect = () => {
      const on = boxes.filter((b) => b.checked).map((b) => JSON.parse(b.dataset.value));
      const kept = orig.filter((x) => on.some((y) => same(x, y)));
      const added = on.filter((y) => !orig.some((x) => same(x, y)));
      const out = kept.concat(added);
      if (v === undefined && out.length === 0) return undefined;
      if (same(out, orig) && v !== undefined) return v;
      return out;
    };
    return {
      node: fs, input: boxes[0],
      collect,
      set(x) {
        const want = Array.isArray(x) ? x : x == null ? [] : [x];
        for (const b of boxes) b.checked = want.some((y) => same(y, JSON.parse(b.dataset.value)));
      },
      error: (msg) => setError(boxes, err, msg),
    };
  }

  // list: one text input per item, with "Tilføj". With f.single a list of
  // one item is written as one text (municipality: Aalborg) when the file
  // had one text or nothing.
  function list(f, v) {
    const { fs, err } = group(f);
    const items = el('ul', { class: 'items' });
    const dl = f.options && f.options.length ? el('datalist', { id: fieldID(f.key) + '-forslag' }) : null;
    if (dl) for (const o of f.options) dl.append(el('option', { value: o.value }));
    const inputs = [];
    let n = 0;
    const add = (value, focus) => {
      const id = `${fieldID(f.key)}-${n++}`;
      const input = el('input', { type: 'text', id, autocomplete: 'off' });
      if (dl) input.setAttribute('list', dl.id);
      input.value = value;
      const remove = el('button', { type: 'button', class: 'small', text: 'Fjern' });
      remove.setAttribute('aria-label', `Fjern ${f.label.toLocaleLowerCase('da')} ${inputs.length + 1}`);
      const li = el('li', {}, el('label', { for: id, class: 'visually-hidden', text: `${f.label} ${inputs.length + 1}` }), input, remove);
      remove.addEventListener('click', () => {
        inputs.splice(inputs.indexOf(input), 1);
        li.remove();
        changed();
        addButton.focus();
      });
      items.append(li);
      inputs.push(input);
      if (focus) input.focus();
    };
    const orig = Array.isArray(v) ? v : v == null || v === '' ? [] : [v];
    for (const x of orig) add(String(x));
    const addButton = el('button', { type: 'button', class: 'small', text: `Tilføj ${f.label.toLocaleLowerCase('da')}` });
    addButton.addEventListener('click', () => { add('', true); });
    fs.append(items, addButton, err);
    if (dl) fs.append(dl);
    return {
      node: fs, input: inputs[0] || addButton,
      collect() {
        const out = inputs.map((i) => i.value.trim()).filter((s) => s !== '');
        const fromOrig = out.map((s) => (orig.some((x) => String(x) === s) ? orig.find((x) => String(x) === s) : s));
        if (v === undefined && out.length === 0) return undefined;
        if (same(fromOrig, orig)) return v;
        if (f.single && out.length === 1 && !Array.isArray(v)) return out[0];
        return fromOrig;
      },
      set(x) {
        for (const li of [...items.children]) li.remove();
        inputs.length = 0;
        for (const s of Array.isArray(x) ? x : x == null || x === '' ? [] : [x]) add(String(s));
      },
      error: (msg) => setError(inputs, err, msg),
    };
  }

  // sources: repeatable groups of title, publisher, url and year. Keys of a
  // source the form does not show (material …) are kept.
  const sourceParts = [
    ['title', 'Titel'], ['publisher', 'Udgiver'], ['url', 'Adresse (https://…)'], ['year', 'Årstal'],
  ];
  function sources(f, v) {
    const { fs, err } = group(f);
    const orig = Array.isArray(v) ? v : [];
    const rows = [];
    const box = el('div', { class: 'sources' });
    let n = 0;
    const add = (src, focus) => {
      const i = n++;
      const row = { src, inputs: {} };
      const sec = el('fieldset', { class: 'source' });
      const legend = el('legend', {});
      sec.append(legend);
      for (const [k, label] of sourceParts) {
        const id = `${fieldID(f.key)}-${i}-${k}`;
        const input = el('input', { type: k === 'url' ? 'url' : 'text', id, autocomplete: 'off' });
        if (k === 'year') input.inputMode = 'numeric';
        input.value = src && src[k] != null ? String(src[k]) : '';
        row.inputs[k] = input;
        sec.append(el('div', { class: 'field' }, el('label', { for: id, text: label }), input));
      }
      const remove = el('button', { type: 'button', class: 'small', text: 'Fjern kilden' });
      remove.addEventListener('click', () => {
        rows.splice(rows.indexOf(row), 1);
        sec.remove();
        number();
        changed();
        addButton.focus();
      });
      sec.append(remove);
      row.sec = sec;
      rows.push(row);
      box.append(sec);
      number();
      if (focus) row.inputs.title.focus();
    };
    const number = () => rows.forEach((r, i) => { r.sec.querySelector('legend').textContent = `Kilde ${i + 1}`; });
    for (const s of orig) add(s && typeof s === 'object' ? s : { title: String(s) });
    const addButton = el('button', { type: 'button', class: 'small', text: 'Tilføj kilde' });
    addButton.addEventListener('click', () => add(null, true));
    fs.append(box, addButton, err);
    return {
      node: fs, input: addButton,
      collect() {
        const out = rows.map((r) => {
          const s = { ...(r.src || {}) };
          for (const [k] of sourceParts) {
            const t = r.inputs[k].value.trim();
            if (t === '') {
              delete s[k];
            } else if (r.src && r.src[k] != null && String(r.src[k]) === t) {
              s[k] = r.src[k];
            } else {
              s[k] = k === 'year' && /^\d+$/.test(t) ? Number(t) : t;
            }
          }
          return s;
        }).filter((s) => Object.keys(s).length > 0);
        if (v === undefined && out.length === 0) return undefined;
        if (same(out, orig)) return v;
        return out;
      },
      set(x) {
        for (const r of rows) r.sec.remove();
        rows.length = 0;
        for (const s of Array.isArray(x) ? x : []) add(s);
      },
      error: (msg) => setError(rows.flatMap((r) => Object.values(r.inputs)), err, msg),
    };
  }

  // image: the picture at the top of a case: a file beside the page and
  // its alternative text. "Vælg billede" uploads one.
  function image(f, v) {
    const { fs, err } = group(f);
    const orig = v && typeof v === 'object' ? v : null;
    const id = fieldID(f.key);
    const src = el('input', { type: 'text', id: id + '-src', autocomplete: 'off' });
    const alt = el('input', { type: 'text', id: id + '-alt', autocomplete: 'off' });
    src.value = orig && orig.src ? orig.src : '';
    alt.value = orig && orig.alt ? orig.alt : '';
    const altHelp = el('p', { class: 'help', id: id + '-alt-help', text: 'Beskriv, hvad billedet viser, for dem der ikke kan se det.' });
    alt.setAttribute('aria-describedby', `${altHelp.id} ${err.id}`);
    const file = el('input', { type: 'file', id: id + '-file', accept: 'image/jpeg,image/png' });
    file.addEventListener('change', async () => {
      if (!file.files.length) return;
      const stored = await uploadImage(file.files[0]);
      if (stored) {
        src.value = stored;
        changed();
        alt.focus();
      }
      file.value = '';
    });
    fs.append(
      el('div', { class: 'field' }, el('label', { for: src.id, text: 'Filnavn' }), src),
      el('div', { class: 'field' }, el('label', { for: file.id, text: 'Vælg et billede (JPEG eller PNG, højst 25 MB)' }), file),
      el('div', { class: 'field' }, el('label', { for: alt.id, text: 'Alt-tekst' }), altHelp, alt),
      err,
    );
    return {
      node: fs, input: src,
      collect() {
        const s = src.value.trim();
        const a = alt.value.trim();
        if (!s && !a) return orig ? null : undefined;
        const out = { ...(orig || {}), src: s, alt: a };
        if (orig && same(out, orig)) return v;
        return out;
      },
      set(x) {
        src.value = x && x.src ? x.src : '';
        alt.value = x && x.alt ? x.alt : '';
      },
      error: (msg) => setError([src, alt], err, msg),
    };
  }

  // ---------------------------------------------------------------------
  // The body: a textarea with a small markdown toolbar.
  function bodyField(text) {
    const input = el('textarea', { id: 'f-body', rows: 18, spellcheck: true });
    input.value = text;
    const help = el('p', { class: 'help', id: 'f-body-help', text: 'Skriv med markdown: ## for en mellemrubrik, **fed**, *kursiv*. Du kan indsætte tekst fra Word og Google Docs og trække billeder hertil.' });
    const err = el('p', { class: 'field-error', id: 'f-body-error', hidden: true });
    describe(input, help, err);
    const bar = el('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Formatering', 'aria-controls': input.id });
    const tools = [
      ['Overskrift', () => linePrefix(input, '## '), ''],
      ['Fed', () => wrap(input, '**', '**', 'fed tekst'), 'Ctrl+B'],
      ['Kursiv', () => wrap(input, '*', '*', 'kursiv tekst'), 'Ctrl+I'],
      ['Link', () => link(input), 'Ctrl+K'],
      ['Liste', () => linePrefix(input, '- '), ''],
      ['Citat', () => linePrefix(input, '> '), ''],
      ['Tabel', () => insert(input, '\n| Overskrift | Overskrift |\n| --- | --- |\n| Tekst | Tekst |\n'), ''],
    ];
    const buttons = tools.map(([name, fn, keys], i) => {
      const b = el('button', { type: 'button', class: 'tool', text: name, tabIndex: i === 0 ? 0 : -1 });
      if (keys) {
        b.setAttribute('aria-keyshortcuts', keys.replace('Ctrl', 'Control'));
        b.title = `${name} (${keys})`;
      }
      b.addEventListener('click', () => { fn(); input.focus(); });
      bar.append(b);
      return b;
    });
    // One tab stop for the toolbar; arrow keys move within it.
    bar.addEventListener('keydown', (ev) => {
      const i = buttons.indexOf(document.activeElement);
      if (i < 0) return;
      let j = -1;
      if (ev.key === 'ArrowRight') j = (i + 1) % buttons.length;
      if (ev.key === 'ArrowLeft') j = (i - 1 + buttons.length) % buttons.length;
      if (ev.key === 'Home') j = 0;
      if (ev.key === 'End') j = buttons.length - 1;
      if (j < 0) return;
      ev.preventDefault();
      buttons[i].tabIndex = -1;
      buttons[j].tabIndex = 0;
      buttons[j].focus();
    });
    input.addEventListener('keydown', (ev) => {
      if (!(ev.ctrlKey || ev.metaKey) || ev.altKey) return;
      const k = ev.key.toLowerCase();
      if (k === 'b') wrap(input, '**', '**', 'fed tekst');
      else if (k === 'i') wrap(input, '*', '*', 'kursiv tekst');
      else if (k === 'k') link(input);
      else return;
      ev.preventDefault();
    });
    input.addEventListener('paste', (ev) => {
      const files = [...(ev.clipboardData ? ev.clipboardData.files : [])].filter(isImage);
      if (files.length) {
        ev.preventDefault();
        placeImage(input, files[0]);
        return;
      }
      if (window.katalogPaste) window.katalogPaste.insert(input, ev);
    });
    input.addEventListener('dragover', (ev) => {
      if ([...ev.dataTransfer.items].some((i) => i.kind === 'file')) {
        ev.preventDefault();
        input.classList.add('drop');
      }
    });
    input.addEventListener('dragleave', () => input.classList.remove('drop'));
    input.addEventListener('drop', (ev) => {
      input.classList.remove('drop');
      const files = [...ev.dataTransfer.files].filter(isImage);
      if (!files.length) return;
      ev.preventDefault();
      placeImage(input, files[0]);
    });
    const label = el('label', { for: input.id, text: 'Tekst' });
    const node = el('div', { class: 'field body' }, label, help, bar, input, err);
    return {
      node, input,
      collect: () => input.value,
      set(x) { input.value = x; },
      error: (msg) => setError([input], err, msg),
    };
  }

  // insert types text at the selection, so that undo works.
  function insert(input, text) {
    input.focus();
    if (!document.execCommand || !document.execCommand('insertText', false, text)) {
      input.setRangeText(text, input.selectionStart, input.selectionEnd, 'end');
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }
  }

  function wrap(input, before, after, placeholder) {
    const { selectionStart: s, selectionEnd: e, value } = input;
    const sel = value.slice(s, e) || placeholder;
    insert(input, before + sel + after);
    input.setSelectionRange(s + before.length, s + before.length + sel.length);
  }

  function link(input) {
    const { selectionStart: s, selectionEnd: e, value } = input;
    const text = value.slice(s, e) || 'linktekst';
    insert(input, `[${text}](https://)`);
    const at = s + text.length + 3;
    input.setSelectionRange(at, at + 'https://'.length);
  }

  function linePrefix(input, prefix) {
    const { selectionStart: s, selectionEnd: e, value } = input;
    const start = value.lastIndexOf('\n', s - 1) + 1;
    let end = value.indexOf('\n', e);
    if (end < 0) end = value.length;
    const lines = value.slice(start, end).split('\n').map((l) => (l.startsWith(prefix) ? l : prefix + l));
    input.setSelectionRange(start, end);
    insert(input, lines.join('\n'));
  }

  const isImage = (f) => /^image\/(jpeg|png)$/.test(f.type) || /\.(jpe?g|png)$/i.test(f.name);

  // uploadImage stores a file beside the page and returns its name.
  async function uploadImage(file) {
    status(`Gemmer billedet ${file.name} …`);
    const res = await api('POST', `api/upload?page=${encodeURIComponent(state.path)}&name=${encodeURIComponent(file.name)}`, file);
    if (res.status !== 201) {
      status(res.data.error || 'Billedet kunne ikke gemmes.', true);
      return '';
    }
    status(`Billedet er gemt som ${res.data.file}, uden placering og andre metadata.`);
    return res.data.file;
  }

  // placeImage asks for the alternative text of a dropped or pasted image,
  // stores it and puts it in the text at the cursor.
  async function placeImage(input, file) {
    const at = [input.selectionStart, input.selectionEnd];
    const answer = await altDialog(file.name);
    input.focus();
    if (!answer) return;
    const name = await uploadImage(file);
    if (!name) return;
    input.setSelectionRange(at[0], at[1]);
    insert(input, `![${answer.decorative ? '' : answer.alt.replace(/[\[\]]/g, '')}](${name})`);
  }

  function altDialog(fileName) {
    const alt = el('input', { type: 'text', id: 'alt-input', autocomplete: 'off' });
    const deco = el('input', { type: 'checkbox', id: 'alt-deco' });
    const err = el('p', { class: 'field-error', id: 'alt-error', hidden: true });
    const help = el('p', { class: 'help', id: 'alt-help', text: 'Beskriv, hvad billedet viser, for dem der ikke kan se det. Skriv ikke »billede af«.' });
    alt.setAttribute('aria-describedby', 'alt-help alt-error');
    return dialog(`Beskriv billedet ${fileName}`, [
      el('div', { class: 'field' }, el('label', { for: alt.id, text: 'Alt-tekst' }), help, alt),
      el('div', { class: 'field check' }, el('label', { for: deco.id }, deco, ' Billedet er kun pynt (ingen alt-tekst)')),
      err,
    ], [['Indsæt billedet', 'ok', true], ['Annullér', 'cancel']], async (choice) => {
      if (choice !== 'ok') return null;
      const res = await api('GET', `api/alt?alt=${encodeURIComponent(alt.value)}&file=${encodeURIComponent(fileName)}&decorative=${deco.checked ? 1 : 0}`);
      const msg = res.data.message;
      if (msg) {
        setError([alt], err, msg);
        alt.focus();
        return false; // keep the dialog open
      }
      return { alt: alt.value.trim(), decorative: deco.checked };
    }, alt);
  }

  // dialog shows a modal dialog and resolves with what decide returns for
  // the button chosen; decide returning false keeps the dialog open.
  function dialog(title, body, buttons, decide, focus) {
    const d = document.getElementById('dialog');
    document.getElementById('dialog-title').textContent = title;
    const box = document.getElementById('dialog-body');
    box.replaceChildren(...body);
    const actions = document.getElementById('dialog-actions');
    actions.replaceChildren();
    return new Promise((resolve) => {
      let busy = false;
      const finish = async (choice) => {
        if (busy) return;
        busy = true;
        const result = await decide(choice);
        busy = false;
        if (result === false) return;
        d.close();
        resolve(result);
      };
      for (const [label, value, primary] of buttons) {
        const b = el('button', { type: 'button', text: label, class: primary ? 'primary' : '' });
        b.addEventListener('click', () => finish(value));
        actions.append(b);
      }
      d.oncancel = (ev) => { ev.preventDefault(); finish('cancel'); };
      d.showModal();
      (focus || actions.querySelector('button')).focus();
    });
  }

  // ---------------------------------------------------------------------
  // Status, problems and the summary.
  function status(msg, bad) {
    const s = document.getElementById('status');
    s.textContent = msg;
    s.classList.toggle('bad', !!bad);
  }

  function showProblems(problems, error) {
    state.problems = problems || [];
    const byKey = {};
    const elsewhere = [];
    for (const p of state.problems) {
      if (p.file === state.path && p.key && state.inputs[p.key]) (byKey[p.key] = byKey[p.key] || []).push(p.msg);
      else elsewhere.push(p);
    }
    for (const [key, w] of Object.entries(state.inputs)) w.error((byKey[key] || []).join(' '));
    const summary = document.getElementById('summary');
    if (!state.problems.length && !error) {
      summary.hidden = true;
      summary.replaceChildren();
      return;
    }
    const ul = el('ul');
    for (const p of state.problems) {
      const w = p.file === state.path && p.key ? state.inputs[p.key] : null;
      let target;
      if (w) {
        const f = state.form.find((x) => x.key === p.key);
        target = el('a', { href: '#' + (w.input ? w.input.id : fieldID(p.key)), text: `${f ? f.label : 'Tekst'}: ${p.msg}` });
        target.addEventListener('click', (ev) => { ev.preventDefault(); (w.input || w.node).focus(); });
      } else if (p.file && p.file.startsWith('content/')) {
        target = el('a', { href: prefix + p.file + (p.line ? '#linje-' + p.line : ''), text: `${p.file}${p.line ? ':' + p.line : ''}: ${p.msg}` });
      } else {
        target = document.createTextNode(`${p.file ? p.file + (p.line ? ':' + p.line : '') + ': ' : ''}${p.msg}`);
      }
      ul.append(el('li', {}, target));
    }
    summary.replaceChildren(el('h2', { text: state.problems.length === 1 ? 'Der er én ting at rette' : `Der er ${state.problems.length} ting at rette` }),
      error ? el('p', { text: error }) : null, state.problems.length ? ul : null);
    summary.hidden = false;
  }

  // ---------------------------------------------------------------------
  // Collecting the form, the preview, the journal and saving.
  function collect() {
    const fields = {};
    for (const f of state.form) {
      const w = state.inputs[f.key];
      const v = w.collect();
      const had = Object.prototype.hasOwnProperty.call(state.original, f.key);
      if (v === undefined) {
        if (had) fields[f.key] = null;
        continue;
      }
      if (had && same(v, state.original[f.key])) continue;
      if (!had && v === null) continue;
      fields[f.key] = v;
    }
    const body = state.inputs.body.collect();
    const req = { path: state.path, version: state.version, fields };
    if (body !== state.body) req.body = body;
    return req;
  }

  const unsaved = (req) => Object.keys(req.fields).length > 0 || req.body !== undefined;

  let previewTimer = 0;
  let lastInput = 0;
  let lastTook = Infinity; // ms the last preview request took
  function changed() {
    lastInput = performance.now();
    const req = collect();
    state.dirty = unsaved(req);
    // While the server answers fast, every keystroke is sent (one request
    // at a time, the newest state after it); while it is slow, the preview
    // waits for a pause in the typing.
    clearTimeout(previewTimer);
    if (lastTook < FAST_PREVIEW) preview();
    else previewTimer = setTimeout(preview, PREVIEW_WAIT);
    try {
      localStorage.setItem('katalog-kladde:' + state.path, JSON.stringify({ ...req, time: Date.now() }));
    } catch (e) { /* storage full or off: the server's journal still has it */ }
  }

  // preview renders the form's state with the site's layouts and puts it in
  // the frame without reloading it (the scroll position stays). One request
  // at a time: typing during one sends the newest state when it returns (a
  // request cancelled halfway would make the server read its files again).
  let previewing = false;
  let previewAgain = false;
  async function preview() {
    if (previewing) {
      previewAgain = true;
      return;
    }
    previewing = true;
    const started = lastInput;
    const sent = performance.now();
    let res;
    try {
      res = await api('POST', 'api/preview', collect());
      lastTook = performance.now() - sent;
    } catch (e) {
      status('Serveren svarer ikke. Dine ændringer gemmes i browseren, indtil den er tilbage.', true);
      res = null;
    }
    previewing = false;
    if (previewAgain) {
      previewAgain = false;
      preview();
      return; // the newer state paints
    }
    if (!res) return;
    if (!res.ok) {
      showProblems([], res.data.error || 'Forhåndsvisningen kunne ikke laves.');
      return;
    }
    showProblems(res.data.problems, res.data.html ? '' : res.data.error);
    if (res.data.html) {
      paint(res.data.html);
      requestAnimationFrame(() => {
        const t = performance.now() - started;
        (window.katalogTimings = window.katalogTimings || []).push(t);
        document.dispatchEvent(new CustomEvent('katalog:preview', { detail: t }));
      });
    }
  }

  function paint(html) {
    const frame = document.getElementById('preview');
    const doc = frame.contentDocument;
    if (!doc || !doc.body) return;
    const next = new DOMParser().parseFromString(html, 'text/html');
    if (doc.head.innerHTML !== next.head.innerHTML) doc.head.replaceWith(doc.importNode(next.head, true));
    doc.body.replaceWith(doc.importNode(next.body, true));
  }

  async function journal() {
    if (!state.dirty || state.saving) return;
    const req = collect();
    const text = JSON.stringify(req);
    if (text === state.journalled) return;
    try {
      const res = await api('POST', 'api/journal', req);
      if (res.ok) state.journalled = text;
    } catch (e) { /* the server is away; localStorage has it */ }
  }

  async function save(ev) {
    ev.preventDefault();
    if (state.saving) return;
    state.saving = true;
    status('Gemmer …');
    const req = collect();
    const res = await api('POST', 'api/save', req).catch(() => null);
    state.saving = false;
    if (!res) {
      status('Serveren svarer ikke, så intet er gemt. Start den igen (katalog serve); dine ændringer er gemt i browseren.', true);
      return;
    }
    if (res.status === 200) {
      saved(req, res.data.version);
      status(res.data.changed ? `Gemt kl. ${clock(new Date())}.` : 'Der var ingen ændringer at gemme.');
      return;
    }
    if (res.status === 409) return conflict(req, res.data);
    if (res.status === 422) {
      showProblems(res.data.problems || [], res.data.error);
      status('Intet er gemt: ' + (res.data.error || 'ændringen kan ikke bruges.'), true);
      const s = document.getElementById('summary');
      s.focus();
      return;
    }
    status(res.data.error || `Intet er gemt (fejl ${res.status}).`, true);
  }

  // saved makes the saved state the new original.
  function saved(req, version) {
    state.version = version;
    for (const [k, v] of Object.entries(req.fields)) {
      if (v === null) delete state.original[k]; else state.original[k] = v;
    }
    if (req.body !== undefined) state.body = req.body;
    state.dirty = unsaved(collect());
    state.journalled = '';
    api('DELETE', `api/journal?path=${encodeURIComponent(state.path)}`).catch(() => {});
    try { localStorage.removeItem('katalog-kladde:' + state.path); } catch (e) { /* ignore */ }
  }

  // conflict shows the file as it is on disk beside the file with the
  // editor's changes, line by line, and lets the editor choose.
  async function conflict(req, c) {
    status('Intet er gemt: filen er ændret på disken, siden du åbnede den.', true);
    const mine = c.theirs;
    const diff = el('div', { class: 'diff', role: 'region', 'aria-label': 'Forskelle mellem filen på disken og din udgave', tabIndex: 0 });
    diff.append(...diffLines(c.disk, mine === null ? c.disk : mine));
    const hand = el('textarea', { id: 'combine', rows: 14, hidden: true });
    hand.value = mine === null ? c.disk : mine;
    const handLabel = el('label', { for: hand.id, text: 'Hele filen, som den skal gemmes', hidden: true });
    const intro = el('p', { text: c.error });
    const legend = el('p', { class: 'help', text: 'Linjer med − findes kun i filen på disken; linjer med + kun i din udgave.' });
    const choice = await dialog('Filen er ændret, mens du redigerede', [intro, legend, diff, handLabel, hand], [
      ['Behold min udgave', 'mine', true], ['Tag filens udgave', 'disk'], ['Sammenflet selv', 'hand'], ['Annullér', 'cancel'],
    ], async (v) => {
      if (v === 'hand' && hand.hidden) {
        hand.hidden = handLabel.hidden = false;
        hand.focus();
        const b = [...document.querySelectorAll('#dialog-actions button')].find((x) => x.textContent === 'Sammenflet selv');
        if (b) b.textContent = 'Gem det sammenflettede';
        return false;
      }
      return v;
    });
    if (choice === 'mine' && mine !== null) {
      const res = await api('POST', 'api/save', { ...req, version: c.disk_version });
      return afterResolve(res, req);
    }
    if (choice === 'hand') {
      const res = await api('POST', 'api/save', { path: state.path, version: c.disk_version, raw: hand.value });
      if (res.ok) {
        await api('DELETE', `api/journal?path=${encodeURIComponent(state.path)}`).catch(() => {});
        try { localStorage.removeItem('katalog-kladde:' + state.path); } catch (e) { /* ignore */ }
        state.dirty = false;
        location.reload();
        return;
      }
      return afterResolve(res, req);
    }
    if (choice === 'disk') {
      await api('DELETE', `api/journal?path=${encodeURIComponent(state.path)}`).catch(() => {});
      try { localStorage.removeItem('katalog-kladde:' + state.path); } catch (e) { /* ignore */ }
      state.dirty = false;
      location.reload();
      return;
    }
    status('Intet er gemt. Dine ændringer er stadig i formularen.', true);
  }

  function afterResolve(res, req) {
    if (res.status === 200) {
      saved(req, res.data.version);
      status(`Gemt kl. ${clock(new Date())}.`);
    } else if (res.status === 409) {
      conflict(req, res.data);
    } else {
      showProblems(res.data.problems || [], res.data.error);
      status('Intet er gemt: ' + (res.data.error || `fejl ${res.status}`), true);
    }
  }

  // diffLines shows a line diff of a and b (longest common subsequence).
  function diffLines(a, b) {
    const x = a.split(/\r?\n/);
    const y = b.split(/\r?\n/);
    const n = x.length;
    const m = y.length;
    if (n * m > 4e6) return [el('p', { text: 'Filerne er for store til at vise forskellene linje for linje.' })];
    const L = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) L[i][j] = x[i] === y[j] ? L[i + 1][j + 1] + 1 : Math.max(L[i + 1][j], L[i][j + 1]);
    const out = [];
    let i = 0;
    let j = 0;
    const line = (cls, mark, text, tag) => out.push(el(tag, { class: 'line ' + cls }, el('span', { class: 'mark', 'aria-hidden': 'true', text: mark }), text));
    while (i < n || j < m) {
      if (i < n && j < m && x[i] === y[j]) { line('same', ' ', x[i], 'div'); i++; j++; }
      else if (i < n && (j === m || L[i + 1][j] >= L[i][j + 1])) { line('del', '−', x[i], 'del'); i++; }
      else { line('add', '+', y[j], 'ins'); j++; }
    }
    return out;
  }

  // ---------------------------------------------------------------------
  // Rename and delete.
  async function rename() {
    const slug = state.path.split('/').pop().replace(/\.md$/, '');
    const input = el('input', { type: 'text', id: 'new-slug', autocomplete: 'off' });
    input.value = slug;
    const err = el('p', { class: 'field-error', id: 'slug-error', hidden: true });
    const help = el('p', { class: 'help', id: 'slug-help', text: 'Små bogstaver a–z, tal og bindestreger. Den gamle adresse fører videre til den nye.' });
    input.setAttribute('aria-describedby', 'slug-help slug-error');
    const res = await dialog('Omdøb siden', [el('div', { class: 'field' }, el('label', { for: input.id, text: 'Ny adresse (filnavn uden .md)' }), help, input), err],
      [['Omdøb', 'ok', true], ['Annullér', 'cancel']], async (v) => {
        if (v !== 'ok') return null;
        if (state.dirty) {
          setError([input], err, 'Gem dine ændringer først.');
          return false;
        }
        const r = await api('POST', 'api/rename', { path: state.path, newSlug: input.value.trim(), version: state.version });
        if (r.ok) return r.data;
        setError([input], err, linksMessage(r.data));
        input.focus();
        return false;
      }, input);
    if (res) location.href = prefix + res.path;
  }

  async function remove() {
    const err = el('p', { class: 'field-error', id: 'delete-error', hidden: true });
    const done = await dialog('Slet siden?', [el('p', { text: `${state.path} slettes. Det kan ikke fortrydes i redigeringen.` }), err],
      [['Slet siden', 'ok', true], ['Annullér', 'cancel']], async (v) => {
        if (v !== 'ok') return null;
        const r = await api('POST', 'api/delete', { path: state.path, version: state.version });
        if (r.ok) return true;
        err.textContent = linksMessage(r.data);
        err.hidden = false;
        return false;
      });
    if (done) {
      state.dirty = false;
      location.href = prefix;
    }
  }

  function linksMessage(data) {
    let msg = data.error || 'Det kunne ikke lade sig gøre.';
    if (data.links && data.links.length) msg += ' ' + data.links.map((l) => `${l.path}:${l.line}`).join(', ');
    return msg;
  }

  // ---------------------------------------------------------------------
  // Opening a file.
  async function editPage() {
    const form = document.getElementById('form');
    const res = await api('GET', `api/file?path=${encodeURIComponent(state.path)}`);
    if (res.status === 422 && typeof res.data.raw === 'string') {
      rawEditor(res.data);
      return;
    }
    if (!res.ok) {
      status(res.data.error || 'Filen kan ikke åbnes.', true);
      return;
    }
    const f = res.data;
    state.version = f.version;
    state.original = f.fields || {};
    state.body = f.body;
    state.form = f.form || [];
    const box = document.getElementById('fields');
    for (const field of state.form) {
      const make = builders[field.type] || builders.text;
      const w = make(field, state.original[field.key]);
      state.inputs[field.key] = w;
      box.append(w.node);
    }
    if (f.other && f.other.length) {
      box.append(el('p', { class: 'note', text: `Filen har også ${f.other.length === 1 ? 'feltet' : 'felterne'} ${f.other.join(', ')}. De bevares, som de er; ret dem i en teksteditor.` }));
    }
    state.inputs.body = bodyField(f.body);
    box.append(state.inputs.body.node);
    form.hidden = false;
    form.addEventListener('input', changed);
    form.addEventListener('change', changed);
    form.addEventListener('submit', save);
    // Ctrl+S (Cmd+S) saves from anywhere on the page, as in a word processor.
    document.addEventListener('keydown', (ev) => {
      if ((ev.ctrlKey || ev.metaKey) && !ev.altKey && ev.key.toLowerCase() === 's') {
        ev.preventDefault();
        if (!document.getElementById('dialog').open) form.requestSubmit();
      }
    });
    document.getElementById('rename').addEventListener('click', rename);
    document.getElementById('delete').addEventListener('click', remove);
    addEventListener('beforeunload', (ev) => {
      if (!state.dirty) return;
      ev.preventDefault();
      ev.returnValue = '';
    });
    setInterval(journal, JOURNAL_EVERY);
    await preview();
    focusLine();
    offerRecovery();
  }

  // rawEditor edits a file whose front matter cannot be read (broken in a
  // text editor) as plain text: the form cannot be made, but the file can
  // be fixed here, and the server saves it only when it can be read again.
  function rawEditor(data) {
    const form = document.getElementById('form');
    const box = document.getElementById('fields');
    const input = el('textarea', { id: 'f-raw', rows: 24, spellcheck: false });
    input.value = data.raw;
    const help = el('p', { class: 'help', id: 'f-raw-help', text: 'Felterne øverst i filen kan ikke læses, så formularen kan ikke vises. Ret filen her; den gemmes først, når felterne kan læses igen.' });
    const err = el('p', { class: 'field-error', id: 'f-raw-error', text: data.error });
    describe(input, help, err);
    input.setAttribute('aria-invalid', 'true');
    box.append(el('div', { class: 'field body' }, el('label', { for: input.id, text: 'Hele filen' }), help, input, err));
    form.hidden = false;
    document.getElementById('rename').hidden = true;
    let version = data.version;
    let saved = data.raw;
    addEventListener('beforeunload', (ev) => {
      if (input.value === saved) return;
      ev.preventDefault();
      ev.returnValue = '';
    });
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const r = await api('POST', 'api/save', { path: state.path, version, raw: input.value }).catch(() => null);
      if (r && r.status === 200) {
        saved = input.value;
        version = r.data.version;
        status(`Gemt kl. ${clock(new Date())}. Formularen vises, når siden åbnes igen.`);
        setError([input], err, '');
        return;
      }
      const msg = r ? [r.data.error, ...(r.data.problems || []).map((p) => `${p.file}${p.line ? ':' + p.line : ''}: ${p.msg}`)].filter(Boolean).join(' ') : 'Serveren svarer ikke.';
      setError([input], err, msg);
      status('Intet er gemt.', true);
    });
  }

  // focusLine follows #linje-N (the error page's links): to the field of
  // the problem at line N, as the preview's problems say.
  function focusLine() {
    const m = /^#linje-(\d+)$/.exec(location.hash);
    if (!m) return;
    const p = state.problems.find((x) => x.file === state.path && x.line === Number(m[1]) && state.inputs[x.key]);
    const w = p ? state.inputs[p.key] : state.inputs.body;
    (w.input || w.node).focus();
  }

  // offerRecovery asks whether to bring back unsaved work from the server's
  // journal or this browser's copy, whichever is newer.
  async function offerRecovery() {
    let entry = null;
    let message = '';
    const res = await api('GET', `api/journal?path=${encodeURIComponent(state.path)}`).catch(() => null);
    if (res && res.ok && res.data.found) {
      entry = res.data.entry;
      entry.time = Date.parse(entry.time);
      message = res.data.message;
    }
    try {
      const local = JSON.parse(localStorage.getItem('katalog-kladde:' + state.path) || 'null');
      if (local && unsaved(local) && (!entry || local.time > entry.time + 1000)) {
        entry = local;
        message = `Du har ændringer fra kl. ${clock(new Date(local.time))}, som ikke er gemt. Vil du hente dem tilbage?`;
      }
    } catch (e) { /* ignore */ }
    if (!entry || !unsaved(entry)) return;
    const box = document.getElementById('recover');
    const yes = el('button', { type: 'button', class: 'primary', text: 'Hent dem tilbage' });
    const no = el('button', { type: 'button', text: 'Kassér dem' });
    box.replaceChildren(el('p', { text: message }), yes, ' ', no);
    box.hidden = false;
    if (!location.hash) yes.focus();
    await new Promise((resolve) => {
      yes.addEventListener('click', () => {
        for (const [k, v] of Object.entries(entry.fields || {})) {
          if (state.inputs[k]) state.inputs[k].set(v === null ? undefined : v);
        }
        if (entry.body !== undefined && entry.body !== null) state.inputs.body.set(entry.body);
        if (entry.version && entry.version !== state.version) {
          status('Filen er ændret på disken siden da. Gem for at se forskellene.', true);
          state.version = entry.version; // a save then shows the conflict
        }
        box.hidden = true;
        changed();
        resolve();
      });
      no.addEventListener('click', () => {
        api('DELETE', `api/journal?path=${encodeURIComponent(state.path)}`).catch(() => {});
        try { localStorage.removeItem('katalog-kladde:' + state.path); } catch (e) { /* ignore */ }
        box.hidden = true;
        resolve();
      });
    });
  }

  // ---------------------------------------------------------------------
  // Phones: one pane at a time, with a button to switch.
  function toggle() {
    const b = document.getElementById('toggle');
    const ws = document.querySelector('.workspace');
    b.hidden = false;
    b.addEventListener('click', () => {
      const show = b.getAttribute('aria-expanded') !== 'true';
      b.setAttribute('aria-expanded', String(show));
      b.textContent = show ? 'Vis formularen' : 'Vis forhåndsvisning';
      ws.classList.toggle('show-preview', show);
    });
  }

  if (main.classList.contains('index')) startPage();
  if (main.classList.contains('edit')) {
    toggle();
    editPage();
  }
})();
