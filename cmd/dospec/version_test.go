package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	yaml "github.com/pb33f/go-yaml"

	"github.com/dospec/dospec/internal/testenv"
)

func TestVersionFlagAndCommand(t *testing.T) {
	code, cmdOut, _ := dospec(t, "version")
	if code != exitOK || !strings.HasPrefix(cmdOut, "dospec ") {
		t.Fatalf("version: exit %d %q", code, cmdOut)
	}
	code, flagOut, _ := dospec(t, "--version")
	if code != exitOK || flagOut != cmdOut {
		t.Errorf("--version: exit %d %q, want %q", code, flagOut, cmdOut)
	}
}

// Values set at link time win over the build information.
func TestVersionFromLinker(t *testing.T) {
	old := [3]string{version, commit, date}
	t.Cleanup(func() { version, commit, date = old[0], old[1], old[2] })
	version, commit, date = "v0.1.0", "0123456789abcdef0123", "2026-01-02T03:04:05Z"
	for _, args := range [][]string{{"version"}, {"--version"}} {
		_, out, _ := dospec(t, args...)
		if !strings.HasPrefix(out, "dospec v0.1.0, commit 0123456789ab, built 2026-01-02T03:04:05Z, go") {
			t.Errorf("%v: %q", args, out)
		}
	}
}

// TestReleaseLdflags links dospec with .goreleaser.yaml's ldflags (its
// templates filled in) and runs --version: a renamed variable would make
// release binaries say (devel) without any error.
func TestReleaseLdflags(t *testing.T) {
	if testing.Short() {
		t.Skip("links a binary")
	}
	data, err := os.ReadFile(filepath.Join(testenv.ProjectRoot(), ".goreleaser.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Builds []struct {
			Main    string   `yaml:"main"`
			Ldflags []string `yaml:"ldflags"`
		} `yaml:"builds"`
	}
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		t.Fatal(err)
	}
	if len(cfg.Builds) != 1 || cfg.Builds[0].Main != "./cmd/dospec" {
		t.Fatalf("builds: %+v", cfg.Builds)
	}
	flags := strings.NewReplacer("{{.Tag}}", "v9.8.7", "{{.FullCommit}}", "feedfacecafebeef0000", "{{.CommitDate}}", "2026-02-03T04:05:06Z").
		Replace(strings.Join(cfg.Builds[0].Ldflags, " "))
	if strings.Contains(flags, "{{") {
		t.Fatalf("a template this test does not fill: %s", flags)
	}
	bin := filepath.Join(t.TempDir(), "dospec")
	build := exec.Command("go", "build", "-ldflags", flags, "-o", bin, "./cmd/dospec")
	build.Dir = testenv.ProjectRoot()
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "--version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(out), "dospec v9.8.7, commit feedfacecafe, built 2026-02-03T04:05:06Z, go") {
		t.Errorf("--version of a release build: %q", out)
	}
}
