package review

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

//go:embed lexicon.yaml
var lexiconYAML []byte

// category names a family of phrases in the lexicon. Categories whose name
// ends in "_not" hold exceptions: a match of such a category that covers a
// match of the category it qualifies cancels that match ("thankfully" is not
// thanks, "no choice" is not a negation).
type category uint8

const (
	catGratitude category = iota
	catGratitudeNot
	catDecline
	catDeclineNot
	catAttendance
	catReschedule
	catNegator
	catNegatorNot
	catHedge
	catConditional
	catConditionalNot
	catConjunction
	catConjunctionNot
	catDoor
	catDoorNot
	catRude
	catRudeNot
	catNegative
	catTarget
	catApology
	catApologyNot
	catPleasantry
	catReason
	catGoodbye
	catGreeting
	catIrony
	catExcess
	catScare
	numCats
)

var catNames = [numCats]string{
	catGratitude:      "gratitude",
	catGratitudeNot:   "gratitude_not",
	catDecline:        "decline",
	catDeclineNot:     "decline_not",
	catAttendance:     "attendance",
	catReschedule:     "reschedule",
	catNegator:        "negator",
	catNegatorNot:     "negator_not",
	catHedge:          "hedge",
	catConditional:    "conditional",
	catConditionalNot: "conditional_not",
	catConjunction:    "conjunction",
	catConjunctionNot: "conjunction_not",
	catDoor:           "door",
	catDoorNot:        "door_not",
	catRude:           "rude",
	catRudeNot:        "rude_not",
	catNegative:       "negative",
	catTarget:         "target",
	catApology:        "apology",
	catApologyNot:     "apology_not",
	catPleasantry:     "pleasantry",
	catReason:         "reason",
	catGoodbye:        "goodbye",
	catGreeting:       "greeting",
	catIrony:          "irony",
	catExcess:         "excess",
	catScare:          "scare_quote",
}

// exceptionOf maps a category to the "_not" category that cancels its
// matches, or to itself when it has none.
var exceptionOf = func() [numCats]category {
	var ex [numCats]category
	for c := range ex {
		ex[c] = category(c)
	}
	ex[catGratitude] = catGratitudeNot
	ex[catDecline] = catDeclineNot
	ex[catAttendance] = catDeclineNot
	ex[catNegator] = catNegatorNot
	ex[catConditional] = catConditionalNot
	ex[catConjunction] = catConjunctionNot
	ex[catDoor] = catDoorNot
	ex[catRude] = catRudeNot
	ex[catNegative] = catRudeNot
	ex[catApology] = catApologyNot
	return ex
}()

// lexiconFile is the shape of lexicon.yaml.
type lexiconFile struct {
	Contractions   map[string][]string `yaml:"contractions"`
	Spelling       map[string]string   `yaml:"spelling"`
	IsContractions []string            `yaml:"is_contractions"`
	Abbreviations  []string            `yaml:"abbreviations"`
	Phrases        map[string][]string `yaml:"phrases"`
	Closings       struct {
		Plain []string `yaml:"plain"`
		Lead  []string `yaml:"lead"`
	} `yaml:"closings"`
	Persons struct {
		First         []string `yaml:"first"`
		Second        []string `yaml:"second"`
		Third         []string `yaml:"third"`
		ThirdSubjects []string `yaml:"third_subjects"`
	} `yaml:"persons"`
	NotNames      []string `yaml:"not_names"`
	NameParticles []string `yaml:"name_particles"`
	Shout         struct {
		Common   []string `yaml:"common"`
		Acronyms []string `yaml:"acronyms"`
	} `yaml:"shout"`
	Placeholders struct {
		Keywords   []string `yaml:"keywords"`
		SmallWords []string `yaml:"small_words"`
		NotFirst   []string `yaml:"not_first"`
		Ignore     []string `yaml:"ignore"`
	} `yaml:"placeholders"`
}

// wordInfo is everything the lexicon knows about one normalised word. It
// holds no pointer, so that lexicon.byID, which holds one for each of some
// 2 000 words, is nothing the garbage collector need scan: its text and its
// expansion are runs of lexicon.text and lexicon.exps, and the words it
// stands for are given by id.
type wordInfo struct {
	word      run    // the word is word.in(lexicon.text)
	expansion run    // a contraction stands for the words of ids lexicon.exps[expansion.off:expansion.end()]
	id        int32  // index in lexicon.byID
	spell     int32  // the id plus one of the American spelling, when this is a British one; else 0
	isPronoun bool   // "it's" is "it is", not a possessive
	abbrev    bool   // a full stop after it does not end a sentence
	shoutWord bool   // in capitals, a common word that reads as shouting
	acronym   bool   // in capitals, an acronym that is not shouting
	notName   bool   // a capitalised word that starts sentences, not a name
	person    person // a personal pronoun: who the words are about
	thirdSubj bool   // a pronoun that makes someone else the subject ("she", "who")
}

