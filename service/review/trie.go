package review

import (
	"cmp"
	"maps"
	"math/bits"
	"slices"
	"strings"
)

// Phrases expand to some 47 000 plain sequences, and a trie of them has
// some 60 000 states, nearly all of them copies: "(decided|chosen|opted|…)
// to (accept|take|…) (another|a new|…) (offer|role|…)" alone expands to
// 2 695 sequences, and its trie repeats the last two groups under every
// head. Held with one allocation per state, maps and pointers, that trie
// took about 10 MB of live heap, a third of the server's memory budget. So
// phrases are first inserted into a trieBuilder, which keeps the plain trie
// in a few flat slices and is dropped after start-up; compile then merges,
// bottom up, the states whose sub-tries are identical (the same categories
// and the same edges to the same merged states). That leaves about 1 300
// states, held in slices indexed by int32, some 120 kB in all. A walk
// depends only on what follows a state, never on the path that reached it,
// so the merged graph matches exactly what the trie matched.

// trie is the compiled phrase lexicon: a walk from each token follows every
// edge the next token allows and records a match for each category accepted
// on the way. The root is indexed directly: by word id for whole words, by
// the first two letters for prefixes. State 0 stands for "none".
type trie struct {
	states   []state
	words    []wordEdge // the word edges of every state, by state, then by word id
	extras   []extra    // the other edges of the few states that have any; 0 is unused
	rootIDs  []int32    // the state after each word id from the root, or 0
	rootPref [26 * 26][]prefixEdge
	nodes    int // states of the trie before merging: a measure of the lexicon, not of memory

	// The states a phrase starts at for a known word: for word id,
	// starts[startOf[id]:startOf[id+1]], which are its edge from the root
	// and then the root's prefix edges it matches. A token's word is known
	// far more often than not, and this spares it the prefix tests;
	// indexStarts derives both from rootIDs and rootPref.
	startOf []int32
	starts  []int32
}

// state is one state of the compiled trie.
type state struct {
	accept uint32 // bit c: a phrase of category c ends here
	word0  int32  // the word edges are trie.words[word0 : word0+nWords]
	nWords int32
	extra  int32 // index in trie.extras, or 0
	// Bit id%64 is set for the id of each word edge. Most walks end at
	// their first step, at a word that no edge takes; the filter turns
	// most of those away without reading the edges. indexStarts sets it.
	bloom uint64
}

// Categories are bits of state.accept: this fails to compile when there are
// more than 32.
var _ [32 - int(numCats)]struct{}

type wordEdge struct {
	id   int32
	next int32
}

// extra holds the edges other than words. Few states have any, so they live
// apart to keep state small.
type extra struct {
	prefixes []prefixEdge // "word*" edges
	gaps     []gapEdge    // "~N" edges
	end      int32        // the "$" edge, or 0
	fullEnd  int32        // the "$$" edge, or 0
}

type prefixEdge struct {
	prefix string
	next   int32
}

type gapEdge struct {
	n    int32
	next int32
}

// maxScan is the number of word edges up to which child scans them in
// order, which is quicker for so few; past it, it searches.
const maxScan = 8

// child returns the state after word id from s, or 0.
func (tr *trie) child(s *state, id int32) int32 {
	if s.bloom&(1<<(uint32(id)%64)) == 0 {
		return 0
	}
	es := tr.words[s.word0 : s.word0+s.nWords]
	if len(es) <= maxScan {
		for _, e := range es {
			if e.id >= id {
				if e.id == id {
					return e.next
				}
				break
			}
		}
		return 0
	}
	i, j := 0, len(es)
	for i < j {
		h := int(uint(i+j) >> 1)
		if es[h].id < id {
			i = h + 1
		} else {
			j = h
		}
	}
	if i < len(es) && es[i].id == id {
		return es[i].next
	}
	return 0
}

// Edge labels of a trieBuilder: a word id, or one of these.
const (
	labelEnd     uint32 = 1<<31 + iota // "$"
	labelFullEnd                       // "$$"
	labelGap                           // "~N" is labelGap + N, N at most 9
)

// labelPrefix + i labels the edge "word*" for trieBuilder.prefixes[i].
const labelPrefix = labelGap + 16

// trieBuilder is the plain trie while phrases are inserted. Its states are
// numbered in order of creation, so a state's children come after it; the
// root is 0. Each state keeps its edges as a list threaded through one
// slice: but for the root, no state has more than a few dozen, and one
// slice costs far less than a map or a slice per state.
type trieBuilder struct {
	accept   []uint32         // by state: bit c, a phrase of category c ends here
	first    []int32          // by state: its first edge in edges, or 0
	edges    []builderEdge    // edges[0] is unused
	root     map[uint32]int32 // the root's edges, which are hundreds: label → state
	prefixes []string
	prefixID map[string]uint32

	// The sequence inserted last and the state after each of its
	// elements. A phrase expands to runs of sequences that differ only
	// near their ends, so insert resumes where a sequence parts from the
	// one before instead of looking every element up again.
	last     []elem
	lastPath []int32
}

