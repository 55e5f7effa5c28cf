package gen

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	yaml "github.com/pb33f/go-yaml"

	"github.com/dospec/dospec/spec"
)

// services groups operations by their first tag and builds each one.
func (b *builder) services() {
	idx := b.s.Index()
	byTag := map[string]*Service{}
	svcNames := newNamer("Client")
	var order []string
	for _, op := range idx.Operations {
		tag := "Default"
		if tags := spec.Get(op.Node.Node, "tags"); tags != nil && len(tags.Content) > 0 {
			tag = tags.Content[0].Value
		}
		svc := byTag[tag]
		if svc == nil {
			name := svcNames.take(goName(tag))
			svc = &Service{Name: name + "Service", Field: name, Tag: tag}
			byTag[tag] = svc
			order = append(order, tag)
		}
		o := b.operation(svc, op)
		svc.Operations = append(svc.Operations, o)
		if b.dual[o] {
			// The operation answers JSON or, when asked, server-sent events:
			// a second method returns the event stream.
			st := *o
			st.Name, st.Result, st.Pages, st.Stream, st.Event = o.Name+"Stream", nil, nil, true, b.dualEvent[o]
			if st.ParamsType != "" {
				st.ParamsType = o.ParamsType + "Stream"
			}
			svc.Operations = append(svc.Operations, &st)
		}
	}
	tagDocs := map[string]string{}
	for _, t := range contentOf(spec.Get(b.s.Root.Doc, "tags")) {
		if name := str(t, "name"); name != "" {
			if d, ok := b.s.Field(spec.Node{File: b.s.Root, Node: t}, "description"); ok {
				tagDocs[name], _ = spec.ScalarString(d.Node)
			}
		}
	}
	for _, tag := range order {
		svc := byTag[tag]
		svc.Doc = strings.TrimSpace(tagDocs[tag])
		b.methodNames(svc)
		b.m.Services = append(b.m.Services, svc)
	}
	sort.SliceStable(b.m.Services, func(i, j int) bool { return b.m.Services[i].Name < b.m.Services[j].Name })
}

func contentOf(n *yaml.Node) []*yaml.Node {
	if n == nil {
		return nil
	}
	return spec.Unalias(n).Content
}

// methodNames names each operation after its operationId without the
// namespace (droplets_list_kernels → ListKernels); when two operations of
// one service would share a name, both keep their namespace
// (dropletActions_list → DropletActionsList).
func (b *builder) methodNames(svc *Service) {
	short := map[string]int{}
	for _, op := range svc.Operations {
		short[op.Name]++
	}
	n := newNamer()
	for _, op := range svc.Operations {
		if short[op.Name] > 1 {
			op.Name = goName(op.ID)
		}
	}
	for _, op := range svc.Operations {
		op.Name = n.take(op.Name)
		if op.ParamsType != "" {
			op.ParamsType = b.namer.take(strings.TrimSuffix(svc.Name, "Service") + op.Name + "Params")
		}
	}
}

// shortName is an operationId without its namespace: the part before the
// first "_" (droplets_list → List), else the service's tag where the id
// starts with it (tag issues: issues/list-for-repo → ListForRepo, as
// client.Issues.ListForRepo); an id that is the tag and nothing more stays.
func shortName(id, tag, method, path string) string {
	if id == "" {
		return goName(method + " " + path)
	}
	parts := strings.SplitN(id, "_", 2)
	if len(parts) == 2 && parts[1] != "" {
		return goName(parts[1])
	}
	name := goName(id)
	if t := goName(tag); t != "" && t != "X" && len(name) > len(t) && strings.HasPrefix(name, t) {
		if rest := name[len(t):]; rest[0] >= 'A' && rest[0] <= 'Z' {
			return rest
		}
	}
	return name
}

func (b *builder) operation(svc *Service, op *spec.Operation) *Operation {
	o := &Operation{
		ID:     op.ID(),
		Method: strings.ToUpper(op.Method),
		Path:   op.Path,
	}
	o.Name = shortName(o.ID, svc.Tag, op.Method, op.Path)
	prefix := strings.TrimSuffix(svc.Name, "Service") + o.Name
	o.Doc = opDoc(b.s, op.Node)
	if str(op.Node.Node, "deprecated") == "true" {
		o.Deprecated = "the spec marks this operation deprecated."
	}
	if servers := spec.Get(op.Node.Node, "servers"); servers != nil && len(servers.Content) > 0 {
		o.ServerURL = str(servers.Content[0], "url")
	}
	b.params(o, op, prefix)
	if body, ok := b.s.Field(op.Node, "requestBody"); ok {
		o.BodyRequired = str(body.Node, "required") == "true"
		if content, ok := b.s.Field(body, "content"); ok && len(content.Content) >= 2 {
			mt := pickMedia(content.Node)
			o.BodyType = mt
			if raw := rawField(content, mt, "schema"); raw.Node != nil {
				r := Ref{Kind: Builtin, Name: "[]byte"}
				if isJSON(mt) {
					r = b.ref(raw, prefix+"Request")
				}
				o.Body = &r
			}
		}
	}
	b.result(o, op, prefix)
	return o
}

