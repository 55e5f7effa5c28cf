package gen

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dospec/dospec/internal/testenv"
	"github.com/dospec/dospec/spec"
)

func TestBuildRealSpecModel(t *testing.T) {
	s, err := spec.Load(context.Background(), testenv.DORoot(t), spec.Options{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := Build(s, Options{Package: "do"})
	if err != nil {
		t.Fatal(err)
	}
	ops, pages, streams := 0, 0, 0
	for _, svc := range m.Services {
		ops += len(svc.Operations)
		for _, o := range svc.Operations {
			if o.Pages != nil {
				pages++
			}
			if o.Stream {
				streams++
			}
		}
	}
	kinds := map[TypeKind]int{}
	for _, ty := range m.Types {
		kinds[ty.Kind]++
	}
	t.Logf("%d types %v, %d services, %d operations, %d paginated, %d streams", len(m.Types), kinds, len(m.Services), ops, pages, streams)
	// One method per operation, plus a …Stream method for each operation
	// that can also answer with server-sent events.
	if ops != len(s.Index().Operations)+streams {
		t.Errorf("%d methods for %d operations and %d streams", ops, len(s.Index().Operations), streams)
	}
	if streams == 0 {
		t.Error("no streaming operation found; DO has five")
	}
}

// buildTinySpec writes a one-file spec to a temp folder and builds it.
func buildTinySpec(t *testing.T, yamlText string) *Model {
	t.Helper()
	root := filepath.Join(t.TempDir(), "openapi.yaml")
	if err := os.WriteFile(root, []byte(yamlText), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := spec.Load(context.Background(), root, spec.Options{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := Build(s, Options{Package: "tiny", Source: "openapi.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// runInModule emits m into a temp module with test as its one test file
// and runs go vet and go test there.
func runInModule(t *testing.T, m *Model, test string) string {
	t.Helper()
	files, err := Emit(m)
	if err != nil {
		t.Fatal(err)
	}
	dir := writeModule(t, m.Package, files)
	if err := os.WriteFile(filepath.Join(dir, m.Package, "tiny_test.go"), []byte(test), 0o644); err != nil {
		t.Fatal(err)
	}
	goCmd(t, dir, "vet", "./...")
	return goCmd(t, dir, "test", "-count=1", "./...")
}

func findField(m *Model, typ, json string) *Field {
	for _, ty := range m.Types {
		if ty.Name == typ {
			for _, f := range ty.Fields {
				if f.JSONName == json {
					return f
				}
			}
		}
	}
	return nil
}

// A property written allOf: [{$ref: a nullable schema}, {description}]
// may be null, as the schema it refers to may: null must survive a round
// trip instead of turning into {} or [].
func TestNullableThroughAllOf(t *testing.T) {
	m := buildTinySpec(t, `openapi: 3.0.0
info: {title: T, version: "1"}
paths:
  /things:
    get:
      operationId: things_get
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/thing"}
components:
  schemas:
    window:
      type: object
      nullable: true
      properties:
        start: {type: string}
    tags:
      type: array
      nullable: true
      items: {type: string}
    plain:
      type: object
      properties:
        a: {type: string}
    thing:
      type: object
      required: [window]
      properties:
        window:
          allOf:
            - $ref: "#/components/schemas/window"
            - description: The window, null when there is none.
        tags:
          allOf:
            - $ref: "#/components/schemas/tags"
        marked:
          allOf:
            - $ref: "#/components/schemas/plain"
            - nullable: true
        typed:
          allOf:
            - $ref: "#/components/schemas/window"
            - type: object
              properties:
                end: {type: string}
        direct:
          $ref: "#/components/schemas/window"
        plain:
          allOf:
            - $ref: "#/components/schemas/plain"
            - description: Not nullable.
`)
	// "marked" stays as OpenAPI 3.0.3 says: nullable has no effect without a
	// type beside it, and the plain object member does not allow null.
	for json, want := range map[string]bool{"window": true, "tags": true, "marked": false, "typed": false, "direct": true, "plain": false} {
		f := findField(m, "Thing", json)
		if f == nil {
			t.Fatalf("Thing has no field %q", json)
		}
		if f.Nullable != want {
			t.Errorf("Thing.%s: Nullable = %v, want %v", json, f.Nullable, want)
		}
	}
	runInModule(t, m, `package tiny

import (
	"encoding/json"
	"testing"
)

func TestNullSurvives(t *testing.T) {
	in := `+"`"+`{"window":null,"tags":null}`+"`"+`
	var v Thing
	if err := json.Unmarshal([]byte(in), &v); err != nil {
		t.Fatal(err)
	}
	if !v.Window.Set || v.Window.Valid || !v.Tags.Set || v.Tags.Valid {
		t.Fatalf("null not kept: %+v", v)
	}
	out, _ := json.Marshal(v)
	if string(out) != in {
		t.Fatalf("round trip: %s, want %s", out, in)
	}
}
`)
}

// Header parameters named Accept, Content-Type or Authorization are
// ignored, as OpenAPI says: the client sets those headers itself, and a
// parameter would send a second value beside them.
func TestIgnoredHeaderParams(t *testing.T) {
	m := buildTinySpec(t, `openapi: 3.0.0
info: {title: T, version: "1"}
paths:
  /things:
    post:
      operationId: things_create
      parameters:
        - {name: Accept, in: header, schema: {type: string, enum: [application/json, application/yaml]}}
        - {name: content-type, in: header, required: true, schema: {type: string}}
        - {name: Authorization, in: header, schema: {type: string}}
        - {name: X-Request-ID, in: header, schema: {type: string}}
        - {name: accept, in: query, schema: {type: string}}
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {name: {type: string}}}
      responses:
        "204": {description: done}
`)
	o := m.Services[0].Operations[0]
	var got []string
	for _, p := range append(append([]*Param{}, o.Required...), o.Optional...) {
		got = append(got, p.WireName)
	}
	if want := []string{"X-Request-ID", "accept"}; !slices.Equal(got, want) {
		t.Errorf("parameters %q, want %q", got, want)
	}
}

// A path template naming a parameter no one declares is the spec's error,
// reported where the operation is written, as the loader reports its own.
func TestUndeclaredPathParam(t *testing.T) {
	root := filepath.Join(t.TempDir(), "openapi.yaml")
	src := `openapi: 3.0.0
info: {title: T, version: "1"}
paths:
  /v2/things/{thing_id}:
    get:
      operationId: things_get
      responses:
        "204": {description: done}
`
	if err := os.WriteFile(root, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := spec.Load(context.Background(), root, spec.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Build(s, Options{Package: "tiny"})
	list, ok := errors.AsType[spec.ErrorList](err)
	if !ok || len(list) != 1 {
		t.Fatalf("Build: %v, want one positioned error", err)
	}
	if got, want := list[0].Error(), "openapi.yaml:6:7: GET /v2/things/{thing_id}: no path parameter declares {thing_id}"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// Optional[T] goes where the zero value is worth sending: booleans and
// fields whose default is not zero; nowhere else.
func TestOptionalWhereZeroMatters(t *testing.T) {
	m := buildTinySpec(t, `openapi: 3.0.0
info: {title: T, version: "1"}
paths:
  /v1/checks:
    post:
      operationId: checks_create
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [name, strict]
              properties:
                name: {type: string}
                strict: {type: boolean}
                enabled: {type: boolean}
                paused: {type: boolean, nullable: true}
                per_page: {type: integer, default: 20}
                offset: {type: integer, default: 0}
                region: {type: string, default: nyc1}
                label: {type: string, default: ""}
                note: {type: string}
                mode: {type: string, enum: [fast, slow], default: fast}
      responses:
        "204": {description: done}
`)
	want := map[string]bool{"name": false, "strict": false, "enabled": true, "paused": false, "per_page": true,
		"offset": false, "region": true, "label": false, "note": false, "mode": true}
	for json, optional := range want {
		f := findField(m, "DefaultCreateRequest", json)
		if f == nil {
			var names []string
			for _, ty := range m.Types {
				names = append(names, ty.Name)
			}
			t.Fatalf("no field %s in DefaultCreateRequest; types: %v", json, names)
		}
		if f.Optional != optional {
			t.Errorf("%s: Optional = %v, want %v", json, f.Optional, optional)
		}
	}
	if f := findField(m, "DefaultCreateRequest", "paused"); !f.Nullable {
		t.Error("paused: want Nullable")
	}
}

// Inline oneOf variants are named by their title, else by the property only
// they have; a $ref variant by its schema; the rest stay numbered.
func TestVariantNames(t *testing.T) {
	m := buildTinySpec(t, `openapi: 3.0.0
info: {title: T, version: "1"}
paths:
  /v1/things:
    post:
      operationId: things_create
      responses:
        "202":
          description: one or many
          content:
            application/json:
              schema:
                oneOf:
                  - type: object
                    properties:
                      thing: {type: string}
                      links: {type: string}
                  - type: object
                    properties:
                      things: {type: array, items: {type: string}}
                      links: {type: string}
                  - title: error reply
                    type: object
                    properties:
                      message: {type: string}
                  - $ref: "#/components/schemas/gizmo"
                  - type: object
                    properties:
                      links: {type: string}
components:
  schemas:
    gizmo:
      type: object
      properties:
        links: {type: string}
`)
	var names []string
	for _, ty := range m.Types {
		if ty.Kind == Union {
			for _, v := range ty.Variants {
				names = append(names, v.Name+"="+v.Type.Name)
			}
		}
	}
	want := "Thing=DefaultCreateResponseThing Things=DefaultCreateResponseThings ErrorReply=DefaultCreateResponseErrorReply " +
		"Gizmo=Gizmo DefaultCreateResponseVariant5=DefaultCreateResponseVariant5"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("variants:\n got %s\nwant %s", got, want)
	}
}

// A server variable takes its default when the default can stand in a URL;
// a placeholder default ("{your-region}") makes the argument required.
func TestServerVariableDefaults(t *testing.T) {
	m := buildTinySpec(t, `openapi: 3.0.0
info: {title: T, version: "1"}
paths:
  /v1/ping:
    get:
      operationId: ping_get
      servers:
        - url: https://{region}.example.com/{version}
          variables:
            region: {default: "{your-region}", description: Where to ask.}
            version: {default: v2}
      responses:
        "204": {description: done}
`)
	o := m.Services[0].Operations[0]
	var got []string
	for _, v := range o.ServerVars {
		got = append(got, fmt.Sprintf("%s:%s:%q:%v", v.Name, v.WireName, v.Default, v.Required))
	}
	want := `region:region:"":true version:version:"v2":false`
	if strings.Join(got, " ") != want {
		t.Errorf("server variables %s, want %s", strings.Join(got, " "), want)
	}
}
