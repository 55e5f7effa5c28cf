package split_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/dospec/dospec/internal/testenv"
	"github.com/dospec/dospec/spec"
	"github.com/dospec/dospec/split"
)

// BenchmarkSplitGitHub splits GitHub's REST API description (3.7 MB of
// JSON, 767 operations) and renders every file, without the disk.
func BenchmarkSplitGitHub(b *testing.B) {
	root := filepath.Join(testenv.World(b), "real", "api.github.com.json")
	s, err := spec.Load(context.Background(), root, spec.Options{})
	if err != nil {
		b.Skipf("api.github.com.json does not load yet: %v", firstLine(err.Error()))
	}
	var files, bytes int
	for b.Loop() {
		res, err := split.Split(context.Background(), s)
		if err != nil {
			b.Fatal(err)
		}
		files, bytes = len(res.Files), 0
		for _, f := range res.Files {
			data, err := f.Bytes()
			if err != nil {
				b.Fatal(err)
			}
			bytes += len(data)
		}
	}
	b.ReportMetric(float64(files), "files")
	b.SetBytes(int64(bytes))
}
