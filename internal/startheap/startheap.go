// Package startheap holds off garbage collection until a short-lived
// process's heap reaches a starting size.
//
// A dospec command allocates its working set within a fraction of a second
// and exits. Go's collector starts at a 4 MiB heap and collects each time
// the heap doubles, so a run that ends at 150 MB marks its growing live
// data five or six times on the way, work the exit would have made
// unnecessary: a tenth to a fifth of bundle's, diff's and lint's CPU on
// the DigitalOcean spec. The Go compiler does the same for the same reason
// (cmd/compile's starting heap).
package startheap

import (
	"runtime"
	"runtime/debug"
)

// minHeap is the Go collector's first heap goal at GOGC=100.
const minHeap = 4 << 20

// Set holds off the collector until the heap holds size bytes (no more
// than half the memory the machine or container has), and from the first
// collection on runs it at percent (GOGC's meaning). A process that stays
// below size never collects; one that grows past it collects as it would
// have with GOGC=percent from that point. It reports whether it did
// anything: not for size <= 0 or percent < 0.
//
// Set overrides GOGC from the environment (the caller decides whether it
// should win); a memory limit (GOMEMLIMIT) still applies.
func Set(size int64, percent int) bool {
	if size <= 0 || percent < 0 {
		return false
	}
	size = capped(size)
	// The collector's first goal is its minimum heap, 4 MiB scaled by
	// GOGC/100 (runtime.gcControllerState.heapMinimum), so a GOGC of
	// size/4MiB*100 makes the first goal size. A memory limit would count
	// memory the process has freed but not returned, and fire at once.
	debug.SetGCPercent(int(max(size/minHeap*100, 100)))
	// The first collection finds the sentinel unreachable; its cleanup
	// then sets percent, so a heap that grows past size is collected as
	// GOGC=percent would, not at size/4MiB*100.
	sentinel := new([64]byte)
	runtime.AddCleanup(sentinel, func(p int) {
		debug.SetGCPercent(p)
	}, percent)
	return true
}
