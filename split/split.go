// Package split lays a loaded OpenAPI 3 spec out as the multi-file tree
// users keep and `dospec bundle` reads back: the inverse of bundler.
//
//	openapi.yaml                     the root: everything but the contents of
//	                                 paths and components
//	paths/<name>.yaml                one path item per file
//	components/<section>/<name>.yaml one entry of a components section per file
//
// The root keeps its `paths` and `components` mappings, in source order,
// with each entry replaced by a $ref to its file: names stay defined in the
// root, so what refers to a component by name (security requirements,
// discriminator mappings written as bare names or left implicit) still
// finds it, and bundling the tree gives the entries their names back.
// Sections split are schemas, responses, parameters, examples,
// requestBodies, headers, securitySchemes, links, callbacks and pathItems;
// an entry is split when it is a mapping. Anything else (extensions, other
// sections, a boolean schema, a `paths` written as a $ref) stays where it
// is in the root.
//
// Every reference is rewritten to the file its target now lives in: a
// relative path from the file the reference stands in, then the rest of
// the JSON pointer (`../components/schemas/Pet.yaml`, `./Tag.yaml`,
// `./Pet.yaml#/properties/id`, `./pets.yaml#/get/responses/200`; see
// Relative). A path with no folder in it gets "./" in front, so it never
// reads as a bare schema name in a discriminator mapping. Discriminator
// mapping values that are bare names stay as they are: the root still
// defines the names. What is a reference is the loader's answer —
// (*spec.Spec).Ref and MappingRef — never a key that happens to be named
// $ref, so a `$ref` that is data (a property name, a key in an example)
// is copied as data.
//
// File names (NameFor, uniqueNames) are deterministic, unique ignoring
// case, and safe on Linux, macOS and Windows. YAML comments are not kept
// (nor does bundle keep them). A spec spread over several files is bundled
// first (bundler.Bundle) and the bundle is split, so the layout is the same
// whatever the input's.
package split

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path"
	"strings"

	yaml "github.com/pb33f/go-yaml"

	"github.com/dospec/dospec/bundler"
	"github.com/dospec/dospec/spec"
)

// RootName is the root file of the layout.
const RootName = "openapi.yaml"

// Sections are the components sections whose entries get files.
var Sections = append(append([]string(nil), spec.SectionOrder...), "pathItems")

// File is one file of the layout.
type File struct {
	Path string     // slash-separated, relative to the output folder
	Doc  *yaml.Node // its content
}

// Bytes renders the file with the project's YAML writer: deterministic,
// keys in source order, numbers as written.
func (f File) Bytes() ([]byte, error) {
	var buf bytes.Buffer
	if err := bundler.WriteYAML(&buf, f.Doc); err != nil {
		return nil, fmt.Errorf("%s: %w", f.Path, err)
	}
	return buf.Bytes(), nil
}

// Result is a split spec.
type Result struct {
	Files      []File         // the root first, then paths, then components, each in source order
	Paths      int            // path files
	Components map[string]int // component files per section
	Bundled    bool           // the input spanned several files and was bundled first
}

// Split lays s out as files. s is not changed.
func Split(ctx context.Context, s *spec.Spec) (*Result, error) {
	bundled := false
	if len(s.Files) > 1 {
		var err error
		if s, err = bundleFirst(ctx, s); err != nil {
			return nil, err
		}
		bundled = true
	}
	sp := &splitter{s: s, pathFile: map[string]string{}, compFile: map[string]map[string]string{}}
	sp.plan()
	res := &Result{Components: map[string]int{}, Bundled: bundled}
	root := sp.root()
	res.Files = append(res.Files, File{Path: RootName, Doc: root})
	for _, u := range sp.units {
		res.Files = append(res.Files, File{Path: u.file, Doc: sp.copy(u.file, u.node)})
		if u.section == "" {
			res.Paths++
		} else {
			res.Components[u.section]++
		}
	}
	if sp.err != nil {
		return nil, sp.err
	}
	return res, nil
}

// bundleFirst composes a multi-file spec into one document and loads that,
// so that every reference is internal to one file.
func bundleFirst(ctx context.Context, s *spec.Spec) (*spec.Spec, error) {
	res, err := bundler.Bundle(s, bundler.Options{})
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := bundler.WriteYAML(&buf, res.Doc); err != nil {
		return nil, err
	}
	one, err := spec.Load(ctx, RootName, spec.Options{
		Reader:      memFile(buf.Bytes()),
		MaxFileSize: int64(buf.Len()) + 1,
	})
	if err != nil {
		return nil, fmt.Errorf("the bundle of %s does not load back: %w", s.Root.Path, err)
	}
	return one, nil
}

