package gen

import (
	"math/big"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"

	yaml "github.com/pb33f/go-yaml"

	"github.com/dospec/dospec/spec"
)

// Options name the generated package.
type Options struct {
	Package string // Go package name (default: client)
	Source  string // how the root file is named in the generated header
}

// Build reads s into a Model.
//
// Naming, decided here once: a schema reached through a $ref is a named
// type called after the last token of the pointer or the file's base name
// (models/droplet.yml → Droplet); an inline object is named after its
// place (Droplet + networks → DropletNetworks, list items → …Item, an
// inline request body → <Service><Method>Request, a response →
// <Service><Method>Response). Two different schemas wanting one name get
// 2, 3, … in the order of their source paths.
func Build(s *spec.Spec, opt Options) (*Model, error) {
	if opt.Package == "" {
		opt.Package = "client"
	}
	b := &builder{
		s:          s,
		named:      map[*yaml.Node]*Type{},
		building:   map[*yaml.Node]bool{},
		cyclic:     map[*yaml.Node]bool{},
		dual:       map[*Operation]bool{},
		linkHeader: map[*Operation]bool{},
		dualEvent:  map[*Operation]*Ref{},
		byName:     map[string]*Type{},
		m: &Model{
			Package: opt.Package,
			Source:  opt.Source,
		},
	}
	root := spec.Node{File: s.Root, Node: s.Root.Doc}
	if info, ok := s.Field(root, "info"); ok {
		b.m.Title, _ = spec.ScalarString(spec.Get(info.Node, "title"))
	}
	if servers := spec.Get(s.Root.Doc, "servers"); servers != nil && len(servers.Content) > 0 {
		b.m.BaseURL, _ = spec.ScalarString(spec.Get(servers.Content[0], "url"))
	}
	b.collectNames()
	b.services()
	if len(b.errs) > 0 {
		return nil, b.errs // each at its place in the spec, as the loader's are
	}
	sort.SliceStable(b.m.Types, func(i, j int) bool { return b.m.Types[i].Name < b.m.Types[j].Name })
	// A runtime name given way to a schema that never became a type (only
	// inlined, or unused) is the runtime's again.
	for old := range b.m.Runtime {
		if b.byName[old] == nil {
			delete(b.m.Runtime, old)
		}
	}
	nameEnumValues(b.m)
	markPointers(b.m)
	for _, svc := range b.m.Services {
		for _, o := range svc.Operations {
			o.Unwrap = b.envelopeField(o)
		}
	}
	return b.m, nil
}

type builder struct {
	s      *spec.Spec
	m      *Model
	named  map[*yaml.Node]*Type // schema node → its named type
	byName map[string]*Type
	names  map[*yaml.Node]string // schema node → name decided up front
	// building holds the schemas whose ref is on the stack; cyclic those of
	// them reached again before they had a type.
	building, cyclic map[*yaml.Node]bool
	namer            *namer              // every type name given
	dual             map[*Operation]bool // operations that answer JSON or an event stream
	// linkHeader marks operations whose success response declares a Link
	// header (RFC 8288 pagination).
	linkHeader map[*Operation]bool
	// dualEvent is the event type of a dual operation's stream.
	dualEvent map[*Operation]*Ref
	errs      spec.ErrorList // what the spec says that no client can do
}

