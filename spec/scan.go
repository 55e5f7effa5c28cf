package spec

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	yaml "github.com/pb33f/go-yaml"
)

// scanner walks one parsed file once: it finds $refs and discriminator
// mappings, rejects duplicate keys and counts aliases.
type scanner struct {
	l       *loader
	f       *File
	refs    []*Ref
	aliases int
}

func (s *scanner) scan(n *yaml.Node) {
	switch n.Kind {
	case yaml.AliasNode:
		s.aliases++
	case yaml.SequenceNode:
		for _, c := range n.Content {
			s.scan(c)
		}
	case yaml.MappingNode:
		s.checkDuplicates(n)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind == yaml.AliasNode || v.Kind == yaml.AliasNode {
				s.aliases++
			}
			switch k.Value {
			case "$ref":
				s.addRef(n, v)
				continue
			case "discriminator":
				s.scanMapping(v)
			}
			s.scan(v)
		}
	}
}

func (s *scanner) addRef(m, v *yaml.Node) {
	if v.Kind != yaml.ScalarNode || v.ShortTag() != "!!str" {
		s.l.fail(s.f.Pos(v), ErrPointer, "$ref must be a string")
		return
	}
	if strings.TrimSpace(v.Value) == "" {
		s.l.fail(s.f.Pos(v), ErrPointer, "$ref is empty")
		return
	}
	r := &Ref{Raw: v.Value, From: s.f, At: v}
	s.l.mu.Lock()
	s.l.spec.refs[m] = r
	s.l.mu.Unlock()
	s.refs = append(s.refs, r)
}

// scanMapping records discriminator mapping values that name a file or a
// pointer; bare names mean #/components/schemas/<name> and need nothing.
func (s *scanner) scanMapping(d *yaml.Node) {
	m := Get(d, "mapping")
	if m == nil || m.Kind != yaml.MappingNode {
		return
	}
	for i := 1; i < len(m.Content); i += 2 {
		v := m.Content[i]
		if v.Kind != yaml.ScalarNode || !LooksLikeRef(v.Value) {
			continue
		}
		r := &Ref{Raw: v.Value, From: s.f, At: v}
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
	s.l.fail(s.f.Pos(again), ErrDuplicateKey, "duplicate key %q (first at line %d)", again.Value, first.Line)
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
func (s *Spec) lookup(f *File, ptr string, depth int) (*yaml.Node, error) {
	if depth > 32 {
		return nil, fmt.Errorf("%w: too many nested references", ErrCycle)
	}
	n := f.Doc
	walked := ""
	for _, tok := range SplitPointer(ptr) {
		n = Unalias(n)
		if r := s.refs[n]; r != nil && Get(n, tok) == nil && r.File != nil && r.File.Doc != nil {
			_, frag, _ := strings.Cut(r.Raw, "#")
			p, err := decodePointer(frag)
			if err != nil {
				return nil, err
			}
			t, err := s.lookup(r.File, p, depth+1)
			if err != nil {
				return nil, err
			}
			n = Unalias(t)
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
