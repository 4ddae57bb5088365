package layout

import (
	"html/template"
	tparse "text/template/parse"
)

// A page's signature (in the preview, package generator) covers what its
// layout shows of other pages: on a case, its related cases' cards, its
// neighbours' titles and its terms; on a list, the cards of the cases on
// that page and how many there are in all. pagesCovered checks, by following what dot and each
// variable hold through the layout from layouts/base.html on, that a
// layout reaches no further: {{range .Page.Cases}} on a list, the cases of
// a case's themes, or .Page.Prev.Prev make it false, and the preview then
// renders every page after a front matter edit.

// A reach is what a value in a layout is, as far as signatures care.
type reach int

const (
	rUnknown reach = iota // anything: a field that leads to pages is not covered
	rScalar               // text, numbers, times: no pages behind it
	rRoot                 // the layout's data: .Site, .Page, .Pager
	rSite                 // .Site (Reads.Site lists which of its fields are read)
	rSelf                 // the page being rendered
	rPager                // .Pager
	rCard                 // a case whose card is covered: its own fields and its terms
	rFace                 // a page whose front matter is covered, not its links
	rSource               // a source: its material is a face
	rCount                // .Page.Cases: only its length is covered
	rList                 // offset: a list of the reach minus rList
)

// pageFields are the fields of a Page that lead to other pages.
var pageFields = map[string]bool{"Cases": true, "Related": true, "Prev": true, "Next": true, "UsedBy": true,
	"Materials": true, "Themes": true, "Principles": true, "Municipalities": true, "Sources": true, "Page": true}

// field is the reach of field f of a value of reach from; ok is false when
// the signature does not cover it.
func field(from reach, f string) (to reach, ok bool) {
	switch from {
	case rRoot:
		switch f {
		case "Page":
			return rSelf, true
		case "Pager":
			return rPager, true
		case "Site":
			return rSite, true
		}
		return rScalar, true
	case rSite:
		switch f {
		case "Themes", "Principles", "Municipalities":
			return rList + rFace, true
		}
		return rUnknown, true // Reads.Site lists them; the Builder decides
	case rSelf:
		switch f {
		case "Related":
			return rList + rCard, true
		case "Prev", "Next":
			return rFace, true
		case "Themes", "Principles", "Municipalities", "Materials":
			return rList + rFace, true
		case "Sources":
			return rList + rSource, true
		case "Cases":
			return rCount, true
		case "UsedBy":
			return rUnknown, false
		}
		return rScalar, true
	case rPager:
		if f == "Cases" {
			return rList + rCard, true
		}
		return rScalar, true
	case rCard, rFace:
		switch f {
		case "Themes", "Principles", "Municipalities": // their titles are in every signature
			return rList + rFace, true
		}
	case rSource:
		if f == "Page" {
			return rFace, true
		}
		return rScalar, true
	case rScalar:
		return rScalar, true
	case rCount:
		return rUnknown, false
	}
	if pageFields[f] {
		return rUnknown, false
	}
	if from >= rList {
		return rScalar, true
	}
	return from, true // a page's own fields, or more of something unknown
}

// pagesCovered reports whether the layout set t, run from Base on the
// layout data, reads no more of other pages than signatures cover.
func pagesCovered(t *template.Template) bool {
	w := &hopWalker{set: t, seen: map[string]bool{}}
	return w.template(Base, rRoot)
}

type hopWalker struct {
	set  *template.Template
	seen map[string]bool // template and reach already walked
}

func (w *hopWalker) template(name string, dot reach) bool {
	key := name + "\x00" + string(rune('0'+dot))
	if w.seen[key] {
		return true
	}
	w.seen[key] = true
	t := w.set.Lookup(name)
	if t == nil || t.Tree == nil {
		return true // executing it fails anyway
	}
	return (&hopScope{w: w, vars: map[string]reach{"$": dot}}).list(t.Tree.Root, dot)
}

// A hopScope walks one template, with the reach of its variables.
type hopScope struct {
	w    *hopWalker
	vars map[string]reach
}

func (s *hopScope) list(l *tparse.ListNode, dot reach) bool {
	if l == nil {
		return true
	}
	for _, n := range l.Nodes {
		if !s.node(n, dot) {
			return false
		}
	}
	return true
}