// collectNames decides the name of every schema a $ref names, before any
// is built, so names do not depend on the order operations are read in.
func (b *builder) collectNames() {
	type cand struct {
		node *yaml.Node
		key  string
		name string
	}
	seen := map[*yaml.Node]bool{}
	var list []cand
	idx := b.s.Index()
	for _, v := range idx.Visits {
		if v.Kind != spec.KindSchema || v.Ref == nil || seen[v.Node.Node] {
			continue
		}
		if v.Node.Kind != yaml.MappingNode {
			continue
		}
		seen[v.Node.Node] = true
		list = append(list, cand{v.Node.Node, v.Ref.Key(), goName(refBase(v.Ref))})
	}
	sort.Slice(list, func(i, j int) bool { return list[i].key < list[j].key })
	// A schema named as a runtime declaration (Response, Client, Error)
	// keeps its name, the first one to want it; the runtime's gives way to
	// API<Name> (then API<Name>2, …).
	b.m.Runtime = map[string]string{}
	runtime := map[string]bool{}
	for _, r := range RuntimeNames() {
		runtime[r] = true
	}
	wanted := map[string]bool{}
	for _, c := range list {
		if runtime[c.name] {
			wanted[c.name] = true
		}
	}
	all := map[string]bool{}
	for _, c := range list {
		all[c.name] = true
	}
	var reserved []string
	for _, r := range RuntimeNames() {
		if !wanted[r] {
			reserved = append(reserved, r)
			continue
		}
		name := "API" + r
		for i := 2; all[name] || runtime[name]; i++ {
			name = "API" + r + strconv.Itoa(i)
		}
		all[name] = true
		b.m.Runtime[r] = name
		reserved = append(reserved, name)
	}
	n := newNamer(reserved...)
	b.names = map[*yaml.Node]string{}
	for _, c := range list {
		b.names[c.node] = n.take(c.name)
	}
	b.namer = n
}

func refBase(r *spec.Ref) string {
	if toks := spec.SplitPointer(r.Pointer); len(toks) > 0 {
		return toks[len(toks)-1]
	}
	base := path.Base(r.File.Path)
	return strings.TrimSuffix(base, path.Ext(base))
}

// ref turns a schema into a use of a type; hint names it when it needs a
// type of its own and has no name yet.
func (b *builder) ref(n spec.Node, hint string) Ref {
	d, err := b.s.Deref(n)
	if err != nil {
		return Ref{Kind: Builtin, Name: "any"}
	}
	if t := b.named[d.Node]; t != nil {
		return Ref{Kind: Named, Name: t.Name}
	}
	name, isNamed := b.names[d.Node]
	if isNamed {
		hint = name
	}
	// A schema that reaches itself before it has a type — through an
	// array's items, a map's values or an allOf of one member, none of which
	// declares a type on the way in — is named by its decided name, and
	// declared below as a defined type (type RecursiveArray
	// []RecursiveArray), which Go allows where an alias would not be.
	if b.building[d.Node] {
		if !isNamed {
			return Ref{Kind: Builtin, Name: "any"}
		}
		b.cyclic[d.Node] = true
		return Ref{Kind: Named, Name: name}
	}
	b.building[d.Node] = true
	r := b.schema(d, hint, isNamed)
	delete(b.building, d.Node)
	if b.cyclic[d.Node] && b.named[d.Node] == nil {
		if r.Kind == Named && r.Name == name {
			r = Ref{Kind: Builtin, Name: "any"} // only itself: allOf: [{$ref: self}]
		}
		t := b.newType(d, name, Defined)
		t.Target = r
		b.breakLoop(t)
		return Ref{Kind: Named, Name: t.Name}
	}
	return r
}

// breakLoop makes an Alias or Defined type whose target names it again
// through other aliases (allOf: [{$ref: itself}]) a name of any: Go has no
// type that is only itself.
func (b *builder) breakLoop(t *Type) {
	r := t.Target
	for range 64 {
		if r.Kind != Named {
			return
		}
		u := b.byName[r.Name]
		if u == t {
			t.Target = Ref{Kind: Builtin, Name: "any"}
			return
		}
		if u == nil || u.Kind != Alias && u.Kind != Defined {
			return
		}
		r = u.Target
	}
}

func str(n *yaml.Node, key string) string {
	v, _ := spec.ScalarString(spec.Get(n, key))
	return v
}

