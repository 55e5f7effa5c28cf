package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestLintDisplay: --display and -D choose what is shown (and what
// --fail-on sees); github and sarif leave hints and info out by default and
// say how many.
func TestLintDisplay(t *testing.T) {
	root := writeSpec(t, map[string]string{"openapi.yaml": smallRoot, "resources/things_list.yml": smallOp})
	_, all, _ := dospec(t, "lint", root, "--fail-on", "none")
	if !strings.Contains(all, "warning:") {
		t.Fatalf("the fixture has no warning:\n%s", all)
	}
	code, out, _ := dospec(t, "lint", root, "--display", "error")
	if code != exitOK || strings.Contains(out, "warning:") || !strings.Contains(out, "below error not shown") {
		t.Errorf("--display error: exit %d\n%s", code, out)
	}
	// -D shows what fails the build: with --fail-on warning, the warnings.
	code, out, _ = dospec(t, "lint", root, "-D", "--fail-on", "warning")
	if code != exitFindings || !strings.Contains(out, "warning:") {
		t.Errorf("-D --fail-on warning: exit %d\n%s", code, out)
	}
	code, out, _ = dospec(t, "lint", root, "-D")
	if code != exitOK || strings.Contains(out, "warning:") {
		t.Errorf("-D (fail-on error): exit %d\n%s", code, out)
	}
	if code, _, stderr := dospec(t, "lint", root, "-D", "--display", "all"); code != exitUsage {
		t.Errorf("-D with --display all: exit %d %s", code, stderr)
	}
	if code, _, stderr := dospec(t, "lint", root, "--display", "loud"); code != exitUsage || !strings.Contains(stderr, "--display") {
		t.Errorf("--display loud: exit %d %s", code, stderr)
	}
	// github: warnings by default, the rest counted on stderr.
	_, gh, stderr := dospec(t, "lint", root, "--format", "github", "--fail-on", "none")
	if strings.Contains(gh, "::notice") || !strings.Contains(gh, "::warning") {
		t.Errorf("github default: notices shown or warnings not:\n%s", gh)
	}
	if strings.Contains(all, "info:") && !strings.Contains(stderr, "below warning left out of the github report") {
		t.Errorf("github: no count of what was left out: %q", stderr)
	}
}

// TestLintPathsFromWorkingDir: every format names files from the folder
// dospec runs in, so editors and GitHub open them.
func TestLintPathsFromWorkingDir(t *testing.T) {
	root := writeSpec(t, map[string]string{"openapi.yaml": smallRoot, "resources/things_list.yml": smallOp})
	t.Chdir(filepath.Dir(filepath.Dir(root)))
	rel := filepath.Join(filepath.Base(filepath.Dir(root)), "openapi.yaml")
	want := filepath.ToSlash(filepath.Join(filepath.Base(filepath.Dir(root)), "resources", "things_list.yml"))
	for _, format := range []string{"text", "json", "github", "sarif"} {
		_, out, _ := dospec(t, "lint", rel, "--format", format, "--display", "all", "--fail-on", "none")
		if !strings.Contains(out, want) {
			t.Errorf("%s: no finding named %s:\n%s", format, want, out)
		}
	}
}

// TestLintNewFromRev: only findings on lines changed since the revision
// (and in files git does not track yet) are reported.
func TestLintNewFromRev(t *testing.T) {
	root := writeSpec(t, map[string]string{"openapi.yaml": smallRoot, "resources/things_list.yml": smallOp})
	dir := filepath.Dir(root)
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@example.com"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	git("add", ".")
	git("commit", "-q", "-m", "base")
	code, out, stderr := dospec(t, "lint", root, "--new-from-rev", "HEAD", "--fail-on", "hint")
	if code != exitOK || !strings.Contains(out, "no problems") {
		t.Fatalf("nothing changed: exit %d %s\n%s", code, stderr, out)
	}
	// Take the summary out of the operation: operation-summary fires on
	// the operation's first line, which did not change; the new operation
	// in a new file is new throughout.
	op := filepath.Join(dir, "resources", "things_list.yml")
	data, _ := os.ReadFile(op)
	os.WriteFile(op, []byte(strings.Replace(string(data), "summary: List things\n", "", 1)), 0o644)
	_, full, _ := dospec(t, "lint", root, "--fail-on", "none")
	if !strings.Contains(full, "operation-summary") {
		t.Fatalf("fixture: no operation-summary finding at all:\n%s", full)
	}
	_, out, _ = dospec(t, "lint", root, "--new-from-rev", "HEAD", "--fail-on", "none")
	if strings.Contains(out, "operation-summary") {
		t.Errorf("a finding on an unchanged line was reported:\n%s", out)
	}
	// A changed line: the security requirement now names a scope that is
	// not resource:action in lower case.
	data, _ = os.ReadFile(op)
	changed := strings.Replace(string(data), "- bearer_auth: []", "- bearer_auth: ['Thing:Read']", 1)
	if changed == string(data) {
		t.Fatalf("fixture changed: %s", data)
	}
	os.WriteFile(op, []byte(changed), 0o644)
	_, out, _ = dospec(t, "lint", root, "--new-from-rev", "HEAD", "--fail-on", "none")
	if !strings.Contains(out, "security-scope-format") || strings.Contains(out, "operation-summary") {
		t.Errorf("want only the finding on the changed line:\n%s", out)
	}
	// A file git does not track yet is new throughout.
	os.WriteFile(filepath.Join(dir, "openapi.yaml"), []byte(strings.Replace(smallRoot, "resources/things_list.yml", "resources/new_list.yml", 1)), 0o644)
	os.WriteFile(filepath.Join(dir, "resources", "new_list.yml"), []byte(strings.Replace(smallOp, "summary: List things\n", "", 1)), 0o644)
	_, out, _ = dospec(t, "lint", root, "--new-from-rev", "HEAD", "--fail-on", "none")
	if !strings.Contains(out, "new_list.yml:1:1: warning: GET") || !strings.Contains(out, "operation-summary") {
		t.Errorf("an untracked file's findings are missing:\n%s", out)
	}
	if code, _, stderr := dospec(t, "lint", root, "--new-from-rev", "no-such-rev"); code != exitUsage || !strings.Contains(stderr, "no-such-rev") {
		t.Errorf("bad revision: exit %d %q", code, stderr)
	}
}

// TestLintSpectralRuleset: a spectral ruleset runs natively, named with
// --ruleset, found as .spectral.yml from the root's folder up, or
// extended from .dospec.yaml; what it asks for and dospec does not do is
// said once on stderr.
func TestLintSpectralRuleset(t *testing.T) {
	ruleset := `extends: [[spectral:oas, off]]
rules:
  summary-short:
    description: Summaries are short
    message: "{{description}}: {{value}}"
    severity: error
    given: $.paths[*][*].summary
    then: {function: length, functionOptions: {max: 5}}
  odd-key: {given: $, then: {function: truthy}, colour: blue}
`
	root := writeSpec(t, map[string]string{"openapi.yaml": smallRoot, "resources/things_list.yml": smallOp, ".dospec.yaml": "lint: {}\n"})
	dir := filepath.Dir(root)
	os.WriteFile(filepath.Join(dir, "rules.yaml"), []byte(ruleset), 0o644)
	code, out, stderr := dospec(t, "lint", root, "--ruleset", filepath.Join(dir, "rules.yaml"))
	if code != exitFindings || !strings.Contains(out, "resources/things_list.yml:2:10: error: Summaries are short: List things (summary-short)") {
		t.Errorf("--ruleset: exit %d\n%s%s", code, out, stderr)
	}
	if strings.Count(stderr, `unknown key "colour"`) != 1 {
		t.Errorf("the unsupported key is not said once: %q", stderr)
	}
	// --list-rules lists its rules after dospec's own.
	if _, out, _ := dospec(t, "lint", "--list-rules", "--ruleset", filepath.Join(dir, "rules.yaml")); !strings.Contains(out, "summary-short") || !strings.Contains(out, "Summaries are short") {
		t.Errorf("--list-rules --ruleset:\n%s", out)
	}
	// Found from the root's folder up when .dospec.yaml does not choose.
	os.Remove(filepath.Join(dir, ".dospec.yaml"))
	os.WriteFile(filepath.Join(dir, ".spectral.yaml"), []byte(ruleset), 0o644)
	if code, out, _ := dospec(t, "lint", root); code != exitFindings || !strings.Contains(out, "(summary-short)") {
		t.Errorf(".spectral.yaml not found: exit %d\n%s", code, out)
	}
	// .dospec.yaml extends it beside dospec's rulesets (a ruleset that
	// does not turn spectral:oas off: the last word on a rule wins).
	os.Remove(filepath.Join(dir, ".spectral.yaml"))
	os.WriteFile(filepath.Join(dir, "own.yaml"), []byte(strings.Replace(ruleset, "extends: [[spectral:oas, off]]\n", "", 1)), 0o644)
	os.WriteFile(filepath.Join(dir, ".dospec.yaml"), []byte("lint:\n  extends: [digitalocean, ./own.yaml]\n"), 0o644)
	if code, out, _ := dospec(t, "lint", root); code != exitFindings || !strings.Contains(out, "(summary-short)") || !strings.Contains(out, "(security-scopes-present)") {
		t.Errorf("extends a ruleset file: exit %d\n%s", code, out)
	}
	os.WriteFile(filepath.Join(dir, "own.yaml"), []byte("rules:\n  bad: {given: paths, then: {function: truthy}}\n"), 0o644)
	if code, _, stderr := dospec(t, "lint", root); code != exitUsage || !strings.Contains(stderr, "own.yaml:2:3") || !strings.Contains(stderr, "does not start with $") {
		t.Errorf("a bad ruleset: exit %d %q", code, stderr)
	}
}
