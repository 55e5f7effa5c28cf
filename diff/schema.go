package diff

import (
	"path"
	"sort"
	"strings"

	yaml "github.com/pb33f/go-yaml"

	"github.com/dospec/dospec/spec"
)

// flat is a schema with $refs followed and allOf merged: what a value must
// be, whichever way the spec spells it. required lists beside an allOf count.
type flat struct {
	types    []string
	nullable bool
	format   string
	props    []string
	prop     map[string]side
	required map[string]spec.Node // required list items, with their files for positions
	enum     []*yaml.Node
	enumFile *spec.File
	// xenum is x-extensible-enum: values clients may send, with more to
	// come in responses.
	xenum      []*yaml.Node
	xenumFile  *spec.File
	disc       side // discriminator
	items      side
	addl       side
	oneOf      []side
	anyOf      []side
	deprecated bool
	readOnly   bool
	writeOnly  bool
	limits     map[string]side // maxLength, pattern, … with their nodes
	// kw holds the keywords compared as a whole (keywordKeys), values the
	// single values (const, default), each with its node.
	kw     map[string]side
	values map[string]side
}

var limitKeys = []string{"maxLength", "minLength", "pattern", "maximum", "minimum", "exclusiveMaximum", "exclusiveMinimum",
	"maxItems", "minItems", "multipleOf", "maxProperties", "minProperties", "maxContains", "minContains", "uniqueItems"}

// keywordKeys are the assertions, mostly JSON Schema 2020-12's, that hold
// a subschema or a set: no order to compare, so a change is judged as a
// whole, by the direction the data travels.
var keywordKeys = []string{"not", "contains", "prefixItems", "dependentRequired", "dependentSchemas", "if", "then", "else",
	"patternProperties", "propertyNames", "unevaluatedItems", "unevaluatedProperties",
	"contentSchema", "contentMediaType", "contentEncoding"}

var valueKeys = []string{"const", "default"}

// keyGroup says which of a flat's maps holds each of those keywords.
var keyGroup = func() map[string]func(*flat) map[string]side {
	m := map[string]func(*flat) map[string]side{}
	for _, k := range limitKeys {
		m[k] = func(f *flat) map[string]side { return f.limits }
	}
	for _, k := range keywordKeys {
		m[k] = func(f *flat) map[string]side { return f.kw }
	}
	for _, k := range valueKeys {
		m[k] = func(f *flat) map[string]side { return f.values }
	}
	return m
}()

// flatten builds the flat view of schema n, once per node: a shared
// schema is met through many operations.
func (c *ctx) flatten(s *spec.Spec, n side) *flat {
	if !n.ok() {
		return flattenNode(s, n)
	}
	if f := c.flats[n.Node.Node]; f != nil {
		return f
	}
	f := flattenNode(s, n)
	c.flats[n.Node.Node] = f
	return f
}

func flattenNode(s *spec.Spec, n side) *flat {
	f := &flat{prop: map[string]side{}, required: map[string]spec.Node{}, limits: map[string]side{}, kw: map[string]side{}, values: map[string]side{}}
	f.add(s, n, 0)
	return f
}

