package library_test

import (
	"runtime"
	"runtime/metrics"
	"testing"

	"github.com/declinekit/declinekit/service/library"
)

// maxScannableLibrary bounds the heap, in bytes, that the garbage collector
// has to scan for a loaded library: the objects that hold pointers. A
// library takes about 35 KiB; compiled texts holding strings and slices
// of their own would take ten times that.
const maxScannableLibrary = 64 << 10

// scannableHeap returns the size of the heap the garbage collector scans,
// after two full collections have settled it.
func scannableHeap() uint64 {
	runtime.GC()
	runtime.GC()
	s := []metrics.Sample{{Name: "/gc/scan/heap:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

// TestLoadScannableHeap checks that a library adds little to the heap the
// garbage collector scans on every cycle for as long as the service runs.
func TestLoadScannableHeap(t *testing.T) {
	// The first Load also fills caches that live as long as the process,
	// such as the YAML decoder's; the second measures the library alone.
	if _, err := library.Load(); err != nil {
		t.Fatal(err)
	}
	before := scannableHeap()
	if before == 0 {
		t.Skip("the runtime does not report /gc/scan/heap:bytes")
	}
	lib, err := library.Load()
	if err != nil {
		t.Fatal(err)
	}
	after := scannableHeap()
	runtime.KeepAlive(lib)

	added := int64(after) - int64(before)
	t.Logf("library.Load() adds %d bytes of scannable heap", added)
	if added > maxScannableLibrary {
		t.Errorf("library.Load() adds %d bytes of scannable heap, want at most %d", added, maxScannableLibrary)
	}
}
