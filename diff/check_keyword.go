package diff

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	yaml "github.com/pb33f/go-yaml"

	"github.com/dospec/dospec/spec"
)

// Checks on the assertion keywords compared as a whole (keywordKeys: not,
// contains, prefixItems, dependentRequired, dependentSchemas,
// if/then/else, patternProperties, propertyNames, unevaluated*, content*).
// A keyword added to a request may refuse what clients send; one removed
// from a response no longer holds for what clients read; a changed one is
// judged breaking both ways where it is no schema to walk (not, if,
// dependentRequired, content types: proving such a change only widens needs
// a solver). A keyword holding schemas (contains, then, else, …) is walked
// like items instead (compare.go), so only its keys or length count here.

var requestConstraintAdded = &Check{ID: "request-constraint-added", Level: Breaking, on: pSchema,
	Title: "A request schema gained or changed an assertion (not, contains, if/then/else, …)",
	Doc: "Values clients send today may no longer be valid: a new or changed not, contains, prefixItems, dependentRequired, dependentSchemas, if/then/else, patternProperties, propertyNames, unevaluatedItems/unevaluatedProperties or contentSchema/contentMediaType/contentEncoding. " +
		"Descriptions, titles and examples inside the keyword do not count.",
	Before: "tags: {type: array, items: {type: string}}",
	After:  "tags: {type: array, items: {type: string}, contains: {const: primary}}",
	fn: func(c *ctx, p *pair) {
		if p.dir != request || len(p.hf.kw) == 0 {
			return
		}
		for _, k := range keywordKeys {
			b, h := p.bf.kw[k], p.hf.kw[k]
			switch {
			case !h.ok():
			case !b.ok():
				c.reportAt(p, nil, nil, h.from, h.key, "%s: %s was added", p.where, k)
			case c.keywordChanged(k, b, h):
				c.reportAt(p, b.from, b.key, h.from, h.key, "%s: %s changed", p.where, k)
			}
		}
	}}

var responseConstraintRemoved = &Check{ID: "response-constraint-removed", Level: Breaking, on: pSchema,
	Title: "A response schema lost or changed an assertion (not, contains, if/then/else, …)",
	Doc: "Clients relied on what the assertion promised (a value contained, a property present with another, a media type of the content), and responses may now break it. " +
		"The keywords are those of request-constraint-added.",
	Before: "{type: object, dependentRequired: {card: [billing_address]}}",
	After:  "{type: object}",
	fn: func(c *ctx, p *pair) {
		if p.dir != response || len(p.bf.kw) == 0 {
			return
		}
		for _, k := range keywordKeys {
			b, h := p.bf.kw[k], p.hf.kw[k]
			switch {
			case !b.ok():
			case !h.ok():
				c.reportAt(p, b.from, b.key, nil, nil, "%s: %s was removed", p.where, k)
			case c.keywordChanged(k, b, h):
				c.reportAt(p, b.from, b.key, h.from, h.key, "%s: %s changed", p.where, k)
			}
		}
	}}

var constraintRelaxed = &Check{ID: "constraint-relaxed", Level: Info, on: pSchema,
	Title:  "A request assertion was removed, or a response one added",
	Doc:    "The change goes the safe way: requests accept more, responses promise more. Reported for the changelog.",
	Before: "{type: object, propertyNames: {pattern: '^[a-z]+$'}}",
	After:  "{type: object}",
	fn: func(c *ctx, p *pair) {
		if len(p.bf.kw) == 0 && len(p.hf.kw) == 0 {
			return
		}
		for _, k := range keywordKeys {
			b, h := p.bf.kw[k], p.hf.kw[k]
			switch {
			case p.dir == request && b.ok() && !h.ok():
				c.reportAt(p, b.from, b.key, nil, nil, "%s: %s was removed", p.where, k)
			case p.dir == response && !b.ok() && h.ok():
				c.reportAt(p, nil, nil, h.from, h.key, "%s: %s was added", p.where, k)
			}
		}
	}}

// subschemaKeys hold one schema, walked like items; schemaMapKeys a
// mapping of schemas and prefixItems a list of them, walked where the key
// or index is in both versions.
var (
	subschemaKeys = []string{"contains", "then", "else", "propertyNames", "unevaluatedItems", "unevaluatedProperties", "contentSchema"}
	schemaMapKeys = []string{"dependentSchemas", "patternProperties"}
)

// keywordChanged reports whether a keyword present in both versions
// changed in a way the schema walk does not judge.
func (c *ctx) keywordChanged(k string, b, h side) bool {
	switch {
	case slices.Contains(subschemaKeys, k):
		return false
	case slices.Contains(schemaMapKeys, k):
		return strings.Join(keysOf(b), "\x00") != strings.Join(keysOf(h), "\x00")
	case k == "prefixItems":
		return len(b.Content) != len(h.Content)
	}
	return c.canon(c.base, b) != c.canon(c.head, h)
}

// keysOf lists a mapping's keys, sorted.
func keysOf(s side) []string {
	var out []string
	if s.ok() && s.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(s.Content); i += 2 {
			out = append(out, s.Content[i].Value)
		}
	}
	sort.Strings(out)
	return out
}

// annotations are the schema keywords that constrain nothing.
var annotations = map[string]bool{"description": true, "title": true, "example": true, "examples": true, "$comment": true,
	"deprecated": true, "externalDocs": true, "xml": true}

// canon renders a node with $refs followed, mapping keys sorted and
// annotations left out, so that two spellings of one constraint compare
// equal.
func (c *ctx) canon(s *spec.Spec, n side) string {
	if !n.ok() {
		return ""
	}
	var b strings.Builder
	canonNode(s, n.Node, &b, 0)
	return b.String()
}

func canonNode(s *spec.Spec, n spec.Node, b *strings.Builder, depth int) {
	if depth > 24 {
		b.WriteString("…") // a recursive schema: deep enough to tell changes apart
		return
	}
	d, err := s.Deref(n)
	if err == nil {
		n = d
	}
	m := spec.Unalias(n.Node)
	switch m.Kind {
	case yaml.MappingNode:
		type kv struct {
			k string
			v *yaml.Node
		}
		var kvs []kv
		for i := 0; i+1 < len(m.Content); i += 2 {
			k := m.Content[i].Value
			if annotations[k] || strings.HasPrefix(k, "x-") {
				continue
			}
			kvs = append(kvs, kv{k, m.Content[i+1]})
		}
		sort.Slice(kvs, func(i, j int) bool { return kvs[i].k < kvs[j].k })
		b.WriteByte('{')
		for _, e := range kvs {
			b.WriteString(strconv.Quote(e.k) + ":")
			canonNode(s, spec.Node{File: n.File, Node: e.v}, b, depth+1)
			b.WriteByte(',')
		}
		b.WriteByte('}')
	case yaml.SequenceNode:
		b.WriteByte('[')
		for _, e := range m.Content {
			canonNode(s, spec.Node{File: n.File, Node: e}, b, depth+1)
			b.WriteByte(',')
		}
		b.WriteByte(']')
	default:
		b.WriteString(strconv.Quote(m.Value))
	}
}
