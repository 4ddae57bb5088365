// Package editor is the server side of the browser editor that the preview
// (katalog serve) mounts under /_katalog/rediger/: an http.Handler that
// lists, reads and writes the site's content files on the editor's behalf.
// The markdown files stay the single source of truth; the form, the live
// preview and the diff view are the UI's.
//
// # API
//
// Mount the handler with its prefix stripped, e.g.
// http.StripPrefix("/_katalog/rediger", e). Paths are slash-separated and
// relative to the site root ("content/cases/x.md"). Answers are JSON; every
// refusal is {"error": "<Danish message>"}, sometimes with more fields.
//
//	GET  /                     the start page: HTML, or JSON with ?format=json
//	                           or Accept: application/json
//	GET  /api/files            {sections: [{key, name, files: [{path, url, title, draft, error}]}]};
//	                           sections cases, tema, principper, materialer,
//	                           sider (content/*.md) and andre (anything else)
//	GET  /content/<path>       one file, read only, as plain HTML
//	GET  /api/file?path=       {path, url, format, version, keys, fields, body,
//	                           kind, form, other}; version is the sha256 of the
//	                           file's bytes; form lists the inputs (key, Danish
//	                           label, type, help from skabeloner/, options),
//	                           other the keys the form leaves as they are;
//	                           422 {error, version, raw} when the front matter
//	                           cannot be read
//	POST /api/save             {path, version, fields: {key: value|null}, body}
//	                           or {path, version, raw} (the whole file)
//	                           → 200 {changed, version}; 409 {error, theirs, disk,
//	                           disk_version, version}; 422 {error, problems}
//	GET  /api/journal?path=    {found: false} or {found: true, entry: {path,
//	                           version, fields, body, time}, message}
//	POST /api/journal          {path, version, fields, body} → {time}
//	DELETE /api/journal?path=  → {deleted: true}
//	POST /api/rename           {path, newSlug, version?} → {path, url, alias, version};
//	                           409 {error, links: [{path, line, text}]}
//	POST /api/delete           {path, version?} → {deleted: true}; 409 as rename
//	POST /api/new              {kind: case|tema|side|materiale, title} → 201 {path, url, version}
//	POST /api/upload?page=     multipart/form-data (first file part) or the raw
//	                           bytes with ?name=<the browser's file name> → 201 {file, path}
//	POST /api/preview          {path, fields, body} → {html, error, problems: [{file,
//	                           line, msg, key}]}: the page with the change, nothing
//	                           written (Config.Renderer); key is the form's field
//	GET  /api/preview?path=    the page of the file on disk, for the preview's frame
//	GET  /api/alt?alt=&file=&decorative=1
//	                           {message}: why an alternative text will not do, or ""
//	GET  /vis?url=             303 to the editor of the file that makes the page
//	GET  /ui/<file>            the UI's scripts, stylesheet and icon
//
// Save. fields holds the front matter keys to set (fmedit.Doc.Apply: only
// their lines change; setting a key to the value it has changes nothing; null
// deletes it); body, when present, replaces the body. JSON numbers that are
// whole become integers. A save that changes no byte writes nothing and
// answers {"changed": false}. A save whose version is not the hash of the
// file on disk writes nothing and answers 409 with disk (the file now) and
// theirs (the request applied to the file now); resending the same request
// with version = disk_version keeps theirs. The result must parse again, and
// when Config.Build is set it is built with the result laid over the file
// (with Config.Renderer: with drafts and as published); its *diag.Error
// values come back as problems (422). Problems in other files that the
// build without the change has too do not refuse it: a site broken by
// another file can still be saved and fixed here. The file is written
// atomically: a hidden temporary file beside it (".<name>.<random>.tmp",
// which the preview's watcher ignores), fsync, rename, fsync of the folder.
//
// Journal. Unsaved work goes to one JSON file per content path in
// Config.Journal (default <root>/.cache/rediger, which git ignores), named
// by the slug of the path ("content-cases-x-md.json"), written atomically on
// every request. GET returns it with a Danish message such as "Du har
// ændringer fra kl. 14.32, som ikke er gemt. Vil du hente dem tilbage?".
//
// Rename and delete. Both refuse (409) while other pages link to the page,
// and list the links by file and line. The scan is plain text over the
// bodies of every content file: the page's address
// ("/cases/x/", or "/cases/x" followed by ), #, ?, a quote, > or white
// space, also inside a full URL) or a path to its file that resolves to it
// ("x.md" and "./x.md" from the same folder, "../cases/x.md",
// "content/cases/x.md"). In front matter, a page that names a theme in
// themes by its file's slug and not its title refers to it (for delete, by
// its title too), and
// a page that lists a principle's number in principles refers to it when it
// is deleted. Rename keeps the folder, takes a slug (lower-case
// a-z, digits, hyphens), never replaces a file, and adds the old address to
// aliases. _index.md and tidsplan.md cannot be renamed or deleted.
//
// New pages use skabeloner/<kind>.md and the slug rules of `katalog new`
// (generator.NewKinds); an existing file is never overwritten (409).
//
// Uploads go through upload.Image (JPEG and PNG only, found by their bytes;
// metadata removed; at most upload.MaxBytes) and are stored beside the page
// under upload.FileName's name, with -2, -3 … added when it is taken. The
// alternative text is the UI's to check with upload.CheckAlt.
//
// # Security
//
// The editor writes files, so every request is checked, in this order:
//
//   - Host must be localhost, 127.0.0.1 or [::1], with any port or none,
//     else 403: a domain rebound to 127.0.0.1 (DNS rebinding) is refused
//     even for reads. The rule is that of the preview's own host check
//     (devserver/host.go, which exports no function), narrowed to loopback.
//   - An unknown address is 404, a method the address does not take 405.
//   - Every request but GET and HEAD needs exactly one Origin header equal to
//     the request's own origin (http://<Host>), and the session token (New
//     makes 32 random bytes, hex; Token returns it) in X-Katalog-Token,
//     else 403. A missing Origin is refused.
//   - Paths must be under content/, clean (no "..", ".", "//", backslash or
//     hidden segment), relative, and end in .md (so x.md~ and other files
//     are refused), else 400. Every file operation goes through an os.Root
//     opened on content/, so no symbolic link leads out of it, and a file
//     that is a symbolic link is refused.
//   - Bodies are limited: MaxSaveBytes (2 MB) for JSON requests,
//     MaxUploadBytes (30 MB) for uploads and upload.MaxBytes (25 MB) for the
//     image itself, else 413. An upload that is not a JPEG or PNG by its
//     bytes is 415.
//
// Writes to content/ are serialised by one mutex (the journal has its own,
// so a journal write never waits for a save's build), so the version check
// and the rename of a save are one step for this editor. The editor cannot
// lock a file against other programs: a write by another
// program between the check and the rename (microseconds) is not detected.
//
// # What the UI does
//
// The UI reads the token from <meta name="katalog-token"> on the editor's
// pages and sends it, with its page's Origin (browsers add it to fetch
// POSTs), on every write. When it opens a file it keeps the version from
// /api/file, asks /api/journal whether unsaved work exists and offers it
// back, posts the form to /api/journal every 2 seconds while it has unsaved
// changes, and on "Gem" posts to /api/save with the version it opened: on
// 200 it keeps the new version and deletes the journal entry; on 409 it
// shows theirs and disk side by side and lets the editor keep theirs
// (resend with disk_version), take the file's (reload it) or combine by
// hand; on 422 it shows error and problems at the fields. It warns before
// leaving a page with unsaved changes.
package editor
