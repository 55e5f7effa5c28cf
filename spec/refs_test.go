package spec

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	yaml "github.com/pb33f/go-yaml"

	"github.com/dospec/dospec/internal/testenv"
)

// loadArchive loads a txtar archive (root: openapi.yaml) from memory.
func loadArchive(t *testing.T, archive string) (*Spec, error) {
	t.Helper()
	root, files := testenv.Archive([]byte(archive))
	return Load(context.Background(), root, Options{Reader: files})
}

// refAt returns the resolution of the {$ref} mapping at the JSON pointer
// ptr of the root file, failing when ptr names nothing.
func refAt(t *testing.T, s *Spec, ptr string) *Ref {
	t.Helper()
	n := s.Root.Doc
	for _, tok := range SplitPointer(ptr) {
		if n.Kind == yaml.SequenceNode {
			var i int
			fmt.Sscan(tok, &i)
			n = n.Content[i]
			continue
		}
		if n = Get(n, tok); n == nil {
			t.Fatalf("nothing at %s", ptr)
		}
	}
	return s.Ref(n)
}

const header = `-- openapi.yaml --
openapi: 3.1.0
info: {title: t, version: "1"}
`

// TestRefKeyAsData: a `$ref` key is a reference only where a Reference
// Object or a schema's $ref can stand (GitHub's description has a property
// named $ref and SCIM examples with "$ref": "https://…" members).
func TestRefKeyAsData(t *testing.T) {
	s, err := loadArchive(t, header+`paths: {}
components:
  schemas:
    Member:
      type: object
      properties:
        $ref: {type: string, format: uri}
        value: {type: string}
      example:
        $ref: https://api.example.com/Users/1
        value: "1"
    Group:
      type: object
      properties:
        members:
          type: array
          items: {$ref: '#/components/schemas/Member'}
          default: [{$ref: 'missing.yml'}, {$ref: '#/no/such/pointer'}]
      x-links: {$ref: https://example.com/x}
    Imported:
      type: object
      properties: {$ref: 'props.yml'}
    WithExample:
      type: object
      example: {$ref: 'examples.yml#/pet'}
      x-expansionResources: {oneOf: [{$ref: '#/components/schemas/Group'}]}
-- props.yml --
name: {type: string}
-- examples.yml --
pet: {name: Rex}
`)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	for _, c := range []struct {
		ptr  string
		want string // "" when the mapping must stay data
		data bool
	}{
		{"/components/schemas/Member/properties/$ref", "", false},
		{"/components/schemas/Member/example", "", false},
		{"/components/schemas/Group/properties/members/default/0", "", false},
		{"/components/schemas/Group/properties/members/default/1", "", false},
		{"/components/schemas/Group/x-links", "", false},
		{"/components/schemas/Group/properties/members/items", "#/components/schemas/Member", false},
		{"/components/schemas/Imported/properties", "props.yml", false},
		{"/components/schemas/WithExample/example", "examples.yml#/pet", true},
		{"/components/schemas/WithExample/x-expansionResources/oneOf/0", "#/components/schemas/Group", true},
	} {
		r := refAt(t, s, c.ptr)
		switch {
		case c.want == "" && r != nil:
			t.Errorf("%s: taken for a reference to %s; it is data", c.ptr, r.Raw)
		case c.want != "" && r == nil:
			t.Errorf("%s: not a reference, want one to %s", c.ptr, c.want)
		case c.want != "" && (r.Raw != c.want || r.Target == nil || r.Data != c.data):
			t.Errorf("%s: ref %q (target %v, data %v), want %q (data %v)", c.ptr, r.Raw, r.Target != nil, r.Data, c.want, c.data)
		}
	}
}

