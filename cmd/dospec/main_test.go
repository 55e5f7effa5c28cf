package main

import (
	"os"
	"testing"

	"github.com/dospec/dospec/internal/testenv"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testenv.CleanupHistory()
	os.Exit(code)
}

// TestGCTarget: dospec collects at gcPercent unless GOGC is set, which
// then wins (GOGC=off included).
func TestGCTarget(t *testing.T) {
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == "GOGC" {
				return v
			}
			return ""
		}
	}
	for v, want := range map[string]int{"": gcPercent, "100": -1, "off": -1, "50": -1} {
		if got := gcTarget(env(v)); got != want {
			t.Errorf("GOGC=%q: got %d, want %d", v, got, want)
		}
	}
	if gcPercent <= 100 {
		t.Errorf("gcPercent %d is not above the runtime's default", gcPercent)
	}
}
