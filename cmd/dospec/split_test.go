package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dospec/dospec/internal/testenv"
)

func splitFixture() string {
	return filepath.Join(testenv.ProjectRoot(), "testdata", "specs", "split", "layout.yaml")
}

// TestSplitThenBundle: split writes the layout and says so; bundle reads it.
func TestSplitThenBundle(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new", "spec")
	code, stdout, stderr := dospec(t, "split", splitFixture(), "-o", dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if stdout != "" || !strings.Contains(stderr, "split 1 file into 16 files under "+dir+": the root, 7 paths, 8 components") {
		t.Errorf("stdout %q, stderr %q", stdout, stderr)
	}
	for _, f := range []string{"openapi.yaml", "paths/pets_{petId}.yaml", "components/schemas/pet_2.yaml"} {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(f))); err != nil {
			t.Error(err)
		}
	}
	if code, _, stderr := dospec(t, "bundle", filepath.Join(dir, "openapi.yaml"), "-o", filepath.Join(t.TempDir(), "b.yaml"), "--validate"); code != exitOK {
		t.Errorf("bundle of the split spec: exit %d: %s", code, stderr)
	}
	// A multi-file spec is bundled first, then split.
	out := t.TempDir()
	code, _, stderr = dospec(t, "split", testenv.ExampleRoot(), "-o", out)
	if code != exitOK || !strings.Contains(stderr, "(bundled first)") {
		t.Errorf("multi-file spec: exit %d: %s", code, stderr)
	}
}

// TestSplitNeverOverwrites: a second split into the same folder, and a split
// whose root would land on the source itself, write nothing.
func TestSplitNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := dospec(t, "split", splitFixture(), "-o", dir, "-q"); code != exitOK || stderr != "" {
		t.Fatalf("exit %d: %q", code, stderr)
	}
	pet := filepath.Join(dir, "components", "schemas", "Pet.yaml")
	os.WriteFile(pet, []byte("edited\n"), 0o644)
	code, _, stderr := dospec(t, "split", splitFixture(), "-o", dir)
	if code != exitUsage || !strings.Contains(stderr, "never overwrites") || !strings.Contains(stderr, "components/schemas/Pet.yaml") {
		t.Errorf("second split: exit %d, stderr %q", code, stderr)
	}
	if b, _ := os.ReadFile(pet); string(b) != "edited\n" {
		t.Errorf("an existing file was overwritten: %q", b)
	}

	// The source is DIR/openapi.yaml: refused as a file of the spec.
	src := t.TempDir()
	root := filepath.Join(src, "openapi.yaml")
	data, _ := os.ReadFile(splitFixture())
	os.WriteFile(root, data, 0o644)
	code, _, stderr = dospec(t, "split", root, "-o", src)
	if code != exitUsage || !strings.Contains(stderr, "would overwrite") || !strings.Contains(stderr, "a file of the spec") {
		t.Errorf("split onto its source: exit %d, stderr %q", code, stderr)
	}
	if after, _ := os.ReadFile(root); !bytes.Equal(after, data) {
		t.Error("the source was changed")
	}
	if entries, _ := os.ReadDir(src); len(entries) != 1 {
		t.Errorf("a refused split wrote files: %v", entries)
	}
}

func TestSplitUsageAndErrors(t *testing.T) {
	for _, args := range [][]string{
		{"split"},
		{"split", splitFixture()},
		{"split", splitFixture(), "-o", "-"},
		{"split", "a.yaml", "b.yaml", "-o", t.TempDir()},
	} {
		if code, _, stderr := dospec(t, args...); code != exitUsage || stderr == "" {
			t.Errorf("%v: exit %d, want %d (%s)", args, code, exitUsage, stderr)
		}
	}
	c := testenv.ExtractTxtar(t, filepath.Join(testenv.ProjectRoot(), "testdata", "specs", "bad", "missing-file.txtar"))
	out := t.TempDir()
	if code, _, stderr := dospec(t, "split", c.Root, "-o", out); code != exitUnreadable || !positioned(c.Mask(stderr)) {
		t.Errorf("unreadable spec: exit %d, stderr %q", code, stderr)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("files written for a spec that does not load: %v", entries)
	}
	code, stdout, _ := dospec(t, "split", "--help")
	if code != exitOK {
		t.Fatalf("help: exit %d", code)
	}
	for _, want := range []string{"Examples:", "dospec split api.yaml -o spec/", "paths/pets_{petId}.yaml", "never overwrites", "../components/schemas/Pet.yaml"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("split --help lacks %q", want)
		}
	}
}
