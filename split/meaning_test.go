package split_test

import (
	"bytes"
	"context"
	"fmt"
	"path"
	"strconv"
	"strings"
	"testing"

	yaml "github.com/pb33f/go-yaml"

	"github.com/dospec/dospec/bundler"
	"github.com/dospec/dospec/spec"
)

// bundled loads root, bundles it and loads the bundle back, so that what
// is a reference in it is the loader's answer too.
func bundled(t testing.TB, root string) *spec.Spec {
	t.Helper()
	s, err := spec.Load(context.Background(), root, spec.Options{})
	if err != nil {
		t.Fatalf("load %s: %v", root, err)
	}
	return rebundle(t, s)
}

func rebundle(t testing.TB, s *spec.Spec) *spec.Spec {
	t.Helper()
	res, err := bundler.Bundle(s, bundler.Options{})
	if err != nil {
		t.Fatalf("bundle %s: %v", s.Root.Loc, err)
	}
	var buf bytes.Buffer
	if err := bundler.WriteYAML(&buf, res.Doc); err != nil {
		t.Fatal(err)
	}
	one, err := spec.Load(context.Background(), "bundle.yaml", spec.Options{Reader: oneFile(buf.Bytes()), MaxFileSize: int64(buf.Len()) + 1})
	if err != nil {
		t.Fatalf("the bundle of %s does not load: %v", s.Root.Loc, err)
	}
	return one
}

type oneFile []byte

func (f oneFile) ReadFile(loc string, _ int64) ([]byte, error) {
	if loc != "bundle.yaml" {
		return nil, fmt.Errorf("%s: no such file", loc)
	}
	return f, nil
}

// sameMeaning compares two loaded one-file documents as if every internal
// $ref were replaced by what it names. A ref back into content being
// compared (a recursive schema) compares by the name of the component it
// reaches; content reached twice is compared once. It returns the number
// of operations compared, the components b holds beyond a's and the first
// difference.
func sameMeaning(a, b *spec.Spec) (ops int, extra []string, err error) {
	c := &comparer{a: a, b: b, done: map[[2]*yaml.Node]bool{}}
	pa, pb := c.a.Root.Doc, c.b.Root.Doc
	// Every operation, whole: parameters, request body, responses and all.
	pathsA, pathsB := c.derefA(spec.Get(pa, "paths")), c.derefB(spec.Get(pb, "paths"))
	if err := sameKeys("/paths", pathsA, pathsB); err != nil {
		return 0, nil, err
	}
	for i := 0; pathsA != nil && i+1 < len(pathsA.Content); i += 2 {
		p := pathsA.Content[i].Value
		itemA, itemB := c.derefA(pathsA.Content[i+1]), c.derefB(spec.Get(pathsB, p))
		at := "/paths/" + spec.EscapeToken(p)
		if err := sameKeys(at, itemA, itemB); err != nil {
			return ops, extra, err
		}
		for j := 0; itemA != nil && itemA.Kind == yaml.MappingNode && j+1 < len(itemA.Content); j += 2 {
			k := itemA.Content[j].Value
			if err := c.eq(at+"/"+k, itemA.Content[j+1], spec.Get(itemB, k)); err != nil {
				return ops, extra, err
			}
			if spec.OperationKeys[k] {
				ops++
			}
		}
	}
	// Every component, section by section.
	compA, compB := c.derefA(spec.Get(pa, "components")), c.derefB(spec.Get(pb, "components"))
	if err := sameKeys("/components", compA, compB); err != nil {
		return ops, extra, err
	}
	for i := 0; compA != nil && i+1 < len(compA.Content); i += 2 {
		sec := compA.Content[i].Value
		at := "/components/" + sec
		secA, secB := c.derefA(compA.Content[i+1]), c.derefB(spec.Get(compB, sec))
		if secA == nil || secA.Kind != yaml.MappingNode || secB == nil || secB.Kind != yaml.MappingNode {
			if err := c.eq(at, secA, secB); err != nil {
				return ops, extra, err
			}
			continue
		}
		// The entries of a, in their order, must be in b; b may hold more
		// that bundling hoisted (a component that is only a $ref deep into
		// another becomes a file, and bundling that file names its target).
		inA := map[string]bool{}
		for j := 0; j+1 < len(secA.Content); j += 2 {
			inA[secA.Content[j].Value] = true
		}
		var common []string
		for _, k := range keys(secB) {
			if inA[k] {
				common = append(common, k)
			} else {
				extra = append(extra, at+"/"+k)
			}
		}
		if ka := keys(secA); fmt.Sprint(ka) != fmt.Sprint(common) {
			return ops, extra, fmt.Errorf("%s: entries differ:\n  %q\n  %q", at, ka, keys(secB))
		}
		for j := 0; j+1 < len(secA.Content); j += 2 {
			k := secA.Content[j].Value
			if err := c.eq(at+"/"+spec.EscapeToken(k), secA.Content[j+1], spec.Get(secB, k)); err != nil {
				return ops, extra, err
			}
		}
	}
	// And the rest of the root: info, servers, tags, security, webhooks…
	if err := sameKeys("", pa, pb); err != nil {
		return ops, extra, err
	}
	for i := 0; i+1 < len(pa.Content); i += 2 {
		k := pa.Content[i].Value
		if k == "paths" || k == "components" {
			continue
		}
		if err := c.eq("/"+k, pa.Content[i+1], spec.Get(pb, k)); err != nil {
			return ops, extra, err
		}
	}
	return ops, extra, nil
}

