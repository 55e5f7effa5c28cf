package spec

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	yaml "github.com/pb33f/go-yaml"
)

// scanner walks one parsed file once: it finds $refs and discriminator
// mappings, $anchor and $id names, rejects duplicate keys, tags other than
// JSON's types and nesting deeper than maxDepth, and counts aliases.
type scanner struct {
	l       *loader
	f       *File
	refs    []*Ref
	aliases int
}

// place says what a value is, as far as telling a reference from data goes.
// A `$ref` key is a reference only where a Reference Object or a JSON
// Schema `$ref` can stand; elsewhere it is a name or literal data.
type place uint8

const (
	// placeObject: an OpenAPI or JSON Schema object; `$ref` is a reference.
	placeObject place = iota
	// placeNames: a map from names to schemas (`properties`, `$defs`, …).
	// A key `$ref` is a property's name, unless its value is a string:
	// `properties: {$ref: props.yml}` imports a whole map, which
	// multi-file specs do and bundlers accept.
	placeNames
	// placeData: literal data (`example`, `default`, `enum`, `const`,
	// `examples` values, `x-` extensions). A `$ref` whose string names a
	// local file or pointer is still followed, as multi-file specs write
	// `example: {$ref: examples.yml#/x}`; when it names nothing there
	// (a URL, a missing file or pointer) the mapping is kept as data.
	placeData
)

// nameMaps are the schema keywords whose value maps names to schemas.
var nameMaps = map[string]bool{"properties": true, "patternProperties": true, "$defs": true, "definitions": true, "dependentSchemas": true}

// dataKeys are the keywords whose value is literal data of the API.
var dataKeys = map[string]bool{"example": true, "default": true, "enum": true, "const": true, "value": true}

// maxDepth bounds how deep a file's values nest. Real specs stay under 50
// levels; every command walks the tree recursively, so a file nested
// thousands deep (go-yaml accepts 10,000) is refused, not walked.
const maxDepth = 1000

// plainTags are the tags a value may carry: JSON's types, and the
// timestamp and merge key plain YAML resolves to.
var plainTags = map[string]bool{"!!str": true, "!!int": true, "!!float": true, "!!bool": true,
	"!!null": true, "!!map": true, "!!seq": true, "!!timestamp": true, "!!merge": true}

// scan walks n, depth levels down, n standing at place p. It reports and
// returns false when the file cannot be used: nested too deep or a tag
// such as !include.
func (s *scanner) scan(n *yaml.Node, depth int, p place) bool {
	if depth > maxDepth {
		s.fail(s.f.Pos(n), ErrTooDeep, "values are nested more than %d levels deep; refusing", maxDepth)
		return false
	}
	if n.Style&yaml.TaggedStyle != 0 && !plainTags[n.ShortTag()] {
		s.fail(s.f.Pos(n), ErrTag, "YAML tag %s is not supported: spec files hold plain data (to include another file, use $ref)", n.Tag)
		return false
	}
	switch n.Kind {
	case yaml.ScalarNode:
		coreScalar(n)
	case yaml.AliasNode:
		s.aliases++
	case yaml.SequenceNode:
		item := placeObject
		if p == placeData {
			item = placeData
		}
		for _, c := range n.Content {
			if !s.scan(c, depth+1, item) {
				return false
			}
		}
	case yaml.MappingNode:
		s.checkDuplicates(n)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind == yaml.AliasNode || v.Kind == yaml.AliasNode {
				s.aliases++
			}
			if (k.Kind != yaml.ScalarNode || k.Style&yaml.TaggedStyle != 0) && !s.scan(k, depth+1, placeData) {
				return false
			}
			child := placeObject
			switch p {
			case placeNames:
				if k.Value == "$ref" && isString(v) {
					s.addRef(n, v, false)
					continue
				}
			case placeData:
				if k.Value == "$ref" && isString(v) {
					s.addRef(n, v, true)
					continue
				}
				child = placeData
			default:
				switch key := k.Value; {
				case key == "$ref":
					s.addRef(n, v, false)
					continue
				case key == "discriminator":
					s.scanMapping(v)
				case nameMaps[key]:
					child = placeNames
				case dataKeys[key] || strings.HasPrefix(key, "x-"):
					child = placeData
				case key == "examples" && v.Kind == yaml.SequenceNode:
					child = placeData // a JSON Schema's list of example values
				case key == "$anchor" || key == "$dynamicAnchor":
					s.addAnchor(v, n)
				case key == "$id":
					s.addID(v, n)
				}
			}
			if !s.scan(v, depth+1, child) {
				return false
			}
		}
	}
	return true
}

