package lint

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"

	yaml "github.com/pb33f/go-yaml"

	"github.com/dospec/dospec/spec"
)

// rootTag is one entry of the root's tags list.
type rootTag struct {
	name  string
	node  *yaml.Node // the tag object
	key   *yaml.Node // its name value
	index int
	trait bool // x-traitTag: true, a documentation-only tag
}

func (p *Pass) rootTags() []rootTag {
	var out []rootTag
	tags := spec.Get(p.Spec.Root.Doc, "tags")
	for i, t := range contentOf(tags) {
		t = spec.Unalias(t)
		name := spec.Get(t, "name")
		if name == nil {
			continue
		}
		trait := false
		if v, _ := spec.ScalarString(spec.Get(t, "x-traitTag")); v == "true" {
			trait = true
		}
		out = append(out, rootTag{name: name.Value, node: t, key: name, index: i, trait: trait})
	}
	return out
}

func contentOf(n *yaml.Node) []*yaml.Node {
	if n == nil {
		return nil
	}
	return spec.Unalias(n).Content
}

// opTags returns the tag name nodes of an operation.
func (p *Pass) opTags(op *spec.Operation) []*yaml.Node {
	t, ok := p.field(op.Node, "tags")
	if !ok {
		return nil
	}
	return t.Content
}

var operationTags = &Rule{
	ID:       "operation-tags",
	Title:    "Every operation has a tag",
	Doc:      `Tags group operations in documentation and generated clients (one service per tag); an untagged operation has no home.`,
	Bad:      `operationId: droplets_list`,
	Good:     "operationId: droplets_list\ntags:\n  - Droplets",
	Severity: Warning,
	Check: func(p *Pass) {
		for _, op := range p.Index.Operations {
			if len(p.opTags(op)) == 0 {
				p.Report(op.Visit, nil, "%s has no tags", op)
			}
		}
	},
}

var operationTagDefined = &Rule{
	ID:       "operation-tag-defined",
	Title:    "Operation tags are declared in the root tags",
	Doc:      `Every tag an operation uses is declared in the root's tags list, with its description.`,
	Bad:      "tags:\n  - Droplet   # root declares Droplets",
	Good:     "tags:\n  - Droplets",
	Severity: Warning,
	Check: func(p *Pass) {
		declared := map[string]bool{}
		for _, t := range p.rootTags() {
			declared[t.name] = true
		}
		for _, op := range p.Index.Operations {
			t, _ := p.field(op.Node, "tags")
			for _, name := range p.opTags(op) {
				if !declared[name.Value] {
					p.ReportAt(t.File.Pos(name), op.Visit.JSONPath()+".tags", []*spec.Operation{op}, "tag %q is not declared in the root tags", name.Value)
				}
			}
		}
	},
}

var tagUnused = &Rule{
	ID:    "tag-unused",
	Title: "Every declared tag is used",
	Doc: `A root tag no operation uses is dead documentation, unless it is a
documentation-only tag marked x-traitTag: true.`,
	Bad:      "tags:\n  - name: Floating IPs   # no operation uses it",
	Good:     "tags:\n  - name: Introduction\n    x-traitTag: true",
	Severity: Warning,
	Check: func(p *Pass) {
		used := map[string]bool{}
		for _, op := range p.Index.Operations {
			for _, n := range p.opTags(op) {
				used[n.Value] = true
			}
		}
		for _, t := range p.rootTags() {
			if !used[t.name] && !t.trait {
				p.ReportAt(p.Spec.Root.Pos(t.key), fmt.Sprintf("$.tags[%d]", t.index), nil, "tag %q is declared but no operation uses it", t.name)
			}
		}
	},
}