// builderEdge is an edge of a trieBuilder state.
type builderEdge struct {
	label   uint32
	next    int32
	sibling int32 // the state's next edge in trieBuilder.edges, or 0
}

// insert adds one expanded phrase of category c.
func (b *trieBuilder) insert(lx *lexicon, seq []elem, c category) {
	if b.root == nil {
		b.accept, b.first = []uint32{0}, []int32{0}
		b.edges = make([]builderEdge, 1)
		b.root = make(map[uint32]int32)
		b.prefixID = make(map[string]uint32)
	}
	same := 0
	for same < len(seq) && same < len(b.last) && seq[same] == b.last[same] {
		same++
	}
	s := int32(0)
	if same > 0 {
		s = b.lastPath[same-1]
	}
	b.last = append(b.last[:same], seq[same:]...)
	b.lastPath = b.lastPath[:same]
	for _, e := range seq[same:] {
		s = b.step(s, b.label(lx, e))
		b.lastPath = append(b.lastPath, s)
	}
	b.accept[s] |= 1 << c
}

// step returns the state after label from s, creating it.
func (b *trieBuilder) step(s int32, label uint32) int32 {
	if s == 0 {
		if next, ok := b.root[label]; ok {
			return next
		}
	} else {
		for e := b.first[s]; e != 0; e = b.edges[e].sibling {
			if b.edges[e].label == label {
				return b.edges[e].next
			}
		}
	}
	next := int32(len(b.accept))
	b.accept = append(b.accept, 0)
	b.first = append(b.first, 0)
	if s == 0 {
		b.root[label] = next
	} else {
		b.edges = append(b.edges, builderEdge{label, next, b.first[s]})
		b.first[s] = int32(len(b.edges) - 1)
	}
	return next
}

// label returns the label of the edge for e, giving new words and prefixes
// their ids.
func (b *trieBuilder) label(lx *lexicon, e elem) uint32 {
	switch e.kind {
	case elemWord:
		return uint32(lx.info(e.s).id)
	case elemPrefix:
		id, ok := b.prefixID[e.s]
		if !ok {
			id = uint32(len(b.prefixes))
			b.prefixes = append(b.prefixes, e.s)
			b.prefixID[e.s] = id
		}
		return labelPrefix + id
	case elemGap:
		return labelGap + uint32(e.n)
	case elemFullEnd:
		return labelFullEnd
	default: // elemEnd
		return labelEnd
	}
}

// compile merges identical sub-tries and returns the compiled trie for a
// lexicon of words words.
func (b *trieBuilder) compile(words int) trie {
	n := len(b.accept)
	tr := trie{
		states:  make([]state, 1),
		extras:  make([]extra, 1),
		rootIDs: make([]int32, words),
		nodes:   max(n-1, 0),
	}

	// Children come after their parents, so a pass from the last state
	// back meets every state after its children. A state's key is its
	// categories and its edges, by label, to merged states; equal keys,
	// equal sub-tries.
	merged := make([]int32, n)
	seen := make(map[string]int32)
	var key []byte
	var es []builderEdge
	for s := n - 1; s > 0; s-- {
		es = es[:0]
		for e := b.first[s]; e != 0; e = b.edges[e].sibling {
			es = append(es, b.edges[e])
		}
		if len(es) > 1 {
			slices.SortFunc(es, func(x, y builderEdge) int {
				return cmp.Compare(x.label, y.label)
			})
		}
		key = appendUint32(key[:0], b.accept[s])
		for _, e := range es {
			key = appendUint32(appendUint32(key, e.label), uint32(merged[e.next]))
		}
		if m, ok := seen[string(key)]; ok {
			merged[s] = m
			continue
		}
		m := tr.add(b, b.accept[s], es, merged)
		seen[string(key)] = m
		merged[s] = m
	}

	// A phrase starts with a word or a prefix, so the root has no other
	// edges and accepts nothing. Its labels are sorted so that prefixes
	// keep the same order in every process.
	for _, label := range slices.Sorted(maps.Keys(b.root)) {
		next := b.root[label]
		if label < labelEnd {
			tr.rootIDs[label] = merged[next]
			continue
		}
		p := b.prefixes[label-labelPrefix]
		k := prefixKey(p)
		tr.rootPref[k] = append(tr.rootPref[k], prefixEdge{p, merged[next]})
	}
	// Copies drop what append reserved beyond the last state.
	tr.states = slices.Clone(tr.states)
	tr.words = slices.Clone(tr.words)
	tr.extras = slices.Clone(tr.extras)
	return tr
}

