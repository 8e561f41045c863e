package review

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"slices"
)

// Compiling lexicon.yaml takes some 20 ms: decoding the YAML, expanding the
// phrases into some 47 000 sequences, inserting them into a trie of some
// 60 000 states and merging those back down to about 1 300. That was most
// of the server's start-up time. So the compiled lexicon is kept in
// lexicon.bin, which New decodes in a fraction of a millisecond, and a test
// (TestLexiconBinIsCurrent) fails when lexicon.bin differs from what
// loadLexicon makes of lexicon.yaml. To regenerate it after editing
// lexicon.yaml or this format:
//
//	go test ./service/review -run TestLexiconBinIsCurrent -update
//
// The file is a header and then a stream of unsigned varints; a string is
// its length and its bytes. lexicon.bin is embedded as a string, so the
// decoded words and prefixes are substrings of it and take no heap.

//go:embed lexicon.bin
var lexiconBin string

// lexiconMagic starts lexicon.bin; its number changes with the format.
const lexiconMagic = "declinekit lexicon 1\n"

// The flags of a wordInfo, as lexicon.bin holds them.
const (
	flagIsPronoun = 1 << iota
	flagAbbrev
	flagShoutWord
	flagAcronym
	flagNotName
	flagThirdSubj
)

// encodeLexicon returns the contents of lexicon.bin for lx.
func encodeLexicon(lx *lexicon) []byte {
	e := lexWriter{b: []byte(lexiconMagic)}

	nExp := 0
	for _, wi := range lx.byID {
		nExp += len(wi.expansion)
	}
	e.uint(len(lx.byID))
	e.uint(nExp)
	for _, wi := range lx.byID {
		e.str(wi.word)
		flags := 0
		for _, f := range []struct {
			set  bool
			flag int
		}{
			{wi.isPronoun, flagIsPronoun}, {wi.abbrev, flagAbbrev}, {wi.shoutWord, flagShoutWord},
			{wi.acronym, flagAcronym}, {wi.notName, flagNotName}, {wi.thirdSubj, flagThirdSubj},
		} {
			if f.set {
				flags |= f.flag
			}
		}
		e.uint(flags)
		e.uint(int(wi.person))
		e.word1(wi.spell)
		e.uint(len(wi.expansion))
		for _, x := range wi.expansion {
			e.uint(int(x.id))
		}
	}
	e.uint(int(lx.not.id))
	e.uint(int(lx.is.id))
	e.uint(len(lx.suffixes))
	for _, k := range slices.Sorted(maps.Keys(lx.suffixes)) {
		e.str(k)
		e.uint(int(lx.suffixes[k].id))
	}

	for _, set := range []map[string]bool{lx.particles, lx.phKeywords, lx.phSmall, lx.phNotFirst} {
		e.uint(len(set))
		for _, k := range slices.Sorted(maps.Keys(set)) {
			e.str(k)
		}
	}
	// One more than the length, so that a nil list stays nil.
	if lx.phIgnore == nil {
		e.uint(0)
	} else {
		e.uint(len(lx.phIgnore) + 1)
	}
	for _, s := range lx.phIgnore {
		e.str(s)
	}

	e.uint(len(lx.closings))
	for _, c := range lx.closings {
		e.str(c.phrase)
		e.bool(c.lead)
	}

	e.trie(&lx.phrases)
	e.trie(&lx.anchored)
	return e.b
}

type lexWriter struct{ b []byte }

func (e *lexWriter) uint(v int) { e.b = binary.AppendUvarint(e.b, uint64(v)) }

func (e *lexWriter) str(s string) {
	e.uint(len(s))
	e.b = append(e.b, s...)
}

func (e *lexWriter) bool(v bool) {
	if v {
		e.uint(1)
	} else {
		e.uint(0)
	}
}

// word1 writes the id of wi plus one, or 0 for nil.
func (e *lexWriter) word1(wi *wordInfo) {
	if wi == nil {
		e.uint(0)
	} else {
		e.uint(int(wi.id) + 1)
	}
}

