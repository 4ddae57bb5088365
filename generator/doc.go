// Package generator builds the "Fra bolig til hjem" catalogue: it reads the
// site root (content/, layouts/, assets/), checks every page, and writes the
// whole site. [Build] writes to a directory, [Render] to memory, [Load]
// only reads and checks.
//
// # Front matter
//
// Every content file starts with front matter between two lines of ---
// (YAML), +++ (TOML), or as a JSON object. Keys are English, values Danish.
// The front matter is read strictly, under the YAML 1.2 core schema: an
// unknown key, a repeated key, "no" where true or false belongs, or a
// number with a leading zero is an error, and a quoted value always stays
// text. A byte order mark and CRLF line ends are accepted.
//
// Cases (content/cases/<slug>.md):
//
//	title         required
//	date          required, YYYY-MM-DD, a real date
//	summary       required, one or two sentences (shown on cards)
//	themes        required, at least one, by title or slug of a file in content/tema/
//	municipality  a name or a list of names; each gets a page /kommune/<slug>/
//	organisation  a name or a list of names
//	principles    list of numbers 1–7
//	sources       list of {title, publisher, year, url, material}; title required;
//	              material names a file in content/materialer/ (without .md),
//	              and the source then links to that material's page
//	image         {src, alt}; alt required
//	draft         true or false; drafts are built only with -drafts
//	aliases       old URLs that redirect here, e.g. [/cases/gammel-adresse/]
//
// Themes (content/tema/<slug>.md): title, summary, sources, draft, aliases.
// The files in content/tema/ are the one list of themes.
//
// Principles (content/principper/<n>-<slug>.md): number (1–7, the same as n),
// title, summary, sources, draft, aliases.
//
// The timeline (content/tidsplan.md): title, summary, sources, aliases and
// milestones, a list of {date, label, area, title, text}, where date is a
// day (2025-05-16), a month (2025-10) or a range (2025-08/2025-09), label is
// how the date is said in Danish, and area one of baggrund, pulje,
// socialt-beredskab, kompetenceudvikling, kampagne, afslutning. Milestones
// are marked past, now or coming against the build date; those with an
// exact day are also written to /tidsplan/tidsplan.ics.
//
// Plain pages (content/<slug>.md): title, summary, sources, draft, aliases,
// and charts: a list of {id, title, unit, description, source, year, bars},
// bars being {label, value}; each is drawn as an SVG bar chart with a table
// of the same numbers.
//
// Materials (content/materialer/<slug>.md), the reports, podcast
// episodes, tools and articles behind the catalogue: title, type (rapport,
// podcast, værktøj or artikel; required), publisher, year, url, summary,
// themes, principles, draft, aliases. A material's page lists the cases,
// themes and principles whose sources point to it; a theme's page lists
// the materials that name it; /materialer/ lists them all by type.
//
// The front page (content/_index.md): title, summary; the body is the
// introduction.
//
// # URLs
//
// A page's file name is its slug, lower-case ASCII with æ→ae, ø→oe and å→aa
// (see package slug): content/cases/ombold-fodbold.md → /cases/ombold-fodbold/.
// The build adds /cases/ (24 cases a page, then /cases/side/2/), /tema/,
// /principper/, /kommune/ and /kommune/<slug>/, /materialer/ (when there
// are materials), /soeg/, /404.html,
// /feed.xml (Atom), /sitemap.xml, /robots.txt and _redirects for aliases.
//
// In markdown, link to other pages by site path (/tema/faellesskaber/) or by
// a relative path to their file (../tema/faellesskaber.md). Every internal
// link is checked; a broken one is an error at its line. Raw HTML is not
// passed through, and javascript:, vbscript:, data: and file: links are
// errors and never become live links.
//
// # Images
//
// A case's image (image: {src, alt}) and images in markdown
// (![alt](foto.jpg)) name a JPEG or PNG beside the page in content/ or a
// file under assets/ (/assets/img/foto.jpg). The build writes versions 480,
// 960 and 1600 px wide (never wider than the original) under /assets/img/
// with a content hash in the name, and the page gets an <img> with srcset,
// sizes, width, height, loading="lazy" and decoding="async". Resized files
// are kept in .cache/images/ between builds; deleting that folder is safe.
// A missing or unreadable image is an error at the line that names it, and
// so is an image outside the page's folder and assets/.
//
// # Limits
//
// Some input would make a build crash or hang, so it is refused at its file
// and line instead: images over 50 megapixels (read from the file's header
// before anything is decoded); YAML anchors, aliases and tags in front
// matter (editors never need them; an alias can multiply a small file into
// hundreds of megabytes); lists and quotes nested more than 32 deep; text
// that is not UTF-8; and a rendered page over 20 MB. Words longer than 64
// letters are searchable but not split into compounds. Symlinks under
// content/ are followed only to files inside the site outside hidden
// folders; editor leftovers (x.md~, x.md.orig, .bak, .swp, .tmp, X.MD …) are
// never published, and check names them.
//
// # Layouts
//
// layouts/base.html is the page skeleton; it calls {{template "main" .}},
// which each layouts/<kind>.html defines. layouts/partials/*.html define
// shared pieces. The kinds (kinds.go) are home, case, tema, princip,
// tidsplan, side, materiale, cases, temaer, principper, materialer,
// kommune, kommuner, search and 404; a kind's layout is needed only when
// the site has a page of that kind. A layout
// sees .Site (the whole catalogue), .Page, .Pager (on lists) and, on the
// search page, .SearchEntry and .Facets; and the functions asset (the
// fingerprinted URL of a file in assets/), url, absURL, date (Danish:
// 16. maj 2025), isoDate, number (6.431), jsonld, chart, milestones, add,
// areas, typeName and materialTypes (materials' types in Danish), card (a
// case's card, rendered once a build), cards (the cards of a list of
// cases) and partialCached
// ({{partialCached "header" . .Page.Section}}: a partial rendered once for
// each key rather than on every page). A mistake in a layout is reported at its file and line; output
// containing ZgotmplZ or an empty href fails the build.
//
// # What the preview assumes of layouts
//
// The preview renders again only what a change touches, and checks in code
// what that rests on, falling back to rendering every page when it cannot
// prove it: a body edit renders its page alone only when every layout reads
// bodies (.Content, .Text, .Headings) as .Page.Content of the page being
// rendered; pages keep their last rendering by signature only when the
// layouts of signed kinds read no more of .Site than its title, address,
// date, contact, themes, municipalities and principles, call no function
// the table in render.go marks as reading the site, and reach no further
// from the page than a signature covers (related cases' cards, neighbours'
// and terms' titles, the cases on a list page and how many there are in
// all; not .Page.Cases in full, not the cases of a case's themes, not
// .Page.Prev.Prev). Package layout finds out what the layouts read when it
// loads them; layoutreads.go decides whether that is little enough.
//
// # Output
//
// The build writes into a fresh directory beside the output and swaps it in
// only when everything succeeded; see Build for the folders it refuses to
// replace. The same input and build date give the same bytes, whatever the
// layouts read: nothing a layout can see changes while pages render. Every problem is a [SourceError]; a build reports all of them
// at once, sorted by file and line. The preview builds with a [Builder]
// instead: in memory, again after every change, doing only what the change
// touches, with the same bytes as a full build. The browser editor's
// preview uses [Builder.Page], which renders one page after the same checks
// (pagepreview.go). Both keep their scan of content/ while the changed files
// are edits in place of regular files (scanreuse.go).
package generator