// run locates n bytes of a string, or n items of a slice, from off. The
// lexicon keeps its words, phrases and short lists so, as runs of a few
// shared strings and slices: a string or slice of its own is a pointer,
// which the garbage collector would follow in every cycle, and makes the
// struct that holds it one the collector must scan.
type run struct{ off, n uint32 }

// end returns the offset just after the run.
func (r run) end() uint32 { return r.off + r.n }

// in returns the run of s.
func (r run) in(s string) string { return s[r.off:r.end()] }

// appendRun appends t to text and returns the run it takes there.
func appendRun(text []byte, t string) ([]byte, run) {
	return append(text, t...), run{uint32(len(text)), uint32(len(t))}
}

// person tells whom a personal pronoun refers to.
type person uint8

const (
	personNone   person = iota
	personFirst         // the writer: "I", "my", "we"
	personSecond        // the reader: "you", "your"
	personThird         // someone else: "she", "their"
)

// closing is one sign-off phrase such as "best regards".
type closing struct {
	phrase run  // the phrase is phrase.in(lexicon.closingText)
	lead   bool // may be followed by a short clause ("thank you for your time,")
}

// otherStart indexes lexicon.closingsAt for a text that does not start with
// an ASCII letter.
const otherStart = 26

// lexicon is the compiled lexicon.yaml. It is made once and kept for the
// life of the process, so it is laid out for the garbage collector, which
// reads every pointer of it in every cycle: words, phrases and lists are
// runs of a few shared strings and slices of pointer-free structs (see run),
// and words are referred to by id.
type lexicon struct {
	index wordTable  // finds a word's wordInfo from its bytes
	byID  []wordInfo // the words by id
	text  string     // the words one after another, in order of id
	exps  []int32    // the ids of the expansions of contractions, in order of id

	phrases  trie
	anchored trie // phrases that start with "^": matched at the start of a clause only

	closings    []closing // longest phrase first
	closingText string    // the phrases of closings one after another
	// closingsBy holds, for each lower-case ASCII letter k, the closings
	// that a text starting with that letter may begin with, in the order
	// of closings: closingsBy[closingsAt[k]:closingsAt[k+1]], those
	// starting with it in either case, and any that start with something
	// else than an ASCII letter. Then, from closingsAt[otherStart], it
	// holds the closings that a text starting with anything but an ASCII
	// letter may begin with: those that do not both start with an ASCII
	// letter and hold only ASCII (see asciiLetterIndex).
	closingsBy []closing
	closingsAt [otherStart + 2]int32

	// Words that contractions expand to, by id.
	not, is  int32
	suffixes map[string]int32 // "m" → "am", "ll" → "will", …

	particles stringSet // lower-case words inside names ("van", "de")

	phKeywords stringSet
	phSmall    stringSet
	phNotFirst stringSet
	phIgnore   []string
}

// word returns the text of word id.
func (lx *lexicon) word(id int32) string {
	return lx.byID[id].word.in(lx.text)
}

// expansion returns the ids of the words that the contraction wi stands
// for, or none.
func (lx *lexicon) expansion(wi *wordInfo) []int32 {
	return lx.exps[wi.expansion.off:wi.expansion.end()]
}

// closingsFor returns the closings that text may begin with.
func (lx *lexicon) closingsFor(text string) []closing {
	k, ok := asciiLetterIndex(text)
	if !ok {
		k = otherStart
	}
	return lx.closingsBy[lx.closingsAt[k]:lx.closingsAt[k+1]]
}

// phrase returns the phrase of c.
func (lx *lexicon) phrase(c closing) string {
	return c.phrase.in(lx.closingText)
}

// lexBuilder numbers the words of a lexicon while loadLexicon compiles it.
type lexBuilder struct {
	lx    *lexicon
	ids   map[string]int32
	words []string          // by id
	exps  map[int32][]int32 // the expansion of each contraction, by id
}

// id returns the id of word w, adding it.
func (b *lexBuilder) id(w string) int32 {
	id, ok := b.ids[w]
	if !ok {
		id = int32(len(b.words))
		b.ids[w] = id
		b.words = append(b.words, w)
		b.lx.byID = append(b.lx.byID, wordInfo{id: id})
	}
	return id
}

