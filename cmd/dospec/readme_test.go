package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dospec/dospec/internal/golden"
	"github.com/dospec/dospec/internal/testdata"
	"github.com/dospec/dospec/lint"
)

// TestReadmeRulesTable keeps README's rules table generated from the
// registry; go test ./... -update rewrites it.
func TestReadmeRulesTable(t *testing.T) {
	path := filepath.Join(testdata.ProjectRoot(), "README.md")
	readme, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const start, end = "<!-- rules:start -->\n", "<!-- rules:end -->"
	i, j := bytes.Index(readme, []byte(start)), bytes.Index(readme, []byte(end))
	if i < 0 || j < i {
		t.Fatal("README.md has no <!-- rules:start --> … <!-- rules:end --> section")
	}
	var b strings.Builder
	b.WriteString("| rule | default | checks |\n|---|---|---|\n")
	for _, r := range lint.Rules() {
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", r.ID, r.Severity, strings.ReplaceAll(r.Title, "|", `\|`))
	}
	table := b.String()
	if got := string(readme[i+len(start) : j]); got != table {
		if golden.Updating() {
			out := append(append(append([]byte{}, readme[:i+len(start)]...), table...), readme[j:]...)
			if err := os.WriteFile(path, out, 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("README's rules table is out of date: run go test ./cmd/dospec -update")
	}
}
