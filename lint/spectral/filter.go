package spectral

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"

	yaml "github.com/pb33f/go-yaml"
)

// Filters ([?(…)]) are JavaScript, and rulesets write them over every value
// of a document ($..[?(@ && @.type == "array")] in OWASP's): calling the
// JavaScript engine per value made such a rule cost about what it costs in
// spectral. The expressions rulesets write are a small part of the
// language (what spectral's own evaluator, nimma, takes: @, @property,
// @parentProperty, members, comparisons, && || !, match/includes), so those
// are evaluated here, with JavaScript's rules. An expression outside that
// part, or a value the rules here do not cover (an object compared with a
// string), goes to the JavaScript engine as before.

// jsKind is the type of a JavaScript value as a filter sees it.
type jsKind uint8

const (
	jsUndefined jsKind = iota
	jsNull
	jsBool
	jsNumber
	jsString
	jsObjectKind // a mapping of the document
	jsArrayKind  // a list of the document
	jsMatch      // what String.prototype.match returns when it matches: only its truth is known
	jsCtor       // a constructor (value.constructor): only its name is known
	jsRegexp
)

type fval struct {
	k  jsKind
	b  bool
	n  float64
	s  string // string value, constructor name, regexp source
	r  ref
	re *regexp.Regexp
}

var undefinedVal = fval{k: jsUndefined}

func (v fval) truthy() bool {
	switch v.k {
	case jsUndefined, jsNull:
		return false
	case jsBool:
		return v.b
	case jsNumber:
		return v.n != 0 && !math.IsNaN(v.n)
	case jsString:
		return v.s != ""
	}
	return true
}

// outcome of evaluating: a value, a thrown TypeError (the filter does not
// select the value, as with the JavaScript engine), or "not known here".
type outcome uint8

const (
	okay outcome = iota
	threw
	unknown
)

// fenv is what a filter sees: @, @property, @parentProperty.
type fenv struct {
	e            *engine
	val          fval
	prop, parent fval
}

type fexpr interface {
	eval(env *fenv) (fval, outcome)
}

// compileFilter parses expr, or returns nil when it is outside what is
// evaluated here.
func compileFilter(expr string) fexpr {
	toks, ok := lexFilter(expr)
	if !ok {
		return nil
	}
	p := &fparser{toks: toks}
	x := p.or()
	if x == nil || p.i != len(p.toks) {
		return nil
	}
	return x
}

type ftok struct {
	kind byte // 'i' identifier, 's' string, 'n' number, 'r' regexp, 'p' punctuation
	text string
	num  float64
	re   *regexp.Regexp
}

var puncts = []string{"===", "!==", "==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "(", ")", "[", "]", ".", ","}

func lexFilter(s string) ([]ftok, bool) {
	var out []ftok
	i := 0
	// operand tells whether a / starts a regular expression (no division
	// is evaluated here).
	operand := true
	for i < len(s) {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
			continue
		case c == '\'' || c == '"':
			str, n, ok := lexString(s[i:])
			if !ok {
				return nil, false
			}
			out = append(out, ftok{kind: 's', text: str})
			i += n
			operand = false
			continue
		case c >= '0' && c <= '9':
			j := i
			for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == '.') {
				j++
			}
			f, err := strconv.ParseFloat(s[i:j], 64)
			if err != nil {
				return nil, false
			}
			out = append(out, ftok{kind: 'n', num: f})
			i = j
			operand = false
			continue
		case c == '@' || c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			j := i + 1
			for j < len(s) && (s[j] == '_' || s[j] == '$' || s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z' || s[j] >= '0' && s[j] <= '9') {
				j++
			}
			if j < len(s) && s[j] == '@' {
				return nil, false // typeof@: one name once @ is spelled out for the JavaScript engine
			}
			out = append(out, ftok{kind: 'i', text: s[i:j]})
			i = j
			operand = false
			continue
		case c == '/' && operand:
			re, n, ok := lexRegexp(s[i:])
			if !ok {
				return nil, false
			}
			out = append(out, ftok{kind: 'r', re: re})
			i += n
			operand = false
			continue
		}
		matched := false
		for _, p := range puncts {
			if strings.HasPrefix(s[i:], p) {
				out = append(out, ftok{kind: 'p', text: p})
				i += len(p)
				operand = p != ")" && p != "]"
				matched = true
				break
			}
		}
		if !matched {
			return nil, false
		}
	}
	return out, true
}

