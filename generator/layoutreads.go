package generator

import "katalog/generator/layout"

// What the preview's shortcuts require of layouts. Package layout finds
// out what the layouts read when it loads them; these say whether that is
// little enough for a shortcut. When they cannot tell, they say no, and
// the Builder renders every page.

// signaturesHold reports whether a page's signature (signature.go) covers
// everything the layouts of signed kinds show: no page's body on another
// page, no more of .Site than siteFields, no function the table in
// render.go marks as reading the site, and no page further away than a
// signature covers.
func signaturesHold(l *layout.Set) bool {
	return l.BodyLocal() && selectiveLayouts(l) && hopsCoveredAll(l)
}

// selectiveLayouts reports whether every signed kind has a layout, and it
// shows nothing of .Site beyond siteFields and calls no function that
// reads the whole site (milestones).
func selectiveLayouts(l *layout.Set) bool {
	for _, k := range signedKinds {
		r, ok := l.Reads(k)
		if !ok || r.AllSite {
			return false
		}
		for _, f := range r.Site {
			if !siteFields[f] {
				return false
			}
		}
		for _, f := range r.Funcs {
			if siteReaders[f] {
				return false
			}
		}
	}
	return true
}

// hopsCoveredAll reports whether the layouts of signed kinds reach no
// further from the page than a signature covers.
func hopsCoveredAll(l *layout.Set) bool {
	for _, k := range signedKinds {
		if r, ok := l.Reads(k); ok && !r.PagesCovered {
			return false
		}
	}
	return true
}
