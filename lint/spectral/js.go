package spectral

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unsafe"

	"github.com/dop251/goja"
	yaml "github.com/pb33f/go-yaml"

	"github.com/dospec/dospec/spec"
)

// jsFunc is a custom function of a ruleset: a file of functionsDir, or a
// function a JavaScript ruleset defines (module and index set).
type jsFunc struct {
	name, file string
	prog       *goja.Program
	module     *jsModule
	index      string
}

var (
	exportDefault = regexp.MustCompile(`(?m)^\s*export\s+default\s+`)
	importLine    = regexp.MustCompile(`(?m)^\s*import\s+.*?from\s+['"]([^'"]+)['"];?\s*$|^\s*import\s+['"]([^'"]+)['"];?\s*$`)
	exportNamed   = regexp.MustCompile(`(?m)^\s*export\s+(const|let|var|function|class)\s`)
)

// loadJSFunction reads a custom function written as an ES module
// (export default (input, options, context) => …) or CommonJS
// (module.exports = …), and compiles it.
func loadJSFunction(file, name string) (*jsFunc, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	src := string(data)
	if m := importLine.FindStringSubmatch(src); m != nil {
		mod := m[1] + m[2]
		return nil, fmt.Errorf("%s imports %q: custom functions that import modules are not supported yet", file, mod)
	}
	src = exportDefault.ReplaceAllString(src, "module.exports.default = ")
	src = exportNamed.ReplaceAllStringFunc(src, func(s string) string { return strings.Replace(s, "export ", "", 1) })
	wrapped := "(function(module, exports) {\n" + src + "\n;return module.exports;\n})"
	prog, err := goja.Compile(file, wrapped, false)
	if err != nil {
		return nil, fmt.Errorf("%s does not compile: %v", file, err)
	}
	return &jsFunc{name: name, file: file, prog: prog}, nil
}

// instance returns the function's callable in e's runtime.
func (e *engine) instance(f *jsFunc) (goja.Callable, error) {
	if e.funcs == nil {
		e.funcs = map[*jsFunc]goja.Callable{}
	}
	if c, ok := e.funcs[f]; ok {
		return c, nil
	}
	if f.module != nil {
		// Run the ruleset's module in this runtime (once) and take the
		// function it collected under that index.
		_, err := e.limit.run(func() (goja.Value, error) { return e.vm.RunProgram(f.module.prog) })
		if errors.Is(err, errTimeLimit) || err != nil && e.vm.Get("__customFns") == nil {
			return nil, err
		}
		fns := e.vm.Get("__customFns").ToObject(e.vm)
		c, ok := goja.AssertFunction(fns.Get(f.index))
		if !ok {
			return nil, fmt.Errorf("%s: function %s not found", f.file, f.index)
		}
		e.funcs[f] = c
		return c, nil
	}
	mv, err := e.limit.run(func() (goja.Value, error) {
		v, err := e.vm.RunProgram(f.prog)
		if err != nil {
			return nil, err
		}
		factory, _ := goja.AssertFunction(v)
		module := e.vm.NewObject()
		exports := e.vm.NewObject()
		_ = module.Set("exports", exports)
		return factory(goja.Undefined(), module, exports)
	})
	if err != nil {
		return nil, err
	}
	obj := mv.ToObject(e.vm)
	fnVal := obj.Get("default")
	if fnVal == nil || goja.IsUndefined(fnVal) {
		fnVal = mv
	}
	c, ok := goja.AssertFunction(fnVal)
	if !ok {
		return nil, fmt.Errorf("%s exports no function", f.file)
	}
	e.funcs[f] = c
	return c, nil
}

// callJS calls a custom function with spectral's (input, options, context).
func (e *engine) callJS(r *Rule, f *jsFunc, opts map[string]any, t *match) ([]fnResult, error) {
	c, err := e.instance(f)
	if err != nil {
		return nil, err
	}
	// A JavaScript array of JavaScript values: functions join and search
	// the path, and a wrapped Go slice would convert each item each time.
	// Steps repeat from call to call (properties, items, paths), so each
	// one is converted once.
	path := e.jsPath(t)
	// document, documentInventory and rule are the same for every call of
	// a rule: they sit on the context's prototype, and only path is the
	// call's own.
	ctx := e.vm.NewDynamicObject(&jsContext{path: path})
	_ = ctx.SetPrototype(e.ruleContext(r))
	var input goja.Value = goja.Undefined()
	switch {
	case t.keyOf && t.depth > 0:
		input = e.vm.ToValue(t.last())
	case t.val.n != nil:
		input = e.js(t.val)
	}
	res, err := e.limit.run(func() (goja.Value, error) { return c(goja.Undefined(), input, e.options(opts), ctx) })
	if err != nil {
		if errors.Is(err, errTimeLimit) {
			return nil, fmt.Errorf("%s on %s %w", f.file, strings.Join(t.path(), "."), err)
		}
		msg := err.Error()
		if ex, ok := err.(*goja.Exception); ok {
			msg = ex.Value().String()
		}
		return nil, fmt.Errorf("%s threw: %s", f.file, firstLine(msg))
	}
	return e.results(res)
}

