package library_test

import (
	"testing"

	"github.com/declinekit/declinekit/internal/gcheap"
	"github.com/declinekit/declinekit/service/library"
)

// maxScannableLibrary bounds the heap, in bytes, that the garbage collector
// has to scan for a loaded library: the objects that hold pointers. A
// library takes about 35 KiB; compiled texts holding strings and slices
// of their own would take ten times that.
const maxScannableLibrary = 64 << 10

// TestLoadScannableHeap checks that a library adds little to the heap the
// garbage collector scans on every cycle for as long as the service runs.
// (The first Load also fills caches that live as long as the process, such
// as the YAML decoder's; gcheap.Added leaves them out.)
func TestLoadScannableHeap(t *testing.T) {
	added, ok, err := gcheap.Added(3, func() (any, error) { return library.Load() })
	if err != nil {
		t.Fatal(err)
	}
	if !ok {
		t.Skip("the runtime does not report /gc/scan/heap:bytes")
	}
	t.Logf("library.Load() adds %d bytes of scannable heap", added)
	if added > maxScannableLibrary {
		t.Errorf("library.Load() adds %d bytes of scannable heap, want at most %d", added, maxScannableLibrary)
	}
}
