package spectral

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strings"

	"github.com/dop251/goja"
	yaml "github.com/pb33f/go-yaml"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/dospec/dospec/internal/quickschema"
	"github.com/dospec/dospec/spec"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

var printer = message.NewPrinter(language.English)

// fnResult is one problem a function reports: its message and, when it
// is not the input's, the path it is about.
type fnResult struct {
	msg  string
	path []string
}

type coreFunc func(e *engine, t *match, opts map[string]any) ([]fnResult, error)

// coreFunctions are spectral's core functions, in Go.
var coreFunctions = map[string]coreFunc{
	"truthy":       fnTruthy,
	"falsy":        fnFalsy,
	"defined":      fnDefined,
	"undefined":    fnUndefined,
	"pattern":      fnPattern,
	"casing":       fnCasing,
	"alphabetical": fnAlphabetical,
	"enumeration":  fnEnumeration,
	"length":       fnLength,
	"schema":       fnSchema,
	"xor":          fnXor,
	"or":           fnOr,
	"typedEnum":    fnTypedEnum,
}

// call runs then.function on t.
func (e *engine) call(rs *Ruleset, r *Rule, th Then, t *match) ([]fnResult, error) {
	if f := rs.functions[th.Function]; f != nil {
		return e.callJS(r, f, th.Options, t)
	}
	fn := coreFunctions[th.Function]
	if fn == nil {
		return nil, fmt.Errorf("unknown function (not a core function, and not in the ruleset's functions)")
	}
	return fn(e, t, th.Options)
}

// subject names the input for messages: its property, or "the value".
func subject(t *match) string {
	if t.last() == "" && t.depth == 0 && t.fixed == nil {
		return "the document"
	}
	return `"` + t.last() + `"`
}

func defined(t *match) bool { return t.keyOf || t.val.n != nil }

// goValue is the input as a Go value (resolved), for the functions that
// look at all of it.
func (e *engine) goValue(t *match) any { return e.inputAs(t, scalarGo) }

// inputAs is the input as Go values, its scalars made by scalar: a
// property name (~) as itself, a missing field as nil.
func (e *engine) inputAs(t *match, scalar func(*yaml.Node) any) any {
	if t.keyOf {
		return t.last()
	}
	if t.val.n == nil {
		return nil
	}
	return e.plainRef(t.val, map[*yaml.Node]bool{}, scalar)
}

// plainRef is r as Go values ($refs followed), its scalars made by scalar.
func (e *engine) plainRef(r ref, onPath map[*yaml.Node]bool, scalar func(*yaml.Node) any) any {
	r = e.deref(r)
	if onPath[r.n] {
		return map[string]any{} // a cycle: stop
	}
	switch r.n.Kind {
	case yaml.MappingNode:
		onPath[r.n] = true
		defer delete(onPath, r.n)
		m := map[string]any{}
		for i := 0; i+1 < len(r.n.Content); i += 2 {
			m[spec.Unalias(r.n.Content[i]).Value] = e.plainRef(ref{r.f, r.n.Content[i+1]}, onPath, scalar)
		}
		return m
	case yaml.SequenceNode:
		onPath[r.n] = true
		defer delete(onPath, r.n)
		l := make([]any, len(r.n.Content))
		for i, c := range r.n.Content {
			l[i] = e.plainRef(ref{r.f, c}, onPath, scalar)
		}
		return l
	}
	return scalar(r.n)
}

// schemaInstance is the input as the JSON Schema validator reads JSON:
// numbers as json.Number, written as encoding/json writes them.
func (e *engine) schemaInstance(t *match) any { return e.inputAs(t, jsonScalar) }

// jsonScalar is scalarGo with numbers as json.Number (scalarValue's
// numbers are finite, which JSON can write).
func jsonScalar(n *yaml.Node) any {
	if v := scalarValue(n); v.k == jsNumber {
		b, _ := json.Marshal(v.n)
		return json.Number(b)
	}
	return scalarGo(n)
}

// Truthy reports whether a YAML value is truthy in JavaScript, as
// spectral's truthy function sees it: null, false, 0, NaN and "" are not,
// nor is a missing value (nil); a mapping or list always is.
func Truthy(n *yaml.Node) bool {
	n = spec.Unalias(n)
	if n == nil {
		return false
	}
	if n.Kind != yaml.ScalarNode {
		return true
	}
	return jsTruthy(scalarGo(n), true)
}

