package lint

import (
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