func (e *lexWriter) trie(tr *trie) {
	e.uint(tr.nodes)
	e.uint(len(tr.states))
	for _, st := range tr.states {
		e.uint(int(st.accept))
		e.uint(int(st.word0))
		e.uint(int(st.nWords))
		e.uint(int(st.extra))
	}
	e.uint(len(tr.words))
	for _, w := range tr.words {
		e.uint(int(w.id))
		e.uint(int(w.next))
	}
	nPref, nGaps := 0, 0
	for _, x := range tr.extras {
		nPref += len(x.prefixes)
		nGaps += len(x.gaps)
	}
	e.uint(len(tr.extras))
	e.uint(nPref)
	e.uint(nGaps)
	for _, x := range tr.extras {
		e.uint(len(x.prefixes))
		for _, p := range x.prefixes {
			e.str(p.prefix)
			e.uint(int(p.next))
		}
		e.uint(len(x.gaps))
		for _, g := range x.gaps {
			e.uint(int(g.n))
			e.uint(int(g.next))
		}
		e.uint(int(x.end))
		e.uint(int(x.fullEnd))
	}
	e.uint(len(tr.rootIDs))
	for _, next := range tr.rootIDs {
		e.uint(int(next))
	}
	nRoot := 0
	for _, ps := range tr.rootPref {
		nRoot += len(ps)
	}
	e.uint(nRoot)
	for k, ps := range tr.rootPref {
		if len(ps) == 0 {
			continue
		}
		e.uint(k)
		e.uint(len(ps))
		for _, p := range ps {
			e.str(p.prefix)
			e.uint(int(p.next))
		}
	}
}

// errBadLexicon reports a lexicon.bin that does not decode; every index in
// it is checked, so a damaged file fails here rather than in a review.
var errBadLexicon = errors.New("lexicon.bin is damaged: regenerate it")

// decodeLexicon decodes lexicon.bin as encodeLexicon wrote it. It makes
// what loadLexicon makes, with a few large allocations in place of many
// small ones.
func decodeLexicon(bin string) (*lexicon, error) {
	if len(bin) < len(lexiconMagic) || bin[:len(lexiconMagic)] != lexiconMagic {
		return nil, fmt.Errorf("%w (no %q header)", errBadLexicon, lexiconMagic[:len(lexiconMagic)-1])
	}
	r := lexReader{s: bin[len(lexiconMagic):]}

	n := r.count()
	infos := make([]wordInfo, n)
	exps := make([]*wordInfo, r.count())
	lx := &lexicon{
		words: make(map[string]*wordInfo, n),
		byID:  make([]*wordInfo, n),
	}
	for i := range infos {
		wi := &infos[i]
		lx.byID[i] = wi
		wi.word = r.str()
		wi.id = int32(i)
		flags := r.uint()
		wi.isPronoun = flags&flagIsPronoun != 0
		wi.abbrev = flags&flagAbbrev != 0
		wi.shoutWord = flags&flagShoutWord != 0
		wi.acronym = flags&flagAcronym != 0
		wi.notName = flags&flagNotName != 0
		wi.thirdSubj = flags&flagThirdSubj != 0
		wi.person = person(r.index(int(personThird) + 1))
		if s := r.index(n + 1); s > 0 {
			wi.spell = &infos[s-1]
		}
		if k := r.index(len(exps) + 1); k > 0 {
			wi.expansion, exps = exps[:k:k], exps[k:]
			for j := range wi.expansion {
				wi.expansion[j] = &infos[r.index(n)]
			}
		}
		lx.words[wi.word] = wi
	}
	if r.err != nil {
		return nil, r.err
	}
	if len(lx.words) != n {
		return nil, fmt.Errorf("%w (a word is listed twice)", errBadLexicon)
	}
	lx.not, lx.is = lx.byID[r.index(n)], lx.byID[r.index(n)]
	k := r.count()
	lx.suffixes = make(map[string]*wordInfo, k)
	for range k {
		s := r.str()
		lx.suffixes[s] = lx.byID[r.index(n)]
	}

	for _, set := range []*map[string]bool{&lx.particles, &lx.phKeywords, &lx.phSmall, &lx.phNotFirst} {
		k := r.count()
		*set = make(map[string]bool, k)
		for range k {
			(*set)[r.str()] = true
		}
	}
	if k := r.count(); k > 0 {
		lx.phIgnore = make([]string, k-1)
		for i := range lx.phIgnore {
			lx.phIgnore[i] = r.str()
		}
	}

	if k := r.count(); k > 0 {
		lx.closings = make([]closing, k)
		for i := range lx.closings {
			lx.closings[i] = closing{phrase: r.str(), lead: r.uint() != 0}
		}
	}
	lx.indexClosings()

	r.trie(&lx.phrases, n)
	r.trie(&lx.anchored, n)
	if r.err != nil {
		return nil, r.err
	}
	if r.left() != 0 {
		return nil, fmt.Errorf("%w (%d bytes left over)", errBadLexicon, r.left())
	}
	lx.phrases.indexStarts(lx.byID)
	lx.anchored.indexStarts(lx.byID)
	lx.index = newWordTable(lx.byID, &lx.phrases)
	return lx, nil
}