// lexString reads a quoted string with the escapes rulesets use.
func lexString(s string) (string, int, bool) {
	q := s[0]
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case c == q:
			return b.String(), i + 1, true
		case c == '\\':
			if i+1 >= len(s) {
				return "", 0, false
			}
			i++
			switch s[i] {
			case '\\', '\'', '"', '/':
				b.WriteByte(s[i])
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			default:
				return "", 0, false
			}
		case c == '\n':
			return "", 0, false
		default:
			b.WriteByte(c)
		}
	}
	return "", 0, false
}

// lexRegexp reads /source/flags and compiles it where Go's regexp means
// what JavaScript's does.
func lexRegexp(s string) (*regexp.Regexp, int, bool) {
	inClass := false
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '[':
			inClass = true
		case ']':
			inClass = false
		case '/':
			if inClass {
				continue
			}
			j := i + 1
			for j < len(s) && s[j] >= 'a' && s[j] <= 'z' {
				j++
			}
			re, ok := goRegexp(s[1:i], s[i+1:j])
			return re, j, ok
		}
	}
	return nil, 0, false
}

// goRegexp translates a JavaScript regular expression that uses only
// constructs both engines read alike (ASCII, no lookaround, no
// backreference); anything else is left to the JavaScript engine. A dot
// does not match JavaScript's line terminators.
func goRegexp(src, flags string) (*regexp.Regexp, bool) {
	var b strings.Builder
	for _, f := range flags {
		switch f {
		case 'i':
			b.WriteString("(?i)")
		case 'g', 'u':
		default:
			return nil, false
		}
	}
	inClass := false
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c >= 0x80:
			return nil, false
		case c == '\\':
			if i+1 >= len(src) {
				return nil, false
			}
			i++
			d := src[i]
			switch {
			case strings.IndexByte(`dwDW.\/-^$*+?()[]{}|`, d) >= 0:
				if d == '/' {
					b.WriteByte('/')
				} else {
					b.WriteByte('\\')
					b.WriteByte(d)
				}
			default:
				return nil, false // \s, \b, \1, \u… differ or are not here
			}
		case c == '.' && !inClass:
			b.WriteString(`[^\n\r\x{2028}\x{2029}]`)
		case c == '[':
			if inClass {
				return nil, false
			}
			inClass = true
			b.WriteByte(c)
			if i+1 < len(src) && src[i+1] == ']' {
				return nil, false // [] matches nothing in JavaScript
			}
		case c == ']' && inClass:
			inClass = false
			b.WriteByte(c)
		case c == '(' && i+1 < len(src) && src[i+1] == '?':
			if i+2 < len(src) && src[i+2] == ':' {
				b.WriteString("(?:")
				i += 2
				continue
			}
			return nil, false // lookaround, named groups
		case c == '{' && !inClass:
			// a quantifier {n}, {n,}, {n,m}; a lone { is literal in
			// JavaScript but an error in Go
			j := i + 1
			for j < len(src) && (src[j] >= '0' && src[j] <= '9' || src[j] == ',') {
				j++
			}
			if j == i+1 || j >= len(src) || src[j] != '}' {
				return nil, false
			}
			b.WriteString(src[i : j+1])
			i = j
		default:
			b.WriteByte(c)
		}
	}
	re, err := regexp.Compile(b.String())
	if err != nil {
		return nil, false
	}
	return re, true
}

type fparser struct {
	toks []ftok
	i    int
}

