package exampleval

import (
	"math"
	"math/big"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	yaml "github.com/pb33f/go-yaml"

	"github.com/dospec/dospec/spec"
)

// jtype is the JSON type a YAML value stands for.
type jtype int

const (
	tOther jtype = iota
	tNull
	tBoolean
	tInteger
	tNumber
	tString
	tArray
	tObject
)

func (t jtype) String() string {
	switch t {
	case tNull:
		return "null"
	case tBoolean:
		return "boolean"
	case tInteger:
		return "integer"
	case tNumber:
		return "number"
	case tString:
		return "string"
	case tArray:
		return "array"
	case tObject:
		return "object"
	}
	return "unknown"
}

// typeOf reads the JSON type off the node's resolved YAML tag, so `"5"` is
// a string and `5` an integer, as they would be in JSON.
func (v *validator) typeOf(n *yaml.Node) jtype {
	switch n.Kind {
	case yaml.MappingNode:
		return tObject
	case yaml.SequenceNode:
		return tArray
	case yaml.ScalarNode:
	default:
		return tOther
	}
	switch n.ShortTag() {
	case "!!int":
		return tInteger
	case "!!float":
		// YAML reads -0 as a float, and JSON Schema 2020-12 (OpenAPI 3.1)
		// counts any number with a zero fraction, 1.0, as an integer.
		if isIntText(n.Value) {
			return tInteger
		}
		if v.v31 {
			if x, ok := parseNum(n); ok && x.r != nil && x.r.IsInt() {
				return tInteger
			}
		}
		return tNumber
	case "!!bool":
		return tBoolean
	case "!!null":
		return tNull
	}
	return tString // !!str, !!timestamp, !!binary and custom tags
}

// isIntText reports whether s is written as a plain decimal integer.
func isIntText(s string) bool {
	if s != "" && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	if s == "" {
		return false
	}
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isTrue(n *yaml.Node) bool {
	n = spec.Unalias(n)
	if n == nil || n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" {
		return false
	}
	b, _ := strconv.ParseBool(strings.ToLower(n.Value))
	return b
}

// intOf reads a non-negative count keyword such as minItems.
func intOf(n *yaml.Node) (int64, bool) {
	if n == nil || n.Kind != yaml.ScalarNode {
		return 0, false
	}
	x, ok := parseNum(n)
	if !ok || !x.small {
		return 0, false
	}
	return x.i, true
}

// count writes "1 item", "2 items".
func count(n int64, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.FormatInt(n, 10) + " " + word + "s"
}

func runeCount(s string) int { return utf8.RuneCountInString(s) }

// num is an exact number: small ints without allocation, everything else
// as a big.Rat so 18446744073709551615 and 0.1 compare exactly.
type num struct {
	i     int64
	small bool     // i holds the value
	r     *big.Rat // the value when !small and finite
	f     float64  // ±Inf or NaN when neither of the above
}

func parseNum(n *yaml.Node) (num, bool) {
	s := n.Value
	switch n.ShortTag() {
	case "!!int":
		if i, err := strconv.ParseInt(s, 0, 64); err == nil {
			return num{i: i, small: true}, true
		}
		b, ok := new(big.Int).SetString(strings.TrimPrefix(s, "+"), 0)
		if !ok {
			return num{}, false
		}
		return num{r: new(big.Rat).SetInt(b)}, true
	case "!!float":
		switch strings.ToLower(strings.TrimPrefix(s, "+")) {
		case ".inf":
			return num{f: math.Inf(1)}, true
		case "-.inf":
			return num{f: math.Inf(-1)}, true
		case ".nan":
			return num{f: math.NaN()}, true
		}
		if i, err := strconv.ParseInt(s, 10, 64); err == nil {
			return num{i: i, small: true}, true
		}
		r, ok := new(big.Rat).SetString(s)
		if !ok {
			return num{}, false
		}
		return num{r: r}, true
	}
	return num{}, false
}

func (x num) rat() *big.Rat {
	if x.small {
		return new(big.Rat).SetInt64(x.i)
	}
	return x.r
}

