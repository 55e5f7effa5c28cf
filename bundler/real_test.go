package bundler

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/dospec/dospec/internal/testenv"
	"github.com/dospec/dospec/spec"
)

func loadDO(t testing.TB) *spec.Spec {
	t.Helper()
	s, err := spec.Load(context.Background(), testenv.DORoot(t), spec.Options{})
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	return s
}

func TestBundleRealSpec(t *testing.T) {
	s := loadDO(t)
	res, err := Bundle(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if errs := checkEquivalent(s, res.Doc, 20); len(errs) > 0 {
		t.Errorf("bundle differs from the source:\n%s", joinLines(errs))
	}
	var out bytes.Buffer
	if err := WriteYAML(&out, res.Doc); err != nil {
		t.Fatal(err)
	}
	if err := Validate(out.Bytes()); err != nil {
		t.Errorf("libopenapi: %v", err)
	}
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(out.Bytes())
	if err != nil {
		t.Fatalf("kin-openapi load: %v", err)
	}
	// DO ships one response example that matches two oneOf branches
	// (addons_app_info, see the shared README): a fact of the data, not of
	// the bundle, so examples are left to the lint job here.
	if err := doc.Validate(context.Background(), openapi3.DisableExamplesValidation()); err != nil {
		t.Errorf("kin-openapi validate: %v", err)
	}
	t.Logf("%d bytes, components %v, merged %d", out.Len(), res.Components, res.Merged)
}

// TestRealSpecCounts checks the bundle has exactly the source's paths,
// operations and operationIds, counted on the source through the loader.
func TestRealSpecCounts(t *testing.T) {
	s := loadDO(t)
	res, err := Bundle(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	srcOps, srcIDs := sourceOperations(t, s)
	outOps, outIDs := map[string]bool{}, map[string]bool{}
	paths := spec.Get(res.Doc, "paths")
	for i := 0; i+1 < len(paths.Content); i += 2 {
		item := paths.Content[i+1]
		for j := 0; j+1 < len(item.Content); j += 2 {
			if spec.OperationKeys[item.Content[j].Value] {
				outOps[item.Content[j].Value+" "+paths.Content[i].Value] = true
				if id := spec.Get(item.Content[j+1], "operationId"); id != nil {
					outIDs[id.Value] = true
				}
			}
		}
	}
	if len(srcOps) != len(outOps) || len(srcIDs) != len(outIDs) {
		t.Errorf("source has %d operations / %d operationIds, bundle %d / %d", len(srcOps), len(srcIDs), len(outOps), len(outIDs))
	}
	for op := range srcOps {
		if !outOps[op] {
			t.Errorf("operation %s missing from the bundle", op)
		}
	}
	for id := range srcIDs {
		if !outIDs[id] {
			t.Errorf("operationId %s missing from the bundle", id)
		}
	}
	t.Logf("%d paths, %d operations, %d operationIds", len(paths.Content)/2, len(outOps), len(outIDs))
	if len(outOps) < 600 {
		t.Errorf("only %d operations: the DigitalOcean spec has over 600", len(outOps))
	}
}

func sourceOperations(t *testing.T, s *spec.Spec) (ops, ids map[string]bool) {
	ops, ids = map[string]bool{}, map[string]bool{}
	paths := spec.Get(s.Root.Doc, "paths")
	for i := 0; i+1 < len(paths.Content); i += 2 {
		item, err := s.Deref(spec.Node{File: s.Root, Node: paths.Content[i+1]})
		if err != nil {
			t.Fatal(err)
		}
		for j := 0; j+1 < len(item.Content); j += 2 {
			m := item.Content[j].Value
			if !spec.OperationKeys[m] {
				continue
			}
			ops[m+" "+paths.Content[i].Value] = true
			op, err := s.Deref(spec.Node{File: item.File, Node: item.Content[j+1]})
			if err != nil {
				t.Fatal(err)
			}
			if id := spec.Get(op.Node, "operationId"); id != nil {
				ids[id.Value] = true
			}
		}
	}
	return ops, ids
}

// TestRealSpecDeterministic bundles twice from scratch, in both formats
// and both modes, and wants the same bytes; the JSON must parse.
func TestRealSpecDeterministic(t *testing.T) {
	for _, opt := range []Options{{}, {Dereference: true}} {
		for _, format := range []string{"yaml", "json"} {
			var outs [2][]byte
			for i := range outs {
				res, err := Bundle(loadDO(t), opt)
				if err != nil {
					t.Fatal(err)
				}
				var buf bytes.Buffer
				if format == "json" {
					err = WriteJSON(&buf, res.Doc)
				} else {
					err = WriteYAML(&buf, res.Doc)
				}
				if err != nil {
					t.Fatal(err)
				}
				outs[i] = buf.Bytes()
			}
			if !bytes.Equal(outs[0], outs[1]) {
				t.Errorf("dereference=%v %s: two runs differ", opt.Dereference, format)
			}
			if format == "json" && !json.Valid(outs[0]) {
				t.Errorf("dereference=%v: invalid JSON", opt.Dereference)
			}
		}
	}
}

// TestRealSpecDereference: everything inlined still means the source.
func TestRealSpecDereference(t *testing.T) {
	s := loadDO(t)
	res, err := Bundle(s, Options{Dereference: true})
	if err != nil {
		t.Fatal(err)
	}
	if errs := checkEquivalent(s, res.Doc, 20); len(errs) > 0 {
		t.Errorf("dereferenced bundle differs from the source:\n%s", joinLines(errs))
	}
	if err := CheckRefs(res.Doc); err != nil {
		t.Error(err)
	}
	t.Logf("%d cycles kept as refs, components %v", len(res.Cycles), res.Components)
}
