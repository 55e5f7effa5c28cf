// Package quickschema tells, without allocating, whether a JSON value is
// certainly valid against a compiled JSON Schema, for the keywords schemas
// of OpenAPI documents and rulesets use; for anything else it says it does
// not know, and the full validator (which also words the problems)
// decides.
package quickschema

import (
	"encoding/json"
	"math/big"
	"regexp/syntax"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Most values a linter checks are valid, and the JSON Schema validator pays
// for the error reports it might write (every branch of every "X or
// Reference" choice, every object's unevaluated-property bookkeeping)
// whether or not it writes any: on DigitalOcean's spec that was a sixth of
// lint's time.

// Verdict is what Check knows: valid, invalid, or not known here.
type Verdict uint8

const (
	Valid Verdict = iota
	Invalid
	Unsure
)

// maxDepth bounds the recursion; deeper values are left to the validator.
const maxDepth = 256

// Check checks v (as jsonschema.UnmarshalJSON reads JSON: json.Number for
// numbers) against s. Valid is certain; Invalid is certain too; Unsure
// means the validator must decide.
func Check(s *jsonschema.Schema, v any) Verdict { return quick(s, v, 0) }

func quick(s *jsonschema.Schema, v any, depth int) Verdict {
	if depth > maxDepth {
		return Unsure
	}
	if s.Bool != nil {
		if *s.Bool {
			return Valid
		}
		return Invalid
	}
	if s.Const != nil || s.If != nil || s.Then != nil || s.Else != nil || s.RecursiveRef != nil || s.DynamicRef != nil ||
		s.Dependencies != nil || s.DependentRequired != nil || s.DependentSchemas != nil || s.UnevaluatedProperties != nil ||
		s.UnevaluatedItems != nil || s.PropertyNames != nil || s.Contains != nil || s.PrefixItems != nil || s.Items2020 != nil ||
		s.ContentEncoding != nil || s.ContentMediaType != nil || s.ContentSchema != nil || s.MultipleOf != nil ||
		len(s.Extensions) > 0 {
		return Unsure
	}
	kind := jsonKind(v)
	if kind == "" {
		return Unsure
	}
	out := Valid
	// join folds one keyword's Verdict into the schema's: Invalid wins,
	// then Unsure.
	join := func(w Verdict) bool {
		if w > out {
			out = w
		}
		return out != Invalid
	}
	if s.Types != nil && !s.Types.IsEmpty() {
		if !join(typeVerdict(*s.Types, kind, v)) {
			return out
		}
	}
	if s.Enum != nil {
		w := Invalid
		for _, item := range s.Enum.Values {
			switch deepEqual(v, item, 0) {
			case Valid:
				w = Valid
			case Unsure:
				if w == Invalid {
					w = Unsure
				}
			}
			if w == Valid {
				break
			}
		}
		if !join(w) {
			return out
		}
	}
	if s.Format != nil {
		w := Valid
		if s.Format.Validate(v) != nil {
			w = Invalid
		}
		if !join(w) {
			return out
		}
	}
	if s.Ref != nil && !join(quick(s.Ref, v, depth+1)) {
		return out
	}
	if s.Not != nil {
		switch quick(s.Not, v, depth+1) {
		case Valid:
			return Invalid
		case Unsure:
			join(Unsure)
		}
	}
	for _, sub := range s.AllOf {
		if !join(quick(sub, v, depth+1)) {
			return out
		}
	}
	if len(s.AnyOf) > 0 {
		w := Invalid
		for _, sub := range s.AnyOf {
			switch quick(sub, v, depth+1) {
			case Valid:
				w = Valid
			case Unsure:
				w = Unsure
			}
			if w == Valid {
				break
			}
		}
		if !join(w) {
			return out
		}
	}
	if len(s.OneOf) > 0 {
		matched, open := 0, false
		for _, sub := range s.OneOf {
			switch quick(sub, v, depth+1) {
			case Valid:
				matched++
			case Unsure:
				open = true
			}
		}
		w := Invalid
		switch {
		case open:
			w = Unsure
		case matched == 1:
			w = Valid
		}
		if !join(w) {
			return out
		}
	}
	switch kind {
	case "object":
		join(quickObject(s, v.(map[string]any), depth))
	case "array":
		join(quickArray(s, v.([]any), depth))
	case "string":
		join(quickString(s, v.(string)))
	case "number":
		join(quickNumber(s, v))
	}
	return out
}

func quickObject(s *jsonschema.Schema, m map[string]any, depth int) Verdict {
	if s.MinProperties != nil && len(m) < *s.MinProperties || s.MaxProperties != nil && len(m) > *s.MaxProperties {
		return Invalid
	}
	for _, name := range s.Required {
		if _, ok := m[name]; !ok {
			return Invalid
		}
	}
	out := Valid
	pats := patternsOf(s)
	for key, val := range m {
		known := false
		if sub, ok := s.Properties[key]; ok {
			known = true
			if w := quick(sub, val, depth+1); w > out {
				out = w
			}
		}
		for _, pp := range pats {
			if pp.match(key) {
				known = true
				if w := quick(pp.sub, val, depth+1); w > out {
					out = w
				}
			}
		}
		if !known {
			switch ap := s.AdditionalProperties.(type) {
			case bool:
				if !ap {
					return Invalid
				}
			case *jsonschema.Schema:
				if w := quick(ap, val, depth+1); w > out {
					out = w
				}
			}
		}
		if out == Invalid {
			return Invalid
		}
	}
	return out
}

func quickArray(s *jsonschema.Schema, list []any, depth int) Verdict {
	if s.MinItems != nil && len(list) < *s.MinItems || s.MaxItems != nil && len(list) > *s.MaxItems {
		return Invalid
	}
	out := Valid
	if s.UniqueItems {
		switch {
		case allStrings(list):
			seen := make(map[string]bool, len(list))
			for _, item := range list {
				if seen[item.(string)] {
					return Invalid
				}
				seen[item.(string)] = true
			}
		case len(list) > 64:
			out = Unsure // the validator hashes long lists
		default:
			for i := 1; i < len(list); i++ {
				for j := 0; j < i; j++ {
					switch deepEqual(list[i], list[j], 0) {
					case Valid:
						return Invalid
					case Unsure:
						out = Unsure
					}
				}
			}
		}
	}
	check := func(sub *jsonschema.Schema, val any) {
		if w := quick(sub, val, depth+1); w > out {
			out = w
		}
	}
	switch items := s.Items.(type) {
	case *jsonschema.Schema:
		for _, val := range list {
			check(items, val)
		}
	case []*jsonschema.Schema:
		for i, val := range list {
			if i < len(items) {
				check(items[i], val)
				continue
			}
			switch more := s.AdditionalItems.(type) {
			case bool:
				if !more {
					return Invalid
				}
			case *jsonschema.Schema:
				check(more, val)
			}
		}
	}
	return out
}

func quickString(s *jsonschema.Schema, str string) Verdict {
	if s.MinLength != nil || s.MaxLength != nil {
		n := utf8.RuneCountInString(str)
		if s.MinLength != nil && n < *s.MinLength || s.MaxLength != nil && n > *s.MaxLength {
			return Invalid
		}
	}
	if s.Pattern != nil && !s.Pattern.MatchString(str) {
		return Invalid
	}
	return Valid
}

func quickNumber(s *jsonschema.Schema, v any) Verdict {
	if s.Minimum == nil && s.Maximum == nil && s.ExclusiveMinimum == nil && s.ExclusiveMaximum == nil {
		return Valid
	}
	r, ok := ratOf(v)
	if !ok {
		return Unsure
	}
	switch {
	case s.Minimum != nil && r.Cmp(s.Minimum) < 0,
		s.Maximum != nil && r.Cmp(s.Maximum) > 0,
		s.ExclusiveMinimum != nil && r.Cmp(s.ExclusiveMinimum) <= 0,
		s.ExclusiveMaximum != nil && r.Cmp(s.ExclusiveMaximum) >= 0:
		return Invalid
	}
	return Valid
}

// jsonKind is the JSON type of a converted value, "" for a Go value quick
// does not know.
func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case json.Number:
		return "number"
	case map[string]any:
		return "object"
	case []any:
		return "array"
	}
	return ""
}

