package bundler

import (
	"context"
	"io"
	"testing"

	"github.com/dospec/dospec/internal/testenv"
	"github.com/dospec/dospec/spec"
)

// BenchmarkBundleDO is the whole job on the real spec: load every file,
// compose, write YAML.
func BenchmarkBundleDO(b *testing.B) {
	root := testenv.DORoot(b)
	for b.Loop() {
		s, err := spec.Load(context.Background(), root, spec.Options{})
		if err != nil {
			b.Fatal(err)
		}
		res, err := Bundle(s, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := WriteYAML(io.Discard, res.Doc); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadDO(b *testing.B) {
	root := testenv.DORoot(b)
	for b.Loop() {
		if _, err := spec.Load(context.Background(), root, spec.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkComposeDO(b *testing.B) {
	s, err := spec.Load(context.Background(), testenv.DORoot(b), spec.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Bundle(s, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteYAMLDO(b *testing.B) {
	s, err := spec.Load(context.Background(), testenv.DORoot(b), spec.Options{})
	if err != nil {
		b.Fatal(err)
	}
	res, err := Bundle(s, Options{})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		WriteYAML(io.Discard, res.Doc)
	}
}

func BenchmarkWriteJSONDO(b *testing.B) {
	s, err := spec.Load(context.Background(), testenv.DORoot(b), spec.Options{})
	if err != nil {
		b.Fatal(err)
	}
	res, err := Bundle(s, Options{})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		WriteJSON(io.Discard, res.Doc)
	}
}
