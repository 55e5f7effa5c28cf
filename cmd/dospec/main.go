// Command dospec bundles, lints, generates Go clients from and diffs
// multi-file OpenAPI specs.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"

	"github.com/dospec/dospec/internal/startheap"
)

// gcPercent is lint's garbage-collector target unless GOGC says otherwise.
// A lint run is short and its live heap is mostly the parsed spec, which
// every collection marks again: collecting at 4x the live heap rather than
// 2x cut lint's CPU by about a fifth on the DigitalOcean and GitHub specs
// for 10-30 MB more peak memory (README, Speed). bundle, diff and gen gained
// little and gen's memory doubled, so they keep Go's default.
const gcPercent = 300

// startHeap is how large the heap of lint, bundle and diff grows before
// their first collection (at most half the memory there is). A run on a
// spec the size of DigitalOcean's allocates less and never collects; a
// larger one collects as before from there on. On DO this took a fifth off
// lint's CPU with DO's spectral ruleset and a tenth to a sixth off bundle's
// and diff's, for 10-20 MB more peak memory. gen allocates several times
// this and gained nothing, so it starts at Go's 4 MiB.
const startHeap = 256 << 20

// gcPlan is how a command's collector runs: from a heap of start bytes
// (0: Go's default), then at percent (-1: leave the runtime's setting).
type gcPlan struct {
	start   int64
	percent int
}

// gcFor is the plan for the command line args. GOGC in the environment
// wins over both parts (the runtime has applied it already); GOMEMLIMIT
// still caps the heap, start included.
func gcFor(getenv func(string) string, args []string) gcPlan {
	if getenv("GOGC") != "" {
		return gcPlan{percent: -1}
	}
	for _, a := range args {
		if strings.HasPrefix(a, "-") {
			continue // dospec has no flags before the command that take a value
		}
		switch a {
		case "lint":
			return gcPlan{startHeap, gcPercent}
		case "bundle", "diff":
			return gcPlan{startHeap, 100}
		}
		break
	}
	return gcPlan{percent: -1}
}

func main() {
	if plan := gcFor(os.Getenv, os.Args[1:]); !startheap.Set(plan.start, plan.percent) && plan.percent >= 0 {
		debug.SetGCPercent(plan.percent)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
