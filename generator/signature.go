package generator

import (
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"slices"
)

// signatures returns, for each output page that lists or links to other
// pages (cases and the paginated lists), a hash of everything it shows:
// its own page as written and rendered, and what it shows of the others.
// A page with the same signature as in the last build is the same page.
// Other pages (the front page, indexes, the timeline, plain pages, the
// search page) are few, and always rendered: they have no signature.
//
// What a page shows of another is that page as written (its front matter,
// which gives its title, summary, date and terms) and the titles of its
// terms, for cards; of its own list, the cases on it and their number; of
// the site, its themes, municipalities and principles. Layouts that show
// more than that (see signaturesHold) turn the signatures off, and every
// page is rendered.
func (b *Builder) signatures(jobs []job) map[string]uint64 {
	if !signaturesHold(b.r.tmpl) {
		return nil
	}
	var h maphash.Hash
	h.SetSeed(b.seed)
	str := func(s string) { h.WriteString(s); h.WriteByte(0) }
	num := func(v uint64) {
		var buf [8]byte
		binary.LittleEndian.PutUint64(buf[:], v)
		h.Write(buf[:])
	}
	shallow := map[*Page]uint64{}
	face := func(p *Page) uint64 {
		if v, ok := shallow[p]; ok {
			return v
		}
		h.Reset()
		for _, s := range []string{p.Kind, p.URL, p.Slug, p.Title, p.Summary, p.head} {
			str(s)
		}
		num(uint64(p.Number))
		if p.Draft {
			num(1)
		}
		v := h.Sum64()
		shallow[p] = v
		return v
	}
	deep := map[*Page]uint64{}
	card := func(c *Page) uint64 {
		if v, ok := deep[c]; ok {
			return v
		}
		var terms []uint64
		for _, t := range slices.Concat(c.Themes, c.Municipalities, c.Principles) {
			terms = append(terms, face(t))
		}
		h.Reset()
		num(face(c))
		for _, t := range terms {
			num(t)
		}
		v := h.Sum64()
		deep[c] = v
		return v
	}
	// The lists' filters and the principles' menu show every term.
	var terms uint64
	if len(jobs) > 0 {
		s := b.r.site
		var faces []uint64
		for _, t := range slices.Concat(s.Themes, s.Municipalities, s.Principles) {
			faces = append(faces, face(t))
		}
		h.Reset()
		for _, f := range faces {
			num(f)
		}
		if c := s.Contact(); c != nil { // the footer shows it on every page
			str(fmt.Sprintf("%q", *c))
		}
		terms = h.Sum64()
	}
	sigs := map[string]uint64{}
	for _, j := range jobs {
		p := j.page
		parts := []uint64{uint64(len(p.Cases))}
		switch k := kindByName[p.Kind]; {
		case !k.signed:
			continue
		case p.Kind == KindCase:
			parts = append(parts, card(p))
			for _, o := range p.Related {
				parts = append(parts, card(o))
			}
			for _, o := range []*Page{p.Prev, p.Next} {
				if o != nil {
					parts = append(parts, face(o))
				}
			}
		case k.lists:
			parts = append(parts, face(p), uint64(j.pager.Number), uint64(j.pager.Total))
			for _, c := range j.pager.Cases {
				parts = append(parts, card(c))
			}
		default:
			continue
		}
		for _, m := range p.Materials { // a theme's materials, as cards
			parts = append(parts, face(m))
		}
		for _, src := range p.Sources { // sources that link to a material
			if src.Page != nil {
				parts = append(parts, face(src.Page))
			}
		}
		h.Reset()
		str(string(p.Content))
		num(terms)
		for _, v := range parts {
			num(v)
		}
		sigs[j.out] = h.Sum64()
	}
	return sigs
}

// signedKinds are the kinds of page that have signatures.
var signedKinds = func() []string {
	var names []string
	for _, k := range kinds {
		if k.signed {
			names = append(names, k.name)
		}
	}
	return names
}()

// siteFields are the fields of .Site that pages with signatures may show.
var siteFields = map[string]bool{"Title": true, "BaseURL": true, "Absolute": true, "Now": true,
	"Themes": true, "Municipalities": true, "Principles": true, "Contact": true}
