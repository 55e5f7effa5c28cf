package bundler

import (
	"context"
	"strings"
	"testing"

	yaml "github.com/pb33f/go-yaml"

	"github.com/dospec/dospec/internal/testenv"
	"github.com/dospec/dospec/spec"
)

const externalValues = `-- openapi.yaml --
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /pets:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              examples:
                json: {externalValue: examples/pet.json, summary: a pet}
                text: {externalValue: examples/pet.txt}
                remote: {externalValue: "https://example.com/pet.json"}
-- examples/pet.json --
{"name": "Rex", "id": 0127, "tags": ["a"]}
-- examples/pet.txt --
name=Rex
`

// TestInlineExternalValues: externalValue stays a URI by default; with
// InlineExternalValues a local file becomes the example's value (parsed
// when it is JSON or YAML) and a URL stays as it is.
func TestInlineExternalValues(t *testing.T) {
	examples := func(t *testing.T, archive string, opt Options) (*yaml.Node, error) {
		root, files := testenv.Archive([]byte(archive))
		s, err := spec.Load(context.Background(), root, spec.Options{Reader: files})
		if err != nil {
			t.Fatal(err)
		}
		res, err := Bundle(s, opt)
		if err != nil {
			return nil, err
		}
		media := spec.Get(spec.Get(spec.Get(spec.Get(spec.Get(spec.Get(spec.Get(res.Doc, "paths"), "/pets"), "get"), "responses"), "200"), "content"), "application/json")
		return spec.Get(media, "examples"), nil
	}
	ex, err := examples(t, externalValues, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if v := spec.Get(spec.Get(ex, "json"), "externalValue"); v == nil || v.Value != "examples/pet.json" {
		t.Errorf("by default externalValue must stay: %v", v)
	}
	ex, err = examples(t, externalValues, Options{InlineExternalValues: true})
	if err != nil {
		t.Fatal(err)
	}
	js := spec.Get(ex, "json")
	if spec.Get(js, "externalValue") != nil || spec.Get(js, "summary") == nil {
		t.Errorf("json example: %v", keys(js))
	}
	if id := spec.Get(spec.Get(js, "value"), "id"); id == nil || id.Value != "127" || id.ShortTag() != "!!int" {
		t.Errorf("json example's id: %+v, want the integer 127", id)
	}
	if v := spec.Get(spec.Get(ex, "text"), "value"); v == nil || v.Value != "name=Rex\n" {
		t.Errorf("text example: %+v", v)
	}
	if v := spec.Get(spec.Get(ex, "remote"), "externalValue"); v == nil {
		t.Error("a URL must stay an externalValue")
	}
	_, err = examples(t, strings.Replace(externalValues, "examples/pet.txt}", "examples/gone.txt}", 1), Options{InlineExternalValues: true})
	if err == nil || !strings.Contains(err.Error(), "openapi.yaml:13:39:") || !strings.Contains(err.Error(), "examples/gone.txt: no such file") {
		t.Errorf("a missing file: %v", err)
	}
}