// schemaType reads the type keyword (the first non-null of a 3.1 list).
func schemaType(n *yaml.Node) (string, bool) {
	t := spec.Get(n, "type")
	if t == nil {
		return "", false
	}
	if t.Kind == yaml.SequenceNode {
		nullable := false
		first := ""
		for _, c := range t.Content {
			if c.Value == "null" {
				nullable = true
			} else if first == "" {
				first = c.Value
			}
		}
		return first, nullable
	}
	return t.Value, false
}

// typeList is the non-null types of a 3.1 type list (type: [integer,
// string, null]), integer before number so a whole number stays exact, in
// the order they are tried: integer, number, boolean, string, array, object.
func typeList(n *yaml.Node) []string {
	t := spec.Get(n, "type")
	if t == nil || t.Kind != yaml.SequenceNode {
		return nil
	}
	has := map[string]bool{}
	for _, c := range t.Content {
		has[c.Value] = true
	}
	var out []string
	for _, k := range []string{"integer", "number", "boolean", "string", "array", "object"} {
		if has[k] {
			out = append(out, k)
		}
	}
	return out
}

// typeUnion builds a schema of several types (type: [integer, string]) as
// a Union with one variant per type, tried in typeList's order: every
// listed type decodes.
func (b *builder) typeUnion(d spec.Node, hint string, types []string) Ref {
	t := b.newType(d, hint, Union)
	n := newNamer("Raw")
	for _, k := range types {
		var r Ref
		switch k {
		case "integer":
			r = Ref{Kind: Builtin, Name: intType(d.Node)}
		case "number":
			r = Ref{Kind: Builtin, Name: "float64"}
		case "boolean":
			r = Ref{Kind: Builtin, Name: "bool"}
		case "string":
			r = Ref{Kind: Builtin, Name: "string"}
		case "array":
			elem := Ref{Kind: Builtin, Name: "any"}
			if items := spec.Get(d.Node, "items"); items != nil {
				elem = b.ref(spec.Node{File: d.File, Node: items}, t.Name+"Item")
			}
			r = Ref{Kind: Slice, Elem: &elem}
		case "object":
			r = b.mapOf(d, t.Name)
		}
		t.Variants = append(t.Variants, &Variant{Name: n.take(goName(builtinWord(r))), Type: r})
	}
	return Ref{Kind: Named, Name: t.Name}
}

