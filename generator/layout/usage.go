package layout

import (
	"html/template"
	"slices"
	tparse "text/template/parse"
)

// Reads is what the layout of one kind of page reads, with the base
// layout and the partials it may call.
type Reads struct {
	// Site lists the fields of .Site it reads (.Site.Title, $.Site.Themes,
	// $v.Site.Themes for any variable $v), sorted.
	Site []string
	// AllSite reports that it hands .Site on whole (to with, range, a
	// variable or a template call), and may thus read any of its fields.
	AllSite bool
	// Funcs lists the functions it calls, sorted.
	Funcs []string
	// PagesCovered reports that, executed from layouts/base.html, it reads
	// no more of other pages than a page's signature covers in the preview:
	// on a case its related cases' cards, its neighbours' titles and its
	// terms; on a list the cards of the cases on that page and how many
	// cases there are in all (reach.go).
	PagesCovered bool
}

// BodyLocal reports whether every layout reads a page's body (.Content,
// .Text, .Headings) only of the page being rendered, as .Page.Content or
// $.Page.Content. It is false when a layout may show a page's body on
// another page: .Content of a case in a list, through a variable, with
// the page as dot, or in any other way (body.go).
func (s *Set) BodyLocal() bool { return s != nil && s.body }

// Reads returns what the layout of kind reads; ok is false when the set
// has no layout for kind.
func (s *Set) Reads(kind string) (r Reads, ok bool) {
	if s == nil {
		return Reads{}, false
	}
	r, ok = s.reads[kind]
	return r, ok
}

// analyse works out what the layouts read, before any of them is
// executed: html/template rewrites a template's tree when it first
// executes it.
func (s *Set) analyse() {
	s.body = true
	if s.common != nil && !bodyLocal(s.common) {
		s.body = false
	}
	s.reads = map[string]Reads{}
	for k, t := range s.kinds {
		if !bodyLocal(t) {
			s.body = false
		}
		s.reads[k] = reads(t)
	}
}

// reads finds what the templates of t read of .Site and which functions
// they call, and whether they reach no further than signatures cover.
func reads(t *template.Template) Reads {
	site, funcs := map[string]bool{}, map[string]bool{}
	var r Reads
	fromSite := func(idents []string) {
		switch {
		case len(idents) == 0 || idents[0] != "Site":
		case len(idents) == 1:
			r.AllSite = true
		default:
			site[idents[1]] = true
		}
	}
	for _, d := range t.Templates() {
		if d.Tree == nil {
			continue
		}
		inspect(d.Tree.Root, func(n tparse.Node) {
			switch n := n.(type) {
			case *tparse.FieldNode:
				fromSite(n.Ident)
			case *tparse.VariableNode:
				// $ is the layout's data; any other variable may hold it too.
				fromSite(n.Ident[1:])
			case *tparse.ChainNode:
				fromSite(n.Field)
			case *tparse.IdentifierNode:
				funcs[n.Ident] = true
			}
		})
	}
	r.Site = sortedKeys(site)
	r.Funcs = sortedKeys(funcs)
	r.PagesCovered = pagesCovered(t)
	return r
}

func sortedKeys(m map[string]bool) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// inspect calls f for n and every node under it.
func inspect(n tparse.Node, f func(tparse.Node)) {
	if n == nil {
		return
	}
	f(n)
	branch := func(b *tparse.BranchNode) {
		inspect(b.Pipe, f)
		inspect(b.List, f)
		inspect(b.ElseList, f)
	}
	switch n := n.(type) {
	case *tparse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				inspect(c, f)
			}
		}
	case *tparse.ActionNode:
		inspect(n.Pipe, f)
	case *tparse.PipeNode:
		if n != nil {
			for _, c := range n.Cmds {
				inspect(c, f)
			}
		}
	case *tparse.CommandNode:
		for _, a := range n.Args {
			inspect(a, f)
		}
	case *tparse.ChainNode:
		inspect(n.Node, f)
	case *tparse.IfNode:
		branch(&n.BranchNode)
	case *tparse.RangeNode:
		branch(&n.BranchNode)
	case *tparse.WithNode:
		branch(&n.BranchNode)
	case *tparse.TemplateNode:
		inspect(n.Pipe, f)
	}
}
