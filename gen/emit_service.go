package gen

import (
	"errors"
	"fmt"
	"go/token"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"
)

// This file renders one file per service: the service type, and per
// operation its params struct, its method and, for paginated lists, the
// iterator over every page. Each function renders one declaration; the Go
// it renders is in the comment above it.

// pageInfo is how an operation's iterator walks its pages, resolved once.
type pageInfo struct {
	items  []string // selectors after res giving the page's items; none when res is the list
	page   *Param   // "page": the page number parameter
	cursor *Param   // "cursor": the parameter carrying the cursor
	next   []string // "cursor": selectors after res giving the next cursor
	conv   bool     // "cursor": the next cursor needs string(…)
	links  bool     // "links": follow links.pages.next
	offset *Param   // "offset": the parameter counting items to skip
	after  *Param   // "after": the parameter carrying the last item's id
	id     []string // "after": selectors after an item giving its id
	more   []string // "after": selectors after res giving has_more
}

// argReserved are names an argument must not take in a generated method:
// the method's locals, the packages and runtime helpers it calls, and Go's
// predeclared identifiers.
var argReserved = map[string]bool{
	"ctx": true, "body": true, "params": true, "s": true, "r": true, "res": true, "resp": true, "err": true,
	"p": true, "yield": true, "item": true, "zero": true, "next": true,
	"context": true, "url": true, "http": true, "iter": true, "errors": true, "fmt": true, "json": true,
	"time": true, "strings": true, "strconv": true, "bytes": true, "io": true, "bufio": true, "rand": true, "reflect": true,
	"request": true, "stream": true, "typedError": true, "errorCase": true, "pathParam": true, "setParam": true, "addList": true, "setJSONParam": true,
	"paramString": true, "cursorValue": true, "server": true, "serverURL": true, "nextPage": true,
	"bool": true, "byte": true, "complex64": true, "complex128": true, "error": true, "float32": true,
	"float64": true, "int": true, "int8": true, "int16": true, "int32": true, "int64": true, "rune": true,
	"string": true, "uint": true, "uint8": true, "uint16": true, "uint32": true, "uint64": true,
	"uintptr": true, "any": true, "comparable": true, "true": true, "false": true, "iota": true, "nil": true,
	"append": true, "cap": true, "clear": true, "close": true, "complex": true, "copy": true, "delete": true,
	"imag": true, "len": true, "make": true, "max": true, "min": true, "new": true, "panic": true,
	"print": true, "println": true, "real": true, "recover": true,
}

// checkOperation reports what in o cannot be rendered, and settles its
// argument names and paging.
func (e *emitter) checkOperation(o *Operation) []string {
	var errs []string
	fail := func(format string, a ...any) { errs = append(errs, fmt.Sprintf(format, a...)) }
	if !token.IsIdentifier(o.Name) {
		fail("method name %q is not a Go identifier", o.Name)
	}
	if o.Method == "" || strings.ContainsAny(o.Method, " \t\r\n") {
		fail("HTTP method %q", o.Method)
	}
	taken := map[string]bool{}
	for _, p := range argParams(o) {
		name := p.Name
		if !token.IsIdentifier(name) {
			name = "arg"
		}
		for token.IsKeyword(name) || argReserved[name] || taken[name] || e.types[name] != nil {
			name += "Arg"
		}
		taken[name] = true
		e.args[p] = name
		if err := e.checkRef(p.Type); err != nil {
			fail("parameter %s: %v", p.WireName, err)
		}
	}
	for _, name := range templateParams(o.Path) {
		if findParam(o.PathParams, name) == nil {
			fail("path %s: no path parameter %q", o.Path, name)
		}
	}
	for _, name := range templateParams(o.ServerURL) {
		if findParam(o.ServerVars, name) == nil {
			fail("server %s: no server variable %q", o.ServerURL, name)
		}
	}
	if len(o.Optional) > 0 && o.ParamsType == "" {
		fail("optional parameters but no ParamsType")
	}
	fields := map[string]bool{}
	for _, p := range o.Optional {
		if !token.IsIdentifier(p.Name) || fields[p.Name] {
			fail("optional parameter %s: field name %q is not a Go identifier or is taken twice", p.WireName, p.Name)
		}
		fields[p.Name] = true
		if err := e.checkRef(p.Type); err != nil {
			fail("parameter %s: %v", p.WireName, err)
		}
	}
	if o.Body != nil {
		if err := e.checkRef(*o.Body); err != nil {
			fail("body: %v", err)
		}
	}
	if o.Result != nil {
		if err := e.checkRef(*o.Result); err != nil {
			fail("result: %v", err)
		} else if o.Unwrap != "" && e.unwrapField(o) == nil {
			fail("result %s has no plain field %s to unwrap", refString(*o.Result), o.Unwrap)
		}
	}
	if o.Pages != nil && len(errs) == 0 {
		if err := e.checkPages(o); err != nil {
			fail("pages: %v", err)
		}
	}
	return errs
}

// validWireName reports whether a parameter name fits a struct tag and a
// Go string.
func validWireName(s string) bool {
	return s != "" && !strings.ContainsAny(s, "`\"\\\r\n\t")
}

