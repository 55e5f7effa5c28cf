// Package exampleval checks OpenAPI example values against their schemas by
// walking the spec's YAML nodes directly. It is what lint uses to find
// examples that contradict the schema they illustrate; it handles the JSON
// Schema subset OpenAPI 3.0 and 3.1 specs use, and ignores the rest.
package exampleval

import (
	"fmt"
	"strconv"
	"strings"

	yaml "github.com/pb33f/go-yaml"

	"github.com/dospec/dospec/spec"
)

// Problem is one way a value breaks its schema.
type Problem struct {
	Path string     // JSON pointer into the value, "" for the value itself, e.g. "/droplets/0/id"
	Msg  string     // lower-case and concrete, e.g. `"id": want integer, got string "abc"`
	Node *yaml.Node // the value node at fault, for its position
	// File is the file Node is written in: a value may reach into other
	// files through {$ref} mappings, so it is not always the example's file.
	File *spec.File
}

// Pos is where the faulty value is written.
func (p Problem) Pos() spec.Pos {
	if p.File == nil {
		return spec.Pos{}
	}
	return p.File.Pos(p.Node)
}

// String gives the problem as file:line:col: message.
func (p Problem) String() string {
	if pos := p.Pos(); pos.File != "" {
		return pos.String() + ": " + p.Msg
	}
	return p.Msg
}

// Direction says which way the example travels, which decides whether
// readOnly or writeOnly properties may be left out.
type Direction int

const (
	Any      Direction = iota
	Request            // readOnly properties are not required (and may be absent)
	Response           // writeOnly properties are not required
)

// Options tune Validate.
type Options struct {
	Direction   Direction
	MaxProblems int // stop after this many (0: 10)
}

// maxDepth bounds schema nesting: a recursive schema with a finite value
// ends by itself, so this only stops pathological specs.
const maxDepth = 200

// Validate checks value against schema. schema is a schema object written in
// schema.File; $refs inside the schema are followed with s.Deref. value is an
// example value written in valueFile; a {$ref: ...} mapping inside the value
// (DigitalOcean writes examples that way) is followed too via s.Deref.
func Validate(s *spec.Spec, schema spec.Node, value spec.Node, opt Options) []Problem {
	if schema.Node == nil || value.Node == nil {
		return nil
	}
	max := opt.MaxProblems
	if max <= 0 {
		max = 10
	}
	var out []Problem
	v := &validator{
		s:   s,
		dir: opt.Direction,
		max: max,
		v31: strings.HasPrefix(s.Version, "3.1"),
		out: &out,
	}
	v.check(schema, value)
	return out
}

type validator struct {
	s     *spec.Spec
	dir   Direction
	max   int
	v31   bool
	out   *[]Problem // where problems go; branches of anyOf/oneOf swap it
	path  []token
	depth int
	// active holds the (schema, value) pairs being checked that were reached
	// through a $ref: meeting one again means a schema that loops without
	// consuming any of the value, which would never end.
	active map[[2]*yaml.Node]bool
}

// token is one step of the path into the value: an index when idx >= 0.
type token struct {
	name string
	idx  int
}

func (v *validator) push(t token) { v.path = append(v.path, t) }
func (v *validator) pop()         { v.path = v.path[:len(v.path)-1] }

func (v *validator) full() bool { return len(*v.out) >= v.max }

// pointer is the JSON pointer of the current place in the value.
func (v *validator) pointer() string {
	if len(v.path) == 0 {
		return ""
	}
	var b strings.Builder
	for _, t := range v.path {
		b.WriteByte('/')
		if t.idx >= 0 {
			b.WriteString(strconv.Itoa(t.idx))
		} else {
			b.WriteString(spec.EscapeToken(t.name))
		}
	}
	return b.String()
}

// subject names the current place for a message: the last property name
// with any indexes after it, `"droplets"[0]`.
func (v *validator) subject() string {
	i := len(v.path)
	for i > 0 && v.path[i-1].idx >= 0 {
		i--
	}
	var b strings.Builder
	if i > 0 {
		b.WriteString(strconv.Quote(v.path[i-1].name))
	}
	for _, t := range v.path[i:] {
		b.WriteByte('[')
		b.WriteString(strconv.Itoa(t.idx))
		b.WriteByte(']')
	}
	return b.String()
}