// schema builds the type for a dereferenced schema node.
func (b *builder) schema(d spec.Node, hint string, isNamed bool) Ref {
	m := d.Node
	if m.Kind != yaml.MappingNode {
		return Ref{Kind: Builtin, Name: "any"}
	}
	// allOf: [{$ref: X}] with nothing else of substance is X itself.
	if all := spec.Get(m, "allOf"); all != nil && len(all.Content) == 1 && spec.Get(m, "properties") == nil && !isNamed {
		return b.ref(spec.Node{File: d.File, Node: all.Content[0]}, hint)
	}
	// allOf: [{$ref: X}, {description, nullable, …}] — one member of
	// substance, the others only documenting — is X, not a copy of X: inline
	// it is X itself, named it is an alias of X.
	if all := spec.Get(m, "allOf"); all != nil && annotationOnly(m, "allOf") {
		var only *yaml.Node
		count := 0
		for _, c := range all.Content {
			cd, err := b.s.Deref(spec.Node{File: d.File, Node: c})
			if err != nil || !annotationOnly(cd.Node) {
				only = c
				count++
			}
		}
		if count == 1 {
			if !isNamed {
				return b.ref(spec.Node{File: d.File, Node: only}, hint)
			}
			t := b.newType(d, hint, Alias)
			t.Target = b.ref(spec.Node{File: d.File, Node: only}, hint+"Target")
			b.breakLoop(t)
			return Ref{Kind: Named, Name: t.Name}
		}
	}
	// allOf: [{$ref: an array or scalar}, {description, example}] is that
	// array or scalar with more documentation, not an object.
	if all := spec.Get(m, "allOf"); all != nil && spec.Get(m, "properties") == nil {
		for _, c := range all.Content {
			cn := spec.Node{File: d.File, Node: c}
			cd, err := b.s.Deref(cn)
			if err != nil {
				continue
			}
			if t, _ := schemaType(cd.Node); t != "" && t != "object" && spec.Get(cd.Node, "properties") == nil {
				return b.ref(cn, hint)
			}
		}
	}
	typ, _ := schemaType(m)
	if types := typeList(m); len(types) > 1 && spec.Get(m, "oneOf") == nil && spec.Get(m, "anyOf") == nil {
		return b.typeUnion(d, hint, types)
	}
	switch {
	case spec.Get(m, "oneOf") != nil || spec.Get(m, "anyOf") != nil:
		return b.union(d, hint)
	case spec.Get(m, "enum") != nil && (typ == "string" || typ == "integer" || typ == ""):
		return b.enum(d, hint, typ)
	case typ == "object" || spec.Get(m, "properties") != nil || spec.Get(m, "allOf") != nil:
		if spec.Get(m, "properties") == nil && spec.Get(m, "allOf") == nil {
			return b.mapOf(d, hint)
		}
		return b.object(d, hint)
	case typ == "array":
		items := spec.Get(m, "items")
		if items == nil {
			return Ref{Kind: Slice, Elem: &Ref{Kind: Builtin, Name: "any"}}
		}
		e := b.ref(spec.Node{File: d.File, Node: items}, hint+"Item")
		return Ref{Kind: Slice, Elem: &e}
	case typ == "string":
		switch str(m, "format") {
		case "date-time":
			return Ref{Kind: Builtin, Name: "time.Time"}
		case "binary":
			return Ref{Kind: Builtin, Name: "[]byte"}
		}
		return b.alias(d, hint, isNamed, Ref{Kind: Builtin, Name: "string"})
	case typ == "integer":
		return b.alias(d, hint, isNamed, Ref{Kind: Builtin, Name: intType(m)})
	case typ == "number":
		return b.alias(d, hint, isNamed, Ref{Kind: Builtin, Name: "float64"})
	case typ == "boolean":
		return b.alias(d, hint, isNamed, Ref{Kind: Builtin, Name: "bool"})
	}
	return Ref{Kind: Builtin, Name: "any"}
}

// intType is int64, or uint64 when the schema allows values past int64.
func intType(m *yaml.Node) string {
	if max := str(m, "maximum"); max != "" {
		if v, ok := new(big.Int).SetString(max, 10); ok && v.Cmp(big.NewInt(1<<62).Lsh(big.NewInt(1<<62), 1)) > 0 {
			return "uint64"
		}
		if v, ok := new(big.Int).SetString(max, 10); ok && !v.IsInt64() {
			return "uint64"
		}
	}
	if str(m, "format") == "int32" {
		return "int32"
	}
	return "int64"
}

// alias gives a named scalar schema its own type name (type Slug = string)
// so the name in the spec shows up in the client; inline scalars stay plain.
func (b *builder) alias(d spec.Node, hint string, isNamed bool, target Ref) Ref {
	if !isNamed {
		return target
	}
	t := b.newType(d, hint, Alias)
	t.Target = target
	return Ref{Kind: Named, Name: t.Name}
}

func (b *builder) newType(d spec.Node, name string, kind TypeKind) *Type {
	if name == "" {
		name = "Anonymous"
	}
	if given, ok := b.names[d.Node]; ok {
		name = given
	} else {
		name = b.namer.take(shortenName(name))
	}
	t := &Type{Name: name, Kind: kind, Origin: d.Pos().String()}
	t.Doc = docOf(b.s, d)
	if str(d.Node, "deprecated") == "true" {
		t.Deprecated = "the spec marks it deprecated."
	}
	b.named[d.Node] = t
	b.byName[name] = t
	b.m.Types = append(b.m.Types, t)
	return t
}

func docOf(s *spec.Spec, n spec.Node) string {
	if v, ok := s.Field(n, "description"); ok {
		if d, ok := spec.ScalarString(v.Node); ok {
			return strings.TrimSpace(d)
		}
	}
	if v, ok := s.Field(n, "title"); ok {
		if d, ok := spec.ScalarString(v.Node); ok {
			return strings.TrimSpace(d)
		}
	}
	return ""
}