// templateParams lists the {names} of a path template, in order.
func templateParams(path string) []string {
	var names []string
	for _, seg := range strings.Split(path, "{")[1:] {
		if j := strings.IndexByte(seg, '}'); j > 0 {
			names = append(names, seg[:j])
		}
	}
	return names
}

// argParams are the parameters an operation method takes as arguments, in
// order: server variables, path parameters, required query and headers.
func argParams(o *Operation) []*Param {
	return append(append(append([]*Param{}, o.ServerVars...), o.PathParams...), o.Required...)
}

// findParam finds a parameter by wire name.
func findParam(ps []*Param, wire string) *Param {
	for _, p := range ps {
		if p.WireName == wire {
			return p
		}
	}
	return nil
}

// checkPages resolves how o's iterator walks its pages.
func (e *emitter) checkPages(o *Operation) error {
	pg := o.Pages
	if o.Stream {
		return errors.New("a stream operation has no pages")
	}
	if o.Result == nil {
		return errors.New("no result to read items from")
	}
	info := &pageInfo{}
	items := *o.Result
	if pg.ItemsField != "" {
		t := e.structOf(*o.Result)
		if t == nil {
			return fmt.Errorf("result %s is not a struct", refString(*o.Result))
		}
		sel, ref, err := e.fieldPath(t, pg.ItemsField)
		if err != nil {
			return err
		}
		info.items, items = sel, ref
	}
	elem, ok := e.sliceElem(items)
	if !ok {
		return fmt.Errorf("items %s are not a slice", refString(items))
	}
	if !refEqual(elem, pg.Item) {
		return fmt.Errorf("the page item is %s but the items are %s", refString(pg.Item), refString(elem))
	}
	switch pg.Style {
	case "page":
		p := findParam(o.Optional, "page")
		if p == nil {
			p = findParam(o.Required, "page")
		}
		if p == nil {
			return errors.New(`style "page" needs a query parameter "page"`)
		}
		if !e.isInteger(p.Type) {
			return fmt.Errorf("parameter page is %s, not an integer", refString(p.Type))
		}
		info.page = p
	case "links":
		if pg.ItemsField == "" && !pg.LinkHeader {
			return errors.New(`style "links" needs a result object holding the items`)
		}
		info.links = true
		if pg.LinkHeader {
			e.used["linkHeader"] = true
		}
	case "cursor":
		var p *Param
		for _, q := range append(append([]*Param{}, o.Optional...), o.Required...) {
			if p == nil && (q.Name == pg.CursorParam || q.WireName == pg.CursorParam) {
				p = q
			}
		}
		if p == nil {
			return fmt.Errorf("no parameter %q for the cursor", pg.CursorParam)
		}
		if !e.isString(p.Type) {
			return fmt.Errorf("cursor parameter %s is %s, not a string", p.WireName, refString(p.Type))
		}
		t := e.structOf(*o.Result)
		if t == nil {
			return fmt.Errorf("result %s is not a struct", refString(*o.Result))
		}
		sel, ref, err := e.fieldPath(t, pg.CursorField)
		if err != nil {
			return err
		}
		if !e.isString(ref) {
			return fmt.Errorf("cursor field %s is %s, not a string", pg.CursorField, refString(ref))
		}
		info.cursor, info.next = p, sel
		info.conv = !(ref.Kind == Builtin && ref.Name == "string")
	case "offset":
		var p *Param
		for _, q := range append(append([]*Param{}, o.Optional...), o.Required...) {
			if q.Name == pg.CursorParam {
				p = q
			}
		}
		if p == nil || !e.isInteger(p.Type) {
			return fmt.Errorf("style \"offset\" needs an integer parameter %q", pg.CursorParam)
		}
		info.offset = p
	case "after":
		var p *Param
		for _, q := range append(append([]*Param{}, o.Optional...), o.Required...) {
			if q.Name == pg.CursorParam {
				p = q
			}
		}
		if p == nil || !e.isString(p.Type) {
			return fmt.Errorf("style \"after\" needs a string parameter %q", pg.CursorParam)
		}
		it := e.structOf(pg.Item)
		rt := e.structOf(*o.Result)
		if it == nil || rt == nil {
			return errors.New(`style "after" needs a struct result and struct items`)
		}
		id, idRef, err := e.fieldPath(it, pg.CursorField)
		if err != nil {
			return err
		}
		if !(idRef.Kind == Builtin && idRef.Name == "string") {
			return fmt.Errorf("item id %s is %s, not a string", pg.CursorField, refString(idRef))
		}
		more, moreRef, err := e.fieldPath(rt, pg.MoreField)
		if err != nil {
			return err
		}
		if !(moreRef.Kind == Builtin && moreRef.Name == "bool") {
			return fmt.Errorf("%s is %s, not a bool", pg.MoreField, refString(moreRef))
		}
		info.after, info.id, info.more = p, id, more
	default:
		return fmt.Errorf("unknown style %q", pg.Style)
	}
	e.pages[o] = info
	return nil
}

