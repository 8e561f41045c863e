package api

import (
	"testing"

	"github.com/declinekit/declinekit/internal/config"
	"github.com/declinekit/declinekit/internal/logging"
)

// BenchmarkNewServer measures start-up: loading and checking the embedded
// content and encoding every precomputed answer.
func BenchmarkNewServer(b *testing.B) {
	log := logging.Discard()
	for b.Loop() {
		if _, err := NewServer(config.Default(), log); err != nil {
			b.Fatal(err)
		}
	}
}