// fail records a problem at the current place, the message prefixed with
// the subject so it reads on its own.
func (v *validator) fail(at spec.Node, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if s := v.subject(); s != "" {
		msg = s + ": " + msg
	}
	v.failBare(at, msg)
}

func (v *validator) failBare(at spec.Node, msg string) {
	*v.out = append(*v.out, Problem{Path: v.pointer(), Msg: msg, Node: at.Node, File: at.File})
}

// derefValue follows aliases and {$ref} mappings inside an example value.
func (v *validator) derefValue(n spec.Node) spec.Node {
	n.Node = spec.Unalias(n.Node)
	if n.Node != nil && n.Kind == yaml.MappingNode && v.s.Ref(n.Node) != nil {
		if t, err := v.s.Deref(n); err == nil && t.Node != nil {
			t.Node = spec.Unalias(t.Node)
			return t
		}
	}
	return n
}

// check validates val against sch, following $refs on both sides.
func (v *validator) check(sch, val spec.Node) {
	if v.full() || v.depth >= maxDepth {
		return
	}
	v.depth++
	defer func() { v.depth-- }()
	val = v.derefValue(val)
	sch.Node = spec.Unalias(sch.Node)
	if sch.Node == nil || val.Node == nil {
		return
	}
	if v.s.Ref(sch.Node) == nil {
		v.keywords(sch, val)
		return
	}
	t, err := v.s.Deref(sch)
	if err != nil || t.Node == nil {
		return // the loader reports broken refs; nothing to check against
	}
	t.Node = spec.Unalias(t.Node)
	k := [2]*yaml.Node{t.Node, val.Node}
	if v.active[k] {
		return
	}
	if v.active == nil {
		v.active = map[[2]*yaml.Node]bool{}
	}
	v.active[k] = true
	v.keywords(t, val)
	delete(v.active, k)
	// OpenAPI 3.0 ignores everything beside a $ref; 3.1 applies it too.
	if v.v31 {
		v.keywords(sch, val)
	}
}

// kw holds the keywords of one schema object, found in one pass.
type kw struct {
	typ, nullable, enum, cnst                  *yaml.Node
	props, required, addl, patProps            *yaml.Node
	items, prefixItems, minItems, maxItems     *yaml.Node
	unique, minLen, maxLen, pattern, format    *yaml.Node
	minimum, maximum, exMin, exMax, multipleOf *yaml.Node
	allOf, anyOf, oneOf, not, discriminator    *yaml.Node
}

