package gen

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/dospec/dospec/internal/golden"
	"github.com/dospec/dospec/internal/testenv"
	"github.com/dospec/dospec/spec"
)

// TestExampleGolden generates the client of the example spec into
// golden/gen/example, a package of this module: go build ./... and go vet
// ./... compile and vet the golden output itself.
func TestExampleGolden(t *testing.T) {
	s, err := spec.Load(context.Background(), testenv.ExampleRoot(), spec.Options{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := Build(s, Options{Package: "example", Source: "testdata/specs/example/openapi.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	files, err := Emit(m)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		names = append(names, f.Name)
		golden.Check(t, "gen/example/"+f.Name, f.Content)
	}
	// No stale file left in the golden package.
	entries, _ := os.ReadDir(golden.Path("gen/example"))
	sort.Strings(names)
	for _, e := range entries {
		i := sort.SearchStrings(names, e.Name())
		if i == len(names) || names[i] != e.Name() {
			if golden.Updating() {
				os.Remove(filepath.Join(golden.Path("gen/example"), e.Name()))
				continue
			}
			t.Errorf("golden/gen/example/%s is not generated any more", e.Name())
		}
	}
}
