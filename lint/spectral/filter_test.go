package spectral

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	yaml "github.com/pb33f/go-yaml"

	"github.com/dospec/dospec/spec"
)

// filterValues is a document with the values filters meet: schemas of
// each type, lists, numbers written as strings, nulls, booleans, keys
// that are Object.prototype names, non-ASCII text.
const filterValues = `openapi: 3.1.0
info: {title: "Ünïcode", version: "1", x-n: 0, x-e: "", x-t: true, x-f: false, x-null: null}
paths:
  /things/{thing_id}:
    get:
      parameters:
        - {name: thing_id, in: path, required: true, schema: {type: string}}
        - {name: id, in: query, schema: {type: integer, format: int64}}
        - {name: X-Rate, in: header, schema: {type: [string, "null"]}}
        - {name: userId, in: cookie}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: array
                items: {$ref: '#/components/schemas/Thing'}
              example: [1, "1", true, null]
        "404": {description: gone}
        "503": {description: busy}
components:
  schemas:
    Thing:
      type: object
      additionalProperties: false
      unevaluatedProperties: {type: string}
      properties:
        constructor: {type: string}
        toString: {type: string, example: "x"}
        count: {type: integer, default: 0, maximum: 10}
        ratio: {type: number, example: 1.5, enum: [1, 1.5, "2"]}
        tags: {type: array, items: {type: string}}
        weird: {type: ["array", "integer"], items: {}}
        empty: {}
        flag: {type: boolean, default: false}
        name: {type: string, example: "id", pattern: "^[a-z]+$"}
        "10": {type: string}
  securitySchemes:
    oauth: {type: oauth2, flows: {}}
    key: {type: apiKey, in: header, name: X-Key}
    jwt: {type: http, scheme: bearer, bearerFormat: JWT}
`

// filterExprs are filters from published rulesets (OWASP, API Stylebook,
// spectral's own) and edge cases of the JavaScript rules evaluated here.
var filterExprs = []string{
	`@ && @.type=="array"`, `@ && @.type == 'string'`, `@.in === 'header'`, `@ && @.in`,
	`@ && @.in && @.in.match(/query|path/)`, `@property.match(/^(4|5)/)`, `@property.match(/^(2|4)/)`,
	`@property === "name" && (@ === "id" || @.match(/(_id|Id|-id)$/))`,
	`@property !== 'properties' && @ && (@ && @.example !== void 0 || @.default !== void 0) && (@.enum || @.type || @.format || @.$ref || @.properties || @.items)`,
	`@ && @.type && @.type.constructor.name === "Array" && @.type.includes("array")`,
	`@ && @.schema && (@.example !== void 0 || @.examples)`,
	`@ && @.type=="object" && @.additionalProperties &&  @.additionalProperties!=true &&  @.additionalProperties!=false `,
	`@ && (@.bearerFormat=="jwt" || @.bearerFormat=="JWT")`, `@.schemaFormat === void 0`, `@property === '$ref'`,
	`@property == 10`, `@property === 10`, `@ == 1`, `@ == "1"`, `@ == true`, `@ == null`, `@ === null`, `@ != undefined`,
	`@ > 1`, `@ <= 1.5`, `@property < "m"`, `@.length > 2`, `@.length === 0`, `typeof @ === 'object'`, `typeof @ === "string"`,
	`!@`, `!@.type`, `@.type == "integer" || @.format == "int64"`, `@.constructor.name === 'Object'`,
	`@property.startsWith('x-')`, `@property.endsWith('Id')`, `@property.includes('_')`, `@.toString`,
	`@.constructor`, `@.hasOwnProperty('type')`, `@parentProperty === 'properties'`, `@parentProperty == 'schemas'`,
	`/^[A-Z]/.test(@property)`, `@.name.match(/^X-/i)`, `@.name.toLowerCase() === 'x-rate'`, `@.items[0]`,
	`@['type'] === 'object'`, `@.enum && @.enum.includes("2")`, `@.enum && @.enum.includes(2)`,
	`@.example == @.default`, `@ == @`, `@.match(/\d+/)`, `@.match(/a.b/)`, `@.title && @.title.length == 7`,
	`@path.includes('paths')`, `!@.nope.deeper`, `@.nope.deeper === undefined`, `@property.match(/(?=x)/)`, `@.type.foo.bar`, `@.x()`, `@ && @.in ? 1 : 0`, `@ != true`, `@ == "[object Object]"`, `@.type == "string,null"`, `@.enum == "1,1.5,2"`, `@ == "10"`, `@property == "1e1"`, `@ == " 1 "`, `@.maximum == "0x0A"`,
}

