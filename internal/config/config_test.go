package config

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// level stands for a type with its own names (lint.Severity, diff.Level).
type level int

func (l *level) UnmarshalText(b []byte) error {
	switch string(b) {
	case "low":
		*l = 1
	case "high":
		*l = 2
	default:
		return fmt.Errorf("unknown level %q", b)
	}
	return nil
}

type entry struct {
	Name   string `yaml:"name"`
	Reason string `yaml:"reason"`
}

type section struct {
	Rules  map[string]level `yaml:"rules"`
	Ignore []entry          `yaml:"ignore"`
	Mode   string           `yaml:"mode"`
	//lint:ignore U1000 an unexported field must not be taken for a key (TestDecode)
	hidden int
}

func TestDecode(t *testing.T) {
	for _, c := range []struct{ name, text, want string }{
		{"ok", "lint:\n  rules: {a: low}\n  ignore:\n    - {name: x, reason: y}\n", ""},
		{"empty file", "", ""},
		{"no lint section", "diff: {}\n", ""},
		{"unknown key", "lint:\n  rulez: {}\n", `.dospec.yaml:2:3: unknown key "rulez" (did you mean "rules"?)`},
		{"unknown key, nothing near", "lint:\n  zzz: 1\n", `.dospec.yaml:2:3: unknown key "zzz"`},
		{"nested unknown key", "lint:\n  ignore:\n    - name: x\n      reasn: y\n", `.dospec.yaml:4:7: unknown key "reasn" (did you mean "reason"?)`},
		{"unexported field is no key", "lint:\n  hidden: 1\n", `.dospec.yaml:2:3: unknown key "hidden"`},
		{"bad value, at the value", "lint:\n  rules:\n    a: medium\n", `.dospec.yaml:3:8: unknown level "medium"`},
		{"unknown section", "lnit:\n  rules: {}\n", `.dospec.yaml:1:1: unknown section "lnit" (did you mean "lint"?) (want lint, diff or gen)`},
		{"section twice", "lint: {}\nlint: {}\n", `.dospec.yaml:2:1: section "lint" is given twice`},
		{"not a mapping", "- lint\n", `.dospec.yaml:1:1: want a mapping`},
		{"wrong shape", "lint:\n  rules: [a]\n", `.dospec.yaml:2:3: lint: `},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got string
			f, err := Parse(".dospec.yaml", []byte(c.text))
			if err == nil {
				var s section
				err = f.Section("lint").Decode(&s)
			}
			if err != nil {
				got = err.Error()
			}
			if c.want == "" && got != "" || !strings.Contains(got, c.want) || c.want != "" && got == "" {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

func TestDecodeFills(t *testing.T) {
	f, err := Parse("c.yaml", []byte("lint:\n  rules: {a: high}\n  mode: strict\n"))
	if err != nil {
		t.Fatal(err)
	}
	var s section
	if err := f.Section("lint").Decode(&s); err != nil {
		t.Fatal(err)
	}
	if s.Rules["a"] != 2 || s.Mode != "strict" {
		t.Errorf("decoded %+v", s)
	}
	// A nil file has every section, empty.
	var none *File
	if err := none.Section("lint").Decode(&s); err != nil || none.Section("lint").Dir() != "" {
		t.Errorf("nil file: %v", err)
	}
}

func TestErrorf(t *testing.T) {
	f, err := Parse("c.yaml", []byte("lint:\n  rules:\n    nope: low\n  ignore:\n    - name: x\n    - name: y\n"))
	if err != nil {
		t.Fatal(err)
	}
	sec := f.Section("lint")
	for _, c := range []struct {
		path []any
		want string
	}{
		{[]any{"rules", "nope"}, "c.yaml:3:5: m"},         // a key: where its name is written
		{[]any{"ignore", 1}, "c.yaml:6:7: m"},             // an entry
		{[]any{"ignore", 1, "name", 0}, "c.yaml:6:13: m"}, // a key's value
		{[]any{"missing"}, "c.yaml:2:3: m"},               // nowhere: the section itself
	} {
		if got := sec.Errorf(c.path, "m").Error(); got != c.want {
			t.Errorf("Errorf(%v) = %q, want %q", c.path, got, c.want)
		}
	}
	if got := (Section{}).Errorf([]any{"x"}, "m").Error(); got != "m" {
		t.Errorf("no file: %q", got)
	}
}

func TestFind(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "a", "b")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if got := Find(sub); got != "" && strings.HasPrefix(got, dir) {
		t.Errorf("found %s before writing one", got)
	}
	want := filepath.Join(dir, "a", FileName)
	if err := os.WriteFile(want, []byte("lint: {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := Find(sub); got != want {
		t.Errorf("Find = %q, want %q", got, want)
	}
	if f, err := Load(want); err != nil || f.Dir() != filepath.Dir(want) {
		t.Errorf("Load: %v", err)
	}
	if _, err := Load(filepath.Join(dir, "missing.yaml")); err == nil || !strings.HasPrefix(err.Error(), "config: ") {
		t.Errorf("missing file: %v", err)
	}
}
