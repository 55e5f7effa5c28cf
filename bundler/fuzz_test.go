package bundler

import (
	"bytes"
	"context"
	"testing"

	"github.com/dospec/dospec/internal/fuzzspec"
	"github.com/dospec/dospec/internal/testenv"
	"github.com/dospec/dospec/spec"
)

// FuzzBundle feeds multi-file specs (txtar archives) to the loader and the
// bundler. Whatever the input: no panic, every load error says where; a
// spec that loads bundles to the same bytes twice, in YAML and JSON, and
// the bundle loads again with no external file.
//
//	go test -run '^$' -fuzz FuzzBundle -fuzztime 10m ./bundler/
func FuzzBundle(f *testing.F) {
	testenv.FuzzSeeds(f)
	f.Fuzz(func(t *testing.T, archive []byte) {
		s, _, err := fuzzspec.Load(archive)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("a load error with no message")
			}
			return
		}
		res, err := Bundle(s, Options{})
		if err != nil {
			if err.Error() == "" {
				t.Fatal("a bundle error with no message")
			}
			return
		}
		var y1, y2, j1, j2 bytes.Buffer
		if err := WriteYAML(&y1, res.Doc); err != nil {
			t.Fatalf("WriteYAML: %v", err)
		}
		if err := WriteJSON(&j1, res.Doc); err != nil {
			t.Fatalf("WriteJSON: %v", err)
		}
		again, err := Bundle(s, Options{})
		if err != nil {
			t.Fatalf("second bundle of the same spec: %v", err)
		}
		WriteYAML(&y2, again.Doc)
		WriteJSON(&j2, again.Doc)
		if !bytes.Equal(y1.Bytes(), y2.Bytes()) || !bytes.Equal(j1.Bytes(), j2.Bytes()) {
			t.Fatal("two bundles of one spec differ")
		}
		for name, out := range map[string][]byte{"bundle.yaml": y1.Bytes(), "bundle.json": j1.Bytes()} {
			if _, err := spec.Load(context.Background(), name, spec.Options{Reader: testenv.MemReader{name: out}, Parallel: 1}); err != nil {
				t.Fatalf("the bundle does not load again: %v\n%s", err, out)
			}
		}
	})
}
