package lint

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	yaml "github.com/pb33f/go-yaml"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/dospec/dospec/internal/quickschema"
	"github.com/dospec/dospec/spec"
)

//go:embed oasschema/oas-3.0.json oasschema/oas-3.1.json
var oasSchemaFiles embed.FS

var oasSchema = &Rule{
	ID:    "oas3-schema",
	Title: "The document keeps to the OpenAPI 3.0 or 3.1 JSON Schema",
	Doc: `Validates the document against the JSON Schema the OpenAPI Initiative publishes
for its version (3.0.x or 3.1.x; in 3.1, Schema Objects against JSON Schema 2020-12):
unknown keys, wrong types (type: strnig, required: "yes"), values outside an enum
(in: body), missing required fields (a response without description, info without
version). Each problem is reported at the file, line and column where it is written;
an object behind a $ref is checked once, where it is written, as the object its
place needs.`,
	Bad:      "responses:\n  \"200\": {}\nparameters:\n  - {name: id, in: body}",
	Good:     "responses:\n  \"200\": {description: OK}\nparameters:\n  - {name: id, in: query}",
	Severity: Error,
	Check:    checkOASSchema,
}

// oasValidator holds the compiled schemas of one OpenAPI version.
type oasValidator struct {
	doc  *jsonschema.Schema
	defs map[spec.Kind]*jsonschema.Schema // an object of that kind behind a $ref
	meta *jsonschema.Schema               // 3.1: a Schema Object, against JSON Schema 2020-12
}

var (
	validatorsMu sync.Mutex
	validators   = map[string]*oasValidator{}
)

// defNames are the schema definitions for the objects a $ref may name.
var defNames = map[string]map[spec.Kind]string{
	"3.0": {
		spec.KindSchema: "#/definitions/Schema", spec.KindParameter: "#/definitions/Parameter",
		spec.KindResponse: "#/definitions/Response", spec.KindRequestBody: "#/definitions/RequestBody",
		spec.KindHeader: "#/definitions/Header", spec.KindExample: "#/definitions/Example",
		spec.KindLink: "#/definitions/Link", spec.KindCallback: "#/definitions/Callback",
		spec.KindSecurityScheme: "#/definitions/SecurityScheme", spec.KindPathItem: "#/definitions/PathItem",
	},
	"3.1": {
		spec.KindParameter: "#/$defs/parameter", spec.KindResponse: "#/$defs/response",
		spec.KindRequestBody: "#/$defs/request-body", spec.KindHeader: "#/$defs/header",
		spec.KindExample: "#/$defs/example", spec.KindLink: "#/$defs/link",
		spec.KindCallback: "#/$defs/callbacks", spec.KindSecurityScheme: "#/$defs/security-scheme",
		spec.KindPathItem: "#/$defs/path-item",
	},
}

