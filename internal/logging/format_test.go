package logging

import (
	"math/rand/v2"
	"strconv"
	"testing"
	"time"
)

func TestAppendTimeIsRFC3339Nano(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	zones := []*time.Location{time.UTC, time.Local, time.FixedZone("", 5*3600+1800), time.FixedZone("", -7*3600), time.FixedZone("", 45*60)}
	base := time.Date(2026, 11, 27, 14, 0, 0, 0, time.UTC).UnixNano()
	times := []time.Time{
		time.Unix(0, 0), time.Unix(1, 0), time.Unix(1, 1), time.Unix(1, 100), time.Unix(1, 999999999),
		time.Date(9999, 12, 31, 23, 59, 59, 5e8, time.UTC), time.Date(10000, 1, 1, 0, 0, 0, 1, time.UTC), time.Date(-5, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	for range 20000 {
		// Runs of times within a second, and jumps, as the cache meets them.
		ns := base + rng.Int64N(int64(3*time.Second))
		if rng.IntN(4) == 0 {
			ns = rng.Int64()
		}
		if rng.IntN(3) == 0 {
			ns -= ns % 1000 // trailing zeros in the fraction
		}
		times = append(times, time.Unix(0, ns))
	}
	for i, tm := range times {
		tm = tm.In(zones[i%len(zones)])
		want := tm.AppendFormat([]byte("x"), time.RFC3339Nano)
		if got := appendTime([]byte("x"), tm); string(got) != string(want) {
			t.Fatalf("appendTime(%v) = %s, want %s", tm, got, want)
		}
	}
}

func TestAppendQuotedIsAppendQuote(t *testing.T) {
	for _, s := range []string{"", "GET", "/templates/:id", "0123456789abcdef0123456789abcdef", "a\"b", "a\\b", "tab\t", "é", "\x7f", "\xff", "line\n"} {
		if got, want := string(appendQuoted([]byte("x"), s)), string(strconv.AppendQuote([]byte("x"), s)); got != want {
			t.Errorf("appendQuoted(%q) = %s, want %s", s, got, want)
		}
	}
}