// rawField is content[mt][key] as written, so a $ref there still names
// its schema.
func rawField(content spec.Node, mt, key string) spec.Node {
	return spec.Node{File: content.File, Node: spec.Get(spec.Get(content.Node, mt), key)}
}

func isJSON(mt string) bool {
	return mt == "application/json" || strings.HasSuffix(mt, "+json")
}

// pickMedia prefers JSON among a body's media types.
func pickMedia(content *yaml.Node) string {
	for i := 0; i+1 < len(content.Content); i += 2 {
		if isJSON(content.Content[i].Value) {
			return content.Content[i].Value
		}
	}
	return content.Content[0].Value
}

func opDoc(s *spec.Spec, n spec.Node) string {
	var parts []string
	for _, k := range []string{"summary", "description"} {
		if v, ok := s.Field(n, k); ok {
			if t, ok := spec.ScalarString(v.Node); ok && strings.TrimSpace(t) != "" {
				parts = append(parts, strings.TrimSpace(t))
			}
		}
	}
	return strings.Join(parts, "\n\n")
}

func (b *builder) params(o *Operation, op *spec.Operation, prefix string) {
	type entry struct {
		node spec.Node
		raw  spec.Node
	}
	seen := map[string]int{}
	var list []entry
	for _, holder := range []spec.Node{op.PathItem, op.Node} {
		ps, ok := b.s.Field(holder, "parameters")
		if !ok {
			continue
		}
		for _, item := range ps.Content {
			raw := spec.Node{File: ps.File, Node: item}
			d, err := b.s.Deref(raw)
			if err != nil {
				continue
			}
			if str(d.Node, "in") == "header" && ignoredHeader(str(d.Node, "name")) {
				continue
			}
			key := str(d.Node, "in") + ":" + str(d.Node, "name")
			if i, ok := seen[key]; ok {
				list[i] = entry{d, raw}
				continue
			}
			seen[key] = len(list)
			list = append(list, entry{d, raw})
		}
	}
	args := newNamer("ctx", "body", "params", "s", "req", "resp", "err")
	fields := newNamer()
	o.ServerVars = serverVars(op.Node.Node, o.ServerURL, args)
	// Path parameters in template order.
	pathOrder := map[string]int{}
	for i, seg := range strings.Split(o.Path, "{")[1:] {
		if j := strings.IndexByte(seg, '}'); j >= 0 {
			pathOrder[seg[:j]] = i
		}
	}
	for _, e := range list {
		in := str(e.node.Node, "in")
		name := str(e.node.Node, "name")
		p := &Param{WireName: name, Required: str(e.node.Node, "required") == "true", Doc: docOf(b.s, e.node), Explode: true}
		if ex := str(e.node.Node, "explode"); ex == "false" {
			p.Explode = false
		}
		if raw := spec.Get(e.node.Node, "schema"); raw != nil && b.scalarUnion(spec.Node{File: e.node.File, Node: raw}) {
			// anyOf [integer, string] travels as text in a URL: take a
			// string, which the caller writes naturally ("6372321").
			p.Type = Ref{Kind: Builtin, Name: "string"}
		} else if raw != nil {
			p.Type = b.ref(spec.Node{File: e.node.File, Node: raw}, prefix+goName(name))
		} else {
			p.Type = Ref{Kind: Builtin, Name: "string"}
		}
		switch in {
		case "path":
			p.In, p.Required = InPath, true
			p.Name = args.take(lowerFirst(goName(name)))
			o.PathParams = append(o.PathParams, p)
		case "query", "header":
			p.In = InQuery
			if in == "header" {
				p.In = InHeader
			}
			if p.Required {
				p.Name = args.take(lowerFirst(goName(name)))
				o.Required = append(o.Required, p)
			} else {
				p.Name = fields.take(goName(name))
				o.Optional = append(o.Optional, p)
			}
		}
	}
	sort.SliceStable(o.PathParams, func(i, j int) bool {
		return pathOrder[o.PathParams[i].WireName] < pathOrder[o.PathParams[j].WireName]
	})
	// A template name no parameter declares leaves the method nothing to
	// fill it with: the spec is wrong (lint's path-params says so too).
	for _, name := range templateParams(o.Path) {
		if findParam(o.PathParams, name) == nil {
			b.errs = append(b.errs, &spec.Error{Pos: op.Node.Pos(),
				Msg: fmt.Sprintf("%s %s: no path parameter declares {%s}", o.Method, o.Path, name)})
		}
	}
	if len(o.Optional) > 0 {
		o.ParamsType = prefix + "Params" // made unique in methodNames
	}
}

