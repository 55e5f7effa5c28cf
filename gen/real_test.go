package gen

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	yaml "github.com/pb33f/go-yaml"

	"github.com/dospec/dospec/internal/testenv"
	"github.com/dospec/dospec/spec"
)

// goCmd runs the go tool in dir, offline: the generated code imports only
// the standard library.
func goCmd(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local", "GOPROXY=off")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// writeModule writes files into a new module under a temp folder.
func writeModule(t *testing.T, pkg string, files []File) string {
	t.Helper()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/gen\n\ngo 1.26\n"), 0o644)
	if _, err := Write(filepath.Join(dir, pkg), files); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestGenerateRealSpec generates the DigitalOcean client, vets it, checks
// that every operation has a method, that generation is deterministic, that
// the spec's response and request examples decode with unknown fields
// disallowed and round-trip, and that every operation can be called against
// an httptest.Server (serverGen). Compiling the client takes over a minute,
// so both generated tests run in one go test, and not under -short.
func TestGenerateRealSpec(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the DigitalOcean client build in -short mode")
	}
	s, err := spec.Load(context.Background(), testenv.DORoot(t), spec.Options{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := Build(s, Options{Package: "do", Source: "DigitalOcean-public.v2.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	files, err := Emit(m)
	if err != nil {
		t.Fatal(err)
	}
	m2, _ := Build(s, Options{Package: "do", Source: "DigitalOcean-public.v2.yaml"})
	again, err := Emit(m2)
	if err != nil {
		t.Fatal(err)
	}
	if len(again) != len(files) {
		t.Fatal("two runs gave different files")
	}
	for i := range files {
		if files[i].Name != again[i].Name || !bytes.Equal(files[i].Content, again[i].Content) {
			t.Fatalf("%s differs between two runs", files[i].Name)
		}
	}
	methods := 0
	covered := map[string]bool{}
	for _, svc := range m.Services {
		methods += len(svc.Operations)
		for _, o := range svc.Operations {
			covered[o.Method+" "+o.Path] = true
		}
	}
	if want := len(s.Index().Operations); len(covered) != want {
		t.Errorf("%d operations have a method, of %d", len(covered), want)
	}

	dir := writeModule(t, "do", files)
	// The examples of every operation, decoded by a test in the module.
	var cases []exampleCase
	for _, svc := range m.Services {
		for _, o := range svc.Operations {
			cases = append(cases, examplesOf(t, s, o)...)
		}
	}
	writeExampleTest(t, dir, cases)
	ops := writeServerTest(t, s, m, dir)
	goCmd(t, dir, "vet", "./...")
	out := goCmd(t, dir, "test", "-count=1", "-run", "^(TestExamples|TestServer)$", "-v", "./do/")
	if known := serverResults(t, out, ops); known != 0 {
		t.Errorf("%d operations could not be called, want every one", known)
	}
	pass, fail := 0, 0
	var failures []string
	for _, line := range strings.Split(out, "\n") {
		switch {
		case strings.HasPrefix(line, "EXAMPLE PASS "):
			// DisallowUnknownFields stops at a type's own UnmarshalJSON (a
			// union, Nullable): a field the types lack anywhere shows as a
			// key the encoding lost.
			n, quoted, _ := strings.Cut(strings.TrimPrefix(line, "EXAMPLE PASS "), " ")
			i, err1 := strconv.Atoi(n)
			once, err2 := strconv.Unquote(quoted)
			if err1 != nil || err2 != nil || i < 0 || i >= len(cases) {
				t.Fatalf("unreadable line %q", line)
			}
			if path := lost(cases[i].JSON, []byte(once)); path != "" {
				fail++
				failures = append(failures, fmt.Sprintf("%s: decode: unknown field %s", cases[i].Name, path))
				continue
			}
			pass++
		case strings.HasPrefix(line, "EXAMPLE FAIL"):
			fail++
			failures = append(failures, strings.TrimPrefix(line, "EXAMPLE FAIL "))
		}
	}
	sort.Strings(failures)
	t.Logf("%d files, %d methods; examples: %d decode and round-trip, %d do not", len(files), methods, pass, fail)
	for _, f := range failures {
		t.Logf("  %s", f)
	}
	if pass+fail != len(cases) {
		t.Errorf("%d examples ran, %d written", pass+fail, len(cases))
	}
	// The spec has wrong examples (extra fields, a value past int64, an
	// example for another schema): the note lists them. A drop in
	// the count is what this guards.
	if pass*100 < len(cases)*88 {
		t.Errorf("only %d of %d examples decode", pass, len(cases))
	}
}

type exampleCase struct {
	Name string // op + where
	Type string // Go type to decode into
	JSON []byte
}

// examplesOf collects the JSON examples of an operation's success response
// and request body.
func examplesOf(t *testing.T, s *spec.Spec, o *Operation) []exampleCase {
	var out []exampleCase
	idx := s.Index()
	var op *spec.Operation
	for _, c := range idx.Operations {
		if strings.ToUpper(c.Method) == o.Method && c.Path == o.Path {
			op = c
		}
	}
	if op == nil {
		t.Fatalf("no operation %s %s", o.Method, o.Path)
	}
	add := func(media spec.Node, typ *Ref, where string) {
		if typ == nil || typ.Kind != Named {
			return
		}
		if ex, ok := s.Field(media, "example"); ok {
			out = append(out, exampleCase{fmt.Sprintf("%s %s %s example", o.Method, o.Path, where), typ.Name, toJSON(t, s, ex)})
		}
		if exs, ok := s.Field(media, "examples"); ok {
			for i := 0; i+1 < len(exs.Content); i += 2 {
				e, err := s.Deref(spec.Node{File: exs.File, Node: exs.Content[i+1]})
				if err != nil {
					continue
				}
				if v, ok := s.Field(e, "value"); ok {
					out = append(out, exampleCase{fmt.Sprintf("%s %s %s examples[%s]", o.Method, o.Path, where, exs.Content[i].Value), typ.Name, toJSON(t, s, v)})
				}
			}
		}
	}
	if body, ok := s.Field(op.Node, "requestBody"); ok {
		if content, ok := s.Field(body, "content"); ok {
			if media, ok := s.Field(content, "application/json"); ok {
				add(media, o.Body, "request")
			}
		}
	}
	if resps, ok := s.Field(op.Node, "responses"); ok {
		for i := 0; i+1 < len(resps.Content); i += 2 {
			code := resps.Content[i].Value
			if !strings.HasPrefix(code, "2") {
				continue
			}
			r, err := s.Deref(spec.Node{File: resps.File, Node: resps.Content[i+1]})
			if err != nil {
				continue
			}
			if content, ok := s.Field(r, "content"); ok {
				if media, ok := s.Field(content, "application/json"); ok {
					add(media, o.Result, "response "+code)
				}
			}
			break // Result is the first 2xx's type
		}
	}
	return out
}

// toJSON turns an example written in YAML (with $refs) into JSON.
func toJSON(t *testing.T, s *spec.Spec, n spec.Node) []byte {
	v := plain(s, n, 0)
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("%s: %v", n.Pos(), err)
	}
	return b
}

func plain(s *spec.Spec, n spec.Node, depth int) any {
	if depth > 64 {
		return nil
	}
	d, err := s.Deref(n)
	if err == nil {
		n = d
	}
	switch n.Kind {
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = plain(s, spec.Node{File: n.File, Node: n.Content[i+1]}, depth+1)
		}
		return m
	case yaml.SequenceNode:
		l := []any{}
		for _, c := range n.Content {
			l = append(l, plain(s, spec.Node{File: n.File, Node: c}, depth+1))
		}
		return l
	}
	switch n.ShortTag() {
	case "!!int", "!!float":
		return json.Number(n.Value)
	case "!!bool":
		return n.Value == "true"
	case "!!null":
		return nil
	}
	return n.Value
}

// writeExampleTest writes a test into the generated package that decodes
// every example strictly, encodes it again and decodes that, and prints
// one EXAMPLE line per case.
func writeExampleTest(t *testing.T, dir string, cases []exampleCase) {
	var b strings.Builder
	b.WriteString("package do\n\nimport (\n\t\"bytes\"\n\t\"encoding/json\"\n\t\"fmt\"\n\t\"strconv\"\n\t\"testing\"\n)\n\n")
	b.WriteString("var examples = []struct {\n\tname string\n\tnew  func() any\n\tjson string\n}{\n")
	for _, c := range cases {
		fmt.Fprintf(&b, "\t{%q, func() any { return new(%s) }, %q},\n", c.Name, c.Type, c.JSON)
	}
	b.WriteString(`}

func strict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

func TestExamples(t *testing.T) {
	for i, e := range examples {
		v := e.new()
		if err := strict([]byte(e.json), v); err != nil {
			fmt.Printf("EXAMPLE FAIL %s: decode: %v\n", e.name, err)
			continue
		}
		once, err := json.Marshal(v)
		if err != nil {
			fmt.Printf("EXAMPLE FAIL %s: encode: %v\n", e.name, err)
			continue
		}
		w := e.new()
		if err := strict(once, w); err != nil {
			fmt.Printf("EXAMPLE FAIL %s: decode again: %v\n", e.name, err)
			continue
		}
		twice, _ := json.Marshal(w)
		if !bytes.Equal(once, twice) {
			fmt.Printf("EXAMPLE FAIL %s: round trip not stable\n", e.name)
			continue
		}
		// The outer test compares the keys too (see lost).
		fmt.Printf("EXAMPLE PASS %d %s\n", i, strconv.Quote(string(once)))
	}
}
`)
	if err := os.WriteFile(filepath.Join(dir, "do", "examples_test.go"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// lost is the path of the first key of want, at any depth, that got is
// missing. A key whose value is null or zero may be left out (omitempty).
func lost(want, got []byte) string {
	var w, g any
	if json.Unmarshal(want, &w) != nil || json.Unmarshal(got, &g) != nil {
		return ""
	}
	return lostIn("$", w, g)
}

func lostIn(path string, w, g any) string {
	switch w := w.(type) {
	case map[string]any:
		gm, _ := g.(map[string]any)
		for _, k := range slices.Sorted(maps.Keys(w)) {
			gv, ok := gm[k]
			if !ok {
				if zeroJSON(w[k]) {
					continue
				}
				return path + "." + k
			}
			if p := lostIn(path+"."+k, w[k], gv); p != "" {
				return p
			}
		}
	case []any:
		gl, _ := g.([]any)
		for i := range w {
			if i < len(gl) {
				if p := lostIn(fmt.Sprintf("%s[%d]", path, i), w[i], gl[i]); p != "" {
					return p
				}
			}
		}
	}
	return ""
}

func zeroJSON(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case bool:
		return !v
	case float64:
		return v == 0
	case string:
		t, err := time.Parse(time.RFC3339, v)
		return v == "" || err == nil && t.IsZero() // a zero time.Time is omitted too
	case []any:
		return len(v) == 0
	case map[string]any:
		for _, x := range v {
			if !zeroJSON(x) {
				return false
			}
		}
		return true // a struct of zero fields is omitted (omitzero)
	}
	return false
}

func TestLost(t *testing.T) {
	for _, c := range []struct{ want, got, path string }{
		{`{"a": 1, "b": {"c": 2}}`, `{"a": 1, "b": {"c": 2}}`, ""},
		{`{"a": 1, "b": {"c": 2, "x": 3}}`, `{"a": 1, "b": {"c": 2}}`, "$.b.x"},
		{`{"l": [{"a": 1}, {"a": 1, "y": true}]}`, `{"l": [{"a": 1}, {"a": 1}]}`, "$.l[1].y"},
		// Zero values may be omitted: omitempty, omitzero, a zero time.
		{`{"a": 0, "b": "", "c": false, "d": null, "e": [], "f": {"g": 0}, "t": "0001-01-01T00:00:00Z"}`, `{}`, ""},
		{`{"t": "2020-12-01T00:42:12Z"}`, `{}`, "$.t"},
	} {
		if got := lost([]byte(c.want), []byte(c.got)); got != c.path {
			t.Errorf("lost(%s, %s) = %q, want %q", c.want, c.got, got, c.path)
		}
	}
}
