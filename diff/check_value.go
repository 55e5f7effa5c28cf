package diff

// Checks on single values a schema fixes: default and const.

var requestParameterDefaultChanged = &Check{ID: "request-parameter-default-changed", Level: Breaking, on: pSchema,
	Title:  "A request parameter's default changed",
	Doc:    "Clients that leave the parameter out rely on the server filling in the default (a page size, a sort order): they now get other results.",
	Before: "per_page: {type: integer, default: 20}",
	After:  "per_page: {type: integer, default: 50}",
	fn: func(c *ctx, p *pair) {
		b, h := p.bf.values["default"], p.hf.values["default"]
		if p.dir == request && p.wire == "text" && b.ok() && h.ok() && c.canon(c.base, b) != c.canon(c.head, h) {
			c.reportAt(p, b.File, b.Node.Node, h.File, h.Node.Node, "%s: default %s became %s", p.where, b.Value, h.Value)
		}
	}}

var defaultChanged = &Check{ID: "default-changed", Level: Info, on: pSchema,
	Title: "A value's default changed, was added or removed",
	Doc: "A default in a body documents what the server assumes for a property left out; reported for the changelog, since a client building the body chooses what to send. " +
		"A parameter's default changing is request-parameter-default-changed.",
	Before: "color: {type: string, default: blue}",
	After:  "color: {type: string, default: green}",
	fn: func(c *ctx, p *pair) {
		b, h := p.bf.values["default"], p.hf.values["default"]
		// A request parameter's default changing is
		// request-parameter-default-changed; one added or removed is
		// reported here, for the changelog.
		if p.wire == "text" && p.dir == request && b.ok() && h.ok() || !b.ok() && !h.ok() || c.canon(c.base, b) == c.canon(c.head, h) {
			return
		}
		switch {
		case !b.ok():
			c.reportAt(p, nil, nil, h.File, h.Node.Node, "%s: default %s was added", p.where, h.Value)
		case !h.ok():
			c.reportAt(p, b.File, b.Node.Node, nil, nil, "%s: default %s was removed", p.where, b.Value)
		default:
			c.reportAt(p, b.File, b.Node.Node, h.File, h.Node.Node, "%s: default %s became %s", p.where, b.Value, h.Value)
		}
	}}

var constChanged = &Check{ID: "const-changed", Level: Breaking, on: pSchema,
	Title:  "A value's const changed, was added to a request or removed from a response",
	Doc:    "In a request, clients sending the old value are refused; in a response, clients that matched on the value meet another.",
	Before: "kind: {const: droplet}",
	After:  "kind: {const: server}",
	fn: func(c *ctx, p *pair) {
		b, h := p.bf.values["const"], p.hf.values["const"]
		switch {
		case b.ok() && h.ok() && c.canon(c.base, b) != c.canon(c.head, h):
			c.reportAt(p, b.File, b.Node.Node, h.File, h.Node.Node, "%s: const %s became %s", p.where, b.Value, h.Value)
		case p.dir == request && !b.ok() && h.ok():
			c.reportAt(p, nil, nil, h.File, h.Node.Node, "%s: const %s was added", p.where, h.Value)
		case p.dir == response && b.ok() && !h.ok():
			c.reportAt(p, b.File, b.Node.Node, nil, nil, "%s: const %s was removed", p.where, b.Value)
		}
	}}
