package gen

import (
	"strings"
	"testing"
)

// Schemas that reach themselves through an array's items, a map's values
// or an allOf of one member build (no stack overflow) into types Go can
// declare, and decode nested JSON.
func TestRecursiveSchemas(t *testing.T) {
	m := buildTinySpec(t, `openapi: 3.0.0
info: {title: T, version: "1"}
paths:
  /trees:
    get:
      operationId: trees_get
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Holder"}
components:
  schemas:
    RecursiveArray:
      type: array
      items: {$ref: "#/components/schemas/RecursiveArray"}
    RecursiveMap:
      type: object
      additionalProperties: {$ref: "#/components/schemas/RecursiveMap"}
    SelfAllOf:
      allOf: [{$ref: "#/components/schemas/SelfAllOf"}]
    PingA:
      type: array
      items: {$ref: "#/components/schemas/PingB"}
    PingB:
      type: object
      additionalProperties: {$ref: "#/components/schemas/PingA"}
    Holder:
      type: object
      properties:
        array: {$ref: "#/components/schemas/RecursiveArray"}
        map: {$ref: "#/components/schemas/RecursiveMap"}
        self: {$ref: "#/components/schemas/SelfAllOf"}
        ping: {$ref: "#/components/schemas/PingA"}
`)
	kinds := map[string]TypeKind{}
	for _, ty := range m.Types {
		kinds[ty.Name] = ty.Kind
	}
	if kinds["RecursiveArray"] != Defined || kinds["RecursiveMap"] != Defined {
		t.Errorf("recursive array and map: kinds %v, want Defined", kinds)
	}
	out := runInModule(t, m, `package tiny

import (
	"encoding/json"
	"testing"
)

func TestNested(t *testing.T) {
	in := `+"`"+`{"array":[[],[[]]],"map":{"a":{"b":{}}},"self":1,"ping":[{"x":[]}]}`+"`"+`
	var h Holder
	if err := json.Unmarshal([]byte(in), &h); err != nil {
		t.Fatal(err)
	}
	if len(h.Array) != 2 || len(h.Array[1]) != 1 || len(h.Map["a"]["b"]) != 0 || len(h.Ping[0]["x"]) != 0 {
		t.Fatalf("decoded %+v", h)
	}
	out, _ := json.Marshal(h)
	if string(out) != in {
		t.Fatalf("round trip: %s, want %s", out, in)
	}
}
`)
	if !strings.Contains(out, "ok") {
		t.Fatal(out)
	}
}
