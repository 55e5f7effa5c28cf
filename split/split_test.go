package split_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dospec/dospec/bundler"
	"github.com/dospec/dospec/internal/testenv"
	"github.com/dospec/dospec/spec"
	"github.com/dospec/dospec/split"
)

// splitTo splits the spec at root into dir and returns the split root.
func splitTo(t testing.TB, root, dir string) (*split.Result, string) {
	t.Helper()
	s, err := spec.Load(context.Background(), root, spec.Options{})
	if err != nil {
		t.Fatalf("load %s: %v", root, err)
	}
	res, err := split.Split(context.Background(), s)
	if err != nil {
		t.Fatalf("split %s: %v", root, err)
	}
	if err := res.Write(dir); err != nil {
		t.Fatalf("write %s: %v", dir, err)
	}
	return res, filepath.Join(dir, split.RootName)
}

// TestRoundTripWorld splits every world spec that loads today, loads the
// split root, bundles both and compares what they mean: every operation,
// every component and the rest of the root, refs dereferenced.
func TestRoundTripWorld(t *testing.T) {
	world := testenv.World(t)
	var specs, ops, skipped int
	for _, name := range testenv.WorldSpecs(t) {
		root := filepath.Join(world, filepath.FromSlash(name))
		t.Run(filepath.ToSlash(name), func(t *testing.T) {
			s, err := spec.Load(context.Background(), root, spec.Options{})
			if errors.Is(err, spec.ErrUnsupported) {
				skipped++
				t.Skipf("refused as it should be: %v", firstLine(err.Error()))
			}
			if err != nil {
				t.Fatalf("load: %v", err)
			}
			want := rebundle(t, s)
			res, err := split.Split(context.Background(), s)
			if err != nil {
				t.Fatalf("split: %v", err)
			}
			dir := t.TempDir()
			if err := res.Write(dir); err != nil {
				t.Fatal(err)
			}
			got := bundled(t, filepath.Join(dir, split.RootName))
			n, extra, err := sameMeaning(want, got)
			if err != nil {
				t.Fatalf("the split spec means something else: %v", err)
			}
			if all := bundler.Summarize(want.Root.Doc).Operations; n != all {
				t.Errorf("compared %d of %d operations", n, all)
			}
			if strings.HasSuffix(name, "api.github.com.json") {
				t.Logf("GitHub: %d of %d operations equal after split and bundle", n, bundler.Summarize(want.Root.Doc).Operations)
			}
			if len(extra) > 0 {
				t.Logf("bundling the split spec hoisted %d more components: %s", len(extra), strings.Join(extra, ", "))
			}
			specs++
			ops += n
		})
	}
	t.Logf("round trip: %d specs split and bundled back mean the same (%d operations compared); %d refused (Swagger 2.0)", specs, ops, skipped)
	if specs == 0 && !t.Failed() {
		t.Error("no spec was compared")
	}
}

func firstLine(s string) string {
	first, _, _ := strings.Cut(s, "\n")
	return first
}

func TestWriteRefusesToOverwrite(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(testenv.ProjectRoot(), "testdata", "specs", "split", "layout.yaml")
	res, _ := splitTo(t, root, dir)
	victim := filepath.Join(dir, filepath.FromSlash(res.Files[len(res.Files)-1].Path))
	if err := os.WriteFile(victim, []byte("precious\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "paths", "pets.yaml")
	if err := os.Remove(other); err != nil {
		t.Fatal(err)
	}
	err := res.Write(dir)
	if err == nil || !strings.Contains(err.Error(), "never overwrites") {
		t.Fatalf("second write: %v, want a refusal", err)
	}
	if b, _ := os.ReadFile(victim); string(b) != "precious\n" {
		t.Errorf("existing file overwritten: %q", b)
	}
	if _, err := os.Stat(other); err == nil {
		t.Error("a refused write still wrote files")
	}
}

// TestRoundTripMultiFile splits specs that are already spread over many
// files (bundled first): the example under testdata/specs and, when it is
// beside the project, DigitalOcean's.
func TestRoundTripMultiFile(t *testing.T) {
	roots := map[string]func(testing.TB) string{
		"example":      func(testing.TB) string { return testenv.ExampleRoot() },
		"digitalocean": testenv.DORoot,
	}
	for _, name := range []string{"example", "digitalocean"} {
		t.Run(name, func(t *testing.T) {
			root := roots[name](t)
			res, splitRoot := splitTo(t, root, t.TempDir())
			if !res.Bundled {
				t.Error("a multi-file spec was not bundled first")
			}
			n, extra, err := sameMeaning(bundled(t, root), bundled(t, splitRoot))
			if err != nil {
				t.Fatalf("the split spec means something else: %v", err)
			}
			if n == 0 {
				t.Error("no operation compared")
			}
			t.Logf("%d files, %d operations compared, %d more components hoisted", len(res.Files), n, len(extra))
		})
	}
}