// TestNativeFiltersAgreeWithJavaScript evaluates every filter on every
// value of a document both here and in the JavaScript engine: wherever
// the native evaluation answers, the answers are the same.
func TestNativeFiltersAgreeWithJavaScript(t *testing.T) {
	dir := writeFiles(t, map[string]string{"openapi.yaml": filterValues})
	s, err := spec.Load(context.Background(), filepath.Join(dir, "openapi.yaml"), spec.Options{})
	if err != nil {
		t.Fatal(err)
	}
	native, answered := 0, 0
	for _, resolved := range []bool{false, true} {
		e := newEngine(s)
		e.resolved = resolved
		var all []*match
		var walk func(m *match)
		walk = func(m *match) {
			all = append(all, m)
			if m.depth > 12 || m.val.n == nil || m.val.n.Kind == yaml.ScalarNode {
				return
			}
			for _, c := range e.children(m.val) {
				walk(e.sub(m, c))
			}
		}
		walk(&match{val: e.deref(ref{s.Root, s.Root.Doc})})
		for _, expr := range filterExprs {
			x := compileFilter(expr)
			if x != nil {
				native++
			}
			for _, m := range all {
				if m.val.n == nil || m.val.n.Kind == yaml.ScalarNode {
					continue
				}
				for _, c := range e.children(m.val) {
					js, err := e.filterJS(expr, m, c)
					if err != nil {
						t.Fatalf("%s: %v", expr, err)
					}
					if x == nil {
						continue
					}
					got, ok := e.nativeFilter(x, m, c)
					if !ok {
						continue
					}
					answered++
					if got != js {
						t.Errorf("%s on %s (resolved %v): native %v, JavaScript %v", expr, pathString(append(m.path(), c.name)), resolved, got, js)
					}
				}
			}
		}
	}
	if native < len(filterExprs)*3/4 {
		t.Errorf("only %d of %d filters compile natively", native/2, len(filterExprs))
	}
	t.Logf("%d filters compiled natively (of %d); %d answers compared", native/2, len(filterExprs), answered)
}

// FuzzFilter: any filter text compiles and evaluates without a panic, and
// where it compiles natively, it answers as the JavaScript engine does on
// the values of a small document (or leaves the value to the engine).
// Loose equality is left out of the comparison: goja gets some of its
// conversions wrong (false != "0." is true there, false in V8, where
// spectral runs, and here); TestNativeFiltersAgreeWithJavaScript covers
// the cases where they agree.
func FuzzFilter(f *testing.F) {
	for _, expr := range filterExprs {
		f.Add(expr)
	}
	dir := f.TempDir()
	s, err := spec.Load(context.Background(), filepath.Join(writeFuzzDoc(f, dir), "openapi.yaml"), spec.Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, expr string) {
		x := compileFilter(expr)
		if x == nil {
			return
		}
		strict := strings.NewReplacer("===", "", "!==", "").Replace(expr)
		loose := strings.Contains(strict, "==") || strings.Contains(strict, "!=")
		e := newEngine(s)
		e.resolved = true
		root := &match{val: e.deref(ref{s.Root, s.Root.Doc})}
		var visit func(m *match, depth int)
		visit = func(m *match, depth int) {
			if depth > 6 || m.val.n == nil || m.val.n.Kind == yaml.ScalarNode {
				return
			}
			for _, c := range e.children(m.val) {
				got, ok := e.nativeFilter(x, m, c)
				if ok && !loose {
					js, err := e.filterJS(expr, m, c)
					if err == nil && js != got {
						t.Fatalf("%q on %s: native %v, JavaScript %v", expr, pathString(append(m.path(), c.name)), got, js)
					}
				}
				visit(e.sub(m, c), depth+1)
			}
		}
		visit(root, 0)
	})
}

func writeFuzzDoc(tb testing.TB, dir string) string {
	tb.Helper()
	if err := os.WriteFile(filepath.Join(dir, "openapi.yaml"), []byte(filterValues), 0o644); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// TestFilterSource: @ names become the function's parameters outside string
// literals only, so "@type" (a JSON-LD key) stays itself.
func TestFilterSource(t *testing.T) {
	for in, want := range map[string]string{
		`@.type === "@id" && @property != '@type'`: `_$_v.type === "@id" && _$_property != '@type'`,
		`@parentProperty === "a\"@b"`:              `_$_parentProperty === "a\"@b"`,
		`@path.includes("paths") || @root`:         `_$_path.includes("paths") || _$_root`,
		`"@`:                                       `"@`,
	} {
		if got := filterSource(in); got != want {
			t.Errorf("filterSource(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestFilterAnswersKept: a filter that reads only @ answers once per value
// (and per document: as written or resolved), one that reads @property
// answers for each key the value is reached under.
func TestFilterAnswersKept(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"openapi.yaml": `openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    A: {type: string}
    C:
      type: object
      properties:
        x: {$ref: '#/components/schemas/A'}
        y: {$ref: '#/components/schemas/A'}
      items: {$ref: '#/components/schemas/A'}
`,
		"rules.yaml": `
rules:
  by-key:
    given: "$.components.schemas.C.properties[?(@property == 'y')]"
    then: {function: truthy, field: nothing}
  items-as-written:
    resolved: false
    given: "$.components.schemas[?(@.items && @.items.type == 'string')]"
    then: {function: truthy, field: nothing}
  items-resolved:
    given: "$.components.schemas[?(@.items && @.items.type == 'string')]"
    then: {function: truthy, field: nothing}
`})
	res, notes, _ := runRuleset(t, dir, "rules.yaml")
	for _, n := range notes {
		t.Errorf("note: %s", n)
	}
	got := map[string][]string{}
	for _, r := range res {
		got[r.Rule] = append(got[r.Rule], strings.Join(r.Path, "."))
	}
	want := map[string][]string{
		"by-key":         {"components.schemas.C.properties.y.nothing"},
		"items-resolved": {"components.schemas.C.nothing"},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
}
