package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dospec/dospec/diff"
	"github.com/dospec/dospec/internal/golden"
	"github.com/dospec/dospec/internal/testenv"
	"github.com/dospec/dospec/lint"
)

// readmeSection checks that README's <!-- name:start --> … <!-- name:end -->
// section is content; go test ./cmd/dospec -update rewrites it.
func readmeSection(t *testing.T, name, content string) {
	t.Helper()
	path := filepath.Join(testenv.ProjectRoot(), "README.md")
	readme, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	start, end := "<!-- "+name+":start -->\n", "<!-- "+name+":end -->"
	i, j := bytes.Index(readme, []byte(start)), bytes.Index(readme, []byte(end))
	if i < 0 || j < i {
		t.Fatalf("README.md has no %s … %s section", strings.TrimSpace(start), end)
	}
	if string(readme[i+len(start):j]) == content {
		return
	}
	if !golden.Updating() {
		t.Errorf("README's %s section is out of date: run go test ./cmd/dospec -update and review the diff", name)
		return
	}
	out := append(append(append([]byte{}, readme[:i+len(start)]...), content...), readme[j:]...)
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestReadmeRulesTable keeps README's rules table generated from the
// registry.
func TestReadmeRulesTable(t *testing.T) {
	var b strings.Builder
	b.WriteString("| rule | default | rulesets | checks |\n|---|---|---|---|\n")
	for _, r := range lint.Rules() {
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", r.ID, r.Severity, lint.SetsText(r), strings.ReplaceAll(r.Title, "|", `\|`))
	}
	readmeSection(t, "rules", b.String())
}

// TestReadmeChecksTable keeps README's table of diff checks generated from
// their registry.
func TestReadmeChecksTable(t *testing.T) {
	var b strings.Builder
	b.WriteString("| check | default level | finds |\n|---|---|---|\n")
	for _, c := range diff.Checks() {
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", c.ID, c.Level, strings.ReplaceAll(c.Title, "|", `\|`))
	}
	readmeSection(t, "checks", b.String())
}

// TestReadmeSamples keeps the output README shows for the example specs
// the output dospec gives today.
func TestReadmeSamples(t *testing.T) {
	root := "testdata/specs/example/openapi.yaml"
	abs := func(p string) string { return filepath.Join(testenv.ProjectRoot(), filepath.FromSlash(p)) }
	console := func(cmd, out string) string {
		return "```console\n$ " + cmd + "\n" + out + "```\n"
	}

	// bundle: the head of the file.
	_, out, _ := dospec(t, "bundle", abs(root))
	lines := strings.SplitAfter(out, "\n")
	readmeSection(t, "sample-bundle", console("dospec bundle "+root+" | head -20", strings.Join(lines[:20], "")))

	// lint: the first findings and the summary, run from the project's
	// root as the reader would (paths are named from the working folder).
	t.Chdir(testenv.ProjectRoot())
	_, out, _ = dospec(t, "lint", root)
	lines = strings.SplitAfter(out, "\n")
	sum := len(lines) - 1
	for sum > 0 && !strings.Contains(lines[sum], " problems (") {
		sum--
	}
	shown := strings.Join(lines[:4], "") + "…\n" + strings.Join(lines[sum:], "")
	readmeSection(t, "sample-lint", console("dospec lint "+root, shown))

	// gen: what it says, and the method a user calls.
	dir := t.TempDir()
	_, _, errOut := dospec(t, "gen", abs(root), "--package", "example", "-o", dir)
	errOut = strings.ReplaceAll(errOut, dir, "./example")
	src, err := os.ReadFile(filepath.Join(dir, "droplets.go"))
	if err != nil {
		t.Fatal(err)
	}
	var sig string
	for _, l := range strings.Split(string(src), "\n") {
		if strings.HasPrefix(l, "func (s *DropletsService) ") {
			sig += l[:strings.LastIndex(l, " {")] + "\n"
		}
	}
	readmeSection(t, "sample-gen", console("dospec gen "+root+" --package example -o ./example", errOut)+
		"\n```go\n// example/droplets.go\n"+sig+"```\n")
	// A reader who follows the tour must not be left with untracked files.
	ignored := exec.Command("git", "-C", testenv.ProjectRoot(), "check-ignore", "-q", "example/droplets.go")
	if err := ignored.Run(); err != nil {
		if _, ok := err.(*exec.ExitError); ok {
			t.Error("the tour's gen writes ./example, which .gitignore does not list")
		} else {
			t.Logf("git check-ignore: %v", err)
		}
	}

	// split: what it says, and the files it writes.
	out = filepath.Join(t.TempDir(), "layout")
	_, _, errOut = dospec(t, "split", abs("testdata/specs/split/layout.yaml"), "-o", out)
	var files []string
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(filepath.Dir(out), p)
			files = append(files, filepath.ToSlash(rel)+"\n")
		}
		return nil
	})
	readmeSection(t, "sample-split", console("dospec split testdata/specs/split/layout.yaml -o layout", strings.ReplaceAll(errOut, out, "layout"))+
		"\n"+console("find layout -type f | sort", strings.Join(files, "")))

	// diff: a shared schema changed under two operations.
	c := "testdata/specs/diff/shared-schema-two-operations"
	_, out, _ = dospec(t, "diff", abs(c+"/base/openapi.yaml"), abs(c+"/head/openapi.yaml"), "--changelog")
	readmeSection(t, "sample-diff", console("dospec diff "+c+"/{base,head}/openapi.yaml --changelog", out))
}