// cmpNum compares a and b; false when either is NaN.
func cmpNum(a, b num) (int, bool) {
	if a.small && b.small {
		switch {
		case a.i < b.i:
			return -1, true
		case a.i > b.i:
			return 1, true
		}
		return 0, true
	}
	af, bf := !a.small && a.r == nil, !b.small && b.r == nil
	if af || bf {
		x, y := 0.0, 0.0
		if af {
			x = a.f
		}
		if bf {
			y = b.f
		}
		if math.IsNaN(x) || math.IsNaN(y) {
			return 0, false
		}
		if x != y {
			if x < y {
				return -1, true
			}
			return 1, true
		}
		if af && bf {
			return 0, true
		}
		// One infinite, the other finite: the infinite one decides.
		if af {
			return int(math.Copysign(1, a.f)), true
		}
		return -int(math.Copysign(1, b.f)), true
	}
	return a.rat().Cmp(b.rat()), true
}

// multipleOf reports whether x is a multiple of m; false for ok when it
// cannot be told (m not positive, infinities).
func multipleOf(x, m num) (is, ok bool) {
	if (!x.small && x.r == nil) || (!m.small && m.r == nil) {
		return false, false
	}
	if x.small && m.small {
		if m.i <= 0 {
			return false, false
		}
		return x.i%m.i == 0, true
	}
	mr := m.rat()
	if mr.Sign() <= 0 {
		return false, false
	}
	return new(big.Rat).Quo(x.rat(), mr).IsInt(), true
}

// equal compares two values as JSON would: by type and value, numbers
// by their mathematical value, mappings whatever their key order.
func (v *validator) equal(a, b spec.Node) bool { return v.equalDepth(a, b, 0) }

// maxValueDepth stops equal and canonical on values that nest without end
// through {$ref}s.
const maxValueDepth = 64

func (v *validator) equalDepth(a, b spec.Node, depth int) bool {
	if depth > maxValueDepth {
		return false
	}
	a, b = v.derefValue(a), v.derefValue(b)
	ta, tb := v.typeOf(a.Node), v.typeOf(b.Node)
	if (ta == tInteger || ta == tNumber) && (tb == tInteger || tb == tNumber) {
		x, ok1 := parseNum(a.Node)
		y, ok2 := parseNum(b.Node)
		if !ok1 || !ok2 {
			return a.Value == b.Value
		}
		c, ok := cmpNum(x, y)
		return ok && c == 0
	}
	if ta != tb {
		return false
	}
	switch ta {
	case tString:
		return a.Value == b.Value
	case tBoolean:
		return isTrue(a.Node) == isTrue(b.Node)
	case tNull:
		return true
	case tArray:
		if len(a.Content) != len(b.Content) {
			return false
		}
		for i := range a.Content {
			if !v.equalDepth(spec.Node{File: a.File, Node: a.Content[i]}, spec.Node{File: b.File, Node: b.Content[i]}, depth+1) {
				return false
			}
		}
		return true
	case tObject:
		if len(a.Content) != len(b.Content) {
			return false
		}
		for i := 0; i+1 < len(a.Content); i += 2 {
			bv := spec.Get(b.Node, a.Content[i].Value)
			if bv == nil || !v.equalDepth(spec.Node{File: a.File, Node: a.Content[i+1]}, spec.Node{File: b.File, Node: bv}, depth+1) {
				return false
			}
		}
		return true
	}
	return a.Value == b.Value
}

// canonical encodes a value so that equal values, and only they, give the
// same string; uniqueItems uses it to avoid comparing every pair.
func (v *validator) canonical(n spec.Node) string {
	var b strings.Builder
	v.writeCanonical(&b, n, 0)
	return b.String()
}

