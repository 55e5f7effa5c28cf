// Command dospec bundles, lints, generates Go clients from and diffs
// multi-file OpenAPI specs.
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/dospec/dospec/internal/hugeheap"
)

// heapReserve is about what bundling, linting or diffing the DigitalOcean
// spec allocates; a bigger spec simply grows past it with ordinary pages.
const heapReserve = 128 << 20

func main() {
	hugeheap.Reserve(heapReserve)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
