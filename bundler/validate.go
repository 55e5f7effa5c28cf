package bundler

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"

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

// CheckRefs reports every reference in doc that is not an internal
// pointer to an existing node. What counts as a reference is the loader's
// answer: a `$ref` key that is a property's name, or one inside an
// example, is data.
func CheckRefs(doc *yaml.Node) error {
	var buf bytes.Buffer
	if err := WriteYAML(&buf, doc); err != nil {
		return err
	}
	_, err := spec.Load(context.Background(), "bundle.yaml", spec.Options{Reader: oneFile(buf.Bytes())})
	return err
}

// oneFile reads a bundle from memory: the one file there is.
type oneFile []byte

func (o oneFile) ReadFile(loc string, _ int64) ([]byte, error) {
	if loc != "bundle.yaml" {
		return nil, fmt.Errorf("%s: %w", loc, fs.ErrNotExist)
	}
	return o, nil
}
