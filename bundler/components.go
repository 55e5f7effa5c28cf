package bundler

import (
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"sort"
	"strconv"

	yaml "github.com/pb33f/go-yaml"

	"github.com/dospec/dospec/spec"
)

// emitRootComponents copies the root's components. An entry that is a bare
// $ref to another file is replaced by that file's content, so the entry
// keeps the name the author gave it.
func (b *bundler) emitRootComponents(n *yaml.Node) *yaml.Node {
	root := b.s.Root
	out := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key := spec.Unalias(n.Content[i])
		sk := spec.KindComponents.Child(key.Value)
		m := spec.Unalias(n.Content[i+1])
		if m.Kind != yaml.MappingNode || b.s.Ref(m) != nil {
			out.Content = append(out.Content, scalarCopy(key), b.emit(root, m, sk))
			continue
		}
		sec := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		ek := sk.Child("")
		for j := 0; j+1 < len(m.Content); j += 2 {
			name := spec.Unalias(m.Content[j])
			v := spec.Unalias(m.Content[j+1])
			var ev *yaml.Node
			if r := b.s.Ref(v); r != nil && !b.opt.Dereference && b.aliasOf[key.Value+"|"+r.Key()] == name.Value && ek.Section() == key.Value {
				ev = b.inline(v, r, ek)
			} else {
				ev = b.emit(root, v, ek)
			}
			sec.Content = append(sec.Content, scalarCopy(name), ev)
		}
		out.Content = append(out.Content, scalarCopy(key), sec)
	}
	return out
}

// inline replaces the $ref mapping n with the content r names.
func (b *bundler) inline(n *yaml.Node, r *spec.Ref, k spec.Kind) *yaml.Node {
	key := r.Key()
	b.inlining[key] = true
	b.stack = append(b.stack, r)
	content := b.emit(r.File, r.Target, k)
	b.stack = b.stack[:len(b.stack)-1]
	delete(b.inlining, key)
	return b.withSiblings(r.From, n, content, k)
}

// find returns the entry c was merged into.
func find(c *component) *component {
	for c.rep != c {
		c = c.rep
	}
	return c
}

// merge folds entries that want the same name and have identical content
// into one. A $ref inside an entry is hashed as the content it points at,
// so two entries whose refs name identical (not yet merged) entries are
// identical too, and one pass is enough: every entry is hashed once, and a
// spec with many copies of the same schemas costs no more per entry than
// one with a few. A ref back into an entry being hashed (a recursive
// schema) is hashed by the entry's identity.
func (b *bundler) merge() int {
	sorted := append([]*component(nil), b.order...)
	sort.Slice(sorted, func(i, j int) bool {
		if sorted[i].section != sorted[j].section {
			return sorted[i].section < sorted[j].section
		}
		return sorted[i].key < sorted[j].key
	})
	// Only entries that want a name another entry wants need merging.
	wanted := map[string]int{}
	for _, c := range sorted {
		wanted[c.section+"|"+c.base]++
	}
	hs := &hasher{b: b, memo: map[*component]string{}, open: map[*component]bool{}}
	merged := 0
	groups := map[string]*component{}
	for _, c := range sorted {
		if wanted[c.section+"|"+c.base] < 2 {
			continue
		}
		g := c.section + "|" + c.base + "|" + hs.component(c)
		if first, ok := groups[g]; ok {
			c.rep = first
			merged++
			continue
		}
		groups[g] = c
	}
	return merged
}

// hasher hashes entries by content, each once.
type hasher struct {
	b    *bundler
	memo map[*component]string
	open map[*component]bool // being hashed: a ref back to one is a cycle
}

func (hs *hasher) component(c *component) string {
	if sum, ok := hs.memo[c]; ok {
		return sum
	}
	if hs.open[c] {
		return "cycle:" + c.section + "|" + c.key
	}
	hs.open[c] = true
	h := sha256.New()
	hs.node(h, c.node)
	delete(hs.open, c)
	sum := string(h.Sum(nil))
	hs.memo[c] = sum
	return sum
}

func (hs *hasher) node(h hash.Hash, n *yaml.Node) {
	var buf [9]byte
	buf[0] = byte(n.Kind)
	binary.LittleEndian.PutUint64(buf[1:], uint64(len(n.Content)))
	h.Write(buf[:])
	if c := hs.b.placeOf[n]; c != nil {
		h.Write([]byte("ref:" + hs.component(c) + "\x00"))
		return
	}
	if n.Kind == yaml.ScalarNode {
		h.Write([]byte(n.ShortTag()))
		h.Write([]byte{0})
		h.Write([]byte(n.Value))
		h.Write([]byte{0})
		return
	}
	for _, c := range n.Content {
		hs.node(h, c)
	}
}

// name gives every kept entry its name: the wanted name for the entry whose
// source path sorts first, name_2, name_3, … for the others, skipping names
// the root uses.
func (b *bundler) name() {
	type group struct {
		section, base string
		members       []*component
	}
	groups := map[string]*group{}
	var list []*group
	for _, c := range b.order {
		if c.rep != c {
			continue
		}
		id := c.section + "|" + c.base
		g := groups[id]
		if g == nil {
			g = &group{section: c.section, base: c.base}
			groups[id] = g
			list = append(list, g)
		}
		g.members = append(g.members, c)
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].section != list[j].section {
			return list[i].section < list[j].section
		}
		return list[i].base < list[j].base
	})
	taken := map[string]map[string]bool{}
	takenIn := func(sec string) map[string]bool {
		if taken[sec] == nil {
			taken[sec] = map[string]bool{}
			for n := range b.reserved[sec] {
				taken[sec][n] = true
			}
		}
		return taken[sec]
	}
	for _, g := range list {
		sort.Slice(g.members, func(i, j int) bool { return g.members[i].key < g.members[j].key })
		t := takenIn(g.section)
		if !t[g.base] {
			g.members[0].name = g.base
			t[g.base] = true
		}
	}
	for _, g := range list {
		t := takenIn(g.section)
		next := 2
		for _, c := range g.members {
			if c.name != "" {
				continue
			}
			for ; ; next++ {
				cand := g.base + "_" + strconv.Itoa(next)
				if !t[cand] {
					c.name = cand
					t[cand] = true
					break
				}
			}
		}
	}
}

// attach points every placeholder at its entry's name and adds the entries
// to the document's components: the root's own sections first, in their
// order, then new sections; within a section the root's entries, then the
// hoisted ones by name.
func (b *bundler) attach(doc *yaml.Node) {
	for _, c := range b.order {
		r := find(c)
		for _, u := range c.uses {
			u.Value = "#/components/" + r.section + "/" + spec.EscapeToken(r.name)
		}
	}
	bySection := map[string][]*component{}
	for _, c := range b.order {
		if c.rep == c {
			bySection[c.section] = append(bySection[c.section], c)
		}
	}
	if len(bySection) == 0 {
		return
	}
	comps := spec.Get(doc, "components")
	if comps == nil {
		comps = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		doc.Content = append(doc.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: "components"}, comps)
	}
	order := spec.SectionOrder
	for _, sec := range order {
		list := bySection[sec]
		if len(list) == 0 {
			continue
		}
		sort.Slice(list, func(i, j int) bool { return list[i].name < list[j].name })
		m := spec.Get(comps, sec)
		if m == nil {
			m = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
			comps.Content = append(comps.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: sec}, m)
		}
		for _, c := range list {
			m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: c.name}, c.node)
		}
	}
}
