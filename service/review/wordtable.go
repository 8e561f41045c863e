package review

// wordTable finds a normalised word's wordInfo from its bytes. It is the
// lexicon's only index of its words, for the lookup the tokenizer makes for
// every word as for the few the checks make. On this lexicon a map lookup
// costs several times as much, its buckets spread over a few hundred
// kilobytes behind a directory, and a map keyed by the words would hold a
// pointer a word for the garbage collector to follow. A slot holds no
// pointer and keeps the first sixteen bytes of its word, so a word of up
// to sixteen bytes, as nearly all are, is matched without a string compare
// and the garbage collector has nothing to scan.
type wordTable struct {
	slots []wordSlot // a power of two in length, at most half full
	mask  uint32
	byID  []wordInfo // lexicon.byID
	text  string     // lexicon.text, which holds the words of byID
}

// A slot is half a cache line, and all that the tokenizer needs of a word:
// one line of memory per word, which matters because a review touches more
// lines than the processor's nearest cache holds.
type wordSlot struct {
	head  uint64 // the word's first eight bytes, as wordKey packs them
	tail  uint64 // its next eight bytes, packed alike
	id1   int32  // the word's id plus one; 0 marks an empty slot
	first firstStep
	n     uint8 // slotLen of the word's length
	plain bool  // the word has no spelling, expansion or abbreviation to apply
	pron  pron  // the word's person and thirdSubj, which tokens carry
	live  bool  // the state of first accepts or has edges other than words
}

// firstStep is where the phrases of lexicon.phrases that start with a
// word begin, as a token carries it: it lets scan pass over most tokens
// without reading the trie, which in a review of a kilobyte would
// otherwise touch a few hundred lines of memory that the processor's
// nearest cache cannot all hold. Whether its state is live, which it also
// needs, is kept apart, where its owner has a byte to spare.
type firstStep struct {
	// The state after the word from the root, when that and no prefix
	// edge is where its phrases start; 0 when none starts with it; -1
	// when several do, or scan must find out (see trie.startOf).
	state int32
	// Bit id%32 is set for each word edge of state: a walk from it is
	// worth taking only when the next word has its bit set, or the state
	// is live.
	bloom uint32
}

// generalStep sends scan to trie.startOf to find where phrases start.
var generalStep = firstStep{state: -1}

// firstStepOf returns the firstStep of word id in tr, and whether its state
// is live: it accepts or has edges other than words.
func (tr *trie) firstStepOf(id int32) (firstStep, bool) {
	starts := tr.starts[tr.startOf[id]:tr.startOf[id+1]]
	switch len(starts) {
	case 0:
		return firstStep{}, false
	case 1:
	default:
		return generalStep, false
	}
	st := &tr.states[starts[0]]
	f := firstStep{state: starts[0]}
	for _, e := range tr.words[st.word0 : st.word0+st.nWords] {
		f.bloom |= 1 << (uint32(e.id) % 32)
	}
	return f, st.accept != 0 || st.extra != 0
}

// pron packs what a token needs of its word's wordInfo for the checks: the
// person in the low bits and pronThirdSubj. It fits the padding of a
// wordSlot, so a plain word's token is filled without reading its wordInfo.
type pron uint8

const pronThirdSubj pron = 1 << 2

// pronOf returns the pron of wi.
func pronOf(wi *wordInfo) pron {
	p := pron(wi.person)
	if wi.thirdSubj {
		p |= pronThirdSubj
	}
	return p
}

func (p pron) person() person { return person(p &^ pronThirdSubj) }

// newWordTable indexes every word of byID, which is lexicon.byID, whose
// texts text holds and whose phrases tr holds. It inserts them in order of
// id, so that a lexicon compiled from lexicon.yaml and one decoded from
// lexicon.bin lay out their slots alike. It reports whether the words are
// unique, as a lexicon's are; a word listed twice is found as the first.
func newWordTable(byID []wordInfo, text string, tr *trie) (wordTable, bool) {
	n := 16
	for n < 2*len(byID) {
		n *= 2
	}
	t := wordTable{slots: make([]wordSlot, n), mask: uint32(n - 1), byID: byID, text: text}
	unique := true
	for id := range byID {
		wi := &byID[id]
		w := wi.word.in(text)
		h, head := wordKey(w)
		tail, size := packTail(w), slotLen(len(w))
		i := h & t.mask
		for s := &t.slots[i]; s.id1 != 0; s = &t.slots[i] {
			if s.head == head && s.tail == tail && s.n == size && t.word(s.id1-1) == w {
				unique = false
			}
			i = (i + 1) & t.mask
		}
		plain := wi.spell == 0 && wi.expansion.n == 0 && !wi.abbrev
		first, live := tr.firstStepOf(wi.id)
		t.slots[i] = wordSlot{head: head, tail: tail, id1: wi.id + 1, first: first, n: size, plain: plain, pron: pronOf(wi), live: live}
	}
	return t, unique
}