// jsContext is a function's context object. A Go-backed object: a plain
// one cost a property map per call, a sixth of a call's garbage. path is
// its own; what a function sets on it is kept in order; the rest comes
// from the rule's prototype.
type jsContext struct {
	path  goja.Value
	names []string
	extra map[string]goja.Value
}

func (c *jsContext) Get(key string) goja.Value {
	if key == "path" {
		return c.path
	}
	return c.extra[key]
}

func (c *jsContext) Set(key string, v goja.Value) bool {
	if key == "path" {
		c.path = v
		return true
	}
	if c.extra == nil {
		c.extra = map[string]goja.Value{}
	}
	if _, ok := c.extra[key]; !ok {
		c.names = append(c.names, key)
	}
	c.extra[key] = v
	return true
}

func (c *jsContext) Has(key string) bool {
	if key == "path" {
		return c.path != nil
	}
	_, ok := c.extra[key]
	return ok
}

func (c *jsContext) Delete(key string) bool {
	if key == "path" {
		c.path = nil
		return true
	}
	if _, ok := c.extra[key]; ok {
		delete(c.extra, key)
		c.names = slices.DeleteFunc(c.names, func(n string) bool { return n == key })
	}
	return true
}

func (c *jsContext) Keys() []string {
	var out []string
	if c.path != nil {
		out = append(out, "path")
	}
	return append(out, c.names...)
}

// ruleContext is the prototype of r's functions' contexts: document (as
// in spectral, the root file as written), documentInventory (resolved
// too) and rule (its name, description, message, severity, resolved,
// recommended, documentationUrl, formats).
func (e *engine) ruleContext(r *Rule) *goja.Object {
	if p := e.ruleCtx[r]; p != nil {
		return p
	}
	if e.ctxProto == nil {
		root := ref{e.s.Root, e.s.Root.Doc}
		raw := e.jsValue(root, false)
		doc := e.vm.NewObject()
		_ = doc.Set("data", raw)
		inv := e.vm.NewObject()
		_ = inv.Set("resolved", e.jsValue(root, true))
		_ = inv.Set("unresolved", raw)
		e.ctxProto = e.vm.NewObject()
		_ = e.ctxProto.Set("document", doc)
		_ = e.ctxProto.Set("documentInventory", inv)
	}
	rule := e.vm.NewObject()
	for k, v := range map[string]any{"name": r.Name, "description": r.Description, "message": r.Message,
		"severity": r.Severity, "resolved": r.Resolved, "recommended": r.Recommended, "documentationUrl": r.DocURL} {
		_ = rule.Set(k, v)
	}
	formats := make([]any, len(r.Formats))
	for i, f := range r.Formats {
		formats[i] = f
	}
	_ = rule.Set("formats", e.vm.NewArray(formats...))
	p := e.vm.CreateObject(e.ctxProto)
	_ = p.Set("rule", rule)
	if e.ruleCtx == nil {
		e.ruleCtx = map[*Rule]*goja.Object{}
	}
	e.ruleCtx[r] = p
	return p
}

// step is a path step as JavaScript sees it: a number for a list index,
// else a string; converted once per engine.
func (e *engine) step(s string, index bool) goja.Value {
	if e.steps == nil {
		e.steps = map[string]goja.Value{}
		e.indexes = map[string]goja.Value{}
	}
	memo := e.steps
	if index {
		memo = e.indexes
	}
	if v, ok := memo[s]; ok {
		return v
	}
	var v goja.Value
	if index {
		n, _ := strconv.Atoi(s)
		v = e.vm.ToValue(n)
	} else {
		v = e.vm.ToValue(s)
	}
	memo[s] = v
	return v
}

// options is a then's functionOptions as JavaScript sees them, converted
// once: spectral too hands a function the same options object each call.
func (e *engine) options(opts map[string]any) goja.Value {
	if opts == nil {
		return goja.Null()
	}
	k := reflect.ValueOf(opts).UnsafePointer()
	if v, ok := e.opts[k]; ok {
		return v
	}
	if e.opts == nil {
		e.opts = map[unsafe.Pointer]goja.Value{}
	}
	v := e.vm.ToValue(opts)
	e.opts[k] = v
	return v
}

