// Package testenv finds the shared real-world specs for tests and
// benchmarks: ../shared/specs/digitalocean beside the project.
package testenv

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// ProjectRoot is the module's root folder.
func ProjectRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// Shared is ../shared/specs/digitalocean from the project root. When it is
// absent the test is skipped, unless CI is set: CI must have it.
func Shared(tb testing.TB) string {
	tb.Helper()
	dir := filepath.Join(ProjectRoot(), "..", "shared", "specs", "digitalocean")
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") != "" {
			tb.Fatalf("CI is set but the shared specs are missing: %v", err)
		}
		tb.Skipf("skipping: the DigitalOcean spec is not at %s (it sits beside the project in the dev setup)", dir)
	}
	return dir
}

// DORoot is the root file of the current DigitalOcean spec.
func DORoot(tb testing.TB) string {
	return filepath.Join(Shared(tb), "current", "specification", "DigitalOcean-public.v2.yaml")
}

// ExampleRoot is the root of the small example spec under testdata/specs.
func ExampleRoot() string {
	return filepath.Join(ProjectRoot(), "testdata", "specs", "example", "openapi.yaml")
}

var (
	historyOnce sync.Once
	historyDir  string
	historyErr  error
)

// History clones ../shared/specs/digitalocean/history.bundle once per test
// binary into a temporary folder and returns the clone's path.
func History(tb testing.TB) string {
	tb.Helper()
	bundle := filepath.Join(Shared(tb), "history.bundle")
	historyOnce.Do(func() {
		dir, err := os.MkdirTemp("", "dospec-history-*")
		if err != nil {
			historyErr = err
			return
		}
		cmd := exec.Command("git", "clone", "--quiet", "--no-checkout", bundle, dir)
		if out, err := cmd.CombinedOutput(); err != nil {
			historyErr = &cloneError{out: string(out), err: err}
			return
		}
		historyDir = dir
	})
	if historyErr != nil {
		tb.Fatalf("clone history: %v", historyErr)
	}
	return historyDir
}

type cloneError struct {
	out string
	err error
}

func (e *cloneError) Error() string { return e.err.Error() + ": " + e.out }

// CleanupHistory removes the clone made by History; call it from TestMain.
func CleanupHistory() {
	if historyDir != "" {
		os.RemoveAll(historyDir)
	}
}

// World is ../shared/specs/world (public specs beyond DigitalOcean's),
// skipped or, with CI set, failed when absent, as Shared.
func World(tb testing.TB) string {
	tb.Helper()
	dir := filepath.Join(ProjectRoot(), "..", "shared", "specs", "world")
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") != "" {
			tb.Fatalf("CI is set but the shared specs are missing: %v", err)
		}
		tb.Skipf("skipping: the world specs are not at %s (they sit beside the project in the dev setup)", dir)
	}
	return dir
}

// WorldSpecs lists the root files of the world corpus: every .json, .yaml
// and .yml file under real/ and features/ except those only another file
// $refs (features/file_reference_external/), relative to World.
func WorldSpecs(tb testing.TB) []string {
	tb.Helper()
	dir := World(tb)
	var out []string
	for _, sub := range []string{"real", "features"} {
		err := filepath.WalkDir(filepath.Join(dir, sub), func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && strings.HasSuffix(d.Name(), "_external") {
				return filepath.SkipDir
			}
			switch filepath.Ext(p) {
			case ".json", ".yaml", ".yml":
				rel, _ := filepath.Rel(dir, p)
				out = append(out, filepath.ToSlash(rel))
			}
			return nil
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
	if len(out) < 100 {
		tb.Fatalf("world corpus: %d specs, expected over 100", len(out))
	}
	return out
}
