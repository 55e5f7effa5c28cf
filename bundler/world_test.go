package bundler

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/dospec/dospec/internal/testenv"
	"github.com/dospec/dospec/spec"
)

// TestWorldSpecs bundles every public spec of the world corpus (GitHub,
// OpenAI, Telegram, ogen's feature specs…): each loads (Swagger 2.0 gets
// its refusal), bundles to the same meaning (every key, item and scalar,
// refs followed), writes the same bytes twice, loads again to the same
// bytes, and validates with libopenapi and kin-openapi.
func TestWorldSpecs(t *testing.T) {
	dir := testenv.World(t)
	for _, name := range testenv.WorldSpecs(t) {
		t.Run(name, func(t *testing.T) {
			root := filepath.Join(dir, filepath.FromSlash(name))
			s, err := spec.Load(context.Background(), root, spec.Options{})
			if errors.Is(err, spec.ErrUnsupported) {
				t.Skipf("refused as it should be: %v", err)
			}
			if err != nil {
				t.Fatalf("load: %v", err)
			}
			first := bundleBytes(t, s)
			if again := bundleBytes(t, s); !bytes.Equal(first, again) {
				t.Fatal("two bundles of one spec differ")
			}
			res, err := Bundle(s, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if errs := checkEquivalent(s, res.Doc, 10); len(errs) > 0 {
				t.Errorf("bundle differs from the source:\n%s", joinLines(errs))
			}
			out := filepath.Join(t.TempDir(), "bundle.yaml")
			writeFile(t, out, first)
			s2, err := spec.Load(context.Background(), out, spec.Options{})
			if err != nil {
				t.Fatalf("the bundle does not load: %v", err)
			}
			if second := bundleBytes(t, s2); !bytes.Equal(first, second) {
				t.Error("bundling the bundle changes it")
			}
			if err := Validate(first); err != nil {
				t.Errorf("libopenapi: %v", err)
			}
			// kin-openapi is stricter than the spec in places (and some of
			// these specs break a rule): the bundle must validate wherever
			// the source does.
			if srcErr := kinValidate(func(l *openapi3.Loader) (*openapi3.T, error) { return l.LoadFromFile(root) }); srcErr == nil {
				if err := kinValidate(func(l *openapi3.Loader) (*openapi3.T, error) { return l.LoadFromData(first) }); err != nil {
					t.Errorf("kin-openapi: the source validates, the bundle does not: %v", err)
				}
			}
		})
	}
}

func kinValidate(load func(*openapi3.Loader) (*openapi3.T, error)) error {
	l := openapi3.NewLoader()
	l.IsExternalRefsAllowed = true
	doc, err := load(l)
	if err != nil {
		return err
	}
	return doc.Validate(context.Background(), openapi3.DisableExamplesValidation())
}

func writeFile(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func bundleBytes(t *testing.T, s *spec.Spec) []byte {
	t.Helper()
	res, err := Bundle(s, Options{})
	if err != nil {
		t.Fatalf("bundle: %v", err)
	}
	var buf bytes.Buffer
	if err := WriteYAML(&buf, res.Doc); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
