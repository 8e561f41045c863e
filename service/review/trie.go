package review

import "strings"

// node is a state of the phrase trie: the words read so far on every path
// to it. A walk from each token follows every edge the next token allows
// and records a match for each category accepted on the way.
type node struct {
	few      []wordEdge      // edges by word id, when there are few
	many     map[int32]*node // edges by word id, when there are many
	prefixes []prefixEdge    // "word*" edges
	gaps     []gapEdge       // "~N" edges
	end      *node           // the "$" edge
	fullEnd  *node           // the "$$" edge
	accept   []category      // categories of the phrases that end here
}

type wordEdge struct {
	id   int32
	next *node
}

type prefixEdge struct {
	prefix string
	next   *node
}

type gapEdge struct {
	n    int
	next *node
}

// maxFew is the number of word edges a node keeps in a slice before it
// switches to a map.
const maxFew = 8

// trie is the compiled phrase lexicon. The root is indexed directly: by word
// id for whole words, by the first two letters for prefixes.
type trie struct {
	root     node
	rootIDs  []*node
	rootPref [26 * 26][]prefixEdge
	nodes    int
}

func (n *node) child(id int32) *node {
	if n.many != nil {
		return n.many[id]
	}
	for _, e := range n.few {
		if e.id == id {
			return e.next
		}
	}
	return nil
}

// insert adds one expanded phrase of category c.
func (tr *trie) insert(lx *lexicon, seq []elem, c category) {
	n := &tr.root
	for _, e := range seq {
		n = tr.step(lx, n, e)
	}
	for _, a := range n.accept {
		if a == c {
			return
		}
	}
	n.accept = append(n.accept, c)
}

func (tr *trie) newNode() *node {
	tr.nodes++
	return &node{}
}

// step returns the node after e from n, creating it.
func (tr *trie) step(lx *lexicon, n *node, e elem) *node {
	switch e.kind {
	case elemWord:
		id := lx.info(e.s).id
		if next := n.child(id); next != nil {
			return next
		}
		next := tr.newNode()
		switch {
		case n.many != nil:
			n.many[id] = next
		case len(n.few) < maxFew:
			n.few = append(n.few, wordEdge{id, next})
		default:
			n.many = make(map[int32]*node, 2*maxFew)
			for _, w := range n.few {
				n.many[w.id] = w.next
			}
			n.few = nil
			n.many[id] = next
		}
		return next
	case elemPrefix:
		for _, p := range n.prefixes {
			if p.prefix == e.s {
				return p.next
			}
		}
		next := tr.newNode()
		n.prefixes = append(n.prefixes, prefixEdge{e.s, next})
		return next
	case elemGap:
		for _, g := range n.gaps {
			if g.n == e.n {
				return g.next
			}
		}
		next := tr.newNode()
		n.gaps = append(n.gaps, gapEdge{e.n, next})
		return next
	case elemFullEnd:
		if n.fullEnd == nil {
			n.fullEnd = tr.newNode()
		}
		return n.fullEnd
	default: // elemEnd
		if n.end == nil {
			n.end = tr.newNode()
		}
		return n.end
	}
}

// seal builds the root index once every phrase is in.
func (tr *trie) seal(words int) {
	tr.rootIDs = make([]*node, words)
	if tr.root.many != nil {
		for id, next := range tr.root.many {
			tr.rootIDs[id] = next
		}
	}
	for _, e := range tr.root.few {
		tr.rootIDs[e.id] = e.next
	}
	for _, p := range tr.root.prefixes {
		k := prefixKey(p.prefix)
		tr.rootPref[k] = append(tr.rootPref[k], p)
	}
}

// prefixKey indexes a word by its first two letters, or returns -1 when
// they are not both a to z.
func prefixKey(w string) int {
	if len(w) < 2 || w[0] < 'a' || w[0] > 'z' || w[1] < 'a' || w[1] > 'z' {
		return -1
	}
	return int(w[0]-'a')*26 + int(w[1]-'a')
}

// scanTokens records every phrase match that starts at each token; with
// anchored set, only at tokens that start a clause, and after the matches
// of the first pass, which it keeps in order.
func (d *doc) scanTokens(tr *trie, anchored bool) {
	toks := d.toks
	d.inserting = anchored
	for i := range toks {
		if anchored && !d.clauseHead(i) {
			continue
		}
		t := &toks[i]
		if t.id >= 0 {
			if next := tr.rootIDs[t.id]; next != nil {
				d.walk(next, i+1, i, t.sent)
			}
		}
		if k := prefixKey(t.norm); k >= 0 {
			for _, p := range tr.rootPref[k] {
				if strings.HasPrefix(t.norm, p.prefix) {
					d.walk(p.next, i+1, i, t.sent)
				}
			}
		}
	}
	d.inserting = false
}

// walk follows n from token pos for a match that started at token start.
func (d *doc) walk(n *node, pos, start int, sent int32) {
	for _, c := range n.accept {
		d.record(c, start, pos)
	}
	toks := d.toks
	inSent := pos < len(toks) && toks[pos].sent == sent
	if inSent {
		t := &toks[pos]
		if t.id >= 0 && (n.few != nil || n.many != nil) {
			if next := n.child(t.id); next != nil {
				d.walk(next, pos+1, start, sent)
			}
		}
		for _, p := range n.prefixes {
			if strings.HasPrefix(t.norm, p.prefix) {
				d.walk(p.next, pos+1, start, sent)
			}
		}
	}
	if n.end != nil && (!inSent || toks[pos].brk != brkNone) {
		d.walk(n.end, pos, start, sent)
	}
	if n.fullEnd != nil && (!inSent || toks[pos].brk == brkStrong) {
		d.walk(n.fullEnd, pos, start, sent)
	}
	for _, g := range n.gaps {
		d.walk(g.next, pos, start, sent)
		for k := 1; k <= g.n; k++ {
			p := pos + k
			if p > len(toks) || toks[p-1].sent != sent {
				break
			}
			d.walk(g.next, p, start, sent)
		}
	}
}

// record keeps the longest match of category c starting at token start.
// Matches come in order of start; the anchored pass keeps its own, which
// mergeAnchored then merges in.
func (d *doc) record(c category, start, end int) {
	list := &d.m[c]
	if d.inserting {
		list = &d.anch[c]
	}
	ms := *list
	if n := len(ms); n > 0 && ms[n-1].s == start {
		ms[n-1].e = max(ms[n-1].e, end)
		return
	}
	*list = append(ms, span{start, end})
}

// mergeAnchored merges the matches of the anchored pass into those of the
// first, in one pass per category, keeping the longest match per start.
func (d *doc) mergeAnchored() {
	for c := range d.anch {
		b := d.anch[c]
		if len(b) == 0 {
			continue
		}
		a := d.m[c]
		out := d.tmp[:0]
		i, j := 0, 0
		for i < len(a) || j < len(b) {
			var m span
			switch {
			case j == len(b) || (i < len(a) && a[i].s < b[j].s):
				m, i = a[i], i+1
			case i == len(a) || b[j].s < a[i].s:
				m, j = b[j], j+1
			default:
				m = span{a[i].s, max(a[i].e, b[j].e)}
				i, j = i+1, j+1
			}
			out = append(out, m)
		}
		d.m[c] = append(a[:0], out...)
		d.tmp = out
	}
}