func (v *validator) writeCanonical(b *strings.Builder, n spec.Node, depth int) {
	if depth > maxValueDepth {
		b.WriteString("…")
		return
	}
	n = v.derefValue(n)
	switch t := v.typeOf(n.Node); t {
	case tInteger, tNumber:
		b.WriteByte('n')
		x, ok := parseNum(n.Node)
		switch {
		case !ok:
			b.WriteString(n.Value)
		case x.small:
			b.WriteString(strconv.FormatInt(x.i, 10))
		case x.r != nil:
			b.WriteString(x.r.RatString())
		default:
			b.WriteString(strconv.FormatFloat(x.f, 'g', -1, 64))
		}
	case tString:
		b.WriteString(strconv.Quote(n.Value))
	case tBoolean:
		b.WriteString(strconv.FormatBool(isTrue(n.Node)))
	case tNull:
		b.WriteString("null")
	case tArray:
		b.WriteByte('[')
		for _, c := range n.Content {
			v.writeCanonical(b, spec.Node{File: n.File, Node: c}, depth+1)
			b.WriteByte(',')
		}
		b.WriteByte(']')
	case tObject:
		idx := make([]int, 0, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			idx = append(idx, i)
		}
		sort.Slice(idx, func(i, j int) bool { return n.Content[idx[i]].Value < n.Content[idx[j]].Value })
		b.WriteByte('{')
		for _, i := range idx {
			b.WriteString(strconv.Quote(n.Content[i].Value))
			b.WriteByte(':')
			v.writeCanonical(b, spec.Node{File: n.File, Node: n.Content[i+1]}, depth+1)
			b.WriteByte(',')
		}
		b.WriteByte('}')
	default:
		b.WriteString(n.Value)
	}
}

// describe gives a value's type and, for scalars, the value itself.
func describe(n *yaml.Node, t jtype) string {
	switch t {
	case tNull:
		return "null"
	case tArray, tObject:
		return t.String()
	case tString:
		return "string " + quote(n.Value)
	}
	return t.String() + " " + n.Value
}

// short writes a value as it reads in a message: strings quoted.
func short(n *yaml.Node, t jtype) string {
	switch t {
	case tString:
		return quote(n.Value)
	case tNull:
		return "null"
	case tArray:
		return "an array"
	case tObject:
		return "an object"
	}
	return n.Value
}

// quote quotes s, cut short so a long description does not flood the line.
func quote(s string) string {
	const max = 60
	if utf8.RuneCountInString(s) > max {
		r := []rune(s)
		s = string(r[:max]) + "…"
	}
	return strconv.Quote(s)
}

// listValues writes an enum as [a, b, c], the first dozen at most.
func listValues(seq *yaml.Node) string {
	const max = 12
	var b strings.Builder
	b.WriteByte('[')
	for i, e := range seq.Content {
		if i == max {
			b.WriteString(", … ")
			b.WriteString(strconv.Itoa(len(seq.Content) - max))
			b.WriteString(" more")
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		e = spec.Unalias(e)
		switch {
		case e.Kind == yaml.MappingNode:
			b.WriteString("{…}")
		case e.Kind == yaml.SequenceNode:
			b.WriteString("[…]")
		case e.ShortTag() == "!!null":
			b.WriteString("null")
		case e.Value == "" || strings.ContainsAny(e.Value, ",[]") || e.ShortTag() == "!!str" && e.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle) != 0 && looksNonString(e.Value):
			b.WriteString(strconv.Quote(e.Value))
		default:
			b.WriteString(e.Value)
		}
	}
	b.WriteByte(']')
	return b.String()
}

// looksNonString tells a quoted enum entry such as "1" or "true" apart from
// the number or boolean it would otherwise be read as.
func looksNonString(s string) bool {
	switch strings.ToLower(s) {
	case "true", "false", "null", "~":
		return true
	}
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

var patterns sync.Map // pattern → *regexp.Regexp, nil when RE2 rejects it

// compile returns the compiled pattern, or nil when Go's RE2 cannot read
// it (lookaheads, backreferences): such patterns are skipped, not
// reported, since the spec author meant ECMA 262. Patterns are few and
// reused by many examples, so they are compiled once per process.
func compile(p string) *regexp.Regexp {
	if re, ok := patterns.Load(p); ok {
		return re.(*regexp.Regexp)
	}
	re, err := regexp.Compile(p)
	if err != nil {
		re = nil
	}
	patterns.Store(p, re)
	return re
}
