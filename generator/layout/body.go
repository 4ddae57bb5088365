package layout

import (
	"html/template"
	"slices"
	tparse "text/template/parse"
)

// The preview renders only the page whose body changed when no layout can
// show that body on another page. bodyFields are what a page's body
// becomes; bodyLocal finds out whether every layout reads them only of the
// page being rendered.
var bodyFields = []string{"Content", "Text", "Headings"}

// bodyLocal reports whether every template of t reads a page's body
// (bodyFields) only as .Page.Content or $.Page.Content, the page being
// rendered. A
// layout that reads .Content of a case in a list, through a variable, with
// the page as dot or in any other way makes it false; the preview then
// renders every page after a body edit. The timeline's milestones have a
// Text of their own, from front matter, which may be read in a range or
// with over .Page.Milestones or the milestones function.
func bodyLocal(t *template.Template) bool {
	for _, d := range t.Templates() {
		if d.Tree != nil && !bodyLocalNode(d.Tree.Root, false) {
			return false
		}
	}
	return true
}

// bodyLocalNode walks n; milestone says whether dot is a milestone.
func bodyLocalNode(n tparse.Node, milestone bool) bool {
	body := func(idents []string) bool {
		return slices.ContainsFunc(idents, func(s string) bool { return slices.Contains(bodyFields, s) })
	}
	list := func(ns []tparse.Node) bool {
		for _, n := range ns {
			if !bodyLocalNode(n, milestone) {
				return false
			}
		}
		return true
	}
	branch := func(b *tparse.BranchNode, inner bool) bool {
		return bodyLocalNode(b.Pipe, milestone) && bodyLocalNode(b.List, inner) && bodyLocalNode(b.ElseList, milestone)
	}
	switch n := n.(type) {
	case *tparse.ListNode:
		return n == nil || list(n.Nodes)
	case *tparse.ActionNode:
		return bodyLocalNode(n.Pipe, milestone)
	case *tparse.PipeNode:
		if n == nil {
			return true
		}
		for _, c := range n.Cmds {
			if !bodyLocalNode(c, milestone) {
				return false
			}
		}
		return true
	case *tparse.CommandNode:
		return list(n.Args)
	case *tparse.FieldNode:
		switch {
		case len(n.Ident) == 2 && n.Ident[0] == "Page":
			return true // .Page.Content: the page being rendered
		case milestone && len(n.Ident) == 1 && n.Ident[0] == "Text":
			return true
		}
		return !body(n.Ident)
	case *tparse.VariableNode:
		if len(n.Ident) == 3 && n.Ident[0] == "$" && n.Ident[1] == "Page" {
			return true
		}
		return !body(n.Ident)
	case *tparse.ChainNode:
		return bodyLocalNode(n.Node, milestone) && !body(n.Field)
	case *tparse.IfNode:
		return branch(&n.BranchNode, milestone)
	case *tparse.RangeNode:
		return branch(&n.BranchNode, overMilestones(n.Pipe))
	case *tparse.WithNode:
		return branch(&n.BranchNode, overMilestones(n.Pipe) || milestone && withText(n.Pipe))
	case *tparse.TemplateNode:
		return bodyLocalNode(n.Pipe, milestone)
	}
	return true
}

// overMilestones reports whether pipe is .Page.Milestones or a call of
// the milestones function: what a range over it sets dot to is a milestone.
func overMilestones(pipe *tparse.PipeNode) bool {
	if pipe == nil || len(pipe.Cmds) != 1 || len(pipe.Cmds[0].Args) == 0 {
		return false
	}
	switch a := pipe.Cmds[0].Args[0].(type) {
	case *tparse.FieldNode:
		return slices.Equal(a.Ident, []string{"Page", "Milestones"})
	case *tparse.IdentifierNode:
		return a.Ident == "milestones"
	}
	return false
}

// withText reports whether pipe is .Text: with it, dot is a string.
func withText(pipe *tparse.PipeNode) bool {
	if pipe == nil || len(pipe.Cmds) != 1 || len(pipe.Cmds[0].Args) != 1 {
		return false
	}
	f, ok := pipe.Cmds[0].Args[0].(*tparse.FieldNode)
	return ok && slices.Equal(f.Ident, []string{"Text"})
}
