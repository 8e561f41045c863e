package api

import (
	"testing"

	"github.com/declinekit/declinekit/service/library"
)

func TestFilterIndex(t *testing.T) {
	n := len(filterChannels) * len(filterReasons) * len(filterTones) * len(filterLangs)
	seen := make([]bool, n)
	for _, c := range filterChannels {
		for _, r := range filterReasons {
			for _, tn := range filterTones {
				for _, l := range filterLangs {
					f := library.Filter{Channel: c, Reason: r, Tone: tn, Lang: l}
					i, ok := filterIndex(f)
					if !ok || i < 0 || i >= n || seen[i] {
						t.Fatalf("filterIndex(%+v) = %d, %v: want a new index below %d", f, i, ok, n)
					}
					seen[i] = true
				}
			}
		}
	}
	for _, f := range []library.Filter{{Channel: "fax"}, {Reason: "bored"}, {Tone: "rude"}, {Lang: "xx"}} {
		if _, ok := filterIndex(f); ok {
			t.Errorf("filterIndex(%+v) is ok, want not", f)
		}
	}
}
