package diff

import (
	"math/big"
	"slices"
	"strings"
)

// Checks on one schema seen at the same place in both versions: its type,
// enum, nullability and limits, judged by the direction the data travels.

var typeChanged = &Check{ID: "type-changed", Level: Breaking, on: pSchema,
	Title: "A value's type changed",
	Doc: "In a request, widening integer to number is allowed and not reported. " +
		"A parameter's value is text on the wire, so a request parameter (a deepObject property too) going from number, integer or boolean to a plain string accepts what clients send and is not reported. " +
		"In an XML body an object and a string are both an element's content, so object <-> string is not reported there.",
	Before: "size: {type: integer}",
	After:  "size: {type: string}",
	fn: func(c *ctx, p *pair) {
		b, h := p.bf.typeName(), p.hf.typeName()
		if b == h || b == "any" || h == "any" {
			return
		}
		if p.dir == request && strings.HasPrefix(b, "integer") && strings.HasPrefix(h, "number") {
			return
		}
		if p.dir == request && p.wire == "text" && scalar(p.bf.types) && slices.Equal(p.hf.types, []string{"string"}) && p.hf.format == "" {
			return // a parameter's value is text: any scalar's text is a string
		}
		if strings.Contains(p.wire, "xml") && xmlText(p.bf.types) && xmlText(p.hf.types) {
			return // in XML an object and a string are both the element's text
		}
		c.report(p, "%s: %s type %s became %s", p.where, p.side(), b, h)
	}}

// widenedType reports whether a type change is one type-changed lets
// through: what clients send or read is still accepted.
func widenedType(p *pair) bool {
	b, h := p.bf.typeName(), p.hf.typeName()
	switch {
	case b == h || b == "any" || h == "any":
		return false
	case p.dir == request && strings.HasPrefix(b, "integer") && strings.HasPrefix(h, "number"):
		return true
	case p.dir == request && p.wire == "text" && scalar(p.bf.types) && slices.Equal(p.hf.types, []string{"string"}) && p.hf.format == "":
		return true
	}
	return false // XML's object <-> string changes nothing a client sees
}

var typeWidened = &Check{ID: "type-widened", Level: Info, on: pSchema,
	Title: "A value's type changed in a way every client still fits",
	Doc: "The type changes that type-changed lets through because every value clients send still fits (a request integer becoming a number, " +
		"a parameter's scalar becoming a string), reported for the changelog: generated clients change their field's type.",
	Before: "per_page: {type: integer}   # a query parameter",
	After:  "per_page: {type: string}",
	fn: func(c *ctx, p *pair) {
		if widenedType(p) {
			c.report(p, "%s: %s type %s became %s", p.where, p.side(), p.bf.typeName(), p.hf.typeName())
		}
	}}

// scalar reports whether types are all scalar ones (and at least one).
func scalar(types []string) bool {
	for _, t := range types {
		if t != "string" && t != "integer" && t != "number" && t != "boolean" {
			return false
		}
	}
	return len(types) > 0
}

func xmlText(types []string) bool {
	return len(types) == 1 && (types[0] == "object" || types[0] == "string")
}

var requestEnumValueRemoved = &Check{ID: "request-enum-value-removed", Level: Breaking, on: pSchema,
	Title:  "A request enum lost a value",
	Doc:    "Clients sending that value are refused. Counts x-extensible-enum (Zalando's guidelines: a list of values that may grow in responses) too.",
	Before: "enum: [small, large]",
	After:  "enum: [large]",
	fn: func(c *ctx, p *pair) {
		if p.dir == request {
			for _, v := range enumMissing(p.bf, p.hf) {
				c.reportAt(p, p.bf.enumFile, v, nil, nil, "%s: enum value %q was removed", p.where, v.Value)
			}
			for _, v := range missing(p.bf.xenum, p.hf.xenum) {
				c.reportAt(p, p.bf.xenumFile, v, nil, nil, "%s: x-extensible-enum value %q was removed", p.where, v.Value)
			}
		}
	}}

var responseEnumValueAdded = &Check{ID: "response-enum-value-added", Level: Warning, on: pSchema,
	Title:  "A response enum gained a value",
	Doc:    "Clients with an exhaustive switch over the enum meet a value they do not know. Reported once at the schema, with every operation it reaches.",
	Before: "status: {enum: [new, active]}",
	After:  "status: {enum: [new, active, archived]}",
	fn: func(c *ctx, p *pair) {
		if p.dir == response {
			for _, v := range enumMissing(p.hf, p.bf) {
				c.reportAt(p, nil, nil, p.hf.enumFile, v, "%s: enum value %q was added", p.where, v.Value)
			}
		}
	}}

