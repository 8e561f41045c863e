package service_test

import (
	"bufio"
	"flag"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/declinekit/declinekit/service"
	"github.com/declinekit/declinekit/service/checklist"
	"github.com/declinekit/declinekit/service/library"
)

var update = flag.Bool("update", false, "rewrite testdata from the seed guide in ../../shared/seed")

// shingleWords is the length of the word runs compared: a run this long
// shared with the guide means a sentence was copied, not an idea reused.
const shingleWords = 8

// shingles returns the hashes of every run of shingleWords words in text,
// after lower-casing and reducing punctuation (and {{tokens}}) to spaces.
func shingles(text string) map[uint64]string {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	out := make(map[uint64]string)
	for i := 0; i+shingleWords <= len(words); i++ {
		run := strings.Join(words[i:i+shingleWords], " ")
		h := fnv.New64a()
		h.Write([]byte(run))
		out[h.Sum64()] = run
	}
	return out
}

// seedShingles reads the hashed word runs of the seed guide. The repository
// keeps only hashes, not the guide's text.
func seedShingles(t *testing.T) map[uint64]bool {
	t.Helper()
	path := filepath.Join("testdata", "seed-shingles.txt")
	if *update {
		seeds, _ := filepath.Glob(filepath.Join("..", "..", "shared", "seed", "*.txt"))
		if len(seeds) == 0 {
			t.Fatal("-update needs the seed guide in ../../shared/seed")
		}
		var hashes []string
		for _, s := range seeds {
			b, err := os.ReadFile(s)
			if err != nil {
				t.Fatal(err)
			}
			for h := range shingles(string(b)) {
				hashes = append(hashes, fmt.Sprintf("%016x", h))
			}
		}
		sort.Strings(hashes)
		if err := os.WriteFile(path, []byte(strings.Join(hashes, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	set := make(map[uint64]bool)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var h uint64
		if _, err := fmt.Sscanf(sc.Text(), "%016x", &h); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		set[h] = true
	}
	if len(set) < 500 {
		t.Fatalf("%s has %d hashes; the guide has far more word runs", path, len(set))
	}
	return set
}

// content returns every text declinekit ships, keyed by where it is.
func content(t *testing.T) map[string]string {
	t.Helper()
	texts := make(map[string]string)
	cl, err := checklist.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range service.Langs {
		items, err := cl.Items(lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range items {
			parts := append([]string{it.Title, it.Summary}, it.Guidance...)
			texts[fmt.Sprintf("checklist %s/%s", lang, it.ID)] = strings.Join(append(parts, it.Questions...), "\n")
		}
	}
	lib, err := library.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tpl := range lib.All() {
		// Render with every optional sentence, so those are checked too.
		r := tpl.Render(library.Values{}, library.Options{KeepDoorOpen: true, ShortNotice: true, LateReply: true})
		parts := append([]string{tpl.Name, tpl.Description, r.Subject, r.Body}, r.Notes...)
		if r.FollowUp != nil {
			parts = append(parts, r.FollowUp.Subject, r.FollowUp.Body)
		}
		texts["template "+tpl.ID] = strings.Join(parts, "\n")
	}
	return texts
}

// TestContentIsOurOwn fails when any shipped text (the checklist and every
// template) shares a run of eight words with the seed guide: ideas may come
// from it, sentences may not.
func TestContentIsOurOwn(t *testing.T) {
	seed := seedShingles(t)
	for where, text := range content(t) {
		for _, line := range strings.Split(text, "\n") {
			for h, run := range shingles(line) {
				if seed[h] {
					t.Errorf("%s repeats the seed guide's words %q", where, run)
				}
			}
		}
	}
}

// TestShinglesDetectCopies shows the check can fail: a sentence lifted from
// a source is caught even with other punctuation and case, and a rewording
// of the same idea is not.
func TestShinglesDetectCopies(t *testing.T) {
	source := shingles("The quick brown fox jumps over the lazy dog while the farmer sleeps soundly in the barn.")
	tests := []struct {
		name string
		give string
		want bool
	}{
		{"nok, copied with other case and punctuation", "THE QUICK BROWN FOX -- jumps over the lazy dog!", true},
		{"ok, same idea in other words", "A fast fox leaps across a sleepy dog as the farmer naps.", false},
	}
	for _, tt := range tests {
		found := false
		for h := range shingles(tt.give) {
			found = found || source[h] != ""
		}
		if found != tt.want {
			t.Errorf("%s: copied = %v, want %v", tt.name, found, tt.want)
		}
	}
}
