package startheap

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"

	_ "github.com/dospec/dospec/internal/golden"
)

var sink [][]byte

// garbage allocates n bytes in 4 KiB pieces, as a parse does, keeping
// only the last few.
func garbage(n int) {
	for i := 0; i < n/4096; i++ {
		sink = append(sink, make([]byte, 4096))
		if len(sink) > 16 {
			sink = sink[:0]
		}
	}
}

// TestNoCollectionBelowStart: below the starting size nothing is
// collected; past it the collector runs, and from its first run on at the
// percent given, not at the starting one.
func TestNoCollectionBelowStart(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	runtime.GC()
	if !Set(128<<20, 150) {
		t.Fatal("Set(128 MiB, 150) = false")
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	garbage(64 << 20)
	runtime.ReadMemStats(&after)
	if n := after.NumGC - before.NumGC; n != 0 {
		t.Errorf("%d collections after 64 MiB of garbage, want none below the 128 MiB start", n)
	}
	garbage(256 << 20)
	runtime.ReadMemStats(&after)
	if after.NumGC == before.NumGC {
		t.Fatal("no collection after 320 MiB of garbage, want one past the start")
	}
	// The cleanup that restores the percent runs soon after that collection.
	deadline := time.Now().Add(5 * time.Second)
	for {
		p := debug.SetGCPercent(150)
		if p == 150 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("GC percent is %d after the first collection, want 150", p)
		}
		debug.SetGCPercent(p)
		time.Sleep(10 * time.Millisecond)
	}
}

func TestSetRefusesNonsense(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	if Set(0, 100) || Set(-1, 100) || Set(64<<20, -1) {
		t.Error("Set with a size <= 0 or a percent < 0 did something")
	}
	if p := debug.SetGCPercent(100); p != 100 {
		t.Errorf("GC percent %d after refused Sets, want 100 untouched", p)
	}
}
