// Package bundler composes a loaded multi-file spec into one document.
//
// Operation and path item files are inlined under their paths. A $ref in a
// component slot (schema, parameter, response, header, example, request
// body, link, callback) becomes an entry under #/components/<section>,
// named after the last token of its JSON pointer or, for a whole file, the
// file's base name. Two targets with the same name and identical content
// share one entry; different content under one name is told apart by a
// numeric suffix (name_2, name_3, …) given in the order of the targets'
// source paths, so names do not depend on which operation is read first.
// Every other $ref (descriptions, examples, x-codeSamples, `properties`
// maps) is replaced by the content it names.
package bundler

import (
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	yaml "github.com/pb33f/go-yaml"

	"github.com/dospec/dospec/spec"
)

// Options change how the document is composed.
type Options struct {
	// Dereference inlines every $ref. Recursive schemas cannot be inlined;
	// they stay as component refs and are listed in Result.Cycles.
	Dereference bool
	// InlineExternalValues replaces an Example's externalValue that names a
	// local file with the file's content as its value (parsed when the
	// file is JSON or YAML, else as text). Off: a URI stays a URI.
	InlineExternalValues bool
}

// Result is a bundled document.
type Result struct {
	Doc *yaml.Node // a mapping: the whole OpenAPI document
	// Cycles lists the recursive refs that Dereference left in place.
	Cycles []Cycle
	// Components counts the hoisted entries per components section.
	Components map[string]int
	// Merged counts targets that shared an entry with identical content.
	Merged int
}

// Cycle is a recursive $ref kept as a reference by Dereference.
type Cycle struct {
	Pos       spec.Pos // where the recursive $ref is written
	Component string   // the #/components/... entry it points at
}

// ErrCycle is returned when a $ref that must be inlined leads back to itself.
var ErrCycle = spec.ErrCycle

// Bundle composes s into one document.
func Bundle(s *spec.Spec, opt Options) (*Result, error) {
	b := &bundler{
		s:        s,
		opt:      opt,
		comps:    map[string]*component{},
		placeOf:  map[*yaml.Node]*component{},
		inlining: map[string]bool{},
		reserved: map[string]map[string]bool{},
		aliasOf:  map[string]string{},
		mapped:   map[string]bool{},

		cycleSaid: map[string]bool{},
	}
	for _, r := range s.MappingRefs() {
		if r.Target != nil {
			b.mapped[r.Key()] = true
		}
	}
	b.scanRootComponents()
	doc := b.emit(s.Root, s.Root.Doc, spec.KindDocument)
	if len(b.errs) > 0 {
		b.errs.sortByPos()
		return nil, b.errs
	}
	merged := b.merge()
	b.name()
	b.attach(doc)
	counts := map[string]int{}
	for _, c := range b.order {
		if c.rep == c {
			counts[c.section]++
		}
	}
	sort.Slice(b.cycles, func(i, j int) bool { return b.cycles[i].Pos.Before(b.cycles[j].Pos) })
	return &Result{Doc: doc, Cycles: b.cycles, Components: counts, Merged: merged}, nil
}

type bundler struct {
	s   *spec.Spec
	opt Options

	comps    map[string]*component // section|target key → entry
	order    []*component          // in order of discovery
	placeOf  map[*yaml.Node]*component
	inlining map[string]bool // target keys being inlined, to catch cycles
	stack    []*spec.Ref
	reserved map[string]map[string]bool // section → names the root defines
	aliasOf  map[string]string          // section|target key → root component name
	mapped   map[string]bool            // targets of discriminator mappings
	cycles   []Cycle
	errs     errorList

	cycleSaid map[string]bool // targets whose inlining cycle was reported
}

// component is one hoisted entry.
type component struct {
	section string
	key     string // target identity: file#pointer
	base    string // wanted name
	node    *yaml.Node
	uses    []*yaml.Node // $ref scalars that point here, filled in once named
	name    string
	rep     *component // the entry it was merged into (itself if none)
}

