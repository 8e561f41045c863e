package review

import (
	"cmp"
	"encoding/binary"
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
//
// Every list of the trie is a run of one of its slices, whose structs hold
// no pointer, and the prefixes are runs of one string: the trie is a few
// dozen pointers for the garbage collector, however many edges it has.
type trie struct {
	states   []state
	words    []wordEdge   // the word edges of every state, by state, then by word id
	extras   []extra      // the other edges of the few states that have any; 0 is unused
	prefixes []prefixEdge // the prefix edges of every extra, by extra, then the root's, by key
	gaps     []gapEdge    // the gap edges of every extra, by extra
	text     string       // the prefixes of prefixes, one after another
	rootIDs  []int32      // the state after each word id from the root, or 0
	// The root's prefix edges for the words whose first two letters
	// prefixKey maps to k are prefixes[rootPref[k]:rootPref[k+1]].
	rootPref []int32
	nodes    int // states of the trie before merging: a measure of the lexicon, not of memory

	// The states a phrase starts at for a known word: for word id,
	// starts[startOf[id]:startOf[id+1]], which are its edge from the root
	// and then the root's prefix edges it matches. A token's word is known
	// far more often than not, and this spares it the prefix tests;
	// indexStarts derives both from rootIDs and rootPref.
	startOf []int32
	starts  []int32
	// Bit id of starters is set when a phrase starts with word id, and
	// bit k of prefixKeys when the root has prefix edges for key k: small
	// enough to stay in the nearest cache, they spare most tokens reading
	// the rest. indexStarts sets both.
	starters   []uint64
	prefixKeys [(numPrefixKeys + 63) / 64]uint64

	// The word edges of each state with more than maxScan of them again,
	// in an open-addressed table of its own (see state.hash0), where an
	// edge is found in one or two probes rather than by a binary search,
	// whose every step is a branch the processor cannot predict. The
	// states of common words, which start many phrases, have hundreds of
	// edges, and every walk from such a word looks one up. indexStarts
	// builds it; an empty slot has next 0.
	hashed []wordEdge
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
	// For a state with more than maxScan word edges, its table is
	// trie.hashed[hash0 : hash0+1<<(32-shift)] and word id goes first to
	// slot hashSlot(id, shift); shift is 0 for the other states.
	hash0 int32
	shift uint8
	// The word edges again when there are no more than fit here, as
	// there are for most states: a state is then a line of memory of
	// its own with its edges, and a step of a walk reads one line, not
	// two. indexStarts copies them.
	inline [maxInline]wordEdge
}

// maxInline is the number of word edges a state holds in itself.
const maxInline = 4

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
	prefixes run   // "word*" edges: a run of trie.prefixes
	gaps     run   // "~N" edges: a run of trie.gaps
	end      int32 // the "$" edge, or 0
	fullEnd  int32 // the "$$" edge, or 0
	// Bit firstBit(p) is set for the first byte of each prefix p: a word
	// whose bit is not set starts with none, and the list, which can run
	// to a few lines of memory, need not be read. indexStarts sets it.
	firsts uint32
}

// firstBit returns the bit of extra.firsts for a word or prefix w: one for
// each letter a to z, and one for anything else.
func firstBit[S string | []byte](w S) uint32 {
	if len(w) > 0 && w[0] >= 'a' && w[0] <= 'z' {
		return 1 << (w[0] - 'a')
	}
	return 1 << 26
}

type prefixEdge struct {
	prefix run // the prefix is prefix.in(trie.text)
	next   int32
	// The first eight bytes of prefix (fewer when it is shorter) packed
	// as packWord packs a word, and a mask of as many bytes: a word
	// starts with prefix when its packed bytes, masked, are head and the
	// rest of a prefix longer than eight bytes follows.
	head, mask uint64
}

// newPrefixEdge returns the edge for "prefix*" to state next, and text,
// which is to become trie.text, with prefix appended.
func newPrefixEdge(text []byte, prefix string, next int32) ([]byte, prefixEdge) {
	n := min(len(prefix), 8)
	mask := uint64(1)<<(8*n) - 1
	if n == 8 {
		mask = ^uint64(0)
	}
	p := prefixEdge{next: next, head: packWord([]byte(prefix[:n])), mask: mask}
	text, p.prefix = appendRun(text, prefix)
	return text, p
}

// match reports whether the word w, whose bytes packWord packed to head,
// starts with the edge's prefix, which is held in text.
func (p *prefixEdge) match(text string, w []byte, head uint64) bool {
	n := p.prefix.n
	return uint32(len(w)) >= n && head&p.mask == p.head && (n <= 8 || string(w[8:n]) == text[p.prefix.off+8:p.prefix.end()])
}