// serverVars are the variables of the operation's server URL template, in
// the order they appear in it, each with its default when the default can
// stand in a URL. A variable the template uses but does not declare has no
// default either: the caller must give it.
func serverVars(op *yaml.Node, template string, args *namer) []*Param {
	var vars *yaml.Node
	if servers := spec.Get(op, "servers"); servers != nil && len(servers.Content) > 0 {
		vars = spec.Get(servers.Content[0], "variables")
	}
	var out []*Param
	seen := map[string]bool{}
	for _, name := range templateParams(template) {
		if seen[name] {
			continue
		}
		seen[name] = true
		p := &Param{WireName: name, In: InServer, Required: true, Type: Ref{Kind: Builtin, Name: "string"}}
		if v := spec.Get(vars, name); v != nil {
			p.Doc = str(v, "description")
			if d := str(v, "default"); d != "" && !strings.ContainsAny(d, "{}<> \t") {
				p.Default = d
				p.Required = false
			}
		}
		p.Name = args.take(lowerFirst(goName(name)))
		out = append(out, p)
	}
	return out
}

// lowerFirst makes an argument name: DropletID → dropletID, ID → id.
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	i := 0
	for i < len(s) && s[i] >= 'A' && s[i] <= 'Z' {
		i++
	}
	switch {
	case i == 0:
	case i == len(s):
		s = strings.ToLower(s)
	case i == 1:
		s = strings.ToLower(s[:1]) + s[1:]
	default:
		s = strings.ToLower(s[:i-1]) + s[i-1:]
	}
	if goKeywords[s] {
		s += "_"
	}
	return s
}

var goKeywords = map[string]bool{
	"break": true, "case": true, "chan": true, "const": true, "continue": true, "default": true, "defer": true,
	"else": true, "fallthrough": true, "for": true, "func": true, "go": true, "goto": true, "if": true,
	"import": true, "interface": true, "map": true, "package": true, "range": true, "return": true,
	"select": true, "struct": true, "switch": true, "type": true, "var": true,
}

// result finds the success response body, the stream flag and pagination.
func (b *builder) result(o *Operation, op *spec.Operation, prefix string) {
	resps, ok := b.s.Field(op.Node, "responses")
	if !ok {
		return
	}
	for i := 0; i+1 < len(resps.Content); i += 2 {
		code := resps.Content[i].Value
		if e := b.errorResponse(spec.Node{File: resps.File, Node: resps.Content[i+1]}, code, prefix); e != nil {
			o.Errors = append(o.Errors, e)
			continue
		}
		if len(code) != 3 || code[0] != '2' {
			continue
		}
		n, _ := strconv.Atoi(code)
		o.SuccessCodes = append(o.SuccessCodes, n)
		if o.Result != nil || o.Stream {
			continue
		}
		resp, err := b.s.Deref(spec.Node{File: resps.File, Node: resps.Content[i+1]})
		if err != nil {
			continue
		}
		content, ok := b.s.Field(resp, "content")
		if !ok || len(content.Content) < 2 {
			continue
		}
		mt := pickMedia(content.Node)
		if strings.HasPrefix(mt, "text/event-stream") {
			o.Stream = true
			o.Event = b.eventType(content, mt, prefix)
			continue
		}
		if spec.Get(content.Node, "text/event-stream") != nil {
			b.dual[o] = true
			b.dualEvent[o] = b.eventType(content, "text/event-stream", prefix+"Stream")
		}
		media := spec.Get(content.Node, mt)
		if spec.Get(media, "schema") == nil {
			continue
		}
		r := b.ref(spec.Node{File: content.File, Node: spec.Get(media, "schema")}, prefix+"Response")
		if !isJSON(mt) {
			r = Ref{Kind: Builtin, Name: "[]byte"}
		}
		o.Result = &r
		if hs, ok := b.s.Field(resp, "headers"); ok && hs.Kind == yaml.MappingNode {
			for j := 0; j+1 < len(hs.Content); j += 2 {
				if strings.EqualFold(hs.Content[j].Value, "link") {
					b.linkHeader[o] = true
				}
			}
		}
	}
	b.pagination(o, op)
}

