package spec

import (
	"strconv"
	"strings"

	yaml "github.com/pb33f/go-yaml"
)

// Visit is one OpenAPI object met while walking the document.
type Visit struct {
	Kind Kind
	Node Node       // the object with $refs followed; Node.File is where it is written
	Key  *yaml.Node // the key it sits under in its parent mapping, nil for list items and the root
	// Ref is the $ref that led here (the last hop of a chain), nil when the
	// object is written in place. RefNode is the {$ref: ...} mapping itself.
	Ref     *Ref
	RefNode *yaml.Node
	Parent  *Visit
	Op      *Operation // the operation it was first met under, nil outside operations
	// Unit names the region of the sources the object belongs to: the target
	// of the innermost $ref that led here ("" for the root file's own
	// content). Every operation that reaches a unit reaches the object.
	Unit string
	// Nesting counts the `properties` maps on the way from the root to v,
	// up to 2: DO's rules treat properties of nested objects apart. An
	// object met at different nestings is visited once per nesting.
	Nesting int

	seg   string // the step from the parent: a key or an item index
	index bool   // seg is a list index
}

// Name is the key (or list index) v sits under in its parent.
func (v *Visit) Name() string { return v.seg }

// InList reports whether v is an item of a list.
func (v *Visit) InList() bool { return v.index }

// Operation is one operation of the document.
type Operation struct {
	Method   string // lower case, as written: get, post, …
	Path     string // the path template
	Node     Node   // the operation object, $refs followed
	PathItem Node
	Visit    *Visit
	Index    int // document order
}

// ID is the operation's operationId, or "" when it has none.
func (o *Operation) ID() string {
	v, _ := ScalarString(Get(o.Node.Node, "operationId"))
	return v
}

// String names the operation as people do: "GET /v2/droplets".
func (o *Operation) String() string { return strings.ToUpper(o.Method) + " " + o.Path }

// Index is the document walked once: every object visited once, with
// which operations reach it.
type Index struct {
	Spec       *Spec
	Visits     []*Visit // in the order first met: root, paths in order, components
	Operations []*Operation
	// Uses counts the $refs (and discriminator mappings) naming each target,
	// by Ref.Key(); unused-component checks read it.
	Uses map[string]int

	edges   map[string]map[string]bool // unit → units its $refs lead to
	unitOps map[string][]*Operation
}

// Index walks the whole document once.
func (s *Spec) Index() *Index {
	w := &walker{
		idx: &Index{
			Spec:  s,
			Uses:  map[string]int{},
			edges: map[string]map[string]bool{},
		},
		seen: map[visitKey]bool{},
	}
	root := &Visit{Kind: KindDocument, Node: Node{File: s.Root, Node: s.Root.Doc}, seg: "$"}
	w.idx.Visits = append(w.idx.Visits, root)
	w.children(root)
	w.idx.reach()
	return w.idx
}

type visitKey struct {
	n       *yaml.Node
	k       Kind
	nesting int
}

type walker struct {
	idx  *Index
	seen map[visitKey]bool
}

// children visits what v holds.
func (w *walker) children(v *Visit) {
	n := v.Node.Node
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			ck := v.Kind.Child(k.Value)
			if v.Kind == KindDiscriminator && k.Value == "mapping" {
				w.mapping(v, n.Content[i+1])
				continue
			}
			if ck == KindGeneric {
				continue
			}
			w.visit(v, ck, k, k.Value, false, n.Content[i+1])
		}
	case yaml.SequenceNode:
		ck := v.Kind.Child("")
		if ck == KindGeneric {
			return
		}
		for i, c := range n.Content {
			w.visit(v, ck, nil, strconv.Itoa(i), true, c)
		}
	}
}

// visit meets the value c of kind k under parent, following $refs.
func (w *walker) visit(parent *Visit, k Kind, key *yaml.Node, seg string, index bool, c *yaml.Node) {
	s := w.idx.Spec
	c = Unalias(c)
	unit := parent.Unit
	var last *Ref
	var refNode *yaml.Node
	node := Node{File: parent.Node.File, Node: c}
	for hops := 0; hops < 32; hops++ {
		r := s.Ref(node.Node)
		if r == nil || r.Target == nil {
			break
		}
		w.idx.Uses[r.Key()]++
		w.edge(unit, r.Key())
		if refNode == nil {
			refNode = node.Node
		}
		last, unit = r, r.Key()
		node = Node{File: r.File, Node: Unalias(r.Target)}
	}
	if s.Ref(node.Node) != nil {
		return // a cycle of bare $refs; the loader and bundler report it
	}
	if s.Broken(node.Node) {
		return // a $ref that names nothing (Options.KeepGoing): reported as a problem
	}
	nesting := parent.Nesting
	if k == KindSchemaMap && seg == "properties" && nesting < 2 {
		nesting++
	}
	v := &Visit{Kind: k, Node: node, Key: key, Ref: last, RefNode: refNode, Parent: parent, Op: parent.Op, Unit: unit, Nesting: nesting, seg: seg, index: index}
	// Operations of callbacks and webhooks are walked like the others but
	// are not listed: their keys are not path templates of the API.
	if k == KindOperation && parent.Parent != nil && parent.Parent.Kind == KindPaths {
		op := &Operation{Method: seg, Path: parent.seg, Node: node, PathItem: parent.Node, Visit: v, Index: len(w.idx.Operations)}
		// An operation is a unit of its own even when written in place, so
		// that what it reaches is told apart from what its siblings reach.
		if v.Unit == parent.Unit {
			v.Unit = "op:" + op.String()
			w.edge(parent.Unit, v.Unit)
		}
		v.Op = op
		w.idx.Operations = append(w.idx.Operations, op)
	}
	id := visitKey{node.Node, k, nesting}
	if w.seen[id] {
		return
	}
	w.seen[id] = true
	w.idx.Visits = append(w.idx.Visits, v)
	w.children(v)
}

