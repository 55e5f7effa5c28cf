// Command dospec bundles, lints, generates Go clients from and diffs
// multi-file OpenAPI specs.
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/dospec/dospec/internal/hugeheap"
)

// heapReserve is how much heap may come from huge pages: ten times what
// bundling, linting or diffing the DigitalOcean spec allocates, so a spec
// ten times its size still runs in linear time (with 128 MiB, the 10x
// synthetic spec took 2.4x longer per copy), capped by hugeheap.Budget at
// half the memory the machine or container has. It is address space until
// touched.
const heapReserve = 1 << 30

func main() {
	hugeheap.Reserve(hugeheap.Budget(heapReserve))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