// memFile serves one in-memory file as the root.
type memFile []byte

func (m memFile) ReadFile(loc string, _ int64) ([]byte, error) {
	if loc != RootName {
		return nil, fmt.Errorf("%s: not in the bundle", loc)
	}
	return m, nil
}

// unit is a path item or component that gets a file of its own.
type unit struct {
	file    string
	section string // "" for a path item
	node    *yaml.Node
}

type splitter struct {
	s        *spec.Spec
	units    []unit
	pathFile map[string]string            // path template → file
	compFile map[string]map[string]string // section → name → file
	err      error
}

// plan picks the units and their file names before anything is copied:
// every rewritten reference needs to know where its target goes.
func (sp *splitter) plan() {
	doc := sp.s.Root.Doc
	if paths := spec.Get(doc, "paths"); splittable(sp.s, paths) {
		var keys []string
		var nodes []*yaml.Node
		for i := 0; i+1 < len(paths.Content); i += 2 {
			k := spec.Unalias(paths.Content[i]).Value
			v := spec.Unalias(paths.Content[i+1])
			if strings.HasPrefix(k, "x-") || v.Kind != yaml.MappingNode {
				continue
			}
			keys = append(keys, k)
			nodes = append(nodes, v)
		}
		for i, name := range uniqueNames(keys, true) {
			f := "paths/" + name + ".yaml"
			sp.pathFile[keys[i]] = f
			sp.units = append(sp.units, unit{file: f, node: nodes[i]})
		}
	}
	comps := spec.Get(doc, "components")
	if !splittable(sp.s, comps) {
		return
	}
	for i := 0; i+1 < len(comps.Content); i += 2 {
		section := spec.Unalias(comps.Content[i]).Value
		m := spec.Unalias(comps.Content[i+1])
		if !isSection(section) || !splittable(sp.s, m) || sp.compFile[section] != nil {
			continue
		}
		var keys []string
		var nodes []*yaml.Node
		for j := 0; j+1 < len(m.Content); j += 2 {
			v := spec.Unalias(m.Content[j+1])
			if v.Kind != yaml.MappingNode {
				continue
			}
			keys = append(keys, spec.Unalias(m.Content[j]).Value)
			nodes = append(nodes, v)
		}
		files := map[string]string{}
		sp.compFile[section] = files
		for j, name := range uniqueNames(keys, false) {
			f := "components/" + section + "/" + name + ".yaml"
			files[keys[j]] = f
			sp.units = append(sp.units, unit{file: f, section: section, node: nodes[j]})
		}
	}
}

// splittable reports a mapping written in place (not a $ref to one).
func splittable(s *spec.Spec, n *yaml.Node) bool {
	return n != nil && n.Kind == yaml.MappingNode && s.Ref(n) == nil
}

func isSection(s string) bool {
	for _, x := range Sections {
		if x == s {
			return true
		}
	}
	return false
}

// root copies the root document with the entries of paths and components
// that have files replaced by $refs to them.
func (sp *splitter) root() *yaml.Node {
	doc := sp.s.Root.Doc
	out := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k := spec.Unalias(doc.Content[i])
		v := spec.Unalias(doc.Content[i+1])
		var nv *yaml.Node
		switch {
		case k.Value == "paths" && splittable(sp.s, v):
			nv = sp.index(v, func(key string) string { return sp.pathFile[key] })
		case k.Value == "components" && splittable(sp.s, v):
			nv = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
			for j := 0; j+1 < len(v.Content); j += 2 {
				sk := spec.Unalias(v.Content[j])
				sv := spec.Unalias(v.Content[j+1])
				files := sp.compFile[sk.Value]
				var c *yaml.Node
				if files != nil && splittable(sp.s, sv) {
					c = sp.index(sv, func(key string) string { return files[key] })
				} else {
					c = sp.copy(RootName, sv)
				}
				nv.Content = append(nv.Content, sp.copy(RootName, sk), c)
			}
		default:
			nv = sp.copy(RootName, v)
		}
		out.Content = append(out.Content, sp.copy(RootName, k), nv)
	}
	return out
}

// index copies mapping m of the root, writing {$ref: file} for each entry
// that has a file.
func (sp *splitter) index(m *yaml.Node, fileOf func(string) string) *yaml.Node {
	out := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: make([]*yaml.Node, 0, len(m.Content))}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := spec.Unalias(m.Content[i])
		var v *yaml.Node
		if f := fileOf(k.Value); f != "" {
			v = refMapping(f)
		} else {
			v = sp.copy(RootName, m.Content[i+1])
		}
		out.Content = append(out.Content, sp.copy(RootName, k), v)
	}
	return out
}

