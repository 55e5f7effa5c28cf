package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dospec/dospec/internal/golden"
	"github.com/dospec/dospec/internal/testenv"
	"github.com/dospec/dospec/lint"
)

// TestLintFormatsGolden runs dospec lint on the example spec in every
// format and compares with golden/lint/.
func TestLintFormatsGolden(t *testing.T) {
	// Paths in the github and sarif formats are taken from the working
	// directory: run from the project root, as CI does.
	t.Chdir(testenv.ProjectRoot())
	for _, format := range lint.Formats {
		t.Run(format, func(t *testing.T) {
			// --display all: the example's findings are info, which the
			// github and sarif formats leave out by default.
			code, stdout, stderr := dospec(t, "lint", "testdata/specs/example/openapi.yaml", "--format", format, "--display", "all")
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			golden.Check(t, "lint/example."+format, []byte(stdout))
			switch format {
			case "json", "sarif":
				var v map[string]any
				if err := json.Unmarshal([]byte(stdout), &v); err != nil {
					t.Fatalf("not JSON: %v", err)
				}
			case "github":
				for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
					if !strings.HasPrefix(line, "::") || !strings.Contains(line, "file=testdata/specs/example/") {
						t.Errorf("not an annotation on a repository path: %q", line)
					}
				}
			}
		})
	}
}

// writeSpec lays out a small spec with known findings in a temp folder.
// doConfig is DigitalOcean's configuration: the generic rules and its
// house style (smallRoot and smallOp are written in that style).
const doConfig = "lint:\n  extends: [recommended, digitalocean]\n"

// writeSpec writes files into a new folder, with doConfig as its
// .dospec.yaml unless files has one, and returns openapi.yaml's path.
func writeSpec(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if _, ok := files[".dospec.yaml"]; !ok {
		files[".dospec.yaml"] = doConfig
	}
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "openapi.yaml")
}

const smallRoot = `openapi: 3.0.0
info: {title: t, version: "1", description: A small API.}
servers: [{url: "https://api.example.com"}]
tags:
  - {name: Things, description: Things.}
paths:
  /v2/things:
    get:
      $ref: resources/things_list.yml
components:
  securitySchemes:
    bearer_auth: {type: http, scheme: bearer}
`

const smallOp = `operationId: things_list
summary: List things
description: Lists things.
tags: [Things]
responses:
  '200':
    description: ok
    headers:
      ratelimit-limit: {schema: {type: integer}, example: 1}
      ratelimit-remaining: {schema: {type: integer}, example: 1}
      ratelimit-reset: {schema: {type: integer}, example: 1}
  '401': {description: no, headers: {ratelimit-limit: {schema: {type: integer}, example: 1}, ratelimit-remaining: {schema: {type: integer}, example: 1}, ratelimit-reset: {schema: {type: integer}, example: 1}}}
  '429': {description: no, headers: {ratelimit-limit: {schema: {type: integer}, example: 1}, ratelimit-remaining: {schema: {type: integer}, example: 1}, ratelimit-reset: {schema: {type: integer}, example: 1}}}
  '500': {description: no, headers: {ratelimit-limit: {schema: {type: integer}, example: 1}, ratelimit-remaining: {schema: {type: integer}, example: 1}, ratelimit-reset: {schema: {type: integer}, example: 1}}}
security:
  - bearer_auth: []
`

