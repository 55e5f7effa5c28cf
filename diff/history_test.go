package diff

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dospec/dospec/internal/testdata"
	"github.com/dospec/dospec/spec"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testdata.CleanupHistory()
	os.Exit(code)
}

const historyRoot = "specification/DigitalOcean-public.v2.yaml"

// loadRev loads the spec at a revision of the history clone.
func loadRev(t testing.TB, repo, rev string) *spec.Spec {
	t.Helper()
	g, err := spec.NewGitReader(repo, rev)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	s, err := spec.Load(context.Background(), historyRoot, spec.Options{Reader: g})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

type verdict struct {
	commit, breaking, subject, what string
}

func readPairs(t *testing.T) []verdict {
	f, err := os.Open(filepath.Join(testdata.Shared(t), "breaking-pairs.tsv"))
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

func TestBreakingPairsSurvey(t *testing.T) {
	repo := testdata.History(t)
	for _, v := range readPairs(t) {
		base, head := loadRev(t, repo, v.commit+"^"), loadRev(t, repo, v.commit)
		res, err := Compare(base, head, nil)
		if err != nil {
			t.Fatal(err)
		}
		c := res.Counts()
		t.Logf("%s %-16s breaking=%d warning=%d info=%d  %s", v.commit, v.breaking, c[Breaking], c[Warning], c[Info], v.what)
		n := 0
		for _, ch := range res.Changes {
			if ch.Level >= Warning && n < 6 {
				n++
				t.Logf("     %-8s %-36s %s", ch.Level, ch.Check, ch.Message)
			}
		}
	}
}