// info returns the wordInfo of word w, adding it. It stays valid until the
// next word is added.
func (b *lexBuilder) info(w string) *wordInfo {
	return &b.lx.byID[b.id(w)]
}

// finish lays out the words and their expansions in lx.text and lx.exps,
// in order of id, as decodeLexicon lays them out.
func (b *lexBuilder) finish() {
	lx := b.lx
	var text []byte
	for id, w := range b.words {
		wi := &lx.byID[id]
		text, wi.word = appendRun(text, w)
		if exp := b.exps[int32(id)]; len(exp) > 0 {
			wi.expansion = run{uint32(len(lx.exps)), uint32(len(exp))}
			lx.exps = append(lx.exps, exp...)
		}
	}
	lx.text = string(text)
}

// loadLexicon decodes and compiles raw lexicon YAML.
func loadLexicon(raw []byte) (*lexicon, error) {
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	var f lexiconFile
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("decode lexicon: %w", err)
	}
	lx := &lexicon{
		particles:  newStringSet(f.NameParticles),
		phKeywords: newStringSet(f.Placeholders.Keywords),
		phSmall:    newStringSet(f.Placeholders.SmallWords),
		phNotFirst: newStringSet(f.Placeholders.NotFirst),
		phIgnore:   f.Placeholders.Ignore,
	}
	b := &lexBuilder{lx: lx, ids: make(map[string]int32), exps: make(map[int32][]int32)}
	lx.not, lx.is = b.id("not"), b.id("is")
	for _, w := range f.Persons.First {
		b.info(w).person = personFirst
	}
	for _, w := range f.Persons.Second {
		b.info(w).person = personSecond
	}
	for _, w := range f.Persons.Third {
		b.info(w).person = personThird
	}
	for _, w := range f.Persons.ThirdSubjects {
		b.info(w).thirdSubj = true
	}
	lx.suffixes = map[string]int32{
		"m": b.id("am"), "re": b.id("are"), "ve": b.id("have"),
		"ll": b.id("will"), "d": b.id("would"),
	}
	var errs []error
	// Words are numbered in the order they are first met; sorted keys
	// make that order, and so lexicon.bin, the same in every run.
	for _, w := range slices.Sorted(maps.Keys(f.Spelling)) {
		sp := f.Spelling[w]
		if err := checkWord(sp); err != nil {
			errs = append(errs, fmt.Errorf("spelling %q: %w", w, err))
		}
		id, spell := b.id(w), b.id(sp)
		lx.byID[id].spell = spell + 1
	}
	for _, w := range slices.Sorted(maps.Keys(f.Contractions)) {
		exp := f.Contractions[w]
		if len(exp) == 0 {
			errs = append(errs, fmt.Errorf("contraction %q expands to nothing", w))
		}
		id := b.id(w)
		for _, e := range exp {
			if err := checkWord(e); err != nil {
				errs = append(errs, fmt.Errorf("contraction %q: %w", w, err))
			}
			b.exps[id] = append(b.exps[id], b.id(e))
		}
	}
	for _, w := range f.IsContractions {
		b.info(w).isPronoun = true
	}
	for _, w := range f.Abbreviations {
		b.info(w).abbrev = true
	}
	for _, w := range f.NotNames {
		b.info(strings.ToLower(w)).notName = true
	}
	for _, w := range f.Shout.Common {
		b.info(strings.ToLower(w)).shoutWord = true
	}
	for _, w := range f.Shout.Acronyms {
		b.info(strings.ToLower(w)).acronym = true
	}
	type entry struct {
		phrase string
		lead   bool
	}
	var closings []entry
	for _, p := range f.Closings.Plain {
		closings = append(closings, entry{phrase: p})
	}
	for _, p := range f.Closings.Lead {
		closings = append(closings, entry{phrase: p, lead: true})
	}
	sort.SliceStable(closings, func(i, j int) bool {
		return len(closings[i].phrase) > len(closings[j].phrase)
	})
	var text []byte
	for _, c := range closings {
		var phrase run
		text, phrase = appendRun(text, c.phrase)
		lx.closings = append(lx.closings, closing{phrase: phrase, lead: c.lead})
	}
	lx.closingText = string(text)
	lx.indexClosings()
	if len(lx.closings) == 0 {
		errs = append(errs, errors.New("no closings"))
	}

	known := make(map[string]category, numCats)
	for c, name := range catNames {
		known[name] = category(c)
	}
	for name := range f.Phrases {
		if _, ok := known[name]; !ok {
			errs = append(errs, fmt.Errorf("unknown phrase category %q", name))
		}
	}
	var phraseTrie, anchoredTrie trieBuilder
	for c, name := range catNames {
		phrases := f.Phrases[name]
		if len(phrases) == 0 {
			errs = append(errs, fmt.Errorf("phrase category %q is missing or empty", name))
		}
		for _, ph := range phrases {
			seqs, err := expandPhrase(ph)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s phrase %q: %w", name, ph, err))
				continue
			}
			for _, seq := range seqs {
				for _, e := range seq {
					if id, ok := b.ids[e.s]; ok && e.kind == elemWord {
						if lx.byID[id].spell != 0 || len(b.exps[id]) > 0 {
							errs = append(errs, fmt.Errorf("%s phrase %q: %q is never seen after normalisation", name, ph, e.s))
						}
					}
				}
				if seq[0].kind == elemStart {
					anchoredTrie.insert(b, seq[1:], category(c))
				} else {
					phraseTrie.insert(b, seq, category(c))
				}
			}
		}
	}
	b.finish()
	lx.phrases = phraseTrie.compile(len(lx.byID))
	lx.anchored = anchoredTrie.compile(len(lx.byID))
	lx.phrases.indexStarts(lx.byID, lx.text)
	lx.anchored.indexStarts(lx.byID, lx.text)
	lx.index, _ = newWordTable(lx.byID, lx.text, &lx.phrases) // lexBuilder.id numbers each word once
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	return lx, nil
}

