package main

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dospec/dospec/diff"
	"github.com/dospec/dospec/internal/testenv"
	"github.com/dospec/dospec/lint"
)

// -f is --format (spectral's and oasdiff's spelling), and format names
// are read whatever their case.
func TestFormatShorthandAndCase(t *testing.T) {
	root := testenv.ExampleRoot()
	base, head := twoVersions(t)
	for _, c := range [][2][]string{
		{{"lint", root, "--format", "json"}, {"lint", root, "-f", "JSON"}},
		{{"diff", base, head, "--format", "markdown"}, {"diff", base, head, "-f", "Markdown"}},
		{{"bundle", root, "--format", "json"}, {"bundle", root, "-f", "Json"}},
	} {
		_, want, _ := dospec(t, c[0]...)
		code, got, stderr := dospec(t, c[1]...)
		if want == "" || got != want {
			t.Errorf("%v (exit %d, %s) differs from %v", c[1], code, stderr, c[0])
		}
	}
	code, _, stderr := dospec(t, "lint", root, "-f", "jsn")
	if code != exitUsage || !strings.Contains(stderr, `unknown --format "jsn" (did you mean "json"?)`) {
		t.Errorf("lint -f jsn: exit %d %q", code, stderr)
	}
	code, _, stderr = dospec(t, "diff", base, head, "-f", "markdwn")
	if code != exitUsage || !strings.Contains(stderr, `(did you mean "markdown"?)`) {
		t.Errorf("diff -f markdwn: exit %d %q", code, stderr)
	}
}

// gen takes --output like every other command; --out, its first spelling,
// still works.
func TestGenOutputFlag(t *testing.T) {
	for _, flag := range []string{"--output", "--out", "-o"} {
		dir := t.TempDir()
		code, _, stderr := dospec(t, "gen", testenv.ExampleRoot(), "--package", "example", flag, dir, "-q")
		if code != exitOK {
			t.Fatalf("%s: exit %d %s", flag, code, stderr)
		}
		if _, err := os.Stat(filepath.Join(dir, "client.go")); err != nil {
			t.Errorf("%s: %v", flag, err)
		}
	}
}

func TestDidYouMean(t *testing.T) {
	root := testenv.ExampleRoot()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"lint", root, "--formt", "json"}, "unknown flag: --formt (did you mean --format?)"},
		{[]string{"diff", root, root, "--changelg"}, "unknown flag: --changelg (did you mean --changelog?)"},
		{[]string{"gen", root, "--pakage", "x"}, "unknown flag: --pakage (did you mean --package?)"},
		{[]string{"lint", "--explain", "operation-tag"}, `no rule "operation-tag" (did you mean "operation-tags"?)`},
		{[]string{"diff", "--explain", "operation-remove"}, `no check "operation-remove" (did you mean "operation-removed"?)`},
		{[]string{"lint", root, "--fail-on", "warnig"}, `--fail-on "warnig" (did you mean "warning"?)`},
		{[]string{"diff", root, root, "--fail-on", "braking"}, `--fail-on "braking" (did you mean "breaking"?)`},
	} {
		code, _, stderr := dospec(t, c.args...)
		if code != exitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d %q, want %q", c.args, code, stderr, c.want)
		}
	}
	// Nothing near: no guess.
	if _, _, stderr := dospec(t, "lint", root, "--zzzzzz"); strings.Contains(stderr, "did you mean") {
		t.Errorf("a guess for --zzzzzz: %q", stderr)
	}
}