func (f *flat) add(s *spec.Spec, n side, depth int) {
	if !n.ok() || depth > 16 || n.Kind != yaml.MappingNode {
		return
	}
	m := n.Node.Node
	if t := field(s, n, "type"); t.ok() && len(f.types) == 0 {
		if t.Kind == yaml.SequenceNode {
			for _, c := range t.Content {
				if c.Value == "null" {
					f.nullable = true
				} else {
					f.types = append(f.types, c.Value)
				}
			}
		} else {
			f.types = []string{t.Value}
		}
	}
	if v, _ := spec.ScalarString(spec.Get(m, "nullable")); v == "true" {
		f.nullable = true
	}
	if v, _ := spec.ScalarString(spec.Get(m, "deprecated")); v == "true" {
		f.deprecated = true
	}
	if v, _ := spec.ScalarString(spec.Get(m, "readOnly")); v == "true" {
		f.readOnly = true
	}
	if v, _ := spec.ScalarString(spec.Get(m, "writeOnly")); v == "true" {
		f.writeOnly = true
	}
	if v, ok := spec.ScalarString(spec.Get(m, "format")); ok && f.format == "" {
		f.format = v
	}
	if e := field(s, n, "enum"); e.ok() && e.Kind == yaml.SequenceNode && f.enum == nil {
		f.enum, f.enumFile = e.Content, e.File
	}
	if d := field(s, n, "discriminator"); d.ok() && !f.disc.ok() {
		f.disc = d
	}
	if d := field(s, n, "discriminator"); d.ok() && !f.disc.ok() {
		f.disc = d
	}
	if e := field(s, n, "x-extensible-enum"); e.ok() && e.Kind == yaml.SequenceNode && f.xenum == nil {
		f.xenum, f.xenumFile = e.Content, e.File
	}
	// One pass over the keys: a schema holds few of the thirty-odd
	// keywords looked for, and GetKey scans the mapping each time.
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i].Value
		dst := keyGroup[k]
		if dst == nil {
			continue
		}
		store := dst(f)
		if _, ok := store[k]; ok {
			continue
		}
		if v := field(s, n, k); v.ok() {
			store[k] = v
		}
	}
	if props := field(s, n, "properties"); props.ok() && props.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(props.Content); i += 2 {
			name := props.Content[i].Value
			if _, ok := f.prop[name]; ok {
				continue
			}
			d, err := s.Deref(spec.Node{File: props.File, Node: props.Content[i+1]})
			if err != nil {
				continue
			}
			f.props = append(f.props, name)
			f.prop[name] = side{Node: d, key: props.Content[i], from: props.File, ref: d.Node != props.Content[i+1]}
		}
	}
	if req := field(s, n, "required"); req.ok() && req.Kind == yaml.SequenceNode {
		for _, r := range req.Content {
			if _, ok := f.required[r.Value]; !ok {
				f.required[r.Value] = spec.Node{File: req.File, Node: r}
			}
		}
	}
	if it := field(s, n, "items"); it.ok() && !f.items.ok() {
		f.items = it
	}
	if ap := field(s, n, "additionalProperties"); ap.ok() && ap.Kind == yaml.MappingNode && !f.addl.ok() {
		f.addl = ap
	}
	for _, k := range []string{"oneOf", "anyOf"} {
		list := field(s, n, k)
		if !list.ok() || list.Kind != yaml.SequenceNode {
			continue
		}
		var out []side
		for _, c := range list.Content {
			d, err := s.Deref(spec.Node{File: list.File, Node: c})
			if err == nil {
				// key is the list item, whose $ref names the variant.
				out = append(out, side{Node: d, key: c, from: list.File, ref: d.Node != c})
			}
		}
		if k == "oneOf" && f.oneOf == nil {
			f.oneOf = out
		} else if k == "anyOf" && f.anyOf == nil {
			f.anyOf = out
		}
	}
	if all := field(s, n, "allOf"); all.ok() && all.Kind == yaml.SequenceNode {
		for _, c := range all.Content {
			d, err := s.Deref(spec.Node{File: all.File, Node: c})
			if err == nil {
				f.add(s, side{Node: d}, depth+1)
			}
		}
	}
}

// isArray reports whether the flat's only type is array.
func (f *flat) isArray() bool { return len(f.types) == 1 && f.types[0] == "array" }

// typeName is the flat's type for messages.
func (f *flat) typeName() string {
	if len(f.types) == 0 {
		return "any"
	}
	t := strings.Join(f.types, "|")
	if f.format != "" {
		t += " (" + f.format + ")"
	}
	return t
}

// shapeOf summarises a property for rename detection: type, format, enum
// and item type.
func (c *ctx) shapeOf(s *spec.Spec, n side) string {
	f := c.flatten(s, n)
	var b strings.Builder
	b.WriteString(f.typeName())
	for _, e := range f.enum {
		b.WriteString("|" + e.Value)
	}
	if f.items.ok() {
		b.WriteString("[" + c.flatten(s, f.items).typeName() + "]")
	}
	sort.Strings(f.props)
	b.WriteString("{" + strings.Join(f.props, ",") + "}")
	return b.String()
}

