package diff

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dospec/dospec/internal/golden"
	"github.com/dospec/dospec/internal/testenv"
)

// Fixture pairs live in testdata/specs/diff/<case>/{base,head}/openapi.yaml
// with an expect.txt beside them: one check id per line that must be
// reported (optionally "id level" to pin the level), or "!id" that must
// not be. The full changelog of each case is a golden file under
// golden/diff/cases/.
func TestFixturePairs(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join(testenv.ProjectRoot(), "testdata", "specs", "diff", "*"))
	if len(dirs) == 0 {
		t.Fatal("no diff fixtures")
	}
	fired := map[string]bool{}
	for _, dir := range dirs {
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			res := compareFixture(t, name)
			got := map[string]Level{}
			for _, c := range res.Changes {
				got[c.Check] = max(got[c.Check], c.Level)
				fired[c.Check] = true
				if c.Base == nil && c.Head == nil {
					t.Errorf("%s: %q has no position", c.Check, c.Message)
				}
			}
			expect, err := os.ReadFile(filepath.Join(dir, "expect.txt"))
			if err != nil {
				t.Fatal(err)
			}
			sc := bufio.NewScanner(bytes.NewReader(expect))
			for sc.Scan() {
				line := strings.TrimSpace(sc.Text())
				if line == "" || strings.HasPrefix(line, "#") {
					continue
				}
				if id, ok := strings.CutPrefix(line, "!"); ok {
					if _, found := got[id]; found {
						t.Errorf("%s reported, want it not to be", id)
					}
					continue
				}
				f := strings.Fields(line)
				lvl, found := got[f[0]]
				if !found {
					t.Errorf("%s not reported", f[0])
					continue
				}
				if len(f) > 1 {
					want, err := ParseLevel(f[1])
					if err != nil {
						t.Fatal(err)
					}
					if lvl != want {
						t.Errorf("%s at level %s, want %s", f[0], lvl, want)
					}
				}
			}
			var buf bytes.Buffer
			if err := Write(&buf, res, Output{Format: "text", MinLevel: Info}); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, "diff/cases/"+name+".txt", buf.Bytes())
		})
	}
	if !t.Failed() {
		for _, c := range Checks() {
			if !fired[c.ID] {
				t.Errorf("check %s has no fixture pair that makes it fire", c.ID)
			}
		}
	}
}
