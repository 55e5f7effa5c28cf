package bundler

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	yaml "github.com/pb33f/go-yaml"

	"github.com/dospec/dospec/internal/golden"
	"github.com/dospec/dospec/internal/testenv"
	"github.com/dospec/dospec/spec"
)

func loadExample(t *testing.T) *spec.Spec {
	t.Helper()
	s, err := spec.Load(context.Background(), testenv.ExampleRoot(), spec.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func render(t *testing.T, doc *yaml.Node, format string) []byte {
	t.Helper()
	var buf bytes.Buffer
	var err error
	if format == "json" {
		err = WriteJSON(&buf, doc)
	} else {
		err = WriteYAML(&buf, doc)
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestExampleGolden bundles the example spec in every mode and compares
// with golden/bundle/. Each output must also mean what the source means,
// load in libopenapi and kin-openapi, and come out the same twice.
func TestExampleGolden(t *testing.T) {
	for _, tc := range []struct {
		name   string
		opt    Options
		format string
	}{
		{"example.yaml", Options{}, "yaml"},
		{"example.json", Options{}, "json"},
		{"example.dereferenced.yaml", Options{Dereference: true}, "yaml"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := loadExample(t)
			res, err := Bundle(s, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if errs := checkEquivalent(s, res.Doc, 20); len(errs) > 0 {
				t.Errorf("bundle differs from the source:\n%s", joinLines(errs))
			}
			out := render(t, res.Doc, tc.format)
			again, err := Bundle(loadExample(t), tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out, render(t, again.Doc, tc.format)) {
				t.Error("two runs gave different bytes")
			}
			if err := Validate(out); err != nil {
				t.Errorf("libopenapi: %v", err)
			}
			kin := openapi3.NewLoader()
			doc, err := kin.LoadFromData(out)
			if err != nil {
				t.Fatalf("kin-openapi load: %v", err)
			}
			if err := doc.Validate(context.Background()); err != nil {
				t.Errorf("kin-openapi validate: %v", err)
			}
			golden.Check(t, "bundle/"+tc.name, out)
		})
	}
}

// TestExampleComposition checks the composition rules on the example spec.
func TestExampleComposition(t *testing.T) {
	s := loadExample(t)
	res, err := Bundle(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc := res.Doc
	schemas := spec.Get(spec.Get(doc, "components"), "schemas")
	// Two different files named region.yml: two entries, the one whose path
	// sorts first keeps the plain name.
	droplets, volumes := spec.Get(schemas, "region"), spec.Get(schemas, "region_2")
	if droplets == nil || volumes == nil {
		t.Fatalf("want schemas region and region_2, have %v", keys(schemas))
	}
	if spec.Get(droplets, "type").Value != "object" || spec.Get(volumes, "type").Value != "string" {
		t.Errorf("region is not resources/droplets/models/region.yml or region_2 is not the volumes one")
	}
	// Two byte-identical files named tags.yml: one entry.
	if spec.Get(schemas, "tags") == nil || spec.Get(schemas, "tags_2") != nil {
		t.Errorf("identical tags.yml files were not merged: %v", keys(schemas))
	}
	if res.Merged < 1 {
		t.Errorf("Merged = %d, want at least 1", res.Merged)
	}
	// Tag and info descriptions written as $ref come through as text.
	intro := spec.Get(spec.Get(doc, "info"), "description")
	if intro == nil || intro.Kind != yaml.ScalarNode || len(intro.Value) < 40 {
		t.Errorf("info description not inlined: %#v", intro)
	}
	for _, tag := range spec.Get(doc, "tags").Content {
		d := spec.Get(tag, "description")
		if d == nil || d.Kind != yaml.ScalarNode || strings.TrimSpace(d.Value) == "" {
			t.Errorf("tag %s has no text description", spec.Get(tag, "name").Value)
		}
	}
	// properties: {$ref} becomes the properties it names.
	lb := spec.Get(schemas, "load_balancer_base")
	if lb == nil {
		t.Fatalf("no load_balancer_base schema: %v", keys(schemas))
	}
	out := render(t, doc, "yaml")
	if bytes.Contains(out, []byte("$ref: attributes")) || bytes.Contains(out, []byte(".yml")) && bytes.Contains(out, []byte("$ref: '../")) {
		t.Error("a file $ref survived")
	}
	if err := CheckRefs(doc); err != nil {
		t.Error(err)
	}
	// x-codeSamples are inlined.
	op := spec.Get(spec.Get(spec.Get(doc, "paths"), "/v2/droplets"), "get")
	samples := spec.Get(op, "x-codeSamples")
	if samples == nil || len(samples.Content) == 0 || spec.Get(samples.Content[0], "source") == nil {
		t.Errorf("x-codeSamples not inlined: %v", samples)
	}
	// The big integer keeps its digits, in YAML and JSON.
	for _, f := range []string{"yaml", "json"} {
		if !bytes.Contains(render(t, doc, f), []byte("18446744073709551615")) {
			t.Errorf("%s output lost 18446744073709551615", f)
		}
	}
}

func TestDereferenceReportsCycles(t *testing.T) {
	res, err := Bundle(loadExample(t), Options{Dereference: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Cycles) == 0 {
		t.Fatal("the recursive snapshot_node schema was not reported")
	}
	for _, c := range res.Cycles {
		if !strings.HasPrefix(c.Component, "#/components/schemas/") || c.Pos.Line == 0 {
			t.Errorf("cycle %+v: want a schema component and a source line", c)
		}
	}
	// Nothing but the cycles may stay a reference.
	refs := 0
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if spec.Get(n, "$ref") != nil {
			refs++
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(spec.Get(res.Doc, "paths"))
	if refs == 0 || refs > 2*len(res.Cycles)+2 {
		t.Errorf("%d refs left under paths for %d cycles", refs, len(res.Cycles))
	}
}

// TestCompositionCases runs the small txtar specs under
// testdata/specs/bundle: each names in its comment the document it must
// produce (the golden file) and is checked for meaning-preservation.
func TestCompositionCases(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(testenv.ProjectRoot(), "testdata", "specs", "bundle", "*.txtar"))
	if len(files) == 0 {
		t.Fatal("no cases under testdata/specs/bundle")
	}
	for _, f := range files {
		c := testenv.ExtractTxtar(t, f)
		t.Run(c.Name, func(t *testing.T) {
			s, err := spec.Load(context.Background(), c.Root, spec.Options{})
			if err != nil {
				t.Fatal(err)
			}
			res, err := Bundle(s, Options{Dereference: c.Meta["mode"] == "dereference"})
			if err != nil {
				t.Fatal(err)
			}
			if errs := checkEquivalent(s, res.Doc, 20); len(errs) > 0 {
				t.Errorf("bundle differs from the source:\n%s", joinLines(errs))
			}
			if err := CheckRefs(res.Doc); err != nil {
				t.Error(err)
			}
			golden.Check(t, "bundle/cases/"+c.Name+".yaml", render(t, res.Doc, "yaml"))
		})
	}
}

func keys(m *yaml.Node) []string {
	var out []string
	for i := 0; m != nil && i+1 < len(m.Content); i += 2 {
		out = append(out, m.Content[i].Value)
	}
	return out
}