// fieldPath resolves a Go path (Links.Pages.Next) in struct t into
// selectors, reading .Value from Nullable fields, and the last field's type.
func (e *emitter) fieldPath(t *Type, path string) ([]string, Ref, error) {
	var sel []string
	segs := strings.Split(path, ".")
	for i, seg := range segs {
		if t == nil {
			return nil, Ref{}, fmt.Errorf("%s: %s is not in a struct", path, seg)
		}
		var f *Field
		for _, x := range t.Fields {
			if x.Name == seg {
				f = x
			}
		}
		if f == nil {
			return nil, Ref{}, fmt.Errorf("%s: %s has no field %s", path, t.Name, seg)
		}
		if f.Pointer {
			return nil, Ref{}, fmt.Errorf("%s: %s.%s is a pointer", path, t.Name, seg)
		}
		sel = append(sel, seg)
		if f.Nullable || f.Optional {
			sel = append(sel, "Value")
		}
		if i == len(segs)-1 {
			return sel, f.Type, nil
		}
		t = e.structOf(f.Type)
	}
	return nil, Ref{}, fmt.Errorf("empty path")
}

// sliceElem is the element type of a slice (through aliases).
func (e *emitter) sliceElem(r Ref) (Ref, bool) {
	for range 64 {
		switch {
		case r.Kind == Slice:
			return *r.Elem, true
		case r.Kind == Named && e.types[r.Name] != nil && e.types[r.Name].Kind == Alias:
			r = e.types[r.Name].Target
		default:
			return Ref{}, false
		}
	}
	return Ref{}, false
}

// refEqual reports whether two Refs name the same type.
func refEqual(a, b Ref) bool {
	if a.Kind != b.Kind || a.Name != b.Name || (a.Elem == nil) != (b.Elem == nil) {
		return false
	}
	return a.Elem == nil || refEqual(*a.Elem, *b.Elem)
}

// refString writes a Ref as Go.
func refString(r Ref) string {
	switch r.Kind {
	case Slice:
		if r.Elem != nil {
			return "[]" + refString(*r.Elem)
		}
	case Map:
		if r.Elem != nil {
			return "map[string]" + refString(*r.Elem)
		}
	}
	return r.Name
}

// serviceFile renders the file of one service.
func (e *emitter) serviceFile(s *Service) *jen.File {
	f := e.newFile()
	f.Add(e.serviceDecl(s))
	f.Line()
	for _, o := range s.Operations {
		if o.ParamsType != "" {
			f.Add(e.paramsDecl(s, o))
			f.Line()
		}
		f.Add(e.opMethod(s, o))
		f.Line()
		if e.pages[o] != nil {
			f.Add(e.opAll(s, o))
			f.Line()
		}
	}
	return f
}

// serviceDecl renders:
//
//	// DropletsService calls the operations tagged "Droplets": client.Droplets.
//	//
//	// <Doc>
//	type DropletsService struct {
//		client *Client
//	}
func (e *emitter) serviceDecl(s *Service) jen.Code {
	doc := docText(declWidth, e.svcType[s]+" calls the operations tagged "+quoteDoc(s.Tag)+
		"; use it as Client."+e.serviceField(s)+".", s.Doc)
	return withDoc(doc, jen.Type().Id(e.svcType[s]).Struct(jen.Id("client").Op("*").Id(e.m.RuntimeName("Client"))))
}

// paramsDecl renders the optional parameters of an operation:
//
//	// DropletsListParams are the optional parameters of
//	// DropletsService.List. Zero fields are not sent.
//	type DropletsListParams struct {
//		// Page is the page to return.
//		Page int64 `url:"page"`
//		// RequestID is sent as a header.
//		RequestID string `header:"X-Request-ID"`
//	}
func (e *emitter) paramsDecl(s *Service, o *Operation) jen.Code {
	doc := docText(declWidth, o.ParamsType+" are the optional parameters of "+e.svcType[s]+"."+o.Name+
		". Zero fields are not sent.")
	return withDoc(doc, jen.Type().Id(o.ParamsType).StructFunc(func(g *jen.Group) {
		for _, p := range o.Optional {
			if d := docText(fieldWidth, docFirst(p.Doc)); d != "" {
				g.Comment(d)
			}
			key := "url"
			if p.In == InHeader {
				key = "header"
			}
			if !validWireName(p.WireName) {
				// The name cannot stand in a tag; the tag only documents it.
				g.Id(p.Name).Add(e.typ(p.Type)).Comment("sent as " + strconv.Quote(p.WireName))
				continue
			}
			g.Id(p.Name).Add(e.typ(p.Type)).Tag(map[string]string{key: p.WireName})
		}
	}))
}

// opDoc is the comment of an operation method.
func (e *emitter) opDoc(o *Operation) string {
	endpoint := o.Method + " " + o.Path
	if o.ID != "" {
		endpoint += " (" + o.ID + ")"
	}
	paras := []string{o.Doc, "Endpoint: " + endpoint + "."}
	if strings.TrimSpace(o.Doc) == "" {
		paras = []string{o.Name + " calls " + endpoint + "."}
	}
	if o.ServerURL != "" {
		paras = append(paras, "It is sent to "+o.ServerURL+", not to the client's base URL.")
	}
	for _, v := range o.ServerVars {
		para := e.args[v] + " fills {" + v.WireName + "}"
		if d := strings.TrimSpace(docFirst(v.Doc)); d != "" {
			para += ": " + strings.TrimSuffix(d, ".")
		}
		if v.Default != "" {
			para += "; empty means " + v.Default
		}
		paras = append(paras, para+".")
	}
	if o.Stream {
		if o.Event != nil {
			paras = append(paras, "The response is a stream of server-sent events, each decoded into "+refString(*o.Event)+": read them with Next, then Close it.")
		} else {
			paras = append(paras, "The response is a stream of server-sent events: read them with Next, then Close it.")
		}
	}
	if e.pages[o] != nil {
		paras = append(paras, o.Name+"All walks every page.")
	}
	paras = append(paras, deprecatedPara(o.Deprecated))
	return docText(declWidth, paras...)
}

