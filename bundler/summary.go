package bundler

import (
	"strings"

	yaml "github.com/pb33f/go-yaml"

	"github.com/dospec/dospec/spec"
)

// Summary counts what a bundled document holds.
type Summary struct {
	Paths, Operations, Components int
}

// Summarize counts paths, operations and component entries in doc.
func Summarize(doc *yaml.Node) Summary {
	var s Summary
	if paths := spec.Get(doc, "paths"); paths != nil {
		for i := 0; i+1 < len(paths.Content); i += 2 {
			s.Paths++
			item := paths.Content[i+1]
			if ref, ok := spec.ScalarString(spec.Get(item, "$ref")); ok {
				// OAS 3.1: a path item kept as a reference to the
				// document's components/pathItems.
				if t := spec.Get(spec.Get(spec.Get(doc, "components"), "pathItems"), strings.TrimPrefix(ref, "#/components/pathItems/")); t != nil && strings.HasPrefix(ref, "#/components/pathItems/") {
					item = t
				}
			}
			for j := 0; j+1 < len(item.Content); j += 2 {
				if spec.OperationKeys[item.Content[j].Value] {
					s.Operations++
				}
			}
		}
	}
	if comps := spec.Get(doc, "components"); comps != nil {
		for i := 1; i < len(comps.Content); i += 2 {
			if comps.Content[i].Kind == yaml.MappingNode {
				s.Components += len(comps.Content[i].Content) / 2
			}
		}
	}
	return s
}