var tagsUnique = &Rule{
	ID:       "openapi-tags-uniqueness",
	Title:    "Root tag names are unique",
	Doc:      `Two root tags with one name make documentation tools pick one at random.`,
	Bad:      "tags:\n  - name: Droplets\n  - name: Droplets",
	Good:     "tags:\n  - name: Droplets",
	Severity: Error,
	Check: func(p *Pass) {
		first := map[string]int{}
		for _, t := range p.rootTags() {
			if i, ok := first[t.name]; ok {
				p.ReportAt(p.Spec.Root.Pos(t.key), fmt.Sprintf("$.tags[%d]", t.index), nil, "tag %q is declared twice (first at tags[%d])", t.name, i)
				continue
			}
			first[t.name] = t.index
		}
	},
}

var tagDescription = &Rule{
	ID:       "tag-description",
	Title:    "Root tags have a description",
	Doc:      `Each root tag explains the group of operations it names; documentation shows it above them.`,
	Bad:      "tags:\n  - name: Droplets",
	Good:     "tags:\n  - name: Droplets\n    description: Droplets are virtual machines.",
	Severity: Warning,
	Check: func(p *Pass) {
		for _, t := range p.rootTags() {
			d, ok := p.str(spec.Node{File: p.Spec.Root, Node: t.node}, "description")
			if !ok || isBlank(d) {
				p.ReportAt(p.Spec.Root.Pos(t.node), fmt.Sprintf("$.tags[%d]", t.index), nil, "tag %q has no description", t.name)
			}
		}
	},
}

var tagsAlphabetical = &Rule{
	ID:    "openapi-tags-alphabetical",
	Title: "Root tags are in alphabetical order",
	Doc: `Sorted tags make the documentation's menu predictable. Compared
case-insensitively; reported at the tags list, naming the first tag out of order.`,
	Bad:      "tags:\n  - name: Volumes\n  - name: Droplets",
	Good:     "tags:\n  - name: Droplets\n  - name: Volumes",
	Severity: Warning,
	Check: func(p *Pass) {
		tags := p.rootTags()
		for i := 1; i < len(tags); i++ {
			if strings.ToLower(tags[i].name) < strings.ToLower(tags[i-1].name) {
				// At the tags list, as spectral reports it (its message
				// cannot name the tag; this one does).
				at := tags[i].node
				if k, _ := spec.GetKey(p.Spec.Root.Doc, "tags"); k != nil {
					at = k
				}
				p.ReportAt(p.Spec.Root.Pos(at), "$.tags", nil,
					"tag %q comes after %q: root tags are not in alphabetical order", tags[i].name, tags[i-1].name)
				return
			}
		}
	},
}

var operationSingularTag = &Rule{
	ID:    "operation-singular-tag",
	Title: "An operation has at most one tag",
	Doc: `Generators that make one service per tag put an operation with two tags in two
services. Reported at tags. Not in the recommended ruleset (as in spectral).`,
	Bad:      "tags:\n  - Droplets\n  - Actions",
	Good:     "tags:\n  - Droplets",
	Severity: Warning,
	Check: func(p *Pass) {
		for _, op := range p.Index.Operations {
			k, v := spec.GetKey(op.Node.Node, "tags")
			if k == nil {
				continue
			}
			if n := jsLength(p.Spec, op.Node.File, v); n > 1 {
				p.ReportAt(op.Node.File.Pos(k), op.Visit.JSONPath()+".tags", []*spec.Operation{op}, "%s has %v tags; one at most", op, n)
			}
		}
	},
}

// jsLength is the length spectral's length function measures: items of a
// list, keys of a mapping, characters of a string, the value of a number.
func jsLength(s *spec.Spec, f *spec.File, n *yaml.Node) float64 {
	d, err := s.Deref(spec.Node{File: f, Node: spec.Unalias(n)})
	if err != nil || d.Node == nil {
		return 0
	}
	n = spec.Unalias(d.Node)
	switch n.Kind {
	case yaml.SequenceNode:
		return float64(len(n.Content))
	case yaml.MappingNode:
		return float64(len(n.Content) / 2)
	}
	if f, err := strconv.ParseFloat(n.Value, 64); err == nil && (n.ShortTag() == "!!int" || n.ShortTag() == "!!float") {
		return f
	}
	return float64(len(utf16.Encode([]rune(n.Value))))
}