type errorList []*spec.Error

func (l errorList) Error() string {
	parts := make([]string, len(l))
	for i, e := range l {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "\n")
}

func (l errorList) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

func (l errorList) sortByPos() {
	sort.SliceStable(l, func(i, j int) bool { return l[i].Pos.Before(l[j].Pos) })
}

// scanRootComponents notes the names the root already uses, and root
// entries that are a bare $ref to another file: their target takes the
// root's name instead of a generated one.
func (b *bundler) scanRootComponents() {
	comps := spec.Get(b.s.Root.Doc, "components")
	if comps == nil || comps.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(comps.Content); i += 2 {
		section := comps.Content[i].Value
		m := spec.Unalias(comps.Content[i+1])
		if m.Kind != yaml.MappingNode {
			continue
		}
		names := map[string]bool{}
		b.reserved[section] = names
		for j := 0; j+1 < len(m.Content); j += 2 {
			name := m.Content[j].Value
			names[name] = true
			v := spec.Unalias(m.Content[j+1])
			if r := b.s.Ref(v); r != nil && len(v.Content) == 2 && r.Target != nil {
				key := section + "|" + r.Key()
				if _, dup := b.aliasOf[key]; !dup {
					b.aliasOf[key] = name
				}
			}
		}
	}
}

// emit copies n (written in f) as an object of kind k, resolving refs.
func (b *bundler) emit(f *spec.File, n *yaml.Node, k spec.Kind) *yaml.Node {
	n = spec.Unalias(n)
	if r := b.s.Ref(n); r != nil {
		return b.emitRef(n, r, k)
	}
	if k == spec.KindComponents && f == b.s.Root {
		return b.emitRootComponents(n)
	}
	if k == spec.KindExample && b.opt.InlineExternalValues && n.Kind == yaml.MappingNode {
		// A URL (anything with a scheme) stays a URI: nothing is fetched.
		if ev := spec.Get(n, "externalValue"); ev != nil && spec.Get(n, "value") == nil && !strings.Contains(ev.Value, ":") {
			return b.inlineExternalValue(f, n, ev)
		}
	}
	switch n.Kind {
	case yaml.MappingNode:
		out := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: make([]*yaml.Node, 0, len(n.Content))}
		for i := 0; i+1 < len(n.Content); i += 2 {
			key := spec.Unalias(n.Content[i])
			var v *yaml.Node
			if k == spec.KindDiscriminatorMapping || k == spec.KindDiscriminator && key.Value == "defaultMapping" {
				v = b.emitMappingValue(f, spec.Unalias(n.Content[i+1]))
			} else {
				v = b.emit(f, n.Content[i+1], k.Child(key.Value))
			}
			out.Content = append(out.Content, scalarCopy(key), v)
		}
		return out
	case yaml.SequenceNode:
		out := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Content: make([]*yaml.Node, 0, len(n.Content))}
		ck := k.Child("")
		for _, c := range n.Content {
			out.Content = append(out.Content, b.emit(f, c, ck))
		}
		return out
	default:
		return scalarCopy(n)
	}
}

// scalarCopy returns a scalar fit for the output: the source node itself
// when it carries no comments (scalars are never changed, and sharing them
// halves the allocations), else a copy without them.
func scalarCopy(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.ScalarNode && n.HeadComment == "" && n.LineComment == "" && n.FootComment == "" && n.Anchor == "" {
		return n
	}
	return &yaml.Node{Kind: n.Kind, Style: n.Style &^ yaml.FlowStyle, Tag: n.Tag, Value: n.Value}
}

