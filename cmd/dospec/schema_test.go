package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/dospec/dospec/internal/testenv"
)

// compileSchema compiles one of the committed report schemas.
func compileSchema(t *testing.T, name string) *jsonschema.Schema {
	t.Helper()
	sch, err := jsonschema.NewCompiler().Compile(filepath.Join(testenv.ProjectRoot(), "schemas", name))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return sch
}

// validReport checks that out, a JSON report, is what schema promises.
func validReport(t *testing.T, sch *jsonschema.Schema, what, out string) map[string]any {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
	if err != nil {
		t.Fatalf("%s: not JSON: %v\n%s", what, err, out)
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("%s: the report breaks the schema: %v", what, err)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// TestLintReportSchema: lint's JSON report is a contract, written down in
// schemas/lint-report.schema.json; real reports must keep to it.
func TestLintReportSchema(t *testing.T) {
	sch := compileSchema(t, "lint-report.schema.json")
	_, out, _ := dospec(t, "lint", testenv.ExampleRoot(), "--format", "json")
	m := validReport(t, sch, "example spec", out)
	if n := len(m["findings"].([]any)); n == 0 {
		t.Error("the example spec gave no findings: the schema was not tried on any")
	}
	// A clean report, every count zero, and two roots at once.
	root := writeSpec(t, map[string]string{"openapi.yaml": smallRoot, "resources/things_list.yml": smallOp})
	cfg := filepath.Join(filepath.Dir(root), ".dospec.yaml")
	if err := os.WriteFile(cfg, []byte(doConfig+"  ignore:\n    - rule: '*'\n      reason: a clean report\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, out, _ = dospec(t, "lint", root, "--format", "json")
	m = validReport(t, sch, "clean", out)
	if c := m["counts"].(map[string]any); len(c) != 4 || c["error"] != 0.0 || c["hint"] != 0.0 || m["suppressed"] == 0.0 {
		t.Errorf("counts of a clean report: %v, suppressed %v", c, m["suppressed"])
	}
	_, out, _ = dospec(t, "lint", root, testenv.ExampleRoot(), "--format", "json")
	validReport(t, sch, "two roots", out)

	// The schema is strict enough to fail: a report missing a count, or
	// with an unknown severity, is refused.
	var bad bytes.Buffer
	bad.WriteString(`{"version":1,"findings":[],"counts":{"error":0,"warning":0,"info":0},"suppressed":0}`)
	inst, _ := jsonschema.UnmarshalJSON(&bad)
	if sch.Validate(inst) == nil {
		t.Error("a report without counts.hint passes the schema")
	}
	inst, _ = jsonschema.UnmarshalJSON(strings.NewReader(`{"version":1,"findings":[{"rule":"x","severity":"fatal","message":"m","pos":{"file":"a.yml"}}],"counts":{"error":0,"warning":0,"info":0,"hint":0},"suppressed":0}`))
	if sch.Validate(inst) == nil {
		t.Error("a finding with severity fatal passes the schema")
	}
}

// TestDiffReportSchema runs every diff fixture pair through --format json
// and checks the report against schemas/diff-report.schema.json.
func TestDiffReportSchema(t *testing.T) {
	sch := compileSchema(t, "diff-report.schema.json")
	dirs, _ := filepath.Glob(filepath.Join(testenv.ProjectRoot(), "testdata", "specs", "diff", "*"))
	if len(dirs) == 0 {
		t.Fatal("no diff fixtures")
	}
	changes := 0
	for _, dir := range dirs {
		_, out, _ := dospec(t, "diff", filepath.Join(dir, "base", "openapi.yaml"), filepath.Join(dir, "head", "openapi.yaml"), "--changelog", "--format", "json")
		m := validReport(t, sch, filepath.Base(dir), out)
		changes += len(m["changes"].([]any))
	}
	if changes == 0 {
		t.Error("no fixture gave a change: the schema was not tried on any")
	}
	// No change at all: every count is there, zero.
	_, out, _ := dospec(t, "diff", testenv.ExampleRoot(), testenv.ExampleRoot(), "--format", "json")
	m := validReport(t, sch, "no change", out)
	if c := m["counts"].(map[string]any); c["breaking"] != 0.0 || c["warning"] != 0.0 || c["info"] != 0.0 {
		t.Errorf("counts of no change: %v", c)
	}
	inst, _ := jsonschema.UnmarshalJSON(strings.NewReader(`{"version":1,"changes":[{"check":"type-changed","level":"breaking","message":"m","path":"$.x"}],"counts":{"breaking":1,"warning":0,"info":0},"ignored":0}`))
	if sch.Validate(inst) == nil {
		t.Error("a change with neither base nor head position passes the schema")
	}
}
