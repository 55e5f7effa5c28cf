package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dospec/dospec/internal/testenv"
)

// The flags several commands share are spelled, shortened and explained
// alike everywhere: a user learns them once.
func TestSharedFlagsMeanTheSame(t *testing.T) {
	root := newRootCmd(&streams{In: strings.NewReader(""), Out: io.Discard, Err: io.Discard})
	shared := map[string][]string{ // flag → commands that must have it
		"output":         {"bundle", "lint", "diff", "gen", "split"},
		"quiet":          {"bundle", "lint", "diff", "gen", "split"},
		"format":         {"bundle", "lint", "diff"},
		"fail-on":        {"lint", "diff"},
		"config":         {"lint", "diff"},
		"allow-external": {"bundle", "lint", "diff", "gen", "split"},
		"max-file-size":  {"bundle", "lint", "diff", "gen", "split"},
	}
	short := map[string]string{"output": "o", "quiet": "q", "format": "f"}
	for name, cmds := range shared {
		for _, c := range cmds {
			cmd, _, err := root.Find([]string{c})
			if err != nil {
				t.Fatal(err)
			}
			f := cmd.Flags().Lookup(name)
			if f == nil {
				t.Errorf("dospec %s has no --%s", c, name)
				continue
			}
			if f.Shorthand != short[name] {
				t.Errorf("dospec %s --%s: shorthand %q, want %q", c, name, f.Shorthand, short[name])
			}
		}
	}
}

func TestGenTakesRootAsArgument(t *testing.T) {
	out := t.TempDir()
	code, _, stderr := dospec(t, "gen", testenv.ExampleRoot(), "--package", "example", "-o", out, "-q")
	if code != exitOK || stderr != "" {
		t.Fatalf("exit %d: %q", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "client.go")); err != nil {
		t.Error(err)
	}
	if code, _, _ := dospec(t, "gen", testenv.ExampleRoot(), "--spec", "other.yaml"); code != exitUsage {
		t.Errorf("two roots: exit %d, want %d", code, exitUsage)
	}
}

func TestDiffQuietDropsTheSummary(t *testing.T) {
	base, head := twoVersions(t)
	_, loud, _ := dospec(t, "diff", base, head)
	_, quiet, _ := dospec(t, "diff", base, head, "-q")
	first := strings.SplitN(loud, "\n", 2)[0]
	if !strings.Contains(first, "breaking") || strings.Contains(quiet, first) {
		t.Errorf("summary %q: still in the quiet report:\n%s", first, quiet)
	}
	if !strings.Contains(quiet, `enum value "large" was removed`) {
		t.Errorf("the quiet report lost the changes:\n%s", quiet)
	}
}
