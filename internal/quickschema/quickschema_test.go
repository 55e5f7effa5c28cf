package quickschema

import (
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestKeywords: each keyword Check knows, on small schemas (draft-04,
// as the OpenAPI 3.0 schema), against the validator: where Check decides,
// it decides as the validator does.
func TestKeywords(t *testing.T) {
	cases := map[string][]string{
		`{"oneOf": [{"type": "string"}, {"minLength": 1}]}`:           {`"a"`, `""`, `5`},
		`{"anyOf": [{"type": "string"}, {"minimum": 2}]}`:             {`"a"`, `1`, `3`, `null`},
		`{"not": {"required": ["a"]}}`:                                {`{"a": 1}`, `{"b": 1}`, `[]`},
		`{"type": "integer", "minimum": 1, "exclusiveMinimum": true}`: {`1`, `2`, `1.5`, `2.0`, `"2"`},
		`{"type": ["string", "null"], "enum": ["a", null, 1]}`:        {`"a"`, `null`, `"b"`, `1`},
		`{"enum": [1, "1", {"a": [1]}]}`:                              {`1.0`, `"1"`, `{"a": [1]}`, `{"a": [2]}`, `true`},
		`{"uniqueItems": true}`:                                       {`[1, 1.0]`, `[{"a": 1}, {"a": 1}]`, `[{"a": 1}, {"a": 2}]`, `["x", "y", "x"]`, `[[1], [1, 2]]`},
		`{"properties": {"a": {"type": "string"}}, "patternProperties": {"^x-": {}}, "additionalProperties": false}`: {`{"a": "s", "x-y": 1}`, `{"a": 1}`, `{"b": 1}`, `{}`},
		`{"patternProperties": {"^x-": {"type": "string"}, "y-": {"type": "integer"}, "(?i)^z-": {"type": "boolean"}, "^\\$r": {"type": "null"}}, "additionalProperties": false}`: {
			`{"x-a": "s"}`, `{"x-a": 1}`, `{"ay-b": 1}`, `{"ay-b": "s"}`, `{"Z-a": true}`, `{"z-a": true}`, `{"Z-a": 1}`, `{"X-a": "s"}`, `{"bx-": "s"}`, `{"$ref": null}`, `{"$ref": 1}`},
		`{"additionalProperties": {"type": "boolean"}, "minProperties": 1, "maxProperties": 2}`: {`{}`, `{"a": true}`, `{"a": 1}`, `{"a": true, "b": false, "c": true}`},
		`{"items": [{"type": "string"}], "additionalItems": false, "minItems": 1}`:              {`["a"]`, `["a", "b"]`, `[1]`, `[]`},
		`{"items": {"pattern": "^[a-z]+$", "maxLength": 3}}`:                                    {`["ab", "cd"]`, `["abcd"]`, `["AB"]`, `[1]`},
		`{"allOf": [{"required": ["a"]}, {"properties": {"a": {"format": "uri-reference"}}}]}`:  {`{"a": "#/x"}`, `{"a": "http://[::1"}`, `{}`},
	}
	for schemaText, instances := range cases {
		c := jsonschema.NewCompiler()
		c.DefaultDraft(jsonschema.Draft4)
		doc, err := jsonschema.UnmarshalJSON(strings.NewReader(schemaText))
		if err != nil {
			t.Fatal(err)
		}
		if err := c.AddResource("urn:k", doc); err != nil {
			t.Fatal(err)
		}
		c.AssertFormat()
		sch, err := c.Compile("urn:k")
		if err != nil {
			t.Fatal(err)
		}
		for _, text := range instances {
			val, err := jsonschema.UnmarshalJSON(strings.NewReader(text))
			if err != nil {
				t.Fatal(err)
			}
			full, q := sch.Validate(val) == nil, Check(sch, val)
			if q == Valid && !full || q == Invalid && full {
				t.Errorf("%s on %s: quick %v, validator valid=%v", schemaText, text, q, full)
			}
			if q == Unsure {
				t.Errorf("%s on %s: quick is unsure", schemaText, text)
			}
		}
	}
}

// TestLiteralPrefix: only ^ and a plain literal is a prefix test.
func TestLiteralPrefix(t *testing.T) {
	for pattern, want := range map[string]string{
		"^x-": "x-", `^\$ref`: "$ref", "^/": "/",
		"x-": "", "^x-.*": "", "(?i)^x-": "", "^x-$": "", "^[x]-": "x-", "^x|y": "", "^(x-)": "",
	} {
		got, ok := literalPrefix(pattern)
		if ok != (want != "") || got != want {
			t.Errorf("literalPrefix(%q) = %q, %v; want %q", pattern, got, ok, want)
		}
	}
}