func (v *validator) keywords(sch, val spec.Node) {
	n := sch.Node
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!bool" {
		if !isTrue(n) {
			v.fail(val, "no value is allowed here (the schema is false)")
		}
		return
	}
	if n.Kind != yaml.MappingNode {
		return
	}
	var k kw
	for i := 0; i+1 < len(n.Content); i += 2 {
		c := spec.Unalias(n.Content[i+1])
		switch n.Content[i].Value {
		case "type":
			k.typ = c
		case "nullable":
			k.nullable = c
		case "enum":
			k.enum = c
		case "const":
			k.cnst = c
		case "properties":
			k.props = c
		case "required":
			k.required = c
		case "additionalProperties":
			k.addl = c
		case "patternProperties":
			k.patProps = c
		case "items":
			k.items = c
		case "prefixItems":
			k.prefixItems = c
		case "minItems":
			k.minItems = c
		case "maxItems":
			k.maxItems = c
		case "uniqueItems":
			k.unique = c
		case "minLength":
			k.minLen = c
		case "maxLength":
			k.maxLen = c
		case "pattern":
			k.pattern = c
		case "format":
			k.format = c
		case "minimum":
			k.minimum = c
		case "maximum":
			k.maximum = c
		case "exclusiveMinimum":
			k.exMin = c
		case "exclusiveMaximum":
			k.exMax = c
		case "multipleOf":
			k.multipleOf = c
		case "allOf":
			k.allOf = c
		case "anyOf":
			k.anyOf = c
		case "oneOf":
			k.oneOf = c
		case "not":
			k.not = c
		case "discriminator":
			k.discriminator = c
		}
	}

	jt := v.typeOf(val.Node)
	// In 3.0 nullable: true admits null whatever else the schema says
	// (enum, allOf branches): that is how specs use it.
	if jt == tNull && !v.v31 && isTrue(k.nullable) {
		return
	}
	if k.typ != nil && !v.typeOK(k.typ, jt) {
		v.fail(val, "want %s, got %s", v.wantTypes(k.typ, k.nullable), describe(val.Node, jt))
		return // further keywords would only repeat the mismatch
	}
	if k.enum != nil && k.enum.Kind == yaml.SequenceNode {
		found := false
		for _, e := range k.enum.Content {
			if v.equal(spec.Node{File: sch.File, Node: e}, val) {
				found = true
				break
			}
		}
		if !found {
			v.fail(val, "%s is not one of %s", short(val.Node, jt), listValues(k.enum))
		}
	}
	if k.cnst != nil && !v.equal(spec.Node{File: sch.File, Node: k.cnst}, val) {
		v.fail(val, "want %s, got %s", short(k.cnst, v.typeOf(k.cnst)), short(val.Node, jt))
	}

	switch jt {
	case tString:
		v.checkString(&k, val)
	case tInteger, tNumber:
		v.checkNumber(&k, val)
	case tArray:
		v.checkArray(sch, &k, val)
	case tObject:
		v.checkObject(sch, &k, val)
	}

	if k.allOf != nil && k.allOf.Kind == yaml.SequenceNode {
		for _, b := range k.allOf.Content {
			v.check(spec.Node{File: sch.File, Node: b}, val)
		}
	}
	if k.anyOf != nil && k.anyOf.Kind == yaml.SequenceNode && len(k.anyOf.Content) > 0 {
		v.checkAnyOf(sch, k.anyOf, val)
	}
	if k.oneOf != nil && k.oneOf.Kind == yaml.SequenceNode && len(k.oneOf.Content) > 0 {
		v.checkOneOf(sch, k.oneOf, k.discriminator, val)
	}
	if k.not != nil {
		if len(v.branch(spec.Node{File: sch.File, Node: k.not}, val)) == 0 {
			v.fail(val, "must not match the schema under \"not\"")
		}
	}
}

// typeOK reports whether a value of type jt satisfies the type keyword.
func (v *validator) typeOK(typ *yaml.Node, jt jtype) bool {
	switch typ.Kind {
	case yaml.ScalarNode:
		return typeMatches(typ.Value, jt)
	case yaml.SequenceNode:
		for _, t := range typ.Content {
			if typeMatches(spec.Unalias(t).Value, jt) {
				return true
			}
		}
		return false
	}
	return true // a malformed type is another rule's business
}

func typeMatches(name string, jt jtype) bool {
	switch name {
	case "number":
		return jt == tNumber || jt == tInteger
	case "integer", "string", "boolean", "array", "object", "null":
		return name == jt.String()
	}
	return true // unknown type names are not ours to judge
}

func (v *validator) wantTypes(typ, nullable *yaml.Node) string {
	var names []string
	if typ.Kind == yaml.SequenceNode {
		for _, t := range typ.Content {
			names = append(names, spec.Unalias(t).Value)
		}
	} else {
		names = append(names, typ.Value)
	}
	if !v.v31 && isTrue(nullable) {
		names = append(names, "null")
	}
	return strings.Join(names, " or ")
}

func (v *validator) checkString(k *kw, val spec.Node) {
	s := val.Value
	if k.minLen != nil || k.maxLen != nil {
		n := int64(runeCount(s))
		if min, ok := intOf(k.minLen); ok && n < min {
			v.fail(val, "want at least %s, got %d", count(min, "character"), n)
		}
		if max, ok := intOf(k.maxLen); ok && n > max {
			v.fail(val, "want at most %s, got %d", count(max, "character"), n)
		}
	}
	if k.pattern != nil && k.pattern.Kind == yaml.ScalarNode {
		if re := compile(k.pattern.Value); re != nil && !re.MatchString(s) {
			v.fail(val, "%s does not match the pattern %s", quote(s), k.pattern.Value)
		}
	}
	if k.format != nil && k.format.Kind == yaml.ScalarNode {
		if ok, known := checkFormat(k.format.Value, s); known && !ok {
			v.fail(val, "%s is not a valid %s", quote(s), formatName(k.format.Value))
		}
	}
}

