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

// TestGCFor: lint collects at gcPercent and bundle and diff at Go's
// default, all three from startHeap; GOGC in the environment wins
// (GOGC=off included); gen and the rest keep the runtime's settings.
func TestGCFor(t *testing.T) {
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == "GOGC" {
				return v
			}
			return ""
		}
	}
	keep := gcPlan{percent: -1}
	for _, c := range []struct {
		gogc string
		args []string
		want gcPlan
	}{
		{"", []string{"lint", "openapi.yaml"}, gcPlan{startHeap, gcPercent}},
		{"", []string{"--no-color", "lint"}, gcPlan{startHeap, gcPercent}},
		{"", []string{"bundle", "openapi.yaml"}, gcPlan{startHeap, 100}},
		{"", []string{"diff", "a.yaml", "b.yaml"}, gcPlan{startHeap, 100}},
		{"100", []string{"lint"}, keep},
		{"off", []string{"bundle"}, keep},
		{"", []string{"gen", "lint.yaml"}, keep},
		{"", []string{"help", "lint"}, keep},
		{"", nil, keep},
	} {
		if got := gcFor(env(c.gogc), c.args); got != c.want {
			t.Errorf("GOGC=%q %v: got %+v, want %+v", c.gogc, c.args, got, c.want)
		}
	}
	if gcPercent <= 100 {
		t.Errorf("gcPercent %d is not above the runtime's default", gcPercent)
	}
}