// allDigits reports whether s is a list index (strconv.Atoi on a key
// allocates an error, which costs on every call).
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func firstLine(s string) string {
	first, _, _ := strings.Cut(s, "\n")
	return first
}

// results reads a function's return value: undefined, or a list of
// {message, path}.
func (e *engine) results(v goja.Value) ([]fnResult, error) {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return nil, nil
	}
	exported := v.Export()
	list, ok := exported.([]any)
	if !ok {
		return nil, fmt.Errorf("returned %v, not a list of results", exported)
	}
	var out []fnResult
	for _, item := range list {
		m, ok := item.(map[string]any)
		if !ok {
			continue
		}
		r := fnResult{msg: fmt.Sprint(m["message"])}
		if m["message"] == nil {
			r.msg = ""
		}
		if p, ok := m["path"].([]any); ok {
			for _, s := range p {
				r.path = append(r.path, fmt.Sprint(s))
			}
		}
		out = append(out, r)
	}
	return out, nil
}

// jsPath is t's path as context.path: list indexes as numbers. Each
// match converts its own step once; the steps above it are shared by every
// match below them.
func (e *engine) jsPath(t *match) goja.Value {
	a := &jsPathArray{}
	if t.fixed != nil {
		a.vals = make([]goja.Value, len(t.fixed))
		for i, p := range t.fixed {
			a.vals[i] = e.step(p, false)
		}
	} else {
		a.vals = make([]goja.Value, t.depth)
		for cur := t; cur != nil && cur.depth > 0; cur = cur.parent {
			if cur.jsStep == nil {
				index := cur.key == nil && !cur.keyOf && cur.parent != nil && cur.parent.val.n != nil && cur.parent.val.n.Kind == yaml.SequenceNode
				cur.jsStep = e.step(cur.name, index && allDigits(cur.name))
			}
			a.vals[cur.depth-1] = cur.jsStep
		}
	}
	arr := e.vm.NewDynamicArray(a)
	_ = arr.SetPrototype(e.pathProto())
	return arr
}

// jsPathArray is context.path: a JavaScript array of the match's steps
// (strings, and numbers for list indexes) whose join, which custom
// functions call on nearly every call and often more than once, is done
// in Go and kept. A function may change the array; join then does what
// Array.prototype.join does.
type jsPathArray struct {
	vals   []goja.Value
	dirty  bool
	sep    string
	joined goja.Value // the last join, by sep, while not dirty
}

// join is Array.prototype.join for an array of strings and numbers.
func (a *jsPathArray) join(vm *goja.Runtime, sep string) goja.Value {
	if a.joined != nil && a.sep == sep {
		return a.joined
	}
	n := len(sep) * max(len(a.vals)-1, 0)
	for _, v := range a.vals {
		n += len(v.String())
	}
	var b strings.Builder
	b.Grow(n) // one allocation, not one per doubling
	for i, v := range a.vals {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(v.String())
	}
	a.sep, a.joined = sep, vm.ToValue(b.String())
	return a.joined
}

func (a *jsPathArray) Len() int { return len(a.vals) }
func (a *jsPathArray) Get(i int) goja.Value {
	if i < 0 || i >= len(a.vals) {
		return nil
	}
	return a.vals[i]
}
func (a *jsPathArray) Set(i int, v goja.Value) bool {
	if i < 0 {
		return false
	}
	a.dirty = true
	for len(a.vals) <= i {
		a.vals = append(a.vals, goja.Undefined())
	}
	a.vals[i] = v
	return true
}
func (a *jsPathArray) SetLen(n int) bool {
	if n < 0 {
		return false
	}
	a.dirty = true
	for len(a.vals) < n {
		a.vals = append(a.vals, goja.Undefined())
	}
	a.vals = a.vals[:n]
	return true
}

