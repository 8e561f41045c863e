package api_test

import (
	"testing"

	"github.com/declinekit/declinekit/api"
	"github.com/declinekit/declinekit/internal/config"
	"github.com/declinekit/declinekit/internal/gcheap"
	"github.com/declinekit/declinekit/internal/logging"
)

// maxScannableServer bounds the heap, in bytes, that the garbage collector
// scans for a server: the objects that hold pointers, which it reads in
// every cycle for as long as the server runs, and so the length of each
// cycle's mark phase under load. A server adds about 190 KiB; before the
// template library and the template lists were laid out without pointers,
// it added nearly 600 KiB. (The reviewer's lexicon, made once per process,
// has a test of its own.)
const maxScannableServer = 400 << 10

// TestServerScannableHeap checks that a server adds little to the heap the
// garbage collector scans.
func TestServerScannableHeap(t *testing.T) {
	cfg := config.Default()
	added, ok, err := gcheap.Added(3, func() (any, error) { return api.NewServer(cfg, logging.Discard()) })
	if err != nil {
		t.Fatal(err)
	}
	if !ok {
		t.Skip("the runtime does not report /gc/scan/heap:bytes")
	}
	t.Logf("NewServer adds %d bytes of scannable heap", added)
	if added > maxScannableServer {
		t.Errorf("NewServer adds %d bytes of scannable heap, want at most %d", added, maxScannableServer)
	}
}