// emitRef handles the {$ref: ...} mapping n that sits where a k belongs.
func (b *bundler) emitRef(n *yaml.Node, r *spec.Ref, k spec.Kind) *yaml.Node {
	if !b.checkShape(r, k) {
		return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	}
	section := k.Section()
	if section != "" {
		var ok bool
		if r, ok = b.chainEnd(section, r); !ok {
			return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		}
	}
	key := r.Key()
	if section != "" {
		if name, ok := b.rootName(section, r); ok && !b.opt.Dereference {
			return b.refNode(n, r, "#/components/"+section+"/"+spec.EscapeToken(name), nil)
		}
		if !b.opt.Dereference {
			return b.refNode(n, r, "", b.hoist(section, k, r))
		}
		if c := b.comps[section+"|"+key]; c != nil {
			return b.refNode(n, r, "", c)
		}
		if section == "schemas" && b.mapped[key] {
			// A discriminator mapping must name one of the oneOf members;
			// inlining the member would cut that link.
			return b.refNode(n, r, "", b.hoist(section, k, r))
		}
		if b.inlining[key] {
			// Dereference cannot inline a recursive schema: keep it as a
			// component and say so.
			c := b.hoist(section, k, r)
			b.cycles = append(b.cycles, Cycle{Pos: r.From.Pos(r.At), Component: "#/components/" + section + "/" + c.base})
			return b.refNode(n, r, "", c)
		}
	} else if k == spec.KindPathItem && r.File == b.s.Root && isRootPathItem(r.Pointer) && !b.opt.Dereference {
		// A webhook or callback naming a path item of the root's
		// components (OAS 3.1) keeps naming it.
		return b.refNode(n, r, "#"+r.Pointer, nil)
	} else if r.Data {
		// A $ref in literal data (an x- extension, an example) is content
		// to copy, but copying every one inlines recursive structures
		// (Stripe's x-expansionResources name schemas that name them back)
		// path by path, without end. Where the bundle can say the same with
		// a reference, it does: a pointer into the root stays valid as
		// written, and a target hoisted as a component is named by it.
		// --dereference inlines the document's references, not the
		// references data makes to it.
		if r.From == b.s.Root && strings.HasPrefix(r.Raw, "#/") {
			return b.refNode(n, r, r.Raw, nil)
		}
		if c := b.hoisted(key); c != nil && (!b.opt.Dereference || b.inlining[key]) {
			return b.refNode(n, r, "", c)
		}
	}
	if section == "" && b.inlining[key] {
		if !b.cycleSaid[key] { // once per cycle, not once per path into it
			b.cycleSaid[key] = true
			b.fail(r, ErrCycle, "$ref cycle: %s", b.cycleText(r))
		}
		return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	}
	return b.inline(n, r, k)
}

func isRootPathItem(ptr string) bool {
	toks := spec.SplitPointer(ptr)
	return len(toks) == 3 && toks[0] == "components" && toks[1] == "pathItems"
}

// inlineExternalValue writes the Example n with its externalValue file
// read in as value.
func (b *bundler) inlineExternalValue(f *spec.File, n, ev *yaml.Node) *yaml.Node {
	fail := func(format string, args ...any) *yaml.Node {
		b.errs = append(b.errs, &spec.Error{Pos: f.Pos(ev), Msg: "externalValue " + fmt.Sprintf(format, args...)})
		return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	}
	data, name, err := b.s.ReadValue(f, ev.Value)
	if err != nil {
		return fail("%v", err)
	}
	var value *yaml.Node
	switch strings.ToLower(path.Ext(name)) {
	case ".json", ".yaml", ".yml":
		if value, err = spec.ParseValue(data); err != nil {
			return fail("%s: %v", name, err)
		}
	default:
		if !utf8.Valid(data) {
			return fail("%s is not text; a binary example stays an externalValue", name)
		}
		value = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: string(data)}
	}
	out := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key := n.Content[i]
		if key.Value == "externalValue" {
			out.Content = append(out.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: "value"}, value)
			continue
		}
		out.Content = append(out.Content, scalarCopy(key), b.emit(f, n.Content[i+1], spec.KindExample.Child(key.Value)))
	}
	return out
}