// --fail-on takes the documented aliases (warn, error for breaking) in any
// case, and refuses what is no level: never silently taken as something.
func TestFailOnAliases(t *testing.T) {
	root := writeSpec(t, map[string]string{"openapi.yaml": smallRoot, "resources/things_list.yml": smallOp})
	want, _, _ := dospec(t, "lint", root, "--fail-on", "warning")
	if want != exitFindings {
		t.Fatalf("--fail-on warning: exit %d", want)
	}
	for _, v := range []string{"warn", "WARNING", "Warn"} {
		if code, _, stderr := dospec(t, "lint", root, "--fail-on", v); code != want {
			t.Errorf("lint --fail-on %s: exit %d %s, want %d", v, code, stderr, want)
		}
	}
	for _, v := range []string{"hint", "Hint", "HINT", "info", "information"} {
		if code, _, stderr := dospec(t, "lint", root, "--fail-on", v); code != exitFindings {
			t.Errorf("lint --fail-on %s: exit %d %s", v, code, stderr)
		}
	}
	for _, v := range []string{"off", "sometimes", "", "breaking"} {
		if code, _, _ := dospec(t, "lint", root, "--fail-on", v); code != exitUsage {
			t.Errorf("lint --fail-on %q: exit %d, want %d", v, code, exitUsage)
		}
	}
	base, head := twoVersions(t)
	for _, v := range []string{"breaking", "error", "Breaking"} {
		if code, _, stderr := dospec(t, "diff", base, head, "--fail-on", v); code != exitFindings {
			t.Errorf("diff --fail-on %s: exit %d %s", v, code, stderr)
		}
	}
	for _, v := range []string{"hint", "Hint", "ignore", "off"} {
		if code, _, _ := dospec(t, "diff", base, head, "--fail-on", v); code != exitUsage {
			t.Errorf("diff --fail-on %s: exit %d, want %d", v, code, exitUsage)
		}
	}
}

// Every alias the parsers take is named in --fail-on's help: none is
// taken silently.
func TestFailOnAliasesDocumented(t *testing.T) {
	root := newRootCmd(&streams{In: strings.NewReader(""), Out: io.Discard, Err: io.Discard})
	for cmdName, names := range map[string][]string{"lint": lint.SeverityNames, "diff": diff.LevelNames} {
		cmd, _, err := root.Find([]string{cmdName})
		if err != nil {
			t.Fatal(err)
		}
		usage := cmd.Flags().Lookup("fail-on").Usage
		for _, n := range names {
			if n == "off" || n == "ignore" {
				continue // a config level, refused by --fail-on (TestFailOnAliases)
			}
			if !regexp.MustCompile(`\b` + n + `\b`).MatchString(usage) {
				t.Errorf("%s --fail-on takes %q but its help does not say so: %q", cmdName, n, usage)
			}
		}
	}
}