type comparer struct {
	a, b           *spec.Spec
	done           map[[2]*yaml.Node]bool // targets compared (or being compared) as equal
	stackA, stackB []*spec.Ref            // refs being followed
}

func (c *comparer) derefA(n *yaml.Node) *yaml.Node { return deref(c.a, n) }
func (c *comparer) derefB(n *yaml.Node) *yaml.Node { return deref(c.b, n) }

func deref(s *spec.Spec, n *yaml.Node) *yaml.Node {
	if n == nil {
		return nil
	}
	d, err := s.Deref(spec.Node{File: s.Root, Node: spec.Unalias(n)})
	if err != nil {
		return n
	}
	return d.Node
}

// sameKeys checks that two mappings have the same keys in the same order.
func sameKeys(at string, a, b *yaml.Node) error {
	if (a == nil) != (b == nil) {
		return fmt.Errorf("%s: present on one side only (%v, %v)", orTop(at), a != nil, b != nil)
	}
	if a == nil || a.Kind != yaml.MappingNode || b.Kind != yaml.MappingNode {
		return nil
	}
	ka, kb := keys(a), keys(b)
	if fmt.Sprint(ka) != fmt.Sprint(kb) {
		return fmt.Errorf("%s: keys differ:\n  %q\n  %q", orTop(at), ka, kb)
	}
	return nil
}

func keys(m *yaml.Node) []string {
	var out []string
	for i := 0; i+1 < len(m.Content); i += 2 {
		out = append(out, m.Content[i].Value)
	}
	return out
}

func orTop(at string) string {
	if at == "" {
		return "/"
	}
	return at
}

// onStack returns the ref on stack that reaches the same target as r.
func onStack(stack []*spec.Ref, r *spec.Ref) bool {
	for _, s := range stack {
		if s.Target == r.Target {
			return true
		}
	}
	return false
}

// componentName is the name a recursive ref reaches: the last token of
// its pointer.
func componentName(r *spec.Ref) string {
	toks := spec.SplitPointer(r.Pointer)
	if len(toks) == 0 {
		return path.Base(r.File.Path)
	}
	return toks[len(toks)-1]
}

// eq compares a (in c.a) with b (in c.b), refs dereferenced.
func (c *comparer) eq(at string, a, b *yaml.Node) error {
	if a == nil || b == nil {
		if a != b {
			return fmt.Errorf("%s: present on one side only", orTop(at))
		}
		return nil
	}
	a, b = spec.Unalias(a), spec.Unalias(b)
	ra, rb := c.a.Ref(a), c.b.Ref(b)
	if ra != nil || rb != nil {
		return c.eqRef(at, a, b, ra, rb)
	}
	if a.Kind != b.Kind {
		return fmt.Errorf("%s: %s on one side, %s on the other", orTop(at), spec.KindName(a), spec.KindName(b))
	}
	switch a.Kind {
	case yaml.ScalarNode:
		ma, mb := c.a.MappingRef(a), c.b.MappingRef(b)
		if (ma != nil) != (mb != nil) {
			return fmt.Errorf("%s: a discriminator mapping reference on one side only (%q, %q)", orTop(at), a.Value, b.Value)
		}
		if ma != nil {
			if na, nb := componentName(ma), componentName(mb); na != nb {
				return fmt.Errorf("%s: discriminator mapping names %s and %s", orTop(at), na, nb)
			}
			return nil
		}
		if a.Value != b.Value || a.ShortTag() != b.ShortTag() {
			return fmt.Errorf("%s: %s %q and %s %q", orTop(at), a.ShortTag(), a.Value, b.ShortTag(), b.Value)
		}
	case yaml.SequenceNode:
		if len(a.Content) != len(b.Content) {
			return fmt.Errorf("%s: %d items and %d", orTop(at), len(a.Content), len(b.Content))
		}
		for i := range a.Content {
			if err := c.eq(at+"/"+strconv.Itoa(i), a.Content[i], b.Content[i]); err != nil {
				return err
			}
		}
	case yaml.MappingNode:
		if err := sameKeys(at, a, b); err != nil {
			return err
		}
		for i := 0; i+1 < len(a.Content); i += 2 {
			if err := c.eq(at+"/"+spec.EscapeToken(a.Content[i].Value), a.Content[i+1], b.Content[i+1]); err != nil {
				return err
			}
		}
	}
	return nil
}