func (s *hopScope) node(n tparse.Node, dot reach) bool {
	switch n := n.(type) {
	case *tparse.ActionNode:
		r, ok := s.pipe(n.Pipe, dot)
		return ok && r != rCount
	case *tparse.IfNode:
		_, ok := s.pipe(n.Pipe, dot) // whether there are cases: their number is covered
		return ok && s.list(n.List, dot) && s.list(n.ElseList, dot)
	case *tparse.WithNode:
		r, ok := s.pipe(n.Pipe, dot)
		return ok && r != rCount && s.list(n.List, r) && s.list(n.ElseList, dot)
	case *tparse.RangeNode:
		r, ok := s.pipe(n.Pipe, dot)
		if r == rCount {
			return false
		}
		elem := rUnknown
		if r >= rList {
			elem = r - rList
		}
		if n.Pipe != nil && len(n.Pipe.Decl) > 0 {
			last := n.Pipe.Decl[len(n.Pipe.Decl)-1].Ident[0]
			s.vars[last] = elem
			if len(n.Pipe.Decl) == 2 {
				s.vars[n.Pipe.Decl[0].Ident[0]] = rScalar
			}
		}
		return ok && s.list(n.List, elem) && s.list(n.ElseList, dot)
	case *tparse.TemplateNode:
		r, ok := s.pipe(n.Pipe, dot)
		return ok && r != rCount && s.w.template(n.Name, r)
	}
	return true
}

func (s *hopScope) pipe(p *tparse.PipeNode, dot reach) (reach, bool) {
	if p == nil {
		return rUnknown, true
	}
	r := rUnknown
	for _, c := range p.Cmds {
		var ok bool
		if r, ok = s.cmd(c, dot, r); !ok {
			return r, false
		}
	}
	if len(p.Decl) == 1 {
		s.vars[p.Decl[0].Ident[0]] = r
	}
	return r, true
}

// cmd walks one command of a pipeline; prev is the reach of the value
// piped into it.
func (s *hopScope) cmd(c *tparse.CommandNode, dot, prev reach) (reach, bool) {
	if len(c.Args) == 0 {
		return rUnknown, true
	}
	fn, isFn := c.Args[0].(*tparse.IdentifierNode)
	var args []reach
	for i, a := range c.Args {
		if isFn && i == 0 {
			continue
		}
		r, ok := s.arg(a, dot)
		if !ok || r == rCount && !(isFn && fn.Ident == "len") && len(c.Args) > 1 {
			return r, false
		}
		args = append(args, r)
	}
	if prev != rUnknown || len(c.Args) > 1 || isFn {
		args = append(args, prev)
	}
	if !isFn {
		r, _ := s.arg(c.Args[0], dot)
		return r, true
	}
	switch fn.Ident {
	case "card":
		return rScalar, len(args) == 0 || s.w.template("card", args[0])
	case "cards":
		return rScalar, len(args) == 0 || args[0] < rList || s.w.template("card", args[0]-rList)
	case "partialCached":
		if name, ok := c.Args[1].(*tparse.StringNode); ok && len(args) > 1 {
			return rScalar, s.w.template(name.Text, args[1])
		}
		return rScalar, true
	case "index":
		if len(args) > 0 && args[0] >= rList {
			return args[0] - rList, true
		}
		return rUnknown, true
	case "len", "and", "or", "not", "eq", "ne", "lt", "le", "gt", "ge", "print", "printf", "println",
		"html", "js", "urlquery", "url", "absURL", "asset", "date", "isoDate", "number", "add", "typeName":
		return rScalar, true
	}
	return rUnknown, true
}

// arg returns the reach of one argument; ok is false when it reads what
// the signatures do not cover.
func (s *hopScope) arg(a tparse.Node, dot reach) (reach, bool) {
	switch a := a.(type) {
	case *tparse.DotNode:
		return dot, true
	case *tparse.FieldNode:
		return s.fields(dot, a.Ident)
	case *tparse.VariableNode:
		r, ok := s.vars[a.Ident[0]]
		if !ok {
			r = rUnknown
		}
		return s.fields(r, a.Ident[1:])
	case *tparse.ChainNode:
		r, ok := s.arg(a.Node, dot)
		if !ok {
			return r, false
		}
		return s.fields(r, a.Field)
	case *tparse.PipeNode:
		return s.pipe(a, dot)
	case *tparse.StringNode, *tparse.NumberNode, *tparse.BoolNode, *tparse.NilNode:
		return rScalar, true
	}
	return rUnknown, true
}

func (s *hopScope) fields(r reach, names []string) (reach, bool) {
	for i, f := range names {
		var ok bool
		if r, ok = field(r, f); !ok {
			return r, false
		}
		if r == rCount && i < len(names)-1 {
			return rUnknown, false
		}
	}
	return r, true
}
