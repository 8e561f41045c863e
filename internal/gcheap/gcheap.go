// Package gcheap measures the heap the garbage collector scans: the bytes
// of the objects that hold pointers, which it reads in every cycle. Tests
// use it to bound what long-lived data (a compiled lexicon, the template
// library, a server's prepared answers) costs each collection.
package gcheap

import (
	"math"
	"runtime"
	"runtime/metrics"
)

// Scannable returns the bytes of scannable heap after two full
// collections: the metric is of the last completed cycle, and the second
// cycle no longer counts what the first freed. ok is false when the runtime
// does not report the metric.
func Scannable() (bytes uint64, ok bool) {
	runtime.GC()
	runtime.GC()
	s := []metrics.Sample{{Name: "/gc/scan/heap:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0, false
	}
	return s[0].Value.Uint64(), true
}

// Added returns the scannable heap that what build makes holds while it is
// kept. build runs once first, so that caches it fills for the life of the
// process are not counted, then runs more times; what the runtime
// allocates meanwhile only adds to a measurement, so the least is taken.
// ok is false when the runtime does not report the metric.
func Added(runs int, build func() (any, error)) (added int64, ok bool, err error) {
	if _, err := build(); err != nil {
		return 0, false, err
	}
	if _, ok := Scannable(); !ok {
		return 0, false, nil
	}
	added = math.MaxInt64
	for range max(runs, 1) {
		before, _ := Scannable()
		v, err := build()
		if err != nil {
			return 0, false, err
		}
		after, _ := Scannable()
		runtime.KeepAlive(v)
		added = min(added, int64(after)-int64(before))
	}
	return added, true, nil
}