// hoisted returns the component already made for target key, in any section.
func (b *bundler) hoisted(key string) *component {
	for _, section := range spec.SectionOrder {
		if c := b.comps[section+"|"+key]; c != nil {
			return c
		}
	}
	return nil
}

// chainEnd follows a $ref whose target is only another $ref, so a file
// that merely points elsewhere does not become an entry of its own. It
// stops at a name the root's components give.
func (b *bundler) chainEnd(section string, r *spec.Ref) (*spec.Ref, bool) {
	seen := map[string]bool{}
	for {
		if _, ok := b.rootName(section, r); ok {
			return r, true
		}
		t := spec.Unalias(r.Target)
		inner := b.s.Ref(t)
		if inner == nil || len(t.Content) != 2 || inner.Target == nil {
			return r, true
		}
		if seen[r.Key()] {
			b.fail(r, ErrCycle, "$ref cycle: %s only refers back to itself", r)
			return r, false
		}
		seen[r.Key()] = true
		r = inner
	}
}

// checkShape refuses a $ref whose target cannot be the object its place
// needs, such as an operation $ref to a schema file: libopenapi and most
// tools would load it silently as an operation with nothing in it.
func (b *bundler) checkShape(r *spec.Ref, k spec.Kind) bool {
	t := spec.Unalias(r.Target)
	if b.s.Ref(t) != nil {
		return true // a chain: the last link is checked
	}
	var what string
	switch k {
	case spec.KindOperation:
		what = "an operation"
		if t.Kind == yaml.MappingNode && !looksLikeOperation(t) {
			b.failAt(r, t, "$ref %q names %s, not an operation (no responses, operationId or summary)", r.Raw, describeShape(t))
			return false
		}
	case spec.KindPathItem:
		what = "a path item"
	case spec.KindParameter, spec.KindResponse, spec.KindRequestBody, spec.KindHeader, spec.KindSchema, spec.KindExample, spec.KindMediaType:
		what = "an object"
	default:
		return true
	}
	if t.Kind != yaml.MappingNode {
		b.failAt(r, t, "$ref %q names %s where %s belongs", r.Raw, spec.KindName(t), what)
		return false
	}
	return true
}

func looksLikeOperation(m *yaml.Node) bool {
	for _, k := range []string{"responses", "operationId", "summary", "description", "parameters", "requestBody", "tags", "security", "deprecated", "callbacks"} {
		if spec.Get(m, k) != nil {
			return true
		}
	}
	return false
}

func describeShape(m *yaml.Node) string {
	if spec.Get(m, "type") != nil || spec.Get(m, "properties") != nil || spec.Get(m, "allOf") != nil {
		return "a schema"
	}
	return "a mapping"
}

func (b *bundler) failAt(r *spec.Ref, _ *yaml.Node, format string, args ...any) {
	b.fail(r, spec.ErrPointer, format, args...)
}

// withSiblings adds the keys written beside an inlined $ref to the content
// it brought (siblings win). A scalar content has nowhere to put them.
func (b *bundler) withSiblings(f *spec.File, n, content *yaml.Node, k spec.Kind) *yaml.Node {
	if len(n.Content) <= 2 || content.Kind != yaml.MappingNode {
		return content
	}
	out := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	override := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value != "$ref" {
			override[n.Content[i].Value] = i
		}
	}
	for i := 0; i+1 < len(content.Content); i += 2 {
		if _, ok := override[content.Content[i].Value]; ok {
			continue
		}
		out.Content = append(out.Content, content.Content[i], content.Content[i+1])
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "$ref" {
			continue
		}
		out.Content = append(out.Content, scalarCopy(n.Content[i]), b.emit(f, n.Content[i+1], k.Child(n.Content[i].Value)))
	}
	return out
}

