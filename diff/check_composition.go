package diff

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
		"in a response, clients that read one shape meet several. The old schema is then compared with each branch.",
	Before: "{type: object, required: [foo, bar]}",
	After:  "oneOf: [{required: [foo]}, {required: [bar]}]",
	fn: func(c *ctx, p *pair) {
		if wrapped(p.bf, p.hf) {
			c.report(p, "%s: %s is now a oneOf of %d branches", p.where, p.dir, len(p.hf.oneOf))
		}
	}}
