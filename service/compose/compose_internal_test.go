package compose

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/declinekit/declinekit/service/library"
)

func TestCountText(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	parts := []string{"a", "Zoë", "北京", " ", "\t", "\n", "\r\n", "\v", "\f", "\u0085", "\u00a0", "\u2003", "\u3000", "\xff", "\xc3", "-", "'"}
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		s := b.String()
		chars, words := countText(s)
		if want := utf8.RuneCountInString(s); chars != want {
			t.Fatalf("countText(%q) counts %d characters, want %d", s, chars, want)
		}
		if want := len(strings.Fields(s)); words != want {
			t.Fatalf("countText(%q) counts %d words, want %d", s, words, want)
		}
	}
}

func TestReleasedDraftsAreReusedWhole(t *testing.T) {
	lib, err := library.Load()
	if err != nil {
		t.Fatal(err)
	}
	c := New(lib)
	asOf := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	soon := asOf.Add(5 * time.Hour)
	first := Request{Channel: library.LinkedIn, Details: Details{Company: "Acme", Position: "Engineer", CandidateName: "Alex"},
		Options: Options{KeepDoorOpen: true, InterviewAt: &soon, AsOf: asOf}}
	second := Request{Details: Details{Company: "Globex", Position: "Analyst", CandidateName: "Sam", RecruiterName: "Dana"},
		Options: Options{AsOf: asOf}}
	d, err := c.Compose(first)
	if err != nil {
		t.Fatal(err)
	}
	d.Release()
	got, err := c.Compose(second)
	if err != nil {
		t.Fatal(err)
	}
	want, err := c.Compose(second)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("a draft composed into a released one = %+v, want %+v", got, want)
	}
}