// resultByValue reports whether a result is returned as T rather than *T:
// slices, maps and any, which can be nil themselves.
func (e *emitter) resultByValue(r Ref) bool {
	switch e.kind(r) {
	case kindSlice, kindMap, kindAny:
		return true
	}
	return false
}

// bodyByPointer reports whether the body argument is *T: structs and
// unions, and optional scalars (nil leaves the body out).
func (e *emitter) bodyByPointer(o *Operation) bool {
	switch e.kind(*o.Body) {
	case kindSlice, kindMap, kindAny:
		return false
	case kindStruct, kindUnion:
		return true
	}
	return !o.BodyRequired
}

// bodyNillable reports whether the body argument can be nil (and is then
// not sent).
func (e *emitter) bodyNillable(o *Operation) bool {
	switch e.kind(*o.Body) {
	case kindSlice, kindMap, kindAny:
		return true
	}
	return e.bodyByPointer(o)
}

// opParams renders the arguments of an operation method:
//
//	ctx context.Context, dropletID int64, tagName string, body *DropletCreate, params *DropletsListParams
func (e *emitter) opParams(o *Operation) []jen.Code {
	args := []jen.Code{jen.Id("ctx").Qual(pkgContext, "Context")}
	for _, p := range argParams(o) {
		args = append(args, jen.Id(e.args[p]).Add(e.typ(p.Type)))
	}
	if o.Body != nil {
		t := e.typ(*o.Body)
		if e.bodyByPointer(o) {
			t = jen.Op("*").Add(t)
		}
		args = append(args, jen.Id("body").Add(t))
	}
	if o.ParamsType != "" {
		args = append(args, jen.Id("params").Op("*").Id(o.ParamsType))
	}
	return args
}

// opResults renders the results of an operation method:
//
//	(*Droplet, *Response, error) | ([]Droplet, *Response, error) |
//	(*Response, error) | (*EventStream, *Response, error)
func (e *emitter) opResults(o *Operation) *jen.Statement {
	switch {
	case o.Stream:
		if o.Event != nil {
			e.used["typedStream"] = true
			return jen.Params(jen.Op("*").Id(e.m.RuntimeName("EventStreamOf")).Types(e.typ(*o.Event)), jen.Op("*").Id(e.m.RuntimeName("Response")), jen.Error())
		}
		return jen.Params(jen.Op("*").Id(e.m.RuntimeName("EventStream")), jen.Op("*").Id(e.m.RuntimeName("Response")), jen.Error())
	case o.Result == nil:
		return jen.Params(jen.Op("*").Id(e.m.RuntimeName("Response")), jen.Error())
	}
	r := e.returned(o)
	if e.resultByValue(r) {
		return jen.Params(e.typ(r), jen.Op("*").Id(e.m.RuntimeName("Response")), jen.Error())
	}
	return jen.Params(jen.Op("*").Add(e.typ(r)), jen.Op("*").Id(e.m.RuntimeName("Response")), jen.Error())
}

// returned is the type an operation method returns: its result, or the
// one field of an envelope result.
func (e *emitter) returned(o *Operation) Ref {
	if f := e.unwrapField(o); f != nil {
		return f.Type
	}
	return *o.Result
}

// unwrapField is the field o.Unwrap names, nil when it names none.
func (e *emitter) unwrapField(o *Operation) *Field {
	if o.Unwrap == "" || o.Result == nil {
		return nil
	}
	if t := e.structOf(*o.Result); t != nil {
		for _, f := range t.Fields {
			if f.Name == o.Unwrap && !f.Pointer && !f.Nullable && !f.Optional {
				return f
			}
		}
	}
	return nil
}

// returnErr renders the early return of an operation method with err:
//
//	return nil, nil, err | return nil, err
func (e *emitter) returnErr(o *Operation, err jen.Code) jen.Code {
	if !o.Stream && o.Result == nil {
		return jen.Return(jen.Nil(), err)
	}
	return jen.Return(jen.Nil(), jen.Nil(), err)
}

// pathExpr renders the escaped path of an operation:
//
//	"/v2/droplets/" + pathParam(dropletID) + "/actions"
func (e *emitter) pathExpr(o *Operation) *jen.Statement {
	var parts []jen.Code
	rest := o.Path
	for {
		i := strings.IndexByte(rest, '{')
		j := strings.IndexByte(rest[max(i, 0):], '}') + max(i, 0)
		if i < 0 || j <= i {
			break
		}
		if i > 0 {
			parts = append(parts, jen.Lit(rest[:i]))
		}
		e.used["pathParam"] = true
		parts = append(parts, jen.Id("pathParam").Call(jen.Id(e.args[findParam(o.PathParams, rest[i+1:j])])))
		rest = rest[j+1:]
	}
	if rest != "" || len(parts) == 0 {
		parts = append(parts, jen.Lit(rest))
	}
	s := jen.Add(parts[0])
	for _, p := range parts[1:] {
		s = s.Op("+").Add(p)
	}
	return s
}

