package gen

import (
	"strconv"

	"github.com/dave/jennifer/jen"
)

// This file renders types.go: every m.Types entry. Each function renders
// one declaration; the Go it renders is in the comment above it.

// typesFile renders types.go.
func (e *emitter) typesFile() *jen.File {
	f := e.newFile()
	for _, t := range e.m.Types {
		var decls []jen.Code
		switch t.Kind {
		case Struct:
			decls = append([]jen.Code{e.structDecl(t)}, e.oddFieldMethods(t)...)
		case Enum:
			decls = e.enumDecls(t)
		case Union:
			decls = e.unionDecls(t)
		case Alias:
			decls = []jen.Code{e.aliasDecl(t)}
		case Defined:
			decls = []jen.Code{e.definedDecl(t)}
		}
		for _, d := range decls {
			f.Add(d)
			f.Line()
		}
	}
	return f
}

// typeDoc is the comment of a type: the first paragraph of its Doc (or a
// default), where the schema is written, and a Deprecated: paragraph.
func (e *emitter) typeDoc(t *Type, fallback string) string {
	first := docFirst(t.Doc)
	if first == "" {
		first = fallback
	}
	return docText(declWidth, first, originPara(t), deprecatedPara(t.Deprecated))
}

// fieldType is the Go type of a struct field: T, *T (Pointer),
// Nullable[T] or Optional[T].
func (e *emitter) fieldType(f *Field) *jen.Statement {
	switch {
	case f.Pointer:
		return jen.Op("*").Add(e.typ(f.Type))
	case f.Nullable:
		return jen.Id(e.m.RuntimeName("Nullable")).Types(e.typ(f.Type))
	case f.Optional:
		return jen.Id(e.m.RuntimeName("Optional")).Types(e.typ(f.Type))
	}
	return e.typ(f.Type)
}

// jsonTag is a field's json tag: name for a required field; for an
// optional (or read-only) one omitzero on a Nullable and on structs, unions
// and times (where omitempty does nothing), omitempty otherwise.
func (e *emitter) jsonTag(f *Field) string {
	if f.Required && !f.ReadOnly {
		return f.JSONName
	}
	switch {
	case f.Pointer:
		return f.JSONName + ",omitempty"
	case f.Nullable, f.Optional:
		return f.JSONName + ",omitzero"
	}
	switch e.kind(f.Type) {
	case kindStruct, kindUnion, kindTime:
		return f.JSONName + ",omitzero"
	}
	return f.JSONName + ",omitempty"
}

// structDecl renders a Struct:
//
//	// Droplet is a virtual machine.
//	//
//	// Schema: models/droplet.yml:1:1.
//	type Droplet struct {
//		// ID identifies the droplet.
//		ID       int64              `json:"id"`
//		Name     string             `json:"name,omitempty"`
//		Locked   Nullable[bool]     `json:"locked,omitzero"`
//		Created  time.Time          `json:"created_at,omitzero"`
//		Tags     []string           `json:"tags,omitempty"`
//		Next     *Droplet           `json:"next,omitempty"`
//	}
func (e *emitter) structDecl(t *Type) jen.Code {
	return withDoc(e.typeDoc(t, t.Name+" is an object of the API."),
		jen.Type().Id(t.Name).StructFunc(func(g *jen.Group) {
			for _, f := range t.Fields {
				if doc := docText(fieldWidth, docFirst(f.Doc), deprecatedPara(f.Deprecated)); doc != "" {
					g.Comment(doc)
				}
				if !validJSONName(f.JSONName) {
					g.Id(f.Name).Add(e.fieldType(f)).Tag(map[string]string{"json": "-"}).Comment("JSON name " + strconv.Quote(f.JSONName) + ": see MarshalJSON")
					continue
				}
				g.Id(f.Name).Add(e.fieldType(f)).Tag(map[string]string{"json": e.jsonTag(f)})
			}
		}))
}

