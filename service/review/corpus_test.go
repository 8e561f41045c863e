package review_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/declinekit/declinekit/service/review"
)

// minAgreement is the share of labelled checks the reviewer must get right
// on each labelled file.
const minAgreement = 0.95

// labelled is one message of a labelled file with the status a careful
// human reviewer gives each check.
type labelled struct {
	Name    string            `yaml:"name"`
	Channel review.Channel    `yaml:"channel"`
	Tier    review.Tier       `yaml:"tier"`
	Subject string            `yaml:"subject"`
	Message string            `yaml:"message"`
	Want    map[string]string `yaml:"want"`
}

func (l labelled) input() review.Input {
	return review.Input{Channel: l.Channel, Subject: l.Subject, Message: l.Message, LinkedInTier: l.Tier}
}

func loadLabelled(t *testing.T, name string) []labelled {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	var entries []labelled
	if err := dec.Decode(&entries); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	statuses := []string{"pass", "warn", "fail", "not_applicable"}
	names := make(map[string]bool)
	for _, e := range entries {
		if names[e.Name] {
			t.Errorf("%s: name %q is used twice", name, e.Name)
		}
		names[e.Name] = true
		if !e.Channel.Valid() || !e.Tier.Valid() {
			t.Errorf("%s: %q has channel %q, tier %q", name, e.Name, e.Channel, e.Tier)
		}
		if len(e.Want) == 0 {
			t.Errorf("%s: %q labels no check", name, e.Name)
		}
		for id, s := range e.Want {
			if !slices.Contains(review.CheckIDs, id) || !slices.Contains(statuses, s) {
				t.Errorf("%s: %q has label %s: %s", name, e.Name, id, s)
			}
		}
	}
	return entries
}

// agreement reviews every message of a labelled file, logs each
// disagreement and a per-check table, and returns the overall share of
// labels the reviewer matched.
func agreement(t *testing.T, name string, entries []labelled) float64 {
	t.Helper()
	r := review.New()
	type tally struct{ agree, total int }
	per := make(map[string]*tally)
	for _, id := range review.CheckIDs {
		per[id] = &tally{}
	}
	var all tally
	for _, e := range entries {
		res := r.Review(e.input())
		got := make(map[string]review.Check)
		for _, c := range res.Checks {
			got[c.ID] = c
		}
		for _, id := range review.CheckIDs {
			want, ok := e.Want[id]
			if !ok {
				continue
			}
			per[id].total++
			all.total++
			if c := got[id]; string(c.Status) == want {
				per[id].agree++
				all.agree++
			} else {
				t.Logf("%s %q: Review(%q) check %s = %s, want %s (message %q, evidence %q)",
					name, e.Name, abbreviate(e.Message), id, c.Status, want, c.Message, c.Evidence)
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d messages\n%-20s %8s %7s\n", name, len(entries), "check", "agree", "share")
	for _, id := range review.CheckIDs {
		tl := per[id]
		fmt.Fprintf(&b, "%-20s %4d/%-3d %6.1f%%\n", id, tl.agree, tl.total, 100*float64(tl.agree)/float64(max(tl.total, 1)))
	}
	share := float64(all.agree) / float64(max(all.total, 1))
	fmt.Fprintf(&b, "%-20s %4d/%-3d %6.1f%%", "overall", all.agree, all.total, 100*share)
	t.Log("\n" + b.String())
	return share
}

func abbreviate(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}

// TestCorpus measures agreement with the labelled corpus the rules were
// developed against.
func TestCorpus(t *testing.T) {
	entries := loadLabelled(t, "corpus.yaml")
	if len(entries) < 80 {
		t.Errorf("corpus has %d messages, want at least 80", len(entries))
	}
	channels := make(map[review.Channel]int)
	for _, e := range entries {
		channels[e.Channel]++
	}
	for _, c := range review.Channels {
		if channels[c] == 0 {
			t.Errorf("corpus has no %s message", c)
		}
	}
	if share := agreement(t, "corpus.yaml", entries); share < minAgreement {
		t.Errorf("corpus agreement = %.1f%%, want at least %.0f%%", 100*share, 100*minAgreement)
	}
}

// TestHoldout measures agreement with messages written after the rules were
// finished, as a check that they generalise.
func TestHoldout(t *testing.T) {
	entries := loadLabelled(t, "holdout.yaml")
	if len(entries) < 25 {
		t.Errorf("holdout has %d messages, want at least 25", len(entries))
	}
	if share := agreement(t, "holdout.yaml", entries); share < minAgreement {
		t.Errorf("holdout agreement = %.1f%%, want at least %.0f%%", 100*share, 100*minAgreement)
	}
}
