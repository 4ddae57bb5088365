package generator

import (
	"crypto/sha256"
	"katalog/generator/markdown"
	"sync"
)

// A relatedCache keeps the related cases of one build for the next: they
// follow from the order of the cases and their themes and principles only,
// so an edit of anything else (a title, a summary, a body) keeps them. A
// nil *relatedCache keeps nothing.
type relatedCache struct {
	sum     [sha256.Size]byte
	related [][]int32 // by position in the cases: the positions of its related cases
}

// key sums what related cases follow from: the cases in order, and the
// themes and principles of each.
func (c *relatedCache) key(cases []*Page) [sha256.Size]byte {
	if c == nil {
		return [sha256.Size]byte{}
	}
	var b []byte // hashed at once: many small writes to the hash cost more than the hashing
	for _, p := range cases {
		b = append(b, p.URL...)
		for _, t := range p.Themes {
			b = append(append(b, "\x00t"...), t.URL...)
		}
		for _, t := range p.Principles {
			b = append(append(b, "\x00p"...), t.URL...)
		}
		b = append(b, '\n')
	}
	return sha256.Sum256(b)
}

// reuse sets each case's related cases from the last build if key is its
// key, and reports whether it did. The key covers the cases' order, so
// positions in it name the same cases.
func (c *relatedCache) reuse(key [sha256.Size]byte, cases []*Page) bool {
	if c == nil || c.related == nil || key != c.sum || len(c.related) != len(cases) {
		return false
	}
	for i, p := range cases {
		p.Related = nil
		if ids := c.related[i]; len(ids) > 0 {
			p.Related = make([]*Page, len(ids))
			for k, id := range ids {
				p.Related[k] = cases[id]
			}
		}
	}
	return true
}

func (c *relatedCache) keep(key [sha256.Size]byte, cases []*Page) {
	if c == nil {
		return
	}
	c.sum, c.related = key, make([][]int32, len(cases))
	for i, p := range cases {
		ids := make([]int32, len(p.Related))
		for k, r := range p.Related {
			ids[k] = int32(r.index)
		}
		c.related[i] = ids
	}
}

// A bodyCache keeps the rendered bodies of one build for the next. An
// entry is used for a page whose body is the very slice it was made from
// (the same parse of an unchanged file) while the site's linkEnv is the
// same. A nil *bodyCache keeps nothing.
type bodyCache struct {
	mu      sync.Mutex
	env     string
	entries map[string]bodyEntry // by content file
}

type bodyEntry struct {
	body []byte
	res  markdown.Result
}

// use starts a build with the given linkEnv, forgetting every body if it
// changed.
func (c *bodyCache) use(env string) {
	if c == nil {
		return
	}
	if c.entries == nil || c.env != env {
		c.env, c.entries = env, map[string]bodyEntry{}
	}
}

func (c *bodyCache) get(p *Page) (markdown.Result, bool) {
	if c == nil {
		return markdown.Result{}, false
	}
	c.mu.Lock()
	e, ok := c.entries[p.File]
	c.mu.Unlock()
	if !ok || len(e.body) != len(p.body) || len(p.body) > 0 && &e.body[0] != &p.body[0] {
		return markdown.Result{}, false
	}
	return e.res, true
}

func (c *bodyCache) put(p *Page, res markdown.Result) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.entries[p.File] = bodyEntry{p.body, res}
	c.mu.Unlock()
}
