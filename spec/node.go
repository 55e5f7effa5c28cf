package spec

import (
	"fmt"
	"strconv"
	"strings"

	yaml "github.com/pb33f/go-yaml"
)

// Node is a YAML node together with the file it is written in, so its
// position can always be told.
type Node struct {
	File *File
	*yaml.Node
}

// Pos is where the node is written.
func (n Node) Pos() Pos { return n.File.Pos(n.Node) }

// Get returns the value under key in mapping m, or nil. Aliases are followed.
func Get(m *yaml.Node, key string) *yaml.Node {
	m = Unalias(m)
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return Unalias(m.Content[i+1])
		}
	}
	return nil
}

// GetKey returns the key node and value for key in mapping m.
func GetKey(m *yaml.Node, key string) (k, v *yaml.Node) {
	m = Unalias(m)
	if m == nil || m.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i], Unalias(m.Content[i+1])
		}
	}
	return nil, nil
}

// Unalias follows YAML aliases to the node they stand for.
func Unalias(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 64; i++ {
		n = n.Alias
	}
	return n
}

// Deref follows $refs from n until it reaches a node that is not one. It
// returns n itself when n is not a reference.
func (s *Spec) Deref(n Node) (Node, error) {
	var seen []*Ref
	for {
		r := s.refs[n.Node]
		if r == nil {
			return n, nil
		}
		for _, p := range seen {
			if p == r {
				return n, &Error{Pos: r.From.Pos(r.At), Msg: "$ref cycle: " + chain(append(seen, r)), Err: ErrCycle}
			}
		}
		seen = append(seen, r)
		n = Node{File: r.File, Node: r.Target}
	}
}

func chain(refs []*Ref) string {
	parts := make([]string, 0, len(refs))
	for _, r := range refs {
		parts = append(parts, r.String())
	}
	return strings.Join(parts, " → ")
}

// ScalarString returns a scalar node's value and whether n was a scalar.
func ScalarString(n *yaml.Node) (string, bool) {
	n = Unalias(n)
	if n == nil || n.Kind != yaml.ScalarNode {
		return "", false
	}
	return n.Value, true
}

// KindName names a node kind for messages.
func KindName(n *yaml.Node) string {
	switch Unalias(n).Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return fmt.Sprintf("a scalar (%s)", n.ShortTag())
	}
	return "nothing"
}

// KeyOf returns the key under which r's target is written in its file
// ("#/components/schemas/pet" → the key pet), nil for a whole file. Tools
// report an object at its key, as spectral does.
func (s *Spec) KeyOf(r *Ref) *yaml.Node {
	if r == nil || r.File == nil || r.File.Doc == nil || r.Pointer == "" {
		return nil
	}
	toks := SplitPointer(r.Pointer)
	n := r.File.Doc
	for _, tok := range toks[:len(toks)-1] {
		n = Unalias(n)
		switch n.Kind {
		case yaml.MappingNode:
			if n = Get(n, tok); n == nil {
				return nil
			}
		case yaml.SequenceNode:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(n.Content) {
				return nil
			}
			n = n.Content[i]
		default:
			return nil
		}
	}
	k, _ := GetKey(n, toks[len(toks)-1])
	return k
}
