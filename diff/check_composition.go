package diff

import "github.com/dospec/dospec/spec"

// Checks on composition: the branches of a oneOf or anyOf (matched by
// compare.go's matchVariants), and a schema wrapped into a oneOf. allOf
// is merged into the schema it extends (schema.go), so its branches are
// judged by what they add: an allOf branch bringing an optional property
// is an optional property added.

var requestVariantRemoved = &Check{ID: "request-variant-removed", Level: Breaking, on: pVariant,
	Title:  "A request oneOf or anyOf lost a branch",
	Doc:    "Clients sending a value of the removed branch are refused. Two $refs to different schemas are two branches even when the schemas have one shape: generated clients name a type after each.",
	Before: "oneOf: [$ref: Dog, $ref: Cat]",
	After:  "oneOf: [$ref: Dog]",
	fn: func(c *ctx, p *pair) {
		if p.dir == request && p.base.ok() && !p.head.ok() {
			c.report(p, "%s: %s was removed", p.where, p.name)
		}
	}}

var responseVariantAdded = &Check{ID: "response-variant-added", Level: Breaking, on: pVariant,
	Title:  "A response oneOf or anyOf gained a branch",
	Doc:    "Clients that handle each branch they know meet a value of a new one.",
	Before: "oneOf: [$ref: Dog, $ref: Cat]",
	After:  "oneOf: [$ref: Dog, $ref: Cat, $ref: Rabbit]",
	fn: func(c *ctx, p *pair) {
		if p.dir == response && !p.base.ok() && p.head.ok() {
			c.report(p, "%s: %s was added", p.where, p.name)
		}
	}}

var variantRelaxed = &Check{ID: "variant-relaxed", Level: Info, on: pVariant,
	Title:  "A request branch was added, or a response branch removed",
	Doc:    "Requests accept more, responses return fewer shapes; reported for the changelog.",
	Before: "anyOf: [$ref: Dog]",
	After:  "anyOf: [$ref: Dog, $ref: Cat]   # in a request",
	fn: func(c *ctx, p *pair) {
		switch {
		case p.dir == request && !p.base.ok() && p.head.ok():
			c.report(p, "%s: %s was added", p.where, p.name)
		case p.dir == response && p.base.ok() && !p.head.ok():
			c.report(p, "%s: %s was removed", p.where, p.name)
		}
	}}

var wrappedInOneOf = &Check{ID: "wrapped-in-one-of", Level: Breaking, on: pSchema,
	Title: "A schema was wrapped into a oneOf",
	Doc: "A value must now match exactly one branch: in a request, a value matching several (all the fields each branch needs) is refused; " +
		"in a response, clients that read one shape meet several. The old schema is then compared with the branch most like it.",
	Before: "{type: object, required: [foo, bar]}",
	After:  "oneOf: [{required: [foo]}, {required: [bar]}]",
	fn: func(c *ctx, p *pair) {
		if wrapped(p.bf, p.hf) {
			c.report(p, "%s: %s is now a oneOf of %d branches", p.where, p.side(), len(p.hf.oneOf))
		}
	}}

var requestAnyOfBecameOneOf = &Check{ID: "request-any-of-became-one-of", Level: Breaking, on: pSchema,
	Title:  "A request anyOf became a oneOf",
	Doc:    "A value must now match exactly one branch: one that matches several, accepted before, is refused.",
	Before: "anyOf: [$ref: Attach, $ref: Detach]",
	After:  "oneOf: [$ref: Attach, $ref: Detach]",
	fn: func(c *ctx, p *pair) {
		if p.dir == request && len(p.bf.oneOf) == 0 && len(p.bf.anyOf) > 0 && len(p.hf.oneOf) > 0 {
			c.report(p, "%s: anyOf became oneOf", p.where)
		}
	}}

var compositionKeywordChanged = &Check{ID: "composition-keyword-changed", Level: Info, on: pSchema,
	Title:  "A oneOf became an anyOf, or a response anyOf a oneOf",
	Doc:    "The branches are the same and matched across the keywords; a request oneOf becoming anyOf accepts more (a value matching several branches), a response promises more. Reported for the changelog.",
	Before: "oneOf: [$ref: Ext4, $ref: Xfs]",
	After:  "anyOf: [$ref: Ext4, $ref: Xfs]",
	fn: func(c *ctx, p *pair) {
		bBr, bKw := p.bf.branches()
		hBr, hKw := p.hf.branches()
		if len(bBr) == 0 || len(hBr) == 0 || bKw == hKw || p.dir == request && hKw == "oneOf" {
			return
		}
		c.report(p, "%s: %s became %s", p.where, bKw, hKw)
	}}

var discriminatorPropertyChanged = &Check{ID: "discriminator-property-changed", Level: Breaking, on: pSchema,
	Title: "A discriminator's propertyName changed",
	Doc: "Clients name the branch in the old property: requests are dispatched wrongly or refused, responses read as the wrong type. " +
		"oasdiff reports this as information; dospec holds it breaking, and a property renamed with it is property-renamed.",
	Before: "discriminator: {propertyName: petType}",
	After:  "discriminator: {propertyName: kind}",
	fn: func(c *ctx, p *pair) {
		if b, h := str(p.bf.disc, "propertyName"), str(p.hf.disc, "propertyName"); b != "" && h != "" && b != h {
			c.report(p, "%s: discriminator propertyName %s became %s", p.where, b, h)
		}
	}}

var discriminatorMappingChanged = &Check{ID: "discriminator-mapping-changed", Level: Breaking, on: pSchema,
	Title:  "A discriminator mapping lost a value in a request, gained one in a response, or maps a value elsewhere",
	Doc:    "A request naming a removed value is refused; a response may carry a value clients do not map; a value mapped to another schema is read as that one. A value the discriminator property's enum never allowed (a mapping key fixed from Convert to convert) was never sent and is not reported, nor one the enum drops too (request-enum-value-removed reports it). oasdiff reports mapping changes as information; a renamed value is one removed and one added here.",
	Before: "mapping: {dog: Dog, cat: Cat}",
	After:  "mapping: {dog: Dog}   # in a request",
	fn: func(c *ctx, p *pair) {
		bm, hm := field(c.base, p.bf.disc, "mapping"), field(c.head, p.hf.disc, "mapping")
		if !bm.ok() || !hm.ok() {
			return
		}
		for _, k := range unionKeys(bm, hm) {
			b, h := str(bm, k), str(hm, k)
			switch {
			case b != "" && h != "" && shortRef(b) != shortRef(h):
				c.report(p, "%s: discriminator value %s maps to %s, was %s", p.where, k, shortRef(h), shortRef(b))
			case p.dir == request && b != "" && h == "" && c.sendable(c.base, p.bf, k) && c.sendable(c.head, p.hf, k):
				c.report(p, "%s: discriminator value %s was removed", p.where, k)
			case p.dir == response && b == "" && h != "":
				c.report(p, "%s: discriminator value %s was added", p.where, k)
			}
		}
	}}

// sendable reports whether a request could carry discriminator value v
// in the version s of flat f: false only when every branch gives the
// discriminator property an enum without v.
func (c *ctx) sendable(s *spec.Spec, f *flat, v string) bool {
	name := str(f.disc, "propertyName")
	branches, _ := f.branches()
	if name == "" || len(branches) == 0 {
		return true
	}
	for _, br := range branches {
		prop := c.flatten(s, br).prop[name]
		if !prop.ok() {
			return true
		}
		pf := c.flatten(s, prop)
		if len(pf.enum) == 0 {
			return true
		}
		for _, e := range pf.enum {
			if e.Value == v {
				return true
			}
		}
	}
	return false
}
