package spectral

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/dospec/dospec/internal/testenv"
	"github.com/dospec/dospec/spec"
)

// BenchmarkDORuleset runs DigitalOcean's own spectral ruleset (with its
// JavaScript functions) on its spec, loaded once.
func BenchmarkDORuleset(b *testing.B) {
	s, err := spec.Load(context.Background(), testenv.DORoot(b), spec.Options{})
	if err != nil {
		b.Fatal(err)
	}
	rs, err := Load(filepath.Join(testenv.Shared(b), "current", ".spectral.yml"))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, _, err := Run(s, rs); err != nil {
			b.Fatal(err)
		}
	}
}
