package diff

import "github.com/dospec/dospec/spec"

// Checks on an operation's parameters (their schemas are check_schema.go's).

var requestRequiredParameterAdded = &Check{ID: "request-required-parameter-added", Level: Breaking, on: pParameter,
	Title:  "A required parameter was added",
	Doc:    "Clients that do not send the new parameter are refused.",
	Before: "parameters: []",
	After:  "parameters: [{name: region, in: query, required: true}]",
	fn: func(c *ctx, p *pair) {
		if p.dir == request && !p.base.ok() && p.head.ok() && isTrue(p.head, "required") {
			c.report(p, "%s: new required %s parameter %s", p.op, str(p.head, "in"), p.name)
		}
	}}

var requestParameterAdded = &Check{ID: "request-parameter-added", Level: Info, on: pParameter,
	Title:  "An optional parameter was added",
	Doc:    "Clients may send it; those that do not are unaffected.",
	Before: "parameters: []",
	After:  "parameters: [{name: page, in: query}]",
	fn: func(c *ctx, p *pair) {
		if p.dir == request && !p.base.ok() && p.head.ok() && !isTrue(p.head, "required") {
			c.report(p, "%s: new optional %s parameter %s", p.op, str(p.head, "in"), p.name)
		}
	}}

var requestParameterRemoved = &Check{ID: "request-parameter-removed", Level: Warning, on: pParameter,
	Title:  "A parameter was removed",
	Doc:    "Clients that send it may be refused or silently ignored.",
	Before: "parameters: [{name: page, in: query}]",
	After:  "parameters: []",
	fn: func(c *ctx, p *pair) {
		if p.dir == request && p.base.ok() && !p.head.ok() {
			c.report(p, "%s: %s parameter %s was removed", p.op, str(p.base, "in"), p.name)
		}
	}}

var requestParameterBecameRequired = &Check{ID: "request-parameter-became-required", Level: Breaking, on: pParameter,
	Title:  "A parameter became required",
	Doc:    "Clients that left the parameter out are now refused.",
	Before: "{name: page, in: query}",
	After:  "{name: page, in: query, required: true}",
	fn: func(c *ctx, p *pair) {
		if p.dir == request && p.base.ok() && p.head.ok() && !isTrue(p.base, "required") && isTrue(p.head, "required") {
			bk, _ := spec.GetKey(p.base.Node.Node, "required")
			if bk == nil {
				bk = p.base.Node.Node
			}
			hk, _ := spec.GetKey(p.head.Node.Node, "required")
			c.reportAt(p, p.base.File, bk, p.head.File, hk, "%s is now required", p.where)
		}
	}}
