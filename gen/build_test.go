package gen

import (
	"context"
	"testing"

	"github.com/dospec/dospec/internal/testdata"
	"github.com/dospec/dospec/spec"
)

func TestBuildRealSpecModel(t *testing.T) {
	s, err := spec.Load(context.Background(), testdata.DORoot(t), spec.Options{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := Build(s, Options{Package: "do"})
	if err != nil {
		t.Fatal(err)
	}
	ops, pages, streams := 0, 0, 0
	for _, svc := range m.Services {
		ops += len(svc.Operations)
		for _, o := range svc.Operations {
			if o.Pages != nil {
				pages++
			}
			if o.Stream {
				streams++
			}
		}
	}
	kinds := map[TypeKind]int{}
	for _, ty := range m.Types {
		kinds[ty.Kind]++
	}
	t.Logf("%d types %v, %d services, %d operations, %d paginated, %d streams", len(m.Types), kinds, len(m.Services), ops, pages, streams)
	if ops != len(s.Index().Operations) {
		t.Errorf("%d methods for %d operations", ops, len(s.Index().Operations))
	}
}
