package gen

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/dospec/dospec/internal/testenv"
	"github.com/dospec/dospec/spec"
)

// worldKnown are the world specs whose client is known not to build or vet
// yet, with why; the gate fails on any other failure, and on a spec listed
// here that passes (remove it from the list).
var worldKnown = map[string]string{}

// TestWorldGate generates the client of every OpenAPI 3.x spec of the world
// corpus (real/ and features/; Swagger 2.0 is refused by the loader) into
// one temporary module, one package per spec, and runs go build ./... and
// go vet ./... over it once. It reports how many generate, build and vet.
func TestWorldGate(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the world build in -short mode")
	}
	world := testenv.World(t)
	names := testenv.WorldSpecs(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/world\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	failed := map[string]string{} // spec → first failure
	pkgSpec := map[string]string{}
	var openapi, generated int
	for i, name := range names {
		s, err := spec.Load(context.Background(), filepath.Join(world, filepath.FromSlash(name)), spec.Options{})
		if errors.Is(err, spec.ErrUnsupported) {
			continue // Swagger 2.0
		}
		openapi++
		if err != nil {
			failed[name] = "load: " + firstLine(err.Error())
			continue
		}
		pkg := fmt.Sprintf("w%03d", i)
		files, ops, err := generate(s, pkg, name)
		if err != nil {
			failed[name] = "gen: " + firstLine(err.Error())
			continue
		}
		if want := len(s.Index().Operations); ops != want {
			failed[name] = fmt.Sprintf("gen: %d operations have a method, of %d", ops, want)
			continue
		}
		if len(s.Index().Operations) > 500 {
			t.Logf("%s: %d operations, each with a method", name, ops)
		}
		if _, err := Write(filepath.Join(dir, pkg), files); err != nil {
			t.Fatal(err)
		}
		pkgSpec[pkg] = name
		generated++
	}
	built := generated - goStep(t, dir, pkgSpec, failed, "build")
	vetted := built - goStep(t, dir, pkgSpec, failed, "vet")
	t.Logf("world gate: %d OpenAPI 3.x specs (of %d files): %d generated, %d built, %d vetted", openapi, len(names), generated, built, vetted)
	var list []string
	for name := range failed {
		list = append(list, name)
	}
	sort.Strings(list)
	for _, name := range list {
		if why, ok := worldKnown[name]; ok {
			t.Logf("known failure %s (%s): %s", name, why, failed[name])
			continue
		}
		t.Errorf("%s: %s", name, failed[name])
	}
	for name := range worldKnown {
		if _, ok := failed[name]; !ok {
			t.Errorf("%s is listed as a known failure but passes: remove it from worldKnown", name)
		}
	}
}

// generate builds and emits s and counts the operations with a method.
func generate(s *spec.Spec, pkg, source string) (files []File, ops int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	m, err := Build(s, Options{Package: pkg, Source: source})
	if err != nil {
		return nil, 0, err
	}
	covered := map[string]bool{}
	for _, svc := range m.Services {
		for _, o := range svc.Operations {
			covered[o.Method+" "+o.Path] = true
		}
	}
	files, err = Emit(m)
	return files, len(covered), err
}

// goStep runs go build or go vet ./... offline in dir and returns how many
// packages newly failed; a failure it cannot pin on a package fails the test.
func goStep(t *testing.T, dir string, pkgSpec, failed map[string]string, step string) int {
	t.Helper()
	cmd := exec.Command("go", step, "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local", "GOPROXY=off")
	out, err := cmd.CombinedOutput()
	n, any := attribute(string(out), pkgSpec, failed, step)
	if err != nil && !any {
		t.Fatalf("go %s ./...: %v\n%s", step, err, out)
	}
	return n
}

var pkgHeader = regexp.MustCompile(`^# example\.com/world/(w\d+)`)

// attribute records, per package, the first error line the go tool printed
// under its "# package" header and returns how many packages failed that
// were not failed already, and whether any line was pinned on a package.
func attribute(out string, pkgSpec map[string]string, failed map[string]string, step string) (n int, pinned bool) {
	cur := ""
	for _, line := range strings.Split(out, "\n") {
		if m := pkgHeader.FindStringSubmatch(line); m != nil {
			cur = m[1]
			continue
		}
		name, ok := pkgSpec[cur]
		if !ok || strings.TrimSpace(line) == "" {
			continue
		}
		pinned = true
		if _, done := failed[name]; done {
			continue
		}
		failed[name] = step + ": " + strings.TrimSpace(line)
		n++
	}
	return n, pinned
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}
