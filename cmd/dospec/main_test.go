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

// TestGCTarget: lint collects at gcPercent unless GOGC is set, which then
// wins (GOGC=off included); the other commands keep Go's default.
func TestGCTarget(t *testing.T) {
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == "GOGC" {
				return v
			}
			return ""
		}
	}
	for _, c := range []struct {
		gogc string
		args []string
		want int
	}{
		{"", []string{"lint", "openapi.yaml"}, gcPercent},
		{"", []string{"--no-color", "lint"}, gcPercent},
		{"100", []string{"lint"}, -1},
		{"off", []string{"lint"}, -1},
		{"", []string{"gen", "lint.yaml"}, -1},
		{"", []string{"bundle", "openapi.yaml"}, -1},
		{"", nil, -1},
	} {
		if got := gcTarget(env(c.gogc), c.args); got != c.want {
			t.Errorf("GOGC=%q %v: got %d, want %d", c.gogc, c.args, got, c.want)
		}
	}
	if gcPercent <= 100 {
		t.Errorf("gcPercent %d is not above the runtime's default", gcPercent)
	}
}
