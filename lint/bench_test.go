package lint

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/dospec/dospec/internal/testenv"
	"github.com/dospec/dospec/lint/spectral"
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
		if _, err := Run(s, doConfig()); err != nil {
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
		if _, err := Run(s, doConfig()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSchemaRuleDO is oas3-schema alone on DO's spec.
func BenchmarkSchemaRuleDO(b *testing.B) {
	s, err := spec.Load(context.Background(), testenv.DORoot(b), spec.Options{})
	if err != nil {
		b.Fatal(err)
	}
	cfg := &Config{Rules: map[string]Severity{}}
	for _, id := range IDs() {
		cfg.Rules[id] = Off
	}
	cfg.Rules["oas3-schema"] = Error
	for b.Loop() {
		if _, err := Run(s, cfg); err != nil {
			b.Fatal(err)
		}
	}
}

// doConfig is DO's configuration: recommended and its house style.
func doConfig() *Config { return &Config{Extends: []string{Recommended, DigitalOcean}} }

// BenchmarkSpectralRulesetDO is what `dospec lint` does with DigitalOcean's
// own .spectral.yml (21 rules, five JavaScript functions, [spectral:oas,
// all]): load the ruleset, load the spec, lint. Issue 12's speed gate
// compares this with spectral 6.15 on the same input.
func BenchmarkSpectralRulesetDO(b *testing.B) {
	root := testenv.DORoot(b)
	ruleset := filepath.Join(testenv.Shared(b), "current", ".spectral.yml")
	for b.Loop() {
		rs, err := spectral.Load(ruleset)
		if err != nil {
			b.Fatal(err)
		}
		cfg := &Config{}
		if err := cfg.UseSpectral(rs); err != nil {
			b.Fatal(err)
		}
		s, err := spec.Load(context.Background(), root, spec.Options{KeepGoing: true})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Run(s, cfg); err != nil {
			b.Fatal(err)
		}
	}
}
