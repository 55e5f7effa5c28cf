package lint

import (
	"context"
	"testing"

	"github.com/dospec/dospec/internal/testenv"
	"github.com/dospec/dospec/spec"
)

// BenchmarkLintDO is the whole job on the real spec: load, index, every rule.
func BenchmarkLintDO(b *testing.B) {
	root := testenv.DORoot(b)
	for b.Loop() {
		s, err := spec.Load(context.Background(), root, spec.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Run(s, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRulesDO is the rules alone, on a spec loaded once.
func BenchmarkRulesDO(b *testing.B) {
	s, err := spec.Load(context.Background(), testenv.DORoot(b), spec.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Run(s, nil); err != nil {
			b.Fatal(err)
		}
	}
}