func refMapping(target string) *yaml.Node {
	return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: []*yaml.Node{
		{Kind: yaml.ScalarNode, Tag: "!!str", Value: "$ref"},
		{Kind: yaml.ScalarNode, Tag: "!!str", Value: target},
	}}
}

// copy copies n for the file `in`, rewriting the references the loader
// found in it. Aliases are expanded: the same anchored content may need
// different relative paths in different files.
func (sp *splitter) copy(in string, n *yaml.Node) *yaml.Node {
	n = spec.Unalias(n)
	switch n.Kind {
	case yaml.MappingNode:
		r := sp.s.Ref(n)
		out := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: make([]*yaml.Node, 0, len(n.Content))}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			var nv *yaml.Node
			if r != nil && (v == r.At || spec.Unalias(v) == r.At) {
				nv = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: sp.rewrite(in, r)}
			} else {
				nv = sp.copy(in, v)
			}
			out.Content = append(out.Content, sp.copy(in, k), nv)
		}
		return out
	case yaml.SequenceNode:
		out := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Content: make([]*yaml.Node, 0, len(n.Content))}
		for _, c := range n.Content {
			out.Content = append(out.Content, sp.copy(in, c))
		}
		return out
	case yaml.ScalarNode:
		if r := sp.s.MappingRef(n); r != nil {
			return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: sp.rewrite(in, r)}
		}
		if n.HeadComment == "" && n.LineComment == "" && n.FootComment == "" && n.Anchor == "" {
			return n // scalars are never changed: share them
		}
		return &yaml.Node{Kind: n.Kind, Style: n.Style &^ yaml.FlowStyle, Tag: n.Tag, Value: n.Value}
	}
	// A document or unknown node: cannot happen under a loaded root.
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null"}
}

// rewrite is the reference r, written in file `in`, pointing at where its
// target is in the layout.
func (sp *splitter) rewrite(in string, r *spec.Ref) string {
	if r.File != sp.s.Root {
		// Cannot happen: a spec of several files is bundled first.
		if sp.err == nil {
			sp.err = &spec.Error{Pos: r.From.Pos(r.At), Msg: fmt.Sprintf("$ref %q names another file; split reads one-file specs", r.Raw)}
		}
		return r.Raw
	}
	file, rest := sp.locate(spec.SplitPointer(r.Pointer))
	return Relative(in, file, rest)
}

// locate maps the tokens of a pointer into the root to the file its target
// is written in and the tokens left within that file.
func (sp *splitter) locate(toks []string) (string, []string) {
	switch {
	case len(toks) >= 2 && toks[0] == "paths":
		if f := sp.pathFile[toks[1]]; f != "" {
			return f, toks[2:]
		}
	case len(toks) >= 3 && toks[0] == "components":
		if f := sp.compFile[toks[1]][toks[2]]; f != "" {
			return f, toks[3:]
		}
	}
	return RootName, toks
}

// Relative is the reference to pointer tokens rest in file `to`, written
// in file `from` (both slash paths relative to the layout's folder): a
// relative path ("./" in front when it has no folder) and, if rest is not
// empty, a fragment; a pointer into the same file is the fragment alone.
func Relative(from, to string, rest []string) string {
	frag := ""
	if len(rest) > 0 {
		var b strings.Builder
		b.WriteByte('#')
		for _, t := range rest {
			b.WriteByte('/')
			b.WriteString(escapeFragment(spec.EscapeToken(t)))
		}
		frag = b.String()
	}
	if from == to && frag != "" {
		return frag
	}
	rel := relPath(path.Dir(from), to)
	if !strings.Contains(rel, "/") {
		rel = "./" + rel
	}
	return rel + frag
}

// relPath is target relative to folder dir (both clean, relative, slash).
func relPath(dir, target string) string {
	var d []string
	if dir != "." && dir != "" {
		d = strings.Split(dir, "/")
	}
	t := strings.Split(target, "/")
	i := 0
	for i < len(d) && i < len(t)-1 && d[i] == t[i] {
		i++
	}
	return strings.Repeat("../", len(d)-i) + strings.Join(t[i:], "/")
}

// escapeFragment percent-encodes what the loader would otherwise misread
// in a fragment: '%' (it unescapes fragments holding one) and spaces.
func escapeFragment(s string) string {
	if !strings.ContainsAny(s, "% ") {
		return s
	}
	return strings.NewReplacer("%", "%25", " ", "%20").Replace(s)
}

// ErrExists is matched (errors.Is) by the error Write returns when a file
// of the layout is already there.
var ErrExists = errors.New("file exists")
