package generator

import (
	"cmp"
	"slices"
)

// planMove returns the new position in s.Cases of q, the new version of
// the case op, whose date or title sorts it elsewhere, and whether the
// site can be patched for the move (moveCase): not when the case is now,
// or is no longer, the newest of a municipality that it and its new newest
// case write otherwise (the municipality's page is named as its newest
// case writes it).
func (s *Site) planMove(op, q *Page) (int, bool) {
	from := op.index
	if op.Kind != KindCase || from >= len(s.Cases) || s.Cases[from] != op {
		return 0, false
	}
	to, _ := slices.BinarySearchFunc(s.Cases[:from], q, byDate)
	if to == from {
		after, _ := slices.BinarySearchFunc(s.Cases[from+1:], q, byDate)
		to += after
	}
	for _, m := range op.Municipalities {
		// The others keep their order: q is first if it sorts before the
		// first of them.
		first := m.Cases[0]
		if first == op {
			if len(m.Cases) == 1 {
				continue
			}
			first = m.Cases[1]
		}
		newFirst := first
		if byDate(q, first) < 0 {
			newFirst = q
		}
		if municipalityName(newFirst, m.Slug) != m.Title {
			return 0, false
		}
	}
	return to, true
}

// moveCase moves q, which has replaced op in the site at position
// q.index of s.Cases, to position to, and mends what follows from the
// order: positions, Prev and Next, the lists of cases of q's terms, the
// lists of materials' users, and related cases, whose ties the newer case
// wins. The other cases keep their order among themselves, so only what
// is ranked against q changes.
func (s *Site) moveCase(q *Page, to int) {
	from := q.index
	if to < from {
		copy(s.Cases[to+1:from+1], s.Cases[to:from])
	} else {
		copy(s.Cases[from:to], s.Cases[from+1:to+1])
	}
	s.Cases[to] = q // in place: the case list's page shares s.Cases
	lo, hi := min(from, to), max(from, to)
	for i := lo; i <= hi; i++ {
		s.Cases[i].index = i
	}
	for _, i := range []int{from - 1, from, from + 1, to - 1, to, to + 1} {
		if i < 0 || i >= len(s.Cases) {
			continue
		}
		c := s.Cases[i]
		c.Next, c.Prev = nil, nil
		if i > 0 {
			c.Next = s.Cases[i-1]
		}
		if i+1 < len(s.Cases) {
			c.Prev = s.Cases[i+1]
		}
	}
	for _, t := range slices.Concat(q.Themes, q.Principles, q.Municipalities) {
		list := slices.DeleteFunc(slices.Clone(t.Cases), func(c *Page) bool { return c == q })
		i, _ := slices.BinarySearchFunc(list, q.index, func(c *Page, i int) int { return cmp.Compare(c.index, i) })
		t.Cases = slices.Insert(list, i, q)
	}
	for _, src := range q.Sources {
		m := src.Page
		if m == nil || !slices.Contains(m.UsedBy, q) {
			continue
		}
		// Users are listed as linkMaterials meets them: the front page,
		// the timeline, the cases in order, then other pages.
		list := slices.DeleteFunc(slices.Clone(m.UsedBy), func(p *Page) bool { return p == q })
		i := 0
		for i < len(list) && (list[i].Kind == KindHome || list[i].Kind == KindTimeline || list[i].Kind == KindCase && list[i].index < q.index) {
			i++
		}
		m.UsedBy = slices.Insert(list, i, q)
	}

	score, touched := s.relatedScores(q)
	for _, i := range touched {
		c := s.Cases[i]
		if c == q {
			continue
		}
		if slices.Contains(c.Related, q) {
			c.Related = s.relatedOf(c)
		} else {
			// q was not among the best; if it ranks higher now, the best
			// are the old best and q.
			c.Related = insertRelated(c, slices.Clone(c.Related), q, score[i])
		}
	}
}
