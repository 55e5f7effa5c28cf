package split_test

import (
	"context"
	"path/filepath"
	"testing"

	yaml "github.com/pb33f/go-yaml"

	"github.com/dospec/dospec/internal/testenv"
	"github.com/dospec/dospec/spec"
)

// get walks keys down from n.
func get(n *yaml.Node, keys ...string) *yaml.Node {
	for _, k := range keys {
		n = spec.Get(n, k)
	}
	return n
}

// TestRefAsData: a schema property named $ref and $ref keys inside example
// values are data; split copies them unchanged, and they are still data
// once the split spec is loaded (a $ref in an example that names a URL or
// a missing pointer is data; one that names a local pointer is followed).
func TestRefAsData(t *testing.T) {
	root := filepath.Join(testenv.ProjectRoot(), "testdata", "specs", "split", "refdata.yaml")
	s, err := spec.Load(context.Background(), root, spec.Options{})
	if err != nil {
		t.Fatalf("the loader refuses the fixture: %v", firstLine(err.Error()))
	}
	thing := get(s.Root.Doc, "components", "schemas", "Thing")
	data := []*yaml.Node{
		get(thing, "properties", "$ref"),
		get(thing, "example"),
		get(s.Root.Doc, "components", "examples", "one", "value"),
	}
	for _, n := range data {
		if s.Ref(n) != nil {
			t.Fatalf("the loader takes the $ref at line %d for a reference", n.Line)
		}
	}
	dir := t.TempDir()
	_, splitRoot := splitTo(t, root, dir)

	one, err := spec.Load(context.Background(), splitRoot, spec.Options{})
	if err != nil {
		t.Fatalf("the split spec does not load: %v", err)
	}
	thingFile := one.Files["components/schemas/Thing.yaml"]
	exFile := one.Files["components/examples/one.yaml"]
	if thingFile == nil || exFile == nil {
		t.Fatalf("missing component files; have %d files", len(one.Files))
	}
	checks := []struct {
		what string
		n    *yaml.Node
		want string // the $ref key's value, or its type for the property
	}{
		{"the property named $ref", get(thingFile.Doc, "properties", "$ref", "type"), "string"},
		{"the schema example's $ref key", get(thingFile.Doc, "example", "$ref"), "https://api.example.com/Users/1"},
		{"the example value's $ref key", get(exFile.Doc, "value", "$ref"), "#/no/such/pointer"},
	}
	for _, c := range checks {
		if c.n == nil {
			t.Errorf("%s: missing, want %q kept as data", c.what, c.want)
		} else if c.n.Value != c.want {
			t.Errorf("%s: got %q, want %q kept as data", c.what, c.n.Value, c.want)
		}
	}
	for _, n := range []*yaml.Node{get(thingFile.Doc, "properties", "$ref"), get(thingFile.Doc, "example"), get(exFile.Doc, "value")} {
		if n != nil && one.Ref(n) != nil {
			t.Errorf("line %d of the split spec is data but loads as a reference", n.Line)
		}
	}
	// The real reference beside them was rewritten.
	if r := one.Ref(get(thingFile.Doc, "properties", "other")); r == nil || r.Raw != "./Other.yaml" {
		t.Errorf("properties/other: %v, want a reference to ./Other.yaml", r)
	}
	if _, _, err := sameMeaning(bundled(t, root), bundled(t, splitRoot)); err != nil {
		t.Errorf("the split spec means something else: %v", err)
	}
}
