package diff

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	yaml "github.com/pb33f/go-yaml"

	"github.com/dospec/dospec/spec"
)

// pairKind says what a pair holds, which decides the checks that look at it.
type pairKind int

const (
	pOperation pairKind = iota
	pParameter
	pRequestBody
	pMediaType
	pResponse
	pHeader
	pSchema
	pProperty // a property of an object schema, in the object's context
	pSecurity
	pText           // a description or summary
	pVariant        // a oneOf or anyOf branch, named in pair.name
	pSecurityScheme // a components.securitySchemes entry, named in pair.name
	pInfo           // the root's info object
)

type direction int

const (
	request direction = iota
	response
)

func (d direction) String() string {
	if d == request {
		return "request"
	}
	return "response"
}

// side is one version's node: Node is zero when the thing is absent.
type side struct {
	spec.Node
	key  *yaml.Node // the key it sits under, for a position
	from *spec.File // the file key (or the $ref) is written in
	ref  bool       // reached through a $ref
}

func (s side) ok() bool { return s.Node.Node != nil }

// shared reports whether the side was reached through a $ref to another
// file: a shared parameter, response or schema.
func (s side) shared() bool { return s.ok() && s.ref && s.from != nil && s.File != s.from }

// pos is where the side is written, nil when absent.
func (s side) pos() *spec.Pos {
	if !s.ok() {
		return nil
	}
	n, f := s.Node.Node, s.File
	if s.key != nil && s.from != nil {
		n, f = s.key, s.from
	}
	p := f.Pos(n)
	return &p
}

// pair is one thing in both versions.
type pair struct {
	kind       pairKind
	base, head side
	name       string // parameter, status code, media type, property name, text field
	where      string // human place: "POST /v2/x request body: droplet.name"
	path       string // JSON path (head's when present)
	dir        direction
	op         *opPair
	// For schemas and properties, the flattened views; for properties,
	// the object that holds them.
	bf, hf     *flat
	bObj, hObj *flat
	required   [2]bool // property required in base, head
	// renamedFrom is the base name of a property whose head name is name.
	renamedFrom string
	status      string // the response code a media type belongs to
	// wire is how the value travels: a media type, or "text" for a
	// parameter (a query, path, header or cookie value is text whatever
	// its schema's type).
	wire string
}

// side names the pair's direction for messages: request or response, or
// in a webhook or callback, where the API sends the request, who sends the
// value.
func (p *pair) side() string {
	if p.op != nil && (p.op.webhook || p.op.callback) {
		if p.dir == response {
			return "API-sent"
		}
		return "client-sent"
	}
	return p.dir.String()
}

// opPair is one operation in both versions.
type opPair struct {
	base, head *spec.Operation
	// webhook is set for an operation under the root's webhooks (3.1),
	// where the API sends the request and the subscriber answers: what
	// reaches the subscriber is judged as a response, what it sends back
	// as a request.
	webhook bool
	// callback is set for an operation under another's callbacks: the API
	// calls it too, so it is judged like a webhook. path is its JSON path.
	callback bool
	path     string
}

// dir is the direction data of a part of the operation travels, as seen
// by the API's users: flipped in a webhook.
func (o *opPair) dir(d direction) direction {
	if o.webhook || o.callback {
		return 1 - d
	}
	return d
}

func (o *opPair) String() string {
	if o.head != nil {
		return o.head.String()
	}
	return o.base.String()
}

// ctx carries one comparison.
type ctx struct {
	base, head *spec.Spec
	cfg        *Config
	byKind     map[pairKind][]*Check
	out        []Change
	seen       map[[3]any]bool // schema pairs compared in this operation
	flats      map[*yaml.Node]*flat
	cur        *Check // the check running, whose changes report records
	now        func() time.Time

	bDigest, hDigest *digester // content hashes, to skip schemas written alike
}

// Compare finds the changes from base to head.
func Compare(base, head *spec.Spec, cfg *Config) (*Result, error) {
	if cfg == nil {
		cfg = &Config{}
	}
	if err := cfg.check(); err != nil {
		return nil, err
	}
	c := &ctx{base: base, head: head, cfg: cfg, byKind: map[pairKind][]*Check{}, flats: map[*yaml.Node]*flat{}, now: time.Now}
	for _, ch := range Checks() {
		c.byKind[ch.on] = append(c.byKind[ch.on], ch)
	}
	bi, hi := base.Index(), head.Index()
	for _, op := range matchOperations(bi.Operations, hi.Operations) {
		c.seen = map[[3]any]bool{}
		c.operation(op)
	}
	for _, op := range matchOperations(webhooks(base), webhooks(head)) {
		op.webhook = true
		c.seen = map[[3]any]bool{}
		c.operation(op)
	}
	c.info()
	c.securitySchemes()
	kept, ignored := cfg.filter(merge(c.out))
	return &Result{Changes: kept, Ignored: ignored}, nil
}

