package testdata

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// Case is one multi-file input from a txtar archive.
type Case struct {
	Name string
	Dir  string            // where the files were written
	Root string            // the root file (absolute)
	Want string            // the "want:" line of the comment
	Meta map[string]string // every "key: value" line of the comment
}

// ExtractTxtar writes the archive at path into a new temporary folder.
// The comment's "key: value" lines become Meta; "root:" names the root file.
// The placeholder @@INVALID_UTF8@@ becomes the bytes 0xff 0xfe, which a
// text archive cannot hold.
func ExtractTxtar(t testing.TB, path string) Case {
	t.Helper()
	ar, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	c := Case{
		Name: strings.TrimSuffix(filepath.Base(path), ".txtar"),
		Dir:  t.TempDir(),
		Meta: map[string]string{},
	}
	sc := bufio.NewScanner(strings.NewReader(string(ar.Comment)))
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), ":"); ok && !strings.Contains(k, " ") {
			c.Meta[k] = strings.TrimSpace(v)
		}
	}
	c.Want = c.Meta["want"]
	for _, f := range ar.Files {
		p := filepath.Join(c.Dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		data := []byte(strings.ReplaceAll(string(f.Data), "@@INVALID_UTF8@@", "\xff\xfe"))
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	root := c.Meta["root"]
	if root == "" {
		root = "openapi.yaml"
	}
	c.Root = filepath.Join(c.Dir, filepath.FromSlash(root))
	return c
}
