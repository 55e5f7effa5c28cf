// Package config reads .dospec.yaml once, keeping positions, and hands
// each command its section. lint and diff decode their own section into
// their own types (config knows nothing of rules or checks), but the file
// is parsed, and its keys checked, here only: every message about it looks
// alike and points at file:line:col.
package config

import (
	"bytes"
	"encoding"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"

	yaml "github.com/pb33f/go-yaml"

	"github.com/dospec/dospec/internal/suggest"
)

// FileName is the name looked for from the spec's folder upwards.
const FileName = ".dospec.yaml"

// Sections are the top-level keys a config may have, one per command that
// reads it (gen's is reserved: it has no settings yet).
var Sections = []string{"lint", "diff", "gen"}

// File is one .dospec.yaml.
type File struct {
	// Name is the path it was read from, used in messages.
	Name     string
	sections map[string]*yaml.Node
}

// Find looks for .dospec.yaml in dir and its parents; "" when none.
func Find(dir string) string {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		p := filepath.Join(dir, FileName)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Load reads and parses the file at path. Unknown sections are errors, so
// a misspelt one does not silently do nothing.
func Load(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	return Parse(path, data)
}

// Parse is Load on data already read; name is used in messages.
func Parse(name string, data []byte) (*File, error) {
	f := &File{Name: name, sections: map[string]*yaml.Node{}}
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return f, nil // an empty file configures nothing
		}
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return f, nil
	}
	if root.Kind != yaml.MappingNode {
		return nil, f.errorAt(root, "want a mapping with lint, diff or gen")
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if !contains(Sections, k.Value) {
			return nil, f.errorAt(k, "unknown section %q%s (want lint, diff or gen)", k.Value, suggest.Hint(k.Value, Sections))
		}
		if _, dup := f.sections[k.Value]; dup {
			return nil, f.errorAt(k, "section %q is given twice", k.Value)
		}
		f.sections[k.Value] = v
	}
	return f, nil
}

// Dir is the folder of the file: paths in it are relative to it.
func (f *File) Dir() string { return filepath.Dir(f.Name) }

// Section is one top-level section of a File.
type Section struct {
	file *File
	name string
	// Node is the section's value; nil when the file has no such section.
	Node *yaml.Node
}

// Section returns the section called name (one of Sections). A nil File
// has every section, empty.
func (f *File) Section(name string) Section {
	if f == nil {
		return Section{name: name}
	}
	return Section{file: f, name: name, Node: f.sections[name]}
}

// Dir is the folder of the section's file, "" without one.
func (s Section) Dir() string {
	if s.file == nil {
		return ""
	}
	return s.file.Dir()
}

// Decode decodes the section into v, a pointer to a struct whose fields
// have yaml tags. Keys v has no field for are errors naming the closest
// key it has; a value a field's UnmarshalText refuses is an error at the
// value. An absent section leaves v as it is.
func (s Section) Decode(v any) error {
	if s.Node == nil {
		return nil
	}
	if err := s.check(s.Node, reflect.TypeOf(v), 0); err != nil {
		return err
	}
	if err := s.Node.Decode(v); err != nil {
		return s.errorAt(s.Node, "%s: %v", s.name, err)
	}
	return nil
}

var textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()

// check walks n against the type t it will be decoded into.
func (s Section) check(n *yaml.Node, t reflect.Type, depth int) error {
	if depth > 32 || n == nil {
		return nil
	}
	if n.Kind == yaml.AliasNode {
		return s.check(n.Alias, t, depth+1)
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if reflect.PointerTo(t).Implements(textUnmarshaler) {
		if n.Kind != yaml.ScalarNode {
			return nil // Decode says what it wanted
		}
		u := reflect.New(t).Interface().(encoding.TextUnmarshaler)
		if err := u.UnmarshalText([]byte(n.Value)); err != nil {
			return s.errorAt(n, "%v", err)
		}
		return nil
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			return nil
		}
		fields := map[string]reflect.Type{}
		var names []string
		for i := range t.NumField() {
			sf := t.Field(i)
			name, _, _ := strings.Cut(sf.Tag.Get("yaml"), ",")
			if !sf.IsExported() || name == "-" || name == "" {
				continue
			}
			fields[name] = sf.Type
			names = append(names, name)
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			ft, ok := fields[k.Value]
			if !ok {
				return s.errorAt(k, "unknown key %q%s", k.Value, suggest.Hint(k.Value, names))
			}
			if err := s.check(n.Content[i+1], ft, depth+1); err != nil {
				return err
			}
		}
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			return nil
		}
		for i := 1; i < len(n.Content); i += 2 {
			if err := s.check(n.Content[i], t.Elem(), depth+1); err != nil {
				return err
			}
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			return nil
		}
		for _, c := range n.Content {
			if err := s.check(c, t.Elem(), depth+1); err != nil {
				return err
			}
		}
	}
	return nil
}

// Errorf is an error at the node path leads to from the section: map keys
// (strings) and sequence indexes (ints). A key's own node is used, so the
// position is where the user wrote the name; where the path leads nowhere,
// the deepest node reached.
func (s Section) Errorf(path []any, format string, args ...any) error {
	n := s.Node
	for j, p := range path {
		if n == nil {
			break
		}
		if n.Kind == yaml.AliasNode {
			n = n.Alias
		}
		var next *yaml.Node
		switch p := p.(type) {
		case string:
			if n.Kind == yaml.MappingNode {
				for i := 0; i+1 < len(n.Content); i += 2 {
					if n.Content[i].Value == p {
						next = n.Content[i+1]
						if j == len(path)-1 {
							next = n.Content[i]
						}
						break
					}
				}
			}
		case int:
			if n.Kind == yaml.SequenceNode && p >= 0 && p < len(n.Content) {
				next = n.Content[p]
			}
		}
		if next == nil {
			break
		}
		n = next
	}
	return s.errorAt(n, format, args...)
}

func (s Section) errorAt(n *yaml.Node, format string, args ...any) error {
	if s.file == nil {
		return fmt.Errorf(format, args...)
	}
	return s.file.errorAt(n, format, args...)
}

func (f *File) errorAt(n *yaml.Node, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if n == nil || n.Line == 0 {
		return fmt.Errorf("%s: %s", f.Name, msg)
	}
	return fmt.Errorf("%s:%d:%d: %s", f.Name, n.Line, n.Column, msg)
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