func (b *builder) mapOf(d spec.Node, hint string) Ref {
	elem := Ref{Kind: Builtin, Name: "any"}
	if ap := spec.Get(d.Node, "additionalProperties"); ap != nil && ap.Kind == yaml.MappingNode {
		elem = b.ref(spec.Node{File: d.File, Node: ap}, hint+"Value")
	}
	return Ref{Kind: Map, Elem: &elem}
}

func (b *builder) enum(d spec.Node, hint, typ string) Ref {
	t := b.newType(d, hint, Enum)
	t.EnumBase = "string"
	if typ == "integer" {
		t.EnumBase = "int64"
	}
	n := newNamer()
	for _, v := range spec.Get(d.Node, "enum").Content {
		if v.ShortTag() == "!!null" {
			continue
		}
		name := n.take(t.Name + goName(v.Value))
		if goName(v.Value) == "X" {
			name = n.take(t.Name + "Empty")
		}
		t.Values = append(t.Values, EnumValue{Name: name, Value: v.Value})
	}
	return Ref{Kind: Named, Name: t.Name}
}

// nameEnumValues makes enum constants unique in the package: they share
// Go's namespace with types, services, params structs and the runtime, and
// those keep their names. A constant whose name is taken — enum SourceType's
// value "ach_credit_transfer" beside a schema SourceTypeAchCreditTransfer —
// gets a Value suffix (SourceTypeAchCreditTransferValue), then 2, 3, … past
// the names the other constants keep;
// enums are visited in the order of their names, so the result does not
// depend on the order the spec is read in.
func nameEnumValues(m *Model) {
	n := newNamer()
	for _, r := range RuntimeNames() {
		n.used[m.RuntimeName(r)] = true
	}
	for _, t := range m.Types {
		n.used[t.Name] = true
	}
	for _, svc := range m.Services {
		n.used[svc.Name] = true
		for _, o := range svc.Operations {
			if o.ParamsType != "" {
				n.used[o.ParamsType] = true
			}
		}
	}
	// Constants that clash give way to those that do not, so a renamed one
	// takes the next free name.
	var clash []*EnumValue
	for _, t := range m.Types {
		if t.Kind != Enum {
			continue
		}
		for i := range t.Values {
			if v := &t.Values[i]; n.used[v.Name] {
				clash = append(clash, v)
			} else {
				n.used[v.Name] = true
			}
		}
	}
	for _, v := range clash {
		v.Name = n.take(v.Name + "Value")
	}
}

// props is an object's merged properties: allOf members' and its own.
type props struct {
	order    []string
	prop     map[string]spec.Node
	required map[string]bool
}

func (b *builder) collect(d spec.Node, p *props, depth int) {
	if depth > 16 {
		return
	}
	m := d.Node
	if all := spec.Get(m, "allOf"); all != nil {
		for _, c := range all.Content {
			cd, err := b.s.Deref(spec.Node{File: d.File, Node: c})
			if err == nil && cd.Kind == yaml.MappingNode {
				b.collect(cd, p, depth+1)
			}
		}
	}
	if ps, ok := b.s.Field(d, "properties"); ok && ps.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(ps.Content); i += 2 {
			name := ps.Content[i].Value
			if _, ok := p.prop[name]; !ok {
				p.order = append(p.order, name)
			}
			p.prop[name] = spec.Node{File: ps.File, Node: ps.Content[i+1]}
		}
	}
	if req := spec.Get(m, "required"); req != nil {
		for _, r := range req.Content {
			p.required[r.Value] = true
		}
	}
}

