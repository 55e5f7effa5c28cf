package lint

import (
	"errors"

	yaml "github.com/pb33f/go-yaml"

	"github.com/dospec/dospec/spec"
)

// The loader's problems, reported as findings: lint loads what it can
// (spec.Options.KeepGoing), so one bad $ref or file does not hide the
// findings of every other file.

var invalidRef = &Rule{
	ID:    "invalid-ref",
	Title: "Every $ref names something that exists",
	Doc: `A $ref names a file that does not exist (or cannot be read: a folder, a file
outside the spec's folder, a URL without --allow-external), a JSON pointer or an
$anchor that is not there. Reported at the $ref; lint goes on with the rest of the
document (bundle and gen stop with exit 3).`,
	Bad:      "schema:\n  $ref: models/dropplet.yml",
	Good:     "schema:\n  $ref: models/droplet.yml",
	Severity: Error,
	Check: func(p *Pass) {
		for _, e := range p.Spec.Problems {
			if refProblem(e) {
				p.ReportAt(e.Pos, "", nil, "%s", e.Msg)
			}
		}
	},
}

var parserRule = &Rule{
	ID:    "parser",
	Title: "Every file of the spec parses, as JSON data",
	Doc: `A file the document's $refs reach is not valid YAML or JSON, holds a duplicate
key, a YAML tag such as !include, is nested too deep or expands aliases without
end. Reported where the file goes wrong; its content is left out and lint goes on
with the other files.

A YAML key that is not a string (an unquoted 200, true or null, or a list) is
reported too: JSON, and so OpenAPI, has only string keys, and YAML tools disagree
on what such a key becomes (PyYAML keeps the integer 200). dospec reads it as the
string, and says so, as spectral does.`,
	Bad:      "schema: !include models/droplet.yml\nresponses:\n  200: {description: OK}",
	Good:     "schema:\n  $ref: models/droplet.yml\nresponses:\n  \"200\": {description: OK}",
	Severity: Error,
	Check: func(p *Pass) {
		for _, e := range p.Spec.Problems {
			if !refProblem(e) {
				p.ReportAt(e.Pos, "", nil, "%s", e.Msg)
			}
		}
		for _, f := range p.Spec.Files {
			if f.Doc != nil {
				nonStringKeys(p, f, f.Doc)
			}
		}
	},
}

// nonStringKeys reports the mapping keys below n that YAML reads as
// something other than a string.
func nonStringKeys(p *Pass, f *spec.File, n *yaml.Node) {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if what := keyType(n.Content[i]); what != "" {
				k := n.Content[i]
				if k.Kind == yaml.ScalarNode {
					p.ReportAt(f.Pos(k), "", nil, "key %s is %s in YAML, not a string: quote it (%q)", k.Value, what, k.Value)
				} else {
					p.ReportAt(f.Pos(k), "", nil, "a key is %s, not a string", what)
				}
			}
			nonStringKeys(p, f, n.Content[i+1])
		}
	case yaml.SequenceNode:
		for _, c := range n.Content {
			nonStringKeys(p, f, c)
		}
	}
}

// keyType says what a non-string key is ("a number"), "" for a string.
func keyType(k *yaml.Node) string {
	switch k.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
	default:
		return ""
	}
	if k.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		return ""
	}
	if k.Style&yaml.TaggedStyle != 0 {
		if k.Tag == "!!str" {
			return ""
		}
	}
	switch spec.CoreTag(k.Value) {
	case "!!int", "!!float":
		return "a number"
	case "!!bool":
		return "a boolean"
	case "!!null":
		return "null"
	}
	return ""
}

func refProblem(e *spec.Error) bool {
	for _, kind := range []error{spec.ErrNotFound, spec.ErrPointer, spec.ErrRefOutside, spec.ErrRemote, spec.ErrIsFolder, spec.ErrTooLarge, spec.ErrCycle} {
		if errors.Is(e, kind) {
			return true
		}
	}
	return false
}