var enumValueAdded = &Check{ID: "enum-value-added", Level: Info, on: pSchema,
	Title:  "A request enum gained a value",
	Doc:    "Clients may send the new value; what they send today is still accepted.",
	Before: "enum: [small, large]",
	After:  "enum: [small, medium, large]",
	fn: func(c *ctx, p *pair) {
		if p.dir == request {
			for _, v := range enumMissing(p.hf, p.bf) {
				c.reportAt(p, nil, nil, p.hf.enumFile, v, "%s: enum value %q was added", p.where, v.Value)
			}
		}
	}}

var responseEnumValueRemoved = &Check{ID: "response-enum-value-removed", Level: Info, on: pSchema,
	Title:  "A response enum lost a value",
	Doc:    "Clients no longer receive that value; code handling it is merely unused.",
	Before: "status: {enum: [new, active, archived]}",
	After:  "status: {enum: [new, active]}",
	fn: func(c *ctx, p *pair) {
		if p.dir == response {
			for _, v := range enumMissing(p.bf, p.hf) {
				c.reportAt(p, p.bf.enumFile, v, nil, nil, "%s: enum value %q is no longer returned", p.where, v.Value)
			}
		}
	}}

var responseBecameNullable = &Check{ID: "response-became-nullable", Level: Breaking, on: pSchema,
	Title:  "A response value may now be null",
	Doc:    "Clients that decode the value into a non-null type fail on null.",
	Before: "name: {type: string}",
	After:  "name: {type: string, nullable: true}   # or type: [string, 'null'] in 3.1",
	fn: func(c *ctx, p *pair) {
		if p.dir == response && !p.bf.nullable && p.hf.nullable {
			c.report(p, "%s may now be null", p.where)
		}
	}}

var requestBecameNotNullable = &Check{ID: "request-became-not-nullable", Level: Breaking, on: pSchema,
	Title:  "A request value may no longer be null",
	Doc:    "Clients that send null are now refused.",
	Before: "name: {type: string, nullable: true}",
	After:  "name: {type: string}",
	fn: func(c *ctx, p *pair) {
		if p.dir == request && p.bf.nullable && !p.hf.nullable {
			c.report(p, "%s may no longer be null", p.where)
		}
	}}

// narrowingDoc says why an added limit breaks, and where dospec parts with
// oasdiff, which only warns when a limit is set where there was none.
const narrowingDoc = "Values clients send today may now be out of range and refused. A limit set where there was none is breaking too: the contract clients were given accepted any value (oasdiff only warns, reasoning the server may have enforced it already). A limit on a value of a type it does not constrain (maximum on an array, maxItems on a string) has no effect in JSON Schema and is not reported, where oasdiff reports it."

var (
	requestMaxLengthNarrowed        = narrowing("request-max-length-narrowed", "maxLength")
	requestMinLengthNarrowed        = narrowing("request-min-length-narrowed", "minLength")
	requestMaximumNarrowed          = narrowing("request-maximum-narrowed", "maximum")
	requestMinimumNarrowed          = narrowing("request-minimum-narrowed", "minimum")
	requestMaxItemsNarrowed         = narrowing("request-max-items-narrowed", "maxItems")
	requestMinItemsNarrowed         = narrowing("request-min-items-narrowed", "minItems")
	requestExclusiveMaximumNarrowed = narrowing("request-exclusive-maximum-narrowed", "exclusiveMaximum")
	requestExclusiveMinimumNarrowed = narrowing("request-exclusive-minimum-narrowed", "exclusiveMinimum")
	requestMaxPropertiesNarrowed    = narrowing("request-max-properties-narrowed", "maxProperties")
	requestMinPropertiesNarrowed    = narrowing("request-min-properties-narrowed", "minProperties")
	requestMaxContainsNarrowed      = narrowing("request-max-contains-narrowed", "maxContains")
	requestMinContainsNarrowed      = narrowing("request-min-contains-narrowed", "minContains")
)

