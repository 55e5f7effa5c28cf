package bundler

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dospec/dospec/internal/golden"
	"github.com/dospec/dospec/internal/testenv"
	"github.com/dospec/dospec/spec"
)

// TestBadInputs runs every case under testdata/specs/bad through the loader
// and the bundler: each must fail with one clear message naming the file,
// line and column (golden/bad/<case>.txt), or succeed when it says "want: ok".
// "position: none" excuses the line and column where there is none (the
// root given is a folder). cmd/dospec's TestBadInputsEveryCommand runs the
// same cases through lint, gen and diff.
func TestBadInputs(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(testenv.ProjectRoot(), "testdata", "specs", "bad", "*.txtar"))
	if len(files) < 42 {
		t.Fatalf("found %d bad-input cases, want the whole corpus", len(files))
	}
	for _, f := range files {
		c := testenv.ExtractTxtar(t, f)
		t.Run(c.Name, func(t *testing.T) {
			msg := bundleErr(c.Root)
			if c.Want == "ok" {
				if msg != "" {
					t.Fatalf("want success, got:\n%s", msg)
				}
				return
			}
			if msg == "" {
				t.Fatalf("want an error containing %q, got success", c.Want)
			}
			msg = c.Mask(msg)
			if !strings.Contains(strings.ToLower(msg), strings.ToLower(c.Want)) {
				t.Errorf("error %q does not mention %q", msg, c.Want)
			}
			if !hasPosition(msg) && c.Meta["position"] != "none" {
				t.Errorf("error %q does not start with file:line:col", msg)
			}
			golden.Check(t, "bad/"+c.Name+".txt", []byte(msg+"\n"))
		})
	}
}

func bundleErr(root string) string {
	s, err := spec.Load(context.Background(), root, spec.Options{MaxFileSize: 1 << 20})
	if err == nil {
		_, err = Bundle(s, Options{})
	}
	if err == nil {
		return ""
	}
	var se *spec.Error
	if !errors.As(err, &se) {
		return "not a *spec.Error: " + err.Error()
	}
	return err.Error()
}

// hasPosition reports whether every line starts with file:line:col.
func hasPosition(msg string) bool {
	for _, line := range strings.Split(msg, "\n") {
		parts := strings.SplitN(line, ":", 4)
		if len(parts) < 4 || parts[0] == "" || !isDigits(parts[1]) || !isDigits(parts[2]) {
			return false
		}
	}
	return true
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