func (b *builder) object(d spec.Node, hint string) Ref {
	t := b.newType(d, hint, Struct)
	p := &props{prop: map[string]spec.Node{}, required: map[string]bool{}}
	b.collect(d, p, 0)
	fields := newNamer()
	for _, name := range p.order {
		pn := p.prop[name]
		pd, err := b.s.Deref(pn)
		if err != nil {
			continue
		}
		f := &Field{Name: fields.take(goName(name)), JSONName: name, Required: p.required[name]}
		f.Type = b.ref(pn, t.Name+goName(name))
		f.Nullable = b.nullable(pd, 0)
		f.Optional = !f.Required && !f.Nullable && b.zeroMatters(pd, f.Type)
		f.ReadOnly = str(pd.Node, "readOnly") == "true"
		f.Doc = docOf(b.s, pn)
		if f.Doc == "" {
			f.Doc = docOf(b.s, pd)
		}
		if str(pd.Node, "deprecated") == "true" {
			f.Deprecated = "the spec marks it deprecated."
		}
		t.Fields = append(t.Fields, f)
	}
	return Ref{Kind: Named, Name: t.Name}
}

// nullable reports whether a schema allows null: nullable: true, a 3.1
// type list with "null", or an allOf whose members all allow it, at least
// one saying so and the others only documenting (allOf: [{$ref: a nullable
// schema}, {description: …}]).
func (b *builder) nullable(d spec.Node, depth int) bool {
	if _, null31 := schemaType(d.Node); null31 || str(d.Node, "nullable") == "true" {
		return true
	}
	all := spec.Get(d.Node, "allOf")
	if all == nil || depth > 16 || !annotationOnly(d.Node, "allOf") {
		return false
	}
	some := false
	for _, c := range all.Content {
		cd, err := b.s.Deref(spec.Node{File: d.File, Node: c})
		switch {
		case err != nil:
			return false
		case b.nullable(cd, depth+1):
			some = true
		case !annotationOnly(cd.Node):
			return false
		}
	}
	return some
}

// envelopeField is the Go name of the one field of o's result when the
// result is only an envelope around it ({"droplet": {…}}), so the method can
// return the droplet; "" otherwise. Lists that page keep their result: the
// iterator reads the items from it.
func (b *builder) envelopeField(o *Operation) string {
	if o.Result == nil || o.Result.Kind != Named || o.Pages != nil || o.Stream {
		return ""
	}
	t := b.byName[o.Result.Name]
	if t == nil || t.Kind != Struct || len(t.Fields) != 1 {
		return ""
	}
	if f := t.Fields[0]; !f.Nullable && !f.Optional && !f.Pointer {
		return f.Name
	}
	return ""
}

// zeroMatters reports whether the Go zero value of a scalar field is a
// value a client may need to send rather than "absent": always for a
// boolean, and for any scalar whose schema default is not the zero value.
func (b *builder) zeroMatters(d spec.Node, r Ref) bool {
	base := r
	for i := 0; base.Kind == Named && i < 16; i++ {
		t := b.byName[base.Name]
		switch {
		case t == nil:
			return false
		case t.Kind == Enum:
			base = Ref{Kind: Builtin, Name: t.EnumBase}
		case t.Kind == Alias:
			base = t.Target
		default:
			return false
		}
	}
	if base.Kind != Builtin {
		return false
	}
	if base.Name == "bool" {
		return true
	}
	def := spec.Get(d.Node, "default")
	if def == nil || def.Kind != yaml.ScalarNode || def.ShortTag() == "!!null" {
		return false
	}
	switch base.Name {
	case "string":
		return def.Value != ""
	case "int32", "int64", "uint64", "float64":
		f, err := strconv.ParseFloat(def.Value, 64)
		return err == nil && f != 0
	}
	return false
}

// annotationKeys are the schema keywords that document a value without
// constraining it.
var annotationKeys = map[string]bool{
	"description": true, "title": true, "example": true, "examples": true, "default": true,
	"deprecated": true, "readOnly": true, "writeOnly": true, "externalDocs": true,
}

