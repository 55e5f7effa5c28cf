package diff

import (
	"math/big"
	"strings"
)

// Checks on one schema seen at the same place in both versions: its type,
// enum, nullability and limits, judged by the direction the data travels.

var typeChanged = &Check{ID: "type-changed", Level: Breaking, on: pSchema,
	Title:  "A value's type changed",
	Doc:    "In a request, widening integer to number is allowed and not reported.",
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
		c.report(p, "%s: %s type %s became %s", p.where, p.dir, b, h)
	}}

var requestEnumValueRemoved = &Check{ID: "request-enum-value-removed", Level: Breaking, on: pSchema,
	Title:  "A request enum lost a value",
	Doc:    "Clients sending that value are refused.",
	Before: "enum: [small, large]",
	After:  "enum: [large]",
	fn: func(c *ctx, p *pair) {
		if p.dir == request {
			for _, v := range enumMissing(p.bf, p.hf) {
				c.reportAt(p, p.bf.enumFile, v, nil, nil, "%s: enum value %q was removed", p.where, v.Value)
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
const narrowingDoc = "Values clients send today may now be out of range and refused. A limit set where there was none is breaking too: the contract clients were given accepted any value (oasdiff only warns, reasoning the server may have enforced it already)."

var (
	requestMaxLengthNarrowed = narrowing("request-max-length-narrowed", "maxLength", -1)
	requestMinLengthNarrowed = narrowing("request-min-length-narrowed", "minLength", +1)
	requestMaximumNarrowed   = narrowing("request-maximum-narrowed", "maximum", -1)
	requestMinimumNarrowed   = narrowing("request-minimum-narrowed", "minimum", +1)
	requestMaxItemsNarrowed  = narrowing("request-max-items-narrowed", "maxItems", -1)
	requestMinItemsNarrowed  = narrowing("request-min-items-narrowed", "minItems", +1)
)

// narrowing builds the check for a numeric limit that narrows a request
// when added or moved in the given direction (-1: smaller is narrower).
func narrowing(id, key string, dir int) *Check {
	before, after := key+": 10", key+": 5"
	if dir > 0 {
		before, after = key+": 1", key+": 2"
	}
	return &Check{ID: id, Level: Breaking, on: pSchema,
		Title:  "A request " + key + " was added or narrowed",
		Doc:    narrowingDoc,
		Before: before,
		After:  after,
		fn: func(c *ctx, p *pair) {
			b, h := p.bf.limits[key], p.hf.limits[key]
			if p.dir != request || !h.ok() {
				return
			}
			if b.ok() {
				bv, ok1 := new(big.Float).SetString(b.Value)
				hv, ok2 := new(big.Float).SetString(h.Value)
				if !ok1 || !ok2 || hv.Cmp(bv) != dir {
					return
				}
				c.reportAt(p, b.File, b.Node.Node, h.File, h.Node.Node, "%s: %s %s became %s", p.where, key, b.Value, h.Value)
				return
			}
			c.reportAt(p, nil, nil, h.File, h.Node.Node, "%s: %s %s was added", p.where, key, h.Value)
		}}
}

var requestPatternNarrowed = &Check{ID: "request-pattern-narrowed", Level: Breaking, on: pSchema,
	Title:  "A request value gained or changed its pattern",
	Doc:    "Values clients send today may no longer match.",
	Before: "name: {type: string}",
	After:  "name: {type: string, pattern: '^[a-z]+$'}",
	fn: func(c *ctx, p *pair) {
		b, h := p.bf.limits["pattern"], p.hf.limits["pattern"]
		switch {
		case p.dir != request || !h.ok():
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