// oddFieldMethods renders MarshalJSON and UnmarshalJSON for a struct with
// fields whose JSON names cannot stand in a struct tag ("", names with a
// quote or a backquote): those fields are tagged json:"-" and carried by
// the methods; nil when the struct has none.
//
//	// MarshalJSON encodes v with the fields whose JSON names a struct tag
//	// cannot hold.
//	func (v Thing) MarshalJSON() ([]byte, error) {
//		type plain Thing
//		data, err := json.Marshal(plain(v))
//		if err != nil {
//			return nil, err
//		}
//		out := map[string]json.RawMessage{}
//		if err := json.Unmarshal(data, &out); err != nil {
//			return nil, err
//		}
//		if !reflect.ValueOf(v.Odd).IsZero() { // optional fields only
//			if out["`+"`"+`odd"], err = json.Marshal(v.Odd); err != nil {
//				return nil, err
//			}
//		}
//		return json.Marshal(out)
//	}
//
//	// UnmarshalJSON decodes data into v, with the fields whose JSON names a
//	// struct tag cannot hold.
//	func (v *Thing) UnmarshalJSON(data []byte) error {
//		type plain Thing
//		if err := json.Unmarshal(data, (*plain)(v)); err != nil {
//			return err
//		}
//		var raw map[string]json.RawMessage
//		if err := json.Unmarshal(data, &raw); err != nil {
//			return err
//		}
//		if r, ok := raw["`+"`"+`odd"]; ok {
//			if err := json.Unmarshal(r, &v.Odd); err != nil {
//				return fmt.Errorf("field %q: %w", "`+"`"+`odd", err)
//			}
//		}
//		return nil
//	}
func (e *emitter) oddFieldMethods(t *Type) []jen.Code {
	var odd []*Field
	for _, f := range t.Fields {
		if !validJSONName(f.JSONName) {
			odd = append(odd, f)
		}
	}
	if len(odd) == 0 {
		return nil
	}
	errRet := jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err()))
	marshal := []jen.Code{
		jen.Type().Id("plain").Id(t.Name),
		jen.List(jen.Id("data"), jen.Err()).Op(":=").Qual(pkgJSON, "Marshal").Call(jen.Id("plain").Call(jen.Id("v"))),
		errRet,
		jen.Id("out").Op(":=").Map(jen.String()).Qual(pkgJSON, "RawMessage").Values(),
		jen.If(jen.Err().Op(":=").Qual(pkgJSON, "Unmarshal").Call(jen.Id("data"), jen.Op("&").Id("out")), jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Nil(), jen.Err())),
	}
	unmarshal := []jen.Code{
		jen.Type().Id("plain").Id(t.Name),
		jen.If(jen.Err().Op(":=").Qual(pkgJSON, "Unmarshal").Call(jen.Id("data"), jen.Parens(jen.Op("*").Id("plain")).Call(jen.Id("v"))), jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Err())),
		jen.Var().Id("raw").Map(jen.String()).Qual(pkgJSON, "RawMessage"),
		jen.If(jen.Err().Op(":=").Qual(pkgJSON, "Unmarshal").Call(jen.Id("data"), jen.Op("&").Id("raw")), jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Err())),
	}
	for _, f := range odd {
		x := jen.Id("v").Dot(f.Name)
		put := jen.If(jen.List(jen.Id("out").Index(jen.Lit(f.JSONName)), jen.Err()).Op("=").Qual(pkgJSON, "Marshal").Call(x.Clone()), jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Nil(), jen.Err()))
		if f.Required && !f.ReadOnly {
			marshal = append(marshal, put)
		} else {
			var zero *jen.Statement
			switch {
			case f.Pointer:
				zero = x.Clone().Op("!=").Nil()
			case !f.Nullable && !f.Optional && (e.kind(f.Type) == kindSlice || e.kind(f.Type) == kindMap):
				zero = jen.Len(x.Clone()).Op(">").Lit(0)
			default:
				zero = jen.Op("!").Qual("reflect", "ValueOf").Call(x.Clone()).Dot("IsZero").Call()
			}
			marshal = append(marshal, jen.If(zero).Block(put))
		}
		unmarshal = append(unmarshal, jen.If(jen.List(jen.Id("r"), jen.Id("ok")).Op(":=").Id("raw").Index(jen.Lit(f.JSONName)), jen.Id("ok")).Block(
			jen.If(jen.Err().Op(":=").Qual(pkgJSON, "Unmarshal").Call(jen.Id("r"), jen.Op("&").Add(x.Clone())), jen.Err().Op("!=").Nil()).Block(
				jen.Return(jen.Qual(pkgFmt, "Errorf").Call(jen.Lit("field %q: %w"), jen.Lit(f.JSONName), jen.Err())))))
	}
	marshal = append(marshal, jen.Return(jen.Qual(pkgJSON, "Marshal").Call(jen.Id("out"))))
	unmarshal = append(unmarshal, jen.Return(jen.Nil()))
	return []jen.Code{
		withDoc(docText(declWidth, "MarshalJSON encodes v with the fields whose JSON names a struct tag cannot hold."),
			jen.Func().Params(jen.Id("v").Id(t.Name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(marshal...)),
		withDoc(docText(declWidth, "UnmarshalJSON decodes data into v, with the fields whose JSON names a struct tag cannot hold."),
			jen.Func().Params(jen.Id("v").Op("*").Id(t.Name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(unmarshal...)),
	}
}

// enumGoType is the Go type of an Enum: string, int64 or float64.
func enumGoType(t *Type) string {
	if t.EnumBase == "" {
		return "string"
	}
	return t.EnumBase
}

// enumLit renders a value of an Enum: "active" or 3.
func enumLit(t *Type, v EnumValue) jen.Code {
	if enumGoType(t) == "string" {
		return jen.Lit(v.Value)
	}
	return jen.Op(v.Value)
}

// enumDecls renders an Enum:
//
//	// DropletStatus is the state of a droplet.
//	type DropletStatus string
//
//	// The DropletStatus values the spec lists. Others decode too: check
//	// with Known.
//	const (
//		DropletStatusNew    DropletStatus = "new"
//		DropletStatusActive DropletStatus = "active"
//	)
//
//	// Known reports whether v is one of the values the spec lists.
//	func (v DropletStatus) Known() bool {
//		switch v {
//		case DropletStatusNew, DropletStatusActive:
//			return true
//		}
//		return false
//	}
func (e *emitter) enumDecls(t *Type) []jen.Code {
	decls := []jen.Code{
		withDoc(e.typeDoc(t, t.Name+" is one of the values below (or a value a newer API added)."),
			jen.Type().Id(t.Name).Id(enumGoType(t))),
	}
	if len(t.Values) > 0 {
		decls = append(decls, withDoc(docText(declWidth, "The "+t.Name+" values the spec lists. Others decode too: check with Known."),
			jen.Const().DefsFunc(func(g *jen.Group) {
				for _, v := range t.Values {
					g.Id(v.Name).Id(t.Name).Op("=").Add(enumLit(t, v))
				}
			})))
	}
	seen := map[string]bool{}
	var known []jen.Code
	for _, v := range t.Values {
		if !seen[v.Value] {
			seen[v.Value] = true
			known = append(known, jen.Id(v.Name))
		}
	}
	body := []jen.Code{jen.Return(jen.False())}
	if len(known) > 0 {
		body = []jen.Code{
			jen.Switch(jen.Id("v")).Block(jen.Case(known...).Block(jen.Return(jen.True()))),
			jen.Return(jen.False()),
		}
	}
	decls = append(decls, withDoc("// Known reports whether v is one of the values the spec lists.",
		jen.Func().Params(jen.Id("v").Id(t.Name)).Id("Known").Params().Bool().Block(body...)))
	return decls
}

// aliasDecl renders an Alias:
//
//	// DropletID names an int64.
//	type DropletID = int64
func (e *emitter) aliasDecl(t *Type) jen.Code {
	return withDoc(e.typeDoc(t, t.Name+" is another name of the type it is set to."),
		jen.Type().Id(t.Name).Op("=").Add(e.typ(t.Target)))
}

// definedDecl renders a Defined type:
//
//	// Tree is a list of Tree.
//	type Tree []Tree
func (e *emitter) definedDecl(t *Type) jen.Code {
	return withDoc(e.typeDoc(t, t.Name+" is a type that contains itself."),
		jen.Type().Id(t.Name).Add(e.typ(t.Target)))
}

// unionDecls renders a Union: the struct, MarshalJSON and UnmarshalJSON.
func (e *emitter) unionDecls(t *Type) []jen.Code {
	e.used["union"] = true
	if t.Discriminator != "" {
		e.used["discriminated"] = true
		e.used["unmarshalVariant"] = true
	} else {
		e.used["undiscriminated"] = true
	}
	return []jen.Code{e.unionStruct(t), e.unionMarshal(t), e.unionUnmarshal(t)}
}

// unionStruct renders:
//
//	// Shape is one of Circle, Square: set exactly one field.
//	type Shape struct {
//		Circle *Circle
//		Square *Square
//		// Raw is the JSON received when no variant matched (a newer API may
//		// send shapes this client does not know). MarshalJSON sends it when
//		// no variant is set.
//		Raw json.RawMessage
//	}
func (e *emitter) unionStruct(t *Type) jen.Code {
	names := ""
	for i, v := range t.Variants {
		if i > 0 {
			names += ", "
		}
		names += v.Name
	}
	how := "variants are tried in order and the first that decodes with no unknown fields wins"
	if t.Discriminator != "" {
		how = "the " + quoteDoc(t.Discriminator) + " property picks the variant"
	}
	fallback := t.Name + " is one of " + names + ": set exactly one field. When decoding, " + how + "."
	doc := e.typeDoc(t, fallback)
	if docFirst(t.Doc) != "" {
		doc = docText(declWidth, docFirst(t.Doc), fallback, originPara(t), deprecatedPara(t.Deprecated))
	}
	return withDoc(doc, jen.Type().Id(t.Name).StructFunc(func(g *jen.Group) {
		for _, v := range t.Variants {
			g.Id(v.Name).Op("*").Add(e.typ(v.Type))
		}
		g.Comment(docText(fieldWidth, "Raw is the JSON received when no variant matched (a newer API may send "+
			"shapes this client does not know). MarshalJSON sends it when no variant is set."))
		g.Id("Raw").Qual(pkgJSON, "RawMessage")
	}))
}

// originPara is the "Schema: …" paragraph of a type, or "".
func originPara(t *Type) string {
	if t.Origin == "" {
		return ""
	}
	return "Schema: " + t.Origin + "."
}

// unionMarshal renders:
//
//	// MarshalJSON encodes the variant that is set.
//	func (u Shape) MarshalJSON() ([]byte, error) {
//		switch {
//		case countSet(u.Circle != nil, u.Square != nil) > 1:
//			return nil, errors.New("Shape: more than one variant set")
//		case u.Circle != nil:
//			return marshalVariant(u.Circle, "type", "circle")
//		case u.Square != nil:
//			return marshalVariant(u.Square, "type", "square")
//		case u.Raw != nil:
//			return u.Raw, nil
//		}
//		return nil, errors.New("Shape: no variant set")
//	}
//
// The discriminator ("type") and its first tag are "" for a variant
// without tags and in unions without a discriminator.
func (e *emitter) unionMarshal(t *Type) jen.Code {
	var set []jen.Code
	for _, v := range t.Variants {
		set = append(set, jen.Id("u").Dot(v.Name).Op("!=").Nil())
	}
	return withDoc("// MarshalJSON encodes the variant that is set.",
		jen.Func().Params(jen.Id("u").Id(t.Name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
			jen.Switch().BlockFunc(func(g *jen.Group) {
				g.Case(jen.Id("countSet").Call(set...).Op(">").Lit(1)).Block(
					jen.Return(jen.Nil(), jen.Qual(pkgErrors, "New").Call(jen.Lit(t.Name+": more than one variant set"))))
				for _, v := range t.Variants {
					key, tag := "", ""
					if t.Discriminator != "" && len(v.Tags) > 0 {
						key, tag = t.Discriminator, v.Tags[0]
					}
					g.Case(jen.Id("u").Dot(v.Name).Op("!=").Nil()).Block(
						jen.Return(jen.Id("marshalVariant").Call(jen.Id("u").Dot(v.Name), jen.Lit(key), jen.Lit(tag))))
				}
				g.Case(jen.Id("u").Dot("Raw").Op("!=").Nil()).Block(jen.Return(jen.Id("u").Dot("Raw"), jen.Nil()))
			}),
			jen.Return(jen.Nil(), jen.Qual(pkgErrors, "New").Call(jen.Lit(t.Name+": no variant set"))),
		))
}

// unionUnmarshal renders, with a discriminator:
//
//	// UnmarshalJSON picks the variant by the "type" property; an unknown
//	// value leaves every variant nil and the JSON in Raw.
//	func (u *Shape) UnmarshalJSON(data []byte) error {
//		if isNullJSON(data) {
//			return nil
//		}
//		tag, err := discriminatorOf(data, "type")
//		if err != nil {
//			return err
//		}
//		*u = Shape{}
//		switch tag {
//		case "circle":
//			return unmarshalVariant(data, &u.Circle)
//		case "square":
//			return unmarshalVariant(data, &u.Square)
//		}
//		u.Raw = append(json.RawMessage(nil), data...)
//		return nil
//	}
//
// and without one:
//
//	// UnmarshalJSON takes the first variant, in order, that decodes with no
//	// unknown fields; when none does, every variant is nil and the JSON is in Raw.
//	func (u *Shape) UnmarshalJSON(data []byte) error {
//		if isNullJSON(data) {
//			return nil
//		}
//		*u = Shape{}
//		switch {
//		case hasKeys(data, "radius") && tryVariant(data, &u.Circle): // its required keys
//		case tryVariant(data, &u.Square):
//		default:
//			u.Raw = append(json.RawMessage(nil), data...)
//		}
//		return nil
//	}
//
// looseSwitch renders the fallback of an undiscriminated union whose
// variants include objects, nil when none is one:
//
//	switch looseVariant(data, [][]string{{"radius", "type"}, nil}, [][]string{{"radius"}, nil}) {
//	case 0:
//		if unmarshalVariant(data, &u.Circle) != nil {
//			u.Circle = nil
//			u.Raw = append(json.RawMessage(nil), data...)
//		}
//	default:
//		u.Raw = append(json.RawMessage(nil), data...)
//	}
func (e *emitter) looseSwitch(t *Type, keep jen.Code) jen.Code {
	var known, required []jen.Code
	objects := false
	for _, v := range t.Variants {
		st := e.structOf(v.Type)
		if st == nil {
			known, required = append(known, jen.Nil()), append(required, jen.Nil())
			continue
		}
		objects = true
		var k, r []jen.Code
		for _, f := range st.Fields {
			k = append(k, jen.Lit(f.JSONName))
			if f.Required {
				r = append(r, jen.Lit(f.JSONName))
			}
		}
		known, required = append(known, jen.Values(k...)), append(required, jen.Values(r...))
	}
	if !objects {
		return nil
	}
	e.used["loose"] = true
	e.used["unmarshalVariant"] = true
	return jen.Switch(jen.Id("looseVariant").Call(jen.Id("data"),
		jen.Index().Index().String().Values(known...), jen.Index().Index().String().Values(required...))).BlockFunc(func(g *jen.Group) {
		for i, v := range t.Variants {
			if e.structOf(v.Type) == nil {
				continue
			}
			g.Case(jen.Lit(i)).Block(
				jen.If(jen.Id("unmarshalVariant").Call(jen.Id("data"), jen.Op("&").Id("u").Dot(v.Name)).Op("!=").Nil()).Block(
					jen.Id("u").Dot(v.Name).Op("=").Nil(),
					keep,
				),
			)
		}
		g.Default().Block(keep)
	})
}

// requiredKeys are the JSON names of the required fields of the struct r
// names, as literals; nil for other types.
func (e *emitter) requiredKeys(r Ref) []jen.Code {
	st := e.structOf(r)
	if st == nil {
		return nil
	}
	var keys []jen.Code
	for _, f := range st.Fields {
		if f.Required {
			keys = append(keys, jen.Lit(f.JSONName))
		}
	}
	return keys
}

func (e *emitter) unionUnmarshal(t *Type) jen.Code {
	keep := jen.Id("u").Dot("Raw").Op("=").Append(jen.Qual(pkgJSON, "RawMessage").Call(jen.Nil()), jen.Id("data").Op("..."))
	body := []jen.Code{
		jen.If(jen.Id("isNullJSON").Call(jen.Id("data"))).Block(jen.Return(jen.Nil())),
	}
	var doc string
	if t.Discriminator != "" {
		doc = docText(declWidth, "UnmarshalJSON picks the variant by the "+quoteDoc(t.Discriminator)+
			" property; an unknown value leaves every variant nil and the JSON in Raw.")
		seen := map[string]bool{}
		body = append(body,
			jen.List(jen.Id("tag"), jen.Err()).Op(":=").Id("discriminatorOf").Call(jen.Id("data"), jen.Lit(t.Discriminator)),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
			jen.Op("*").Id("u").Op("=").Id(t.Name).Values(),
			jen.Switch(jen.Id("tag")).BlockFunc(func(g *jen.Group) {
				for _, v := range t.Variants {
					var tags []jen.Code
					for _, tag := range v.Tags {
						if !seen[tag] {
							seen[tag] = true
							tags = append(tags, jen.Lit(tag))
						}
					}
					if len(tags) > 0 {
						g.Case(tags...).Block(jen.Return(jen.Id("unmarshalVariant").Call(jen.Id("data"), jen.Op("&").Id("u").Dot(v.Name))))
					}
				}
			}),
			keep,
			jen.Return(jen.Nil()),
		)
	} else {
		doc = docText(declWidth, "UnmarshalJSON takes the first variant, in order, that decodes with no unknown fields. "+
			"When none does (a server may send fields the spec does not list yet), it takes the object variant that "+
			"knows most of the keys among those whose required keys are all present, ignoring the rest; "+
			"failing that, every variant is nil and the JSON is in Raw.")
		fallback := []jen.Code{keep}
		if loose := e.looseSwitch(t, keep); loose != nil {
			fallback = []jen.Code{loose}
		}
		body = append(body,
			jen.Op("*").Id("u").Op("=").Id(t.Name).Values(),
			jen.Switch().BlockFunc(func(g *jen.Group) {
				for _, v := range t.Variants {
					try := jen.Id("tryVariant").Call(jen.Id("data"), jen.Op("&").Id("u").Dot(v.Name))
					// A variant whose required keys are missing is passed over.
					if keys := e.requiredKeys(v.Type); len(keys) > 0 {
						e.used["hasKeys"] = true
						try = jen.Id("hasKeys").Call(append([]jen.Code{jen.Id("data")}, keys...)...).Op("&&").Add(try)
					}
					g.Case(try)
				}
				g.Default().Block(fallback...)
			}),
			jen.Return(jen.Nil()),
		)
	}
	return withDoc(doc, jen.Func().Params(jen.Id("u").Op("*").Id(t.Name)).Id("UnmarshalJSON").
		Params(jen.Id("data").Index().Byte()).Error().Block(body...))
}
