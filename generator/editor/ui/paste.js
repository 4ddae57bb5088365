// Paste from Word, Word for the web, Google Docs and web pages as markdown.
//
// window.katalogPaste.toMarkdown(html) turns the HTML a program puts on the
// clipboard into the markdown the content files are written in; insert
// (textarea, event) does it for a paste event. The work is done in three
// steps: clean the HTML (each program's quirks are handled below, where
// they are met), convert it with turndown (turndown.js, loaded before this
// file), and tidy the text.
//
// The markdown: ATX headings (the page title is the page's only #, so when
// the paste has an h1, every heading moves down one level, and two below
// Word's Title style, which becomes ##), "- " bullets,
// "1. " numbers, **bold**, *italic* (the star works inside words, the
// underscore does not), ~~struck~~, inline links, GFM tables with the first
// row as the header. Only http(s) and mailto links are kept; other links
// keep their text. Images are dropped: editors add pictures with the
// editor's image upload. No-break spaces become spaces; soft hyphens and
// zero-width spaces go. Nothing else in the text changes: æ, ø, å, »…«,
// „…“ stay as they are.
//
// Plain script, no modules and no eval, so that it runs under the editor's
// Content-Security-Policy. That policy forbids inline styles, and browsers
// report every style attribute and <style> element they parse, even in a
// document from DOMParser that is never shown; so the HTML's <style>
// elements are cut and its style attributes renamed data-paste-style before
// it is parsed, and styles are read from that attribute's text.
(function () {
  'use strict';

  // Elements dropped with everything in them. The [hidden] and aria-hidden
  // ones are decoration on web pages (icons, breadcrumb arrows).
  var DROP = 'head, script, style, meta, link, title, template, noscript, iframe, object, embed, ' +
    'svg, math, canvas, video, audio, picture, img, map, input, select, textarea, button, ' +
    'br.Apple-interchange-newline, [hidden], [aria-hidden="true"]';

  var BLOCK = /^(ADDRESS|ARTICLE|ASIDE|BLOCKQUOTE|BODY|CAPTION|DD|DIV|DL|DT|FIELDSET|FIGCAPTION|FIGURE|FOOTER|FORM|H[1-6]|HEADER|HR|LI|MAIN|NAV|OL|P|PRE|SECTION|TABLE|TBODY|TD|TFOOT|TH|THEAD|TR|UL)$/;
  // Inline elements that survive the cleaning; other inline elements (span,
  // font, b, i, u, o:p, ...) are replaced by their content.
  var KEEP_INLINE = /^(A|BR|CODE|STRONG|EM|DEL)$/;

  function isBlock(node) { return node.nodeType === 1 && BLOCK.test(node.nodeName); }
  function toArray(list) { return Array.prototype.slice.call(list); }

  // styleOf reads an element's style attribute into {property: value},
  // both lower case.
  function styleOf(el) {
    var out = {};
    (el.getAttribute('data-paste-style') || '').split(';').forEach(function (decl) {
      var i = decl.indexOf(':');
      if (i > 0) out[decl.slice(0, i).trim().toLowerCase()] = decl.slice(i + 1).trim().toLowerCase();
    });
    return out;
  }

  // unwrap replaces el by its children.
  function unwrap(el) {
    while (el.firstChild) el.parentNode.insertBefore(el.firstChild, el);
    el.parentNode.removeChild(el);
  }

  // rename replaces el by a new element called name, holding el's children.
  function rename(el, name) {
    var out = el.ownerDocument.createElement(name);
    while (el.firstChild) out.appendChild(el.firstChild);
    el.parentNode.replaceChild(out, el);
    return out;
  }

  // nextElement is el's next sibling element, skipping white space and
  // comments; null when text or nothing comes first.
  function nextElement(el) {
    for (var n = el.nextSibling; n; n = n.nextSibling) {
      if (n.nodeType === 1) return n;
      if (n.nodeType === 3 && /\S/.test(n.nodeValue)) return null;
    }
    return null;
  }

  function hasText(node) { return /\S/.test(node.textContent.replace(/[\u00a0\u200b\ufeff]/g, ' ')); }

  // ---- Lists ---------------------------------------------------------------

  // buildList turns flat items {level, ordered, start, content} into nested
  // ul/ol elements and returns them in a fragment.
  function buildList(doc, items) {
    var out = doc.createDocumentFragment();
    var stack = []; // {list, level, ordered, li}
    items.forEach(function (it) {
      while (stack.length > 1 && stack[stack.length - 1].level > it.level) stack.pop();
      var top = stack[stack.length - 1];
      if (top && top.level === it.level && top.ordered !== it.ordered) {
        stack.pop(); // a bullet list after a numbered one is a new list
        top = stack[stack.length - 1];
      }
      if (!top || top.level < it.level) {
        var list = doc.createElement(it.ordered ? 'ol' : 'ul');
        if (it.ordered && it.start > 1) list.setAttribute('start', String(it.start));
        if (top && top.li) top.li.appendChild(list); else out.appendChild(list);
        top = { list: list, level: it.level, ordered: it.ordered, li: null };
        stack.push(top);
      }
      top.li = doc.createElement('li');
      top.li.appendChild(it.content);
      top.list.appendChild(top.li);
    });
    return out;
  }

  // wordLists rebuilds the lists of Word for Windows and Mac. Word writes
  // each item as a paragraph with the list in its style,
  //   <p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'>
  //   <![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span
  //   style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;</span></span></span><![endif]>Tekst</p>
  // (Mac: <!--[if !supportLists]--> ... <!--[endif]-->), the marker (·, o,
  // §, 1., a)) being text that only Word hides. A run of such paragraphs is
  // one list; levelN is the depth, a new lfoN at level 1 a new list.
  var IGNORE = '[data-paste-style*="mso-list:ignore" i], [data-paste-style*="mso-list: ignore" i]';
  function wordLists(doc) {
    var paras = toArray(doc.querySelectorAll('p[data-paste-style*="mso-list" i]'));
    var done = [];
    paras.forEach(function (p) {
      if (done.indexOf(p) >= 0 || !/level\d/.test(styleOf(p)['mso-list'] || '')) return;
      var run = [p];
      for (var n = nextElement(p); n && n.nodeName === 'P' && /level\d/.test(styleOf(n)['mso-list'] || ''); n = nextElement(n)) run.push(n);
      done = done.concat(run);
      var items = [], lfo = null;
      run.forEach(function (para) {
        var mso = styleOf(para)['mso-list'];
        var level = Number(/level(\d+)/.exec(mso)[1]);
        var id = (/lfo\d+/.exec(mso) || [''])[0];
        var ignore = para.querySelector(IGNORE);
        var marker = ignore ? ignore.textContent.replace(/[\s\u00a0]+/g, '') : '';
        if (ignore) removeMarker(ignore, para);
        if (level === 1 && lfo !== null && id !== lfo && items.length) {
          para.parentNode.insertBefore(buildList(doc, items), run[0]);
          items = [];
        }
        if (level === 1) lfo = id;
        var number = /^\(?(\d+)[.)]$/.exec(marker);
        var content = doc.createDocumentFragment();
        while (para.firstChild) content.appendChild(para.firstChild);
        if (hasText(content)) {
          items.push({
            level: level, content: content, start: number ? Number(number[1]) : 1,
            ordered: !!number || /^\(?[a-zA-Z]{1,4}[.)]$/.test(marker),
          });
        }
      });
      run[0].parentNode.insertBefore(buildList(doc, items), run[0]);
      run.forEach(function (para) { para.parentNode.removeChild(para); });
    });
    // Numbered headings carry the same hidden markers.
    toArray(doc.querySelectorAll(IGNORE)).forEach(function (el) {
      removeMarker(el, el.parentNode);
    });
  }

  // removeMarker removes Word's hidden list marker and the spans around it
  // that held nothing else (the Symbol font span).
  function removeMarker(el, stop) {
    var parent = el.parentNode;
    parent.removeChild(el);
    while (parent && parent !== stop && parent.nodeName === 'SPAN' && !hasText(parent)) {
      var up = parent.parentNode;
      up.removeChild(parent);
      parent = up;
    }
  }

  // webAppLists rebuilds the lists of Word for the web (Office 365), which
  // puts every item in a list of its own,
  //   <div class="ListContainerWrapper"><ul class="BulletListStyle1"><li
  //   class="OutlineElement" data-aria-level="1"><p class="Paragraph"><span
  //   class="TextRun"><span class="NormalTextRun">Tekst</span></span><span
  //   class="EOP">&nbsp;</span></p></li></ul></div>
  // with the depth in data-aria-level. A run of such wrappers is one list.
  function webAppLists(doc) {
    toArray(doc.querySelectorAll('div.ListContainerWrapper')).forEach(function (div) {
      if (!div.parentNode) return;
      var prev = div.previousElementSibling;
      if (prev && prev.classList.contains('ListContainerWrapper')) return; // handled with the run
      var run = [div];
      for (var n = nextElement(div); n && n.classList.contains('ListContainerWrapper'); n = nextElement(n)) run.push(n);
      var items = [];
      run.forEach(function (wrapper) {
        toArray(wrapper.querySelectorAll('li')).forEach(function (li) {
          var list = li.parentNode;
          var content = doc.createDocumentFragment();
          while (li.firstChild) content.appendChild(li.firstChild);
          items.push({
            level: Number(li.getAttribute('data-aria-level') || li.getAttribute('aria-level')) || 1,
            ordered: list.nodeName === 'OL', start: Number(list.getAttribute('start')) || 1, content: content,
          });
        });
      });
      div.parentNode.insertBefore(buildList(doc, items), div);
      run.forEach(function (wrapper) { wrapper.parentNode.removeChild(wrapper); });
    });
  }

  // nestLists moves a list that is a direct child of a list, as Google Docs
  // writes nested lists (<ul><li>a</li><ul><li>b</li></ul></ul>), into the
  // item before it.
  function nestLists(doc) {
    toArray(doc.querySelectorAll('ul > ul, ul > ol, ol > ul, ol > ol')).forEach(function (list) {
      var li = list.previousElementSibling;
      if (!li || li.nodeName !== 'LI') {
        li = doc.createElement('li');
        list.parentNode.insertBefore(li, list);
      }
      li.appendChild(list);
    });
  }

  // ---- Links, formatting, tables -------------------------------------------

  // cleanHref returns the address to keep for a link, or '' to keep only its
  // text. Google Docs (in some exports) and Outlook wrap addresses in their
  // own redirects; those are unwrapped.
  function cleanHref(href) {
    href = (href || '').trim();
    var m = /^https?:\/\/(www\.)?google\.[a-z.]+\/url\?(.*)$/i.exec(href) ||
      /^https?:\/\/[a-z0-9.]*safelinks\.protection\.outlook\.com\/?\?(.*)$/i.exec(href);
    if (m) {
      var params = new URLSearchParams(m[m.length - 1]);
      href = params.get('q') || params.get('url') || '';
    }
    return /^(https?:\/\/|mailto:)/i.test(href) ? href : '';
  }

  function links(doc) {
    toArray(doc.querySelectorAll('a')).forEach(function (a) {
      var href = cleanHref(a.getAttribute('href'));
      if (!href || !hasText(a)) return unwrap(a);
      toArray(a.attributes).forEach(function (attr) { a.removeAttribute(attr.name); });
      a.setAttribute('href', href);
    });
  }

  // format marks bold, italic and struck-through text with strong, em and
  // del, however the source said it: <b>, <i>, <s> and friends (Word
  // desktop), font-weight:700 and font-style:italic on spans (Google Docs,
  // Word for the web, web pages), the class MacChromeBold (Word for the web
  // in Chrome on a Mac). Google Docs wraps the whole paste in
  // <b style="font-weight:normal;" id="docs-internal-guid-...">, which is not
  // bold. want is the formatting the text should have, done what enclosing
  // marks already give; headings and table headers are bold already. Every
  // inline element but a, br and code, the source's own b and strong too, is
  // replaced by its content; the marks are new elements.
  function format(el, want, done) {
    var name = el.nodeName, style = styleOf(el);
    want = { bold: want.bold, italic: want.italic, strike: want.strike };
    done = { bold: done.bold, italic: done.italic, strike: done.strike };
    if (/^(B|STRONG)$/.test(name) || /\bMacChromeBold\b/.test(el.getAttribute('class') || '')) want.bold = true;
    if (style['font-weight']) want.bold = /^bold/.test(style['font-weight']) || parseInt(style['font-weight'], 10) >= 600;
    if (/^(I|EM)$/.test(name)) want.italic = true;
    if (style['font-style']) want.italic = /italic|oblique/.test(style['font-style']);
    if (/^(S|STRIKE|DEL)$/.test(name) || /line-through/.test(style['text-decoration'] || style['text-decoration-line'] || '')) want.strike = true;
    if (/^(H[1-6]|TH)$/.test(name)) want.bold = done.bold = true;

    // Marks go on the innermost element that holds only inline content.
    var children = toArray(el.childNodes);
    var leaf = !children.some(isBlock);
    var marks = [];
    if (leaf) {
      [['bold', 'strong'], ['italic', 'em'], ['strike', 'del']].forEach(function (m) {
        if (want[m[0]] && !done[m[0]]) { marks.push(m[1]); done[m[0]] = true; }
      });
    }
    children.forEach(function (child) { if (child.nodeType === 1) format(child, want, done); });

    var inner = el;
    if (marks.length) {
      var outer = el.ownerDocument.createElement(marks[0]);
      inner = outer;
      for (var i = 1; i < marks.length; i++) inner = inner.appendChild(el.ownerDocument.createElement(marks[i]));
      while (el.firstChild) inner.appendChild(el.firstChild);
      el.appendChild(outer);
    }
    if (!isBlock(el) && !/^(A|BR|CODE)$/.test(name) && el.parentNode) unwrap(el);
  }

  // mergeMarks joins runs that Word and Google Docs split
  // (<strong>Bolig</strong><strong>støtte</strong>), and drops marks that
  // hold only white space. Punctuation at the edge of a mark that touches a
  // word goes outside it: **Bemærk:**Tekst is not bold in markdown,
  // **Bemærk**:Tekst is.
  function mergeMarks(doc) {
    toArray(doc.querySelectorAll('strong, em, del')).forEach(function (el) {
      if (!el.parentNode) return;
      if (!hasText(el)) return unwrap(el);
      for (var n = nextElement(el); n && n.nodeName === el.nodeName; n = nextElement(el)) {
        while (el.nextSibling !== n) el.appendChild(el.nextSibling);
        while (n.firstChild) el.appendChild(n.firstChild);
        n.parentNode.removeChild(n);
      }
      var after = el.nextSibling, before = el.previousSibling, text = el.textContent;
      var tail = /[^\s\p{L}\p{N}]+$/u.exec(text), head = /^[^\s\p{L}\p{N}]+/u.exec(text);
      if (tail && tail[0] !== text && after && after.nodeType === 3 && /^[\p{L}\p{N}]/u.test(after.nodeValue) && el.lastChild.nodeType === 3 && el.lastChild.nodeValue.length > tail[0].length) {
        el.lastChild.nodeValue = el.lastChild.nodeValue.slice(0, -tail[0].length);
        after.nodeValue = tail[0] + after.nodeValue;
      }
      if (head && head[0] !== text && before && before.nodeType === 3 && /[\p{L}\p{N}]$/u.test(before.nodeValue) && el.firstChild.nodeType === 3 && el.firstChild.nodeValue.length > head[0].length) {
        el.firstChild.nodeValue = el.firstChild.nodeValue.slice(head[0].length);
        before.nodeValue += head[0];
      }
    });
  }

  // flatten copies node's inline content into out, with a space where a
  // block (a paragraph in a table cell) or a line break was.
  function flatten(node, out) {
    var doc = out.ownerDocument;
    toArray(node.childNodes).forEach(function (child) {
      if (child.nodeType === 3) out.appendChild(doc.createTextNode(child.nodeValue));
      else if (child.nodeType !== 1) return;
      else if (child.nodeName === 'BR') out.appendChild(doc.createTextNode(' '));
      else if (KEEP_INLINE.test(child.nodeName)) {
        var copy = out.appendChild(doc.createElement(child.nodeName));
        if (child.nodeName === 'A') copy.setAttribute('href', child.getAttribute('href'));
        flatten(child, copy);
      } else {
        if (isBlock(child)) out.appendChild(doc.createTextNode(' '));
        flatten(child, out);
        if (isBlock(child)) out.appendChild(doc.createTextNode(' '));
      }
    });
  }

  // tables rebuilds every table as one a markdown table can hold: a header
  // row (the first row; Word and Google Docs use no th), then the rest,
  // each cell on one line. Empty rows go; a table of one column (a box
  // around text) becomes paragraphs, a caption a paragraph before the
  // table. Inner tables go first, and become text.
  function tables(doc) {
    toArray(doc.querySelectorAll('table')).reverse().forEach(function (table) {
      var rows = toArray(table.rows).filter(function (tr) { return tr.cells.length && hasText(tr); });
      var columns = Math.max.apply(null, [0].concat(rows.map(function (tr) { return tr.cells.length; })));
      var out = doc.createDocumentFragment();
      if (table.caption && hasText(table.caption)) flatten(table.caption, out.appendChild(doc.createElement('p')));
      if (columns === 1) {
        rows.forEach(function (tr) { flatten(tr.cells[0], out.appendChild(doc.createElement('p'))); });
      } else if (rows.length) {
        var t = out.appendChild(doc.createElement('table'));
        var head = t.appendChild(doc.createElement('thead')), body = t.appendChild(doc.createElement('tbody'));
        rows.forEach(function (tr, r) {
          var row = (r ? body : head).appendChild(doc.createElement('tr'));
          for (var c = 0; c < columns; c++) {
            var cell = row.appendChild(doc.createElement(r ? 'td' : 'th'));
            if (tr.cells[c]) flatten(tr.cells[c], cell);
          }
        });
        toArray(head.querySelectorAll('strong')).forEach(unwrap); // the header is bold already
      }
      table.parentNode.replaceChild(out, table);
    });
  }

  // ---- Cleaning ------------------------------------------------------------

  function clean(html) {
    html = html.replace(/<style\b[^>]*>[\s\S]*?<\/style\s*>/gi, '').replace(/<[a-z][^<>]*>/gi, function (tag) {
      return tag.replace(/(\s)style(?=\s*=)/gi, '$1data-paste-style');
    });
    var doc = new DOMParser().parseFromString(html, 'text/html');
    var body = doc.body;

    // Comments: Word's conditional comments and <!--StartFragment-->. The
    // HTML parser reads Word's <![if !supportLists]> as a comment too.
    var walker = doc.createTreeWalker(body, NodeFilter.SHOW_COMMENT);
    var comments = [];
    while (walker.nextNode()) comments.push(walker.currentNode);
    comments.forEach(function (c) { c.parentNode.removeChild(c); });

    // A dropped inline element leaves a space, so that the words around it
    // (a breadcrumb's links around a hidden ›) stay apart.
    toArray(body.querySelectorAll(DROP)).forEach(function (el) {
      if (el.parentNode) el.parentNode.replaceChild(doc.createTextNode(isBlock(el) ? '' : ' '), el);
    });
    toArray(body.querySelectorAll('[data-paste-style]')).forEach(function (el) {
      var s = styleOf(el);
      if (s.display === 'none' || s['mso-hide'] === 'all') el.parentNode.removeChild(el);
    });
    // Word's own elements: <o:p> (an empty paragraph mark), <w:sdt> and the
    // like are replaced by their content; VML drawings (<v:shape>) go.
    toArray(body.getElementsByTagName('*')).forEach(function (el) {
      if (el.parentNode && el.nodeName.indexOf(':') > 0) {
        if (/^V:/.test(el.nodeName)) el.parentNode.removeChild(el); else unwrap(el);
      }
    });

    wordLists(doc);
    webAppLists(doc);
    nestLists(doc);

    // Headings: Word's Title style, and Word for the web's
    // <p role="heading" aria-level="2">.
    var titles = toArray(body.querySelectorAll('p.MsoTitle')).map(function (p) { return rename(p, 'h1'); });
    toArray(body.querySelectorAll('[role="heading"][aria-level]')).forEach(function (el) {
      var level = Number(el.getAttribute('aria-level'));
      if (level >= 1 && level <= 6 && !/^H[1-6]$/.test(el.nodeName)) rename(el, 'h' + level);
    });

    links(doc);
    format(body, {}, {});
    mergeMarks(doc);
    tables(doc);

    // A line break at the start or end of a paragraph, or between blocks
    // (Google Docs puts <br> between paragraphs for an empty line), means
    // nothing in markdown; in a heading it is a space.
    toArray(body.querySelectorAll('br')).forEach(function (br) {
      var prev = br.previousSibling, next = br.nextSibling;
      while (prev && prev.nodeType === 3 && !/\S/.test(prev.nodeValue)) prev = prev.previousSibling;
      while (next && next.nodeType === 3 && !/\S/.test(next.nodeValue)) next = next.nextSibling;
      var edge = isBlock(br.parentNode) && (!prev || isBlock(prev) || !next || isBlock(next));
      if (edge || br.closest('h1, h2, h3, h4, h5, h6')) br.parentNode.replaceChild(doc.createTextNode(' '), br);
    });

    // A list item holding one paragraph (Google Docs, Word for the web, and
    // the lists built above) is a tight item: the paragraph is unwrapped.
    toArray(body.querySelectorAll('li')).forEach(function (li) {
      var blocks = toArray(li.children).filter(function (c) { return isBlock(c) && !/^(UL|OL)$/.test(c.nodeName); });
      if (blocks.length === 1 && /^(P|DIV)$/.test(blocks[0].nodeName)) unwrap(blocks[0]);
    });

    // The page title is the page's only h1, so a paste with an h1 moves
    // down a level; one with Word's Title style moves down two, the title
    // becoming ## above the headings.
    var shift = titles.length ? 2 : body.querySelector('h1') ? 1 : 0;
    toArray(body.querySelectorAll('h1, h2, h3, h4, h5')).forEach(function (h) {
      var level = titles.indexOf(h) >= 0 ? 2 : Math.min(6, Number(h.nodeName.charAt(1)) + shift);
      if (shift) rename(h, 'h' + level);
    });

    // Text: no-break spaces (Word's &nbsp; runs, Google's EOP spans) become
    // spaces; soft hyphens, zero-width spaces and byte order marks go.
    var texts = doc.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    while (texts.nextNode()) {
      texts.currentNode.nodeValue = texts.currentNode.nodeValue.replace(/\u00a0/g, ' ').replace(/[\u00ad\u200b\ufeff]/g, '');
    }
    return body;
  }

  // ---- Conversion ----------------------------------------------------------

  // escape escapes what markdown would read as markup in a piece of text,
  // and no more than that. It sees one text node at a time: "^" is the start
  // of a node, which turndown has trimmed at the start of a line.
  function escape(text) {
    return text
      // A backslash escapes only punctuation.
      .replace(/\\(?=[!-\/:-@[-`{-~]|$)/g, '\\\\')
      .replace(/[`~]/g, '\\$&')
      // * starts or ends emphasis unless it stands between spaces.
      .replace(/\*/g, function (m, i, s) { return /\s/.test(s.charAt(i - 1)) && /\s/.test(s.charAt(i + 1)) ? m : '\\*'; })
      // _ does nothing inside a word.
      .replace(/_/g, function (m, i, s) { return /[\p{L}\p{N}]/u.test(s.charAt(i - 1)) && /[\p{L}\p{N}]/u.test(s.charAt(i + 1)) ? m : '\\_'; })
      .replace(/\[(?=\^)|\](?=[([:])/g, '\\$&')
      .replace(/<(?=[A-Za-z/!?])/g, '\\<')
      .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
      // At the start of a line: list items, headings, quotes, rules.
      .replace(/^([-+])(?=\s|$)/, '\\$1')
      .replace(/^(-+|=+)(?=\s*$)/, '\\$1')
      .replace(/^(#{1,6})(?=\s|$)/, '\\$1')
      .replace(/^>/, '\\>')
      .replace(/^\[([ xX])\](?=\s)/, '\\[$1]')
      .replace(/^(\d+)([.)])(?=\s|$)/, '$1\\$2');
  }

  var service = null;
  function turndown() {
    if (service) return service;
    service = new TurndownService({
      headingStyle: 'atx', hr: '---', bulletListMarker: '-', codeBlockStyle: 'fenced',
      emDelimiter: '*', strongDelimiter: '**', linkStyle: 'inlined', br: '\\',
    });
    service.use(turndownPluginGfm.tables);
    service.escape = escape;
    // The plugin's strikethrough writes one ~; goldmark wants two.
    service.addRule('strikethrough', {
      filter: ['del', 's', 'strike'],
      replacement: function (content) { return content ? '~~' + content + '~~' : ''; },
    });
    // "- " and "1. " with one space, as the content files have them;
    // turndown writes "-   " and "1.  ".
    service.addRule('listItem', {
      filter: 'li',
      replacement: function (content, node) {
        var prefix = '- ', parent = node.parentNode;
        if (parent.nodeName === 'OL') {
          prefix = ((Number(parent.getAttribute('start')) || 1) + toArray(parent.children).indexOf(node)) + '. ';
        }
        var paragraph = /\n$/.test(content);
        content = content.replace(/^\n+/, '').replace(/\n+$/, '') + (paragraph ? '\n' : '');
        content = content.replace(/\n/g, '\n' + ' '.repeat(prefix.length));
        return prefix + content + (node.nextSibling ? '\n' : '');
      },
    });
    // A | in a cell ends the cell unless it is escaped.
    service.addRule('tableCell', {
      filter: ['th', 'td'],
      replacement: function (content, node) {
        content = content.replace(/\n+/g, ' ').trim().replace(/\|/g, '\\|');
        return (node.previousSibling ? ' ' : '| ') + content + ' |';
      },
    });
    return service;
  }

  // toMarkdown returns the markdown for clipboard HTML, with no blank line
  // at either end.
  function toMarkdown(html) {
    var md = turndown().turndown(clean(String(html || '')));
    md = md.replace(/[ \t]+$/gm, '');
    // A hard line break at the end of a paragraph, or on a line of its own,
    // is a backslash too many.
    md = md.replace(/^\\$/gm, '').replace(/\\\n(?=\n|$)/g, '\n').replace(/\\$/, '');
    return md.replace(/\n{3,}/g, '\n\n').replace(/^\n+|\n+$/g, '');
  }

  // insert handles a paste event on a textarea: when the clipboard has
  // HTML, it stops the browser's paste and puts the markdown in at the
  // selection (undoable where the browser allows), then fires "input". It
  // returns true when it did; with only plain text on the clipboard, or
  // HTML with no text, it does nothing and the browser pastes.
  function insert(textarea, event) {
    var data = event.clipboardData;
    var html = data && data.getData('text/html');
    if (!html) return false;
    var md = toMarkdown(html);
    if (!md) return false;
    event.preventDefault();
    var before = textarea.value;
    var done = false;
    if (document.activeElement === textarea && typeof document.execCommand === 'function') {
      try { done = document.execCommand('insertText', false, md); } catch (e) { done = false; }
    }
    if (!done || textarea.value === before) {
      textarea.setRangeText(md, textarea.selectionStart, textarea.selectionEnd, 'end');
      textarea.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
    }
    return true;
  }

  window.katalogPaste = { toMarkdown: toMarkdown, insert: insert };
})();