// word returns the text of word id.
func (t *wordTable) word(id int32) string {
	return t.byID[id].word.in(t.text)
}

// lookup returns the wordInfo of the word b, or nil.
func (t *wordTable) lookup(b []byte) *wordInfo {
	wi, _, _ := t.find(b)
	return wi
}

// find returns the wordInfo of the word b and its id, or nil and -1, and
// reports whether the word is plain: unknown, or with no spelling,
// expansion or abbreviation to apply. For a plain word the tokenizer need
// not read the wordInfo, which is often not in cache.
func (t *wordTable) find(b []byte) (*wordInfo, int32, bool) {
	s := t.slot(b)
	if s.id1 == 0 {
		return nil, -1, true
	}
	return &t.byID[s.id1-1], s.id1 - 1, s.plain
}

// noSlot is what slot returns for an unknown word: plain, with no id.
var noSlot = wordSlot{plain: true}

// slot returns the slot of the word b, or noSlot. The slot says all the
// tokenizer needs of a plain word, so it need not read the word's wordInfo,
// let alone its text, unless the word is longer than the sixteen bytes the
// slot keeps.
func (t *wordTable) slot(b []byte) *wordSlot {
	h, head := wordKey(b)
	tail := packTail(b)
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		s := &t.slots[i]
		if s.id1 == 0 {
			return &noSlot
		}
		if s.head == head && s.tail == tail && s.n == slotLen(len(b)) {
			if len(b) <= 16 || t.word(s.id1 - 1)[16:] == string(b[16:]) {
				return s
			}
		}
	}
}

// packTail returns bytes 8 to 16 of w, fewer for a shorter word, packed
// little-endian.
func packTail[S string | []byte](w S) uint64 {
	var v uint64
	for i := min(len(w), 16) - 1; i >= 8; i-- {
		v = v<<8 | uint64(w[i])
	}
	return v
}

// slotShort returns what slot does for a word of n bytes, fewer than
// eight, that wordKey packs to head: such a word is its head.
func (t *wordTable) slotShort(n int, head uint64) *wordSlot {
	for i := shortHash(n, head) & t.mask; ; i = (i + 1) & t.mask {
		s := &t.slots[i]
		if s.id1 == 0 {
			return &noSlot
		}
		if s.head == head && s.n == uint8(n) {
			return s
		}
	}
}

// slotMedium returns what slot does for a word of n bytes, from eight to
// sixteen, whose first eight bytes pack to head and the rest to tail, as
// wordKey and packTail pack them: such a word is its head and tail.
func (t *wordTable) slotMedium(n int, head, tail uint64) *wordSlot {
	const m = 0x9e3779b97f4a7c15
	h := (uint64(n)*m ^ head) * m
	h ^= h >> 32
	h = (h ^ tail) * m
	if n == 16 {
		// wordKey mixes the second eight bytes as a whole chunk, and
		// then the empty rest.
		h ^= h >> 32
		h *= m
	}
	for i := uint32(h>>32) & t.mask; ; i = (i + 1) & t.mask {
		s := &t.slots[i]
		if s.id1 == 0 {
			return &noSlot
		}
		if s.head == head && s.tail == tail && s.n == uint8(n) {
			return s
		}
	}
}

// shortHash is wordKey's hash of a word of n bytes, fewer than eight, that
// it packs to head.
func shortHash(n int, head uint64) uint32 {
	const m = 0x9e3779b97f4a7c15
	return uint32(((uint64(n) * m) ^ head) * m >> 32)
}

// slotLen is n, capped to fit a wordSlot; a longer word is told apart by
// comparing it whole.
func slotLen(n int) uint8 {
	return uint8(min(n, 1<<8-1))
}

// wordKey hashes s and returns its first eight bytes packed little-endian
// (fewer for a shorter word, the rest zero). The hash mixes eight bytes at a
// time, so that a word costs one or two multiplications rather than one a
// byte, and takes the well-mixed high bits of the product.
func wordKey[S string | []byte](s S) (hash uint32, head uint64) {
	const m = 0x9e3779b97f4a7c15
	h := uint64(len(s)) * m
	long := len(s) >= 8
	for k := 0; len(s) >= 8; k++ {
		v := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
			uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
		if k == 0 {
			head = v
		}
		h = (h ^ v) * m
		h ^= h >> 32
		s = s[8:]
	}
	var v uint64
	for i := 0; i < len(s); i++ {
		v |= uint64(s[i]) << (8 * i)
	}
	if !long {
		head = v
	}
	h = (h ^ v) * m
	return uint32(h >> 32), head
}