func (p *fparser) peek(text string) bool {
	return p.i < len(p.toks) && p.toks[p.i].kind == 'p' && p.toks[p.i].text == text
}

func (p *fparser) eat(text string) bool {
	if p.peek(text) {
		p.i++
		return true
	}
	return false
}

func (p *fparser) or() fexpr { return p.logical("||", false, p.and) }

func (p *fparser) and() fexpr { return p.logical("&&", true, p.equality) }

// logical parses operands joined by op (&& when and), left to right.
func (p *fparser) logical(op string, and bool, operand func() fexpr) fexpr {
	x := operand()
	for x != nil && p.eat(op) {
		y := operand()
		if y == nil {
			return nil
		}
		x = logical{x, y, and}
	}
	return x
}

func (p *fparser) equality() fexpr {
	return p.comparison([]string{"===", "!==", "==", "!="}, p.relational)
}

func (p *fparser) relational() fexpr {
	return p.comparison([]string{"<=", ">=", "<", ">"}, p.unary)
}

// comparison parses operands joined by any of ops, left to right.
func (p *fparser) comparison(ops []string, operand func() fexpr) fexpr {
	x := operand()
	for x != nil {
		op := ""
		for _, o := range ops {
			if p.eat(o) {
				op = o
				break
			}
		}
		if op == "" {
			return x
		}
		y := operand()
		if y == nil {
			return nil
		}
		x = compare{op, x, y}
	}
	return x
}

func (p *fparser) unary() fexpr {
	if p.eat("!") {
		x := p.unary()
		if x == nil {
			return nil
		}
		return not{x}
	}
	if p.i < len(p.toks) && p.toks[p.i].kind == 'i' {
		switch p.toks[p.i].text {
		case "typeof":
			p.i++
			x := p.unary()
			if x == nil {
				return nil
			}
			return typeOf{x}
		case "void":
			p.i++
			if x := p.unary(); x == nil {
				return nil
			}
			return literal{undefinedVal}
		}
	}
	return p.postfix()
}

func (p *fparser) postfix() fexpr {
	x := p.primary()
	for x != nil {
		switch {
		case p.eat("."):
			if p.i >= len(p.toks) || p.toks[p.i].kind != 'i' {
				return nil
			}
			name := p.toks[p.i].text
			p.i++
			if p.eat("(") {
				var args []fexpr
				for !p.eat(")") {
					if len(args) > 0 && !p.eat(",") {
						return nil
					}
					a := p.or()
					if a == nil {
						return nil
					}
					args = append(args, a)
				}
				x = call{x, name, args}
				continue
			}
			x = member{x, literal{fval{k: jsString, s: name}}}
		case p.eat("["):
			key := p.or()
			if key == nil || !p.eat("]") {
				return nil
			}
			x = member{x, key}
		default:
			return x
		}
	}
	return x
}

func (p *fparser) primary() fexpr {
	if p.i >= len(p.toks) {
		return nil
	}
	t := p.toks[p.i]
	p.i++
	switch t.kind {
	case 's':
		return literal{fval{k: jsString, s: t.text}}
	case 'n':
		return literal{fval{k: jsNumber, n: t.num}}
	case 'r':
		return literal{fval{k: jsRegexp, re: t.re}}
	case 'i':
		switch t.text {
		case "@":
			return atValue{}
		case "@property":
			return atProperty{}
		case "@parentProperty":
			return atParent{}
		case "true", "false":
			return literal{fval{k: jsBool, b: t.text == "true"}}
		case "null":
			return literal{fval{k: jsNull}}
		case "undefined":
			return literal{undefinedVal}
		}
		return nil // @path, @root, other names: the JavaScript engine
	case 'p':
		if t.text == "(" {
			x := p.or()
			if x == nil || !p.eat(")") {
				return nil
			}
			return x
		}
	}
	return nil
}

type literal struct{ v fval }

func (l literal) eval(*fenv) (fval, outcome) { return l.v, okay }

