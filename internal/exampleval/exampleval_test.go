package exampleval

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dospec/dospec/spec"
)

// vcase is one schema and value. The schema under test is
// components/schemas/S of a small root; the value is the root's x-value.
type vcase struct {
	name    string
	v31     bool              // write openapi: 3.1.0 instead of 3.0.3
	schemas string            // YAML under components/schemas
	value   string            // YAML of the example value
	files   map[string]string // more files beside the root
	dir     Direction
	max     int
	path    string // Path of the first problem
	msg     string // substring of its Msg; "" when the value is valid
	n       int    // how many problems (0: 1 when msg is set)
	file    string // file of the first problem (default openapi.yaml)
}

// pets are oneOf branches a discriminator must choose between: without
// it, {kind: Dog, meow: true} would pass as a Cat.
const pets = `
Cat:
  type: object
  required: [kind, meow]
  properties: {kind: {type: string}, meow: {type: boolean}}
Dog:
  type: object
  required: [kind, bark]
  properties: {kind: {type: string}, bark: {type: boolean}}
`

var dogFile = map[string]string{"models/dog.yml": "type: object\nrequired: [kind, bark]\nproperties: {kind: {type: string}, bark: {type: boolean}}\n"}

var cases = []vcase{
	// type, read off the YAML tag
	{name: "string ok", schemas: `S: {type: string}`, value: `abc`},
	{name: "string got int", schemas: `S: {type: string}`, value: `123`, msg: `want string, got integer 123`},
	{name: "timestamp is a string", schemas: `S: {type: string}`, value: `2020-07-21T18:37:44Z`},
	{name: "integer ok", schemas: `S: {type: integer}`, value: `5`},
	{name: "integer got quoted", schemas: `S: {type: integer}`, value: `"5"`, msg: `want integer, got string "5"`},
	{name: "integer got float", schemas: `S: {type: integer}`, value: `1.5`, msg: `want integer, got number 1.5`},
	{name: "integer got 1.0 in 3.0", schemas: `S: {type: integer}`, value: `1.0`, msg: `want integer, got number 1.0`},
	{name: "integer 1.0 in 3.1", v31: true, schemas: `S: {type: integer}`, value: `1.0`},
	{name: "big integer", schemas: `S: {type: integer, minimum: 0}`, value: `18446744073709551615`},
	{name: "number takes integer", schemas: `S: {type: number}`, value: `3`},
	{name: "number ok", schemas: `S: {type: number}`, value: `-.5`},
	{name: "number got bool", schemas: `S: {type: number}`, value: `true`, msg: `want number, got boolean true`},
	{name: "boolean ok", schemas: `S: {type: boolean}`, value: `false`},
	{name: "boolean got yes", schemas: `S: {type: boolean}`, value: `yes`, msg: `want boolean, got string "yes"`},
	{name: "array ok", schemas: `S: {type: array}`, value: `[1]`},
	{name: "array got object", schemas: `S: {type: array}`, value: `{a: 1}`, msg: `want array, got object`},
	{name: "object ok", schemas: `S: {type: object}`, value: `{a: 1}`},
	{name: "object got array", schemas: `S: {type: object}`, value: `[1]`, msg: `want object, got array`},
	{name: "null type ok", v31: true, schemas: `S: {type: "null"}`, value: `null`},
	{name: "null type got 0", v31: true, schemas: `S: {type: "null"}`, value: `0`, msg: `want null, got integer 0`},
	{name: "3.0 null needs nullable", schemas: `S: {type: string}`, value: `null`, msg: `want string, got null`},
	{name: "3.0 nullable", schemas: `S: {type: string, nullable: true}`, value: `~`},
	{name: "3.0 no type takes null", schemas: `S: {properties: {a: {type: string}}}`, value: `null`},
	{name: "3.1 ignores nullable", v31: true, schemas: `S: {type: string, nullable: true}`, value: `null`, msg: `want string, got null`},
	{name: "3.1 type list ok", v31: true, schemas: `S: {type: [string, "null"]}`, value: `null`},
	{name: "3.1 type list bad", v31: true, schemas: `S: {type: [string, "null"]}`, value: `5`, msg: `want string or null, got integer 5`},
	{name: "type under a property", schemas: `S: {type: object, properties: {id: {type: integer}}}`, value: `{id: abc}`,
		path: "/id", msg: `"id": want integer, got string "abc"`},

	// enum and const
	{name: "enum ok", schemas: `S: {properties: {size: {type: string, enum: [s-1vcpu-1gb, s-2vcpu-2gb]}}}`, value: `{size: s-2vcpu-2gb}`},
	{name: "enum bad", schemas: `S: {properties: {size: {type: string, enum: [s-1vcpu-1gb, s-2vcpu-2gb]}}}`, value: `{size: s-9}`,
		path: "/size", msg: `"size": "s-9" is not one of [s-1vcpu-1gb, s-2vcpu-2gb]`},
	{name: "enum compares type", schemas: `S: {enum: [1, 2]}`, value: `"1"`, msg: `"1" is not one of [1, 2]`},
	{name: "enum compares numbers by value", schemas: `S: {enum: [1, 2]}`, value: `2.0`},
	{name: "enum of objects ok", schemas: `S: {enum: [{a: 1, b: [x]}]}`, value: `{b: [x], a: 1}`},
	{name: "enum of objects bad", schemas: `S: {enum: [{a: 1, b: [x]}]}`, value: `{b: [y], a: 1}`, msg: `an object is not one of [{…}]`},
	{name: "nullable admits null beside enum", schemas: `S: {type: string, nullable: true, enum: [a, b]}`, value: `null`},
	{name: "nullable enum still checks strings", schemas: `S: {type: string, nullable: true, enum: [a, b]}`, value: `c`, msg: `"c" is not one of [a, b]`},
	{name: "const ok", v31: true, schemas: `S: {const: abc}`, value: `abc`},
	{name: "const bad", v31: true, schemas: `S: {const: abc}`, value: `abd`, msg: `want "abc", got "abd"`},

	// objects
	{name: "required ok", schemas: `S: {required: [name], properties: {name: {type: string}}}`, value: `{name: x}`},
	{name: "required missing", schemas: `S: {required: [name], properties: {name: {type: string}}}`, value: `{}`, msg: `missing required property "name"`},
	{name: "required nested", schemas: `S: {properties: {droplet: {required: [name]}}}`, value: `{droplet: {id: 1}}`,
		path: "/droplet", msg: `"droplet": missing required property "name"`},
	{name: "readOnly not required in requests", schemas: `S: {required: [id], properties: {id: {type: integer, readOnly: true}}}`, value: `{}`, dir: Request},
	{name: "readOnly required in responses", schemas: `S: {required: [id], properties: {id: {type: integer, readOnly: true}}}`, value: `{}`, dir: Response,
		msg: `missing required property "id"`},
	{name: "readOnly through $ref", schemas: "S: {required: [id], properties: {id: {$ref: '#/components/schemas/ID'}}}\nID: {type: integer, readOnly: true}", value: `{}`, dir: Request},
	{name: "writeOnly not required in responses", schemas: `S: {required: [password], properties: {password: {type: string, writeOnly: true}}}`, value: `{}`, dir: Response},
	{name: "writeOnly required in requests", schemas: `S: {required: [password], properties: {password: {type: string, writeOnly: true}}}`, value: `{}`, dir: Request,
		msg: `missing required property "password"`},
	{name: "additionalProperties false ok", schemas: `S: {properties: {a: {}}, additionalProperties: false}`, value: `{a: 1}`},
	{name: "additionalProperties false", schemas: `S: {properties: {a: {}}, additionalProperties: false}`, value: `{a: 1, b: 2}`,
		path: "/b", msg: `unexpected property "b" (additionalProperties is false)`},
	{name: "additionalProperties schema ok", schemas: `S: {additionalProperties: {type: integer}}`, value: `{x: 1}`},
	{name: "additionalProperties schema", schemas: `S: {additionalProperties: {type: integer}}`, value: `{"a/b": "1"}`,
		path: "/a~1b", msg: `"a/b": want integer, got string "1"`},
	{name: "patternProperties ok", schemas: `S: {patternProperties: {"^x-": {type: string}}, additionalProperties: false}`, value: `{x-a: s}`},
	{name: "patternProperties bad", schemas: `S: {patternProperties: {"^x-": {type: string}}, additionalProperties: false}`, value: `{x-a: 1}`,
		path: "/x-a", msg: `want string, got integer 1`},
	{name: "patternProperties is not additional", schemas: `S: {patternProperties: {"^x-": {type: string}}, additionalProperties: false}`, value: `{y: 1}`,
		path: "/y", msg: `unexpected property "y"`},
	{name: "properties written as a $ref", schemas: `S: {properties: {$ref: 'attrs.yml'}}`, value: `{a: 1}`,
		files: map[string]string{"attrs.yml": "a: {type: string}\n"}, path: "/a", msg: `"a": want string, got integer 1`},

	// arrays
	{name: "items ok", schemas: `S: {type: array, items: {type: integer}}`, value: `[1, 2]`},
	{name: "items bad", schemas: `S: {type: array, items: {type: integer}}`, value: `[1, a]`, path: "/1", msg: `[1]: want integer, got string "a"`},
	{name: "items under a property", schemas: `S: {properties: {tags: {items: {type: string}}}}`, value: `{tags: [a, 1]}`,
		path: "/tags/1", msg: `"tags"[1]: want string, got integer 1`},
	{name: "prefixItems ok", v31: true, schemas: `S: {prefixItems: [{type: string}, {type: integer}], items: false}`, value: `[a, 1]`},
	{name: "prefixItems bad", v31: true, schemas: `S: {prefixItems: [{type: string}, {type: integer}], items: false}`, value: `[a, b]`,
		path: "/1", msg: `want integer, got string "b"`},
	{name: "items false after prefixItems", v31: true, schemas: `S: {prefixItems: [{type: string}, {type: integer}], items: false}`, value: `[a, 1, 2]`,
		path: "/2", msg: `no value is allowed here`},
	{name: "minItems ok", schemas: `S: {minItems: 2}`, value: `[1, 2]`},
	{name: "minItems bad", schemas: `S: {minItems: 2}`, value: `[1]`, msg: `want at least 2 items, got 1`},
	{name: "maxItems ok", schemas: `S: {maxItems: 1}`, value: `[1]`},
	{name: "maxItems bad", schemas: `S: {maxItems: 1}`, value: `[1, 2]`, msg: `want at most 1 item, got 2`},
	{name: "uniqueItems ok", schemas: `S: {uniqueItems: true}`, value: `[1, "1", {a: 1}, {a: 2}]`},
	{name: "uniqueItems bad", schemas: `S: {uniqueItems: true}`, value: `[1, 2, 1.0]`, path: "/2", msg: `[2]: equals item 0`},
	{name: "uniqueItems objects", schemas: `S: {uniqueItems: true}`, value: `[{a: 1, b: 2}, {b: 2, a: 1}]`, path: "/1", msg: `equals item 0`},

	// strings
	{name: "maxLength counts runes", schemas: `S: {maxLength: 3}`, value: `héé`},
	{name: "maxLength bad", schemas: `S: {maxLength: 3}`, value: `héél`, msg: `want at most 3 characters, got 4`},
	{name: "minLength ok", schemas: `S: {minLength: 3}`, value: `abc`},
	{name: "minLength bad", schemas: `S: {minLength: 3}`, value: `ab`, msg: `want at least 3 characters, got 2`},
	{name: "pattern ok", schemas: `S: {pattern: '^[a-z]+$'}`, value: `abc`},
	{name: "pattern bad", schemas: `S: {pattern: '^[a-z]+$'}`, value: `ab1`, msg: `"ab1" does not match the pattern ^[a-z]+$`},
	{name: "pattern RE2 cannot read is skipped", schemas: `S: {pattern: '^(?!x).*$'}`, value: `xyz`},

	// numbers
	{name: "minimum ok", schemas: `S: {minimum: 1}`, value: `1`},
	{name: "minimum bad", schemas: `S: {minimum: 1}`, value: `0`, msg: `want >= 1, got 0`},
	{name: "maximum ok", schemas: `S: {maximum: 0.3}`, value: `0.3`},
	{name: "maximum bad", schemas: `S: {maximum: 18446744073709551614}`, value: `18446744073709551615`, msg: `want <= 18446744073709551614, got 18446744073709551615`},
	{name: "3.0 exclusiveMinimum ok", schemas: `S: {minimum: 1, exclusiveMinimum: true}`, value: `1.5`},
	{name: "3.0 exclusiveMinimum bad", schemas: `S: {minimum: 1, exclusiveMinimum: true}`, value: `1`, msg: `want > 1, got 1`},
	{name: "3.0 exclusiveMaximum bad", schemas: `S: {maximum: 10, exclusiveMaximum: true}`, value: `10`, msg: `want < 10, got 10`},
	{name: "3.0 exclusiveMaximum false", schemas: `S: {maximum: 10, exclusiveMaximum: false}`, value: `10`},
	{name: "3.1 exclusiveMinimum ok", v31: true, schemas: `S: {exclusiveMinimum: 0}`, value: `0.5`},
	{name: "3.1 exclusiveMinimum bad", v31: true, schemas: `S: {exclusiveMinimum: 0}`, value: `0`, msg: `want > 0, got 0`},
	{name: "3.1 exclusiveMaximum bad", v31: true, schemas: `S: {exclusiveMaximum: 1.5}`, value: `1.5`, msg: `want < 1.5, got 1.5`},
	{name: "multipleOf ok", schemas: `S: {multipleOf: 5}`, value: `10`},
	{name: "multipleOf bad", schemas: `S: {multipleOf: 5}`, value: `7`, msg: `want a multiple of 5, got 7`},
	{name: "multipleOf decimal ok", schemas: `S: {multipleOf: 0.01}`, value: `19.99`},
	{name: "multipleOf decimal bad", schemas: `S: {multipleOf: 0.01}`, value: `19.999`, msg: `want a multiple of 0.01, got 19.999`},

	// composition
	{name: "allOf ok", schemas: `S: {allOf: [{type: object, required: [a]}, {required: [b]}]}`, value: `{a: 1, b: 2}`},
	{name: "allOf bad", schemas: `S: {allOf: [{type: object, required: [a]}, {required: [b]}]}`, value: `{a: 1}`, msg: `missing required property "b"`},
	{name: "anyOf ok", schemas: `S: {anyOf: [{type: string}, {type: integer}]}`, value: `1`},
	{name: "anyOf bad", schemas: `S: {anyOf: [{type: string}, {type: integer}]}`, value: `true`, msg: `want string, got boolean true`},
	{name: "anyOf gives the closest branch", schemas: `S: {anyOf: [{required: [a, b, c]}, {required: [x]}]}`, value: `{}`, msg: `missing required property "x" (closest of 2 anyOf branches: #1)`},
	{name: "oneOf ok", schemas: `S: {oneOf: [{type: string}, {type: integer}]}`, value: `1`},
	{name: "oneOf none", schemas: `S: {oneOf: [{type: string, maxLength: 1}, {type: integer}]}`, value: `abc`, msg: `want at most 1 character, got 3 (closest of 2 oneOf branches: #0)`},
	{name: "oneOf several", schemas: `S: {oneOf: [{title: short, type: string}, {type: string, maxLength: 5}]}`, value: `abc`,
		msg: `matches 2 of the oneOf branches ("short", #1), want exactly one`},
	{name: "discriminator by schema name ok", schemas: "S: {oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}], discriminator: {propertyName: kind}}" + pets,
		value: `{kind: Cat, meow: true}`},
	{name: "discriminator by schema name picks the branch", schemas: "S: {oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}], discriminator: {propertyName: kind}}" + pets,
		value: `{kind: Dog, meow: true}`, msg: `missing required property "bark"`},
	{name: "discriminator bare mapping", schemas: "S: {oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}], discriminator: {propertyName: kind, mapping: {cat: Cat, dog: Dog}}}" + pets,
		value: `{kind: dog, meow: true}`, msg: `missing required property "bark"`},
	{name: "discriminator file mapping ok", schemas: "S: {oneOf: [{$ref: 'models/dog.yml'}], discriminator: {propertyName: kind, mapping: {woof: 'models/dog.yml'}}}",
		files: dogFile, value: `{kind: woof, bark: true}`},
	{name: "discriminator file mapping", schemas: "S: {oneOf: [{$ref: 'models/dog.yml'}], discriminator: {propertyName: kind, mapping: {woof: 'models/dog.yml'}}}",
		files: dogFile, value: `{kind: woof}`, msg: `missing required property "bark"`},
	{name: "discriminator bare mapping to a file's name", schemas: "S: {oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: 'models/dog.yml'}], discriminator: {propertyName: kind, mapping: {woof: dog}}}" + pets,
		files: dogFile, value: `{kind: woof, meow: true}`, msg: `missing required property "bark"`},
	{name: "discriminator by file base name", schemas: "S: {oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: 'models/dog.yml'}], discriminator: {propertyName: kind}}" + pets,
		files: dogFile, value: `{kind: dog, meow: true}`, msg: `missing required property "bark"`},
	{name: "discriminator value names nothing", schemas: "S: {oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}], discriminator: {propertyName: kind}}" + pets,
		value: `{kind: Bird}`, path: "/kind", msg: `"kind": "Bird" names none of the oneOf branches (want one of [Cat, Dog])`},
	{name: "not ok", schemas: `S: {not: {type: string}}`, value: `1`},
	{name: "not bad", schemas: `S: {not: {type: string}}`, value: `a`, msg: `must not match the schema under "not"`},

	// formats
	{name: "date-time ok", schemas: `S: {type: string, format: date-time}`, value: `2020-07-21T18:37:44.5+02:00`},
	{name: "date-time bad", schemas: `S: {type: string, format: date-time}`, value: `'2020-07-21 18:37:44'`, msg: `"2020-07-21 18:37:44" is not a valid date-time`},
	{name: "date ok", schemas: `S: {type: string, format: date}`, value: `2020-02-29`},
	{name: "date bad", schemas: `S: {type: string, format: date}`, value: `2021-02-29`, msg: `"2021-02-29" is not a valid date`},
	{name: "uuid ok", schemas: `S: {type: string, format: uuid}`, value: `78b3da62-27e5-49ba-ac70-5db0b5935c64`},
	{name: "uuid bad", schemas: `S: {type: string, format: uuid}`, value: `78b3da62-27e5-49ba-ac70`, msg: `is not a valid uuid`},
	{name: "ipv4 ok", schemas: `S: {type: string, format: ipv4}`, value: `192.168.0.1`},
	{name: "ipv4 bad", schemas: `S: {type: string, format: ipv4}`, value: `256.1.1.1`, msg: `"256.1.1.1" is not a valid ipv4`},
	{name: "ipv6 ok", schemas: `S: {type: string, format: ipv6}`, value: `2001:db8::1`},
	{name: "ipv6 bad", schemas: `S: {type: string, format: ipv6}`, value: `192.168.0.1`, msg: `is not a valid ipv6`},
	{name: "other formats ignored", schemas: `S: {type: string, format: email}`, value: `nope`},

	// schema forms and $refs
	{name: "true schema", v31: true, schemas: `S: true`, value: `{a: [1]}`},
	{name: "empty schema", schemas: `S: {}`, value: `[null]`},
	{name: "false schema", v31: true, schemas: `S: false`, value: `1`, msg: `no value is allowed here`},
	{name: "unknown keywords ignored", schemas: `S: {type: string, x-foo: 1, contentEncoding: base64, minContains: 3}`, value: `a`},
	{name: "3.0 ignores $ref siblings", schemas: "S: {$ref: '#/components/schemas/T', maxLength: 1}\nT: {type: string}", value: `abc`},
	{name: "3.1 applies $ref siblings", v31: true, schemas: "S: {$ref: '#/components/schemas/T', maxLength: 1}\nT: {type: string}", value: `abc`,
		msg: `want at most 1 character, got 3`},
	{name: "recursive schema", schemas: "S: {type: object, properties: {name: {type: string}, children: {type: array, items: {$ref: '#/components/schemas/S'}}}}",
		value: `{name: a, children: [{name: b, children: [{name: 5}]}]}`, path: "/children/0/children/0/name", msg: `"name": want string, got integer 5`},
	{name: "schema that loops on itself", schemas: "S: {allOf: [{$ref: '#/components/schemas/S'}], anyOf: [{$ref: '#/components/schemas/S'}]}", value: `1`},
	{name: "schema in another file", schemas: `S: {$ref: 'models/droplet.yml'}`,
		files: map[string]string{
			"models/droplet.yml": "type: object\nproperties:\n  size:\n    $ref: 'size.yml'\n",
			"models/size.yml":    "type: string\n",
		},
		value: `{size: 3}`, path: "/size", msg: `"size": want string, got integer 3`},
	{name: "value with a $ref to an examples file", schemas: "S: {properties: {droplet: {properties: {id: {type: integer}}}}}",
		files: map[string]string{"examples.yml": "droplet:\n  name: a\n  id: abc\n"},
		value: `{droplet: {$ref: 'examples.yml#/droplet'}}`, path: "/droplet/id", msg: `"id": want integer, got string "abc"`, file: "examples.yml"},
	{name: "MaxProblems", schemas: `S: {additionalProperties: {type: string}}`, value: `{a: 1, b: 1, c: 1}`, max: 2,
		path: "/a", msg: `"a": want string, got integer 1`, n: 2},
}