// TestDataRefFilesAreNotTheDocuments: a file only examples name may be
// broken without failing the load; the same file named by a schema is an
// error at that $ref.
func TestDataRefFilesAreNotTheDocuments(t *testing.T) {
	files := `
-- broken.yml --
a: [unclosed
`
	if _, err := loadArchive(t, header+`paths: {}
components:
  schemas:
    A: {type: object, example: {$ref: broken.yml}}
`+files); err != nil {
		t.Errorf("a broken file named only by an example: %v", err)
	}
	_, err := loadArchive(t, header+`paths: {}
components:
  schemas:
    A: {type: object, example: {$ref: broken.yml}}
    B: {$ref: broken.yml}
    C: {$ref: gone.yml}
`+files)
	var list ErrorList
	if !errors.As(err, &list) || len(list) != 2 {
		t.Fatalf("want two errors (broken.yml's syntax, gone.yml), got %v", err)
	}
	if !strings.Contains(list[0].Error(), "broken.yml:") || !errors.Is(list[0], ErrSyntax) {
		t.Errorf("first error %q: want broken.yml's syntax error", list[0])
	}
	if got := list[1].Error(); !strings.HasPrefix(got, "openapi.yaml:8:") || !strings.Contains(got, "gone.yml: no such file") {
		t.Errorf("second error %q: want it at C's $ref", got)
	}
}

// TestAnchorsAndIDs: OAS 3.1 schemas name each other by $anchor and $id.
func TestAnchorsAndIDs(t *testing.T) {
	s, err := loadArchive(t, header+`paths: {}
components:
  schemas:
    Main:
      $anchor: main_data
      type: object
    Byid:
      $id: https://example.com/schemas/byid
      type: object
      properties:
        n: {type: integer}
    UsesAnchor: {$ref: '#main_data'}
    UsesID: {$ref: 'https://example.com/schemas/byid'}
    UsesIDPointer: {$ref: 'https://example.com/schemas/byid#/properties/n'}
    InFile: {$ref: 'other.yml#leaf'}
-- other.yml --
type: object
properties:
  leaf: {$anchor: leaf, type: string}
`)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	for ptr, want := range map[string]string{
		"/components/schemas/UsesAnchor":    "openapi.yaml#/components/schemas/Main",
		"/components/schemas/UsesID":        "openapi.yaml#/components/schemas/Byid",
		"/components/schemas/UsesIDPointer": "openapi.yaml#/components/schemas/Byid/properties/n",
		"/components/schemas/InFile":        "other.yml#/properties/leaf",
	} {
		r := refAt(t, s, ptr)
		if r == nil || r.Target == nil || r.Key() != want {
			t.Errorf("%s: %+v, want a ref to %s", ptr, r, want)
		}
	}
	_, err = loadArchive(t, header+`paths: {}
components:
  schemas:
    A: {$ref: '#nope'}
`)
	if err == nil || !strings.Contains(err.Error(), `openapi.yaml:6:15: $ref "#nope": no $anchor "nope" in openapi.yaml`) {
		t.Errorf("a missing anchor: %v", err)
	}
}

// TestHashInFileName: PingOne names files flows#clone+json.yaml and writes
// the "#" as is; %23 is the portable spelling. Both name the file.
func TestHashInFileName(t *testing.T) {
	s, err := loadArchive(t, header+`paths:
  /a: {$ref: 'paths/flows#clone+json.yaml'}
  /b: {$ref: 'paths/flows%23clone+json.yaml'}
  /c: {$ref: 'paths/flows#clone+json.yaml#/get'}
-- paths/flows#clone+json.yaml --
get: {responses: {"200": {description: ok}}}
`)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	a, b := refAt(t, s, "/paths/~1a"), refAt(t, s, "/paths/~1b")
	if a == nil || b == nil || a.Target == nil || a.Target != b.Target {
		t.Fatalf("the two spellings name different things: %+v %+v", a, b)
	}
	if !a.HashInName || b.HashInName {
		t.Errorf("HashInName: literal %v, %%23 %v; want true, false", a.HashInName, b.HashInName)
	}
	if c := refAt(t, s, "/paths/~1c"); c == nil || c.Target != Get(a.Target, "get") {
		t.Errorf("a pointer after the file name: %+v", c)
	}
}

