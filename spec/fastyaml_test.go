package spec

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	yaml "github.com/pb33f/go-yaml"

	"github.com/dospec/dospec/internal/testenv"
)

// fastDiff is the first difference between parseFast's tree and go-yaml's:
// the line of go-yaml's node and what differs there.
type fastDiff struct {
	line int
	msg  string
}

func (d *fastDiff) Error() string { return fmt.Sprintf("line %d: %s", d.line, d.msg) }

// diffNode returns the first difference between two trees, nil when they
// are equal in every field parseFast promises to match: kind, style, tag,
// value, anchor, position, comments and children.
func diffNode(got, want *yaml.Node, path string) *fastDiff {
	if got == nil || want == nil {
		if got != want {
			return &fastDiff{0, fmt.Sprintf("%s: nil mismatch (fast %v, go-yaml %v)", path, got != nil, want != nil)}
		}
		return nil
	}
	d := func(format string, args ...any) *fastDiff {
		return &fastDiff{want.Line, path + ": " + fmt.Sprintf(format, args...)}
	}
	switch {
	case got.Kind != want.Kind:
		return d("Kind %v, go-yaml %v", got.Kind, want.Kind)
	case got.Style != want.Style:
		return d("Style %v, go-yaml %v", got.Style, want.Style)
	case got.Tag != want.Tag:
		return d("Tag %q, go-yaml %q (value %q)", got.Tag, want.Tag, want.Value)
	case got.Value != want.Value:
		return d("Value %q, go-yaml %q", got.Value, want.Value)
	case got.Anchor != want.Anchor:
		return d("Anchor %q, go-yaml %q", got.Anchor, want.Anchor)
	case got.Line != want.Line || got.Column != want.Column:
		return d("at %d:%d, go-yaml %d:%d (value %q)", got.Line, got.Column, want.Line, want.Column, want.Value)
	case got.HeadComment != want.HeadComment || got.LineComment != want.LineComment || got.FootComment != want.FootComment:
		return d("comments %q/%q/%q, go-yaml %q/%q/%q", got.HeadComment, got.LineComment, got.FootComment,
			want.HeadComment, want.LineComment, want.FootComment)
	case (got.Alias == nil) != (want.Alias == nil) || (got.Stream == nil) != (want.Stream == nil):
		return d("Alias/Stream differ")
	case (got.Content == nil) != (want.Content == nil) || len(got.Content) != len(want.Content):
		return d("%d children (nil %v), go-yaml %d (nil %v)", len(got.Content), got.Content == nil, len(want.Content), want.Content == nil)
	}
	for i := range want.Content {
		if diff := diffNode(got.Content[i], want.Content[i], fmt.Sprintf("%s/%d", path, i)); diff != nil {
			return diff
		}
	}
	return nil
}

// checkFast parses src both ways. It returns an error when parseFast gives
// a tree go-yaml does not (a *fastDiff for a difference), and whether the
// fast path took the input.
func checkFast(src []byte) (fast bool, err error) {
	got, ferr := parseFast(src)
	if ferr != nil {
		if !errors.Is(ferr, errFallback) {
			return false, fmt.Errorf("parseFast returned %v, not errFallback", ferr)
		}
		return false, nil
	}
	var want yaml.Node
	if werr := yaml.Unmarshal(src, &want); werr != nil {
		return true, fmt.Errorf("parseFast gave a tree where go-yaml fails: %v", werr)
	}
	if d := diffNode(got, &want, "doc"); d != nil {
		return true, d
	}
	return true, nil
}

// fallbackReason guesses why parseFast left src to go-yaml, for the log.
func fallbackReason(src []byte) string {
	var want yaml.Node
	if err := yaml.Unmarshal(src, &want); err != nil {
		return "invalid YAML"
	}
	var comments, anchors bool
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		comments = comments || n.HeadComment != "" || n.LineComment != "" || n.FootComment != ""
		anchors = anchors || n.Anchor != "" || n.Kind == yaml.AliasNode
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(&want)
	switch {
	case comments:
		return "comments"
	case anchors:
		return "anchors/aliases"
	case bytes.ContainsRune(src, '\t'):
		return "tabs outside block scalars"
	case bytes.ContainsRune(src, '\r'):
		return "CR line ends"
	case want.Kind == 0:
		return "empty document"
	}
	return "other"
}