// limitDir says which way each numeric limit narrows: -1 when a smaller
// value accepts less (the maxima), +1 when a larger one does.
var limitDir = map[string]int{
	"maxLength": -1, "minLength": +1, "maximum": -1, "minimum": +1, "exclusiveMaximum": -1, "exclusiveMinimum": +1,
	"maxItems": -1, "minItems": +1, "maxProperties": -1, "minProperties": +1, "maxContains": -1, "minContains": +1,
}

// limitType is the type a limit constrains: on a value of another type it
// has no effect (maxItems on a string is no limit at all).
func limitType(key string) string {
	switch key {
	case "maxLength", "minLength", "pattern":
		return "string"
	case "maxItems", "minItems", "maxContains", "minContains", "uniqueItems":
		return "array"
	case "maxProperties", "minProperties":
		return "object"
	}
	return "number"
}

// applies reports whether a limit constrains a value of f's types (a
// value of no declared type may be any).
func (f *flat) applies(key string) bool {
	if len(f.types) == 0 {
		return true
	}
	want := limitType(key)
	for _, t := range f.types {
		if t == want || want == "number" && t == "integer" {
			return true
		}
	}
	return false
}

// limitMove compares a limit in two versions: +1 when head accepts less
// (narrower), -1 when it accepts more, 0 when equal or not comparable.
// Absent is no limit; OpenAPI 3.0's boolean exclusiveMinimum and
// exclusiveMaximum narrow when they become true.
func limitMove(key string, b, h side) int {
	switch {
	case !b.ok() && !h.ok():
		return 0
	case isBool(b) || isBool(h):
		bt, ht := b.ok() && b.Value == "true", h.ok() && h.Value == "true"
		switch {
		case ht && !bt:
			return +1
		case bt && !ht:
			return -1
		}
		return 0
	case !b.ok():
		return +1
	case !h.ok():
		return -1
	}
	bv, ok1 := new(big.Float).SetString(b.Value)
	hv, ok2 := new(big.Float).SetString(h.Value)
	if !ok1 || !ok2 {
		return 0
	}
	return hv.Cmp(bv) * limitDir[key]
}

func isBool(s side) bool { return s.ok() && (s.Value == "true" || s.Value == "false") }

// narrowing builds the check for a numeric limit that narrows a request
// when added or moved the narrow way.
func narrowing(id, key string) *Check {
	before, after := key+": 10", key+": 5"
	if limitDir[key] > 0 {
		before, after = key+": 1", key+": 2"
	}
	return &Check{ID: id, Level: Breaking, on: pSchema,
		Title:  "A request " + key + " was added or narrowed",
		Doc:    narrowingDoc,
		Before: before,
		After:  after,
		fn: func(c *ctx, p *pair) {
			b, h := p.bf.limits[key], p.hf.limits[key]
			if p.dir != request || !h.ok() || !p.hf.applies(key) || limitMove(key, b, h) <= 0 {
				return
			}
			if b.ok() {
				c.reportAt(p, b.File, b.Node.Node, h.File, h.Node.Node, "%s: %s %s became %s", p.where, key, b.Value, h.Value)
				return
			}
			c.reportAt(p, nil, nil, h.File, h.Node.Node, "%s: %s %s was added", p.where, key, h.Value)
		}}
}

var responseLimitWidened = &Check{ID: "response-limit-widened", Level: Breaking, on: pSchema,
	Title: "A response limit was removed or widened",
	Doc: "Clients sized buffers, columns or checks by the limit the response promised (a maxLength of 5 read into a char(5) column; a minimum of 0 into an unsigned type) and meet values beyond it. " +
		"Covers maxLength, minLength, maximum, minimum, exclusiveMaximum/exclusiveMinimum (3.0 booleans and 3.1 numbers), maxItems, minItems, maxProperties, minProperties, maxContains, minContains, uniqueItems and multipleOf, each only on a value of the type it constrains.",
	Before: "code: {type: string, maxLength: 5}",
	After:  "code: {type: string, maxLength: 50}",
	fn: func(c *ctx, p *pair) {
		if p.dir != response || len(p.bf.limits) == 0 {
			return
		}
		for _, key := range limitKeys {
			b, h := p.bf.limits[key], p.hf.limits[key]
			if !b.ok() || !p.bf.applies(key) {
				continue
			}
			widened := false
			switch key {
			case "pattern":
				continue // a changed pattern is no order; request-pattern-narrowed judges requests
			case "uniqueItems":
				widened = b.Value == "true" && !(h.ok() && h.Value == "true")
			case "multipleOf":
				widened = !h.ok() || !multiple(h.Value, b.Value)
			default:
				widened = limitMove(key, b, h) < 0
			}
			if !widened {
				continue
			}
			if h.ok() {
				c.reportAt(p, b.File, b.Node.Node, h.File, h.Node.Node, "%s: response %s %s became %s", p.where, key, b.Value, h.Value)
			} else {
				c.reportAt(p, b.File, b.Node.Node, nil, nil, "%s: response %s %s was removed", p.where, key, b.Value)
			}
		}
	}}

