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

// wordInfo is everything the lexicon knows about one normalised word. One
// map lookup per word finds it.
type wordInfo struct {
	word      string
	id        int32       // index in lexicon.byID
	spell     *wordInfo   // the American spelling, when this is a British one
	expansion []*wordInfo // the words a contraction stands for
	isPronoun bool        // "it's" is "it is", not a possessive
	abbrev    bool        // a full stop after it does not end a sentence
	shoutWord bool        // in capitals, a common word that reads as shouting
	acronym   bool        // in capitals, an acronym that is not shouting
	notName   bool        // a capitalised word that starts sentences, not a name
	person    person      // a personal pronoun: who the words are about
	thirdSubj bool        // a pronoun that makes someone else the subject ("she", "who")
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
	phrase string
	lead   bool // may be followed by a short clause ("thank you for your time,")
}

// lexicon is the compiled lexicon.yaml.
type lexicon struct {
	words    map[string]*wordInfo
	index    wordTable // words again, for the tokenizer's lookups by []byte
	byID     []*wordInfo
	phrases  trie
	anchored trie      // phrases that start with "^": matched at the start of a clause only
	closings []closing // longest phrase first
	// closingsBy holds, for each lower-case ASCII letter, the closings
	// that a text starting with that letter may begin with, in the order
	// of closings: those starting with it in either case, and any that
	// start with something else than an ASCII letter.
	closingsBy [26][]closing
	// closingsOther holds the closings that a text starting with anything
	// but an ASCII letter may begin with: those that do not both start
	// with an ASCII letter and hold only ASCII (see asciiLetterIndex).
	closingsOther []closing

	// Words that contractions expand to.
	not, is  *wordInfo
	suffixes map[string]*wordInfo // "m" → "am", "ll" → "will", …

	particles map[string]bool // lower-case words inside names ("van", "de")

	phKeywords map[string]bool
	phSmall    map[string]bool
	phNotFirst map[string]bool
	phIgnore   []string
}

// info returns the wordInfo for w, creating it.
func (lx *lexicon) info(w string) *wordInfo {
	wi := lx.words[w]
	if wi == nil {
		wi = &wordInfo{word: w, id: int32(len(lx.byID))}
		lx.words[w] = wi
		lx.byID = append(lx.byID, wi)
	}
	return wi
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
		words:      make(map[string]*wordInfo),
		phKeywords: make(map[string]bool),
		phSmall:    make(map[string]bool),
		phNotFirst: make(map[string]bool),
		particles:  make(map[string]bool),
	}
	lx.not, lx.is = lx.info("not"), lx.info("is")
	for _, w := range f.Persons.First {
		lx.info(w).person = personFirst
	}
	for _, w := range f.Persons.Second {
		lx.info(w).person = personSecond
	}
	for _, w := range f.Persons.Third {
		lx.info(w).person = personThird
	}
	for _, w := range f.Persons.ThirdSubjects {
		lx.info(w).thirdSubj = true
	}
	lx.suffixes = map[string]*wordInfo{
		"m": lx.info("am"), "re": lx.info("are"), "ve": lx.info("have"),
		"ll": lx.info("will"), "d": lx.info("would"),
	}
	var errs []error
	// Words are numbered in the order they are first met; sorted keys
	// make that order, and so lexicon.bin, the same in every run.
	for _, w := range slices.Sorted(maps.Keys(f.Spelling)) {
		sp := f.Spelling[w]
		if err := checkWord(sp); err != nil {
			errs = append(errs, fmt.Errorf("spelling %q: %w", w, err))
		}
		lx.info(w).spell = lx.info(sp)
	}
	for _, w := range slices.Sorted(maps.Keys(f.Contractions)) {
		exp := f.Contractions[w]
		if len(exp) == 0 {
			errs = append(errs, fmt.Errorf("contraction %q expands to nothing", w))
		}
		wi := lx.info(w)
		for _, e := range exp {
			if err := checkWord(e); err != nil {
				errs = append(errs, fmt.Errorf("contraction %q: %w", w, err))
			}
			wi.expansion = append(wi.expansion, lx.info(e))
		}
	}
	for _, w := range f.IsContractions {
		lx.info(w).isPronoun = true
	}
	for _, w := range f.Abbreviations {
		lx.info(w).abbrev = true
	}
	for _, w := range f.NotNames {
		lx.info(strings.ToLower(w)).notName = true
	}
	for _, w := range f.NameParticles {
		lx.particles[w] = true
	}
	for _, w := range f.Shout.Common {
		lx.info(strings.ToLower(w)).shoutWord = true
	}
	for _, w := range f.Shout.Acronyms {
		lx.info(strings.ToLower(w)).acronym = true
	}
	for _, w := range f.Placeholders.Keywords {
		lx.phKeywords[w] = true
	}
	for _, w := range f.Placeholders.SmallWords {
		lx.phSmall[w] = true
	}
	for _, w := range f.Placeholders.NotFirst {
		lx.phNotFirst[w] = true
	}
	lx.phIgnore = f.Placeholders.Ignore
	for _, p := range f.Closings.Plain {
		lx.closings = append(lx.closings, closing{phrase: p})
	}
	for _, p := range f.Closings.Lead {
		lx.closings = append(lx.closings, closing{phrase: p, lead: true})
	}
	sort.SliceStable(lx.closings, func(i, j int) bool {
		return len(lx.closings[i].phrase) > len(lx.closings[j].phrase)
	})
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
					if e.kind == elemWord && lx.words[e.s] != nil {
						if wi := lx.words[e.s]; wi.spell != nil || wi.expansion != nil {
							errs = append(errs, fmt.Errorf("%s phrase %q: %q is never seen after normalisation", name, ph, e.s))
						}
					}
				}
				if seq[0].kind == elemStart {
					anchoredTrie.insert(lx, seq[1:], category(c))
				} else {
					phraseTrie.insert(lx, seq, category(c))
				}
			}
		}
	}
	lx.phrases = phraseTrie.compile(len(lx.byID))
	lx.anchored = anchoredTrie.compile(len(lx.byID))
	lx.phrases.indexStarts(lx.byID)
	lx.anchored.indexStarts(lx.byID)
	lx.index = newWordTable(lx.byID, &lx.phrases)
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	return lx, nil
}

// indexClosings fills lx.closingsBy and lx.closingsOther from lx.closings.
func (lx *lexicon) indexClosings() {
	for _, c := range lx.closings {
		first, ok := asciiLetterIndex(c.phrase)
		for k := range lx.closingsBy {
			if !ok || first == k {
				lx.closingsBy[k] = append(lx.closingsBy[k], c)
			}
		}
		if !ok || !isASCII(c.phrase) {
			lx.closingsOther = append(lx.closingsOther, c)
		}
	}
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
