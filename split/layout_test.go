package split_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/dospec/dospec/internal/golden"
	"github.com/dospec/dospec/internal/testenv"
	"github.com/dospec/dospec/split"
)

// TestLayout splits testdata/specs/split/layout.yaml and compares the
// files written, names and contents, with golden/split/layout.txtar. The
// split spec must also mean what the source means.
func TestLayout(t *testing.T) {
	root := filepath.Join(testenv.ProjectRoot(), "testdata", "specs", "split", "layout.yaml")
	dir := t.TempDir()
	res, splitRoot := splitTo(t, root, dir)
	ar := &txtar.Archive{Comment: []byte("Files written by splitting testdata/specs/split/layout.yaml, in order.\n")}
	for _, f := range res.Files {
		ar.Comment = append(ar.Comment, f.Path+"\n"...)
	}
	for _, f := range res.Files {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Path)))
		if err != nil {
			t.Fatal(err)
		}
		ar.Files = append(ar.Files, txtar.File{Name: f.Path, Data: data})
	}
	golden.Check(t, "split/layout.txtar", txtar.Format(ar))

	var onDisk []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			onDisk = append(onDisk, filepath.ToSlash(rel))
		}
		return nil
	})
	if len(onDisk) != len(res.Files) {
		t.Errorf("%d files on disk, %d in the result: %v", len(onDisk), len(res.Files), onDisk)
	}
	if _, _, err := sameMeaning(bundled(t, root), bundled(t, splitRoot)); err != nil {
		t.Errorf("the split spec means something else: %v", err)
	}
	// Deterministic: a second split gives the same bytes.
	res2, _ := splitTo(t, root, t.TempDir())
	for i, f := range res.Files {
		a, _ := f.Bytes()
		b, _ := res2.Files[i].Bytes()
		if string(a) != string(b) || f.Path != res2.Files[i].Path {
			t.Errorf("%s: a second split differs", f.Path)
		}
	}
	pet, err := os.ReadFile(filepath.Join(dir, "components", "schemas", "Pet.yaml"))
	if err != nil || !strings.Contains(string(pet), "maximum: 18446744073709551615\n") {
		t.Errorf("Pet.yaml lost its exact maximum (%v):\n%s", err, pet)
	}
	if res.Files[0].Path != split.RootName {
		t.Errorf("the first file is %s, want the root", res.Files[0].Path)
	}
}