// fastStats counts, for the log, how the files of one corpus went.
type fastStats struct {
	fast, fallback int
	reasons        map[string]int
	others         []string
}

func (s *fastStats) add(t *testing.T, name string, src []byte) {
	t.Helper()
	fast, err := checkFast(src)
	var d *fastDiff
	switch {
	case errors.As(err, &d):
		t.Errorf("%s:%d: %s", name, d.line, d.msg)
	case err != nil:
		t.Errorf("%s: %v", name, err)
	}
	if fast {
		s.fast++
		return
	}
	s.fallback++
	if s.reasons == nil {
		s.reasons = map[string]int{}
	}
	r := fallbackReason(src)
	s.reasons[r]++
	if r == "other" {
		s.others = append(s.others, name)
	}
}

func (s *fastStats) log(t *testing.T, what string) {
	t.Helper()
	var rs []string
	for r, n := range s.reasons {
		rs = append(rs, fmt.Sprintf("%s %d", r, n))
	}
	sort.Strings(rs)
	t.Logf("%s: %d files fast, %d fell back (%s)", what, s.fast, s.fallback, strings.Join(rs, ", "))
	if len(s.others) > 0 {
		t.Logf("fell back for no known reason: %s", strings.Join(s.others[:min(len(s.others), 20)], " "))
	}
}