// annotationOnly reports whether schema m has no keyword but annotations,
// x- extensions and the keywords in also.
func annotationOnly(m *yaml.Node, also ...string) bool {
	if m == nil || m.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i].Value
		if !annotationKeys[k] && !strings.HasPrefix(k, "x-") && !slices.Contains(also, k) {
			return false
		}
	}
	return true
}

func (b *builder) union(d spec.Node, hint string) Ref {
	t := b.newType(d, hint, Union)
	list := spec.Get(d.Node, "oneOf")
	if list == nil {
		list = spec.Get(d.Node, "anyOf")
	}
	if disc := spec.Get(d.Node, "discriminator"); disc != nil {
		t.Discriminator = str(disc, "propertyName")
	}
	var implicit []string
	if t.Discriminator == "" {
		t.Discriminator, implicit = b.implicitDiscriminator(d.File, list)
	}
	n := newNamer("Raw")
	byNode := map[*yaml.Node]*Variant{}
	marks := b.variantMarks(d.File, list)
	for i, c := range list.Content {
		cn := spec.Node{File: d.File, Node: c}
		hint, field := t.Name+"Variant"+strconv.Itoa(i+1), ""
		if marks[i] != "" {
			hint, field = t.Name+marks[i], marks[i]
		}
		r := b.ref(cn, hint)
		name := r.Name
		switch {
		case r.Kind != Named:
			name = goName(builtinWord(r))
		case field != "":
			name = field
		}
		v := &Variant{Name: n.take(name), Type: r}
		if cd, err := b.s.Deref(cn); err == nil {
			byNode[cd.Node] = v
		}
		if implicit != nil {
			v.Tags = []string{implicit[i]}
		}
		t.Variants = append(t.Variants, v)
	}
	// Discriminator values: the mapping, else each variant's type name.
	if disc := spec.Get(d.Node, "discriminator"); disc != nil {
		if mapping := spec.Get(disc, "mapping"); mapping != nil {
			for i := 0; i+1 < len(mapping.Content); i += 2 {
				val, target := mapping.Content[i].Value, mapping.Content[i+1]
				var node *yaml.Node
				if r := b.s.MappingRef(target); r != nil && r.Target != nil {
					node = spec.Unalias(r.Target)
				} else if comp := spec.Get(spec.Get(spec.Get(b.s.Root.Doc, "components"), "schemas"), target.Value); comp != nil {
					if cd, err := b.s.Deref(spec.Node{File: b.s.Root, Node: comp}); err == nil {
						node = cd.Node
					}
				}
				if v := byNode[node]; v != nil {
					v.Tags = append(v.Tags, val)
				}
			}
		}
	}
	return Ref{Kind: Named, Name: t.Name}
}

// implicitDiscriminator finds, for a oneOf/anyOf without a discriminator,
// a property that tells its variants apart: every variant is an object
// whose schema fixes the property to one string (const, or an enum of one
// value), each to another — OpenAI's chat messages, whose role is
// "developer", "system", "user"… The first such property, in the order of
// the first variant's properties, and each variant's value; "" and nil
// when there is none.
func (b *builder) implicitDiscriminator(file *spec.File, list *yaml.Node) (string, []string) {
	if list == nil || len(list.Content) < 2 {
		return "", nil
	}
	fixed := make([]map[string]string, len(list.Content))
	var order []string
	for i, c := range list.Content {
		d, err := b.s.Deref(spec.Node{File: file, Node: c})
		if err != nil || d.Kind != yaml.MappingNode {
			return "", nil
		}
		p := &props{prop: map[string]spec.Node{}, required: map[string]bool{}}
		b.collect(d, p, 0)
		fixed[i] = map[string]string{}
		for _, name := range p.order {
			pd, err := b.s.Deref(p.prop[name])
			if err != nil {
				continue
			}
			if v, ok := fixedString(pd.Node); ok {
				fixed[i][name] = v
			}
		}
		if i == 0 {
			order = p.order
		}
	}
candidates:
	for _, name := range order {
		seen := map[string]bool{}
		values := make([]string, len(fixed))
		for i, f := range fixed {
			v, ok := f[name]
			if !ok || seen[v] {
				continue candidates
			}
			seen[v] = true
			values[i] = v
		}
		if validJSONName(name) {
			return name, values
		}
	}
	return "", nil
}