// typeBits are the bits of jsonschema.Types, by type name.
var typeBits = func() map[string]int {
	m := map[string]int{}
	for _, name := range []string{"null", "boolean", "number", "integer", "string", "array", "object"} {
		var t jsonschema.Types
		t.Add(name)
		m[name] = int(t)
	}
	return m
}()

// typeVerdict is the type keyword: a number is an integer when it has no
// fraction.
func typeVerdict(types jsonschema.Types, kind string, v any) Verdict {
	if int(types)&typeBits[kind] != 0 {
		return Valid
	}
	if kind == "number" && int(types)&typeBits["integer"] != 0 {
		r, ok := ratOf(v)
		if !ok {
			return Unsure
		}
		if r.IsInt() {
			return Valid
		}
	}
	return Invalid
}

// scalarEqual compares two JSON scalars; objects and lists are left to the
// validator.
func scalarEqual(a, b any) Verdict {
	ka, kb := jsonKind(a), jsonKind(b)
	if ka == "" || kb == "" || ka == "object" || ka == "array" || kb == "object" || kb == "array" {
		return Unsure
	}
	if ka != kb {
		return Invalid
	}
	switch ka {
	case "null":
		return Valid
	case "number":
		ra, ok1 := ratOf(a)
		rb, ok2 := ratOf(b)
		if !ok1 || !ok2 {
			return Unsure
		}
		if ra.Cmp(rb) == 0 {
			return Valid
		}
		return Invalid
	}
	if a == b {
		return Valid
	}
	return Invalid
}

