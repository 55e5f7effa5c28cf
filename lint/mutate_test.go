package lint

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dospec/dospec/internal/testenv"
	"github.com/dospec/dospec/lint/spectral"
	"github.com/dospec/dospec/spec"
)

// TestRealSpecMutations copies DO's spec, breaks it in one place per rule
// and wants that rule reported at the broken line — and only then: the
// unbroken copy is checked for the same rule first. The lines are those
// spectral 6.15 with DO's ruleset reports on the same broken copies (an
// object at the key it is written under; a missing header at the headers;
// a missing info field at info).
func TestRealSpecMutations(t *testing.T) {
	src := filepath.Dir(testenv.DORoot(t))
	dir := t.TempDir()
	if err := copyTree(src, dir); err != nil {
		t.Fatal(err)
	}
	root := filepath.Join(dir, "DigitalOcean-public.v2.yaml")
	// What the unbroken copy reports, to be sure each finding is new.
	before := map[string]bool{}
	for _, f := range runRules(t, root, nil) {
		before[f.Rule+" "+f.Pos.File+":"+itoa(f.Pos.Line)] = true
	}
	for _, m := range []struct {
		rule, file, old, new string
		at                   string // text on the line the finding must be on (in the new file)
	}{
		{"ratelimit-headers", "shared/responses/unauthorized.yml",
			"  ratelimit-reset:\n    $ref: '../headers.yml#/ratelimit-reset'\n", "", "headers:"},
		{"params-must-include-examples", "shared/parameters.yml",
			"    maximum: 200\n  example: 2\n", "    maximum: 200\n", "per_page:\n"},
		{"oas3-parameter-description", "shared/parameters.yml",
			"  description: Number of items returned per page\n", "", "per_page:\n"},
		{"common-responses-server-error", "resources/droplets/droplets_list.yml",
			"  '500':\n    $ref: '../../shared/responses/server_error.yml'\n", "", "responses:"},
		{"operationid-must-follow-new-naming-conventions", "resources/droplets/droplets_list.yml",
			"operationId: droplets_list", "operationId: droplets_fetch", "operationId: droplets_fetch"},
		{"operation-tags", "resources/droplets/droplets_list.yml",
			"tags:\n  - Droplets\n", "", "operationId: droplets_list"},
		{"security-scopes-present", "resources/droplets/droplets_list.yml",
			"  - bearer_auth:\n    - 'droplet:read'", "  - bearer_auth: []", "bearer_auth: []"},
		{"security-scope-action", "resources/droplets/droplets_list.yml",
			"    - 'droplet:read'", "    - 'droplet:delete'", "'droplet:delete'"},
		{"description-no-placeholder", "resources/droplets/droplets_list.yml",
			"summary: List All Droplets", "summary: TODO List All Droplets", "summary: TODO"},
		{"schema-properties-must-have-type", "resources/droplets/models/droplet.yml",
			"  name:\n    type: string\n    example: example.com", "  name:\n    example: example.com", "  name:"},
		{"path-must-include-version", "DigitalOcean-public.v2.yaml",
			"  /v2/account:\n", "  /account:\n", "  /account:"},
		// DigitalOcean's meaning: an operation whose own security is deleted
		// (inheriting the root's) is reported.
		{"oas3-operation-security-defined", "resources/droplets/droplets_list.yml",
			"security:\n  - bearer_auth:\n    - 'droplet:read'", "", "operationId: droplets_list"},
		{"operation-operationId-unique", "resources/droplets/droplets_get.yml",
			"operationId: droplets_get", "operationId: droplets_list", "operationId: droplets_list"},
		// spectral:oas rules DO's ruleset turns on with [spectral:oas, all].
		{"info-contact", "DigitalOcean-public.v2.yaml",
			"  contact:\n    name: DigitalOcean API Team\n    email: api-engineering@digitalocean.com\n", "", "info:"},
		{"license-url", "DigitalOcean-public.v2.yaml",
			"    url: \"https://www.apache.org/licenses/LICENSE-2.0.html\"\n", "", "  license:"},
		{"oas3-server-trailing-slash", "DigitalOcean-public.v2.yaml",
			"url: \"https://api.digitalocean.com\"", "url: \"https://api.digitalocean.com/\"", "api.digitalocean.com/\""},
		{"path-declarations-must-exist", "DigitalOcean-public.v2.yaml",
			"  /v2/account:\n", "  /v2/account/{}:\n", "/v2/account/{}:"},
		{"oas3-examples-value-or-externalValue", "resources/droplets/examples.yml",
			"droplet_create_request:\n  value:\n", "droplet_create_request:\n  externalValue: https://example.test/droplet.json\n  value:\n", "droplet_create_request:"},
	} {
		t.Run(m.rule, func(t *testing.T) {
			p := filepath.Join(dir, filepath.FromSlash(m.file))
			orig, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(orig), m.old) {
				t.Fatalf("%s no longer holds %q: update the mutation", m.file, m.old)
			}
			mutated := strings.Replace(string(orig), m.old, m.new, 1)
			i := strings.Index(mutated, m.at)
			if i < 0 {
				t.Fatalf("marker %q not in the mutated file", m.at)
			}
			line := strings.Count(mutated[:i], "\n") + 1
			if before[m.rule+" "+m.file+":"+itoa(line)] {
				t.Fatalf("%s already reported at %s:%d before the change", m.rule, m.file, line)
			}
			if err := os.WriteFile(p, []byte(mutated), 0o644); err != nil {
				t.Fatal(err)
			}
			defer os.WriteFile(p, orig, 0o644)
			if !findingsAt(t, root, m.rule, m.file, line) {
				t.Errorf("%s not reported at %s:%d", m.rule, m.file, line)
			}
			// DO's own spectral ruleset, run natively, finds it at the same
			// place (its rules and the spectral:oas ones it extends).
			if native, ok := nativeAt(t, root, m.rule, m.file, line); ok && !native {
				t.Errorf("DO's spectral ruleset run natively does not report %s at %s:%d", m.rule, m.file, line)
			}
		})
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// runRules lints root with only the given rule on (all rules for nil).
func runRules(t *testing.T, root string, only *string) []Finding {
	t.Helper()
	s, err := spec.Load(context.Background(), root, spec.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cfg := &Config{Rules: map[string]Severity{}, Extends: []string{All, DigitalOcean}}
	for _, r := range Rules() {
		if only != nil && r.ID != *only {
			cfg.Rules[r.ID] = Off
		}
	}
	res, err := Run(s, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return res.Findings
}

func findingsAt(t *testing.T, root, rule, file string, line int) bool {
	t.Helper()
	for _, f := range runRules(t, root, &rule) {
		if f.Pos.File == file && f.Pos.Line == line {
			return true
		}
	}
	return false
}

// nativeAt runs DO's .spectral.yml (and its JavaScript functions) on root
// and tells whether rule is reported at file:line; ok is false when the
// ruleset has no such rule.
func nativeAt(t *testing.T, root, rule, file string, line int) (found, ok bool) {
	t.Helper()
	rs, err := spectral.Load(filepath.Join(testenv.Shared(t), "current", ".spectral.yml"))
	if err != nil {
		t.Fatal(err)
	}
	sev, has := rs.Builtin[rule]
	has = has && sev != spectral.Off
	for _, r := range rs.Rules {
		has = has || r.Name == rule
	}
	if !has {
		return false, false
	}
	s, err := spec.Load(context.Background(), root, spec.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cfg := &Config{}
	if err := cfg.UseSpectral(rs); err != nil {
		t.Fatal(err)
	}
	res, err := Run(s, cfg)
	if err != nil {
		t.Fatal(err)
	}
	var near []string
	for _, f := range res.Findings {
		if f.Rule == rule && f.Pos.File == file && f.Pos.Line == line {
			return true, true
		}
		if f.Rule == rule {
			near = append(near, f.Pos.String()+" "+f.Message)
		}
	}
	t.Logf("%s natively: %d findings elsewhere, e.g. %v", rule, len(near), near[:min(3, len(near))])
	return false, true
}

func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}
