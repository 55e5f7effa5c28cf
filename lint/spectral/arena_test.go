package spectral

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dospec/dospec/spec"
)

// TestArena: matches handed out between resets never share memory, across
// slab boundaries too, and a reset hands the same memory out again.
func TestArena(t *testing.T) {
	var a arena
	var got []*match
	for i := range 3*slabSize + 5 {
		m := a.next()
		m.name = strconv.Itoa(i)
		got = append(got, m)
	}
	seen := map[*match]bool{}
	for i, m := range got {
		if seen[m] {
			t.Fatalf("match %d was handed out twice before a reset", i)
		}
		seen[m] = true
		if m.name != strconv.Itoa(i) {
			t.Fatalf("match %d reads %q: a later match overwrote it", i, m.name)
		}
	}
	a.reset()
	for i := range slabSize + 1 {
		if m := a.next(); m != got[i] {
			t.Fatalf("after reset, match %d is new memory, want the first rule's reused", i)
		}
	}
	if len(a.slabs) != 4 {
		t.Errorf("%d slabs after reuse, want the 4 the first round made", len(a.slabs))
	}
}

// TestWalksStayLinear: on a document whose shared schemas make 2^depth
// paths, recursive descent makes matches in proportion to the values and
// their keyword shapes, not to the paths, for paths with one and with two
// recursive steps (whose marks on the values must not undo each other).
func TestWalksStayLinear(t *testing.T) {
	const depth = 16
	var b strings.Builder
	b.WriteString("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n")
	for i := range depth {
		fmt.Fprintf(&b, "    S%d:\n      type: object\n      properties:\n", i)
		if i+1 < depth {
			fmt.Fprintf(&b, "        a: {$ref: '#/components/schemas/S%d'}\n        b: {$ref: '#/components/schemas/S%d'}\n", i+1, i+1)
		} else {
			b.WriteString("        leaf: {type: string}\n")
		}
	}
	dir := writeFiles(t, map[string]string{"openapi.yaml": b.String()})
	s, err := spec.Load(context.Background(), filepath.Join(dir, "openapi.yaml"), spec.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, given := range []string{"$..properties.*", "$..properties..properties.*", "$..*.properties[*]"} {
		p, err := parsePath(given)
		if err != nil {
			t.Fatal(err)
		}
		e := newEngine(s)
		e.resolved = true
		selected := 0
		if err := e.eval(p, e.deref(ref{s.Root, s.Root.Doc}), func(*match) { selected++ }); err != nil {
			t.Fatal(err)
		}
		made := e.matches.slab*slabSize + e.matches.used
		if selected == 0 || made > 25*depth {
			t.Errorf("%s: %d matches made, %d selected; want some selected and at most %d made (the document has %d paths)", given, made, selected, 25*depth, 1<<depth)
		}
	}
}