// hasIn reports whether o has a parameter that travels in.
func hasIn(o *Operation, in ParamIn) bool {
	for _, p := range append(append([]*Param{}, o.Required...), o.Optional...) {
		if p.In == in {
			return true
		}
	}
	return false
}

// requestLit renders the request of an operation:
//
//	r := &request{
//		accept:      "application/json",
//		contentType: "application/json",
//		header:      url.Values{},
//		method:      "POST",
//		path:        "/v2/droplets/" + pathParam(dropletID),
//		query:       url.Values{},
//		server:      "https://other.example.com",
//	}
func (e *emitter) requestLit(o *Operation) jen.Code {
	accept := "application/json"
	switch {
	case o.Stream:
		accept = "text/event-stream"
	case o.Result != nil && o.Result.Kind == Builtin && (o.Result.Name == "[]byte" || o.Result.Name == "string"):
		accept = "*/*"
	}
	d := jen.Dict{
		jen.Id("method"): jen.Lit(strings.ToUpper(o.Method)),
		jen.Id("path"):   e.pathExpr(o),
		jen.Id("accept"): jen.Lit(accept),
	}
	switch {
	case len(o.ServerVars) > 0:
		d[jen.Id("server")] = jen.Id("server")
	case o.ServerURL != "":
		d[jen.Id("server")] = jen.Lit(o.ServerURL)
	}
	if hasIn(o, InQuery) {
		d[jen.Id("query")] = jen.Qual(pkgURL, "Values").Values()
	}
	if hasIn(o, InHeader) {
		d[jen.Id("header")] = jen.Qual(pkgURL, "Values").Values()
	}
	if o.Body != nil {
		ct := o.BodyType
		if ct == "" {
			ct = "application/json"
		}
		d[jen.Id("contentType")] = jen.Lit(ct)
	}
	if cases := e.errorCases(o); cases != nil {
		d[jen.Id("errors")] = cases
	}
	return jen.Id("r").Op(":=").Op("&").Id("request").Values(d)
}

// errorCases renders the error responses o declares, nil when none says
// anything (a body type or a description):
//
//	[]errorCase{
//		{"404", "The resource was not found.", typedError[NotFound]},
//		{"default", "Unexpected error.", nil},
//	}
func (e *emitter) errorCases(o *Operation) jen.Code {
	var cases []jen.Code
	for _, er := range o.Errors {
		reason, _, _ := strings.Cut(er.Doc, "\n")
		reason = strings.TrimSpace(reason)
		decode := jen.Nil()
		if er.Type != nil {
			e.used["typedError"] = true
			decode = jen.Id("typedError").Types(e.typ(*er.Type))
		}
		if er.Type == nil && reason == "" {
			continue
		}
		cases = append(cases, jen.Values(jen.Lit(er.Code), jen.Lit(reason), decode))
	}
	if cases == nil {
		return nil
	}
	return jen.Index().Id("errorCase").Custom(jen.Options{Open: "{", Close: "}", Separator: ",", Multi: true}, cases...)
}

// serverCall renders how an operation fills its server URL template, a
// name, value, default triple per variable:
//
//	server, err := serverURL("https://{agent_url}", "agent_url", agentURL, "")
func (e *emitter) serverCall(o *Operation) jen.Code {
	e.used["serverURL"] = true
	args := []jen.Code{jen.Lit(o.ServerURL)}
	for _, v := range o.ServerVars {
		args = append(args, jen.Lit(v.WireName), jen.Id(e.args[v]), jen.Lit(v.Default))
	}
	return jen.List(jen.Id("server"), jen.Err()).Op(":=").Id("serverURL").Call(args...)
}

// setParamCode renders how one query or header parameter is sent, x being
// its value:
//
//	r.query.Set("name", paramString(name))           // required
//	setParam(r.query, "name", params.Name)           // optional: skipped when zero
//	addList(r.query, "tag", params.Tag, true)        // a list: repeated keys or a,b,c
//	setJSONParam(r.query, "filter", params.Filter)   // an object, as JSON
//	if x != nil { r.query.Set("v", paramString(x)) } // an any
func (e *emitter) setParamCode(p *Param, x *jen.Statement, optional bool) jen.Code {
	values := jen.Id("r").Dot("query")
	if p.In == InHeader {
		values = jen.Id("r").Dot("header")
	}
	key := jen.Lit(p.WireName)
	switch e.kind(p.Type) {
	case kindSlice:
		e.used["addList"] = true
		return jen.Id("addList").Call(values, key, x, jen.Lit(p.Explode && p.In == InQuery))
	case kindMap, kindStruct, kindUnion:
		e.used["setJSONParam"] = true
		return jen.Id("setJSONParam").Call(values, key, x)
	case kindAny:
		return jen.If(x.Clone().Op("!=").Nil()).Block(values.Dot("Set").Call(key, jen.Id("paramString").Call(x)))
	}
	if optional {
		e.used["setParam"] = true
		return jen.Id("setParam").Call(values, key, x)
	}
	return values.Dot("Set").Call(key, jen.Id("paramString").Call(x))
}

