package diff

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dospec/dospec/internal/golden"
	"github.com/dospec/dospec/internal/testenv"
	"github.com/dospec/dospec/spec"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testenv.CleanupHistory()
	os.Exit(code)
}

const historyRoot = "specification/DigitalOcean-public.v2.yaml"

// loadRev loads the spec at a revision of the history clone.
func loadRev(t testing.TB, repo, rev string) *spec.Spec {
	t.Helper()
	s, err := readRev(repo, rev)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// readRev is loadRev for a goroutine other than the test's.
func readRev(repo, rev string) (*spec.Spec, error) {
	g, err := spec.NewGitReader(repo, rev)
	if err != nil {
		return nil, err
	}
	defer g.Close()
	return spec.Load(context.Background(), historyRoot, spec.Options{Reader: g})
}

type verdict struct {
	commit, breaking, subject, what string
}

func readPairs(t *testing.T) []verdict {
	f, err := os.Open(filepath.Join(testenv.Shared(t), "breaking-pairs.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []verdict
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) >= 4 {
			out = append(out, verdict{cols[0], cols[1], cols[2], cols[3]})
		}
	}
	return out
}

// names says, for each hand-labelled commit, what its breaking change must
// mention: the words of breaking-pairs.tsv's "what changed" column.
var names = map[string]string{
	"df5c4d3201a4": "WEAK",
	"a97ec6e2d765": "allkeys_lru",
	"c4999a607069": "/v2/apps/tiers",
	"a5051cdfc123": "sink_id",
	"38eb02478094": "period",
	"2dbfcc878694": "maxLength 255",
	"9ad53f3b1ff8": "/v2/registry/{registry_name}/{repository_name}",
	"9d85c02d5c36": "/v2/volumes/snapshot/{snapshot_id}",
	"a4c6003fc69e": "/v2/apps/detect",
	"81c593037180": "{database_cluster_uuid}",
	"97b5587d7467": "billing_history",
	"eedb273471f0": "service_key",
}

// TestBreakingPairs diffs each hand-labelled commit of DO's history against
// its parent, read straight from git objects: every "yes" yields a breaking
// change naming what the verdict names; "yes(soft)" at least a warning
// (wire-compatible renames are warnings; an optional response property
// removed is breaking); every "no" yields nothing breaking.
func TestBreakingPairs(t *testing.T) {
	repo := testenv.History(t)
	pairs := readPairs(t)
	if len(pairs) < 15 {
		t.Fatalf("%d labelled pairs", len(pairs))
	}
	for _, v := range pairs {
		t.Run(v.commit, func(t *testing.T) {
			res, err := Compare(loadRev(t, repo, v.commit+"^"), loadRev(t, repo, v.commit), nil)
			if err != nil {
				t.Fatal(err)
			}
			var hits []string
			want := Breaking
			if v.breaking == "yes(soft)" {
				want = Warning
			}
			for _, c := range res.Changes {
				if c.Level >= want && strings.Contains(c.Message, names[v.commit]) {
					hits = append(hits, c.Message)
				}
			}
			switch {
			case v.breaking == "no":
				if n := res.Counts()[Breaking]; n > 0 {
					t.Errorf("%s (%s): %d breaking changes, want none: %v", v.commit, v.what, n, res.Changes[0].Message)
				}
			case names[v.commit] == "":
				t.Fatalf("no expectation written for %s", v.commit)
			case len(hits) == 0:
				t.Errorf("%s (%s): no %s change mentions %q", v.commit, v.what, want, names[v.commit])
			}
		})
	}
}

// TestHistoryConsecutive diffs a spread of consecutive commits: nothing
// fails, every change has a position, and the noise stays low (a commit
// of ordinary edits does not produce hundreds of breaking changes).
func TestHistoryConsecutive(t *testing.T) {
	repo := testenv.History(t)
	out, err := exec.Command("git", "-C", repo, "rev-list", "--first-parent", "HEAD").Output()
	if err != nil {
		t.Fatal(err)
	}
	commits := strings.Fields(string(out))
	const samples = 16
	total := map[Level]int{}
	for i := 0; i < samples; i++ {
		c := commits[i*(len(commits)-40)/samples] // the oldest commits predate the root file
		base, head := loadRev(t, repo, c+"^"), loadRev(t, repo, c)
		res, err := Compare(base, head, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, ch := range res.Changes {
			total[ch.Level]++
			if ch.Base == nil && ch.Head == nil {
				t.Errorf("%s: %s has no position", c[:12], ch.Message)
			}
		}
		if n := res.Counts()[Breaking]; n > 60 {
			t.Errorf("%s: %d breaking changes in one commit: noise?", c[:12], n)
		}
	}
	t.Logf("%d consecutive pairs: %d breaking, %d warnings, %d info", samples, total[Breaking], total[Warning], total[Info])
}

// TestOldestVersusNewest keeps the report of the largest real diff the
// history holds as a golden file a person can review.
func TestOldestVersusNewest(t *testing.T) {
	repo := testenv.History(t)
	first := historyFirst(t, repo)
	res, err := Compare(loadRev(t, repo, first), loadRev(t, repo, "HEAD"), nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, res, Output{Format: "markdown", MinLevel: Breaking}); err != nil {
		t.Fatal(err)
	}
	c := res.Counts()
	if c[Breaking] == 0 || c[Info] == 0 {
		t.Errorf("five years of changes: %v", c)
	}
	golden.Check(t, "diff/history-oldest-newest.md", buf.Bytes())
}

// historyFirst is the first commit that holds the root file.
func historyFirst(t *testing.T, repo string) string {
	out, err := exec.Command("git", "-C", repo, "log", "--format=%H", "--diff-filter=A", "--", historyRoot).Output()
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Fields(string(out))
	if len(f) == 0 {
		t.Fatal("root never added")
	}
	return f[len(f)-1]
}
