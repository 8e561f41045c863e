package review

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"reflect"
	"testing"
)

var update = flag.Bool("update", false, "rewrite lexicon.bin from lexicon.yaml")

// TestLexiconBinIsCurrent fails when lexicon.bin is not what lexicon.yaml
// compiles to; with -update it rewrites lexicon.bin instead.
func TestLexiconBinIsCurrent(t *testing.T) {
	lx, err := loadLexicon(lexiconYAML)
	if err != nil {
		t.Fatal(err)
	}
	want := encodeLexicon(lx)
	if *update {
		if err := os.WriteFile("lexicon.bin", want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	// Compiling twice must give the same bytes, or lexicon.bin could never
	// be current.
	if again, err := loadLexicon(lexiconYAML); err != nil || !bytes.Equal(encodeLexicon(again), want) {
		t.Fatalf("two compilations of lexicon.yaml encode differently (err %v)", err)
	}
	if lexiconBin != string(want) {
		t.Fatalf("lexicon.bin (%d bytes) is not what lexicon.yaml compiles to (%d bytes): run\n\tgo test ./service/review -run TestLexiconBinIsCurrent -update",
			len(lexiconBin), len(want))
	}
}

// TestLexiconBinDecodes checks that decoding lexicon.bin gives, field for
// field, the lexicon that compiling lexicon.yaml gives.
func TestLexiconBinDecodes(t *testing.T) {
	want, err := loadLexicon(lexiconYAML)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeLexicon(string(encodeLexicon(want)))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Error("decodeLexicon(encodeLexicon(lx)) differs from lx")
	}
	if !reflect.DeepEqual(got.index, want.index) {
		t.Error("the word tables differ")
	}
	for i := range got.byID {
		if id := int32(i); got.word(id) != want.word(id) {
			t.Fatalf("word %d is %q, want %q", i, got.word(id), want.word(id))
		}
	}
}

// TestLexiconBinDamaged checks that a damaged lexicon.bin fails to decode
// rather than panicking or decoding to nonsense.
func TestLexiconBinDamaged(t *testing.T) {
	lx, err := loadLexicon(lexiconYAML)
	if err != nil {
		t.Fatal(err)
	}
	bin := encodeLexicon(lx)
	for _, n := range []int{0, 5, len(lexiconMagic), len(lexiconMagic) + 3, len(bin) / 2, len(bin) - 1} {
		if _, err := decodeLexicon(string(bin[:n])); !errors.Is(err, errBadLexicon) {
			t.Errorf("decodeLexicon(first %d of %d bytes) error = %v, want errBadLexicon", n, len(bin), err)
		}
	}
	if _, err := decodeLexicon(string(bin) + "\x00"); !errors.Is(err, errBadLexicon) {
		t.Errorf("decodeLexicon(with a byte more) error = %v, want errBadLexicon", err)
	}
	// Flipping bytes must give an error or a lexicon, never a panic.
	for i := len(lexiconMagic); i < len(bin); i += 61 {
		b := bytes.Clone(bin)
		b[i] ^= 0xff
		decodeLexicon(string(b))
	}
}

// TestLexiconBinHeap bounds the live heap of the lexicon New decodes, as
// TestLexiconHeap does for the compiled one.
func TestLexiconBinHeap(t *testing.T) {
	checkLexiconHeap(t, "decodeLexicon(lexiconBin)", func() (*lexicon, error) { return decodeLexicon(lexiconBin) })
}

func BenchmarkDecodeLexicon(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := decodeLexicon(lexiconBin); err != nil {
			b.Fatal(err)
		}
	}
}