var requestMultipleOfChanged = &Check{ID: "request-multiple-of-changed", Level: Breaking, on: pSchema,
	Title:  "A request multipleOf was added or changed to one the old values miss",
	Doc:    "Values clients send today, multiples of the old step, may not be multiples of the new one (a step of 0.5 becoming 1 refuses 2.5).",
	Before: "quantity: {type: number, multipleOf: 0.5}",
	After:  "quantity: {type: number, multipleOf: 1}",
	fn: func(c *ctx, p *pair) {
		b, h := p.bf.limits["multipleOf"], p.hf.limits["multipleOf"]
		if p.dir != request || !h.ok() || !p.hf.applies("multipleOf") {
			return
		}
		if !b.ok() {
			c.reportAt(p, nil, nil, h.File, h.Node.Node, "%s: multipleOf %s was added", p.where, h.Value)
		} else if !multiple(b.Value, h.Value) {
			c.reportAt(p, b.File, b.Node.Node, h.File, h.Node.Node, "%s: multipleOf %s became %s", p.where, b.Value, h.Value)
		}
	}}

var requestUniqueItemsAdded = &Check{ID: "request-unique-items-added", Level: Breaking, on: pSchema,
	Title:  "A request array must now hold unique items",
	Doc:    "Clients that send a repeated item are refused.",
	Before: "tags: {type: array}",
	After:  "tags: {type: array, uniqueItems: true}",
	fn: func(c *ctx, p *pair) {
		b, h := p.bf.limits["uniqueItems"], p.hf.limits["uniqueItems"]
		if p.dir == request && h.ok() && h.Value == "true" && !(b.ok() && b.Value == "true") && p.hf.applies("uniqueItems") {
			c.reportAt(p, nil, nil, h.File, h.Node.Node, "%s: uniqueItems is now true", p.where)
		}
	}}

// multiple reports whether a is a whole multiple of b, both decimal
// numbers; false when either does not parse.
func multiple(a, b string) bool {
	av, ok1 := new(big.Rat).SetString(a)
	bv, ok2 := new(big.Rat).SetString(b)
	if !ok1 || !ok2 || bv.Sign() == 0 {
		return false
	}
	return new(big.Rat).Quo(av, bv).IsInt()
}

var requestPatternNarrowed = &Check{ID: "request-pattern-narrowed", Level: Breaking, on: pSchema,
	Title:  "A request value gained or changed its pattern",
	Doc:    "Values clients send today may no longer match. A pattern changed to the empty one matches everything and is not reported.",
	Before: "name: {type: string}",
	After:  "name: {type: string, pattern: '^[a-z]+$'}",
	fn: func(c *ctx, p *pair) {
		b, h := p.bf.limits["pattern"], p.hf.limits["pattern"]
		switch {
		case p.dir != request || !h.ok():
		case h.Value == "":
			// An empty pattern matches every string: the value widened.
		case !b.ok():
			c.reportAt(p, nil, nil, h.File, h.Node.Node, "%s: pattern %s was added", p.where, h.Value)
		case b.Value != h.Value:
			c.reportAt(p, b.File, b.Node.Node, h.File, h.Node.Node, "%s: pattern %s became %s", p.where, b.Value, h.Value)
		}
	}}

var schemaDeprecated = &Check{ID: "schema-deprecated", Level: Info, on: pSchema,
	Title:  "A schema or property was marked deprecated",
	Doc:    "Clients still work, but should stop relying on it.",
	Before: "legacy_id: {type: string}",
	After:  "legacy_id: {type: string, deprecated: true}",
	fn: func(c *ctx, p *pair) {
		if !p.bf.deprecated && p.hf.deprecated {
			c.report(p, "%s is now deprecated", p.where)
		}
	}}