// report records a change about p found by the check running now: the id
// and level come from the check value, never from a string written twice.
func (c *ctx) report(p *pair, format string, args ...any) *Change {
	ch := Change{
		Check:   c.cur.ID,
		Level:   c.cfg.level(c.cur),
		Message: fmt.Sprintf(format, args...),
		Path:    p.path,
		Base:    p.base.pos(),
		Head:    p.head.pos(),
	}
	if p.op != nil {
		ch.Operations = []string{p.op.String()}
	}
	if ch.Level == Breaking && p.op.unstable() {
		// Breaking changes are expected in a draft or alpha operation
		// (stability-decreased's doc).
		ch.Level = Info
	}
	if ch.Level == Off {
		return &ch
	}
	c.out = append(c.out, ch)
	return &c.out[len(c.out)-1]
}

var templateParam = regexp.MustCompile(`\{[^{}]*\}`)

// shape is a path with its parameter names blanked: /v2/droplets/{}.
func shape(path string) string { return templateParam.ReplaceAllString(path, "{}") }

// matchOperations pairs operations by method and path, then the rest by
// method and path shape, so renaming a path parameter is a rename, not a
// removal and an addition; two paths of one spec with the same shape
// (/a/{} beside /a/{id}) keep their own partners.
func matchOperations(base, head []*spec.Operation) []*opPair {
	key := func(o *spec.Operation) string { return o.Method + " " + shape(o.Path) }
	exact := map[string]*spec.Operation{}
	byShape := map[string][]*spec.Operation{}
	for _, o := range head {
		exact[o.Method+" "+o.Path] = o
		byShape[key(o)] = append(byShape[key(o)], o)
	}
	partner := make([]*spec.Operation, len(base))
	matched := map[*spec.Operation]bool{}
	for i, b := range base {
		if h := exact[b.Method+" "+b.Path]; h != nil && !matched[h] {
			partner[i], matched[h] = h, true
		}
	}
	for i, b := range base {
		if partner[i] != nil {
			continue
		}
		for _, h := range byShape[key(b)] {
			if !matched[h] {
				partner[i], matched[h] = h, true
				break
			}
		}
	}
	var out []*opPair
	for i, b := range base {
		out = append(out, &opPair{base: b, head: partner[i]})
	}
	for _, h := range head {
		if !matched[h] {
			out = append(out, &opPair{head: h})
		}
	}
	return out
}

func opSide(o *spec.Operation) side {
	if o == nil {
		return side{}
	}
	return side{Node: o.Node}
}

func (c *ctx) operation(op *opPair) {
	p := &pair{kind: pOperation, base: opSide(op.base), head: opSide(op.head), op: op, where: op.String()}
	p.path = op.path
	if p.path == "" {
		p.path = opPath(op.head)
		if op.head == nil {
			p.path = opPath(op.base)
		}
	}
	c.runChecks(p)
	if op.base == nil || op.head == nil {
		return
	}
	c.texts(p)
	c.parameters(op, p.path)
	c.requestBody(op, p.path)
	c.responses(op, p.path)
	if !op.webhook && !op.callback {
		c.security(op, p.path) // the API calls a webhook: no requirement of its users applies
	}
	c.callbacks(op, p.path)
}

