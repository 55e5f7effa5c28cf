package diff

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/dospec/dospec/internal/testdata"
)

// BenchmarkDiffDOYearApart is the whole job on two DigitalOcean versions a
// year apart, both read from git objects: load both, compare, judge.
func BenchmarkDiffDOYearApart(b *testing.B) {
	repo := testdata.History(b)
	out, err := exec.Command("git", "-C", repo, "rev-list", "-1", "--before=2024-06-30", "HEAD").Output()
	if err != nil {
		b.Fatal(err)
	}
	old := strings.TrimSpace(string(out))
	for b.Loop() {
		base, head := loadRev(b, repo, old), loadRev(b, repo, "HEAD")
		if _, err := Compare(base, head, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCompareDOYearApart is the comparison alone.
func BenchmarkCompareDOYearApart(b *testing.B) {
	repo := testdata.History(b)
	out, _ := exec.Command("git", "-C", repo, "rev-list", "-1", "--before=2024-06-30", "HEAD").Output()
	base, head := loadRev(b, repo, strings.TrimSpace(string(out))), loadRev(b, repo, "HEAD")
	for b.Loop() {
		if _, err := Compare(base, head, nil); err != nil {
			b.Fatal(err)
		}
	}
}
