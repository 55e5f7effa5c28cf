package lint

import (
	"bytes"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestCheapReferencesSameVerdicts: the 3.0 schema with its "X or
// Reference" oneOfs rewritten validates every value as the schema as
// published does (a Reference at each kind's place, an X, neither, both),
// and no two-branch oneOf with a Reference is left.
func TestCheapReferencesSameVerdicts(t *testing.T) {
	data, err := oasSchemaFiles.ReadFile("oasschema/oas-3.0.json")
	if err != nil {
		t.Fatal(err)
	}
	compile := func(rewrite bool) (*jsonschema.Schema, any) {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if rewrite {
			cheapReferences(doc)
		}
		c := jsonschema.NewCompiler()
		if err := c.AddResource("urn:t", doc); err != nil {
			t.Fatal(err)
		}
		s, err := c.Compile("urn:t#/definitions/Components")
		if err != nil {
			t.Fatal(err)
		}
		return s, doc
	}
	published, _ := compile(false)
	rewritten, doc := compile(true)
	if n := oneOfsWithReference(doc); n != 0 {
		t.Errorf("%d oneOfs with a Reference left", n)
	}
	values := []string{
		`{"schemas": {"A": {"type": "string"}}}`,
		`{"schemas": {"A": {"$ref": "#/components/schemas/B"}}}`,
		`{"schemas": {"A": {"$ref": "#/x", "type": "string"}}}`, // neither: a Schema has no $ref
		`{"schemas": {"A": {"$ref": 7}}}`,
		`{"schemas": {"A": {"type": "string", "bogus": 1}}}`,
		`{"schemas": {"A": {"properties": {"b": {"$ref": "b.yaml"}, "c": {"items": {"type": 3}}}}}}`,
		`{"parameters": {"p": {"name": "id", "in": "query"}}}`,
		`{"parameters": {"p": {"$ref": "#/components/parameters/q"}}}`,
		`{"parameters": {"p": {"name": "id"}}}`,
		`{"responses": {"r": {"description": "ok", "headers": {"h": {"$ref": "#/h"}}}}}`,
		`{"responses": {"r": {"headers": {"h": {"schema": {"type": "string"}}}}}}`,
		`{"examples": {"e": {"value": 1, "$ref": "#/e"}}}`,
		`{"securitySchemes": {"s": {"type": "http", "scheme": "bearer"}}}`,
		`{"securitySchemes": {"s": {"$ref": "#/s"}}}`,
		`{"responses": {"r": {"$ref": "#/r"}}}`,
		`{"requestBodies": {"b": {"$ref": "#/b"}}}`,
		`{"requestBodies": {"b": {"content": {}, "$ref": "#/b"}}}`,
		`{"links": {"l": {"$ref": "#/l"}}}`,
		`{"links": {"l": {"operationId": "x"}}}`,
		`{"callbacks": {"c": {"$ref": "#/c"}}}`,
		`{"callbacks": {"c": {"{$url}": {"post": {"responses": {"200": {"description": "ok"}}}}}}}`,
		`{"headers": {"h": {"$ref": "#/h"}}}`,
		`{"examples": {"e": {"$ref": "#/e"}}}`,
	}
	for _, v := range values {
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(v))
		if err != nil {
			t.Fatal(err)
		}
		want := published.Validate(inst) == nil
		if got := rewritten.Validate(inst) == nil; got != want {
			t.Errorf("%s: valid=%v with the rewrite, %v as published", v, got, want)
		}
	}
}

func oneOfsWithReference(v any) int {
	n := 0
	switch v := v.(type) {
	case map[string]any:
		if list, ok := v["oneOf"].([]any); ok && len(list) == 2 {
			for _, b := range list {
				if m, ok := b.(map[string]any); ok && m["$ref"] == "#/definitions/Reference" {
					n++
				}
			}
		}
		for _, x := range v {
			n += oneOfsWithReference(x)
		}
	case []any:
		for _, x := range v {
			n += oneOfsWithReference(x)
		}
	}
	return n
}