// jsTruthy is JavaScript's truthiness.
func jsTruthy(v any, isDefined bool) bool {
	if !isDefined {
		return false
	}
	switch v := v.(type) {
	case nil:
		return false
	case bool:
		return v
	case float64:
		return v != 0 && v == v
	case string:
		return v != ""
	}
	return true
}

func fnTruthy(e *engine, t *match, _ map[string]any) ([]fnResult, error) {
	if jsTruthy(e.scalarish(t), defined(t)) {
		return nil, nil
	}
	return []fnResult{{msg: subject(t) + " property must be truthy"}}, nil
}

func fnFalsy(e *engine, t *match, _ map[string]any) ([]fnResult, error) {
	if !jsTruthy(e.scalarish(t), defined(t)) {
		return nil, nil
	}
	return []fnResult{{msg: subject(t) + " property must be falsy"}}, nil
}

// scalarish is the input for truthiness: a scalar's value, or a marker
// for a mapping or list (always truthy).
func (e *engine) scalarish(t *match) any {
	if t.keyOf {
		return e.goValue(t)
	}
	if t.val.n == nil {
		return nil
	}
	if t.val.n.Kind != yaml.ScalarNode {
		return struct{}{}
	}
	return scalarGo(t.val.n)
}

func fnDefined(_ *engine, t *match, _ map[string]any) ([]fnResult, error) {
	if defined(t) {
		return nil, nil
	}
	return []fnResult{{msg: subject(t) + " property must be defined"}}, nil
}

func fnUndefined(_ *engine, t *match, _ map[string]any) ([]fnResult, error) {
	if !defined(t) {
		return nil, nil
	}
	return []fnResult{{msg: subject(t) + " property must be undefined"}}, nil
}

// jsRegexp tests s against a JavaScript regular expression (written as
// /source/flags or as its source), in the JavaScript engine: Go's regexp
// lacks lookarounds and backreferences that rulesets use.
func (e *engine) jsRegexp(re, s string) (bool, error) {
	key := "re\x00" + re
	fn, ok := e.filters[key]
	if !ok {
		src, flags := re, ""
		if strings.HasPrefix(re, "/") && strings.LastIndex(re, "/") > 0 {
			i := strings.LastIndex(re, "/")
			src, flags = re[1:i], re[i+1:]
		}
		q, _ := json.Marshal(src)
		fq, _ := json.Marshal(flags)
		v, err := e.vm.RunString("(function(){ var re = new RegExp(" + string(q) + ", " + string(fq) + "); return function(s) { re.lastIndex = 0; return re.test(s); }; })()")
		if err != nil {
			return false, fmt.Errorf("pattern %q: %v", re, err)
		}
		fn, _ = goja.AssertFunction(v)
		e.filters[key] = fn
	}
	v, err := e.limit.run(func() (goja.Value, error) { return fn(goja.Undefined(), e.vm.ToValue(s)) })
	if err != nil {
		return false, fmt.Errorf("pattern %q %w", re, err)
	}
	return v.ToBoolean(), nil
}

func stringOf(e *engine, t *match) (string, bool) {
	v := e.goValue(t)
	switch v := v.(type) {
	case string:
		return v, true
	case float64, bool:
		return fmt.Sprint(v), true
	}
	return "", false
}

func fnPattern(e *engine, t *match, opts map[string]any) ([]fnResult, error) {
	s, ok := stringOf(e, t)
	if !ok {
		return nil, nil
	}
	var out []fnResult
	if m, ok := opts["match"].(string); ok {
		hit, err := e.jsRegexp(m, s)
		if err != nil {
			return nil, err
		}
		if !hit {
			out = append(out, fnResult{msg: fmt.Sprintf("%s must match the pattern %q", subjectValue(t, s), m)})
		}
	}
	if m, ok := opts["notMatch"].(string); ok {
		hit, err := e.jsRegexp(m, s)
		if err != nil {
			return nil, err
		}
		if hit {
			out = append(out, fnResult{msg: fmt.Sprintf("%s must not match the pattern %q", subjectValue(t, s), m)})
		}
	}
	return out, nil
}

func subjectValue(t *match, s string) string {
	if t.keyOf {
		return `"` + s + `"`
	}
	return subject(t)
}