// add appends a compiled state with edges es, whose targets merged maps to
// compiled states, and returns its index.
func (tr *trie) add(b *trieBuilder, accept uint32, es []builderEdge, merged []int32) int32 {
	st := state{accept: accept, word0: int32(len(tr.words))}
	var x extra
	for _, e := range es {
		next := merged[e.next]
		switch {
		case e.label < labelEnd:
			tr.words = append(tr.words, wordEdge{int32(e.label), next})
			st.nWords++
		case e.label == labelEnd:
			x.end = next
		case e.label == labelFullEnd:
			x.fullEnd = next
		case e.label < labelPrefix:
			x.gaps = append(x.gaps, gapEdge{int32(e.label - labelGap), next})
		default:
			x.prefixes = append(x.prefixes, prefixEdge{b.prefixes[e.label-labelPrefix], next})
		}
	}
	if x.prefixes != nil || x.gaps != nil || x.end != 0 || x.fullEnd != 0 {
		st.extra = int32(len(tr.extras))
		tr.extras = append(tr.extras, x)
	}
	tr.states = append(tr.states, st)
	return int32(len(tr.states) - 1)
}

func appendUint32(b []byte, v uint32) []byte {
	return append(b, byte(v), byte(v>>8), byte(v>>16), byte(v>>24))
}

// prefixKey indexes a word by its first two letters, or returns -1 when
// they are not both a to z.
func prefixKey[S string | []byte](w S) int {
	if len(w) < 2 || w[0] < 'a' || w[0] > 'z' || w[1] < 'a' || w[1] > 'z' {
		return -1
	}
	return int(w[0]-'a')*26 + int(w[1]-'a')
}

// indexStarts sets the filter of each state and fills tr.startOf and
// tr.starts for the words byID, none of which lexicon.bin holds. A token
// with a word id has that word's normalised form, so what the root allows
// it depends on the id alone.
func (tr *trie) indexStarts(byID []*wordInfo) {
	for i := range tr.states {
		st := &tr.states[i]
		st.bloom = 0
		for _, e := range tr.words[st.word0 : st.word0+st.nWords] {
			st.bloom |= 1 << (uint32(e.id) % 64)
		}
	}
	tr.startOf = make([]int32, len(byID)+1)
	var starts []int32
	for id, wi := range byID {
		if next := tr.rootIDs[id]; next != 0 {
			starts = append(starts, next)
		}
		if k := prefixKey(wi.word); k >= 0 {
			for _, p := range tr.rootPref[k] {
				if strings.HasPrefix(wi.word, p.prefix) {
					starts = append(starts, p.next)
				}
			}
		}
		tr.startOf[id+1] = int32(len(starts))
	}
	tr.starts = slices.Clone(starts)
}

// hasPrefix reports whether the word w starts with prefix.
func hasPrefix(w []byte, prefix string) bool {
	return len(w) >= len(prefix) && string(w[:len(prefix)]) == prefix
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
			for _, next := range tr.starts[tr.startOf[t.id]:tr.startOf[t.id+1]] {
				d.walk(tr, next, i+1, i, t.sent)
			}
			continue
		}
		if k := prefixKey(d.norm(t)); k >= 0 {
			for _, p := range tr.rootPref[k] {
				if hasPrefix(d.norm(t), p.prefix) {
					d.walk(tr, p.next, i+1, i, t.sent)
				}
			}
		}
	}
	d.inserting = false
}

// walk follows state s of tr from token pos for a match that started at
// token start.
func (d *doc) walk(tr *trie, s int32, pos, start int, sent int32) {
	st := &tr.states[s]
	for a := st.accept; a != 0; a &= a - 1 {
		d.record(category(bits.TrailingZeros32(a)), start, pos)
	}
	toks := d.toks
	inSent := pos < len(toks) && toks[pos].sent == sent
	if inSent {
		if t := &toks[pos]; t.id >= 0 && st.nWords > 0 {
			if next := tr.child(st, t.id); next != 0 {
				d.walk(tr, next, pos+1, start, sent)
			}
		}
	}
	if st.extra == 0 {
		return
	}
	x := &tr.extras[st.extra]
	if inSent {
		norm := d.norm(&toks[pos])
		for _, p := range x.prefixes {
			if hasPrefix(norm, p.prefix) {
				d.walk(tr, p.next, pos+1, start, sent)
			}
		}
	}
	if x.end != 0 && (!inSent || toks[pos].brk != brkNone) {
		d.walk(tr, x.end, pos, start, sent)
	}
	if x.fullEnd != 0 && (!inSent || toks[pos].brk == brkStrong) {
		d.walk(tr, x.fullEnd, pos, start, sent)
	}
	for _, g := range x.gaps {
		d.walk(tr, g.next, pos, start, sent)
		for k := 1; k <= int(g.n); k++ {
			p := pos + k
			if p > len(toks) || toks[p-1].sent != sent {
				break
			}
			d.walk(tr, g.next, p, start, sent)
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