// schemaName names a schema reached through a $ref to another file, so a
// change in a shared schema reads the same whichever operation finds it.
func schemaName(n side, fallback string) string {
	if !n.shared() {
		return fallback
	}
	return baseName(n.File)
}

// baseName is a file's name without folder and extension.
func baseName(f *spec.File) string {
	base := path.Base(f.Path)
	return strings.TrimSuffix(base, path.Ext(base))
}

// schema compares two schemas found at the same place.
func (c *ctx) schema(parent *pair, b, h side, where, jsonPath string) {
	if !b.ok() || !h.ok() {
		return
	}
	key := [3]any{b.Node.Node, h.Node.Node, parent.dir}
	if c.seen[key] {
		return
	}
	c.seen[key] = true
	if c.same(b, h) {
		return // written alike, down to what the $refs name: no change below
	}
	where = schemaName(h, where)
	// A schema reached through a $ref is placed where its target is
	// written, the same whichever operation reaches it.
	if b.ref {
		b.key = nil
	}
	if h.ref {
		h.key = nil
	}
	bf, hf := c.flatten(c.base, b), c.flatten(c.head, h)
	p := &pair{kind: pSchema, base: b, head: h, bf: bf, hf: hf, dir: parent.dir, op: parent.op, where: where, path: jsonPath, wire: parent.wire}
	c.runChecks(p)
	c.texts(p)
	bBr, bKw := bf.branches()
	hBr, hKw := hf.branches()
	switch {
	case len(bBr) == 0 && len(hBr) > 0 && len(hf.props) == 0:
		// The old schema now sits among branches (wrapped into a oneOf or
		// anyOf): compare it with the branch most like it, not as a schema
		// that lost its properties; the others are branches added.
		i := c.closest(c.base, b, c.head, hBr)
		c.schema(p, b, hBr[i], where+" ("+hKw+" "+itoa(i)+")", jsonPath+"."+hKw+"["+itoa(i)+"]")
		c.loneBranches(p, parent, c.head, hBr, i, hKw, false)
		return
	case len(bBr) > 0 && len(hBr) == 0 && len(bf.props) == 0:
		// Unwrapped: the new schema is the branch most like it; the others
		// are branches removed.
		i := c.closest(c.head, h, c.base, bBr)
		c.schema(p, bBr[i], h, where+" ("+bKw+" "+itoa(i)+")", jsonPath)
		c.loneBranches(p, parent, c.base, bBr, i, bKw, true)
		return
	}

	renamed := renames(c, bf, hf)
	for _, name := range unionProps(bf, hf) {
		bp, hp := bf.prop[name], hf.prop[name]
		from := ""
		if !bp.ok() {
			if old, ok := renamed[name]; ok {
				bp, from = bf.prop[old], old
			}
		} else if !hp.ok() && renamedTo(renamed, name) {
			continue // reported with its new name
		}
		pp := &pair{kind: pProperty, base: bp, head: hp, name: name, bObj: bf, hObj: hf, dir: parent.dir, op: parent.op, wire: parent.wire,
			where: where + "." + name, path: jsonPath + ".properties" + spec.PathSegment(name, false)}
		oldName := name
		if from != "" {
			oldName = from
			pp.renamedFrom = from
		}
		pp.required = [2]bool{bf.required[oldName].Node != nil, hf.required[name].Node != nil}
		c.runChecks(pp)
		if bp.ok() && hp.ok() {
			c.schema(pp, bp, hp, where+"."+name, pp.path)
		}
	}
	c.schema(p, bf.items, hf.items, where+"[]", jsonPath+".items")
	c.schema(p, bf.addl, hf.addl, where+"{}", jsonPath+".additionalProperties")
	for _, k := range subschemaKeys {
		if bf.kw[k].ok() && hf.kw[k].ok() { // the labels cost: build them only when needed
			c.schema(p, bf.kw[k], hf.kw[k], where+" ("+k+")", jsonPath+"."+k)
		}
	}
	for _, k := range schemaMapKeys {
		bm, hm := bf.kw[k], hf.kw[k]
		if !bm.ok() || !hm.ok() {
			continue
		}
		for _, name := range unionKeys(bm, hm) {
			c.schema(p, field(c.base, bm, name), field(c.head, hm, name), where+" ("+k+" "+name+")", jsonPath+"."+k+spec.PathSegment(name, false))
		}
	}
	if bp, hp := bf.kw["prefixItems"], hf.kw["prefixItems"]; bp.ok() && hp.ok() && bp.Kind == yaml.SequenceNode && hp.Kind == yaml.SequenceNode {
		for i := 0; i < len(bp.Content) && i < len(hp.Content); i++ {
			b, _ := c.base.Deref(spec.Node{File: bp.File, Node: bp.Content[i]})
			h, _ := c.head.Deref(spec.Node{File: hp.File, Node: hp.Content[i]})
			c.schema(p, side{Node: b}, side{Node: h}, where+" (prefixItems "+itoa(i)+")", jsonPath+".prefixItems["+itoa(i)+"]")
		}
	}
	if len(bBr) > 0 && len(hBr) > 0 {
		// Branches are matched across oneOf and anyOf: switching the
		// keyword keeps the branches (composition-keyword-changed).
		for _, v := range c.matchVariants(bBr, hBr) {
			vp := &pair{kind: pVariant, base: v.b, head: v.h, name: hKw + " " + v.name, dir: parent.dir, op: parent.op,
				where: where, path: jsonPath + "." + hKw + "[" + itoa(v.index) + "]", wire: parent.wire}
			c.runChecks(vp)
			c.schema(p, v.b, v.h, where+" ("+vp.name+")", vp.path)
		}
	}
}

