package spec

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	yaml "github.com/pb33f/go-yaml"

	"github.com/dospec/dospec/internal/golden"
	"github.com/dospec/dospec/internal/testenv"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testenv.CleanupHistory()
	os.Exit(code)
}

func TestPosString(t *testing.T) {
	for _, tc := range []struct {
		p    Pos
		want string
	}{
		{Pos{"resources/droplets/droplets_list.yml", 41, 3}, "resources/droplets/droplets_list.yml:41:3"},
		{Pos{"a.yml", 2, 0}, "a.yml:2"},
		{Pos{"a.yml", 0, 0}, "a.yml"},
	} {
		if got := tc.p.String(); got != tc.want {
			t.Errorf("%#v: got %q want %q", tc.p, got, tc.want)
		}
	}
}

// checkPositions verifies every plain scalar sits in its file's source at
// the line and column the loader gives it.
func checkPositions(t *testing.T, s *Spec) int {
	t.Helper()
	checked, bad := 0, 0
	for _, f := range s.Files {
		lines := bytes.Split(f.Src, []byte("\n"))
		var walk func(n *yaml.Node)
		walk = func(n *yaml.Node) {
			if n.Kind == yaml.ScalarNode && n.Style == 0 && n.Value != "" {
				checked++
				// A plain scalar may be folded over lines: its first word
				// starts where the node does.
				word, _, _ := strings.Cut(n.Value, " ")
				if n.Line < 1 || n.Line > len(lines) || n.Column < 1 || n.Column > len(lines[n.Line-1]) ||
					!bytes.HasPrefix(lines[n.Line-1][n.Column-1:], []byte(word)) {
					if bad++; bad <= 5 {
						t.Errorf("%s: %q is not at that place", f.Pos(n), n.Value)
					}
				}
			}
			for _, c := range n.Content {
				walk(c)
			}
		}
		walk(f.Doc)
	}
	return checked
}

func TestExamplePositionsAndRefs(t *testing.T) {
	s, err := Load(context.Background(), testenv.ExampleRoot(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n := checkPositions(t, s); n < 500 {
		t.Errorf("only %d scalars checked", n)
	}
	// Every $ref, where it is written and what it names, for review.
	var lines []string
	for n, r := range s.refs {
		if r.Target == nil {
			t.Errorf("%s: unresolved", r.From.Pos(r.At))
			continue
		}
		if Get(n, "$ref") != r.At {
			t.Errorf("%s: ref recorded on the wrong node", r.From.Pos(r.At))
		}
		lines = append(lines, fmt.Sprintf("%s %s -> %s (%s)", r.From.Pos(r.At), r.Raw, r, r.File.Pos(r.Target)))
	}
	for _, r := range s.MappingRefs() {
		lines = append(lines, fmt.Sprintf("%s mapping %s -> %s (%s)", r.From.Pos(r.At), r.Raw, r, r.File.Pos(r.Target)))
	}
	sort.Strings(lines)
	golden.Check(t, "spec/example-refs.txt", []byte(strings.Join(lines, "\n")+"\n"))
}

func TestRealSpecPositions(t *testing.T) {
	s, err := Load(context.Background(), testenv.DORoot(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := checkPositions(t, s)
	// An operation written in its own file reports that file, line 1.
	paths := Get(s.Root.Doc, "paths")
	op, err := s.Deref(Node{File: s.Root, Node: Get(Get(paths, "/v2/droplets"), "get")})
	if err != nil {
		t.Fatal(err)
	}
	_, id := GetKey(op.Node, "operationId")
	if got := op.File.Pos(id).String(); got != "resources/droplets/droplets_list.yml:1:14" {
		t.Errorf("operationId of GET /v2/droplets at %s", got)
	}
	t.Logf("%d files, %d refs, %d scalars at their place", len(s.Files), s.RefCount(), n)
}

func TestRefErrorsListEveryProblemInOrder(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "openapi.yaml", "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    $ref: b.yml\n  /c:\n    $ref: missing.yml\n")
	write(t, dir, "b.yml", "get:\n  $ref: '#/nope'\n")
	_, err := Load(context.Background(), filepath.Join(dir, "openapi.yaml"), Options{})
	var list ErrorList
	if !errors.As(err, &list) || len(list) != 2 {
		t.Fatalf("want 2 errors, got %v", err)
	}
	if list[0].Pos.File != "b.yml" || list[1].Pos.File != "openapi.yaml" || list[1].Pos.Line != 7 {
		t.Errorf("errors not in position order: %v", err)
	}
	if !errors.Is(err, ErrNotFound) || !errors.Is(err, ErrPointer) {
		t.Errorf("causes not visible to errors.Is: %v", err)
	}
}

func TestSymlinkOutOfRootRefused(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "spec")
	os.Mkdir(dir, 0o755)
	write(t, base, "secret.yml", "description: outside\n")
	write(t, dir, "openapi.yaml", "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A:\n      $ref: link.yml\n")
	if err := os.Symlink(filepath.Join(base, "secret.yml"), filepath.Join(dir, "link.yml")); err != nil {
		t.Skip(err)
	}
	_, err := Load(context.Background(), filepath.Join(dir, "openapi.yaml"), Options{})
	if !errors.Is(err, ErrRefOutside) {
		t.Fatalf("symlink out of the root: got %v", err)
	}
	if _, err := Load(context.Background(), filepath.Join(dir, "openapi.yaml"), Options{AllowExternal: true}); err != nil {
		t.Errorf("with AllowExternal: %v", err)
	}
}

// TestSymlinkedFolders: a folder below the root that is a symlink out of
// it is refused, at any depth below it; one that leads to another folder of
// the spec is followed. (Folders are resolved from their parent's listing,
// so the symlink must be seen there.)
func TestSymlinkedFolders(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "spec")
	for _, d := range []string{filepath.Join(base, "outside", "deep"), filepath.Join(dir, "real", "deep")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write(t, base, "outside/deep/secret.yml", "description: outside\n")
	write(t, dir, "real/deep/model.yml", "description: inside\n")
	if err := os.Symlink(filepath.Join(base, "outside"), filepath.Join(dir, "out")); err != nil {
		t.Skip(err)
	}
	if err := os.Symlink(filepath.Join(dir, "real"), filepath.Join(dir, "alias")); err != nil {
		t.Skip(err)
	}
	for ref, want := range map[string]error{
		"out/deep/secret.yml":  ErrRefOutside,
		"alias/deep/model.yml": nil,
		"real/deep/model.yml":  nil,
	} {
		root := filepath.Join(dir, "openapi.yaml")
		write(t, dir, "openapi.yaml", "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A:\n      $ref: "+ref+"\n")
		_, err := Load(context.Background(), root, Options{})
		if want == nil && err != nil || want != nil && !errors.Is(err, want) {
			t.Errorf("$ref %s: got %v, want %v", ref, err, want)
		}
	}
}

func TestSizeLimit(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "openapi.yaml", "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A:\n      $ref: big.yml\n")
	write(t, dir, "big.yml", "description: "+strings.Repeat("x", 5000)+"\n")
	_, err := Load(context.Background(), filepath.Join(dir, "openapi.yaml"), Options{MaxFileSize: 4096})
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "big.yml") {
		t.Fatalf("got %v", err)
	}
}