// TestYAML12Scalars: OpenAPI documents are YAML 1.2; the parsers' YAML
// 1.1 rules would read 0127 as 87 and 12_34 as 1234.
func TestYAML12Scalars(t *testing.T) {
	s, err := loadArchive(t, header+`paths: {}
x-values: [0127, 12_34, yes, no, on, off, 0x1F, 0o17, 18446744073709551615, 1e400, +12, 0b101, 1_000.5, -007, .5, "0127", 3.0]
`)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"!!int 127", "!!str 12_34", "!!str yes", "!!str no", "!!str on", "!!str off", "!!int 0x1F", "!!int 0o17",
		"!!int 18446744073709551615", "!!float 1e400", "!!int 12", "!!str 0b101", "!!str 1_000.5", "!!int -7", "!!float .5", "!!str 0127", "!!float 3.0"}
	got := Get(s.Root.Doc, "x-values").Content
	for i, w := range want {
		if g := got[i].ShortTag() + " " + got[i].Value; g != w {
			t.Errorf("item %d: %s, want %s", i, g, w)
		}
	}
}

// TestStripeStyleCycles: schemas whose x-expansionResources name each
// other (every pair, as Stripe's expandable fields do) load with each
// reference resolved once: the work grows with the number of refs.
func TestStripeStyleCycles(t *testing.T) {
	var b strings.Builder
	b.WriteString(header + "paths: {}\ncomponents:\n  schemas:\n")
	const n = 12
	for i := range n {
		fmt.Fprintf(&b, "    s%d:\n      type: object\n      properties:\n", i)
		for j := range n {
			if i != j {
				fmt.Fprintf(&b, "        s%d:\n          anyOf: [{type: string}, {$ref: '#/components/schemas/s%d'}]\n", j, j)
				fmt.Fprintf(&b, "          x-expansionResources: {oneOf: [{$ref: '#/components/schemas/s%d'}]}\n", j)
			}
		}
	}
	s, err := loadArchive(t, b.String())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := s.RefCount(), 2*n*(n-1); got != want {
		t.Errorf("%d refs, want %d", got, want)
	}
}

// TestKeepGoing: with KeepGoing, a $ref to a missing file or pointer and a
// file that does not parse become Problems; the rest of the document
// loads, the broken $refs stay unresolved and the broken file is left out.
func TestKeepGoing(t *testing.T) {
	archive := header + `paths:
  /a:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: 'missing.yml'}
  /b:
    get: {$ref: 'broken.yml'}
  /c:
    get: {$ref: 'ok.yml'}
components:
  schemas:
    X: {$ref: '#/components/schemas/Nope'}
-- broken.yml --
responses: [unclosed
-- ok.yml --
responses: {"200": {description: ok}}
`
	if _, err := loadArchive(t, archive); err == nil {
		t.Fatal("without KeepGoing the load must fail")
	}
	root, files := testenv.Archive([]byte(archive))
	s, err := Load(context.Background(), root, Options{Reader: files, KeepGoing: true})
	if err != nil {
		t.Fatalf("KeepGoing: %v", err)
	}
	var got []string
	for _, p := range s.Problems {
		got = append(got, p.Error())
	}
	want := []string{
		`broken.yml:2:1: invalid YAML:`,
		`openapi.yaml:11:30: missing.yml: no such file`,
		`openapi.yaml:18:15: $ref "#/components/schemas/Nope": no key "Nope"`,
	}
	if len(got) != len(want) {
		t.Fatalf("problems:\n%s", strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %d: %q, want it to start with %q", i, got[i], want[i])
		}
	}
	if s.Files["broken.yml"] != nil || s.Files["ok.yml"] == nil {
		t.Errorf("files: broken.yml kept=%v, ok.yml kept=%v", s.Files["broken.yml"] != nil, s.Files["ok.yml"] != nil)
	}
	if r := refAt(t, s, "/paths/~1c/get"); r == nil || r.Target == nil {
		t.Error("the good $ref did not resolve")
	}
	if r := refAt(t, s, "/components/schemas/X"); r != nil {
		t.Error("an unresolved $ref is still a reference")
	}
}