func (v *validator) checkNumber(k *kw, val spec.Node) {
	if k.minimum == nil && k.maximum == nil && k.exMin == nil && k.exMax == nil && k.multipleOf == nil {
		return
	}
	x, ok := parseNum(val.Node)
	if !ok {
		return
	}
	// 3.0 writes exclusiveMinimum: true beside minimum; 3.1 gives the
	// bound itself. Tell them apart by the node, not the version.
	bound := func(limit, excl *yaml.Node, sign int, incl, strict string) {
		if limit != nil {
			if b, ok := parseNum(limit); ok {
				exclusive := excl != nil && excl.ShortTag() == "!!bool" && isTrue(excl)
				if c, ok := cmpNum(x, b); ok && (c*sign > 0 || exclusive && c == 0) {
					op := incl
					if exclusive {
						op = strict
					}
					v.fail(val, "want %s %s, got %s", op, limit.Value, val.Value)
				}
			}
		}
		if excl != nil && excl.ShortTag() != "!!bool" {
			if b, ok := parseNum(excl); ok {
				if c, ok := cmpNum(x, b); ok && c*sign >= 0 {
					v.fail(val, "want %s %s, got %s", strict, excl.Value, val.Value)
				}
			}
		}
	}
	bound(k.minimum, k.exMin, -1, ">=", ">")
	bound(k.maximum, k.exMax, 1, "<=", "<")
	if k.multipleOf != nil {
		if m, ok := parseNum(k.multipleOf); ok {
			if is, ok := multipleOf(x, m); ok && !is {
				v.fail(val, "want a multiple of %s, got %s", k.multipleOf.Value, val.Value)
			}
		}
	}
}

func (v *validator) checkArray(sch spec.Node, k *kw, val spec.Node) {
	items := val.Content
	if min, ok := intOf(k.minItems); ok && int64(len(items)) < min {
		v.fail(val, "want at least %s, got %d", count(min, "item"), len(items))
	}
	if max, ok := intOf(k.maxItems); ok && int64(len(items)) > max {
		v.fail(val, "want at most %s, got %d", count(max, "item"), len(items))
	}
	if isTrue(k.unique) && len(items) > 1 {
		seen := make(map[string]int, len(items))
		for i, it := range items {
			key := v.canonical(spec.Node{File: val.File, Node: it})
			if j, dup := seen[key]; dup {
				v.push(token{idx: i})
				v.fail(v.derefValue(spec.Node{File: val.File, Node: it}), "equals item %d, but items must be unique", j)
				v.pop()
				continue
			}
			seen[key] = i
		}
	}
	// prefixItems (3.1), or a draft-4 style list under items, checks items
	// by position; a schema under items checks the rest.
	var prefix []*yaml.Node
	rest := k.items
	if k.prefixItems != nil && k.prefixItems.Kind == yaml.SequenceNode {
		prefix = k.prefixItems.Content
	} else if k.items != nil && k.items.Kind == yaml.SequenceNode {
		prefix, rest = k.items.Content, nil
	}
	for i, it := range items {
		if v.full() {
			return
		}
		var s *yaml.Node
		switch {
		case i < len(prefix):
			s = prefix[i]
		case rest != nil:
			s = rest
		default:
			continue
		}
		v.push(token{idx: i})
		v.check(spec.Node{File: sch.File, Node: s}, spec.Node{File: val.File, Node: it})
		v.pop()
	}
}

