// Package devserver is the preview server behind "katalog serve".
//
// It knows nothing about content: the command hands it a build function,
// and the server decides when to call it and what to serve.
//
// # Builds
//
// Every build is a fresh, complete file system (katalog's builds live in
// memory; a build on disk works the same). It is swapped in only when the
// build succeeded, and connected browsers are told only after the swap, so
// nobody ever sees a half-built site. A replaced build is closed as soon as
// no request reads from it any more.
//
// When a build reports problems (or fails, or panics), every page request
// gets a Danish error page with status 500 that lists each
// "file:line: message" with the source lines around it. Stylesheets, images
// and scripts still come from the last good build. The next good build
// reloads the browser on the page it was showing. A build that fails while
// files are still changing under it (a folder renamed halfway through) is
// not shown: the build of the settled files follows at once.
//
// Builds run one at a time. Changes that arrive while a build runs make it
// obsolete: its context is cancelled, whatever it returns is dropped, and
// the next build is told about its changes and the new ones together, so
// no change is lost. While files keep changing faster than a build takes,
// the last good build stays on screen. Requests that come before the first
// build has finished wait for it.
//
// # Watching
//
// content/, layouts/ and assets/ under the site root are watched with
// fsnotify, recursively: folders that appear are walked and watched (files
// created in them before the watch existed are counted as changed), folders
// that are removed or renamed lose their watches. Editor temporary and
// backup files (vim's 4913 and *.swp, *~, JetBrains' *___jb_tmp___, GNOME's
// .goutputstream-*, hidden files) and chmod-only events are not changes;
// the real file's own event follows them. Events are batched until they
// have been quiet for Config.Delay, so a burst of hundreds of files makes
// one build. A kernel queue overflow answers with a rescan and a full build.
//
// # Serving
//
// Files are served the way Netlify serves public/: /x/ is x/index.html, /x
// redirects to /x/ when x is a folder with an index, /x may also be x.html,
// and unknown paths get 404.html with status 404. Paths with "..", encoded
// or not, and backslashes are refused; a build on disk should be opened
// with os.Root, so that symlinks that lead out of it cannot be opened (the
// tests do). Pages are served under the production Content-Security-Policy.
// The error page shows source lines only of files inside the site root,
// read through os.Root: a symlink that leads out of it shows none.
//
// The server answers only to its own names: a request whose Host is not
// localhost, a loopback address (127.0.0.1, [::1]) or the host of
// Config.Addr, with any port or none, gets 403 with a Danish reason, and so
// does a request with an Origin header naming another host. This keeps a
// page on another domain that is rebound to 127.0.0.1 (DNS rebinding, as in
// Vite's server.allowedHosts) from reading the preview, its event stream
// and /_katalog/ included. Names are compared without case and without a
// trailing dot. A server on every interface (":1313", "0.0.0.0:1313")
// answers to any IP address too, since an address cannot be rebound.
//
// Connections whose headers do not arrive within 10 seconds, and keep-alive
// connections idle for 2 minutes, are closed; event streams have no time
// limit. When Serve's context ends (Ctrl-C), the running build is cancelled
// and Serve returns within half a second, without waiting for a build that
// does not stop.
//
// # Live reload
//
// Served pages (never the files on disk) get
//
//	<script src="/_katalog/reload.js?v=HASH" data-gen="N" defer></script>
//
// before </head>. The script listens to /_katalog/events, a Server-Sent
// Events stream: "hello" on connect carries the current build number (a page
// from an older build reloads), "reload" reloads the page and keeps its
// scroll position, and "css", sent when only stylesheets under assets/
// changed, swaps each <link rel="stylesheet"> for its new fingerprinted
// address without a reload. Only visible pages keep a stream open (a
// browser allows six connections to one server); a tab that comes to the
// front reconnects and reloads if it missed a build.
package devserver
