package generator

import (
	"path"
	"strings"

	"katalog/generator/markdown"
)

// imageFile returns the file an image reference in the page file names:
// relative to the page's file in content/, or /assets/... from the site
// root. It reports false for external images.
func imageFile(page, src string) (string, bool) {
	if !markdown.Internal(src) {
		return "", false
	}
	if i := strings.IndexAny(src, "?#"); i >= 0 {
		src = src[:i]
	}
	if strings.HasPrefix(src, "/") {
		if strings.HasPrefix(src, "/assets/") {
			return strings.TrimPrefix(src, "/"), true
		}
		return "content" + src, true
	}
	return path.Join(path.Dir(page), src), true
}
