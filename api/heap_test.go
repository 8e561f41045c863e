package api_test

import (
	"runtime"
	"runtime/metrics"
	"testing"

	"github.com/declinekit/declinekit/api"
	"github.com/declinekit/declinekit/internal/config"
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

// TestServerScannableHeap checks that a server adds little to the heap the
// garbage collector scans.
func TestServerScannableHeap(t *testing.T) {
	cfg := config.Default()
	// The first server also fills what lives as long as the process (the
	// compiled lexicon, decoders' caches); the second measures a server.
	first, err := api.NewServer(cfg, logging.Discard())
	if err != nil {
		t.Fatal(err)
	}
	before := scannableHeap()
	if before == 0 {
		t.Skip("the runtime does not report /gc/scan/heap:bytes")
	}
	s, err := api.NewServer(cfg, logging.Discard())
	if err != nil {
		t.Fatal(err)
	}
	after := scannableHeap()
	runtime.KeepAlive(first)
	runtime.KeepAlive(s)

	added := int64(after) - int64(before)
	t.Logf("NewServer adds %d bytes of scannable heap", added)
	if added > maxScannableServer {
		t.Errorf("NewServer adds %d bytes of scannable heap, want at most %d", added, maxScannableServer)
	}
}