func TestLintFailOnAndExitCodes(t *testing.T) {
	root := writeSpec(t, map[string]string{"openapi.yaml": smallRoot, "resources/things_list.yml": smallOp})
	// bearer_auth: [] is a warning (security-scopes-present).
	code, stdout, _ := dospec(t, "lint", root)
	if code != exitOK || !strings.Contains(stdout, "security-scopes-present") {
		t.Fatalf("default --fail-on error: exit %d\n%s", code, stdout)
	}
	if !strings.Contains(stdout, "resources/things_list.yml:16:5: warning:") {
		t.Errorf("finding not at the source line:\n%s", stdout)
	}
	if code, _, _ := dospec(t, "lint", root, "--fail-on", "warning"); code != exitFindings {
		t.Errorf("--fail-on warning: exit %d, want %d", code, exitFindings)
	}
	if code, _, _ := dospec(t, "lint", root, "--fail-on", "none"); code != exitOK {
		t.Errorf("--fail-on none: exit %d", code)
	}
	missing := filepath.Join(filepath.Dir(root), "missing.yaml")
	if code, _, stderr := dospec(t, "lint", missing); code != exitUnreadable || !strings.Contains(stderr, missing+": no such file") {
		t.Errorf("missing root: exit %d %q", code, stderr)
	}
	for _, args := range [][]string{{"lint"}, {"lint", root, "--format", "xml"}, {"lint", root, "--fail-on", "sometimes"}, {"lint", "--explain", "no-such-rule"}} {
		if code, _, _ := dospec(t, args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
}

func TestLintConfigInlineAndBaseline(t *testing.T) {
	root := writeSpec(t, map[string]string{"openapi.yaml": smallRoot, "resources/things_list.yml": smallOp})
	dir := filepath.Dir(root)
	// A config in a parent folder is found; it turns the rule off.
	os.WriteFile(filepath.Join(dir, ".dospec.yaml"), []byte(doConfig+"  rules:\n    security-scopes-present: off\n"), 0o644)
	if _, stdout, _ := dospec(t, "lint", root); strings.Contains(stdout, "security-scopes-present") {
		t.Errorf("rule not turned off by .dospec.yaml:\n%s", stdout)
	}
	// An ignore entry needs a reason.
	os.WriteFile(filepath.Join(dir, ".dospec.yaml"), []byte(doConfig+"  ignore:\n    - rule: security-scopes-present\n      files: resources/**\n"), 0o644)
	if code, _, stderr := dospec(t, "lint", root); code != exitUsage || !strings.Contains(stderr, "reason") {
		t.Errorf("ignore without reason: exit %d %q", code, stderr)
	}
	os.WriteFile(filepath.Join(dir, ".dospec.yaml"), []byte(doConfig+"  ignore:\n    - rule: security-scopes-present\n      files: resources/**\n      reason: public list\n"), 0o644)
	if _, stdout, _ := dospec(t, "lint", root); strings.Contains(stdout, "security-scopes-present") || !strings.Contains(stdout, "1 suppressed") {
		t.Errorf("ignore entry did not apply:\n%s", stdout)
	}
	// Unknown keys and rules are errors, not silently ignored.
	os.WriteFile(filepath.Join(dir, ".dospec.yaml"), []byte("lint:\n  rulez: {}\n"), 0o644)
	want := `.dospec.yaml:2:3: unknown key "rulez" (did you mean "rules"?)`
	if code, _, stderr := dospec(t, "lint", root); code != exitUsage || !strings.Contains(stderr, want) {
		t.Errorf("unknown config key: exit %d %q, want %q", code, stderr, want)
	}
	os.WriteFile(filepath.Join(dir, ".dospec.yaml"), []byte("lint:\n  rules:\n    operation-tag: off\n"), 0o644)
	want = `.dospec.yaml:3:5: rules: unknown rule "operation-tag" (did you mean "operation-tags"?)`
	if code, _, stderr := dospec(t, "lint", root); code != exitUsage || !strings.Contains(stderr, want) {
		t.Errorf("unknown rule in config: exit %d %q, want %q", code, stderr, want)
	}
	// diff reads the same file: its section is checked alike.
	os.WriteFile(filepath.Join(dir, ".dospec.yaml"), []byte("diff:\n  checks:\n    operation-remove: warning\n"), 0o644)
	want = `.dospec.yaml:3:5: diff.checks: unknown check "operation-remove" (did you mean "operation-removed"?)`
	if code, _, stderr := dospec(t, "diff", root, root); code != exitUsage || !strings.Contains(stderr, want) {
		t.Errorf("unknown check in config: exit %d %q, want %q", code, stderr, want)
	}
	os.WriteFile(filepath.Join(dir, ".dospec.yaml"), []byte("diff:\n  checks:\n    operation-removed: breakin\n"), 0o644)
	want = `.dospec.yaml:3:24: unknown level "breakin" (did you mean "breaking"?)`
	if code, _, stderr := dospec(t, "diff", root, root); code != exitUsage || !strings.Contains(stderr, want) {
		t.Errorf("bad level in config: exit %d %q, want %q", code, stderr, want)
	}
	os.Remove(filepath.Join(dir, ".dospec.yaml"))

	// Inline suppression on the offending line.
	op := strings.Replace(smallOp, "  - bearer_auth: []", "  - bearer_auth: [] # dospec:ignore security-scopes-present public", 1)
	os.WriteFile(filepath.Join(dir, "resources", "things_list.yml"), []byte(op), 0o644)
	if _, stdout, _ := dospec(t, "lint", root); strings.Contains(stdout, "security-scopes-present") {
		t.Errorf("inline ignore did not apply:\n%s", stdout)
	}
	os.WriteFile(filepath.Join(dir, "resources", "things_list.yml"), []byte(smallOp), 0o644)

	// A baseline hides today's findings and only today's.
	base := filepath.Join(dir, "baseline.json")
	if code, _, stderr := dospec(t, "lint", root, "--write-baseline", base); code != exitOK || !strings.Contains(stderr, "wrote") {
		t.Fatalf("write baseline: %d %s", code, stderr)
	}
	os.WriteFile(filepath.Join(dir, ".dospec.yaml"), []byte("lint:\n  baseline: baseline.json\n"), 0o644)
	if code, stdout, _ := dospec(t, "lint", root, "--fail-on", "hint"); code != exitOK || !strings.Contains(stdout, "no problems") {
		t.Errorf("baselined findings reported (exit %d):\n%s", code, stdout)
	}
	broken := strings.Replace(smallOp, "summary: List things\n", "", 1)
	os.WriteFile(filepath.Join(dir, "resources", "things_list.yml"), []byte(broken), 0o644)
	code, stdout, _ := dospec(t, "lint", root, "--fail-on", "warning")
	if code != exitFindings || !strings.Contains(stdout, "operation-summary") || strings.Contains(stdout, "security-scopes-present") {
		t.Errorf("new finding not reported alone (exit %d):\n%s", code, stdout)
	}
}

func TestLintListAndExplain(t *testing.T) {
	_, stdout, _ := dospec(t, "lint", "--list-rules")
	for _, r := range lint.Rules() {
		if !strings.Contains(stdout, r.ID) {
			t.Errorf("--list-rules lacks %s", r.ID)
		}
	}
	code, _, _ := dospec(t, "lint", "--explain", "snake-case-does-not-exist")
	if code != exitUsage {
		t.Errorf("unknown rule: exit %d", code)
	}
	code, stdout, _ = dospec(t, "lint", "--explain", "operation-tags")
	if code != exitOK || !strings.Contains(stdout, "Bad:") || !strings.Contains(stdout, "Good:") || !strings.Contains(stdout, "warning") {
		t.Errorf("--explain:\n%s", stdout)
	}
}

func TestLintRealSpecCLI(t *testing.T) {
	root := testenv.DORoot(t)
	cfg := filepath.Join(t.TempDir(), ".dospec.yaml")
	os.WriteFile(cfg, []byte(doConfig), 0o644)
	code, stdout, stderr := dospec(t, "lint", root, "--format", "json", "--config", cfg)
	if code != exitOK {
		// With DO's configuration its spec has no error (DO's ruleset
		// leaves /<upload_url> out of path-must-include-version).
		t.Errorf("exit %d (stderr %q)", code, stderr)
	}
	var rep struct {
		Findings []lint.Finding `json:"findings"`
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) < 50 {
		t.Errorf("%d findings", len(rep.Findings))
	}
}
