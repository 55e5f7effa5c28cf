package diff

import (
	"io"
	"testing"

	"github.com/dospec/dospec/internal/fuzzspec"
	"github.com/dospec/dospec/internal/testenv"
)

// FuzzDiff compares fuzzed multi-file specs (txtar archives): a spec
// against itself has no change, and two specs compare without a panic
// and every output format writes.
//
//	go test -run '^$' -fuzz FuzzDiff -fuzztime 10m ./diff/
func FuzzDiff(f *testing.F) {
	seeds := testenv.SeedArchives(f)
	for i, s := range seeds {
		f.Add(s, seeds[(i+1)%len(seeds)])
	}
	f.Fuzz(func(t *testing.T, a, b []byte) {
		base, _, err := fuzzspec.Load(a)
		if err != nil {
			return
		}
		same, err := Compare(base, base, nil)
		if err != nil {
			t.Fatalf("Compare with itself: %v", err)
		}
		if len(same.Changes) > 0 {
			t.Fatalf("a spec differs from itself: %s %s", same.Changes[0].Check, same.Changes[0].Message)
		}
		head, _, err := fuzzspec.Load(b)
		if err != nil {
			return
		}
		res, err := Compare(base, head, nil)
		if err != nil {
			t.Fatalf("Compare: %v", err)
		}
		for _, format := range []string{"text", "markdown", "json", "github"} {
			if err := Write(io.Discard, res, Output{Format: format, MinLevel: Info}); err != nil {
				t.Fatalf("%s: %v", format, err)
			}
		}
	})
}
