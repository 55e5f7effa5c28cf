// Package golden compares test output with files under golden/ at the
// project root. `go test ./... -update` rewrites them; every change to a
// golden file is then reviewed in the diff like code.
package golden

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dospec/dospec/internal/testenv"
)

var update = flag.Bool("update", false, "rewrite golden files with the current output")

// Path is the golden file for name (slash-separated, under golden/).
func Path(name string) string {
	return filepath.Join(testenv.ProjectRoot(), "golden", filepath.FromSlash(name))
}

// Check compares got with golden/name, or writes it with -update.
func Check(t testing.TB, name string, got []byte) {
	t.Helper()
	p := Path(name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("golden file %s: %v (run go test ./... -update to create it)", name, err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("output differs from golden/%s (-want +got):\n%s\nIf the change is intended, run go test ./... -update and review the diff.",
			name, cmp.Diff(string(want), string(got)))
	}
}

// Updating reports whether -update was given.
func Updating() bool { return *update }