// branches are a schema's oneOf branches, else its anyOf ones, with the
// keyword.
func (f *flat) branches() ([]side, string) {
	if len(f.oneOf) > 0 {
		return f.oneOf, "oneOf"
	}
	return f.anyOf, "anyOf"
}

// closest is the index of the branch (of spec bs) most like schema n (of
// spec ns): the same $ref target, else the most property names in common,
// then the same type.
func (c *ctx) closest(ns *spec.Spec, n side, bs *spec.Spec, branches []side) int {
	nf := c.flatten(ns, n)
	best, score := 0, -1
	for i, h := range branches {
		if h.Node.Node == n.Node.Node || refName(h) != "" && refName(h) == refName(n) {
			return i
		}
		hf := c.flatten(bs, h)
		sc := 0
		for _, name := range hf.props {
			if nf.prop[name].ok() {
				sc += 2
			}
		}
		if nf.typeName() == hf.typeName() {
			sc++
		}
		if sc > score {
			best, score = i, sc
		}
	}
	return best
}

// loneBranches reports the branches of a schema wrapped (or unwrapped)
// other than the one compared with the old (new) schema, as added (or
// removed). A branch with no type, properties, items or enum only adds null
// or annotations and is passed over.
func (c *ctx) loneBranches(p, parent *pair, s *spec.Spec, branches []side, matched int, kw string, removed bool) {
	for j, br := range branches {
		if f := c.flatten(s, br); j == matched || len(f.types) == 0 && len(f.props) == 0 && len(f.enum) == 0 && !f.items.ok() {
			continue
		}
		name := kw + " " + itoa(j)
		if r := refName(br); r != "" {
			name = kw + " " + shortRef(r)
		}
		vp := &pair{kind: pVariant, name: name, dir: parent.dir, op: parent.op, where: p.where,
			path: p.path + "." + kw + "[" + itoa(j) + "]", wire: parent.wire}
		if removed {
			vp.base = br
		} else {
			vp.head = br
		}
		c.runChecks(vp)
	}
}

// wrapped reports whether a schema without branches became a oneOf of
// several.
func wrapped(bf, hf *flat) bool {
	return len(bf.oneOf) == 0 && len(bf.anyOf) == 0 && len(hf.oneOf) > 1
}

