package bundler

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/dospec/dospec/internal/testenv"
	"github.com/dospec/dospec/spec"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testenv.CleanupHistory()
	os.Exit(code)
}

// TestHistorySpread bundles a spread of older DigitalOcean spec versions,
// read straight from git objects, so the loader is not tuned to one
// snapshot: each must bundle, keep no external ref and mean its source.
func TestHistorySpread(t *testing.T) {
	repo := testenv.History(t)
	commits := historyCommits(t, repo)
	const samples = 12
	if len(commits) < samples {
		t.Fatalf("history has %d commits", len(commits))
	}
	for i := 0; i < samples; i++ {
		c := commits[i*(len(commits)-1)/(samples-1)]
		t.Run(c[:12], func(t *testing.T) {
			g, err := spec.NewGitReader(repo, c)
			if err != nil {
				t.Fatal(err)
			}
			defer g.Close()
			s, err := spec.Load(context.Background(), "specification/DigitalOcean-public.v2.yaml", spec.Options{Reader: g})
			if err != nil {
				t.Fatal(err)
			}
			res, err := Bundle(s, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if errs := checkEquivalent(s, res.Doc, 10); len(errs) > 0 {
				t.Errorf("bundle differs from the source:\n%s", joinLines(errs))
			}
			var buf bytes.Buffer
			if err := WriteYAML(&buf, res.Doc); err != nil {
				t.Fatal(err)
			}
			if err := Validate(buf.Bytes()); err != nil {
				t.Errorf("validate: %v", err)
			}
			st := Summarize(res.Doc)
			t.Logf("%d files, %d paths, %d operations, %d components", len(s.Files), st.Paths, st.Operations, st.Components)
		})
	}
}

// historyCommits lists, oldest first, the commits that hold the root file.
func historyCommits(t *testing.T, repo string) []string {
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
