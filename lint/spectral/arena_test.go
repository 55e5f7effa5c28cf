package spectral

import (
	"strconv"
	"testing"
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
