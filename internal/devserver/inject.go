package devserver

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html"
)

// scriptTag is the reload script as added to served pages; data-gen tells
// the script which build the page came from. The address carries the
// script's hash, so browsers may keep it: a reload then waits for no
// request but the page's own.
var scriptTag = `<script src="/_katalog/reload.js?v=` + staticHash("static/reload.js") + `" data-gen="%d" defer></script>`

// editTag is scriptTag with the editor's address, from which reload.js
// adds a "Rediger denne side" link to the page (styled by edit.css).
var editTag = `<script src="/_katalog/reload.js?v=` + staticHash("static/reload.js") + `" data-gen="%d" data-edit="%s" defer></script>`

// staticHash returns a short hash of one of the server's own files.
func staticHash(name string) string {
	b, err := static.ReadFile(name)
	if err != nil {
		panic(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:5])
}

// inject adds the reload script to an HTML page: before </head>, else
// before </body>, else at the end. Only responses get it; the files on disk
// never do.
func inject(page []byte, gen int64, editor string) []byte {
	tag := fmt.Appendf(nil, scriptTag, gen)
	if editor != "" {
		tag = fmt.Appendf(nil, editTag, gen, html.EscapeString(editor))
	}
	lower := bytes.ToLower(page)
	i := bytes.Index(lower, []byte("</head>"))
	if i < 0 {
		i = bytes.LastIndex(lower, []byte("</body>"))
	}
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}