// variant is one oneOf or anyOf branch in both versions (one side zero
// when it was added or removed).
type variant struct {
	b, h  side
	name  string // the $ref's schema name, else the branch's index
	index int    // in head when there, else in base
}

// refName is a variant's $ref as written ("" for one written inline).
func refName(s side) string {
	if s.key == nil {
		return ""
	}
	r, _ := spec.ScalarString(spec.Get(s.key, "$ref"))
	return r
}

// shortRef names a $ref for messages: the schema's name, or the file's
// without its extension.
func shortRef(r string) string {
	if _, frag, ok := strings.Cut(r, "#"); ok && frag != "" {
		return path.Base(frag)
	}
	b := path.Base(r)
	return strings.TrimSuffix(b, path.Ext(b))
}

// matchVariants pairs the branches of a oneOf or anyOf: by the schema a
// $ref names, then an inline branch with one of the same shape on the
// other side (written inline or moved behind a $ref), then the inline
// branches left in order. Two different $refs are two branches: generated
// clients name a type after each.
func (c *ctx) matchVariants(bs, hs []side) []variant {
	used := make([]bool, len(hs))
	bMatch := make([]int, len(bs))
	for i := range bMatch {
		bMatch[i] = -1
	}
	pass := func(ok func(b, h side) bool) {
		for i, b := range bs {
			if bMatch[i] >= 0 {
				continue
			}
			for j, h := range hs {
				if !used[j] && ok(b, h) {
					bMatch[i], used[j] = j, true
					break
				}
			}
		}
	}
	pass(func(b, h side) bool { r := refName(b); return r != "" && r == refName(h) })
	pass(func(b, h side) bool {
		return (refName(b) == "" || refName(h) == "") && c.shapeOf(c.base, b) == c.shapeOf(c.head, h)
	})
	pass(func(b, h side) bool { return refName(b) == "" && refName(h) == "" })
	name := func(s side, i int) string {
		if r := refName(s); r != "" {
			return shortRef(r)
		}
		return itoa(i)
	}
	var out []variant
	for i, b := range bs {
		if j := bMatch[i]; j >= 0 {
			out = append(out, variant{b: b, h: hs[j], name: name(hs[j], j), index: j})
		} else {
			out = append(out, variant{b: b, name: name(b, i), index: i})
		}
	}
	for j, h := range hs {
		if !used[j] {
			out = append(out, variant{h: h, name: name(h, j), index: j})
		}
	}
	return out
}

// renames finds properties removed and added in one object with the same
// shape: head name → base name, only where the match is unambiguous.
func renames(c *ctx, bf, hf *flat) map[string]string {
	var removed, added []string
	for _, n := range bf.props {
		if !hf.prop[n].ok() {
			removed = append(removed, n)
		}
	}
	for _, n := range hf.props {
		if !bf.prop[n].ok() {
			added = append(added, n)
		}
	}
	if len(removed) == 0 || len(added) == 0 {
		return nil
	}
	bShape := map[string][]string{}
	for _, n := range removed {
		s := c.shapeOf(c.base, bf.prop[n])
		bShape[s] = append(bShape[s], n)
	}
	hShape := map[string][]string{}
	for _, n := range added {
		s := c.shapeOf(c.head, hf.prop[n])
		hShape[s] = append(hShape[s], n)
	}
	out := map[string]string{}
	for s, hs := range hShape {
		if bs := bShape[s]; len(bs) == 1 && len(hs) == 1 {
			out[hs[0]] = bs[0]
		}
	}
	return out
}

func renamedTo(m map[string]string, old string) bool {
	for _, v := range m {
		if v == old {
			return true
		}
	}
	return false
}

func unionProps(b, h *flat) []string {
	out := append([]string(nil), b.props...)
	seen := map[string]bool{}
	for _, n := range out {
		seen[n] = true
	}
	for _, n := range h.props {
		if !seen[n] {
			out = append(out, n)
		}
	}
	return out
}

func itoa(i int) string {
	const digits = "0123456789"
	if i < 10 {
		return digits[i : i+1]
	}
	return itoa(i/10) + digits[i%10:i%10+1]
}
