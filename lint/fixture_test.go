package lint

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/dospec/dospec/internal/testenv"
	"github.com/dospec/dospec/spec"
)

// Fixtures under testdata/specs/lint/*.txtar carry their expectations on
// the offending lines, as analysistest does: `# want "rule-id"` (several
// ids may follow). The archive's comment says which rules to run
// (`rules: a, b`) and may give a config (`snake-case: strict`). Every
// finding must be wanted on its line and every want must be found.

var wantRe = regexp.MustCompile(`#\s*want((?:\s+"[^"]+")+)`)
var quoted = regexp.MustCompile(`"([^"]+)"`)

type expectation struct {
	file string
	line int
	rule string
}

func (e expectation) String() string { return fmt.Sprintf("%s:%d: %s", e.file, e.line, e.rule) }

func TestFixtures(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(testenv.ProjectRoot(), "testdata", "specs", "lint", "*.txtar"))
	if len(files) == 0 {
		t.Fatal("no lint fixtures")
	}
	covered := map[string]bool{}
	for _, f := range files {
		c := testenv.ExtractTxtar(t, f)
		rules := strings.FieldsFunc(c.Meta["rules"], func(r rune) bool { return r == ',' || r == ' ' })
		if len(rules) == 0 {
			t.Fatalf("%s: no rules: line in the comment", c.Name)
		}
		t.Run(c.Name, func(t *testing.T) {
			cfg := &Config{Rules: map[string]Severity{}, SnakeCase: c.Meta["snake-case"]}
			on := map[string]bool{}
			for _, id := range rules {
				if Lookup(id) == nil {
					t.Fatalf("unknown rule %q", id)
				}
				on[id] = true
			}
			for _, r := range Rules() {
				if !on[r.ID] {
					cfg.Rules[r.ID] = Off
				} else if r.Severity == Off {
					cfg.Rules[r.ID] = Warning
				}
			}
			s, err := spec.Load(context.Background(), c.Root, spec.Options{})
			if err != nil {
				t.Fatal(err)
			}
			res, err := Run(s, cfg)
			if err != nil {
				t.Fatal(err)
			}
			want := wants(t, c.Dir)
			got := map[expectation]string{}
			for _, f := range res.Findings {
				got[expectation{f.Pos.File, f.Pos.Line, f.Rule}] = f.Message
				covered[f.Rule] = true
			}
			for e, msg := range got {
				if !want[e] {
					t.Errorf("unexpected finding %s: %s", e, msg)
				}
			}
			var missing []string
			for e := range want {
				if _, ok := got[e]; !ok {
					missing = append(missing, e.String())
				}
			}
			sort.Strings(missing)
			for _, m := range missing {
				t.Errorf("missing finding %s", m)
			}
		})
	}
	// Every rule has a fixture in which it fires.
	if !t.Failed() {
		for _, r := range Rules() {
			if !covered[r.ID] {
				t.Errorf("rule %s has no fixture that makes it fire", r.ID)
			}
		}
	}
}

// wants reads the `# want "id"` comments of every file under dir.
func wants(t *testing.T, dir string) map[expectation]bool {
	out := map[expectation]bool{}
	filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, path)
		rel = filepath.ToSlash(rel)
		for i, line := range strings.Split(string(data), "\n") {
			m := wantRe.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			for _, q := range quoted.FindAllStringSubmatch(m[1], -1) {
				out[expectation{rel, i + 1, q[1]}] = true
			}
		}
		return nil
	})
	return out
}