// pathProto is the prototype of context.path arrays: Array.prototype with
// join in Go.
func (e *engine) pathProto() *goja.Object {
	if e.pathProtoObj != nil {
		return e.pathProtoObj
	}
	arrayProto := e.vm.Get("Array").ToObject(e.vm).Get("prototype").ToObject(e.vm)
	generic, _ := goja.AssertFunction(arrayProto.Get("join"))
	proto := e.vm.NewObject()
	_ = proto.SetPrototype(arrayProto)
	join := func(call goja.FunctionCall) goja.Value {
		if obj, ok := call.This.(*goja.Object); ok {
			if a, ok := obj.Export().(*jsPathArray); ok && !a.dirty {
				sep := ","
				if arg := call.Argument(0); !goja.IsUndefined(arg) {
					sep = arg.String()
				}
				return a.join(e.vm, sep)
			}
		}
		v, err := generic(call.This, call.Arguments...)
		if err != nil {
			panic(err)
		}
		return v
	}
	_ = proto.DefineDataProperty("join", e.vm.ToValue(join), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	e.pathProtoObj = proto
	return proto
}

// js is a document value as JavaScript sees it (resolved or not as the
// rule running): scalars as values, mappings and lists as objects read on
// demand (a function that looks at two keys does not convert a whole
// schema).
func (e *engine) js(r ref) goja.Value { return e.jsValue(r, e.resolved) }

// jsValue is js in the resolved document or the one as written. A value
// is converted once, so a function meets the same object each time it
// sees the same value, as in spectral, where the document is one object.
func (e *engine) jsValue(r ref, resolved bool) goja.Value {
	r.n = spec.Unalias(r.n)
	if resolved {
		r = e.derefResolved(r)
	}
	k := jsKey{r.n, resolved}
	if v, ok := e.jsVals[k]; ok {
		return v
	}
	var v goja.Value
	switch r.n.Kind {
	case yaml.MappingNode:
		v = e.vm.NewDynamicObject(&jsObject{e: e, r: r, resolved: resolved})
	case yaml.SequenceNode:
		v = e.vm.NewDynamicArray(&jsArray{e: e, r: r, resolved: resolved})
	default:
		v = e.vm.ToValue(scalarGo(r.n))
	}
	if e.jsVals == nil {
		e.jsVals = map[jsKey]goja.Value{}
	}
	e.jsVals[k] = v
	return v
}

type jsKey struct {
	n        *yaml.Node
	resolved bool
}

type jsObject struct {
	e        *engine
	r        ref
	resolved bool
	vals     []goja.Value // each value read, by its key's index: functions read a key more than once
}

func (o *jsObject) Get(key string) goja.Value {
	for i := 0; i+1 < len(o.r.n.Content); i += 2 {
		if spec.Unalias(o.r.n.Content[i]).Value == key {
			if o.vals == nil {
				o.vals = make([]goja.Value, len(o.r.n.Content)/2)
			}
			if v := o.vals[i/2]; v != nil {
				return v
			}
			v := o.e.jsValue(ref{o.r.f, o.r.n.Content[i+1]}, o.resolved)
			o.vals[i/2] = v
			return v
		}
	}
	return nil
}
func (o *jsObject) Set(string, goja.Value) bool { return false }
func (o *jsObject) Has(key string) bool {
	for i := 0; i+1 < len(o.r.n.Content); i += 2 {
		if spec.Unalias(o.r.n.Content[i]).Value == key {
			return true
		}
	}
	return false
}
func (o *jsObject) Delete(string) bool { return false }
func (o *jsObject) Keys() []string {
	out := make([]string, 0, len(o.r.n.Content)/2)
	for i := 0; i+1 < len(o.r.n.Content); i += 2 {
		out = append(out, spec.Unalias(o.r.n.Content[i]).Value)
	}
	return out
}

type jsArray struct {
	e        *engine
	r        ref
	resolved bool
}

func (a *jsArray) Len() int { return len(a.r.n.Content) }
func (a *jsArray) Get(i int) goja.Value {
	if i < 0 || i >= len(a.r.n.Content) {
		return nil
	}
	return a.e.jsValue(ref{a.r.f, a.r.n.Content[i]}, a.resolved)
}
func (a *jsArray) Set(int, goja.Value) bool { return false }
func (a *jsArray) SetLen(int) bool          { return false }

// scalarGo is a scalar as a Go value: nil, bool, float64 or string.
func scalarGo(n *yaml.Node) any {
	v := scalarValue(n)
	switch v.k {
	case jsNull:
		return nil
	case jsBool:
		return v.b
	case jsNumber:
		return v.n
	}
	return v.s
}

// scalarValue is scalarGo without boxing the value in an interface.
func scalarValue(n *yaml.Node) fval {
	switch n.ShortTag() {
	case "!!null":
		return fval{k: jsNull}
	case "!!bool":
		return fval{k: jsBool, b: n.Value == "true" || n.Value == "True" || n.Value == "TRUE"}
	case "!!int", "!!float":
		if f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64); err == nil {
			return fval{k: jsNumber, n: f}
		}
		if i, err := strconv.ParseInt(n.Value, 0, 64); err == nil {
			return fval{k: jsNumber, n: float64(i)}
		}
	}
	return fval{k: jsString, s: n.Value}
}
