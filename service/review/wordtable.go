package review

// wordTable finds a normalised word's wordInfo from its bytes. It answers
// what lexicon.words does, for the lookups the tokenizer makes for every
// word: on this lexicon a map lookup costs several times as much, its
// buckets spread over a few hundred kilobytes behind a directory. A slot
// holds no pointer and keeps the first eight bytes of its word, so a word
// of up to eight bytes, as most are, is matched without a string compare
// and the garbage collector has nothing to scan.
type wordTable struct {
	slots []wordSlot // a power of two in length, at most half full
	mask  uint32
	byID  []*wordInfo
}

type wordSlot struct {
	head  uint64 // the word's first eight bytes, as wordKey packs them
	id1   int32  // the word's id plus one; 0 marks an empty slot
	n     uint16 // slotLen of the word's length
	plain bool   // the word has no spelling, expansion or abbreviation to apply
	pron  pron   // the word's person and thirdSubj, which tokens carry
}

// pron packs what a token needs of its word's wordInfo for the checks: the
// person in the low bits and pronThirdSubj. It fits the padding of a
// wordSlot, so a plain word's token is filled without reading its wordInfo.
type pron uint8

const pronThirdSubj pron = 1 << 2

func pronOf(wi *wordInfo) pron {
	p := pron(wi.person)
	if wi.thirdSubj {
		p |= pronThirdSubj
	}
	return p
}

func (p pron) person() person { return person(p &^ pronThirdSubj) }

// newWordTable indexes every word of byID, which is lexicon.byID. It
// inserts them in order of id, so that a lexicon compiled from lexicon.yaml
// and one decoded from lexicon.bin lay out their slots alike.
func newWordTable(byID []*wordInfo) wordTable {
	n := 16
	for n < 2*len(byID) {
		n *= 2
	}
	t := wordTable{slots: make([]wordSlot, n), mask: uint32(n - 1), byID: byID}
	for _, wi := range byID {
		w := wi.word
		h, head := wordKey(w)
		i := h & t.mask
		for t.slots[i].id1 != 0 {
			i = (i + 1) & t.mask
		}
		plain := wi.spell == nil && wi.expansion == nil && !wi.abbrev
		t.slots[i] = wordSlot{head: head, id1: wi.id + 1, n: slotLen(len(w)), plain: plain, pron: pronOf(wi)}
	}
	return t
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
	return t.byID[s.id1-1], s.id1 - 1, s.plain
}

// noSlot is what slot returns for an unknown word: plain, with no id.
var noSlot = wordSlot{plain: true}

// slot returns the slot of the word b, or noSlot. The slot says all the
// tokenizer needs of a plain word, so it need not load the word's pointer
// from byID, let alone the wordInfo, unless the word is longer than the
// eight bytes the slot keeps.
func (t *wordTable) slot(b []byte) *wordSlot {
	h, head := wordKey(b)
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		s := &t.slots[i]
		if s.id1 == 0 {
			return &noSlot
		}
		if s.head == head && s.n == slotLen(len(b)) {
			if len(b) <= 8 || t.byID[s.id1-1].word[8:] == string(b[8:]) {
				return s
			}
		}
	}
}

// slotShort returns what slot does for a word of n bytes, fewer than
// eight, that wordKey packs to head: such a word is its head.
func (t *wordTable) slotShort(n int, head uint64) *wordSlot {
	for i := shortHash(n, head) & t.mask; ; i = (i + 1) & t.mask {
		s := &t.slots[i]
		if s.id1 == 0 {
			return &noSlot
		}
		if s.head == head && s.n == uint16(n) {
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
func slotLen(n int) uint16 {
	return uint16(min(n, 1<<16-1))
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