// indexClosings fills lx.closingsBy and lx.closingsAt from lx.closings.
func (lx *lexicon) indexClosings() {
	lx.closingsBy = nil
	for k := range otherStart + 1 {
		lx.closingsAt[k] = int32(len(lx.closingsBy))
		for _, c := range lx.closings {
			p := lx.phrase(c)
			first, letter := asciiLetterIndex(p)
			fits := !letter || first == k
			if k == otherStart {
				fits = !letter || !isASCII(p)
			}
			if fits {
				lx.closingsBy = append(lx.closingsBy, c)
			}
		}
	}
	lx.closingsAt[otherStart+1] = int32(len(lx.closingsBy))
}

// isASCII reports whether s holds only ASCII bytes.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// stringSet is a set of strings held in one string, where a map would hold
// a string, a pointer for the garbage collector to follow, for each member.
// An open-addressed table of member numbers finds a member in about one
// probe, as quickly as a map.
type stringSet struct {
	text  string   // the members in sorted order, one after another
	ends  []uint32 // member i ends at text[ends[i]] and starts where member i-1 ends
	slots []uint32 // member numbers plus one, by wordKey hash; 0 is empty; a power of two in length, at most half full
}

// newStringSet returns the set of words, which may repeat.
func newStringSet(words []string) stringSet {
	var b stringSetBuilder
	for _, w := range slices.Compact(slices.Sorted(slices.Values(words))) {
		b.add(w)
	}
	return b.set()
}

// len returns the number of members of s.
func (s *stringSet) len() int { return len(s.ends) }

// member returns member i of s, in sorted order.
func (s *stringSet) member(i int) string {
	start := uint32(0)
	if i > 0 {
		start = s.ends[i-1]
	}
	return s.text[start:s.ends[i]]
}

// has reports whether w is a member of s.
func (s *stringSet) has(w []byte) bool {
	if len(s.slots) == 0 {
		return false
	}
	h, _ := wordKey(w)
	mask := uint32(len(s.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		k := s.slots[i]
		if k == 0 {
			return false
		}
		if s.member(int(k-1)) == string(w) {
			return true
		}
	}
}

// stringSetBuilder makes a stringSet from its members in sorted order.
type stringSetBuilder struct {
	text []byte
	ends []uint32
}

// add adds w, which must sort after every member added before, and
// reports whether it does.
func (b *stringSetBuilder) add(w string) bool {
	if n := len(b.ends); n > 0 {
		start := uint32(0)
		if n > 1 {
			start = b.ends[n-2]
		}
		if string(b.text[start:]) >= w {
			return false
		}
	}
	b.text = append(b.text, w...)
	b.ends = append(b.ends, uint32(len(b.text)))
	return true
}

// set returns the set of the members added.
func (b *stringSetBuilder) set() stringSet {
	s := stringSet{text: string(b.text), ends: b.ends}
	if len(s.ends) == 0 {
		return s
	}
	n := 4
	for n < 2*len(s.ends) {
		n *= 2
	}
	s.slots = make([]uint32, n)
	mask := uint32(n - 1)
	for k := range s.ends {
		h, _ := wordKey(s.member(k))
		i := h & mask
		for s.slots[i] != 0 {
			i = (i + 1) & mask
		}
		s.slots[i] = uint32(k + 1)
	}
	return s
}
