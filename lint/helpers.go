package lint

import (
	"strconv"
	"strings"

	yaml "github.com/pb33f/go-yaml"

	"github.com/dospec/dospec/spec"
)

// each calls fn for every visited object of kind k.
func (p *Pass) each(k spec.Kind, fn func(v *spec.Visit)) {
	for _, v := range p.Index.Visits {
		if v.Kind == k {
			fn(v)
		}
	}
}

// eachProperty calls fn for every schema that is an entry of a
// `properties` map, with its property name.
func (p *Pass) eachProperty(fn func(v *spec.Visit, name string)) {
	for _, v := range p.Index.Visits {
		if v.Kind == spec.KindSchema && v.Parent != nil && v.Parent.Kind == spec.KindSchemaMap && v.Parent.Name() == "properties" {
			fn(v, v.Name())
		}
	}
}

// field returns the value under key with $refs followed.
func (p *Pass) field(n spec.Node, key string) (spec.Node, bool) {
	return p.Spec.Field(n, key)
}

// str returns the scalar under key, $refs followed (a description may be
// written as {$ref: description.yml#/x}).
func (p *Pass) str(n spec.Node, key string) (string, bool) {
	v, ok := p.field(n, key)
	if !ok {
		return "", false
	}
	return spec.ScalarString(v.Node)
}

// keyOf returns the key node for key in n, or n itself when absent, as the
// place to point at.
func keyOf(n *yaml.Node, key string) *yaml.Node {
	if k, _ := spec.GetKey(n, key); k != nil {
		return k
	}
	return n
}

// valueOf returns the value node under key, or the mapping itself.
func valueOf(n *yaml.Node, key string) *yaml.Node {
	if v := spec.Get(n, key); v != nil {
		return v
	}
	return n
}

// has reports whether mapping n has key (with any value, even null).
func has(n *yaml.Node, key string) bool {
	k, _ := spec.GetKey(n, key)
	return k != nil
}

// schemaType is the schema's type keyword (the first non-null one of a
// 3.1 type list), with $refs followed.
func (p *Pass) schemaType(n spec.Node) string {
	t, ok := p.field(n, "type")
	if !ok {
		return ""
	}
	if t.Kind == yaml.SequenceNode {
		for _, c := range t.Content {
			if c.Value != "null" {
				return c.Value
			}
		}
		return "null"
	}
	return t.Value
}

// isBlank reports whether a description is empty or whitespace only.
func isBlank(s string) bool { return strings.TrimSpace(s) == "" }

// pathHasParam reports whether a path template has a {param}.
func pathHasParam(path string) bool {
	i := strings.IndexByte(path, '{')
	return i >= 0 && strings.IndexByte(path[i:], '}') > 0
}

// place is a value of the document with its $refs followed, as spectral's
// resolved document holds it: the node where it is written and the key it
// is written under there (nil for a list item or a whole file).
type place struct {
	spec.Node
	key  *yaml.Node
	name string // the key or index it is used under, where it is used
	path string // JSON path of the first way the walk met it
}

// resolve follows the $refs of n, the value written under key (or at
// index name of a list), met at path.
func (p *Pass) resolve(n spec.Node, key *yaml.Node, name, path string) (place, bool) {
	n.Node = spec.Unalias(n.Node)
	r := p.Spec.Ref(n.Node)
	d, err := p.Spec.Deref(n)
	if err != nil || d.Node == nil {
		return place{}, false
	}
	d.Node = spec.Unalias(d.Node)
	if r != nil {
		// Where a $ref leads is written under its own key, if any.
		key = nil
		for hop := n.Node; p.Spec.Ref(hop) != nil; hop = spec.Unalias(p.Spec.Ref(hop).Target) {
			key = p.Spec.KeyOf(p.Spec.Ref(hop))
		}
	}
	return place{Node: d, key: key, name: name, path: path}, true
}

// rootPlace is the root document.
func (p *Pass) rootPlace() place {
	return place{Node: spec.Node{File: p.Spec.Root, Node: p.Spec.Root.Doc}, path: "$"}
}

