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
// its length and its bytes. The decoder copies the words, prefixes and
// phrases into the few shared strings of the lexicon (see run), laid out as
// loadLexicon lays them out.

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

	e.uint(len(lx.byID))
	e.uint(len(lx.exps))
	for i := range lx.byID {
		wi := &lx.byID[i]
		e.str(wi.word.in(lx.text))
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
		e.uint(int(wi.spell)) // the id plus one, or 0
		e.uint(int(wi.expansion.n))
		for _, x := range lx.expansion(wi) {
			e.uint(int(x))
		}
	}
	e.uint(int(lx.not))
	e.uint(int(lx.is))
	e.uint(len(lx.suffixes))
	for _, k := range slices.Sorted(maps.Keys(lx.suffixes)) {
		e.str(k)
		e.uint(int(lx.suffixes[k]))
	}

	for _, set := range []*stringSet{&lx.particles, &lx.phKeywords, &lx.phSmall, &lx.phNotFirst} {
		e.uint(set.len())
		for i := range set.len() {
			e.str(set.member(i))
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
		e.str(lx.phrase(c))
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
		nPref += int(x.prefixes.n)
		nGaps += int(x.gaps.n)
	}
	e.uint(len(tr.extras))
	e.uint(nPref)
	e.uint(nGaps)
	for i := range tr.extras {
		x := &tr.extras[i]
		e.uint(int(x.prefixes.n))
		for _, p := range tr.prefixesOf(x) {
			e.str(p.prefix.in(tr.text))
			e.uint(int(p.next))
		}
		e.uint(int(x.gaps.n))
		for _, g := range tr.gapsOf(x) {
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
	e.uint(len(tr.prefixes) - nPref)
	for k := range numPrefixKeys {
		ps := tr.rootPrefixes(k)
		if len(ps) == 0 {
			continue
		}
		e.uint(k)
		e.uint(len(ps))
		for _, p := range ps {
			e.str(p.prefix.in(tr.text))
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
	nExp := r.count()
	lx := &lexicon{byID: make([]wordInfo, n)}
	if nExp > 0 {
		lx.exps = make([]int32, 0, nExp)
	}
	var text []byte
	for i := range lx.byID {
		wi := &lx.byID[i]
		text, wi.word = appendRun(text, r.str())
		wi.id = int32(i)
		flags := r.uint()
		wi.isPronoun = flags&flagIsPronoun != 0
		wi.abbrev = flags&flagAbbrev != 0
		wi.shoutWord = flags&flagShoutWord != 0
		wi.acronym = flags&flagAcronym != 0
		wi.notName = flags&flagNotName != 0
		wi.thirdSubj = flags&flagThirdSubj != 0
		wi.person = person(r.index(int(personThird) + 1))
		wi.spell = int32(r.index(n + 1))
		if k := r.index(nExp - len(lx.exps) + 1); k > 0 {
			wi.expansion = run{uint32(len(lx.exps)), uint32(k)}
			for range k {
				lx.exps = append(lx.exps, int32(r.index(n)))
			}
		}
	}
	lx.text = string(text)
	if r.err != nil {
		return nil, r.err
	}
	lx.not, lx.is = int32(r.index(n)), int32(r.index(n))
	k := r.count()
	lx.suffixes = make(map[string]int32, k)
	for range k {
		s := r.str()
		lx.suffixes[s] = int32(r.index(n))
	}

	for _, set := range []*stringSet{&lx.particles, &lx.phKeywords, &lx.phSmall, &lx.phNotFirst} {
		var b stringSetBuilder
		for range r.count() {
			if !b.add(r.str()) {
				r.fail() // not in order, or listed twice
			}
		}
		*set = b.set()
	}
	if k := r.count(); k > 0 {
		lx.phIgnore = make([]string, k-1)
		for i := range lx.phIgnore {
			lx.phIgnore[i] = r.str()
		}
	}

	if k := r.count(); k > 0 {
		lx.closings = make([]closing, k)
		var text []byte
		for i := range lx.closings {
			c := &lx.closings[i]
			text, c.phrase = appendRun(text, r.str())
			c.lead = r.uint() != 0
		}
		lx.closingText = string(text)
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
	lx.phrases.indexStarts(lx.byID, lx.text)
	lx.anchored.indexStarts(lx.byID, lx.text)
	var unique bool
	if lx.index, unique = newWordTable(lx.byID, lx.text, &lx.phrases); !unique {
		return nil, fmt.Errorf("%w (a word is listed twice)", errBadLexicon)
	}
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
	nPref, nGaps := r.count(), r.count()
	if nPref > 0 {
		tr.prefixes = make([]prefixEdge, 0, nPref)
	}
	if nGaps > 0 {
		tr.gaps = make([]gapEdge, 0, nGaps)
	}
	var text []byte
	var p prefixEdge
	for i := range tr.extras {
		x := &tr.extras[i]
		if k := r.index(nPref - len(tr.prefixes) + 1); k > 0 {
			x.prefixes = run{uint32(len(tr.prefixes)), uint32(k)}
			for range k {
				text, p = newPrefixEdge(text, r.str(), int32(r.index(nStates)))
				tr.prefixes = append(tr.prefixes, p)
			}
		}
		if k := r.index(nGaps - len(tr.gaps) + 1); k > 0 {
			x.gaps = run{uint32(len(tr.gaps)), uint32(k)}
			for range k {
				tr.gaps = append(tr.gaps, gapEdge{n: int32(r.index(10)), next: int32(r.index(nStates))})
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
	// The root's prefix edges come by key, in increasing order of key.
	nRoot := r.count()
	tr.prefixes = slices.Grow(tr.prefixes, nRoot)
	tr.rootPref = make([]int32, numPrefixKeys+1)
	next := 0 // the keys before next have their start in rootPref
	for left := nRoot; left > 0 && r.err == nil; {
		key := r.index(numPrefixKeys)
		k := r.index(left + 1)
		if k == 0 || key < next {
			r.fail()
			return
		}
		for ; next <= key; next++ {
			tr.rootPref[next] = int32(len(tr.prefixes))
		}
		for range k {
			text, p = newPrefixEdge(text, r.str(), int32(r.index(nStates)))
			tr.prefixes = append(tr.prefixes, p)
		}
		left -= k
	}
	for ; next <= numPrefixKeys; next++ {
		tr.rootPref[next] = int32(len(tr.prefixes))
	}
	tr.text = string(text)
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