type atValue struct{}

func (atValue) eval(env *fenv) (fval, outcome) { return env.val, okay }

type atProperty struct{}

func (atProperty) eval(env *fenv) (fval, outcome) { return env.prop, okay }

type atParent struct{}

func (atParent) eval(env *fenv) (fval, outcome) { return env.parent, okay }

type logical struct {
	x, y fexpr
	and  bool
}

func (l logical) eval(env *fenv) (fval, outcome) {
	a, o := l.x.eval(env)
	if o != okay {
		return a, o
	}
	if a.truthy() != l.and {
		return a, okay
	}
	return l.y.eval(env)
}

type not struct{ x fexpr }

func (n not) eval(env *fenv) (fval, outcome) {
	a, o := n.x.eval(env)
	if o != okay {
		return a, o
	}
	return fval{k: jsBool, b: !a.truthy()}, okay
}

type typeOf struct{ x fexpr }

func (t typeOf) eval(env *fenv) (fval, outcome) {
	a, o := t.x.eval(env)
	if o != okay {
		return a, o
	}
	name := ""
	switch a.k {
	case jsUndefined:
		name = "undefined"
	case jsNull, jsObjectKind, jsArrayKind, jsMatch, jsRegexp:
		name = "object"
	case jsBool:
		name = "boolean"
	case jsNumber:
		name = "number"
	case jsString:
		name = "string"
	case jsCtor:
		name = "function"
	}
	return fval{k: jsString, s: name}, okay
}

// operands evaluates x, then y, as JavaScript does; at the first that gives
// no value (it threw, or is not known here) it stops, and b is that one.
func operands(env *fenv, x, y fexpr) (a, b fval, o outcome) {
	if a, o = x.eval(env); o != okay {
		return a, a, o
	}
	b, o = y.eval(env)
	return a, b, o
}

type compare struct {
	op   string
	x, y fexpr
}

func (c compare) eval(env *fenv) (fval, outcome) {
	a, b, o := operands(env, c.x, c.y)
	if o != okay {
		return b, o
	}
	var res bool
	switch c.op {
	case "===", "!==":
		eq, o := strictEqual(a, b)
		if o != okay {
			return undefinedVal, o
		}
		res = eq == (c.op == "===")
	case "==", "!=":
		eq, o := looseEqual(a, b)
		if o != okay {
			return undefinedVal, o
		}
		res = eq == (c.op == "==")
	default:
		r, o := relate(c.op, a, b)
		if o != okay {
			return undefinedVal, o
		}
		res = r
	}
	return fval{k: jsBool, b: res}, okay
}

// opaque kinds are values whose identity or content is not known here.
func opaque(v fval) bool { return v.k == jsMatch || v.k == jsCtor || v.k == jsRegexp }

func strictEqual(a, b fval) (bool, outcome) {
	if opaque(a) || opaque(b) {
		return false, unknown
	}
	if a.k != b.k {
		return false, okay
	}
	switch a.k {
	case jsUndefined, jsNull:
		return true, okay
	case jsBool:
		return a.b == b.b, okay
	case jsNumber:
		return a.n == b.n, okay
	case jsString:
		return a.s == b.s, okay
	}
	return a.r.n == b.r.n, okay // a document value is one object
}

func looseEqual(a, b fval) (bool, outcome) {
	if opaque(a) || opaque(b) {
		return false, unknown
	}
	nullish := func(v fval) bool { return v.k == jsUndefined || v.k == jsNull }
	switch {
	case a.k == b.k:
		return strictEqual(a, b)
	case nullish(a) || nullish(b):
		return nullish(a) && nullish(b), okay
	case a.k == jsBool:
		return looseEqual(fval{k: jsNumber, n: boolNumber(a.b)}, b)
	case b.k == jsBool:
		return looseEqual(a, fval{k: jsNumber, n: boolNumber(b.b)})
	case a.k == jsNumber && b.k == jsString:
		n, ok := stringNumber(b.s)
		return ok && a.n == n, outcomeOf(ok)
	case a.k == jsString && b.k == jsNumber:
		n, ok := stringNumber(a.s)
		return ok && n == b.n, outcomeOf(ok)
	case a.k == jsObjectKind || a.k == jsArrayKind:
		if p, ok := toPrimitive(a); ok {
			return looseEqual(p, b)
		}
	case b.k == jsObjectKind || b.k == jsArrayKind:
		if p, ok := toPrimitive(b); ok {
			return looseEqual(a, p)
		}
	}
	return false, unknown
}