// eqRef compares where at least one side is a reference: the content each
// names, and the keys written beside the $ref.
func (c *comparer) eqRef(at string, a, b *yaml.Node, ra, rb *spec.Ref) error {
	ta, sa := a, [][2]*yaml.Node(nil)
	if ra != nil {
		ta, sa = ra.Target, siblings(a, ra)
	}
	tb, sb := b, [][2]*yaml.Node(nil)
	if rb != nil {
		tb, sb = rb.Target, siblings(b, rb)
	}
	if err := c.eqSiblings(at, sa, sb); err != nil {
		return err
	}
	if ra != nil && rb != nil && onStack(c.stackA, ra) && onStack(c.stackB, rb) {
		// Recursion on both sides: the same component?
		if na, nb := componentName(ra), componentName(rb); na != nb {
			return fmt.Errorf("%s: recursive refs reach %s and %s", orTop(at), na, nb)
		}
		return nil
	}
	// Otherwise unfold (one side may recurse a step later than the other);
	// a pair of targets already being compared is taken as equal, which
	// ends the unfolding.
	pair := [2]*yaml.Node{ta, tb}
	if c.done[pair] {
		return nil
	}
	c.done[pair] = true
	if ra != nil {
		c.stackA = append(c.stackA, ra)
		defer func() { c.stackA = c.stackA[:len(c.stackA)-1] }()
	}
	if rb != nil {
		c.stackB = append(c.stackB, rb)
		defer func() { c.stackB = c.stackB[:len(c.stackB)-1] }()
	}
	err := c.eq(at, ta, tb)
	if err != nil {
		delete(c.done, pair)
	}
	return err
}

// siblings are the entries of ref mapping n beside the reference itself.
func siblings(n *yaml.Node, r *spec.Ref) [][2]*yaml.Node {
	var out [][2]*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i+1] == r.At {
			continue
		}
		out = append(out, [2]*yaml.Node{n.Content[i], n.Content[i+1]})
	}
	return out
}

func (c *comparer) eqSiblings(at string, sa, sb [][2]*yaml.Node) error {
	if len(sa) != len(sb) {
		return fmt.Errorf("%s: %d keys beside $ref and %d", orTop(at), len(sa), len(sb))
	}
	for i := range sa {
		if sa[i][0].Value != sb[i][0].Value {
			return fmt.Errorf("%s: key %q beside $ref, and %q", orTop(at), sa[i][0].Value, sb[i][0].Value)
		}
		if err := c.eq(at+"/"+spec.EscapeToken(sa[i][0].Value), sa[i][1], sb[i][1]); err != nil {
			return err
		}
	}
	return nil
}

// TestSameMeaningCanFail: the comparison the round trips rely on sees a
// changed leaf or tag, a recursive ref that reaches another component, a
// missing component and a ref sibling; it passes content written inline
// on one side and behind a $ref on the other, and a recursion one side
// closes a step later.
func TestSameMeaningCanFail(t *testing.T) {
	const base = `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /n:
    get:
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Node"}
components:
  schemas:
    Node:
      type: object
      properties:
        next: {$ref: "#/components/schemas/Node"}
        id: {type: integer, maximum: 18446744073709551615}
    Other:
      type: object
      properties:
        next: {$ref: '#/components/schemas/Node'}
        id: {type: integer, maximum: 18446744073709551615}
`
	load := func(src string) *spec.Spec {
		s, err := spec.Load(context.Background(), "bundle.yaml", spec.Options{Reader: oneFile(src)})
		if err != nil {
			t.Fatalf("%v\n%s", err, src)
		}
		return s
	}
	replace := func(old, new string) string {
		if !strings.Contains(base, old) {
			t.Fatalf("%q is not in the base spec", old)
		}
		return strings.Replace(base, old, new, 1)
	}
	for _, c := range []struct {
		name, b string
		want    string // part of the error; "" for equal
	}{
		{"same", base, ""},
		{"inline", replace(`schema: {$ref: "#/components/schemas/Node"}`, `schema: {type: object, properties: {next: {$ref: "#/components/schemas/Node"}, id: {type: integer, maximum: 18446744073709551615}}}`), ""},
		{"leaf", replace("18446744073709551615", "18446744073709551614"), `"18446744073709551615" and !!int "18446744073709551614"`},
		{"tag", replace("maximum: 18446744073709551615", `maximum: "18446744073709551615"`), "!!int"},
		// Other unfolds as Node does, but a recursive ref compares by the
		// component it reaches.
		{"recursion", strings.NewReplacer(`schema: {$ref: "#/components/schemas/Node"}`, `schema: {$ref: "#/components/schemas/Other"}`,
			`next: {$ref: '#/components/schemas/Node'}`, `next: {$ref: '#/components/schemas/Other'}`).Replace(base), "recursive refs reach Node and Other"},
		{"unfolds later", replace(`next: {$ref: "#/components/schemas/Node"}`, `next: {$ref: "#/components/schemas/Other"}`), ""},
		{"sibling", replace(`schema: {$ref: "#/components/schemas/Node"}`, `schema: {$ref: "#/components/schemas/Node", description: x}`), "beside $ref"},
		{"component", replace("    Other:\n", "    Another:\n"), "/components/schemas"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := sameMeaning(load(base), load(c.b))
			switch {
			case c.want == "" && err != nil:
				t.Errorf("equal specs differ: %v", err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Errorf("got %v, want a difference mentioning %q", err, c.want)
			}
		})
	}
}
