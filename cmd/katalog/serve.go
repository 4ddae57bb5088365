package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"

	"katalog/generator"
	"katalog/generator/editor"
	"katalog/internal/devserver"
)

const serveUsage = `Brug: katalog serve [-src MAPPE] [-addr 127.0.0.1:1313] [-drafts] [-open] [-rediger]

Bygger sitet, viser det på http://127.0.0.1:1313/ og holder øje med
content/, layouts/ og assets/. Når du gemmer en fil, bygges sitet igen, og
browseren genindlæser siden af sig selv; en ændret stylesheet skiftes ud
uden genindlæsning. Er der en fejl i indholdet, viser browseren fejlen med
fil og linje, indtil den er rettet. Gemmer du igen, mens sitet bygges,
afbrydes byggeriet, og det næste byggeri tager alle ændringerne med.

Serveren svarer kun på localhost, 127.0.0.1, [::1] og værten fra -addr
(lytter den på alle netværkskort, også på maskinens IP-adresser); andre
navne får 403. Stop serveren med Ctrl-C; et Ctrl-C mere afbryder med det
samme.

Flag:
  -src MAPPE     sitets mappe med content/, layouts/ og assets/ (standard: .)
  -addr ADRESSE  adresse og port, serveren lytter på (standard: 127.0.0.1:1313)
  -drafts        vis også kladder (draft: true), mærket »Kladde«
  -open          åbn sitet i browseren
  -rediger       åbn redigeringen i browseren

Redigeringen ligger på http://127.0.0.1:1313/_katalog/rediger/: skriv og
ret cases og sider i browseren, med siden vist ved siden af, mens du
skriver. Hver side i forhåndsvisningen har et link "Rediger denne side".
`

// runServe builds the site, serves it and rebuilds it on every change.
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	src := fs.String("src", ".", "")
	addr := fs.String("addr", "127.0.0.1:1313", "")
	drafts := fs.Bool("drafts", false, "")
	open := fs.Bool("open", false, "")
	openEditor := fs.Bool("rediger", false, "")
	fs.Usage = func() { fmt.Fprint(stderr, serveUsage) }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "katalog serve: uventet argument %q\n\n", fs.Arg(0))
		fs.Usage()
		return 2
	}
	if fi, err := os.Stat(filepath.Join(*src, "content")); err != nil || !fi.IsDir() {
		fmt.Fprintf(stderr, "katalog serve: %s er ikke et site: der er ingen mappe content/ (angiv sitets mappe med -src)\n", *src)
		return 2
	}
	if !isLoopback(*addr) {
		fmt.Fprintf(stderr, "Advarsel: serveren lytter på %s og kan nås fra andre maskiner på netværket. Brug -addr 127.0.0.1:1313 for kun at vise sitet på denne maskine.\n", *addr)
	}
	render := editor.NewRenderer(*src)
	ed, err := editor.New(editor.Config{Root: *src, Renderer: render})
	if err != nil {
		fmt.Fprintf(stderr, "katalog serve: %v\n", err)
		return 1
	}
	srv, err := devserver.New(devserver.Config{
		Root:  *src,
		Addr:  *addr,
		Build: siteBuilder(*src, *drafts, render.Changed),
		// Fingerprinted, as netlify.toml says.
		Immutable: []string{"/assets/", "/soeg/data/"},
		// The editor's pages and API (package editor).
		Handlers: map[string]http.Handler{editorPath: http.StripPrefix(strings.TrimSuffix(editorPath, "/"), ed)},
		Editor:   editorPath,
		Log:      stdout,
	})
	if err != nil {
		fmt.Fprintf(stderr, "katalog serve: %v\n", err)
		return 1
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		srv.Close()
		fmt.Fprintf(stderr, "katalog serve: kan ikke lytte på %s: %v (er porten optaget? vælg en anden med -addr)\n", *addr, err)
		return 1
	}
	switch {
	case *openEditor:
		openBrowser("http://" + ln.Addr().String() + editorPath)
	case *open:
		openBrowser("http://" + ln.Addr().String() + "/")
	}
	if err := srv.Serve(ctx, ln); err != nil {
		fmt.Fprintf(stderr, "katalog serve: %v\n", err)
		return 1
	}
	fmt.Fprintln(stdout, "Serveren er stoppet.")
	return 0
}

// editorPath is where the preview serves the browser editor.
const editorPath = "/_katalog/rediger/"

// siteBuilder returns the build function the preview server calls: builds
// in memory that reuse the last one's work, served from memory. Each
// build's changed files are passed on to notify (the editor's Renderer).
func siteBuilder(src string, drafts bool, notify func([]string)) func(context.Context, []string) (fs.FS, error) {
	b := generator.NewBuilder(generator.Config{Root: src, Drafts: drafts, BaseURL: "/"})
	return func(ctx context.Context, changed []string) (fs.FS, error) {
		if notify != nil {
			notify(changed)
		}
		out, err := b.Build(ctx, changed)
		if err != nil {
			return nil, err
		}
		return out.FS(), nil
	}
}

// isLoopback reports whether addr only listens on this machine.
func isLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// openBrowser opens url in the default browser; failing is fine.
func openBrowser(url string) {
	name, args := "xdg-open", []string{url}
	switch runtime.GOOS {
	case "darwin":
		name = "open"
	case "windows":
		name, args = "rundll32", []string{"url.dll,FileProtocolHandler", url}
	}
	cmd := exec.Command(name, args...)
	if cmd.Start() == nil {
		go cmd.Wait()
	}
}