// deepEqual compares two JSON values as JSON Schema does: objects by keys
// and values, lists item by item, numbers by value.
func deepEqual(a, b any, depth int) Verdict {
	if depth > maxDepth {
		return Unsure
	}
	switch a := a.(type) {
	case map[string]any:
		b, ok := b.(map[string]any)
		if !ok {
			return notEqualUnlessUnknown(b)
		}
		if len(a) != len(b) {
			return Invalid
		}
		for k, x := range a {
			y, ok := b[k]
			if !ok {
				return Invalid
			}
			if w := deepEqual(x, y, depth+1); w != Valid {
				return w
			}
		}
		return Valid
	case []any:
		b, ok := b.([]any)
		if !ok {
			return notEqualUnlessUnknown(b)
		}
		if len(a) != len(b) {
			return Invalid
		}
		for i := range a {
			if w := deepEqual(a[i], b[i], depth+1); w != Valid {
				return w
			}
		}
		return Valid
	}
	switch b.(type) {
	case map[string]any, []any:
		return notEqualUnlessUnknown(a)
	}
	return scalarEqual(a, b)
}

// notEqualUnlessUnknown: a container and x differ, unless x is a Go value
// quick does not know.
func notEqualUnlessUnknown(x any) Verdict {
	if jsonKind(x) == "" {
		return Unsure
	}
	return Invalid
}

func allStrings(list []any) bool {
	for _, item := range list {
		if _, ok := item.(string); !ok {
			return false
		}
	}
	return true
}

// ratOf is a JSON number exactly.
func ratOf(v any) (*big.Rat, bool) {
	n, ok := v.(json.Number)
	if !ok {
		return nil, false
	}
	return new(big.Rat).SetString(string(n))
}

// pattern is one of a schema's patternProperties.
type pattern struct {
	re     jsonschema.Regexp
	prefix string // the pattern is ^prefix: a plain prefix test
	plain  bool
	sub    *jsonschema.Schema
}

func (pp pattern) match(key string) bool {
	if pp.plain {
		return strings.HasPrefix(key, pp.prefix)
	}
	return pp.re.MatchString(key)
}

// patterns holds each schema's patternProperties as a list, made once:
// every key of every object is tested against them (every OpenAPI object
// has ^x-), and ranging over the map and running the regular expression
// for each key cost 4% of lint's CPU on GitHub's spec.
var patterns sync.Map // *jsonschema.Schema → []pattern

func patternsOf(s *jsonschema.Schema) []pattern {
	if len(s.PatternProperties) == 0 {
		return nil
	}
	if v, ok := patterns.Load(s); ok {
		return v.([]pattern)
	}
	list := make([]pattern, 0, len(s.PatternProperties))
	for re, sub := range s.PatternProperties {
		pp := pattern{re: re, sub: sub}
		pp.prefix, pp.plain = literalPrefix(re.String())
		list = append(list, pp)
	}
	patterns.Store(s, list)
	return list
}

// literalPrefix reports whether pattern is ^ and a literal (no flags,
// no escapes that mean a class), and the literal.
func literalPrefix(pattern string) (string, bool) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil || re.Op != syntax.OpConcat || len(re.Sub) != 2 {
		return "", false
	}
	begin, lit := re.Sub[0], re.Sub[1]
	if begin.Op != syntax.OpBeginText || lit.Op != syntax.OpLiteral || lit.Flags&syntax.FoldCase != 0 {
		return "", false
	}
	return string(lit.Rune), true
}