// child is pl's value under name, $refs followed.
func (p *Pass) child(pl place, name string) (place, bool) {
	if pl.Node.Node.Kind != yaml.MappingNode {
		return place{}, false
	}
	k, v := spec.GetKey(pl.Node.Node, name)
	if k == nil {
		return place{}, false
	}
	return p.resolve(spec.Node{File: pl.File, Node: v}, k, name, pl.path+spec.PathSegment(name, false))
}

// children are the values of a mapping or the items of a list (JSONPath's
// [*]), $refs followed.
func (p *Pass) children(pl place) []place {
	var out []place
	n := pl.Node.Node
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if c, ok := p.resolve(spec.Node{File: pl.File, Node: n.Content[i+1]}, n.Content[i], n.Content[i].Value, pl.path+spec.PathSegment(n.Content[i].Value, false)); ok {
				out = append(out, c)
			}
		}
	case yaml.SequenceNode:
		for i, item := range n.Content {
			if c, ok := p.resolve(spec.Node{File: pl.File, Node: item}, nil, strconv.Itoa(i), pl.path+spec.PathSegment(strconv.Itoa(i), true)); ok {
				out = append(out, c)
			}
		}
	}
	return out
}

// pos is where spectral points at pl: a mapping or list at its key (the
// line spectral gives), a scalar or a whole file where it is written.
func (pl place) pos() spec.Pos {
	if pl.key != nil && pl.Node.Node.Kind != yaml.ScalarNode {
		return pl.File.Pos(pl.key)
	}
	return pl.Pos()
}

// entryWalker walks the document by its nodes, $refs followed, each value
// once, and hands fn the entries of the mappings it meets that fn asks for
// by key (a place, with its path, made only for those). Rules that look at
// every value (spectral's $..x) go through most of the document, which is
// why it does not make a place for each value as children does.
type entryWalker struct {
	p      *Pass
	keys   func(key string) bool
	fn     func(e place)
	walked map[*yaml.Node]bool
	path   pathWriter
}

// entryWalker returns a walker calling fn for the entries whose key wants
// says yes to; its walks share what they have walked.
func (p *Pass) entryWalker(wants func(key string) bool, fn func(e place)) *entryWalker {
	return &entryWalker{p: p, keys: wants, fn: fn, walked: map[*yaml.Node]bool{}}
}

// walk walks from n, the value at path.
func (w *entryWalker) walk(n spec.Node, path string) {
	w.path = pathWriter{base: path, steps: w.path.steps[:0]}
	w.visit(n)
}

func (w *entryWalker) visit(n spec.Node) {
	n.Node = spec.Unalias(n.Node)
	d, err := w.p.Spec.Deref(n)
	if err != nil || d.Node == nil {
		return
	}
	d.Node = spec.Unalias(d.Node)
	if d.Node.Kind == yaml.ScalarNode || w.walked[d.Node] {
		return
	}
	w.walked[d.Node] = true
	c := d.Node.Content
	if d.Node.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(c); i += 2 {
			k := spec.Unalias(c[i])
			w.path.push(k.Value, false)
			if w.keys(k.Value) {
				if e, ok := w.p.resolve(spec.Node{File: d.File, Node: c[i+1]}, k, k.Value, w.path.String()); ok {
					w.fn(e)
				}
			}
			w.visit(spec.Node{File: d.File, Node: c[i+1]})
			w.path.pop()
		}
		return
	}
	for i, item := range c {
		w.path.push(strconv.Itoa(i), true)
		w.visit(spec.Node{File: d.File, Node: item})
		w.path.pop()
	}
}

// pathWriter is a JSON path built step by step, written out on demand.
type pathWriter struct {
	base  string
	steps []pathStep
}

type pathStep struct {
	name  string
	index bool
}

func (w *pathWriter) push(name string, index bool) { w.steps = append(w.steps, pathStep{name, index}) }

func (w *pathWriter) pop() { w.steps = w.steps[:len(w.steps)-1] }

func (w *pathWriter) String() string {
	var b strings.Builder
	b.WriteString(w.base)
	for _, s := range w.steps {
		b.WriteString(spec.PathSegment(s.name, s.index))
	}
	return b.String()
}