func (v *validator) checkObject(sch spec.Node, k *kw, val spec.Node) {
	props := spec.Node{File: sch.File, Node: k.props}
	if props.Node != nil {
		// DigitalOcean writes properties: {$ref: attributes.yml#/...}.
		if t, err := v.s.Deref(props); err == nil {
			props = t
			props.Node = spec.Unalias(props.Node)
		}
		if props.Node.Kind != yaml.MappingNode {
			props.Node = nil
		}
	}
	if k.required != nil && k.required.Kind == yaml.SequenceNode {
		for _, r := range k.required.Content {
			name := spec.Unalias(r).Value
			if spec.Get(val.Node, name) != nil || v.optional(props, name) {
				continue
			}
			v.fail(val, "missing required property %q", name)
		}
	}
	var pats []*yaml.Node
	if k.patProps != nil && k.patProps.Kind == yaml.MappingNode {
		pats = k.patProps.Content
	}
	c := val.Content
	for i := 0; i+1 < len(c); i += 2 {
		if v.full() {
			return
		}
		name := c[i].Value
		pv := spec.Node{File: val.File, Node: c[i+1]}
		v.push(token{name: name, idx: -1})
		matched := false
		if props.Node != nil {
			if ps := spec.Get(props.Node, name); ps != nil {
				matched = true
				v.check(spec.Node{File: props.File, Node: ps}, pv)
			}
		}
		for j := 0; j+1 < len(pats); j += 2 {
			re := compile(pats[j].Value)
			if re != nil && re.MatchString(name) {
				matched = true
				v.check(spec.Node{File: sch.File, Node: pats[j+1]}, pv)
			}
		}
		if !matched && k.addl != nil {
			if k.addl.Kind == yaml.ScalarNode && k.addl.ShortTag() == "!!bool" {
				if !isTrue(k.addl) {
					v.failBare(v.derefValue(pv), fmt.Sprintf("unexpected property %q (additionalProperties is false)", name))
				}
			} else {
				v.check(spec.Node{File: sch.File, Node: k.addl}, pv)
			}
		}
		v.pop()
	}
}

// optional reports whether a required property may be left out in this
// direction: readOnly ones in requests, writeOnly ones in responses.
func (v *validator) optional(props spec.Node, name string) bool {
	if v.dir == Any || props.Node == nil {
		return false
	}
	key := "readOnly"
	if v.dir == Response {
		key = "writeOnly"
	}
	ps := spec.Get(props.Node, name)
	if ps == nil {
		return false
	}
	if isTrue(spec.Get(ps, key)) {
		return true
	}
	t, err := v.s.Deref(spec.Node{File: props.File, Node: ps})
	return err == nil && isTrue(spec.Get(t.Node, key))
}

// branch checks val against one branch of anyOf/oneOf/not and returns
// its problems instead of recording them.
func (v *validator) branch(sch, val spec.Node) []Problem {
	saved := v.out
	var local []Problem
	v.out = &local
	v.check(sch, val)
	v.out = saved
	return local
}

// report records the problems of the closest failing branch, saying which
// branch that was unless an inner anyOf/oneOf already did: a bare
// "missing required property" under a oneOf would puzzle the reader.
func (v *validator) report(ps []Problem, keyword string, branches *yaml.Node, best int) {
	note := ""
	if len(branches.Content) > 1 {
		note = fmt.Sprintf(" (closest of %d %s branches: %s)", len(branches.Content), keyword, v.branchName(branches.Content[best], best))
	}
	for _, p := range ps {
		if v.full() {
			return
		}
		if note != "" && !strings.Contains(p.Msg, " branches: ") {
			p.Msg += note
		}
		*v.out = append(*v.out, p)
	}
}

func (v *validator) checkAnyOf(sch spec.Node, branches *yaml.Node, val spec.Node) {
	var best []Problem
	bi := 0
	for i, b := range branches.Content {
		ps := v.branch(spec.Node{File: sch.File, Node: b}, val)
		if len(ps) == 0 {
			return
		}
		if i == 0 || len(ps) < len(best) {
			best, bi = ps, i
		}
	}
	v.report(best, "anyOf", branches, bi)
}