var casings = map[string]string{
	"flat":   `[a-z][a-z{d}]*`,
	"camel":  `[a-z][a-z{d}]*(?:[A-Z{d}](?:[a-z{d}]+|$))*`,
	"pascal": `[A-Z][a-z{d}]*(?:[A-Z{d}](?:[a-z{d}]+|$))*`,
	"kebab":  `[a-z][a-z{d}]*(?:-[a-z{d}]+)*`,
	"cobol":  `[A-Z][A-Z{d}]*(?:-[A-Z{d}]+)*`,
	"snake":  `[a-z][a-z{d}]*(?:_[a-z{d}]+)*`,
	"macro":  `[A-Z][A-Z{d}]*(?:_[A-Z{d}]+)*`,
}

func fnCasing(e *engine, t *match, opts map[string]any) ([]fnResult, error) {
	s, ok := stringOf(e, t)
	if !ok || s == "" {
		return nil, nil
	}
	typ, _ := opts["type"].(string)
	pat, ok := casings[typ]
	if !ok {
		return nil, fmt.Errorf("casing: unknown type %q", typ)
	}
	digits := "0-9"
	if d, _ := opts["disallowDigits"].(bool); d {
		digits = ""
	}
	pat = strings.ReplaceAll(pat, "{d}", digits)
	full := "^" + pat + "$"
	if sep, ok := opts["separator"].(map[string]any); ok {
		char, _ := sep["char"].(string)
		lead, _ := sep["allowLeading"].(bool)
		q := regexp.QuoteMeta(char)
		full = "^"
		if lead {
			full += q + "?"
		}
		full += pat + "(?:" + q + pat + ")*$"
	}
	re, err := regexp.Compile(full)
	if err != nil {
		return nil, err
	}
	if re.MatchString(s) {
		return nil, nil
	}
	return []fnResult{{msg: fmt.Sprintf("%s must be %s case", subjectValue(t, s), typ)}}, nil
}

func fnAlphabetical(e *engine, t *match, opts map[string]any) ([]fnResult, error) {
	keyedBy, _ := opts["keyedBy"].(string)
	var keys []string
	switch v := e.goValue(t).(type) {
	case []any:
		for _, item := range v {
			if keyedBy != "" {
				if m, ok := item.(map[string]any); ok {
					keys = append(keys, fmt.Sprint(m[keyedBy]))
				}
				continue
			}
			keys = append(keys, fmt.Sprint(item))
		}
	case map[string]any:
		// Keys in source order.
		r := e.deref(t.val)
		for i := 0; i+1 < len(r.n.Content); i += 2 {
			keys = append(keys, r.n.Content[i].Value)
		}
	default:
		return nil, nil
	}
	if sort.StringsAreSorted(keys) {
		return nil, nil
	}
	return []fnResult{{msg: subject(t) + " must be sorted alphabetically"}}, nil
}

func fnEnumeration(e *engine, t *match, opts map[string]any) ([]fnResult, error) {
	if !defined(t) {
		return nil, nil
	}
	values, _ := opts["values"].([]any)
	v := e.goValue(t)
	for _, want := range values {
		if fmt.Sprint(want) == fmt.Sprint(v) {
			return nil, nil
		}
	}
	var names []string
	for _, w := range values {
		names = append(names, fmt.Sprint(w))
	}
	return []fnResult{{msg: fmt.Sprintf("%s must be equal to one of the allowed values: %s", subjectValue(t, fmt.Sprint(v)), strings.Join(names, ", "))}}, nil
}

func fnLength(e *engine, t *match, opts map[string]any) ([]fnResult, error) {
	if !defined(t) {
		return nil, nil
	}
	var n float64
	switch v := e.goValue(t).(type) {
	case string:
		n = float64(len([]rune(v)))
	case []any:
		n = float64(len(v))
	case map[string]any:
		n = float64(len(v))
	case float64:
		n = v
	default:
		return nil, nil
	}
	var out []fnResult
	if min, ok := opts["min"].(float64); ok && n < min {
		out = append(out, fnResult{msg: fmt.Sprintf("%s must be longer than %v", subject(t), min)})
	}
	if max, ok := opts["max"].(float64); ok && n > max {
		out = append(out, fnResult{msg: fmt.Sprintf("%s must be shorter than %v", subject(t), max)})
	}
	return out, nil
}

func fnXor(e *engine, t *match, opts map[string]any) ([]fnResult, error) {
	m, ok := e.goValue(t).(map[string]any)
	if !ok {
		return nil, nil
	}
	props := stringList(opts["properties"])
	n := 0
	for _, p := range props {
		if _, ok := m[p]; ok {
			n++
		}
	}
	if n == 1 {
		return nil, nil
	}
	return []fnResult{{msg: fmt.Sprintf("%s must not be both defined or both undefined", quoteAll(props, " and "))}}, nil
}