// fail notes a problem written in the file; it is reported if the file
// turns out to be part of the document.
func (s *scanner) fail(pos Pos, cause error, format string, args ...any) {
	s.f.errs = append(s.f.errs, &Error{Pos: pos, Msg: fmt.Sprintf(format, args...), Err: cause})
}

func isString(v *yaml.Node) bool { return v.Kind == yaml.ScalarNode && v.ShortTag() == "!!str" }

// addRef records the reference {$ref: v} (the mapping m). A data ref that
// names no local file or pointer is not one: it stays data.
func (s *scanner) addRef(m, v *yaml.Node, data bool) {
	if data && !localRef(v.Value) {
		return
	}
	if !isString(v) {
		switch {
		case v.Kind == yaml.ScalarNode && v.ShortTag() == "!!null":
			s.fail(s.f.Pos(v), ErrPointer, "$ref is empty")
		case v.Kind == yaml.ScalarNode:
			s.fail(s.f.Pos(v), ErrPointer, "$ref must be a string, not %s", v.Value)
		case v.Kind == yaml.SequenceNode:
			s.fail(s.f.Pos(v), ErrPointer, "$ref must be a string, not a list")
		case v.Kind == yaml.MappingNode:
			s.fail(s.f.Pos(v), ErrPointer, "$ref must be a string, not a mapping")
		default:
			s.fail(s.f.Pos(v), ErrPointer, "$ref must be a string")
		}
		return
	}
	if strings.TrimSpace(v.Value) == "" {
		s.fail(s.f.Pos(v), ErrPointer, "$ref is empty")
		return
	}
	r := &Ref{Raw: v.Value, From: s.f, At: v, Data: data, node: m}
	s.l.mu.Lock()
	s.l.spec.refs[m] = r
	s.l.mu.Unlock()
	s.refs = append(s.refs, r)
}

// localRef reports whether a $ref in data may name a local file or
// pointer: not a URL or URN, never fetched from data.
func localRef(v string) bool {
	if strings.TrimSpace(v) == "" {
		return false
	}
	filePart, _, _ := strings.Cut(v, "#")
	return !strings.Contains(filePart, ":")
}

// addAnchor notes a JSON Schema `$anchor` naming the schema m.
func (s *scanner) addAnchor(v, m *yaml.Node) {
	if !isString(v) || v.Value == "" {
		return
	}
	if s.f.anchors == nil {
		s.f.anchors = map[string]*yaml.Node{}
	}
	if _, dup := s.f.anchors[v.Value]; !dup {
		s.f.anchors[v.Value] = m
	}
}

// addID notes a JSON Schema `$id` naming the schema m: a $ref to that URI
// names m, not a file to fetch.
func (s *scanner) addID(v, m *yaml.Node) {
	if !isString(v) || v.Value == "" {
		return
	}
	id := strings.TrimSuffix(v.Value, "#")
	s.l.mu.Lock()
	if _, dup := s.l.ids[id]; !dup {
		s.l.ids[id] = Node{File: s.f, Node: m}
	}
	s.l.mu.Unlock()
}

// scanMapping records discriminator mapping values that name a file or a
// pointer; bare names mean #/components/schemas/<name> and need nothing.
// OAS 3.2's defaultMapping names a schema the same way.
func (s *scanner) scanMapping(d *yaml.Node) {
	var values []*yaml.Node
	if m := Get(d, "mapping"); m != nil && m.Kind == yaml.MappingNode {
		for i := 1; i < len(m.Content); i += 2 {
			values = append(values, m.Content[i])
		}
	}
	if v := Get(d, "defaultMapping"); v != nil {
		values = append(values, v)
	}
	for _, v := range values {
		if v.Kind != yaml.ScalarNode || !LooksLikeRef(v.Value) {
			continue
		}
		r := &Ref{Raw: v.Value, From: s.f, At: v, node: v}
		s.l.mu.Lock()
		s.l.spec.mapRefs[v] = r
		s.l.mu.Unlock()
		s.refs = append(s.refs, r)
	}
}

// LooksLikeRef tells a discriminator mapping value that is a reference
// from one that is a bare schema name.
func LooksLikeRef(v string) bool {
	return strings.ContainsAny(v, "/#") || strings.HasSuffix(v, ".yml") ||
		strings.HasSuffix(v, ".yaml") || strings.HasSuffix(v, ".json")
}

