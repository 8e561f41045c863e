package api

import (
	"io"
	"log/slog"
	"testing"

	"github.com/declinekit/declinekit/internal/config"
)

// BenchmarkNewServer measures start-up: loading and checking the embedded
// content and encoding every precomputed answer.
func BenchmarkNewServer(b *testing.B) {
	log := slog.New(slog.NewJSONHandler(io.Discard, nil))
	for b.Loop() {
		if _, err := NewServer(config.Default(), log); err != nil {
			b.Fatal(err)
		}
	}
}
