package testenv

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// MemReader serves a spec from memory, by slash path relative to the
// root's folder; it satisfies spec.Reader, so fuzzing never touches disk.
type MemReader map[string][]byte

// ReadFile returns the file at loc.
func (m MemReader) ReadFile(loc string, max int64) ([]byte, error) {
	data, ok := m[path.Clean(loc)]
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: loc, Err: fs.ErrNotExist}
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%s: file is larger than %d bytes", loc, max)
	}
	return data, nil
}

// Archive reads a fuzz input, a txtar archive, as a multi-file spec: its
// files and the root (the comment's "root:" line, else openapi.yaml, else
// the first file). An input with no files is one root file, openapi.yaml.
func Archive(data []byte) (root string, files MemReader) {
	ar := txtar.Parse(data)
	files = MemReader{}
	for _, f := range ar.Files {
		files[path.Clean(f.Name)] = f.Data
	}
	if len(ar.Files) == 0 {
		files["openapi.yaml"] = data
		return "openapi.yaml", files
	}
	sc := bufio.NewScanner(strings.NewReader(string(ar.Comment)))
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "root:"); ok {
			root = path.Clean(strings.TrimSpace(v))
		}
	}
	if _, ok := files[root]; root != "" && ok {
		return root, files
	}
	if _, ok := files["openapi.yaml"]; ok {
		return "openapi.yaml", files
	}
	return path.Clean(ar.Files[0].Name), files
}

// FuzzSeeds adds every spec under testdata/specs as a seed archive: the
// txtar cases as they are, and each folder spec (the example, both sides
// of every diff case) packed into one archive.
func FuzzSeeds(f *testing.F) {
	for _, s := range SeedArchives(f) {
		f.Add(s)
	}
}

// SeedArchives are the archives FuzzSeeds adds, for fuzz targets that
// take two.
func SeedArchives(tb testing.TB) [][]byte {
	tb.Helper()
	specs := filepath.Join(ProjectRoot(), "testdata", "specs")
	var out [][]byte
	txtars, _ := filepath.Glob(filepath.Join(specs, "*", "*.txtar"))
	sort.Strings(txtars)
	for _, p := range txtars {
		data, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, data)
	}
	roots, _ := filepath.Glob(filepath.Join(specs, "diff", "*", "*", "openapi.yaml"))
	roots = append([]string{ExampleRoot()}, roots...)
	for _, root := range roots {
		out = append(out, packFolder(tb, filepath.Dir(root)))
	}
	if len(out) < 20 {
		tb.Fatalf("found %d seed specs under %s, want the whole corpus", len(out), specs)
	}
	return out
}

// packFolder packs the YAML files under dir into a txtar archive whose
// first file is openapi.yaml.
func packFolder(tb testing.TB, dir string) []byte {
	ar := &txtar.Archive{Comment: []byte("root: openapi.yaml\n")}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if ext := filepath.Ext(p); ext != ".yaml" && ext != ".yml" && ext != ".json" {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		ar.Files = append(ar.Files, txtar.File{Name: filepath.ToSlash(rel), Data: data})
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	sort.SliceStable(ar.Files, func(i, j int) bool {
		return ar.Files[i].Name == "openapi.yaml" && ar.Files[j].Name != "openapi.yaml"
	})
	return txtar.Format(ar)
}
