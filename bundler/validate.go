package bundler

import (
	"errors"
	"fmt"

	yaml "github.com/pb33f/go-yaml"
	"github.com/pb33f/libopenapi"
	"github.com/pb33f/libopenapi/datamodel"

	"github.com/dospec/dospec/spec"
)

// Validate loads a bundled document with libopenapi and returns the errors
// it reports, plus any internal $ref that names nothing.
func Validate(data []byte) error {
	// Recursive schemas are legal: a tree whose children are an array of
	// nodes, or a oneOf that names its parent, ends once the data does.
	doc, err := libopenapi.NewDocumentWithConfiguration(data, &datamodel.DocumentConfiguration{
		IgnorePolymorphicCircularReferences: true,
		IgnoreArrayCircularReferences:       true,
	})
	if err != nil {
		return fmt.Errorf("libopenapi: %w", err)
	}
	if _, err := doc.BuildV3Model(); err != nil {
		return fmt.Errorf("libopenapi: %w", err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return err
	}
	if len(root.Content) == 0 {
		return errors.New("empty document")
	}
	return CheckRefs(root.Content[0])
}

// CheckRefs reports every $ref in doc that is not an internal pointer to
// an existing node.
func CheckRefs(doc *yaml.Node) error {
	var errs []error
	var walk func(n *yaml.Node, at string)
	walk = func(n *yaml.Node, at string) {
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if k.Value == "$ref" && v.Kind == yaml.ScalarNode {
					if err := checkRef(doc, v.Value); err != nil {
						errs = append(errs, fmt.Errorf("#%s: %w", at, err))
					}
					continue
				}
				walk(v, at+"/"+spec.EscapeToken(k.Value))
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				walk(c, fmt.Sprintf("%s/%d", at, i))
			}
		}
	}
	walk(doc, "")
	return errors.Join(errs...)
}

func checkRef(doc *yaml.Node, ref string) error {
	if len(ref) == 0 || ref[0] != '#' {
		return fmt.Errorf("external $ref %q", ref)
	}
	n := doc
	for _, tok := range spec.SplitPointer(ref[1:]) {
		switch n.Kind {
		case yaml.MappingNode:
			n = spec.Get(n, tok)
		case yaml.SequenceNode:
			var i int
			if _, err := fmt.Sscan(tok, &i); err != nil || i < 0 || i >= len(n.Content) {
				n = nil
			} else {
				n = n.Content[i]
			}
		default:
			n = nil
		}
		if n == nil {
			return fmt.Errorf("dangling $ref %q", ref)
		}
	}
	return nil
}