// prefixesOf returns the prefix edges of x.
func (tr *trie) prefixesOf(x *extra) []prefixEdge {
	return tr.prefixes[x.prefixes.off:x.prefixes.end()]
}

// gapsOf returns the gap edges of x.
func (tr *trie) gapsOf(x *extra) []gapEdge {
	return tr.gaps[x.gaps.off:x.gaps.end()]
}

// rootPrefixes returns the root's prefix edges for the words whose first
// two letters prefixKey maps to k.
func (tr *trie) rootPrefixes(k int) []prefixEdge {
	return tr.prefixes[tr.rootPref[k]:tr.rootPref[k+1]]
}

// packWord returns the first eight bytes of w, fewer when it is shorter,
// packed little-endian.
func packWord(w []byte) uint64 {
	if len(w) >= 8 {
		return binary.LittleEndian.Uint64(w)
	}
	var v uint64
	for i := len(w) - 1; i >= 0; i-- {
		v = v<<8 | uint64(w[i])
	}
	return v
}

type gapEdge struct {
	n    int32
	next int32
	// What walkExtra needs to know of state next, copied here by
	// indexStarts so that a gap whose state wants none of the words in
	// reach is passed without reading the state: its filter, and whether
	// it accepts or has edges other than words.
	bloom uint64
	live  bool
}

// maxScan is the number of word edges up to which child scans them in
// order, which is quicker for so few; past it, it looks them up in
// trie.hashed.
const maxScan = 8

// mayHave reports whether s may have an edge for word id: when it does
// not, its filter says so, most often.
func (s *state) mayHave(id int32) bool {
	return s.bloom&(1<<(uint32(id)%64)) != 0
}

// child returns the state after word id from s, or 0. Callers have asked
// mayHave first.
func (tr *trie) child(s *state, id int32) int32 {
	if s.nWords <= maxInline {
		for _, e := range s.inline[:s.nWords] {
			if e.id == id {
				return e.next
			}
		}
		return 0
	}
	if s.shift != 0 {
		table := tr.hashed[s.hash0 : s.hash0+1<<(32-s.shift)]
		mask := uint32(len(table) - 1)
		for i := hashSlot(id, s.shift); ; i = (i + 1) & mask {
			e := table[i]
			if e.id == id || e.next == 0 {
				return e.next
			}
		}
	}
	for _, e := range tr.words[s.word0 : s.word0+s.nWords] {
		if e.id >= id {
			if e.id == id {
				return e.next
			}
			break
		}
	}
	return 0
}