func (s *scanner) checkDuplicates(n *yaml.Node) {
	c := n.Content
	if len(c) <= 32 {
		for i := 0; i+1 < len(c); i += 2 {
			for j := i + 2; j+1 < len(c); j += 2 {
				if c[i].Kind == yaml.ScalarNode && c[j].Kind == yaml.ScalarNode && c[i].Value == c[j].Value {
					s.dup(c[i], c[j])
				}
			}
		}
		return
	}
	seen := make(map[string]*yaml.Node, len(c)/2)
	for i := 0; i+1 < len(c); i += 2 {
		if c[i].Kind != yaml.ScalarNode {
			continue
		}
		if first, ok := seen[c[i].Value]; ok {
			s.dup(first, c[i])
			continue
		}
		seen[c[i].Value] = c[i]
	}
}

func (s *scanner) dup(first, again *yaml.Node) {
	s.fail(s.f.Pos(again), ErrDuplicateKey, "duplicate key %q (first at line %d)", again.Value, first.Line)
}

// expandedSize counts the nodes of n with every alias expanded, stopping
// once the count passes limit.
func expandedSize(n *yaml.Node, memo map[*yaml.Node]int, limit int) int {
	if n == nil {
		return 0
	}
	if v, ok := memo[n]; ok {
		return v
	}
	if n.Kind == yaml.AliasNode {
		memo[n] = limit // a self-referencing alias is infinite
		v := expandedSize(n.Alias, memo, limit)
		memo[n] = v
		return v
	}
	total := 1
	for _, c := range n.Content {
		total += expandedSize(c, memo, limit)
		if total > limit {
			break
		}
	}
	memo[n] = total
	return total
}

// decodePointer turns a $ref fragment into a JSON pointer with percent
// escapes undone ("" for the whole file).
func decodePointer(frag string) (string, error) {
	if frag == "" {
		return "", nil
	}
	if !strings.HasPrefix(frag, "/") {
		return "", fmt.Errorf("fragment %q is not a JSON pointer (it must start with /)", "#"+frag)
	}
	if strings.Contains(frag, "%") {
		u, err := url.PathUnescape(frag)
		if err != nil {
			return "", fmt.Errorf("bad escape in fragment: %v", err)
		}
		frag = u
	}
	return frag, nil
}

// SplitPointer splits a JSON pointer into its unescaped tokens.
func SplitPointer(ptr string) []string {
	if ptr == "" {
		return nil
	}
	parts := strings.Split(ptr[1:], "/")
	for i, p := range parts {
		if strings.Contains(p, "~") {
			parts[i] = strings.ReplaceAll(strings.ReplaceAll(p, "~1", "/"), "~0", "~")
		}
	}
	return parts
}

// EscapeToken escapes one JSON pointer token.
func EscapeToken(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// lookup follows ptr inside f. A $ref met on the way is followed, so
// pointers into a referenced document work.
func (l *loader) lookup(f *File, ptr string, depth int) (*yaml.Node, error) {
	if depth > 32 {
		return nil, fmt.Errorf("%w: too many nested references", ErrCycle)
	}
	n := f.Doc
	walked := ""
	for _, tok := range SplitPointer(ptr) {
		n = Unalias(n)
		if r := l.spec.refs[n]; r != nil && Get(n, tok) == nil {
			if r.resolved && r.Target == nil {
				if r.err != nil {
					return nil, errors.New(r.err.Msg)
				}
				return nil, fmt.Errorf("%s names nothing", r.Raw)
			}
			if !r.resolved {
				// Resolve it here, a level deeper, so a chain of pointers
				// through files is bounded by depth.
				r.resolved = true
				if r.err != nil || r.File == nil || r.File.Doc == nil {
					return nil, fmt.Errorf("%s cannot be read", r.Raw)
				}
				p, err := decodePointer(r.frag)
				if err != nil {
					return nil, err
				}
				t, err := l.lookup(r.File, p, depth+1)
				if err != nil {
					return nil, err
				}
				r.Pointer, r.Target = p, t
			}
			n = Unalias(r.Target)
		}
		switch n.Kind {
		case yaml.MappingNode:
			v := Get(n, tok)
			if v == nil {
				return nil, fmt.Errorf("no key %q at %s in %s", tok, orRoot(walked), f.Path)
			}
			n = v
		case yaml.SequenceNode:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(n.Content) {
				return nil, fmt.Errorf("no item %q at %s in %s", tok, orRoot(walked), f.Path)
			}
			n = n.Content[i]
		default:
			return nil, fmt.Errorf("%s in %s is a scalar, cannot take %q", orRoot(walked), f.Path, tok)
		}
		walked += "/" + EscapeToken(tok)
	}
	return Unalias(n), nil
}

func orRoot(p string) string {
	if p == "" {
		return "the top level"
	}
	return "#" + p
}