// indent puts every line of s n spaces in.
func indent(s string, n int) string {
	pad := strings.Repeat(" ", n)
	lines := strings.Split(strings.Trim(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = pad + l
	}
	return strings.Join(lines, "\n") + "\n"
}

// loadCase writes the case's root and files to a new folder and loads it.
func loadCase(t *testing.T, c vcase) (*spec.Spec, spec.Node, spec.Node) {
	t.Helper()
	dir := t.TempDir()
	version := "3.0.3"
	if c.v31 {
		version = "3.1.0"
	}
	root := "openapi: " + version + "\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n" +
		indent(c.schemas, 4) + "x-value:\n" + indent(c.value, 2)
	files := map[string]string{"openapi.yaml": root}
	for name, src := range c.files {
		files[name] = src
	}
	for name, src := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s, err := spec.Load(context.Background(), filepath.Join(dir, "openapi.yaml"), spec.Options{})
	if err != nil {
		t.Fatalf("load:\n%s\n%v", root, err)
	}
	sch := spec.Get(spec.Get(spec.Get(s.Root.Doc, "components"), "schemas"), "S")
	val := spec.Get(s.Root.Doc, "x-value")
	if sch == nil || val == nil {
		t.Fatalf("no schema S or x-value in:\n%s", root)
	}
	return s, spec.Node{File: s.Root, Node: sch}, spec.Node{File: s.Root, Node: val}
}

func TestValidate(t *testing.T) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, sch, val := loadCase(t, c)
			ps := Validate(s, sch, val, Options{Direction: c.dir, MaxProblems: c.max})
			if c.msg == "" {
				for _, p := range ps {
					t.Errorf("unexpected problem at %q: %s", p.Path, p)
				}
				return
			}
			want := c.n
			if want == 0 {
				want = 1
			}
			if len(ps) != want {
				t.Fatalf("got %d problems, want %d: %v", len(ps), want, ps)
			}
			p := ps[0]
			if p.Path != c.path {
				t.Errorf("path %q, want %q (%s)", p.Path, c.path, p.Msg)
			}
			if !strings.Contains(p.Msg, c.msg) {
				t.Errorf("message %q does not contain %q", p.Msg, c.msg)
			}
			file := c.file
			if file == "" {
				file = "openapi.yaml"
			}
			if pos := p.Pos(); pos.File != file || pos.Line < 1 || pos.Col < 1 {
				t.Errorf("position %v, want a line and column in %s", pos, file)
			}
		})
	}
}

// TestProblemPointsAtTheValue checks that a problem's node is the faulty
// value, at the line and column where it is written.
func TestProblemPointsAtTheValue(t *testing.T) {
	c := vcase{schemas: "S: {properties: {droplet: {properties: {id: {type: integer}}}}}",
		files: map[string]string{"examples.yml": "droplet:\n  name: a\n  id: abc\n"},
		value: `{droplet: {$ref: 'examples.yml#/droplet'}}`}
	s, sch, val := loadCase(t, c)
	ps := Validate(s, sch, val, Options{})
	if len(ps) != 1 {
		t.Fatalf("got %v", ps)
	}
	if got := ps[0].String(); got != `examples.yml:3:7: "id": want integer, got string "abc"` {
		t.Errorf("got %s", got)
	}
}
