package config

import "runtime/debug"

// DefaultGCPercent is the collector's GOGC unless the environment sets one.
// The service's live heap is small (about 4 MB) and its garbage is short
// lived, so Go's default of 100 starts a collection after every few MB of
// answers: dozens a second under load, each of which slows the requests it
// overlaps. 150 makes a third fewer of them for a couple of MB more heap.
const DefaultGCPercent = 150

// TuneGC sets the collector's target to DefaultGCPercent when GOGC is not
// set; an operator's GOGC, including "off", is left as the runtime read it.
func TuneGC(getenv func(string) string) {
	if getenv("GOGC") == "" {
		debug.SetGCPercent(DefaultGCPercent)
	}
}
