package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dospec/dospec/diff"
	"github.com/dospec/dospec/internal/testenv"
)

// twoVersions writes a base and a head of a small spec: the head removes an
// enum value from a request (breaking) and adds a response property (info).
func twoVersions(t *testing.T) (base, head string) {
	op := func(enum, extra string) string {
		return `operationId: things_create
summary: Create a thing
requestBody:
  content:
    application/json:
      schema:
        type: object
        properties:
          size: {type: string, enum: [` + enum + `]}
responses:
  '201':
    description: created
    content:
      application/json:
        schema:
          type: object
          properties:
            id: {type: integer}` + extra + `
`
	}
	root := "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n  /v2/things:\n    post:\n      $ref: resources/things_create.yml\n"
	base = writeSpec(t, map[string]string{"openapi.yaml": root, "resources/things_create.yml": op("small, large", "")})
	head = writeSpec(t, map[string]string{"openapi.yaml": root, "resources/things_create.yml": op("small", "\n            name: {type: string}")})
	return base, head
}

func TestDiffExitCodesAndFormats(t *testing.T) {
	base, head := twoVersions(t)
	code, stdout, stderr := dospec(t, "diff", base, head)
	if code != exitFindings {
		t.Fatalf("exit %d, want %d: %s", code, exitFindings, stderr)
	}
	if !strings.Contains(stdout, `enum value "large" was removed`) || !strings.Contains(stdout, "resources/things_create.yml:") {
		t.Errorf("text report:\n%s", stdout)
	}
	if strings.Contains(stdout, "property-added") {
		t.Errorf("info shown without --changelog:\n%s", stdout)
	}
	if _, stdout, _ := dospec(t, "diff", base, head, "--changelog"); !strings.Contains(stdout, "property-added") {
		t.Errorf("--changelog misses the info change:\n%s", stdout)
	}
	if code, _, _ := dospec(t, "diff", base, head, "--fail-on", "none"); code != exitOK {
		t.Errorf("--fail-on none: exit %d", code)
	}
	if code, _, _ := dospec(t, "diff", base, base); code != exitOK {
		t.Errorf("no change: exit %d", code)
	}
	_, stdout, _ = dospec(t, "diff", base, head, "--format", "json", "--changelog")
	var rep struct {
		Version int           `json:"version"`
		Changes []diff.Change `json:"changes"`
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil || rep.Version != 1 || len(rep.Changes) < 2 {
		t.Errorf("json: %v %+v", err, rep)
	}
	if _, stdout, _ = dospec(t, "diff", base, head, "--format", "github"); !strings.HasPrefix(stdout, "::error file=") {
		t.Errorf("github: %q", stdout)
	}
	// The hidden marker comes first: the example workflow finds its comment by it.
	if _, stdout, _ = dospec(t, "diff", base, head, "--format", "markdown"); !strings.Contains(stdout, "| 🔴 breaking | 1 |") || !strings.HasPrefix(stdout, diff.MarkdownMarker+"\n") {
		t.Errorf("markdown:\n%s", stdout)
	}
	for _, args := range [][]string{{"diff", base}, {"diff", base, head, "--format", "xml"}, {"diff", "--head", "HEAD", base}, {"diff", base, head, "--fail-on", "loud"}} {
		if code, _, _ := dospec(t, args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
	if code, _, _ := dospec(t, "diff", base, filepath.Join(filepath.Dir(head), "missing.yaml")); code != exitUnreadable {
		t.Errorf("missing head: exit %d", code)
	}
	if _, stdout, _ = dospec(t, "diff", "--list-checks"); !strings.Contains(stdout, "request-enum-value-removed") {
		t.Error("--list-checks")
	}
}

func TestDiffConfigLevelsAndIgnores(t *testing.T) {
	base, head := twoVersions(t)
	dir := filepath.Dir(head)
	os.WriteFile(filepath.Join(dir, ".dospec.yaml"), []byte("diff:\n  checks:\n    request-enum-value-removed: warning\n"), 0o644)
	if code, _, _ := dospec(t, "diff", base, head); code != exitOK {
		t.Errorf("level lowered to warning: exit %d", code)
	}
	os.WriteFile(filepath.Join(dir, ".dospec.yaml"), []byte("diff:\n  ignore:\n    - check: request-enum-value-removed\n      path: \"$.paths\"\n"), 0o644)
	if code, _, stderr := dospec(t, "diff", base, head); code != exitUsage || !strings.Contains(stderr, "reason") {
		t.Errorf("ignore without reason: exit %d %q", code, stderr)
	}
	os.WriteFile(filepath.Join(dir, ".dospec.yaml"), []byte("diff:\n  ignore:\n    - check: request-enum-value-removed\n      path: \"$.paths\"\n      reason: nobody sends large\n"), 0o644)
	if code, stdout, _ := dospec(t, "diff", base, head); code != exitOK || !strings.Contains(stdout, "1 ignored") {
		t.Errorf("ignored change: exit %d\n%s", code, stdout)
	}
}

// TestDiffGitRevisions reads both versions from a repository's objects,
// without touching its work tree.
func TestDiffGitRevisions(t *testing.T) {
	base, head := twoVersions(t)
	repo := t.TempDir()
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", repo, "-c", "user.name=t", "-c", "user.email=t@example.com"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	spec := filepath.Join(repo, "spec")
	if err := copyDir(filepath.Dir(base), spec); err != nil {
		t.Fatal(err)
	}
	git("add", ".")
	git("commit", "-q", "-m", "base")
	os.RemoveAll(spec)
	if err := copyDir(filepath.Dir(head), spec); err != nil {
		t.Fatal(err)
	}
	git("add", ".")
	git("commit", "-q", "-m", "head")
	root := filepath.Join(spec, "openapi.yaml")
	code, stdout, stderr := dospec(t, "diff", "--base", "HEAD~1", "--head", "HEAD", root)
	if code != exitFindings || !strings.Contains(stdout, `"large" was removed`) {
		t.Errorf("git revisions: exit %d\n%s%s", code, stdout, stderr)
	}
	// Base from git, head from the work tree.
	if code, _, _ := dospec(t, "diff", "--base", "HEAD~1", root); code != exitFindings {
		t.Errorf("--base only: exit %d", code)
	}
	// Read from git or not, the spec's files in the work tree are the
	// user's: a report never replaces one.
	var files []string
	filepath.WalkDir(spec, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && p != root {
			files = append(files, p)
		}
		return nil
	})
	for _, out := range []string{root, files[0]} {
		before, _ := os.ReadFile(out)
		code, _, stderr := dospec(t, "diff", "--base", "HEAD~1", "--head", "HEAD", root, "-o", out)
		if after, _ := os.ReadFile(out); code != exitUsage || !strings.Contains(stderr, "would overwrite") || !bytes.Equal(before, after) {
			t.Errorf("-o %s: exit %d %q; want a refusal and the file unchanged", out, code, stderr)
		}
	}
	if code, _, stderr := dospec(t, "diff", "--base", "no-such-rev", root); code != exitUsage || !strings.Contains(stderr, "no-such-rev") {
		t.Errorf("bad revision: exit %d %q", code, stderr)
	}
}

// In a shallow clone (actions/checkout's default depth of 1) the base
// revision is not there: exit 3, the spec could not be read, with a hint
// that names the fix, rather than a usage error.
func TestDiffShallowClone(t *testing.T) {
	base, head := twoVersions(t)
	origin := t.TempDir()
	git := func(dir string, args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@example.com"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git(origin, "init", "-q")
	for _, side := range []string{base, head} {
		os.RemoveAll(filepath.Join(origin, "spec"))
		if err := copyDir(filepath.Dir(side), filepath.Join(origin, "spec")); err != nil {
			t.Fatal(err)
		}
		git(origin, "add", "-A")
		git(origin, "commit", "-q", "-m", side)
	}
	clone := filepath.Join(t.TempDir(), "clone")
	git(origin, "clone", "-q", "--depth", "1", "file://"+origin, clone)
	root := filepath.Join(clone, "spec", "openapi.yaml")
	code, _, stderr := dospec(t, "diff", "--base", "HEAD~1", root)
	if code != exitUnreadable || !strings.Contains(stderr, "shallow") || !strings.Contains(stderr, "fetch-depth: 0") {
		t.Errorf("shallow clone: exit %d %q, want %d and a hint", code, stderr, exitUnreadable)
	}
	// Fetched in full, the same command works.
	git(clone, "fetch", "-q", "--unshallow")
	if code, _, stderr := dospec(t, "diff", "--base", "HEAD~1", root); code != exitFindings {
		t.Errorf("after --unshallow: exit %d %q", code, stderr)
	}
}

func copyDir(src, dst string) error {
	return filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if info.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}

func TestDiffRealHistoryCLI(t *testing.T) {
	repo := testenv.History(t)
	root := filepath.Join(repo, "specification", "DigitalOcean-public.v2.yaml")
	code, stdout, stderr := dospec(t, "diff", "--base", "df5c4d3201a4^", "--head", "df5c4d3201a4", root, "--format", "markdown")
	if code != exitFindings || !strings.Contains(stdout, "WEAK") {
		t.Errorf("exit %d\n%s%s", code, stdout, stderr)
	}
}

// --explain shows a check's doc and its before/after example, taken from
// the check value.
func TestDiffExplain(t *testing.T) {
	for _, c := range diff.Checks() {
		code, stdout, _ := dospec(t, "diff", "--explain", c.ID)
		if code != exitOK || !strings.Contains(stdout, c.Doc) || !strings.Contains(stdout, "before: "+c.Before) || !strings.Contains(stdout, "after:  "+c.After) {
			t.Errorf("--explain %s: exit %d\n%s", c.ID, code, stdout)
		}
	}
}

// The PR comment names the spec and both versions, links file:line under
// --link-base and stays under --max-bytes, saying what it cut.
func TestDiffMarkdownComment(t *testing.T) {
	dir := filepath.Join(testenv.ProjectRoot(), "testdata", "specs", "diff", "request-limits-narrowed-3.1")
	base, head := filepath.Join(dir, "base", "openapi.yaml"), filepath.Join(dir, "head", "openapi.yaml")
	code, stdout, stderr := dospec(t, "diff", base, head, "-f", "markdown", "--link-base", "https://github.com/o/r/blob/abc", "--max-bytes", "1200")
	if code != exitFindings {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.SplitN(stdout, "\n", 3)
	if lines[0] != diff.MarkdownMarker || lines[1] != "### API changes: `openapi.yaml` (`"+base+"` → `"+head+"`)" {
		t.Errorf("header:\n%s", stdout)
	}
	if len(stdout) > 1200 || !strings.Contains(stdout, "more not shown (") || !strings.Contains(stdout, "](https://github.com/o/r/blob/abc/openapi.yaml#L") {
		t.Errorf("%d bytes:\n%s", len(stdout), stdout)
	}
	if _, full, _ := dospec(t, "diff", base, head, "-f", "markdown"); strings.Contains(full, "more not shown") || strings.Contains(full, "](") {
		t.Errorf("by default nothing of this small report is cut or linked:\n%s", full)
	}
	if code, _, stderr := dospec(t, "diff", base, head, "--max-bytes", "-1"); code != exitUsage || !strings.Contains(stderr, "--max-bytes") {
		t.Errorf("--max-bytes -1: exit %d %s", code, stderr)
	}
}
