package exampleval

import (
	"context"
	"sort"
	"testing"
	"time"

	yaml "github.com/pb33f/go-yaml"

	"github.com/dospec/dospec/internal/testenv"
	"github.com/dospec/dospec/spec"
)

// mediaExample is one example of a request or response body.
type mediaExample struct {
	where  string // operation, status and media type, for the log
	schema spec.Node
	value  spec.Node
	dir    Direction
}

var methods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// bodyExamples walks paths → path items → operations → request body and
// responses → content and lists every example and examples[*].value with
// the schema beside it.
func bodyExamples(t testing.TB, s *spec.Spec) []mediaExample {
	t.Helper()
	deref := func(n spec.Node) spec.Node {
		n.Node = spec.Unalias(n.Node)
		d, err := s.Deref(n)
		if err != nil {
			t.Fatal(err)
		}
		d.Node = spec.Unalias(d.Node)
		return d
	}
	var out []mediaExample
	content := func(where string, body spec.Node, dir Direction) {
		c := spec.Get(body.Node, "content")
		if c == nil || c.Kind != yaml.MappingNode {
			return
		}
		for i := 0; i+1 < len(c.Content); i += 2 {
			mt := spec.Unalias(c.Content[i+1])
			sch := spec.Get(mt, "schema")
			if sch == nil {
				continue
			}
			w := where + " " + c.Content[i].Value
			schema := spec.Node{File: body.File, Node: sch}
			if ex := spec.Get(mt, "example"); ex != nil {
				out = append(out, mediaExample{w + " example", schema, spec.Node{File: body.File, Node: ex}, dir})
			}
			exs := spec.Get(mt, "examples")
			if exs == nil || exs.Kind != yaml.MappingNode {
				continue
			}
			for j := 0; j+1 < len(exs.Content); j += 2 {
				e := deref(spec.Node{File: body.File, Node: exs.Content[j+1]})
				if val := spec.Get(e.Node, "value"); val != nil {
					out = append(out, mediaExample{w + " examples/" + exs.Content[j].Value, schema, spec.Node{File: e.File, Node: val}, dir})
				}
			}
		}
	}
	paths := spec.Get(s.Root.Doc, "paths")
	for i := 0; i+1 < len(paths.Content); i += 2 {
		item := deref(spec.Node{File: s.Root, Node: paths.Content[i+1]})
		for _, m := range methods {
			raw := spec.Get(item.Node, m)
			if raw == nil {
				continue
			}
			op := deref(spec.Node{File: item.File, Node: raw})
			where := m + " " + paths.Content[i].Value
			if rb := spec.Get(op.Node, "requestBody"); rb != nil {
				content(where+" request", deref(spec.Node{File: op.File, Node: rb}), Request)
			}
			resps := spec.Get(op.Node, "responses")
			if resps == nil || resps.Kind != yaml.MappingNode {
				continue
			}
			for j := 0; j+1 < len(resps.Content); j += 2 {
				r := deref(spec.Node{File: op.File, Node: resps.Content[j+1]})
				content(where+" "+resps.Content[j].Value, r, Response)
			}
		}
	}
	return out
}