// refNode writes {$ref: target} plus any siblings of the original $ref.
// With c set the target is filled in once components are named.
func (b *bundler) refNode(n *yaml.Node, r *spec.Ref, target string, c *component) *yaml.Node {
	val := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: target}
	if c != nil {
		c.uses = append(c.uses, val)
		b.placeOf[val] = c
	}
	out := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: []*yaml.Node{
		{Kind: yaml.ScalarNode, Tag: "!!str", Value: "$ref"}, val,
	}}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "$ref" {
			continue
		}
		out.Content = append(out.Content, scalarCopy(n.Content[i]), b.emit(r.From, n.Content[i+1], spec.KindGeneric))
	}
	return out
}

// rootName tells whether r names an entry the root's components already
// hold (or a file a root entry is a bare $ref to), and its name.
func (b *bundler) rootName(section string, r *spec.Ref) (string, bool) {
	if name, ok := b.aliasOf[section+"|"+r.Key()]; ok {
		return name, true
	}
	if r.File != b.s.Root {
		return "", false
	}
	toks := spec.SplitPointer(r.Pointer)
	if len(toks) == 3 && toks[0] == "components" && toks[1] == section {
		return toks[2], true
	}
	return "", false
}

// hoist returns the component for r's target, creating it and emitting its
// content on first sight.
func (b *bundler) hoist(section string, k spec.Kind, r *spec.Ref) *component {
	id := section + "|" + r.Key()
	if c := b.comps[id]; c != nil {
		return c
	}
	c := &component{section: section, key: r.Key(), base: baseName(r)}
	c.rep = c
	b.comps[id] = c
	b.order = append(b.order, c)
	key := r.Key()
	wasInlining := b.inlining[key]
	b.inlining[key] = true
	b.stack = append(b.stack, r)
	c.node = b.emit(r.File, r.Target, k)
	b.stack = b.stack[:len(b.stack)-1]
	if !wasInlining {
		delete(b.inlining, key)
	}
	return c
}

// emitMappingValue rewrites a discriminator mapping value that names a file
// into a ref to that schema's component.
func (b *bundler) emitMappingValue(f *spec.File, v *yaml.Node) *yaml.Node {
	r := b.s.MappingRef(v)
	if r == nil || r.Target == nil {
		return scalarCopy(v)
	}
	if name, ok := b.rootName("schemas", r); ok {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: "#/components/schemas/" + spec.EscapeToken(name)}
	}
	c := b.comps["schemas|"+r.Key()]
	if c == nil {
		c = b.hoist("schemas", spec.KindSchema, r)
	}
	val := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str"}
	c.uses = append(c.uses, val)
	b.placeOf[val] = c
	return val
}

func (b *bundler) fail(r *spec.Ref, cause error, format string, args ...any) {
	b.errs = append(b.errs, &spec.Error{Pos: r.From.Pos(r.At), Msg: fmt.Sprintf(format, args...), Err: cause})
}

func (b *bundler) cycleText(r *spec.Ref) string {
	var parts []string
	start := -1
	for i, s := range b.stack {
		if s.Key() == r.Key() {
			start = i
			break
		}
	}
	if start >= 0 {
		for _, s := range b.stack[start:] {
			parts = append(parts, s.String())
		}
	}
	parts = append(parts, r.String())
	return strings.Join(parts, " → ")
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// baseName is the wanted component name: the pointer's last token, or the
// file's base name without extension.
func baseName(r *spec.Ref) string {
	var s string
	if toks := spec.SplitPointer(r.Pointer); len(toks) > 0 {
		s = toks[len(toks)-1]
	} else {
		s = r.File.Path
		if i := strings.LastIndexAny(s, "/\\"); i >= 0 {
			s = s[i+1:]
		}
		if i := strings.LastIndexByte(s, '.'); i > 0 {
			s = s[:i]
		}
	}
	s = strings.Trim(unsafeName.ReplaceAllString(s, "_"), "_")
	if s == "" {
		s = "unnamed"
	}
	return s
}