// opMethod renders an operation method:
//
//	// Get retrieves a droplet.
//	//
//	// Endpoint: GET /v2/droplets/{droplet_id} (droplets_get).
//	func (s *DropletsService) Get(ctx context.Context, dropletID int64, params *DropletsGetParams) (*Droplet, *Response, error) {
//		r := &request{accept: "application/json", method: "GET", path: "/v2/droplets/" + pathParam(dropletID), query: url.Values{}}
//		if params != nil {
//			setParam(r.query, "fields", params.Fields)
//		}
//		var res DropletsGetResponse
//		resp, err := s.client.do(ctx, r, &res)
//		if err != nil {
//			return nil, resp, err
//		}
//		return &res.Droplet, resp, nil // res itself when it is not an envelope
//	}
//
// A required *T body is checked first (a nil one is an error); an optional
// one is sent only when not nil. Streams return s.client.stream(ctx, r),
// operations without a result s.client.do(ctx, r, nil).
func (e *emitter) opMethod(s *Service, o *Operation) jen.Code {
	recv := jen.Id("s").Op("*").Id(e.svcType[s])
	return withDoc(e.opDoc(o), jen.Func().Params(recv).Id(o.Name).Params(e.opParams(o)...).Add(e.opResults(o)).BlockFunc(func(g *jen.Group) {
		if o.Body != nil && o.BodyRequired && e.bodyByPointer(o) {
			g.If(jen.Id("body").Op("==").Nil()).Block(
				e.returnErr(o, jen.Qual(pkgErrors, "New").Call(jen.Lit(e.svcType[s]+"."+o.Name+": body is required"))))
		}
		if len(o.ServerVars) > 0 {
			g.Add(e.serverCall(o))
			g.If(jen.Err().Op("!=").Nil()).Block(e.returnErr(o, jen.Err()))
		}
		g.Add(e.requestLit(o))
		for _, p := range o.Required {
			g.Add(e.setParamCode(p, jen.Id(e.args[p]), false))
		}
		if len(o.Optional) > 0 {
			g.If(jen.Id("params").Op("!=").Nil()).BlockFunc(func(g *jen.Group) {
				for _, p := range o.Optional {
					g.Add(e.setParamCode(p, jen.Id("params").Dot(p.Name), true))
				}
			})
		}
		if o.Body != nil {
			set := jen.Id("r").Dot("body").Op("=").Id("body")
			if e.bodyNillable(o) && !(o.BodyRequired && e.bodyByPointer(o)) {
				g.If(jen.Id("body").Op("!=").Nil()).Block(set)
			} else {
				g.Add(set)
			}
		}
		switch {
		case o.Stream && o.Event != nil:
			g.List(jen.Id("stream"), jen.Id("resp"), jen.Err()).Op(":=").Id("s").Dot("client").Dot("stream").Call(jen.Id("ctx"), jen.Id("r"))
			g.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Id("resp"), jen.Err()))
			g.Return(jen.Op("&").Id(e.m.RuntimeName("EventStreamOf")).Types(e.typ(*o.Event)).Values(jen.Id("events").Op(":").Id("stream")), jen.Id("resp"), jen.Nil())
		case o.Stream:
			g.Return(jen.Id("s").Dot("client").Dot("stream").Call(jen.Id("ctx"), jen.Id("r")))
		case o.Result == nil:
			g.Return(jen.Id("s").Dot("client").Dot("do").Call(jen.Id("ctx"), jen.Id("r"), jen.Nil()))
		default:
			res := jen.Id("res")
			if f := e.unwrapField(o); f != nil {
				res = res.Dot(f.Name)
			}
			if !e.resultByValue(e.returned(o)) {
				res = jen.Op("&").Add(res)
			}
			g.Var().Id("res").Add(e.typ(*o.Result))
			g.List(jen.Id("resp"), jen.Err()).Op(":=").Id("s").Dot("client").Dot("do").Call(jen.Id("ctx"), jen.Id("r"), jen.Op("&").Id("res"))
			g.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Id("resp"), jen.Err()))
			g.Return(res, jen.Id("resp"), jen.Nil())
		}
	}))
}

// selectors renders root.a.b.
func selectors(root string, sel []string) *jen.Statement {
	s := jen.Id(root)
	for _, x := range sel {
		s = s.Dot(x)
	}
	return s
}