func fnOr(e *engine, t *match, opts map[string]any) ([]fnResult, error) {
	m, ok := e.goValue(t).(map[string]any)
	if !ok {
		return nil, nil
	}
	props := stringList(opts["properties"])
	for _, p := range props {
		if _, ok := m[p]; ok {
			return nil, nil
		}
	}
	return []fnResult{{msg: fmt.Sprintf("at least one of %s must be defined", quoteAll(props, ", "))}}, nil
}

func fnTypedEnum(e *engine, t *match, _ map[string]any) ([]fnResult, error) {
	m, ok := e.goValue(t).(map[string]any)
	if !ok {
		return nil, nil
	}
	enum, _ := m["enum"].([]any)
	typ, _ := m["type"].(string)
	if enum == nil || typ == "" {
		return nil, nil
	}
	var out []fnResult
	for i, v := range enum {
		ok := false
		switch typ {
		case "string":
			_, ok = v.(string)
		case "number":
			_, ok = v.(float64)
		case "integer":
			f, isNum := v.(float64)
			ok = isNum && f == float64(int64(f))
		case "boolean":
			_, ok = v.(bool)
		default:
			ok = true
		}
		if !ok && v != nil {
			out = append(out, fnResult{msg: fmt.Sprintf("enum value %v does not respect the specified type %q", v, typ), path: append(t.path(), "enum", fmt.Sprint(i))})
		}
	}
	return out, nil
}

func fnSchema(e *engine, t *match, opts map[string]any) ([]fnResult, error) {
	raw, ok := opts["schema"]
	if !ok {
		return nil, fmt.Errorf("schema: no schema option")
	}
	// A then's options are one map for all its calls: the compiled schema
	// is found by the map's identity, not by printing it each call.
	key := fmt.Sprintf("%p", raw)
	if m, ok := raw.(map[string]any); ok {
		key = fmt.Sprint(reflect.ValueOf(m).UnsafePointer())
	}
	sch, ok := e.schemas[key]
	if !ok {
		c := jsonschema.NewCompiler()
		b, _ := json.Marshal(raw)
		doc, err := jsonschema.UnmarshalJSON(strings.NewReader(string(b)))
		if err != nil {
			return nil, err
		}
		if err := c.AddResource("urn:dospec:rule-schema.json", doc); err != nil {
			return nil, err
		}
		if sch, err = c.Compile("urn:dospec:rule-schema.json"); err != nil {
			return nil, fmt.Errorf("schema: %v", err)
		}
		if e.schemas == nil {
			e.schemas = map[string]*jsonschema.Schema{}
		}
		e.schemas[key] = sch
	}
	if !defined(t) {
		// spectral's schema function: a missing value "must exist".
		return []fnResult{{msg: subject(t) + " property must exist"}}, nil
	}
	inst := e.schemaInstance(t)
	if quickschema.Check(sch, inst) == quickschema.Valid {
		return nil, nil
	}
	err := sch.Validate(inst)
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return nil, nil
	}
	var out []fnResult
	all := leaves(ve)
	if b, _ := opts["allErrors"].(bool); !b && len(all) > 1 {
		// spectral stops at the first error unless allErrors; its
		// validator meets the outermost failing value first.
		first := all[0]
		for _, l := range all[1:] {
			if len(l.InstanceLocation) < len(first.InstanceLocation) {
				first = l
			}
		}
		all = []*jsonschema.ValidationError{first}
	}
	for _, l := range all {
		path := append(t.path(), l.InstanceLocation...)
		out = append(out, fnResult{msg: fmt.Sprintf("%s %s", subject(&match{fixed: path}), l.ErrorKind.LocalizedString(printer)), path: path})
	}
	return out, nil
}

func leaves(e *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(e.Causes) == 0 {
		return []*jsonschema.ValidationError{e}
	}
	var out []*jsonschema.ValidationError
	for _, c := range e.Causes {
		out = append(out, leaves(c)...)
	}
	return out
}

func stringList(v any) []string {
	l, _ := v.([]any)
	var out []string
	for _, s := range l {
		out = append(out, fmt.Sprint(s))
	}
	return out
}

func quoteAll(s []string, sep string) string {
	q := make([]string, len(s))
	for i, v := range s {
		q[i] = `"` + v + `"`
	}
	return strings.Join(q, sep)
}