// TestLoadEdges holds the sides of the loader's limits that the bad-input
// corpus (testdata/specs/bad) does not: what must still load.
func TestLoadEdges(t *testing.T) {
	const head = "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\n"
	nest := func(n int) string { return "x-deep: " + strings.Repeat("[", n) + strings.Repeat("]", n) + "\n" }
	for _, tc := range []struct {
		name, src string
		want      error // nil: must load
	}{
		{"trailing document marker", head + "---\n", nil},
		{"trailing marker and comment", head + "---\n# end\n", nil},
		{"document end marker", head + "...\n", nil},
		{"second document", head + "---\nx: 1\n", ErrSyntax},
		{"nesting at the limit", head + nest(maxDepth), nil},
		{"nesting past the limit", head + nest(maxDepth+1), ErrTooDeep},
		{"standard tags", head + "x-a: !!str 12\nx-b: ! text\nx-c: !!int \"3\"\nx-d: 2024-01-01\n", nil},
		{"merge key", head + "x-a: &a {type: string}\nx-b:\n  <<: *a\n  maxLength: 3\n", nil},
		{"binary tag", head + "x-a: !!binary aGVsbG8=\n", ErrTag},
		{"custom tag on a key", head + "x-a:\n  !include k: v\n", ErrTag},
		{"paths null", "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n", nil},
		{"paths a string", "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: /v2/x\n", ErrNotOpenAPI},
		{"components a list", head + "components: [schemas]\n", ErrNotOpenAPI},
		{"root a $ref", head + "$ref: '#/x-other'\nx-other: {}\n", ErrNotOpenAPI},
		{"paths a $ref to a string", "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {$ref: '#/x-p'}\nx-p: hello\n", ErrNotOpenAPI},
		{"paths a $ref to a mapping", "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {$ref: '#/x-p'}\nx-p: {}\n", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, "openapi.yaml", tc.src)
			_, err := Load(context.Background(), filepath.Join(dir, "openapi.yaml"), Options{})
			switch {
			case tc.want == nil && err != nil:
				t.Errorf("want success, got %v", err)
			case tc.want != nil && !errors.Is(err, tc.want):
				t.Errorf("want %v, got %v", tc.want, err)
			}
		})
	}
}

func TestWindowsAbsolutePathRefused(t *testing.T) {
	for _, ref := range []string{`C:\specs\a.yml`, `c:/specs/a.yml`, `\\host\share\a.yml`} {
		dir := t.TempDir()
		write(t, dir, "openapi.yaml", "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A:\n      $ref: '"+ref+"'\n")
		_, err := Load(context.Background(), filepath.Join(dir, "openapi.yaml"), Options{})
		if !errors.Is(err, ErrRefOutside) || !strings.Contains(err.Error(), "absolute") {
			t.Errorf("%s: got %v", ref, err)
		}
	}
}

func TestGitReaderMatchesGitShow(t *testing.T) {
	repo := testenv.History(t)
	g, err := NewGitReader(repo, "HEAD~100")
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	got, err := g.ReadFile("specification/DigitalOcean-public.v2.yaml", DefaultMaxFileSize)
	if err != nil {
		t.Fatal(err)
	}
	want, err := exec.Command("git", "-C", repo, "show", "HEAD~100:specification/DigitalOcean-public.v2.yaml").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("GitReader and git show disagree")
	}
	if _, err := g.ReadFile("specification/no-such-file.yml", DefaultMaxFileSize); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	// The work tree is never touched: the clone has none.
	s, err := Load(context.Background(), "specification/DigitalOcean-public.v2.yaml", Options{Reader: g})
	if err != nil {
		t.Fatal(err)
	}
	if s.Root.Path != "DigitalOcean-public.v2.yaml" || len(s.Files) < 100 {
		t.Errorf("root %q, %d files", s.Root.Path, len(s.Files))
	}
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