// complete asks cobra's hidden __complete command, as the shell scripts do.
func complete(t *testing.T, args ...string) (values []string, directive string) {
	t.Helper()
	code, out, stderr := dospec(t, append([]string{"__complete"}, args...)...)
	if code != exitOK {
		t.Fatalf("__complete %v: exit %d %s", args, code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	for _, l := range lines[:len(lines)-1] {
		v, _, _ := strings.Cut(l, "\t")
		values = append(values, v)
	}
	return values, lines[len(lines)-1]
}

func TestCompletion(t *testing.T) {
	has := func(what string, got []string, want ...string) {
		t.Helper()
		for _, w := range want {
			found := false
			for _, g := range got {
				found = found || g == w
			}
			if !found {
				t.Errorf("%s: %q not offered in %v", what, w, got)
			}
		}
	}
	got, _ := complete(t, "lint", "--format", "")
	has("lint --format", got, lint.Formats...)
	got, _ = complete(t, "diff", "-f", "")
	has("diff -f", got, diff.Formats...)
	got, _ = complete(t, "lint", "--fail-on", "")
	has("lint --fail-on", got, "error", "warning", "info", "hint", "none")
	got, _ = complete(t, "diff", "--fail-on", "")
	has("diff --fail-on", got, "breaking", "warning", "info", "none")
	got, _ = complete(t, "lint", "--explain", "")
	has("lint --explain", got, lint.IDs()...)
	got, _ = complete(t, "diff", "--explain", "")
	has("diff --explain", got, diff.CheckIDs()...)
	// Spec files: the shell filters by extension (directive 8,
	// ShellCompDirectiveFilterFileExt).
	for _, cmd := range []string{"bundle", "lint", "gen", "diff"} {
		got, dir := complete(t, cmd, "")
		has(cmd+" ROOT", got, "yaml", "yml", "json")
		if dir != ":8" {
			t.Errorf("%s ROOT: directive %s, want :8 (filter by extension)", cmd, dir)
		}
	}
}

// --list-rules and --list-checks speak JSON for tools.
func TestListsAsJSON(t *testing.T) {
	var rules struct {
		Version int
		Rules   []struct{ ID, Severity, Title, Doc, Bad, Good string }
	}
	code, out, stderr := dospec(t, "lint", "--list-rules", "-f", "json")
	if code != exitOK {
		t.Fatalf("exit %d %s", code, stderr)
	}
	if err := json.Unmarshal([]byte(out), &rules); err != nil {
		t.Fatalf("lint --list-rules --format json: %v\n%s", err, out)
	}
	if len(rules.Rules) != len(lint.Rules()) || rules.Rules[0].ID != lint.Rules()[0].ID || rules.Rules[0].Doc == "" {
		t.Errorf("rules: %d of %d, first %+v", len(rules.Rules), len(lint.Rules()), rules.Rules[0])
	}
	var checks struct {
		Checks []struct{ ID, Level, Title, Doc string }
	}
	_, out, _ = dospec(t, "diff", "--list-checks", "--format", "json")
	if err := json.Unmarshal([]byte(out), &checks); err != nil || len(checks.Checks) != len(diff.Checks()) {
		t.Errorf("diff --list-checks --format json: %v, %d checks\n%s", err, len(checks.Checks), out)
	}
	if code, _, _ := dospec(t, "lint", "--list-rules", "--format", "sarif"); code != exitUsage {
		t.Errorf("--list-rules --format sarif: exit %d, want %d", code, exitUsage)
	}
}

// lint takes several roots and reports them in one summary, naming files
// from the working directory so that both specs' files stay apart.
func TestLintSeveralRoots(t *testing.T) {
	a := writeSpec(t, map[string]string{"openapi.yaml": smallRoot, "resources/things_list.yml": smallOp})
	b := writeSpec(t, map[string]string{"openapi.yaml": smallRoot, "resources/things_list.yml": strings.Replace(smallOp, "summary: List things\n", "", 1)})
	_, one, _ := dospec(t, "lint", a, "-q", "--fail-on", "none")
	code, both, stderr := dospec(t, "lint", a, b, "--fail-on", "warning")
	if code != exitFindings {
		t.Fatalf("exit %d %s", code, stderr)
	}
	if n := strings.Count(both, " problems ("); n != 1 {
		t.Errorf("%d summaries, want one:\n%s", n, both)
	}
	for _, root := range []string{a, b} {
		if !strings.Contains(both, filepath.ToSlash(filepath.Join(fileBase(root), "resources", "things_list.yml"))+":") {
			t.Errorf("no finding named from the working directory for %s:\n%s", root, both)
		}
	}
	if !strings.Contains(both, "operation-summary") || strings.Contains(one, "operation-summary") {
		t.Errorf("the second root's own finding is missing:\n%s", both)
	}
	if code, _, _ := dospec(t, "lint", a, b, "--write-baseline", filepath.Join(t.TempDir(), "b.json")); code != exitUsage {
		t.Errorf("--write-baseline with two roots: exit %d, want %d", code, exitUsage)
	}
}

// "bundled 1 file", not "1 files".
func TestBundledOneFile(t *testing.T) {
	root := writeSpec(t, map[string]string{"openapi.yaml": "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\n"})
	code, _, stderr := dospec(t, "bundle", root, "-o", filepath.Join(t.TempDir(), "out.yaml"))
	if code != exitOK || !strings.Contains(stderr, "bundled 1 file into ") {
		t.Errorf("exit %d %q", code, stderr)
	}
}