// doFiles reads every YAML file of the current DigitalOcean spec.
func doFiles(tb testing.TB) map[string][]byte {
	tb.Helper()
	root := filepath.Dir(testenv.DORoot(tb))
	files := map[string][]byte{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !isYAMLName(path) {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		files[filepath.ToSlash(rel)] = b
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return files
}

func isYAMLName(name string) bool {
	return strings.HasSuffix(name, ".yml") || strings.HasSuffix(name, ".yaml")
}

func sortedNames(m map[string][]byte) []string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func TestParseFastDO(t *testing.T) {
	files := doFiles(t)
	var st fastStats
	for _, name := range sortedNames(files) {
		st.add(t, name, files[name])
	}
	st.log(t, "current DO spec")
	if st.fast < len(files)*95/100 {
		t.Errorf("only %d of %d files took the fast path", st.fast, len(files))
	}
}

// TestParseFastHistory checks every YAML file of 12 older versions of the
// DO spec, spread over its history; a blob shared by versions is read once.
func TestParseFastHistory(t *testing.T) {
	repo := testenv.History(t)
	commits := fastHistoryCommits(t, repo)
	const samples = 12
	if len(commits) < samples {
		t.Fatalf("history has %d commits", len(commits))
	}
	seen := map[string]bool{}
	var st fastStats
	for i := range samples {
		rev := commits[i*(len(commits)-1)/(samples-1)]
		out, err := exec.Command("git", "-C", repo, "ls-tree", "-r", "-z", rev, "--", "specification").Output()
		if err != nil {
			t.Fatal(err)
		}
		g, err := NewGitReader(repo, rev)
		if err != nil {
			t.Fatal(err)
		}
		for _, rec := range strings.Split(string(out), "\x00") {
			meta, path, ok := strings.Cut(rec, "\t")
			f := strings.Fields(meta)
			if !ok || len(f) != 3 || f[1] != "blob" || !isYAMLName(path) || seen[f[2]] {
				continue
			}
			seen[f[2]] = true
			src, err := g.ReadFile(path, DefaultMaxFileSize)
			if err != nil {
				t.Fatalf("%s:%s: %v", rev[:12], path, err)
			}
			st.add(t, rev[:12]+":"+path, src)
		}
		g.Close()
	}
	st.log(t, fmt.Sprintf("%d history versions (%d distinct blobs)", samples, len(seen)))
}

// fastHistoryCommits lists, oldest first, the commits that hold the root file.
func fastHistoryCommits(t *testing.T, repo string) []string {
	const root = "specification/DigitalOcean-public.v2.yaml"
	added, err := exec.Command("git", "-C", repo, "log", "--format=%H", "--diff-filter=A", "--", root).Output()
	if err != nil {
		t.Fatal(err)
	}
	first := strings.Fields(string(added))
	if len(first) == 0 {
		t.Fatal("history never adds " + root)
	}
	out, err := exec.Command("git", "-C", repo, "rev-list", "--reverse", "--first-parent", first[len(first)-1]+"^..HEAD").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Fields(string(out))
}

func TestParseFastProjectTestdata(t *testing.T) {
	root := filepath.Join(testenv.ProjectRoot(), "testdata", "specs")
	var st fastStats
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		st.add(t, rel, b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	st.log(t, "testdata/specs")
	if st.fast == 0 {
		t.Error("no file took the fast path")
	}
}

// fastSnippets are tricky inputs; fast says whether parseFast must take
// them (false: it must fall back, usually because go-yaml rejects them or
// they hold something parseFast leaves to go-yaml).
var fastSnippets = []struct {
	src  string
	fast bool
}{
	// plain scalars and folding
	{"a: b\n", true},
	{"a: b", true},
	{"a: one two  three   \n", true},
	{"a: one\n  two\n\n  three\n\n\n  four\nb: x\n", true},
	{"- one\n two\n- three\n", true},
	{"a:\n- one\n two\n", true},
	{"hello\nworld\n", true},
	{"a: x\n  - y\n", true},
	{"a: b:c\n", true},
	{"a: :b\n", true},
	{"a: -b\n", true},
	{"a: ?b\n", true},
	{"a: b#c\n", true},
	{"url: http://example.com/a:b?c=d#e\n", true},
	{"a:b: c\n", true},
	{"a : b\n", true},
	{"a: b\n\n\n\nc: d\n", true},
	{"a: b   \nc: d  ", true},
	{"a: x\n  b: y\n", false},
	{"a: b: c\n", false},
	{"a: b\n c\n", true},
	{"a:\n  b\n  c: d\n", false},
	{"- a\nb\n", false},
	// single-quoted
	{"a: 'it''s'\n", true},
	{"a: ''\n", true},
	{"a: '  spaced  '\n", true},
	{"a: 'one\n  two\n\n  three  \n    four'\n", true},
	{"a: 'one\n\n\n'\n", true},
	{"a: 'x\nb: y\n", false},
	{"'a b': c\n", true},
	{"'a: b': c\n", true},
	{"'a\n b': c\n", false},
	{"a: 'x' y\n", false},
	// double-quoted and escapes
	{`a: "tab\there\nnew \"q\" \\ \x41 \u00e9 \U0001F600 \0 \a \b \v \f \r \e \  \N \_ \L \P \'"` + "\n", true},
	{`a: "\/"` + "\n", false},
	{`a: "\q"` + "\n", false},
	{`a: "\uD800"` + "\n", false},
	{`a: "\x4"` + "\n", false},
	{"a: \"line\\\n   continued\"\n", true},
	{"a: \"line\\\n\n   continued\"\n", true},
	{"a: \"one\n  two\n\n  three\"\n", true},
	{"a: \"x\\\n\"\n", true},
	{`"a": b` + "\n", true},
	{`"a":b` + "\n", false},
	{"a: \"x\n", false},
	// literal and folded block scalars
	{"a: |\n  x\n  y\n", true},
	{"a: |\n  x\n\n  y\n\n\nb: 1\n", true},
	{"a: |-\n  x\n\n", true},
	{"a: |+\n  x\n\n\nb: 1\n", true},
	{"a: |+\n  x", true},
	{"a: |\n  x", true},
	{"a: >\n  one\n  two\n\n  three\n   more\n  four\n", true},
	{"a: >\n   lead\n  x\n", false},
	{"a: >-\n  one\n\n   two\n  three\n\n", true},
	{"a: >+\n\n  one\n", true},
	{"a: |2\n    x\n   y\n", true},
	{"a: >-2\n   x\n  y\n", true},
	{"a: |1-\n  x\n", true},
	{"a: |0\n x\n", false},
	{"- |\n  x\n- >\n  y\n", true},
	{"a:\n- |\n x\n", true},
	{"a: |\n\n  x\n", true},
	{"a: |\n   \nb: 1\n", true},
	{"a: |\n     \n  text\n", false},
	{"a: |\nb: 1\n", true},
	{"a: |\n  x\n    \n  y\n", true},
	{"a: | # c\n  x\n", false},
	{"a: | x\n", false},
	{"|\n text\n", true},
	{"|1\n  x\n", true},
	{"a:\n- |2\n   x\n", true},
	{"- a: |1\n    x\n", true},
	{"a: >\n  x\n\n   y\n  z\n", true},
	{"a: |-\n  x\nb: |+\n  y\n\nc: >-\n\n  z\n", true},
	{">\n\n folded\n text\n", true},
	{"a: |\n  # not a comment\n  - nor a seq\n", true},
	// flow collections
	{"a: {b: c, d: [1, 2]}\n", true},
	{"a: {\n  b: 1,\n  c: [x,\n   y]\n}\nd: 2\n", true},
	{"a: [1,\n2]\nb: 3\n", true},
	{"a: []\nb: {}\n", true},
	{"a: [a, b, ]\n", true},
	{"a: {a: b, }\n", true},
	{"{a: }", true},
	{"{a}", true},
	{"{a, b: c}", true},
	{"{a:b}", true},
	{"{a:, b}", true},
	{"[a:b]", true},
	{"[-1, -a, -]", true},
	{`{"a":1, "b" : "c"}`, true},
	{"[a b, c\n d]", true},
	{"[[1, 2], [], {x: y}]", true},
	{"[a: b]", false},
	{"[, a]", false},
	{"[a, , b]", false},
	{"[a, b", false},
	{"{a\n: b}", false},
	{"{[a]: b}", true},
	{"[a] : b", false},
	{"a: [b] c\n", false},
	{"a: [? b]\n", false},
	{"a: {b: c}\n  d: e\n", false},
	// empty values and nulls
	{"a:\nb: ~\nc: null\nd: Null\ne: NULL\nf:\n", true},
	{"- \n- a\n-\n", true},
	{"a:\n  b:\n  c:\nd:\n", true},
	{"k:\n-\nfoo: 1\n", true},
	{"- \nfoo\n", false},
	{"a: \n- b\n", true},
	// documents
	{"---\na: b\n", true},
	{"\n\n---\n\na: b\n", true},
	{"--- \n- a\n", true},
	{"---", false},
	{"", false},
	{"\n\n  \n", false},
	{"--- a\n", false},
	{"a: 1\n---\nb: 2\n", false},
	{"a: 1\n...\n", false},
	{"%YAML 1.1\n---\na: 1\n", false},
	// numbers, bools, dates
	{"- 0x1F\n- 1_000\n- .inf\n- -.Inf\n- +.INF\n- .nan\n- 1e3\n- 1E-3\n- 18446744073709551615\n- 18446744073709551616\n" +
		"- 1e400\n- 0755\n- 08\n- 09.5\n- +1\n- -0\n- -0.0\n- +0\n- 0.5\n- .5\n- 1.\n- 0b101\n- 0o17\n- 0x_1F\n- 1__0\n" +
		"- _1\n- 1_\n- +.5\n- -\n- +\n- .\n- .e3\n- 1e\n- 0x\n- 9223372036854775808\n- -9223372036854775809\n- 1:20\n- 12e03\n", true},
	{"- 2024-01-01\n- \"2024-01-01\"\n- 2024-01-01T10:00:00Z\n- 2024-1-1\n- 2001-12-14 21:59:43.10\n- 2001-12-14t21:59:43.10-05:00\n" +
		"- 2024-13-01\n- 20240-01-01\n- 2024-01-01 \n- 2024-01-01T10:00:00\n", true},
	{"- yes\n- no\n- on\n- off\n- y\n- n\n- Y\n- N\n- true\n- True\n- TRUE\n- tRUE\n- false\n- False\n- FALSE\n- ~\n- <<\n- Yes\n- ON\n", true},
	{"true: 1\n1: true\n~: null\n", true},
	// sequences
	{"- - a\n  - b\n- c\n", true},
	{"- - - x\n", true},
	{"- a: 1\n  b: 2\n- c: 3\n", true},
	{"-   a: 1\n    b:\n    - x\n", true},
	{"a:\n- 1\n- 2\nb: 3\n", true},
	{"a:\n  - 1\n  - 2\n", true},
	{"a:\n- b: 1\n  c: 2\n- d\ne: 3\n", true},
	{"- a\n  - b\n", true},
	{"a: 1\n- x\n", false},
	{"a: - x\n", false},
	{"- a\n - b\n", true},
	{"a:\n  - x\n - y\n", false},
	// indentation
	{"  a: 1\n  b: 2\n", true},
	{"a:\n    b: 1\n  c: 2\n", false},
	{"a:\n  b: 1\n c: 2\n", false},
	{"a:\n  b:\n    c: 1\n  d: 2\ne: 3\n", true},
	// comments: only whole lines before the next entry, in its column
	{"a: 1\n# c\nb: 2\n", true},
	{"a: 1\n\n# c\nb: 2\n", true},
	{"a: 1\n\n# c\n\nb: 2\n", true},
	{"a: 1\n\n\n# c\n# d\n\n\n# e\n\n\nb: 2\n", true},
	{"a: 1\n\n#\n#  c  \n#d\nb: 2\n", true},
	{"a:\n  x: 1\n\n# c\nb: 2\n", true},
	{"a: |\n  x\n\n# c\nb: 1\n", true},
	{"a: |+\n  x\n\n\n# c\nb: 1\n", true},
	{"a: x\n  y\n\n# c\nb: 1\n", true},
	{"a: [1,\n 2]\n# c\nb: 1\n", true},
	{"x:\n  a: 1\n  # c\n  b: 2\n", true},
	{"- a\n# c\n- b\n", true},
	{"- a\n\n# c\n\n- 'b'\n", true},
	{"- name: a\n  d: x\n\n# c\n- name: b\n", true},
	{"- - a\n\n# c\n- - b\n", true},
	{"- a\n# c\n- |\n  b\n", true},
	{"- a\n# c\n- [b]\n", true},
	{"- a\n# c\n- {b: c}\n", true},
	{"x:\n  - a: 1\n    b:\n      c: 2\n\n  # c\n  - d: 3\n", true},
	{"a: 1\n" + strings.Repeat("\n", 600) + "# c\nb: 2\n", true},
	{"a: 1\n# c" + strings.Repeat("\n", 600) + "b: 2\n", false},
	{"a: b # c\n", false},
	{"# head\na: b\n", true},
	{"\n\n# c\n# d\na: b\n", true},
	{"  # c\n  a: b\n", true},
	{"---\n\n# c\na: b\n", true},
	{"# c\n---\na: b\n", false},
	{"# head\n\na: b\n", false},
	{"# c\n\n# d\na: b\n", false},
	{"# c\n- a\n", false},
	{"# c\nhello\n", false},
	{"a:\n  # c\n  b: 1\n", true},
	{"a:\n\n\n  # c\n\n  # d\n\n\n  b: 1\nc:\n  # e\n  d:\n    # f\n    g: 2\n", true},
	{"- a:\n    # c\n    b: 1\n", true},
	{"a:\n # c\n  b: 1\n", false},
	{"a:\n  # c\n  - b\n", false},
	{"a:\n  # c\n  b\n", false},
	{"a:\n# c\nb: 1\n", false},
	{"a:\n  # c\n", false},
	{"a: b\n# foot\n", false},
	{"a: 'b'#c\n", false},
	{"a: x\n# c\n\nb: 1\n", false},
	{"a: 1\n# c\n\n\n# e\n\nb: 2\n", false},
	{"a:\n  x: 1\n\n  # c\nb: 2\n", false},
	{"a: 1\n  # c\nb: 2\n", false},
	{"a:\n- x\n\n# c\nb: 1\n", false},
	{"-\n# c\n- b\n", false},
	{"- a\n# c\n-\n", false},
	{"- a\n# c\n-\n  b\n", false},
	{"a: [1, # c\n 2]\n", false},
	{"a: |\n  x\n  # c\nb: 1\n", true},
	{"a:\n  - x\n  # c\n  - y\n", true},
	{"a:\n- x\n# c\n- y\n", true},
	{"a:\n- x\n\n# c\n\n- y\nb: 1\n", true},
	{"a:\n- x\n# c\nb: 1\n", false},
	{"- a: 1\n  # c\n  'b': 2\n", true},
	{"a: {x: 1,\n  y: 2}\n# c\nb: 1\n", true},
	{"a: \"x\n  y\"\n\n# c\nb: 1\n", true},
	{"a:\n  b: |\n   x\n\n  # c\n\n  d: 1\n", true},
	{"a:\n  b: |+\n   x\n   \n\n  # c\n  d: 1\n", true},
	{"a:\n  b: x\n\n    y\n  # c\n  d: 1\n", true},
	{"x:\n  a:\n    b: 1\n  # c\n# d\ny: 2\n", false},
	{"x:\n  a:\n    b: 1\n\n  # c\n\ny: 2\n", false},
	{"---\n# c\n- a\n", false},
	{"a:\n  # c\n  b: 1\n  # d\n  c: 2\n# e\nd: 3\n", true},
	{"- # c\n  a: 1\n", false},
	{"a: # c\n  b: 1\n", false},
	{"é: 1\n# ü\nb: 2\n", true},
	// things parseFast leaves to go-yaml
	{"a: &x 1\nb: *x\n", false},
	{"a: !!str 1\n", false},
	{"? a\n: b\n", false},
	{"a:\n\tb: 1\n", false},
	{"a: 'x\ty'\n", false},
	{"a:\tb\n", false},
	// tabs are taken only as block scalar content
	{"a: |\n  x\ty\n   \tz\n", true},
	{"a: >\n  x\n  \ty\n  z\n", true},
	{"a: |2\n  \tx\n", true},
	{"a: |\n  \tx\n", false},
	{"a: |\n  x\n\ty\n", false},
	{"a: |\n  x\n \t\n", false},
	{"\ufeffa: 1\n", false},
	{"a: 1\r\nb: 2\r\n", false},
	{"a: \u0085x\n", false},
	{"a: @x\n", false},
	{"a: `x\n", false},
	{"a: ,x\n", false},
	// other text
	{"é: [ü, 'ö', {ä: ö}]\nключ: значение\n", true},
	{"- 'é': x\n  ü: [a,\n    ö]\n", true},
	{"a: 1\na: 2\n", true},
	{strings.Repeat("k", 1500) + ": v\n", true},
	{"<<: x\n", true},
	{"'q'\n", true},
	{"[a]\n", true},
}

func TestParseFastSnippets(t *testing.T) {
	for _, tc := range fastSnippets {
		fast, err := checkFast([]byte(tc.src))
		if err != nil {
			t.Errorf("%q: %v", tc.src, err)
		}
		if fast != tc.fast {
			t.Errorf("%q: fast path %v, want %v", tc.src, fast, tc.fast)
		}
	}
}

func TestIsYAMLFloat(t *testing.T) {
	re := regexp.MustCompile(`^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$`)
	for _, s := range []string{"", "1", "+1", "-", ".", ".5", "5.", "1.5e3", "1e", "1e+", "1e+5", "+.5e-3", "1.2.3", "e3", "1_0", "0x1"} {
		if got, want := IsYAMLFloat(s), re.MatchString(s); got != want {
			t.Errorf("IsYAMLFloat(%q) = %v, want %v", s, got, want)
		}
	}
}

// FuzzParseFast checks that for any input parseFast either falls back or
// gives exactly go-yaml's tree, and never panics.
func FuzzParseFast(f *testing.F) {
	for _, tc := range fastSnippets {
		f.Add([]byte(tc.src))
	}
	// A few small spec files give the fuzzer realistic structure to mutate.
	seeds, _ := filepath.Glob(filepath.Join(testenv.ProjectRoot(), "testdata", "specs", "example", "shared", "*", "*.yml"))
	for _, name := range seeds {
		if b, err := os.ReadFile(name); err == nil && len(b) < 4096 {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if _, err := checkFast(src); err != nil {
			t.Fatal(err)
		}
	})
}

// BenchmarkParseDO parses every file of the DO spec with go-yaml, with
// parseFast alone, and with parseFast falling back to go-yaml as the
// loader would.
func BenchmarkParseDO(b *testing.B) {
	files := doFiles(b)
	names := sortedNames(files)
	var size int64
	for _, n := range names {
		size += int64(len(files[n]))
	}
	b.Run("go-yaml", func(b *testing.B) {
		b.SetBytes(size)
		for b.Loop() {
			for _, n := range names {
				var doc yaml.Node
				if err := yaml.Unmarshal(files[n], &doc); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("fast", func(b *testing.B) {
		b.SetBytes(size)
		for b.Loop() {
			for _, n := range names {
				parseFast(files[n])
			}
		}
	})
	b.Run("fast+fallback", func(b *testing.B) {
		b.SetBytes(size)
		for b.Loop() {
			for _, n := range names {
				if _, err := parseFast(files[n]); err != nil {
					var doc yaml.Node
					if err := yaml.Unmarshal(files[n], &doc); err != nil {
						b.Fatal(err)
					}
				}
			}
		}
	})
}

// BenchmarkParseDOLoaderLike parses every DO file the way the loader does:
// on GOMAXPROCS workers, keeping every tree until all are parsed. The live
// heap and busy processors make its garbage collection cost what the
// loader's does, unlike BenchmarkParseDO's single goroutine.
func BenchmarkParseDOLoaderLike(b *testing.B) {
	files := doFiles(b)
	names := sortedNames(files)
	srcs := make([][]byte, len(names))
	for i, n := range names {
		srcs[i] = files[n]
	}
	parse := map[string]func(src []byte) *yaml.Node{
		"go-yaml": func(src []byte) *yaml.Node {
			var doc yaml.Node
			if err := yaml.Unmarshal(src, &doc); err != nil {
				b.Error(err)
			}
			return &doc
		},
		"fast+fallback": func(src []byte) *yaml.Node {
			doc, err := parseFast(src)
			if err != nil {
				doc = new(yaml.Node)
				if err := yaml.Unmarshal(src, doc); err != nil {
					b.Error(err)
				}
			}
			return doc
		},
	}
	for _, name := range []string{"go-yaml", "fast+fallback"} {
		fn := parse[name]
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				docs := make([]*yaml.Node, len(srcs))
				var next atomic.Int64
				var wg sync.WaitGroup
				for range runtime.GOMAXPROCS(0) {
					wg.Go(func() {
						for i := int(next.Add(1)) - 1; i < len(srcs); i = int(next.Add(1)) - 1 {
							docs[i] = fn(srcs[i])
						}
					})
				}
				wg.Wait()
			}
		})
	}
}
