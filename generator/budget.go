package generator

import (
	"fmt"
	"strings"
)

// MaxPageBytes is the most HTML one page may have. The catalogue's largest
// page is about 23 KB and a 20 MB markdown file makes a page of about the
// same size, so only a page that multiplies its source (a layout that
// repeats every case's text on every page, or data that went wrong) gets
// near it. A page that size would take a phone minutes to load; refusing
// it keeps a mistake from reaching the site and the build's memory in
// bounds.
const MaxPageBytes = 20 << 20

// checkPageSize returns an error at file when a page rendered from it has
// n bytes of HTML, more than MaxPageBytes, and nil otherwise.
func checkPageSize(file string, n int) *SourceError {
	if n <= MaxPageBytes {
		return nil
	}
	mb := strings.Replace(fmt.Sprintf("%.1f", float64(n)/(1<<20)), ".", ",", 1)
	return &SourceError{File: file, Msg: fmt.Sprintf("siden fylder %s MB som HTML, men en side må højst fylde %d MB (del teksten op på flere sider, eller gør tabeller og diagrammer mindre)", mb, MaxPageBytes>>20)}
}
