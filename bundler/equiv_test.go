package bundler

import (
	"fmt"
	"strings"

	yaml "github.com/pb33f/go-yaml"

	"github.com/dospec/dospec/spec"
)

// equiv checks that the bundled document means the same as the source:
// walking both with every $ref followed (source refs through the loader,
// bundle refs as internal pointers), every key, item and scalar matches.
// It returns the differences, at most max of them.
type equiv struct {
	s    *spec.Spec
	doc  *yaml.Node
	seen map[[2]*yaml.Node]bool
	errs []string
	max  int
}

func checkEquivalent(s *spec.Spec, doc *yaml.Node, max int) []string {
	e := &equiv{s: s, doc: doc, seen: map[[2]*yaml.Node]bool{}, max: max}
	e.compare(spec.Node{File: s.Root, Node: s.Root.Doc}, doc, "", true)
	return e.errs
}

func (e *equiv) fail(src spec.Node, at, format string, args ...any) {
	if len(e.errs) < e.max {
		e.errs = append(e.errs, fmt.Sprintf("%s (%s): %s", at, src.Pos(), fmt.Sprintf(format, args...)))
	}
}

// bundleDeref follows internal refs in the bundle, collecting the keys
// written beside them (the outermost wins).
func (e *equiv) bundleDeref(n *yaml.Node) (*yaml.Node, map[string]*yaml.Node) {
	var siblings map[string]*yaml.Node
	for i := 0; i < 64; i++ {
		r := spec.Get(n, "$ref")
		if r == nil || !strings.HasPrefix(r.Value, "#") {
			return n, siblings
		}
		for j := 0; j+1 < len(n.Content); j += 2 {
			if k := n.Content[j].Value; k != "$ref" {
				if siblings == nil {
					siblings = map[string]*yaml.Node{}
				}
				if _, ok := siblings[k]; !ok {
					siblings[k] = n.Content[j+1]
				}
			}
		}
		t := e.doc
		for _, tok := range spec.SplitPointer(r.Value[1:]) {
			t = spec.Get(t, tok)
			if t == nil {
				return n, siblings
			}
		}
		n = t
	}
	return n, siblings
}

func (e *equiv) compare(src spec.Node, out *yaml.Node, at string, top bool) {
	if len(e.errs) >= e.max {
		return
	}
	d, err := e.s.Deref(src)
	if err != nil {
		e.fail(src, at, "%v", err)
		return
	}
	// Keys written beside a $ref are laid over the content it names.
	var siblings [][2]*yaml.Node
	if e.s.Ref(src.Node) != nil {
		for i := 0; i+1 < len(src.Content); i += 2 {
			if src.Content[i].Value != "$ref" {
				siblings = append(siblings, [2]*yaml.Node{src.Content[i], src.Content[i+1]})
			}
		}
	}
	src = d
	src.Node = spec.Unalias(src.Node)
	out, outSiblings := e.bundleDeref(out)
	pair := [2]*yaml.Node{src.Node, out}
	if e.seen[pair] {
		return
	}
	e.seen[pair] = true
	if src.Kind != out.Kind {
		e.fail(src, at, "source is %s, bundle is %s", spec.KindName(src.Node), spec.KindName(out))
		return
	}
	switch src.Kind {
	case yaml.ScalarNode:
		if src.Value != out.Value || src.ShortTag() != out.ShortTag() {
			e.fail(src, at, "source %s %q, bundle %s %q", src.ShortTag(), src.Value, out.ShortTag(), out.Value)
		}
	case yaml.SequenceNode:
		if len(src.Content) != len(out.Content) {
			e.fail(src, at, "source has %d items, bundle %d", len(src.Content), len(out.Content))
			return
		}
		for i := range src.Content {
			e.compare(spec.Node{File: src.File, Node: src.Content[i]}, out.Content[i], fmt.Sprintf("%s/%d", at, i), false)
		}
	case yaml.MappingNode:
		want := map[string]spec.Node{}
		var keys []string
		for i := 0; i+1 < len(src.Content); i += 2 {
			k := src.Content[i].Value
			if _, ok := want[k]; !ok {
				keys = append(keys, k)
			}
			want[k] = spec.Node{File: src.File, Node: src.Content[i+1]}
		}
		for _, s := range siblings {
			if _, ok := want[s[0].Value]; !ok {
				keys = append(keys, s[0].Value)
			}
			want[s[0].Value] = spec.Node{File: d.File, Node: s[1]}
		}
		got := map[string]*yaml.Node{}
		for i := 0; i+1 < len(out.Content); i += 2 {
			got[out.Content[i].Value] = out.Content[i+1]
		}
		for k, v := range outSiblings {
			got[k] = v
		}
		for _, k := range keys {
			g, ok := got[k]
			if !ok {
				e.fail(src, at, "key %q missing from the bundle", k)
				continue
			}
			if (k == "mapping" || k == "defaultMapping") && strings.HasSuffix(at, "/discriminator") {
				e.compareMapping(want[k], g, at+"/mapping")
				continue
			}
			e.compare(want[k], g, at+"/"+spec.EscapeToken(k), false)
		}
		for k := range got {
			if _, ok := want[k]; !ok && !(top && k == "components") && !(at == "/components" && isSection(k)) && !isSectionPath(at) {
				e.fail(src, at, "bundle has key %q the source does not", k)
			}
		}
	}
}

// isSectionPath tells a components section, where the bundle adds entries.
func isSectionPath(at string) bool {
	rest, ok := strings.CutPrefix(at, "/components/")
	return ok && isSection(rest)
}

func isSection(k string) bool {
	for _, s := range spec.SectionOrder {
		if s == k {
			return true
		}
	}
	return false
}

// compareMapping follows discriminator mapping values on both sides.
func (e *equiv) compareMapping(src spec.Node, out *yaml.Node, at string) {
	src = spec.Node{File: src.File, Node: spec.Unalias(src.Node)}
	if src.Kind == yaml.ScalarNode { // defaultMapping: one value
		src.Node = &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{{Kind: yaml.ScalarNode, Value: "default"}, src.Node}}
		out = &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{{Kind: yaml.ScalarNode, Value: "default"}, out}}
	}
	for i := 0; i+1 < len(src.Content); i += 2 {
		k, v := src.Content[i].Value, src.Content[i+1]
		g := spec.Get(out, k)
		if g == nil {
			e.fail(src, at, "mapping %q missing", k)
			continue
		}
		r := e.s.MappingRef(v)
		if r == nil {
			if g.Value != v.Value {
				e.fail(src, at, "mapping %q: source %q, bundle %q", k, v.Value, g.Value)
			}
			continue
		}
		if !strings.HasPrefix(g.Value, "#/components/schemas/") {
			e.fail(src, at, "mapping %q is %q, not a component ref", k, g.Value)
			continue
		}
		target := spec.Get(spec.Get(spec.Get(e.doc, "components"), "schemas"), strings.TrimPrefix(g.Value, "#/components/schemas/"))
		if target == nil {
			e.fail(src, at, "mapping %q: %s does not exist", k, g.Value)
			continue
		}
		e.compare(spec.Node{File: r.File, Node: r.Target}, target, at+"/"+k, false)
	}
}