// mapping follows discriminator mapping values that name schemas.
func (w *walker) mapping(parent *Visit, m *yaml.Node) {
	m = Unalias(m)
	if m.Kind != yaml.MappingNode {
		return
	}
	s := w.idx.Spec
	for i := 0; i+1 < len(m.Content); i += 2 {
		v := m.Content[i+1]
		r := s.MappingRef(v)
		if r == nil {
			if name, ok := ScalarString(v); ok && !LooksLikeRef(name) {
				w.idx.Uses[s.Root.Path+"#/components/schemas/"+EscapeToken(name)]++
			}
			continue
		}
		if r.Target == nil {
			continue
		}
		w.idx.Uses[r.Key()]++
		w.edge(parent.Unit, r.Key())
		target := Node{File: r.File, Node: Unalias(r.Target)}
		if s.Ref(target.Node) != nil {
			continue
		}
		id := visitKey{target.Node, KindSchema, parent.Nesting}
		if w.seen[id] {
			continue
		}
		w.seen[id] = true
		vis := &Visit{Kind: KindSchema, Node: target, Key: m.Content[i], Ref: r, Parent: parent, Op: parent.Op, Unit: r.Key(), Nesting: parent.Nesting, seg: "mapping"}
		w.idx.Visits = append(w.idx.Visits, vis)
		w.children(vis)
	}
}

func (w *walker) edge(from, to string) {
	if from == to {
		return
	}
	m := w.idx.edges[from]
	if m == nil {
		m = map[string]bool{}
		w.idx.edges[from] = m
	}
	m[to] = true
}

// reach finds, for every unit, the operations whose content leads to it.
func (idx *Index) reach() {
	idx.unitOps = map[string][]*Operation{}
	for _, op := range idx.Operations {
		seen := map[string]bool{}
		stack := []string{op.Visit.Unit}
		for len(stack) > 0 {
			u := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if seen[u] {
				continue
			}
			seen[u] = true
			idx.unitOps[u] = append(idx.unitOps[u], op)
			for next := range idx.edges[u] {
				if !seen[next] {
					stack = append(stack, next)
				}
			}
		}
	}
}

// OperationsReaching lists, in document order, the operations whose
// content includes v (directly or through $refs).
func (idx *Index) OperationsReaching(v *Visit) []*Operation {
	if v.Unit == "" {
		if v.Op != nil {
			return []*Operation{v.Op}
		}
		return nil
	}
	return idx.unitOps[v.Unit]
}

// isIdentifier tells a key that JSONPath can write after a dot.
func isIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '_', c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case i > 0 && (c == '-' || c >= '0' && c <= '9'):
		default:
			return false
		}
	}
	return true
}

// JSONPath is where the walk first met v, in the logical (bundled)
// document: $.paths['/v2/droplets'].get.responses['200'].
func (v *Visit) JSONPath() string {
	var chain []*Visit
	for p := v; p != nil; p = p.Parent {
		chain = append(chain, p)
	}
	var b strings.Builder
	for i := len(chain) - 1; i >= 0; i-- {
		p := chain[i]
		if p.Parent == nil {
			b.WriteString(p.seg)
			continue
		}
		b.WriteString(PathSegment(p.seg, p.index))
	}
	return b.String()
}

// PathSegment writes one JSONPath step: .key, ['odd key'] or [index].
func PathSegment(seg string, index bool) string {
	switch {
	case index:
		return "[" + seg + "]"
	case isIdentifier(seg):
		return "." + seg
	}
	return "['" + strings.ReplaceAll(seg, "'", `\'`) + "']"
}

// Field returns the value under key in v's object, $refs followed, with the
// file it is written in. ok is false when the key is absent.
func (s *Spec) Field(n Node, key string) (Node, bool) {
	v := Get(n.Node, key)
	if v == nil {
		return Node{}, false
	}
	d, err := s.Deref(Node{File: n.File, Node: v})
	if err != nil {
		return Node{File: n.File, Node: v}, true
	}
	return d, true
}