// compiledOAS compiles (once) the schemas of version "3.0" or "3.1".
func compiledOAS(version string) (*oasValidator, error) {
	validatorsMu.Lock()
	defer validatorsMu.Unlock()
	if v := validators[version]; v != nil {
		return v, nil
	}
	data, err := oasSchemaFiles.ReadFile("oasschema/oas-" + version + ".json")
	if err != nil {
		return nil, err
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	if version == "3.0" {
		cheapReferences(doc)
	}
	const url = "urn:dospec:oas.json"
	c := jsonschema.NewCompiler()
	if err := c.AddResource(url, doc); err != nil {
		return nil, err
	}
	v := &oasValidator{defs: map[spec.Kind]*jsonschema.Schema{}}
	if v.doc, err = c.Compile(url); err != nil {
		return nil, fmt.Errorf("oas %s schema: %w", version, err)
	}
	for k, def := range defNames[version] {
		if v.defs[k], err = c.Compile(url + def); err != nil {
			return nil, fmt.Errorf("oas %s schema %s: %w", version, def, err)
		}
	}
	if version == "3.1" {
		if v.meta, err = c.Compile("https://json-schema.org/draft/2020-12/schema"); err != nil {
			return nil, err
		}
	}
	validators[version] = v
	return v, nil
}

// cheapReferences rewrites the 3.0 schema's "X or Reference" choices,
// oneOf [X, Reference], as anyOf [X, Reference]: the same verdict, since
// no value is both (a Reference needs $ref, which X does not allow), but
// a value that is an X is not also tried as a Reference, and one that is
// a Reference is tried as an X only once. It halves the rule's time on
// large specs.
func cheapReferences(v any) {
	switch v := v.(type) {
	case map[string]any:
		if branches, ok := v["oneOf"].([]any); ok && len(branches) == 2 {
			for i, b := range branches {
				if m, ok := b.(map[string]any); ok && len(m) == 1 && m["$ref"] == "#/definitions/Reference" {
					other := branches[1-i]
					if om, ok := other.(map[string]any); ok && len(om) == 1 && om["$ref"] != nil && v["anyOf"] == nil {
						delete(v, "oneOf")
						v["anyOf"] = []any{other, b}
					}
					break
				}
			}
		}
		for _, x := range v {
			cheapReferences(x)
		}
	case []any:
		for _, x := range v {
			cheapReferences(x)
		}
	}
}

// unit is one object validated on its own: the root document, or an
// object a $ref names, as the object its place needs.
type unit struct {
	file *spec.File
	node *yaml.Node
	kind spec.Kind
	path string // JSON path of its first use, for findings
}

type unitKey struct {
	node *yaml.Node
	kind spec.Kind
}

// converter turns YAML into the values a JSON Schema validator reads.
// Objects a $ref names where the schema allows a Reference Object stay
// {"$ref": …} and are validated as units of their own (once, however
// often they are used); $refs where OpenAPI has none (an operation in
// its own file, a description from another file) are followed.
type converter struct {
	s        *spec.Spec
	v31      bool
	queue    []unit
	queued   map[unitKey]bool
	inlining map[*yaml.Node]bool
	// 3.1: the outermost schema objects written in place, for the 2020-12
	// meta-schema (which checks the schemas nested in them too).
	schemas     []unit
	schemaDepth int
	// pathItems: each path item is a unit of its own (validated in
	// parallel with the rest), standing in the document as {$ref}.
	pathItems bool
	top       *yaml.Node // the node of the unit being converted
	// base and steps are the JSON path of the value being converted; the
	// string is built only for a unit that is queued (most values never
	// need theirs).
	base  string
	steps []step
}

// step is a key (index -1) or a list index.
type step struct {
	key   string
	index int
}

func (c *converter) push(s step) { c.steps = append(c.steps, s) }
func (c *converter) pop()        { c.steps = c.steps[:len(c.steps)-1] }

// path is the JSON path of the value being converted.
func (c *converter) path() string {
	var b strings.Builder
	b.WriteString(c.base)
	for _, s := range c.steps {
		if s.index >= 0 {
			b.WriteString("[" + strconv.Itoa(s.index) + "]")
		} else {
			b.WriteString(spec.PathSegment(s.key, false))
		}
	}
	return b.String()
}

// stubbed reports whether the $ref r at a place of kind k stays a
// Reference Object (validated apart) rather than being followed.
func (c *converter) stubbed(r *spec.Ref, k spec.Kind) bool {
	if r == nil {
		return false
	}
	if r.Data {
		return true
	}
	if k.Section() != "" {
		return true
	}
	return c.v31 && k == spec.KindPathItem && strings.HasPrefix(r.Raw, "#/components/pathItems/")
}

func (c *converter) enqueue(u unit) {
	key := unitKey{u.node, u.kind}
	if c.queued[key] {
		return
	}
	c.queued[key] = true
	c.queue = append(c.queue, u)
}

func (c *converter) value(f *spec.File, n *yaml.Node, k spec.Kind) any {
	n = spec.Unalias(n)
	if c.pathItems && k == spec.KindPathItem && n != c.top {
		c.enqueue(unit{file: f, node: n, kind: k, path: c.path()})
		return map[string]any{"$ref": "#"} // stands in; the path item is validated as a unit
	}
	if r := c.s.Ref(n); r != nil && r.Target != nil {
		if c.stubbed(r, k) {
			if !r.Data {
				c.enqueue(unit{file: r.File, node: r.Target, kind: k, path: c.path()})
			}
			return map[string]any{"$ref": r.Raw}
		}
		if c.inlining[r.Target] {
			return map[string]any{"$ref": r.Raw}
		}
		c.inlining[r.Target] = true
		v := c.value(r.File, r.Target, k)
		delete(c.inlining, r.Target)
		// Keys beside the $ref (3.1 summary, description) lie over it.
		if m, ok := v.(map[string]any); ok && len(n.Content) > 2 {
			over := make(map[string]any, len(m)+len(n.Content)/2)
			for key, val := range m {
				over[key] = val
			}
			for i := 0; i+1 < len(n.Content); i += 2 {
				if key := n.Content[i].Value; key != "$ref" {
					c.push(step{key: key, index: -1})
					over[key] = c.value(f, n.Content[i+1], k.Child(key))
					c.pop()
				}
			}
			return over
		}
		return v
	}
	if k == spec.KindSchema {
		if c.v31 && c.schemaDepth == 0 {
			c.schemas = append(c.schemas, unit{file: f, node: n, kind: k, path: c.path()})
		}
		c.schemaDepth++
		defer func() { c.schemaDepth-- }()
	}
	switch n.Kind {
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			key := spec.Unalias(n.Content[i]).Value
			c.push(step{key: key, index: -1})
			m[key] = c.value(f, n.Content[i+1], k.Child(key))
			c.pop()
		}
		return m
	case yaml.SequenceNode:
		l := make([]any, len(n.Content))
		ck := k.Child("")
		for i, item := range n.Content {
			c.push(step{index: i})
			l[i] = c.value(f, item, ck)
			c.pop()
		}
		return l
	}
	return scalarValue(n)
}