// eventType is the type of a stream's event data when its media type
// declares an object, array or union schema (a string or no schema: plain
// events); nil otherwise.
func (b *builder) eventType(content spec.Node, mt, prefix string) *Ref {
	raw := rawField(content, mt, "schema")
	if raw.Node == nil {
		return nil
	}
	d, err := b.s.Deref(raw)
	if err != nil || d.Kind != yaml.MappingNode {
		return nil
	}
	if t, _ := schemaType(d.Node); t == "string" || t == "" && spec.Get(d.Node, "properties") == nil &&
		spec.Get(d.Node, "oneOf") == nil && spec.Get(d.Node, "anyOf") == nil && spec.Get(d.Node, "allOf") == nil {
		return nil
	}
	r := b.ref(raw, prefix+"Event")
	return &r
}

// errorResponse reads a 4xx, 5xx, 4XX, 5XX or default response: its
// description and its JSON body's type (named <prefix>Error<code> when
// written inline); nil for other codes.
func (b *builder) errorResponse(n spec.Node, code, prefix string) *ErrorResponse {
	up := strings.ToUpper(code)
	if up != "DEFAULT" && (len(code) != 3 || code[0] != '4' && code[0] != '5') {
		return nil
	}
	e := &ErrorResponse{Code: up}
	if up == "DEFAULT" {
		e.Code = "default"
	}
	resp, err := b.s.Deref(n)
	if err != nil {
		return e
	}
	e.Doc, _ = spec.ScalarString(spec.Get(resp.Node, "description"))
	e.Doc = strings.TrimSpace(e.Doc)
	content, ok := b.s.Field(resp, "content")
	if !ok || len(content.Content) < 2 {
		return e
	}
	mt := pickMedia(content.Node)
	if !isJSON(mt) || spec.Get(spec.Get(content.Node, mt), "schema") == nil {
		return e
	}
	suffix := code
	if up == "DEFAULT" {
		suffix = "Default"
	}
	r := b.ref(rawField(content, mt, "schema"), prefix+"Error"+suffix)
	e.Type = &r
	return e
}

// pagination marks list operations whose result carries links (DO's
// page/per_page style) or a cursor parameter.
func (b *builder) pagination(o *Operation, op *spec.Operation) {
	if o.Result == nil || o.Method != "GET" {
		return
	}
	if ext := spec.Get(op.Node.Node, "x-dospec-pagination"); ext != nil {
		o.Pages = b.declaredPages(o, op, ext)
		return
	}
	// The response declares a Link header (GitHub): follow its rel="next",
	// over a result that is the list or holds one.
	if b.linkHeader[o] {
		if o.Result.Kind == Slice {
			o.Pages = &Pagination{Item: *o.Result.Elem, Style: "links", LinkHeader: true}
			return
		}
		if t := b.byName[o.Result.Name]; o.Result.Kind == Named && t != nil && t.Kind == Struct {
			var lists []*Field
			for _, f := range t.Fields {
				if f.Type.Kind == Slice {
					lists = append(lists, f)
				}
			}
			if len(lists) == 1 { // unambiguous
				o.Pages = &Pagination{ItemsField: lists[0].Name, Item: *lists[0].Type.Elem, Style: "links", LinkHeader: true}
				return
			}
		}
	}
	if o.Result.Kind != Named {
		return
	}
	t := b.byName[o.Result.Name]
	if t == nil || t.Kind != Struct {
		return
	}
	var items *Field
	hasLinks := false
	for _, f := range t.Fields {
		switch {
		case f.JSONName == "links":
			hasLinks = true
		case f.Type.Kind == Slice && items == nil && f.JSONName != "meta":
			items = f
		}
	}
	if items == nil {
		return
	}
	var page, cursor, offset, after *Param
	for _, p := range o.Optional {
		switch p.WireName {
		case "page":
			page = p
		case "cursor", "page_token", "pageToken", "after", "next_token", "nextToken":
			cursor = p
		case "offset":
			offset = p
		case "starting_after":
			after = p
		}
	}
	var more, itemID *Field
	for _, f := range t.Fields {
		if f.JSONName == "has_more" && f.Type.Kind == Builtin && f.Type.Name == "bool" {
			more = f
		}
	}
	if it := b.byName[items.Type.Elem.Name]; items.Type.Elem.Kind == Named && it != nil && it.Kind == Struct {
		for _, f := range it.Fields {
			if f.JSONName == "id" && f.Type.Kind == Builtin && f.Type.Name == "string" && !f.Nullable && !f.Optional {
				itemID = f
			}
		}
	}
	switch {
	case !hasLinks && after != nil && more != nil && itemID != nil:
		o.Pages = &Pagination{ItemsField: items.Name, Item: *items.Type.Elem, Style: "after", CursorParam: after.Name, CursorField: itemID.Name, MoreField: more.Name}
		return
	case !hasLinks && page == nil && cursor == nil && offset != nil:
		o.Pages = &Pagination{ItemsField: items.Name, Item: *items.Type.Elem, Style: "offset", CursorParam: offset.Name}
		return
	}
	switch {
	case hasLinks && page != nil:
		o.Pages = &Pagination{ItemsField: items.Name, Item: *items.Type.Elem, Style: "page"}
	case hasLinks && cursor == nil:
		o.Pages = &Pagination{ItemsField: items.Name, Item: *items.Type.Elem, Style: "links"}
	case cursor != nil:
		for _, f := range t.Fields {
			if strings.Contains(f.JSONName, "next") && f.Type.Kind == Builtin && f.Type.Name == "string" {
				o.Pages = &Pagination{ItemsField: items.Name, Item: *items.Type.Elem, Style: "cursor", CursorParam: cursor.Name, CursorField: f.Name}
			}
		}
	}
}

