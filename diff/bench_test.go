package diff

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/dospec/dospec/internal/testenv"
	"github.com/dospec/dospec/spec"
)

// BenchmarkDiffDOYearApart is the whole job on two DigitalOcean versions a
// year apart, both read from git objects: load both at once (as the CLI
// does), compare, judge.
func BenchmarkDiffDOYearApart(b *testing.B) {
	repo := testenv.History(b)
	out, err := exec.Command("git", "-C", repo, "rev-list", "-1", "--before=2024-06-30", "HEAD").Output()
	if err != nil {
		b.Fatal(err)
	}
	old := strings.TrimSpace(string(out))
	for b.Loop() {
		var (
			base    *spec.Spec
			baseErr error
		)
		done := make(chan struct{})
		go func() {
			defer close(done)
			base, baseErr = readRev(repo, old)
		}()
		head := loadRev(b, repo, "HEAD")
		<-done
		if baseErr != nil {
			b.Fatal(baseErr)
		}
		if _, err := Compare(base, head, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCompareDOYearApart is the comparison alone.
func BenchmarkCompareDOYearApart(b *testing.B) {
	repo := testenv.History(b)
	out, _ := exec.Command("git", "-C", repo, "rev-list", "-1", "--before=2024-06-30", "HEAD").Output()
	base, head := loadRev(b, repo, strings.TrimSpace(string(out))), loadRev(b, repo, "HEAD")
	for b.Loop() {
		if _, err := Compare(base, head, nil); err != nil {
			b.Fatal(err)
		}
	}
}