// scalarValue is a YAML scalar as JSON reads it.
func scalarValue(n *yaml.Node) any {
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		return n.Value == "true" || n.Value == "True" || n.Value == "TRUE"
	case "!!int":
		v := strings.TrimPrefix(strings.ReplaceAll(n.Value, "_", ""), "+")
		if strings.HasPrefix(v, "0o") || strings.HasPrefix(v, "-0o") {
			v = strings.Replace(v, "0o", "0", 1)
		}
		if i, ok := new(big.Int).SetString(v, 0); ok {
			return json.Number(i.String())
		}
	case "!!float":
		if f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64); err == nil && !isInfOrNaN(f) {
			return json.Number(strconv.FormatFloat(f, 'g', -1, 64))
		}
		if strings.ContainsAny(n.Value, "eE") {
			return json.Number(n.Value) // 1e400: exact, as written
		}
	}
	return n.Value
}

func isInfOrNaN(f float64) bool {
	return f != f || f > 1.7976931348623157e308 || f < -1.7976931348623157e308
}

// locate finds the node the instance location toks names inside u,
// following the $refs the converter followed. key is the key the node sits
// under, when it sits in a mapping.
func (c *converter) locate(u unit, toks []string) (f *spec.File, n, key *yaml.Node) {
	f, n, k := u.file, spec.Unalias(u.node), u.kind
	follow := func() {
		for range 32 {
			r := c.s.Ref(n)
			if r == nil || r.Target == nil || c.stubbed(r, k) {
				return
			}
			f, n = r.File, spec.Unalias(r.Target)
		}
	}
	follow()
	for _, tok := range toks {
		switch n.Kind {
		case yaml.MappingNode:
			kn, vn := spec.GetKey(n, tok)
			if vn == nil {
				return f, n, key // a key beside a followed $ref, or "$ref" of a stub
			}
			key, n, k = kn, vn, k.Child(tok)
		case yaml.SequenceNode:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(n.Content) {
				return f, n, key
			}
			key, n, k = nil, spec.Unalias(n.Content[i]), k.Child("")
		default:
			return f, n, key
		}
		follow()
	}
	return f, n, key
}

