package gen

import (
	"bytes"
	"go/parser"
	"go/token"
	"testing"

	"github.com/dospec/dospec/internal/fuzzspec"
	"github.com/dospec/dospec/internal/testenv"
)

// FuzzGen builds the model of fuzzed multi-file specs (txtar archives) and
// emits it: no panic; a spec the model accepts emits Go files that parse,
// the same bytes twice. (Compiling every input would cost seconds each:
// TestGenerateRealSpec and the golden package compile.)
//
//	go test -run '^$' -fuzz FuzzGen -fuzztime 10m ./gen/
func FuzzGen(f *testing.F) {
	testenv.FuzzSeeds(f)
	f.Fuzz(func(t *testing.T, archive []byte) {
		s, _, err := fuzzspec.Load(archive)
		if err != nil {
			return
		}
		m, err := Build(s, Options{Package: "fuzz"})
		if err != nil {
			return
		}
		out, err := Emit(m)
		if err != nil {
			// The model must be one the emitter takes: a refusal here is
			// a spec the builder let through and should have named.
			t.Fatalf("Emit refused a model Build made: %v", err)
		}
		m2, _ := Build(s, Options{Package: "fuzz"})
		again, err := Emit(m2)
		if err != nil || len(again) != len(out) {
			t.Fatalf("a second run differs: %v", err)
		}
		fset := token.NewFileSet()
		for i, f := range out {
			if f.Name != again[i].Name || !bytes.Equal(f.Content, again[i].Content) {
				t.Fatalf("%s differs between two runs", f.Name)
			}
			if _, err := parser.ParseFile(fset, f.Name, f.Content, parser.SkipObjectResolution); err != nil {
				t.Fatalf("%s does not parse: %v", f.Name, err)
			}
		}
	})
}