// opAll renders the iterator of a paginated operation, for style "page":
//
//	// ListAll walks every page of List … (doc)
//	func (s *DropletsService) ListAll(ctx context.Context, params *DropletsListParams) iter.Seq2[Droplet, error] {
//		return func(yield func(Droplet, error) bool) {
//			var p DropletsListParams
//			if params != nil {
//				p = *params
//			}
//			if p.Page < 1 {
//				p.Page = 1
//			}
//			for {
//				res, resp, err := s.List(ctx, &p)
//				if err != nil {
//					var zero Droplet
//					yield(zero, err)
//					return
//				}
//				for _, item := range res.Droplets {
//					if !yield(item, nil) {
//						return
//					}
//				}
//				if len(res.Droplets) == 0 || resp.Links == nil || resp.Links.Pages.Next == "" {
//					return
//				}
//				p.Page++
//			}
//		}
//	}
//
// and for style "cursor" the loop ends with
//
//	next := cursorValue(res.NextPageToken, "page_token")
//	if next == "" || next == p.PageToken {
//		return
//	}
//	p.PageToken = next
//
// A page or cursor parameter that is a method argument is changed in place
// instead of in the copy p of params.
func (e *emitter) opAll(s *Service, o *Operation) jen.Code {
	info := e.pages[o]
	if info.links {
		return e.opAllLinks(s, o)
	}
	item := e.typ(o.Pages.Item)
	ctl := info.page
	for _, p := range []*Param{info.cursor, info.offset, info.after} {
		if ctl == nil {
			ctl = p
		}
	}
	inParams := findParam(o.Optional, ctl.WireName) == ctl
	ctlVar := jen.Id(e.args[ctl])
	if inParams {
		ctlVar = jen.Id("p").Dot(ctl.Name)
	}
	// The call of the list method.
	var params jen.Code = jen.Id("params")
	if inParams {
		params = jen.Op("&").Id("p")
	}
	args := e.callArgs(o, params)
	items := selectors("res", info.items)
	var body []jen.Code
	if inParams {
		body = append(body,
			jen.Var().Id("p").Id(o.ParamsType),
			jen.If(jen.Id("params").Op("!=").Nil()).Block(jen.Id("p").Op("=").Op("*").Id("params")),
		)
	}
	respVar := jen.Id("resp")
	if info.page != nil {
		body = append(body, jen.If(ctlVar.Clone().Op("<").Lit(1)).Block(ctlVar.Clone().Op("=").Lit(1)))
	} else {
		respVar = jen.Id("_")
	}
	loop := []jen.Code{
		jen.List(jen.Id("res"), respVar, jen.Err()).Op(":=").Id("s").Dot(o.Name).Call(args...),
		jen.If(jen.Err().Op("!=").Nil()).Block(
			jen.Var().Id("zero").Add(item.Clone()),
			jen.Id("yield").Call(jen.Id("zero"), jen.Err()),
			jen.Return(),
		),
		jen.For(jen.List(jen.Id("_"), jen.Id("item")).Op(":=").Range().Add(items.Clone())).Block(
			jen.If(jen.Op("!").Id("yield").Call(jen.Id("item"), jen.Nil())).Block(jen.Return()),
		),
	}
	var doc string
	switch {
	case info.offset != nil:
		loop = append(loop,
			jen.If(jen.Len(items.Clone()).Op("==").Lit(0)).Block(jen.Return()),
			ctlVar.Clone().Op("+=").Add(e.typ(ctl.Type)).Call(jen.Len(items.Clone())),
		)
		doc = o.Name + "All walks every page of " + o.Name + " and yields each item: it adds each page's length to " +
			ctl.WireName + " until a page is empty."
	case info.after != nil:
		last := items.Clone().Index(jen.Len(items.Clone()).Op("-").Lit(1))
		for _, x := range info.id {
			last = last.Dot(x)
		}
		var set jen.Code = last
		if ctl.Type.Kind != Builtin {
			set = e.typ(ctl.Type).Call(last)
		}
		loop = append(loop,
			jen.If(jen.Len(items.Clone()).Op("==").Lit(0).Op("||").Op("!").Add(selectors("res", info.more))).Block(jen.Return()),
			ctlVar.Clone().Op("=").Add(set),
		)
		doc = o.Name + "All walks every page of " + o.Name + " and yields each item: it sends the last item's " +
			o.Pages.CursorField + " as " + ctl.WireName + " while " + o.Pages.MoreField + " is true."
	case info.page != nil:
		links := jen.Id("resp").Dot("Links")
		loop = append(loop,
			jen.If(jen.Len(items.Clone()).Op("==").Lit(0).Op("||").Add(links.Clone()).Op("==").Nil().
				Op("||").Add(links.Clone()).Dot("Pages").Dot("Next").Op("==").Lit("")).Block(jen.Return()),
			ctlVar.Clone().Op("++"),
		)
		doc = o.Name + "All walks every page of " + o.Name + " and yields each item: it asks for page " +
			"1 (or the page given), 2, … until a response has no next page."
	default:
		e.used["cursorValue"] = true
		next := selectors("res", info.next)
		if info.conv {
			next = jen.String().Call(next)
		}
		cur := ctlVar.Clone()
		set := e.typ(ctl.Type).Call(jen.Id("next"))
		if ctl.Type.Kind == Builtin {
			set = jen.Id("next")
		} else {
			cur = jen.String().Call(cur)
		}
		loop = append(loop,
			jen.Id("next").Op(":=").Id("cursorValue").Call(next, jen.Lit(ctl.WireName)),
			jen.If(jen.Id("next").Op("==").Lit("").Op("||").Id("next").Op("==").Add(cur)).Block(jen.Return()),
			ctlVar.Clone().Op("=").Add(set),
		)
		doc = o.Name + "All walks every page of " + o.Name + " and yields each item: it sends each response's " +
			o.Pages.CursorField + " as " + ctl.WireName + " until there is none."
	}
	body = append(body, jen.For().Block(loop...))
	doc = docText(declWidth, doc, "An error ends the walk: it is yielded with a zero item.", deprecatedPara(o.Deprecated))
	recv := jen.Id("s").Op("*").Id(e.svcType[s])
	seq := jen.Qual(pkgIter, "Seq2").Types(item.Clone(), jen.Error())
	return withDoc(doc, jen.Func().Params(recv).Id(o.Name+"All").Params(e.opParams(o)...).Add(seq).Block(
		jen.Return(jen.Func().Params(jen.Id("yield").Func().Params(item.Clone(), jen.Error()).Bool()).Block(body...)),
	))
}

