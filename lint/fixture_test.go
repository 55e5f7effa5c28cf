package lint

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/dospec/dospec/internal/testenv"
	"github.com/dospec/dospec/spec"
)

// Fixtures under testdata/specs/lint/*.txtar carry their expectations on
// the offending lines, as analysistest does:
//
//	name: # want property-description:3 `property "name" has no description`
//
// Each expectation is a rule id, optionally :COLUMN, optionally followed by a
// regexp the message must match (a Go string, "..." or `...`); a line may
// carry several. The archive's comment says which rules to run
// (`rules: a, b`) and may give a config (`snake-case: strict`). Every
// finding must match an expectation of its line, and every expectation
// must be met by exactly one finding.

// expectation is one item of a `# want` comment.
type expectation struct {
	file string
	line int
	rule string
	col  int            // 0: any column
	msg  *regexp.Regexp // nil: any message
}

func (e expectation) String() string {
	s := fmt.Sprintf("%s:%d: %s", e.file, e.line, e.rule)
	if e.col != 0 {
		s += fmt.Sprintf(" at column %d", e.col)
	}
	if e.msg != nil {
		s += fmt.Sprintf(" matching %q", e.msg)
	}
	return s
}

func (e expectation) matches(f Finding) bool {
	return f.Rule == e.rule && f.Pos.File == e.file && f.Pos.Line == e.line &&
		(e.col == 0 || f.Pos.Col == e.col) && (e.msg == nil || e.msg.MatchString(f.Message))
}

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
			cfg := &Config{Rules: map[string]Severity{}, SnakeCase: c.Meta["snake-case"], Extends: strings.Fields(strings.ReplaceAll(c.Meta["extends"], ",", " "))}
			on := map[string]bool{}
			for _, id := range rules {
				if Lookup(id) == nil {
					t.Fatalf("unknown rule %q", id)
				}
				on[id] = true
			}
			// The listed rules on (at their default severity), every other
			// off, whatever the rulesets say.
			for _, r := range Rules() {
				switch {
				case !on[r.ID]:
					cfg.Rules[r.ID] = Off
				case r.Severity == Off:
					cfg.Rules[r.ID] = Warning
				default:
					cfg.Rules[r.ID] = r.Severity
				}
			}
			s, err := spec.Load(context.Background(), c.Root, spec.Options{KeepGoing: true})
			if err != nil {
				t.Fatal(err)
			}
			res, err := Run(s, cfg)
			if err != nil {
				t.Fatal(err)
			}
			want := wants(t, c.Dir)
			met := make([]bool, len(want))
			for _, f := range res.Findings {
				covered[f.Rule] = true
				found := false
				for i, e := range want {
					if !met[i] && e.matches(f) {
						met[i], found = true, true
						break
					}
				}
				if !found {
					t.Errorf("unexpected finding %s:%d:%d: %s (%s)", f.Pos.File, f.Pos.Line, f.Pos.Col, f.Message, f.Rule)
				}
			}
			for i, e := range want {
				if !met[i] {
					t.Errorf("missing finding %s", e)
				}
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

// wants reads the `# want` comments of every file under dir, in file and
// line order.
func wants(t *testing.T, dir string) []expectation {
	var out []expectation
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		rel = filepath.ToSlash(rel)
		for i, line := range strings.Split(string(data), "\n") {
			_, text, ok := strings.Cut(line, "# want ")
			if !ok {
				continue
			}
			es, err := parseWant(text)
			if err != nil {
				return fmt.Errorf("%s:%d: %v", rel, i+1, err)
			}
			for _, e := range es {
				e.file, e.line = rel, i+1
				out = append(out, e)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

var wantRule = regexp.MustCompile(`^([A-Za-z0-9$_.-]+)(?::([0-9]+))?`)

// parseWant reads `rule[:col] ["regexp"] ...`.
func parseWant(text string) ([]expectation, error) {
	var out []expectation
	for text = strings.TrimSpace(text); text != ""; text = strings.TrimSpace(text) {
		m := wantRule.FindStringSubmatch(text)
		if m == nil {
			return nil, fmt.Errorf("want: expected a rule id at %q", text)
		}
		text = text[len(m[0]):]
		e := expectation{rule: m[1]}
		if Lookup(e.rule) == nil {
			return nil, fmt.Errorf("want: unknown rule %q", e.rule)
		}
		if m[2] != "" {
			e.col, _ = strconv.Atoi(m[2])
		}
		if rest := strings.TrimLeft(text, " "); rest != "" && (rest[0] == '"' || rest[0] == '`') {
			lit, err := strconv.QuotedPrefix(rest)
			if err != nil {
				return nil, fmt.Errorf("want: %v at %q", err, rest)
			}
			pat, _ := strconv.Unquote(lit)
			if e.msg, err = regexp.Compile(pat); err != nil {
				return nil, fmt.Errorf("want: %v", err)
			}
			text = rest[len(lit):]
		} else if text != "" && text[0] != ' ' {
			return nil, fmt.Errorf("want: unexpected %q after %s", text, m[0])
		}
		out = append(out, e)
	}
	return out, nil
}
