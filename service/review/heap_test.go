package review

import (
	"runtime"
	"testing"

	"github.com/declinekit/declinekit/internal/gcheap"
)

// maxLexiconHeap bounds the live heap of the compiled lexicon, which holds
// about 0.5 MB. Held as a plain trie it took nearly 11 MB, a third of the
// server's 32 MiB budget, and no other test would notice it growing back.
const maxLexiconHeap = 1_500_000

// TestLexiconHeap measures the live heap that compiling the embedded
// lexicon leaves behind. It compiles a lexicon of its own rather than
// calling New, because New compiles once per process and the test binary
// has already called it.
func TestLexiconHeap(t *testing.T) {
	checkLexiconHeap(t, "loadLexicon(lexiconYAML)", func() (*lexicon, error) { return loadLexicon(lexiconYAML) })
}

// checkLexiconHeap fails when the lexicon that load builds holds more than
// maxLexiconHeap bytes of live heap.
func checkLexiconHeap(t *testing.T, name string, load func() (*lexicon, error)) {
	t.Helper()
	before := liveHeap()
	lx, err := load()
	if err != nil {
		t.Fatal(err)
	}
	after := liveHeap()
	runtime.KeepAlive(lx)
	held := int64(after) - int64(before)
	t.Logf("live heap %d bytes before, %d after: the lexicon holds %d", before, after, held)
	if held > maxLexiconHeap {
		t.Errorf("%s holds %d bytes of live heap, want at most %d", name, held, maxLexiconHeap)
	}
}

// liveHeap returns the bytes of live heap after a full collection.
func liveHeap() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// maxLexiconScan bounds the scannable heap of the compiled lexicon: the
// bytes of its objects that hold pointers, which the garbage collector
// reads in every cycle, however little else has changed. The lexicon
// keeps its words, edges and strings in flat slices of pointer-free
// structs and in a few shared strings (see run), and holds about 2 kB of
// it; held as maps, pointers and a string per word, it took some 340 kB.
const maxLexiconScan = 5_000

// TestLexiconScanHeap measures the scannable heap that a lexicon holds,
// both decoded from lexicon.bin, as New makes it, and compiled from
// lexicon.yaml.
func TestLexiconScanHeap(t *testing.T) {
	for _, tc := range []struct {
		name string
		load func() (*lexicon, error)
	}{
		{"decodeLexicon(lexiconBin)", func() (*lexicon, error) { return decodeLexicon(lexiconBin) }},
		{"loadLexicon(lexiconYAML)", func() (*lexicon, error) { return loadLexicon(lexiconYAML) }},
	} {
		held, ok, err := gcheap.Added(3, func() (any, error) { return tc.load() })
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			t.Skip("the runtime does not report /gc/scan/heap:bytes")
		}
		t.Logf("%s: the lexicon holds %d bytes of scannable heap", tc.name, held)
		if held > maxLexiconScan {
			t.Errorf("%s holds %d bytes of scannable heap, want at most %d", tc.name, held, maxLexiconScan)
		}
	}
}
