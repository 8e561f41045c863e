package review

import (
	"runtime"
	"testing"
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