// callbacks pairs the operations of an operation's callbacks by callback
// name, runtime expression and method, and compares them as the API's
// calls (directions flipped).
func (c *ctx) callbacks(op *opPair, path string) {
	list := func(s *spec.Spec, o *spec.Operation) map[string]*spec.Operation {
		out := map[string]*spec.Operation{}
		cbs := field(s, side{Node: o.Node}, "callbacks")
		for _, name := range unionKeys(cbs, side{}) {
			cb := field(s, cbs, name)
			exprs := unionKeys(cb, side{})
			for _, expr := range exprs {
				item := field(s, cb, expr)
				for _, method := range unionKeys(item, side{}) {
					if !httpMethods[method] {
						continue
					}
					n := field(s, item, method)
					if !n.ok() {
						continue
					}
					where := "callback " + name + " of " + op.String()
					if len(exprs) > 1 {
						where += " " + expr
					}
					out[name+"\x00"+expr+"\x00"+method] = &spec.Operation{Method: method, Path: where, Node: n.Node, PathItem: item.Node}
				}
			}
		}
		return out
	}
	bs, hs := list(c.base, op.base), list(c.head, op.head)
	keys := make([]string, 0, len(bs)+len(hs))
	for k := range bs {
		keys = append(keys, k)
	}
	for k := range hs {
		if bs[k] == nil {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		f := strings.Split(k, "\x00")
		cp := &opPair{base: bs[k], head: hs[k], callback: true,
			path: path + ".callbacks" + spec.PathSegment(f[0], false) + spec.PathSegment(f[1], false) + spec.PathSegment(f[2], false)}
		c.operation(cp)
	}
}

// webhookPrefix starts a webhook's Path, which is no path template: the
// messages read "POST webhook orderCreated".
const webhookPrefix = "webhook "

// webhooks lists the operations under the root's webhooks (OpenAPI 3.1),
// which the index does not list: their keys are names, not paths.
func webhooks(s *spec.Spec) []*spec.Operation {
	root := side{Node: spec.Node{File: s.Root, Node: s.Root.Doc}}
	hooks := field(s, root, "webhooks")
	if !hooks.ok() || hooks.Kind != yaml.MappingNode {
		return nil
	}
	var out []*spec.Operation
	for i := 0; i+1 < len(hooks.Content); i += 2 {
		name := hooks.Content[i].Value
		item := field(s, hooks, name)
		if !item.ok() || item.Kind != yaml.MappingNode {
			continue
		}
		for j := 0; j+1 < len(item.Content); j += 2 {
			method := item.Content[j].Value
			if !httpMethods[method] {
				continue
			}
			op := field(s, item, method)
			if !op.ok() {
				continue
			}
			out = append(out, &spec.Operation{Method: method, Path: webhookPrefix + name, Node: op.Node, PathItem: item.Node, Index: len(out)})
		}
	}
	return out
}

var httpMethods = map[string]bool{"get": true, "put": true, "post": true, "delete": true, "options": true, "head": true, "patch": true, "trace": true}

// opPath is an operation's JSON path; a webhook's is built from its name,
// since the index did not visit it.
func opPath(o *spec.Operation) string {
	if o == nil {
		return ""
	}
	if name, ok := strings.CutPrefix(o.Path, webhookPrefix); ok && o.Visit == nil {
		return "$.webhooks" + spec.PathSegment(name, false) + spec.PathSegment(o.Method, false)
	}
	return o.Visit.JSONPath()
}

func (c *ctx) runChecks(p *pair) {
	for _, ch := range c.byKind[p.kind] {
		c.cur = ch
		ch.fn(c, p)
	}
}

// field returns key's value in n with $refs followed, as a side.
func field(s *spec.Spec, n side, key string) side {
	if !n.ok() {
		return side{}
	}
	k, v := spec.GetKey(n.Node.Node, key)
	if v == nil {
		return side{}
	}
	d, err := s.Deref(spec.Node{File: n.File, Node: v})
	if err != nil {
		return side{}
	}
	return side{Node: d, key: k, from: n.File, ref: d.Node != v}
}

// texts pairs the description and summary of two objects.
func (c *ctx) texts(parent *pair) {
	for _, k := range []string{"summary", "description"} {
		b, h := field(c.base, parent.base, k), field(c.head, parent.head, k)
		if !b.ok() && !h.ok() {
			continue
		}
		c.runChecks(&pair{kind: pText, base: b, head: h, name: k, where: parent.where, path: parent.path + "." + k, op: parent.op, dir: parent.dir})
	}
}

// paramKey identifies a parameter: path parameters by their place in the
// template, so a renamed one still pairs.
func paramKey(o *spec.Operation, in, name string) string {
	if in == "path" {
		for i, m := range templateParam.FindAllString(o.Path, -1) {
			if m == "{"+name+"}" {
				return fmt.Sprintf("path#%d", i)
			}
		}
	}
	if in == "header" {
		// HTTP header names ignore case: X-Trace-Id and x-trace-id are one.
		name = strings.ToLower(name)
	}
	return in + ":" + name
}

type param struct {
	key  string
	name string
	in   string
	node side // placed at its item in the parameters list
}

// where names a parameter for messages. One written in another file (a
// shared parameter) is named without the operation, so a change to it reads
// the same, and is reported once, whichever operation reaches it.
func (p param) where(op *opPair) string {
	if p.node.shared() {
		return fmt.Sprintf("%s parameter %s", p.in, p.name)
	}
	return fmt.Sprintf("%s parameter %s", op, p.name)
}

// params lists an operation's parameters, path item ones first and
// overridden by the operation's own.
func params(s *spec.Spec, o *spec.Operation) []param {
	var out []param
	idx := map[string]int{}
	for _, holder := range []spec.Node{o.PathItem, o.Node} {
		list := field(s, side{Node: holder}, "parameters")
		if !list.ok() || list.Kind != yaml.SequenceNode {
			continue
		}
		for _, item := range list.Content {
			d, err := s.Deref(spec.Node{File: list.File, Node: item})
			if err != nil {
				continue
			}
			in, _ := spec.ScalarString(spec.Get(d.Node, "in"))
			name, _ := spec.ScalarString(spec.Get(d.Node, "name"))
			p := param{key: paramKey(o, in, name), name: name, in: in, node: side{Node: d, key: item, from: list.File, ref: d.Node != item}}
			if i, ok := idx[p.key]; ok {
				out[i] = p
				continue
			}
			idx[p.key] = len(out)
			out = append(out, p)
		}
	}
	return out
}

func (c *ctx) parameters(op *opPair, path string) {
	bs, hs := params(c.base, op.base), params(c.head, op.head)
	hm := map[string]param{}
	for _, h := range hs {
		hm[h.key] = h
	}
	done := map[string]bool{}
	for _, b := range bs {
		h, ok := hm[b.key]
		done[b.key] = true
		p := &pair{kind: pParameter, base: b.node, name: b.name, dir: op.dir(request), op: op, path: path + ".parameters", where: b.where(op), wire: "text"}
		if ok {
			p.head = h.node
			p.name = h.name
			p.where = h.where(op)
		}
		c.runChecks(p)
		if ok {
			c.texts(p)
			bs, hs := paramSchema(c.base, b.node), paramSchema(c.head, h.node)
			where := p.where
			if exploded(h) && !c.flatten(c.base, bs).isArray() && c.flatten(c.head, hs).isArray() {
				// One value sent as before still reads as an array of one
				// (?id=1 is id=[1]): judge the old value by the items.
				hs = c.flatten(c.head, hs).items
				where += " (now an array, each value)"
			}
			c.schema(p, bs, hs, where, p.path+".schema")
		}
	}
	for _, h := range hs {
		if !done[h.key] {
			c.runChecks(&pair{kind: pParameter, head: h.node, name: h.name, dir: op.dir(request), op: op, path: path + ".parameters",
				where: h.where(op)})
		}
	}
}

// paramSchema is a parameter's schema, or for one described by content
// (a JSON-encoded query value), the schema of its media type.
func paramSchema(s *spec.Spec, p side) side {
	if sc := field(s, p, "schema"); sc.ok() {
		return sc
	}
	content := field(s, p, "content")
	for _, name := range unionKeys(content, side{}) {
		return field(s, field(s, content, name), "schema")
	}
	return side{}
}

// exploded reports whether a parameter sends an array as the same name
// repeated, so that a single value is an array of one: a query or cookie
// parameter in style form (the default) with explode (form's default).
func exploded(p param) bool {
	in := p.in
	if in != "query" && in != "cookie" {
		return false
	}
	style := str(p.node, "style")
	explode := str(p.node, "explode")
	return (style == "" || style == "form") && explode != "false"
}

func (c *ctx) requestBody(op *opPair, path string) {
	b := field(c.base, side{Node: op.base.Node}, "requestBody")
	h := field(c.head, side{Node: op.head.Node}, "requestBody")
	if !b.ok() && !h.ok() {
		return
	}
	p := &pair{kind: pRequestBody, base: b, head: h, dir: op.dir(request), op: op, path: path + ".requestBody", where: op.String() + " request body"}
	c.runChecks(p)
	if b.ok() && h.ok() {
		c.content(p)
	}
}

// content pairs the media types of a body or response.
func (c *ctx) content(parent *pair) {
	bc, hc := field(c.base, parent.base, "content"), field(c.head, parent.head, "content")
	names := unionKeys(bc, hc)
	for _, name := range names {
		b, h := field(c.base, bc, name), field(c.head, hc, name)
		p := &pair{kind: pMediaType, base: b, head: h, name: name, dir: parent.dir, op: parent.op, where: parent.where, wire: name,
			path: parent.path + ".content" + spec.PathSegment(name, false)}
		if parent.kind == pResponse {
			p.status = parent.name
		}
		c.runChecks(p)
		if b.ok() && h.ok() {
			c.schema(p, field(c.base, b, "schema"), field(c.head, h, "schema"), parent.where, p.path+".schema")
		}
	}
}

// foldKeys pairs the keys of two mappings ignoring case, as HTTP header
// names are: [base name, head name], "" where one side lacks it.
func foldKeys(b, h side) [][2]string {
	var out [][2]string
	idx := map[string]int{}
	for i, s := range []side{b, h} {
		if !s.ok() || s.Kind != yaml.MappingNode {
			continue
		}
		for j := 0; j+1 < len(s.Content); j += 2 {
			k := s.Content[j].Value
			if strings.HasPrefix(k, "x-") {
				continue
			}
			lk := strings.ToLower(k)
			n, ok := idx[lk]
			if !ok {
				n = len(out)
				idx[lk] = n
				out = append(out, [2]string{})
			}
			if out[n][i] == "" {
				out[n][i] = k
			}
		}
	}
	return out
}

// unionKeys lists the keys of two mappings: base's order, then head's new ones.
func unionKeys(b, h side) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range []side{b, h} {
		if !s.ok() || s.Kind != yaml.MappingNode {
			continue
		}
		for i := 0; i+1 < len(s.Content); i += 2 {
			k := s.Content[i].Value
			if !seen[k] && !strings.HasPrefix(k, "x-") {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	return out
}

func (c *ctx) responses(op *opPair, path string) {
	br := field(c.base, side{Node: op.base.Node}, "responses")
	hr := field(c.head, side{Node: op.head.Node}, "responses")
	for _, code := range unionKeys(br, hr) {
		b, h := field(c.base, br, code), field(c.head, hr, code)
		p := &pair{kind: pResponse, base: b, head: h, name: code, dir: op.dir(response), op: op,
			path: path + ".responses" + spec.PathSegment(code, false), where: fmt.Sprintf("%s response %s", op, code)}
		if b.shared() && h.shared() && b.File.Path == h.File.Path {
			// A response written in a shared file reads, and is reported,
			// the same whichever operation reaches it.
			p.where = "response " + baseName(h.File)
		}
		c.runChecks(p)
		if !b.ok() || !h.ok() {
			continue
		}
		c.texts(p)
		c.content(p)
		bh, hh := field(c.base, b, "headers"), field(c.head, h, "headers")
		for _, names := range foldKeys(bh, hh) {
			name := names[1]
			if name == "" {
				name = names[0]
			}
			hp := &pair{kind: pHeader, name: name, dir: op.dir(response), op: op,
				path: p.path + ".headers" + spec.PathSegment(name, false), where: p.where + " header " + name}
			if names[0] != "" {
				hp.base = field(c.base, bh, names[0])
			}
			if names[1] != "" {
				hp.head = field(c.head, hh, names[1])
			}
			c.runChecks(hp)
			if hp.base.ok() && hp.head.ok() {
				c.texts(hp)
				c.schema(hp, field(c.base, hp.base, "schema"), field(c.head, hp.head, "schema"), hp.where, hp.path+".schema")
			}
		}
	}
}

// requirements is an operation's effective security: its own, else the
// root's (root true).
func requirements(s *spec.Spec, o *spec.Operation) (r side, root bool) {
	if r := field(s, side{Node: o.Node}, "security"); r.ok() {
		return r, false
	}
	if r := spec.Get(s.Root.Doc, "security"); r != nil {
		return side{Node: spec.Node{File: s.Root, Node: r}}, true
	}
	return side{}, false
}

func (c *ctx) security(op *opPair, path string) {
	b, bRoot := requirements(c.base, op.base)
	h, hRoot := requirements(c.head, op.head)
	where := op.String()
	if bRoot && hRoot {
		// A change of the root security is reported once, with every
		// operation that inherits it.
		where = "every operation under the root security"
	}
	c.runChecks(&pair{kind: pSecurity, base: b, head: h, op: op, path: path + ".security", where: where})
}

// info compares the API's own title and description.
func (c *ctx) info() {
	bi := field(c.base, side{Node: spec.Node{File: c.base.Root, Node: c.base.Root.Doc}}, "info")
	hi := field(c.head, side{Node: spec.Node{File: c.head.Root, Node: c.head.Root.Doc}}, "info")
	p := &pair{kind: pInfo, base: bi, head: hi, path: "$.info", where: "info"}
	c.runChecks(p)
	c.texts(p)
}

// securitySchemes pairs the schemes of components.securitySchemes by name.
func (c *ctx) securitySchemes() {
	get := func(s *spec.Spec) side {
		root := side{Node: spec.Node{File: s.Root, Node: s.Root.Doc}}
		return field(s, field(s, root, "components"), "securitySchemes")
	}
	b, h := get(c.base), get(c.head)
	for _, name := range unionKeys(b, h) {
		c.runChecks(&pair{kind: pSecurityScheme, base: field(c.base, b, name), head: field(c.head, h, name), name: name,
			where: "security scheme " + name, path: "$.components.securitySchemes" + spec.PathSegment(name, false)})
	}
}