// lexReader reads lexicon.bin. After the first error it returns zeros,
// which are valid everywhere, and keeps the error. It moves an offset
// rather than reslicing s, which would cost a write barrier a byte.
type lexReader struct {
	s   string
	i   int
	err error
}

func (r *lexReader) left() int { return len(r.s) - r.i }

func (r *lexReader) fail() {
	if r.err == nil {
		r.err = fmt.Errorf("%w (at byte %d of %d)", errBadLexicon, len(lexiconMagic)+r.i, len(lexiconMagic)+len(r.s))
	}
	r.i = len(r.s)
}

func (r *lexReader) uint() uint64 {
	var v uint64
	for shift := 0; shift < 64 && r.i < len(r.s); shift += 7 {
		b := r.s[r.i]
		r.i++
		v |= uint64(b&0x7f) << shift
		if b < 0x80 {
			return v
		}
	}
	r.fail()
	return 0
}

// index reads a number that must be less than n.
func (r *lexReader) index(n int) int {
	v := r.uint()
	if v >= uint64(n) {
		r.fail()
		return 0
	}
	return int(v)
}

// count reads the length of a list. Each item takes at least a byte, so a
// damaged count cannot ask for more memory than the file could fill.
func (r *lexReader) count() int {
	return r.index(r.left() + 1)
}

func (r *lexReader) str() string {
	k := r.count()
	s := r.s[r.i : r.i+k]
	r.i += k
	return s
}

// trie decodes a trie for a lexicon of words words.
func (r *lexReader) trie(tr *trie, words int) {
	tr.nodes = int(r.uint())
	// Counts come before the items they count, and states before the
	// edges that point to them, so each index is checked on reading.
	nStates := r.count()
	if nStates == 0 {
		r.fail()
		return
	}
	tr.states = make([]state, nStates)
	for i := range tr.states {
		tr.states[i] = state{
			accept: uint32(r.index(1 << numCats)),
			word0:  int32(r.index(1 << 31)),
			nWords: int32(r.index(1 << 31)),
			extra:  int32(r.index(1 << 31)),
		}
	}
	if k := r.count(); k > 0 {
		tr.words = make([]wordEdge, k)
		for i := range tr.words {
			tr.words[i] = wordEdge{id: int32(r.index(words)), next: int32(r.index(nStates))}
		}
	}
	nExtras := r.count()
	if nExtras == 0 {
		r.fail()
		return
	}
	tr.extras = make([]extra, nExtras)
	prefixes := make([]prefixEdge, r.count())
	gaps := make([]gapEdge, r.count())
	for i := range tr.extras {
		x := &tr.extras[i]
		if k := r.index(len(prefixes) + 1); k > 0 {
			x.prefixes, prefixes = prefixes[:k:k], prefixes[k:]
			for j := range x.prefixes {
				x.prefixes[j] = newPrefixEdge(r.str(), int32(r.index(nStates)))
			}
		}
		if k := r.index(len(gaps) + 1); k > 0 {
			x.gaps, gaps = gaps[:k:k], gaps[k:]
			for j := range x.gaps {
				x.gaps[j] = gapEdge{n: int32(r.index(10)), next: int32(r.index(nStates))}
			}
		}
		x.end = int32(r.index(nStates))
		x.fullEnd = int32(r.index(nStates))
	}
	if r.index(words+1) != words {
		r.fail()
	}
	tr.rootIDs = make([]int32, words)
	for i := range tr.rootIDs {
		tr.rootIDs[i] = int32(r.index(nStates))
	}
	root := make([]prefixEdge, r.count())
	for len(root) > 0 && r.err == nil {
		ps := &tr.rootPref[r.index(len(tr.rootPref))]
		k := r.index(len(root) + 1)
		if k == 0 || *ps != nil {
			r.fail()
			return
		}
		*ps, root = root[:k:k], root[k:]
		for j := range *ps {
			(*ps)[j] = newPrefixEdge(r.str(), int32(r.index(nStates)))
		}
	}
	if r.err != nil {
		return
	}
	for _, st := range tr.states {
		if int(st.word0)+int(st.nWords) > len(tr.words) || int(st.extra) >= nExtras {
			r.fail()
			return
		}
	}
}