// schemaExamples lists the example of every schema reachable from the
// operations (bodies, parameters, headers, down through properties, items
// and composition), and every parameter and header example, each once.
func schemaExamples(t testing.TB, s *spec.Spec) []mediaExample {
	t.Helper()
	deref := func(n spec.Node) spec.Node {
		n.Node = spec.Unalias(n.Node)
		d, err := s.Deref(n)
		if err != nil {
			t.Fatal(err)
		}
		d.Node = spec.Unalias(d.Node)
		return d
	}
	var out []mediaExample
	seen := map[*yaml.Node]bool{}
	var walk func(sch spec.Node, where string)
	walk = func(sch spec.Node, where string) {
		sch = deref(sch)
		if sch.Node == nil || sch.Kind != yaml.MappingNode || seen[sch.Node] {
			return
		}
		seen[sch.Node] = true
		if ex := spec.Get(sch.Node, "example"); ex != nil {
			out = append(out, mediaExample{where, sch, spec.Node{File: sch.File, Node: ex}, Any})
		}
		for _, k := range []string{"items", "additionalProperties", "not"} {
			if c := spec.Get(sch.Node, k); c != nil {
				walk(spec.Node{File: sch.File, Node: c}, where)
			}
		}
		for _, k := range []string{"allOf", "anyOf", "oneOf", "prefixItems"} {
			if c := spec.Get(sch.Node, k); c != nil && c.Kind == yaml.SequenceNode {
				for _, b := range c.Content {
					walk(spec.Node{File: sch.File, Node: b}, where)
				}
			}
		}
		for _, k := range []string{"properties", "patternProperties"} {
			c := spec.Get(sch.Node, k)
			if c == nil {
				continue
			}
			props := deref(spec.Node{File: sch.File, Node: c})
			if props.Kind != yaml.MappingNode {
				continue
			}
			for i := 0; i+1 < len(props.Content); i += 2 {
				walk(spec.Node{File: props.File, Node: props.Content[i+1]}, where)
			}
		}
	}
	// param handles a parameter or header: its own examples, and its schema.
	param := func(p spec.Node, where string) {
		p = deref(p)
		if seen[p.Node] {
			return
		}
		seen[p.Node] = true
		sch := spec.Get(p.Node, "schema")
		if sch == nil {
			return
		}
		schema := spec.Node{File: p.File, Node: sch}
		if ex := spec.Get(p.Node, "example"); ex != nil {
			out = append(out, mediaExample{where, schema, spec.Node{File: p.File, Node: ex}, Any})
		}
		if exs := spec.Get(p.Node, "examples"); exs != nil && exs.Kind == yaml.MappingNode {
			for j := 0; j+1 < len(exs.Content); j += 2 {
				e := deref(spec.Node{File: p.File, Node: exs.Content[j+1]})
				if val := spec.Get(e.Node, "value"); val != nil {
					out = append(out, mediaExample{where, schema, spec.Node{File: e.File, Node: val}, Any})
				}
			}
		}
		walk(schema, where)
	}
	params := func(owner spec.Node, where string) {
		ps := spec.Get(owner.Node, "parameters")
		if ps == nil || ps.Kind != yaml.SequenceNode {
			return
		}
		for _, p := range ps.Content {
			param(spec.Node{File: owner.File, Node: p}, where)
		}
	}
	content := func(body spec.Node, where string) {
		c := spec.Get(body.Node, "content")
		if c == nil || c.Kind != yaml.MappingNode {
			return
		}
		for i := 1; i < len(c.Content); i += 2 {
			if sch := spec.Get(c.Content[i], "schema"); sch != nil {
				walk(spec.Node{File: body.File, Node: sch}, where)
			}
		}
	}
	paths := spec.Get(s.Root.Doc, "paths")
	for i := 0; i+1 < len(paths.Content); i += 2 {
		item := deref(spec.Node{File: s.Root, Node: paths.Content[i+1]})
		params(item, paths.Content[i].Value)
		for _, m := range methods {
			raw := spec.Get(item.Node, m)
			if raw == nil {
				continue
			}
			op := deref(spec.Node{File: item.File, Node: raw})
			where := m + " " + paths.Content[i].Value
			params(op, where)
			if rb := spec.Get(op.Node, "requestBody"); rb != nil {
				content(deref(spec.Node{File: op.File, Node: rb}), where)
			}
			resps := spec.Get(op.Node, "responses")
			if resps == nil || resps.Kind != yaml.MappingNode {
				continue
			}
			for j := 1; j < len(resps.Content); j += 2 {
				r := deref(spec.Node{File: op.File, Node: resps.Content[j]})
				content(r, where)
				if hs := spec.Get(r.Node, "headers"); hs != nil && hs.Kind == yaml.MappingNode {
					for k := 1; k < len(hs.Content); k += 2 {
						param(spec.Node{File: r.File, Node: hs.Content[k]}, where)
					}
				}
			}
		}
	}
	return out
}

func loadDO(t testing.TB) *spec.Spec {
	t.Helper()
	s, err := spec.Load(context.Background(), testenv.DORoot(t), spec.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestRealSpecExamples(t *testing.T) {
	s := loadDO(t)
	bodies := bodyExamples(t, s)
	schemas := schemaExamples(t, s)
	start := time.Now()
	failures := map[string]bool{}
	failed := 0
	for _, ex := range bodies {
		ps := Validate(s, ex.schema, ex.value, Options{Direction: ex.dir})
		if len(ps) > 0 {
			failed++
		}
		for _, p := range ps {
			failures[p.String()+"  [media-type example of "+ex.where+"]"] = true
		}
	}
	bodyTime := time.Since(start)
	for _, ex := range schemas {
		// A shared schema serves requests and responses alike: its example
		// is wrong only if it fits neither.
		ps := Validate(s, ex.schema, ex.value, Options{Direction: Response})
		if len(ps) > 0 && len(Validate(s, ex.schema, ex.value, Options{Direction: Request})) > 0 {
			failed++
			for _, p := range ps {
				failures[p.String()+"  [schema, parameter or header example under "+ex.where+"]"] = true
			}
		}
	}
	elapsed := time.Since(start)
	lines := make([]string, 0, len(failures))
	for f := range failures {
		lines = append(lines, f)
	}
	sort.Strings(lines)
	for _, l := range lines {
		t.Log(l)
	}
	t.Logf("%d media-type examples of operations checked in %v; %d schema, parameter and header examples; %v in all; %d examples with problems",
		len(bodies), bodyTime, len(schemas), elapsed, failed)
	if len(bodies) < 500 {
		t.Errorf("only %d media-type examples found; the walk is missing some", len(bodies))
	}
}

func BenchmarkRealSpecExamples(b *testing.B) {
	s := loadDO(b)
	exs := bodyExamples(b, s)
	schemas := schemaExamples(b, s)
	b.ResetTimer()
	for b.Loop() {
		for _, ex := range exs {
			Validate(s, ex.schema, ex.value, Options{Direction: ex.dir})
		}
		for _, ex := range schemas {
			Validate(s, ex.schema, ex.value, Options{Direction: ex.dir})
		}
	}
	b.ReportMetric(float64(len(exs)+len(schemas)), "examples/op")
}
