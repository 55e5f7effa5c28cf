package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dospec/dospec/internal/testenv"
)

// TestNoCommandOverwritesTheSpec runs every command that writes a file
// with its output aimed at a file of the spec: the root, a file it $refs,
// either side of a diff, and through a symlink. Each must refuse (exit 2)
// and leave every file as it was.
func TestNoCommandOverwritesTheSpec(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Dir(testenv.ExampleRoot()))); err != nil {
		t.Fatal(err)
	}
	root := filepath.Join(dir, filepath.Base(testenv.ExampleRoot()))
	var files []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !strings.HasPrefix(d.Name(), ".") { // spec files, not .dospec.yaml
			files = append(files, p)
		}
		return nil
	})
	if len(files) < 2 {
		t.Fatalf("want a multi-file spec, got %v", files)
	}
	other := files[0]
	if other == root {
		other = files[1]
	}
	link := filepath.Join(t.TempDir(), "report.txt")
	if err := os.Symlink(root, link); err != nil {
		t.Fatal(err)
	}
	before := map[string][]byte{}
	for _, f := range files {
		before[f], _ = os.ReadFile(f)
	}
	for _, args := range [][]string{
		{"bundle", root, "-o", root},
		{"bundle", root, "-o", other},
		{"lint", root, "-o", root},
		{"lint", root, "--format", "sarif", "-o", other},
		{"lint", root, "-o", link},
		{"lint", root, "--write-baseline", other},
		{"diff", root, root, "-o", root},
		{"diff", root, root, "-o", other},
		{"diff", root, root, "--format", "json", "-o", link},
	} {
		code, _, stderr := dospec(t, args...)
		if code != exitUsage || !strings.Contains(stderr, "would overwrite") {
			t.Errorf("%s: exit %d, stderr %q; want exit %d and a refusal", strings.Join(args, " "), code, stderr, exitUsage)
		}
		for _, f := range files {
			if got, _ := os.ReadFile(f); !bytes.Equal(got, before[f]) {
				t.Fatalf("%s changed %s", strings.Join(args, " "), f)
			}
		}
	}
	// A new file, and standard output, are written as before.
	out := filepath.Join(t.TempDir(), "report.json")
	if code, _, stderr := dospec(t, "lint", root, "--format", "json", "-o", out); code > exitFindings {
		t.Fatalf("lint to a new file: exit %d %s", code, stderr)
	}
	if b, err := os.ReadFile(out); err != nil || len(b) == 0 {
		t.Errorf("lint did not write %s: %v", out, err)
	}
}

// TestGenRefusesAnotherPackagesFolder: gen with its default folder and
// package beside a program's main.go writes nothing.
func TestGenRefusesAnotherPackagesFolder(t *testing.T) {
	dir := t.TempDir()
	mainGo := filepath.Join(dir, "main.go")
	os.WriteFile(mainGo, []byte("package main\n\nfunc main() {}\n"), 0o644)
	t.Chdir(dir)
	code, _, stderr := dospec(t, "gen", testenv.ExampleRoot())
	if code == exitOK || !strings.Contains(stderr, "another package") {
		t.Errorf("exit %d, stderr %q: want a refusal naming the other package", code, stderr)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("gen wrote beside main.go: %d entries", len(entries))
	}
}
