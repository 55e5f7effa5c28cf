package lint

import (
	"io"
	"testing"

	"github.com/dospec/dospec/internal/fuzzspec"
	"github.com/dospec/dospec/internal/testenv"
)

// FuzzLint runs every rule on fuzzed multi-file specs (txtar archives):
// no panic, every finding names a rule, a message and a place in a file
// of the spec, and every output format writes.
//
//	go test -run '^$' -fuzz FuzzLint -fuzztime 10m ./lint/
func FuzzLint(f *testing.F) {
	testenv.FuzzSeeds(f)
	f.Fuzz(func(t *testing.T, archive []byte) {
		s, _, err := fuzzspec.Load(archive)
		if err != nil {
			return
		}
		res, err := Run(s, nil)
		if err != nil {
			t.Fatalf("Run: %v", err)
		}
		for _, fd := range res.Findings {
			if fd.Rule == "" || fd.Message == "" {
				t.Fatalf("a finding without rule or message: %+v", fd)
			}
			if _, ok := s.Files[fd.Pos.File]; !ok || fd.Pos.Line < 1 {
				t.Fatalf("%s: %s (%s) is not at a line of a spec file", fd.Pos, fd.Message, fd.Rule)
			}
		}
		for _, format := range Formats {
			if err := Write(io.Discard, res, Output{Format: format}); err != nil {
				t.Fatalf("%s: %v", format, err)
			}
		}
	})
}