// schemaJob is one unit with the schema it is validated against.
type schemaJob struct {
	u   unit
	sch *jsonschema.Schema
	val any
}

// schemaJobs converts every unit of s (converting one finds the units its
// $refs name); they are then validated independently.
func schemaJobs(s *spec.Spec, v *oasValidator, version string) (*converter, []schemaJob) {
	c := &converter{s: s, v31: version == "3.1", queued: map[unitKey]bool{}, inlining: map[*yaml.Node]bool{}}
	if version == "3.0" {
		c.pathItems = v.defs[spec.KindPathItem] != nil
	}
	var jobs []schemaJob
	add := func(u unit, sch *jsonschema.Schema, depth int) {
		c.schemaDepth, c.top = depth, spec.Unalias(u.node)
		c.base, c.steps = u.path, c.steps[:0]
		val := c.value(u.file, u.node, u.kind)
		c.schemaDepth, c.top = 0, nil
		if r := c.s.Ref(spec.Unalias(u.node)); r != nil && c.stubbed(r, u.kind) {
			return // a $ref to a $ref: its target is the unit (queued by value)
		}
		jobs = append(jobs, schemaJob{u, sch, val})
	}
	add(unit{file: s.Root, node: s.Root.Doc, kind: spec.KindDocument, path: "$"}, v.doc, 0)
	for i := 0; i < len(c.queue); i++ {
		u := c.queue[i]
		switch {
		case u.kind == spec.KindSchema && v.meta != nil:
			add(u, v.meta, 1) // the meta-schema checks it whole
		case v.defs[u.kind] != nil:
			add(u, v.defs[u.kind], 0)
		}
	}
	for i := 0; i < len(c.schemas); i++ {
		add(c.schemas[i], v.meta, 1)
	}
	return c, jobs
}

func checkOASSchema(p *Pass) {
	version := "3.0"
	switch {
	case strings.HasPrefix(p.Spec.Version, "3.2"):
		return // no 3.2 schema is embedded yet; 3.1's would reject 3.2's new fields
	case strings.HasPrefix(p.Spec.Version, "3.1"):
		version = "3.1"
	}
	v, err := compiledOAS(version)
	if err != nil {
		p.ReportAt(p.Spec.Root.Pos(p.Spec.Root.Doc), "$", nil, "the OpenAPI %s schema does not compile: %v", version, err)
		return
	}
	c, jobs := schemaJobs(p.Spec, v, version)
	probs := make([][]problem, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := range next {
				if quickschema.Check(jobs[i].sch, jobs[i].val) == quickschema.Valid {
					continue
				}
				var ve *jsonschema.ValidationError
				if errors.As(jobs[i].sch.Validate(jobs[i].val), &ve) {
					probs[i] = explain(ve)
				}
			}
		})
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, j := range jobs {
		c.report(p, j.u, probs[i])
	}
}

// report reports unit u's problems where they are written.
func (c *converter) report(p *Pass, u unit, probs []problem) {
	for _, prob := range probs {
		f, n, key := c.locate(u, prob.at)
		if c.s.Broken(n) {
			continue // a $ref that names nothing: invalid-ref says so
		}
		if strings.Contains(prob.msg, subjectMark) {
			isItem := false
			if len(prob.at) > 0 {
				_, parent, _ := c.locate(u, prob.at[:len(prob.at)-1])
				isItem = parent.Kind == yaml.SequenceNode
			}
			prob.msg = strings.ReplaceAll(prob.msg, subjectMark, subject(prob.at, isItem))
		}
		at := n
		switch prob.kind {
		case problemUnknownKey:
			if kn, _ := spec.GetKey(n, prob.name); kn != nil {
				at = kn
			}
		case problemMissing:
			if key != nil {
				at = key
			}
		}
		p.ReportAt(f.Pos(at), u.path+jsonPathOf(prob.at), nil, "%s", prob.msg)
	}
}