// declaredPages reads x-dospec-pagination, for operations whose pages the
// spec does not make plain:
//
//	x-dospec-pagination:
//	  style: cursor        # page, offset, cursor, after, links or link-header
//	  items: data          # the result's property holding the items ("" or absent: the result is the list)
//	  param: page_token    # the query parameter carrying the page, offset or cursor
//	  next: next_token     # cursor: the result's property with the next cursor; after: the item's id property
//	  more: has_more       # after: the result's boolean saying more pages follow
//
// Names are JSON and wire names; the emitter checks the result has them.
func (b *builder) declaredPages(o *Operation, op *spec.Operation, ext *yaml.Node) *Pagination {
	style := str(ext, "style")
	pg := &Pagination{Style: style}
	if style == "link-header" {
		pg.Style, pg.LinkHeader = "links", true
	}
	var t *Type
	if o.Result.Kind == Named {
		t = b.byName[o.Result.Name]
	}
	field := func(t *Type, json string) *Field {
		if t == nil {
			return nil
		}
		for _, f := range t.Fields {
			if f.JSONName == json {
				return f
			}
		}
		return nil
	}
	elem := o.Result.Elem
	if items := str(ext, "items"); items != "" {
		f := field(t, items)
		if f == nil || f.Type.Kind != Slice {
			b.errs = append(b.errs, &spec.Error{Pos: spec.Node{File: op.Node.File, Node: ext}.Pos(), Msg: "x-dospec-pagination: the result has no list property " + strconv.Quote(items)})
			return nil
		}
		pg.ItemsField, elem = f.Name, f.Type.Elem
	}
	if elem == nil {
		return nil
	}
	pg.Item = *elem
	if p := str(ext, "param"); p != "" {
		for _, q := range append(append([]*Param{}, o.Optional...), o.Required...) {
			if q.WireName == p {
				pg.CursorParam = q.Name
			}
		}
	}
	if next := str(ext, "next"); next != "" {
		in := t
		if style == "after" && elem.Kind == Named {
			in = b.byName[elem.Name]
		}
		if f := field(in, next); f != nil {
			pg.CursorField = f.Name
		}
	}
	if f := field(t, str(ext, "more")); f != nil {
		pg.MoreField = f.Name
	}
	return pg
}

// scalarUnion reports a oneOf/anyOf whose branches are all scalars.
func (b *builder) scalarUnion(n spec.Node) bool {
	d, err := b.s.Deref(n)
	if err != nil {
		return false
	}
	list := spec.Get(d.Node, "oneOf")
	if list == nil {
		list = spec.Get(d.Node, "anyOf")
	}
	if list == nil || len(list.Content) == 0 {
		return false
	}
	for _, c := range list.Content {
		cd, err := b.s.Deref(spec.Node{File: d.File, Node: c})
		if err != nil {
			return false
		}
		switch t, _ := schemaType(cd.Node); t {
		case "string", "integer", "number", "boolean":
		default:
			return false
		}
	}
	return true
}

// ignoredHeader reports the header parameters OpenAPI says to ignore:
// Accept, Content-Type and Authorization are set from the operation's
// media types and security, and the client sets them itself.
func ignoredHeader(name string) bool {
	switch strings.ToLower(name) {
	case "accept", "content-type", "authorization":
		return true
	}
	return false
}
