// Package version holds the build's version and commit, set at link time:
//
//	go build -ldflags "-X github.com/declinekit/declinekit/internal/version.Version=1.2.3 \
//	  -X github.com/declinekit/declinekit/internal/version.Commit=abc1234" ./cmd/declinekit
package version

import (
	"runtime"
	"runtime/debug"
)

// Version is the release version; "dev" for a build without -ldflags.
var Version = "dev"

// Commit is the source commit; without -ldflags it falls back to the VCS
// revision Go stamped into the binary, or "unknown".
var Commit = ""

// Info describes the running build.
type Info struct {
	Version   string
	Commit    string
	GoVersion string
}

// Get returns the running build's Info.
func Get() Info {
	commit := Commit
	if commit == "" {
		commit = "unknown"
		if bi, ok := debug.ReadBuildInfo(); ok {
			for _, s := range bi.Settings {
				if s.Key == "vcs.revision" && s.Value != "" {
					commit = s.Value
				}
			}
		}
	}
	return Info{Version: Version, Commit: commit, GoVersion: runtime.Version()}
}
