package generator

import (
	"crypto/sha256"
	"fmt"
	"katalog/generator/markdown"
	"sync"
)

// A relatedCache keeps the related cases of one build for the next: they
// follow from the order of the cases and their themes and principles only,
// so an edit of anything else (a title, a summary, a body) keeps them. A
// nil *relatedCache keeps nothing.
type relatedCache struct {
	sum     [sha256.Size]byte
	related map[string][]string // case URL → related case URLs
}

// key sums what related cases follow from.
func (c *relatedCache) key(cases []*Page) [sha256.Size]byte {
	if c == nil {
		return [sha256.Size]byte{}
	}
	h := sha256.New()
	for _, p := range cases {
		h.Write([]byte(p.URL))
		for _, t := range p.Themes {
			fmt.Fprintf(h, "\x00t%s", t.URL)
		}
		for _, t := range p.Principles {
			fmt.Fprintf(h, "\x00p%s", t.URL)
		}
		h.Write([]byte{'\n'})
	}
	return [sha256.Size]byte(h.Sum(nil))
}

// reuse sets each case's related cases from the last build if key is its
// key, and reports whether it did.
func (c *relatedCache) reuse(key [sha256.Size]byte, cases []*Page) bool {
	if c == nil || c.related == nil || key != c.sum {
		return false
	}
	byURL := make(map[string]*Page, len(cases))
	for _, p := range cases {
		byURL[p.URL] = p
	}
	for _, p := range cases {
		p.Related = nil
		for _, u := range c.related[p.URL] {
			p.Related = append(p.Related, byURL[u])
		}
	}
	return true
}

func (c *relatedCache) keep(key [sha256.Size]byte, cases []*Page) {
	if c == nil {
		return
	}
	c.sum, c.related = key, make(map[string][]string, len(cases))
	for _, p := range cases {
		urls := make([]string, len(p.Related))
		for i, r := range p.Related {
			urls[i] = r.URL
		}
		c.related[p.URL] = urls
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