// callArgs renders the arguments an iterator passes on to its list method,
// params being what it gives for the params struct:
//
//	ctx, dropletID, body, &p
func (e *emitter) callArgs(o *Operation, params jen.Code) []jen.Code {
	args := []jen.Code{jen.Id("ctx")}
	for _, p := range argParams(o) {
		args = append(args, jen.Id(e.args[p]))
	}
	if o.Body != nil {
		args = append(args, jen.Id("body"))
	}
	if o.ParamsType != "" {
		args = append(args, params)
	}
	return args
}

// opAllLinks renders the iterator of a paginated operation of style
// "links", which has no page parameter and follows each response's
// links.pages.next:
//
//	// ListAll walks every page of List … (doc)
//	func (s *ImagesService) ListAll(ctx context.Context, imageID int64) iter.Seq2[Action, error] {
//		return func(yield func(Action, error) bool) {
//			res, resp, err := s.List(ctx, imageID)
//			for {
//				if err != nil {
//					var zero Action
//					yield(zero, err)
//					return
//				}
//				for _, item := range res.Actions {
//					if !yield(item, nil) {
//						return
//					}
//				}
//				if len(res.Actions) == 0 {
//					return
//				}
//				r, err := nextPage(resp)
//				if r == nil || err != nil {
//					if err != nil {
//						var zero Action
//						yield(zero, err)
//					}
//					return
//				}
//				res = new(ActionsList)
//				resp, err = s.client.do(ctx, r, res)
//			}
//		}
//	}
func (e *emitter) opAllLinks(s *Service, o *Operation) jen.Code {
	e.used["nextPage"] = true
	info := e.pages[o]
	item := e.typ(o.Pages.Item)
	args := e.callArgs(o, jen.Id("params"))
	items := selectors("res", info.items)
	fail := func() []jen.Code {
		return []jen.Code{jen.Var().Id("zero").Add(item.Clone()), jen.Id("yield").Call(jen.Id("zero"), jen.Err())}
	}
	loop := []jen.Code{
		jen.If(jen.Err().Op("!=").Nil()).Block(append(fail(), jen.Return())...),
		jen.For(jen.List(jen.Id("_"), jen.Id("item")).Op(":=").Range().Add(items.Clone())).Block(
			jen.If(jen.Op("!").Id("yield").Call(jen.Id("item"), jen.Nil())).Block(jen.Return()),
		),
		jen.If(jen.Len(items.Clone()).Op("==").Lit(0)).Block(jen.Return()),
		jen.List(jen.Id("r"), jen.Err()).Op(":=").Id("nextPage").Call(jen.Id("resp")),
		jen.If(jen.Id("r").Op("==").Nil().Op("||").Err().Op("!=").Nil()).Block(
			jen.If(jen.Err().Op("!=").Nil()).Block(fail()...),
			jen.Return(),
		),
		jen.Id("res").Op("=").New(e.typ(*o.Result)),
		jen.List(jen.Id("resp"), jen.Err()).Op("=").Id("s").Dot("client").Dot("do").Call(jen.Id("ctx"), jen.Id("r"), jen.Id("res")),
	}
	if o.Pages.ItemsField == "" { // the result is the list: the method returns it by value
		loop[len(loop)-2] = jen.Id("res").Op("=").Nil()
		loop[len(loop)-1] = jen.List(jen.Id("resp"), jen.Err()).Op("=").Id("s").Dot("client").Dot("do").Call(jen.Id("ctx"), jen.Id("r"), jen.Op("&").Id("res"))
	}
	follows := "links.pages.next"
	if o.Pages.LinkHeader {
		follows = "Link header's rel=\"next\""
	}
	doc := docText(declWidth,
		o.Name+"All walks every page of "+o.Name+" and yields each item: it follows each response's "+
			follows+" (on the same host only) until there is none.",
		"An error ends the walk: it is yielded with a zero item.", deprecatedPara(o.Deprecated))
	recv := jen.Id("s").Op("*").Id(e.svcType[s])
	seq := jen.Qual(pkgIter, "Seq2").Types(item.Clone(), jen.Error())
	return withDoc(doc, jen.Func().Params(recv).Id(o.Name+"All").Params(e.opParams(o)...).Add(seq).Block(
		jen.Return(jen.Func().Params(jen.Id("yield").Func().Params(item.Clone(), jen.Error()).Bool()).Block(
			jen.List(jen.Id("res"), jen.Id("resp"), jen.Err()).Op(":=").Id("s").Dot(o.Name).Call(args...),
			jen.For().Block(loop...),
		)),
	))
}