func (v *validator) checkOneOf(sch spec.Node, branches, disc *yaml.Node, val spec.Node) {
	if disc != nil && v.discriminate(sch, branches, disc, val) {
		return
	}
	var best []Problem
	var passed []string
	bi := 0
	for i, b := range branches.Content {
		ps := v.branch(spec.Node{File: sch.File, Node: b}, val)
		if len(ps) == 0 {
			passed = append(passed, v.branchName(b, i))
			continue
		}
		if best == nil || len(ps) < len(best) {
			best, bi = ps, i
		}
	}
	switch {
	case len(passed) == 0:
		v.report(best, "oneOf", branches, bi)
	case len(passed) > 1:
		v.fail(val, "matches %d of the oneOf branches (%s), want exactly one", len(passed), strings.Join(passed, ", "))
	}
}

// discriminate picks the oneOf branch the discriminator names and checks
// val against it alone. It returns false when the discriminator cannot
// decide (no propertyName, or the value lacks a string there), leaving
// plain oneOf rules to apply.
func (v *validator) discriminate(sch spec.Node, branches, disc *yaml.Node, val spec.Node) bool {
	prop, _ := spec.ScalarString(spec.Get(disc, "propertyName"))
	if prop == "" || val.Kind != yaml.MappingNode {
		return false
	}
	pv := spec.Get(val.Node, prop)
	if pv == nil {
		return false
	}
	pvn := v.derefValue(spec.Node{File: val.File, Node: pv})
	if pvn.Kind != yaml.ScalarNode || v.typeOf(pvn.Node) != tString {
		return false
	}
	name := pvn.Value
	mapping := spec.Get(disc, "mapping")
	if m := spec.Get(mapping, name); m != nil && m.Kind == yaml.ScalarNode {
		if r := v.s.MappingRef(m); r != nil && r.Target != nil {
			v.check(spec.Node{File: r.File, Node: r.Target}, val)
			return true
		}
		if !spec.LooksLikeRef(m.Value) {
			// A bare name means #/components/schemas/<name> in the root or,
			// when the root has none, the branch of that schema name.
			if t := spec.Get(spec.Get(spec.Get(v.s.Root.Doc, "components"), "schemas"), m.Value); t != nil {
				v.check(spec.Node{File: v.s.Root, Node: t}, val)
				return true
			}
			name = m.Value
		}
	}
	// Without a mapping entry the value names a branch by its schema name.
	for _, b := range branches.Content {
		if v.refNamed(b, name) {
			v.check(spec.Node{File: sch.File, Node: b}, val)
			return true
		}
	}
	var names []string
	if mapping != nil && mapping.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(mapping.Content); i += 2 {
			names = append(names, mapping.Content[i].Value)
		}
	} else {
		for i, b := range branches.Content {
			names = append(names, v.branchName(b, i))
		}
	}
	v.push(token{name: prop, idx: -1})
	v.fail(pvn, "%s names none of the oneOf branches (want one of [%s])", quote(pvn.Value), strings.Join(names, ", "))
	v.pop()
	return true
}

// refNamed reports whether any $ref on the way from b to its schema ends
// in name: the last pointer token, or the file's base name.
func (v *validator) refNamed(b *yaml.Node, name string) bool {
	n := spec.Unalias(b)
	for range 32 {
		r := v.s.Ref(n)
		if r == nil || r.Target == nil {
			return false
		}
		if refName(r) == name {
			return true
		}
		n = spec.Unalias(r.Target)
	}
	return false
}

func refName(r *spec.Ref) string {
	if toks := spec.SplitPointer(r.Pointer); len(toks) > 0 {
		return toks[len(toks)-1]
	}
	base := r.File.Path
	if i := strings.LastIndexByte(base, '/'); i >= 0 {
		base = base[i+1:]
	}
	if i := strings.LastIndexByte(base, '.'); i > 0 {
		base = base[:i]
	}
	return base
}

// branchName names a oneOf branch for messages: its ref's name, its
// title, or its index.
func (v *validator) branchName(b *yaml.Node, i int) string {
	b = spec.Unalias(b)
	if r := v.s.Ref(b); r != nil && r.File != nil {
		return refName(r)
	}
	if t, ok := spec.ScalarString(spec.Get(b, "title")); ok && t != "" {
		return strconv.Quote(t)
	}
	return "#" + strconv.Itoa(i)
}
