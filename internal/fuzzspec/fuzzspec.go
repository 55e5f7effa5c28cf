// Package fuzzspec loads fuzz inputs as specs, for the fuzz targets of
// bundler, lint, diff and gen. (It is apart from internal/testdata, which
// the spec package's own tests import.)
package fuzzspec

import (
	"context"

	"github.com/dospec/dospec/internal/testenv"
	"github.com/dospec/dospec/spec"
)

// Options are the loader's limits for fuzzing: small enough that an input
// cannot make one run slow.
var Options = spec.Options{MaxFileSize: 1 << 20, MaxAliasNodes: 10000, Parallel: 1}

// Load reads a fuzz input, a txtar archive, as a multi-file spec, from
// memory. It returns the archive's files too.
func Load(archive []byte) (*spec.Spec, testenv.MemReader, error) {
	root, files := testenv.Archive(archive)
	opt := Options
	opt.Reader = files
	s, err := spec.Load(context.Background(), root, opt)
	return s, files, err
}