func jsonPathOf(toks []string) string {
	var b strings.Builder
	for _, t := range toks {
		if _, err := strconv.Atoi(t); err == nil {
			b.WriteString("[" + t + "]")
			continue
		}
		b.WriteString(spec.PathSegment(t, false))
	}
	return b.String()
}

type problemKind int

const (
	problemOther problemKind = iota
	problemUnknownKey
	problemMissing
)

// problem is one thing wrong, in words.
type problem struct {
	at   []string // instance location
	kind problemKind
	name string // the unknown key
	msg  string
}

var printer = message.NewPrinter(language.English)

// explain turns a validation error tree into the problems to report. Of
// the branches of a oneOf or anyOf it keeps the one that came closest
// (errors deepest in the document, then fewest); where every branch
// rejects one value by enum, as ParameterLocation's do for `in`, it
// merges them into one list of what is allowed.
func explain(e *jsonschema.ValidationError) []problem {
	leaves := bestLeaves(e)
	var out []problem
	seen := map[string]bool{}
	enums := map[string][]any{}
	var enumOrder []string
	for _, l := range leaves {
		where := strings.Join(l.InstanceLocation, "\x00")
		switch k := l.ErrorKind.(type) {
		case *kind.Enum:
			if _, ok := enums[where]; !ok {
				enumOrder = append(enumOrder, where)
			}
			enums[where] = append(enums[where], k.Want...)
			continue
		case *kind.Const:
			if _, ok := enums[where]; !ok {
				enumOrder = append(enumOrder, where)
			}
			enums[where] = append(enums[where], k.Want)
			continue
		}
		for _, pr := range describe(l) {
			if id := strings.Join(pr.at, "\x00") + "\x01" + pr.msg; !seen[id] {
				seen[id] = true
				out = append(out, pr)
			}
		}
	}
	for _, where := range enumOrder {
		var toks []string
		if where != "" {
			toks = strings.Split(where, "\x00")
		}
		var names []string
		for _, w := range enums[where] {
			if s := fmt.Sprint(w); !slices.Contains(names, s) {
				names = append(names, s)
			}
		}
		msg := fmt.Sprintf("%s must be one of %s", subjectMark, strings.Join(names, ", "))
		if len(names) == 1 {
			msg = fmt.Sprintf("%s must be %s", subjectMark, names[0])
		}
		out = append(out, problem{at: toks, msg: msg})
	}
	sort.SliceStable(out, func(i, j int) bool { return strings.Join(out[i].at, "\x00") < strings.Join(out[j].at, "\x00") })
	return out
}

// bestLeaves is the errors without causes that explain e, choosing among
// alternatives.
func bestLeaves(e *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(e.Causes) == 0 {
		return []*jsonschema.ValidationError{e}
	}
	switch e.ErrorKind.(type) {
	case *kind.OneOf, *kind.AnyOf:
		var branches [][]*jsonschema.ValidationError
		for _, c := range e.Causes {
			branches = append(branches, bestLeaves(c))
		}
		if merged := sameEnum(branches); merged != nil {
			return merged
		}
		best := -1
		for i, b := range branches {
			if best < 0 || closer(b, branches[best]) {
				best = i
			}
		}
		return branches[best]
	}
	var out []*jsonschema.ValidationError
	for _, c := range e.Causes {
		out = append(out, bestLeaves(c)...)
	}
	return out
}