// toPrimitive is what == turns a document object into: a mapping is
// "[object Object]", a list its items joined with commas. Mappings with a
// toString or valueOf key, and lists holding anything but strings and
// nulls, are not known here.
func toPrimitive(v fval) (fval, bool) {
	n := v.r.n
	if v.k == jsObjectKind {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k := n.Content[i].Value; k == "toString" || k == "valueOf" {
				return undefinedVal, false
			}
		}
		return fval{k: jsString, s: "[object Object]"}, true
	}
	parts := make([]string, len(n.Content))
	for i, item := range n.Content {
		if item.Kind != yaml.ScalarNode {
			return undefinedVal, false
		}
		switch x := scalarValue(item); x.k {
		case jsNull:
		case jsString:
			parts[i] = x.s
		default:
			return undefinedVal, false
		}
	}
	return fval{k: jsString, s: strings.Join(parts, ",")}, true
}

func outcomeOf(ok bool) outcome {
	if ok {
		return okay
	}
	return unknown
}

func boolNumber(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// stringNumber is Number(s): a decimal number, NaN for text that is no
// number; hexadecimal, octal, binary, Infinity and odd white space are not
// known here.
func stringNumber(s string) (float64, bool) {
	if strings.ContainsRune(s, '\uFEFF') {
		return 0, false
	}
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, true
	}
	if strings.Contains(t, "Infinity") || len(t) > 1 && t[0] == '0' && strings.ContainsAny(t[1:2], "xXoObB") {
		return 0, false
	}
	if !decimalNumber.MatchString(t) {
		return math.NaN(), true
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil {
		return 0, false
	}
	return f, true
}

var decimalNumber = regexp.MustCompile(`^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$`)

func relate(op string, a, b fval) (bool, outcome) {
	switch {
	case a.k == jsNumber && b.k == jsNumber:
		switch op {
		case "<":
			return a.n < b.n, okay
		case ">":
			return a.n > b.n, okay
		case "<=":
			return a.n <= b.n, okay
		default:
			return a.n >= b.n, okay
		}
	case a.k == jsString && b.k == jsString && ascii(a.s) && ascii(b.s):
		switch op {
		case "<":
			return a.s < b.s, okay
		case ">":
			return a.s > b.s, okay
		case "<=":
			return a.s <= b.s, okay
		default:
			return a.s >= b.s, okay
		}
	}
	return false, unknown
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

type member struct {
	x, key fexpr
}

func (m member) eval(env *fenv) (fval, outcome) {
	obj, k, o := operands(env, m.x, m.key)
	if o != okay {
		return k, o
	}
	var name string
	switch k.k {
	case jsString:
		name = k.s
	case jsNumber:
		if k.n != math.Trunc(k.n) || k.n < 0 {
			return undefinedVal, unknown
		}
		name = strconv.Itoa(int(k.n))
	default:
		return undefinedVal, unknown
	}
	return env.get(obj, name)
}

// objectProto are the names every object inherits; reading one is left
// to the JavaScript engine.
var objectProto = map[string]bool{"toString": true, "valueOf": true, "hasOwnProperty": true, "isPrototypeOf": true,
	"propertyIsEnumerable": true, "toLocaleString": true, "__proto__": true, "__defineGetter__": true,
	"__defineSetter__": true, "__lookupGetter__": true, "__lookupSetter__": true}

// protoNames are the names strings, numbers, booleans and lists inherit
// (besides objectProto); reading one is left to the JavaScript engine, any
// other name is undefined.
var protoNames = map[jsKind]map[string]bool{
	jsString: setOf("at", "charAt", "charCodeAt", "codePointAt", "concat", "endsWith", "includes", "indexOf",
		"lastIndexOf", "localeCompare", "match", "matchAll", "normalize", "padEnd", "padStart", "repeat", "replace",
		"replaceAll", "search", "slice", "split", "startsWith", "substr", "substring", "toLocaleLowerCase",
		"toLocaleUpperCase", "toLowerCase", "toUpperCase", "trim", "trimEnd", "trimStart", "trimLeft", "trimRight",
		"anchor", "big", "blink", "bold", "fixed", "fontcolor", "fontsize", "italics", "link", "small", "strike",
		"sub", "sup", "isWellFormed", "toWellFormed"),
	jsNumber: setOf("toExponential", "toFixed", "toPrecision"),
	jsBool:   setOf(),
	jsArrayKind: setOf("at", "concat", "copyWithin", "entries", "every", "fill", "filter", "find", "findIndex",
		"findLast", "findLastIndex", "flat", "flatMap", "forEach", "includes", "indexOf", "join", "keys",
		"lastIndexOf", "map", "pop", "push", "reduce", "reduceRight", "reverse", "shift", "slice", "some", "sort",
		"splice", "toReversed", "toSorted", "toSpliced", "unshift", "values", "with"),
}

func setOf(names ...string) map[string]bool {
	m := map[string]bool{}
	for _, n := range names {
		m[n] = true
	}
	return m
}

// inherited is obj[name] for a name obj does not hold itself.
func inherited(k jsKind, name string) (fval, outcome) {
	if objectProto[name] || protoNames[k][name] {
		return undefinedVal, unknown
	}
	return undefinedVal, okay
}

var ctorNames = map[jsKind]string{jsObjectKind: "Object", jsArrayKind: "Array", jsString: "String", jsNumber: "Number", jsBool: "Boolean"}

// get is obj[name].
func (env *fenv) get(obj fval, name string) (fval, outcome) {
	switch obj.k {
	case jsUndefined, jsNull:
		return undefinedVal, threw // TypeError: cannot read properties of undefined
	case jsObjectKind:
		for _, c := range env.e.children(obj.r) {
			if c.name == name {
				return env.e.fvalue(c.val), okay
			}
		}
		if name == "constructor" {
			return fval{k: jsCtor, s: "Object"}, okay
		}
		if objectProto[name] {
			return undefinedVal, unknown
		}
		return undefinedVal, okay
	case jsArrayKind:
		if name == "length" {
			return fval{k: jsNumber, n: float64(len(obj.r.n.Content))}, okay
		}
		if name == "constructor" {
			return fval{k: jsCtor, s: "Array"}, okay
		}
		if i, err := strconv.Atoi(name); err == nil && strconv.Itoa(i) == name {
			kids := env.e.children(obj.r)
			if i < len(kids) {
				return env.e.fvalue(kids[i].val), okay
			}
			return undefinedVal, okay
		}
		return inherited(obj.k, name)
	case jsString:
		switch name {
		case "length":
			return fval{k: jsNumber, n: float64(len(utf16.Encode([]rune(obj.s))))}, okay
		case "constructor":
			return fval{k: jsCtor, s: "String"}, okay
		}
		if i, err := strconv.Atoi(name); err == nil && strconv.Itoa(i) == name {
			return undefinedVal, unknown // a character
		}
		return inherited(obj.k, name)
	case jsNumber, jsBool:
		if name == "constructor" {
			return fval{k: jsCtor, s: ctorNames[obj.k]}, okay
		}
		return inherited(obj.k, name)
	case jsCtor:
		if name == "name" {
			return fval{k: jsString, s: obj.s}, okay
		}
	}
	return undefinedVal, unknown
}

type call struct {
	x    fexpr
	name string
	args []fexpr
}

func (c call) eval(env *fenv) (fval, outcome) {
	recv, o := c.x.eval(env)
	if o != okay {
		return recv, o
	}
	args := make([]fval, len(c.args))
	for i, a := range c.args {
		v, o := a.eval(env)
		if o != okay {
			return v, o
		}
		args[i] = v
	}
	switch recv.k {
	case jsUndefined, jsNull:
		return undefinedVal, threw
	case jsString:
		return stringMethod(recv.s, c.name, args)
	case jsArrayKind:
		if c.name == "includes" && len(args) == 1 {
			for _, kid := range env.e.children(recv.r) {
				item := env.e.fvalue(kid.val)
				eq, o := strictEqual(item, args[0])
				if o != okay {
					return undefinedVal, o
				}
				nan := item.k == jsNumber && args[0].k == jsNumber && math.IsNaN(item.n) && math.IsNaN(args[0].n)
				if eq || nan { // SameValueZero
					return fval{k: jsBool, b: true}, okay
				}
			}
			return fval{k: jsBool, b: false}, okay
		}
	case jsRegexp:
		if c.name == "test" && len(args) == 1 && args[0].k == jsString {
			return fval{k: jsBool, b: recv.re.MatchString(args[0].s)}, okay
		}
	case jsObjectKind:
		// a mapping's own key is no function; inherited methods are the
		// JavaScript engine's
		if !objectProto[c.name] && c.name != "constructor" {
			return undefinedVal, threw
		}
	}
	return undefinedVal, unknown
}

func stringMethod(s, name string, args []fval) (fval, outcome) {
	switch name {
	case "match":
		if len(args) == 1 && args[0].k == jsRegexp {
			if args[0].re.MatchString(s) {
				return fval{k: jsMatch}, okay
			}
			return fval{k: jsNull}, okay
		}
	case "includes", "startsWith", "endsWith":
		if len(args) == 1 && args[0].k == jsString {
			var b bool
			switch name {
			case "includes":
				b = strings.Contains(s, args[0].s)
			case "startsWith":
				b = strings.HasPrefix(s, args[0].s)
			default:
				b = strings.HasSuffix(s, args[0].s)
			}
			return fval{k: jsBool, b: b}, okay
		}
	case "toLowerCase", "toUpperCase":
		if len(args) == 0 && ascii(s) {
			if name == "toLowerCase" {
				return fval{k: jsString, s: strings.ToLower(s)}, okay
			}
			return fval{k: jsString, s: strings.ToUpper(s)}, okay
		}
	}
	return undefinedVal, unknown
}

// fvalue is a document value as a filter sees it (the value is already
// resolved or not, as the rule running).
func (e *engine) fvalue(r ref) fval {
	r = e.deref(r)
	switch r.n.Kind {
	case yaml.MappingNode:
		return fval{k: jsObjectKind, r: r}
	case yaml.SequenceNode:
		return fval{k: jsArrayKind, r: r}
	}
	return scalarValue(r.n)
}

// nativeFilter evaluates a compiled filter for child c of m; ok is false
// when the JavaScript engine must decide.
func (e *engine) nativeFilter(x fexpr, m *match, c child) (selected, ok bool) {
	env := &e.fenv // one per engine: evaluation through interfaces would put a fresh one on the heap
	*env = fenv{e: e, val: e.fvalue(c.val), parent: undefinedVal}
	if c.key == nil && allDigits(c.name) {
		n, _ := strconv.Atoi(c.name)
		env.prop = fval{k: jsNumber, n: float64(n)}
	} else {
		env.prop = fval{k: jsString, s: c.name}
	}
	if m.depth > 0 {
		env.parent = fval{k: jsString, s: m.last()}
	}
	v, o := x.eval(env)
	switch o {
	case threw:
		return false, true
	case unknown:
		return false, false
	}
	return v.truthy(), true
}