// fixedString is the one string a schema allows: const, or an enum of a
// single value.
func fixedString(n *yaml.Node) (string, bool) {
	if c := spec.Get(n, "const"); c != nil && c.Kind == yaml.ScalarNode && c.ShortTag() == "!!str" {
		return c.Value, true
	}
	if e := spec.Get(n, "enum"); e != nil && e.Kind == yaml.SequenceNode && len(e.Content) == 1 &&
		e.Content[0].Kind == yaml.ScalarNode && e.Content[0].ShortTag() == "!!str" {
		return e.Content[0].Value, true
	}
	return "", false
}

// variantMarks names the inline object variants of a oneOf/anyOf by what
// sets them apart, so a user reads res.Droplet, not res.Variant1: the
// variant's title, else the first of its properties no other variant has.
// Variants written as a $ref keep their schema's name ("" here), and so do
// those with nothing of their own.
func (b *builder) variantMarks(file *spec.File, list *yaml.Node) []string {
	props := make([][]string, len(list.Content))
	count := map[string]int{}
	for i, c := range list.Content {
		// A $ref variant's properties count too: they set no other apart.
		d, err := b.s.Deref(spec.Node{File: file, Node: c})
		if err != nil {
			continue
		}
		if ps := spec.Get(d.Node, "properties"); ps != nil && ps.Kind == yaml.MappingNode {
			for j := 0; j+1 < len(ps.Content); j += 2 {
				props[i] = append(props[i], ps.Content[j].Value)
				count[ps.Content[j].Value]++ // keys are unique: the loader refuses duplicates
			}
		}
	}
	marks := make([]string, len(list.Content))
	seen := map[string]int{}
	for i, c := range list.Content {
		if b.s.Ref(c) != nil || c.Kind != yaml.MappingNode {
			continue
		}
		if title := str(c, "title"); title != "" {
			marks[i] = goName(title)
		}
		for _, p := range props[i] {
			if marks[i] == "" && count[p] == 1 {
				marks[i] = goName(p)
			}
		}
		seen[marks[i]]++
	}
	// Two marks alike would make two fields alike: keep the numbered names.
	for i, m := range marks {
		if m != "" && seen[m] > 1 {
			marks[i] = ""
		}
	}
	return marks
}

func builtinWord(r Ref) string {
	switch r.Kind {
	case Slice:
		return builtinWord(*r.Elem) + "List"
	case Map:
		return builtinWord(*r.Elem) + "Map"
	}
	switch r.Name {
	case "time.Time":
		return "Time"
	case "[]byte":
		return "Bytes"
	}
	return r.Name
}

// markPointers makes struct fields that would embed their own type by value
// (a recursive schema) pointers, which Go needs.
func markPointers(m *Model) {
	byName := map[string]*Type{}
	for _, t := range m.Types {
		byName[t.Name] = t
	}
	var reaches func(from, to string, seen map[string]bool) bool
	reaches = func(from, to string, seen map[string]bool) bool {
		if from == to {
			return true
		}
		if seen[from] {
			return false
		}
		seen[from] = true
		t := byName[from]
		if t == nil || t.Kind != Struct {
			return false
		}
		for _, f := range t.Fields {
			if f.Type.Kind == Named && !f.Pointer && reaches(f.Type.Name, to, seen) {
				return true
			}
		}
		return false
	}
	for _, t := range m.Types {
		for _, f := range t.Fields {
			if f.Type.Kind == Named && byName[f.Type.Name] != nil && byName[f.Type.Name].Kind == Struct &&
				reaches(f.Type.Name, t.Name, map[string]bool{}) {
				f.Pointer = true
			}
		}
	}
}