// sameEnum returns, when every branch rejects one and the same value by
// enum or const at its deepest level, those leaves of every branch: the
// branches are alternatives for that value (ParameterLocation's `in`).
func sameEnum(branches [][]*jsonschema.ValidationError) []*jsonschema.ValidationError {
	var common map[string]bool
	for _, b := range branches {
		here := map[string]bool{}
		deepest := depth(b)
		for _, l := range b {
			switch l.ErrorKind.(type) {
			case *kind.Enum, *kind.Const:
				if len(l.InstanceLocation) == deepest {
					here[strings.Join(l.InstanceLocation, "\x00")] = true
				}
			}
		}
		if common == nil {
			common = here
			continue
		}
		for w := range common {
			if !here[w] {
				delete(common, w)
			}
		}
	}
	if len(common) != 1 {
		return nil
	}
	var out []*jsonschema.ValidationError
	for _, b := range branches {
		for _, l := range b {
			switch l.ErrorKind.(type) {
			case *kind.Enum, *kind.Const:
				if common[strings.Join(l.InstanceLocation, "\x00")] {
					out = append(out, l)
				}
			}
		}
	}
	return out
}

func depth(b []*jsonschema.ValidationError) int {
	d := 0
	for _, l := range b {
		d = max(d, len(l.InstanceLocation))
	}
	return d
}

// closer reports whether branch a explains the failure better than b: a
// branch that only misses "$ref" (a Reference Object's) loses, then the
// deeper one, then the one with fewer errors.
func closer(a, b []*jsonschema.ValidationError) bool {
	if ra, rb := onlyRef(a), onlyRef(b); ra != rb {
		return rb
	}
	if da, db := depth(a), depth(b); da != db {
		return da > db
	}
	return len(a) < len(b)
}

func onlyRef(b []*jsonschema.ValidationError) bool {
	for _, l := range b {
		r, ok := l.ErrorKind.(*kind.Required)
		if !ok || len(r.Missing) != 1 || r.Missing[0] != "$ref" {
			return false
		}
	}
	return len(b) > 0
}

// subjectMark stands in a message for the value it is about, named by
// report once it knows whether the value is a list item.
const subjectMark = "\x00"

// subject names the value at toks for a message: "type", "tags"[2], the
// document. isItem tells whether the last token is a list index.
func subject(toks []string, isItem bool) string {
	if len(toks) == 0 {
		return "the document"
	}
	last := toks[len(toks)-1]
	if isItem && len(toks) > 1 {
		return strconv.Quote(toks[len(toks)-2]) + "[" + last + "]"
	}
	return strconv.Quote(last)
}

func describe(l *jsonschema.ValidationError) []problem {
	at := l.InstanceLocation
	switch k := l.ErrorKind.(type) {
	case *kind.AdditionalProperties:
		var out []problem
		for _, name := range k.Properties {
			out = append(out, problem{at: at, kind: problemUnknownKey, name: name, msg: fmt.Sprintf("unknown key %q", name)})
		}
		return out
	case *kind.FalseSchema:
		if len(at) > 0 {
			return []problem{{at: at[:len(at)-1], kind: problemUnknownKey, name: at[len(at)-1], msg: fmt.Sprintf("unknown key %q", at[len(at)-1])}}
		}
	case *kind.Required:
		var out []problem
		for _, m := range k.Missing {
			out = append(out, problem{at: at, kind: problemMissing, msg: fmt.Sprintf("%s is missing the required key %q", subjectMark, m)})
		}
		return out
	case *kind.Type:
		var want []string
		for _, w := range k.Want {
			want = append(want, article(w))
		}
		return []problem{{at: at, msg: fmt.Sprintf("%s must be %s, not %s", subjectMark, strings.Join(want, " or "), article(k.Got))}}
	case *kind.Pattern:
		return []problem{{at: at, msg: fmt.Sprintf("%s must match %s", subjectMark, k.Want)}}
	}
	return []problem{{at: at, msg: fmt.Sprintf("%s: %s", subjectMark, l.ErrorKind.LocalizedString(printer))}}
}

func article(t string) string {
	switch t {
	case "array", "object", "integer":
		return "an " + t
	case "null":
		return "null"
	}
	return "a " + t
}
