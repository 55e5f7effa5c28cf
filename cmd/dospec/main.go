// Command dospec bundles, lints, generates Go clients from and diffs
// multi-file OpenAPI specs.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"

	"github.com/dospec/dospec/internal/hugeheap"
)

// heapReserve is how much heap may come from huge pages: ten times what
// bundling, linting or diffing the DigitalOcean spec allocates, so a spec
// ten times its size still runs in linear time (with 128 MiB, the 10x
// synthetic spec took 2.4x longer per copy), capped by hugeheap.Budget at
// half the memory the machine or container has. It is address space until
// touched.
const heapReserve = 1 << 30

// gcPercent is the garbage collector's target unless GOGC says otherwise.
// A run is short and its live heap is mostly the parsed spec, which every
// collection marks again: collecting at 4x the live heap rather than 2x
// cut lint's CPU by about a fifth on the DigitalOcean and GitHub specs for
// 10-30 MB more peak memory (README, Speed).
const gcPercent = 300

// gcTarget is the GC percent to set: gcPercent, or none (-1) when GOGC is
// set, which the runtime has applied already.
func gcTarget(getenv func(string) string) int {
	if getenv("GOGC") != "" {
		return -1
	}
	return gcPercent
}

func main() {
	if p := gcTarget(os.Getenv); p >= 0 {
		debug.SetGCPercent(p)
	}
	hugeheap.Reserve(hugeheap.Budget(heapReserve))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