// hashSlot returns the first slot of word id in a table of 1<<(32-shift)
// slots: the top bits of the id multiplied by a large odd number.
func hashSlot(id int32, shift uint8) uint32 {
	return uint32(id) * 0x9e3779b1 >> shift
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
	// The text of the compiled trie while compile lays out its prefix
	// edges.
	text []byte

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

// insert adds one expanded phrase of category c, numbering its words in lb.
func (b *trieBuilder) insert(lb *lexBuilder, seq []elem, c category) {
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
		s = b.step(s, b.label(lb, e))
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
func (b *trieBuilder) label(lb *lexBuilder, e elem) uint32 {
	switch e.kind {
	case elemWord:
		return uint32(lb.id(e.s))
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
	// keep the same order in every process; its prefix edges go by key,
	// and by label for a key.
	type rootEdge struct {
		prefix string
		next   int32
	}
	var rootPref [numPrefixKeys][]rootEdge
	for _, label := range slices.Sorted(maps.Keys(b.root)) {
		next := b.root[label]
		if label < labelEnd {
			tr.rootIDs[label] = merged[next]
			continue
		}
		p := b.prefixes[label-labelPrefix]
		k := prefixKey(p)
		rootPref[k] = append(rootPref[k], rootEdge{p, merged[next]})
	}
	tr.rootPref = make([]int32, numPrefixKeys+1)
	for k, es := range rootPref {
		tr.rootPref[k] = int32(len(tr.prefixes))
		for _, e := range es {
			var p prefixEdge
			b.text, p = newPrefixEdge(b.text, e.prefix, e.next)
			tr.prefixes = append(tr.prefixes, p)
		}
	}
	tr.rootPref[numPrefixKeys] = int32(len(tr.prefixes))
	tr.text = string(b.text)
	// Copies drop what append reserved beyond the last item.
	tr.states = slices.Clone(tr.states)
	tr.words = slices.Clone(tr.words)
	tr.extras = slices.Clone(tr.extras)
	tr.prefixes = slices.Clone(tr.prefixes)
	tr.gaps = slices.Clone(tr.gaps)
	return tr
}

// add appends a compiled state with edges es, whose targets merged maps to
// compiled states, and returns its index.
func (tr *trie) add(b *trieBuilder, accept uint32, es []builderEdge, merged []int32) int32 {
	st := state{accept: accept, word0: int32(len(tr.words))}
	x := extra{
		prefixes: run{off: uint32(len(tr.prefixes))},
		gaps:     run{off: uint32(len(tr.gaps))},
	}
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
			tr.gaps = append(tr.gaps, gapEdge{n: int32(e.label - labelGap), next: next})
			x.gaps.n++
		default:
			var p prefixEdge
			b.text, p = newPrefixEdge(b.text, b.prefixes[e.label-labelPrefix], next)
			tr.prefixes = append(tr.prefixes, p)
			x.prefixes.n++
		}
	}
	// An empty run is the zero run, as decodeLexicon leaves it.
	if x.prefixes.n == 0 {
		x.prefixes = run{}
	}
	if x.gaps.n == 0 {
		x.gaps = run{}
	}
	if x != (extra{}) {
		st.extra = int32(len(tr.extras))
		tr.extras = append(tr.extras, x)
	}
	tr.states = append(tr.states, st)
	return int32(len(tr.states) - 1)
}

func appendUint32(b []byte, v uint32) []byte {
	return append(b, byte(v), byte(v>>8), byte(v>>16), byte(v>>24))
}

// numPrefixKeys is the number of keys prefixKey returns.
const numPrefixKeys = 26 * 26

// prefixKey indexes a word by its first two letters, or returns -1 when
// they are not both a to z.
func prefixKey[S string | []byte](w S) int {
	if len(w) < 2 || w[0] < 'a' || w[0] > 'z' || w[1] < 'a' || w[1] > 'z' {
		return -1
	}
	return int(w[0]-'a')*26 + int(w[1]-'a')
}

// indexStarts sets the filter of each state and fills tr.startOf and
// tr.starts for the words byID, whose texts are in text, none of which
// lexicon.bin holds. A token with a word id has that word's normalised
// form, so what the root allows it depends on the id alone.
func (tr *trie) indexStarts(byID []wordInfo, text string) {
	size := 0
	for _, st := range tr.states {
		if st.nWords > maxScan {
			size += tableSize(int(st.nWords))
		}
	}
	tr.hashed = make([]wordEdge, size)
	size = 0
	for i := range tr.states {
		st := &tr.states[i]
		st.bloom, st.hash0, st.shift, st.inline = 0, 0, 0, [maxInline]wordEdge{}
		es := tr.words[st.word0 : st.word0+st.nWords]
		for _, e := range es {
			st.bloom |= 1 << (uint32(e.id) % 64)
		}
		if len(es) <= maxInline {
			copy(st.inline[:], es)
		}
		if len(es) <= maxScan {
			continue
		}
		n := tableSize(len(es))
		st.hash0, st.shift = int32(size), uint8(32-bits.TrailingZeros(uint(n)))
		table := tr.hashed[size : size+n]
		for _, e := range es {
			k := hashSlot(e.id, st.shift)
			for table[k].next != 0 {
				k = (k + 1) & uint32(n-1)
			}
			table[k] = e
		}
		size += n
	}
	for i := range tr.extras {
		x := &tr.extras[i]
		x.firsts = 0
		for _, p := range tr.prefixesOf(x) {
			x.firsts |= firstBit(p.prefix.in(tr.text))
		}
	}
	for i := range tr.gaps {
		g := &tr.gaps[i]
		st := &tr.states[g.next]
		g.bloom, g.live = st.bloom, st.accept != 0 || st.extra != 0
	}
	tr.startOf = make([]int32, len(byID)+1)
	tr.starters = make([]uint64, (len(byID)+63)/64)
	tr.prefixKeys = [len(tr.prefixKeys)]uint64{}
	for k := range numPrefixKeys {
		if len(tr.rootPrefixes(k)) > 0 {
			tr.prefixKeys[k/64] |= 1 << (k % 64)
		}
	}
	var starts []int32
	for id := range byID {
		if next := tr.rootIDs[id]; next != 0 {
			starts = append(starts, next)
		}
		w := byID[id].word.in(text)
		if k := prefixKey(w); k >= 0 {
			for _, p := range tr.rootPrefixes(k) {
				if strings.HasPrefix(w, p.prefix.in(tr.text)) {
					starts = append(starts, p.next)
				}
			}
		}
		tr.startOf[id+1] = int32(len(starts))
		if tr.startOf[id+1] > tr.startOf[id] {
			tr.starters[id/64] |= 1 << (id % 64)
		}
	}
	tr.starts = slices.Clone(starts)
}

// tableSize returns the number of slots of trie.hashed for a state with n
// word edges: a power of two, at least twice n, so that most lookups end at
// the first slot.
func tableSize(n int) int {
	size := 1
	for size < 2*n {
		size *= 2
	}
	return size
}

// scanToken records every match of a phrase of tr that starts at token i;
// end is the end of its sentence, past which no phrase reaches.
func (d *doc) scanToken(tr *trie, i, end int) {
	toks := d.toks
	t := &toks[i]
	if t.id >= 0 {
		if tr.starters[t.id/64]&(1<<(t.id%64)) == 0 {
			return
		}
		for _, next := range tr.starts[tr.startOf[t.id]:tr.startOf[t.id+1]] {
			if st := &tr.states[next]; !st.deadAt(toks, i+1, end) {
				d.walk(tr, st, i+1, i, end)
			}
		}
		return
	}
	d.scanPrefixes(tr, i, end)
}

// scanPrefixes records every match of a phrase of tr that starts with a
// prefix ("withdr*") of the word of token i, which the lexicon does not
// know.
func (d *doc) scanPrefixes(tr *trie, i, end int) {
	w := d.norm(&d.toks[i])
	if k := prefixKey(w); tr.hasPrefixes(k) {
		head := packWord(w)
		ps := tr.rootPrefixes(k)
		for j := range ps {
			if p := &ps[j]; p.match(tr.text, w, head) {
				d.walk(tr, &tr.states[p.next], i+1, i, end)
			}
		}
	}
}

// hasPrefixes reports whether the root has prefix edges for key k; k may
// be -1.
func (tr *trie) hasPrefixes(k int) bool {
	return k >= 0 && tr.prefixKeys[k/64]&(1<<(k%64)) != 0
}

// deadAt reports whether a walk from s at token pos of toks, in a sentence
// that ends before token end, plainly finds nothing: s accepts nothing,
// has no edges but words, and none for the word at pos. Most walks end so,
// at their first state, and the callers of walk tell them without a call.
func (s *state) deadAt(toks []token, pos, end int) bool {
	return s.accept == 0 && s.extra == 0 && (pos >= end || !s.mayHave(toks[pos].id))
}

// walk follows state st of tr from token pos for a match that started at
// token start, in a sentence that ends before token end. It follows the
// edge for the word at pos in a loop, after the other edges, which it
// follows by calling itself: most states have word edges only, and the
// order does not matter, since record keeps the longest match of each
// category wherever it was found.
func (d *doc) walk(tr *trie, st *state, pos, start, end int) {
	toks := d.toks
	for {
		for a := st.accept; a != 0; a &= a - 1 {
			d.record(category(bits.TrailingZeros32(a)), start, pos)
		}
		inSent := pos < end
		if st.extra != 0 {
			d.walkExtra(tr, &tr.extras[st.extra], pos, start, end)
		}
		if !inSent {
			return
		}
		id := toks[pos].id
		if id < 0 || !st.mayHave(id) {
			return
		}
		next := tr.child(st, id)
		if next == 0 {
			return
		}
		if st = &tr.states[next]; st.deadAt(toks, pos+1, end) {
			return
		}
		pos++
	}
}

// walkExtra follows the edges of x, the edges other than words of a state
// walk is at, from token pos.
func (d *doc) walkExtra(tr *trie, x *extra, pos, start, end int) {
	toks := d.toks
	inSent := pos < end
	if inSent && x.firsts != 0 {
		if norm := d.norm(&toks[pos]); x.firsts&firstBit(norm) != 0 {
			head := packWord(norm)
			ps := tr.prefixesOf(x)
			for j := range ps {
				if p := &ps[j]; p.match(tr.text, norm, head) {
					d.walk(tr, &tr.states[p.next], pos+1, start, end)
				}
			}
		}
	}
	if x.end != 0 && (!inSent || toks[pos].brk != brkNone) {
		d.walk(tr, &tr.states[x.end], pos, start, end)
	}
	if x.fullEnd != 0 && (!inSent || toks[pos].brk == brkStrong) {
		d.walk(tr, &tr.states[x.fullEnd], pos, start, end)
	}
	// A gap of up to n words: the state after it is followed from here
	// and from each of the next n tokens of the sentence.
	gaps := tr.gapsOf(x)
	for i := range gaps {
		g := &gaps[i]
		last := min(pos+int(g.n), end)
		if g.live {
			for p := pos; p <= last; p++ {
				d.walk(tr, &tr.states[g.next], p, start, end)
			}
			continue
		}
		// Most states after a gap want one of a few words, which most
		// of the words in reach are not: the first step of walk is
		// taken here, and a walk begun only past it.
		for p := pos; p <= min(last, end-1); p++ {
			if id := toks[p].id; id >= 0 && g.bloom&(1<<(uint32(id)%64)) != 0 {
				if next := tr.child(&tr.states[g.next], id); next != 0 {
					if st := &tr.states[next]; !st.deadAt(toks, p+1, end) {
						d.walk(tr, st, p+1, start, end)
					}
				}
			}
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
