package diff

import (
	"hash/fnv"

	yaml "github.com/pb33f/go-yaml"

	"github.com/dospec/dospec/spec"
)

// digest is a hash of everything written in n and in what its $refs name
// (the references as written too), so two schemas with equal digests mean
// the same and compare without a change. Most of a spec is unchanged
// between two versions, and a shared schema is met once per operation:
// the digest lets those comparisons end at once.
type digester struct {
	s    *spec.Spec
	memo map[*yaml.Node]uint64
}

const digestInProgress = 1 // a value on its own way down: a cycle

func (d *digester) of(n *yaml.Node) uint64 {
	n = spec.Unalias(n)
	if n == nil {
		return 0
	}
	if v, ok := d.memo[n]; ok {
		if v == digestInProgress {
			return 0x9e3779b97f4a7c15 // a cycle: equal on both sides only if the rest is
		}
		return v
	}
	d.memo[n] = digestInProgress
	h := fnv.New64a()
	var buf [8]byte
	put := func(v uint64) {
		for i := range 8 {
			buf[i] = byte(v >> (8 * i))
		}
		h.Write(buf[:])
	}
	put(uint64(n.Kind))
	h.Write([]byte(n.ShortTag()))
	h.Write([]byte{0})
	h.Write([]byte(n.Value))
	h.Write([]byte{0})
	if r := d.s.Ref(n); r != nil && r.Target != nil {
		put(d.of(r.Target))
	}
	for _, c := range n.Content {
		put(d.of(c))
	}
	v := h.Sum64()
	if v == digestInProgress {
		v++
	}
	d.memo[n] = v
	return v
}

// same reports whether schemas b and h are written alike, down to what
// their $refs name.
func (c *ctx) same(b, h side) bool {
	if c.bDigest == nil {
		c.bDigest = &digester{s: c.base, memo: map[*yaml.Node]uint64{}}
		c.hDigest = &digester{s: c.head, memo: map[*yaml.Node]uint64{}}
	}
	return c.bDigest.of(b.Node.Node) == c.hDigest.of(h.Node.Node)
}
