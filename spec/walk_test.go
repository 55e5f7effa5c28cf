package spec

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/dospec/dospec/internal/testenv"
)

func TestIndexExample(t *testing.T) {
	s, err := Load(context.Background(), testenv.ExampleRoot(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	idx := s.Index()
	if len(idx.Operations) != 10 {
		t.Errorf("%d operations, want 10", len(idx.Operations))
	}
	// The shared per_page parameter is visited once and reached by every
	// operation that lists it.
	var perPage *Visit
	for _, v := range idx.Visits {
		if v.Kind == KindParameter && v.Node.File.Path == "shared/parameters.yml" {
			if name, _ := ScalarString(Get(v.Node.Node, "name")); name == "per_page" {
				if perPage != nil {
					t.Fatal("per_page visited twice")
				}
				perPage = v
			}
		}
	}
	if perPage == nil {
		t.Fatal("per_page not visited")
	}
	ops := idx.OperationsReaching(perPage)
	var names []string
	for _, op := range ops {
		names = append(names, op.String())
	}
	if len(ops) < 2 || !strings.Contains(strings.Join(names, ","), "GET /v2/droplets") {
		t.Errorf("per_page reached by %v", names)
	}
	if got := perPage.JSONPath(); !strings.HasPrefix(got, "$.paths['/v2/") || !strings.Contains(got, ".parameters[") {
		t.Errorf("JSONPath %q", got)
	}
	if perPage.Ref == nil || perPage.Node.Pos().Line == 0 {
		t.Errorf("per_page: ref %v pos %v", perPage.Ref, perPage.Node.Pos())
	}
}

func TestIndexRealSpec(t *testing.T) {
	s, err := Load(context.Background(), testenv.DORoot(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	idx := s.Index()
	t.Logf("%d visits, %d operations in %v", len(idx.Visits), len(idx.Operations), time.Since(start))
	if len(idx.Operations) < 600 {
		t.Errorf("%d operations", len(idx.Operations))
	}
	// Every operation reaches its own unit.
	for _, op := range idx.Operations {
		found := false
		for _, o := range idx.OperationsReaching(op.Visit) {
			found = found || o == op
		}
		if !found {
			t.Fatalf("%s does not reach itself", op)
		}
	}
}
