// Command dospec bundles, lints, generates Go clients from and diffs
// multi-file OpenAPI specs.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"

	"github.com/dospec/dospec/internal/hugeheap"
)

// heapReserve is how much heap may come from huge pages: ten times what
// bundling, linting or diffing the DigitalOcean spec allocates, so a spec
// ten times its size still runs in linear time (with 128 MiB, the 10x
// synthetic spec took 2.4x longer per copy), capped by hugeheap.Budget at
// half the memory the machine or container has. It is address space until
// touched.
const heapReserve = 1 << 30

// gcPercent is lint's garbage-collector target unless GOGC says otherwise.
// A lint run is short and its live heap is mostly the parsed spec, which
// every collection marks again: collecting at 4x the live heap rather than
// 2x cut lint's CPU by about a fifth on the DigitalOcean and GitHub specs
// for 10-30 MB more peak memory (README, Speed). bundle, diff and gen gained
// little and gen's memory doubled, so they keep Go's default.
const gcPercent = 300

// gcTarget is the GC percent to set for the command line args: gcPercent
// for lint, none (-1) for the other commands or when GOGC is set, which
// the runtime has applied already.
func gcTarget(getenv func(string) string, args []string) int {
	if getenv("GOGC") != "" {
		return -1
	}
	for _, a := range args {
		if strings.HasPrefix(a, "-") {
			continue // dospec has no flags before the command that take a value
		}
		if a == "lint" {
			return gcPercent
		}
		return -1
	}
	return -1
}

func main() {
	if p := gcTarget(os.Getenv, os.Args[1:]); p >= 0 {
		debug.SetGCPercent(p)
	}
	hugeheap.Reserve(hugeheap.Budget(heapReserve))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
