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
		if p.dir == request && p.base.ok() && !p.head.ok() && !c.beforeSunset(p.base) { // else reported before its sunset
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

var requestParameterStyleChanged = &Check{ID: "request-parameter-style-changed", Level: Breaking, on: pParameter,
	Title:  "An array or object parameter's style or explode changed",
	Doc:    "Clients serialise the value the old way (ids=1,2 against ids=1&ids=2) and the server reads it otherwise. Defaults count (form and exploded for query and cookie, simple for path and header); a primitive value is written the same in form and simple styles, so it is not reported.",
	Before: "{name: ids, in: query, schema: {type: array}}",
	After:  "{name: ids, in: query, explode: false, schema: {type: array}}",
	fn: func(c *ctx, p *pair) {
		if p.dir != request || !p.base.ok() || !p.head.ok() {
			return
		}
		bs, be := styleOf(p.base)
		hs, he := styleOf(p.head)
		if bs == hs && be == he {
			return
		}
		bf, hf := c.flatten(c.base, paramSchema(c.base, p.base)), c.flatten(c.head, paramSchema(c.head, p.head))
		if primitive(bf) && primitive(hf) && !deep(bs) && !deep(hs) {
			return
		}
		c.report(p, "%s: style %s (explode %v) became %s (explode %v)", p.where, bs, be, hs, he)
	}}

var requestParameterAllowReservedRemoved = &Check{ID: "request-parameter-allow-reserved-removed", Level: Warning, on: pParameter,
	Title:  "A query parameter no longer allows reserved characters",
	Doc:    "Clients that send reserved characters (/?#[]@!$&'()*+,;=) unencoded may be refused or read otherwise.",
	Before: "{name: path, in: query, allowReserved: true}",
	After:  "{name: path, in: query}",
	fn: func(c *ctx, p *pair) {
		if p.dir == request && p.base.ok() && p.head.ok() && isTrue(p.base, "allowReserved") && !isTrue(p.head, "allowReserved") {
			c.report(p, "%s: allowReserved is no longer true", p.where)
		}
	}}

// styleOf is a parameter's style and explode, defaults filled in.
func styleOf(p side) (string, bool) {
	style := str(p, "style")
	if style == "" {
		style = "simple"
		if in := str(p, "in"); in == "query" || in == "cookie" {
			style = "form"
		}
	}
	explode := style == "form"
	if v := str(p, "explode"); v != "" {
		explode = v == "true"
	}
	return style, explode
}

// deep reports whether a style writes even a primitive differently from
// form and simple (matrix ;id=5, label .5, deepObject).
func deep(style string) bool { return style != "form" && style != "simple" }

// primitive reports whether a value is neither array nor object (as far as
// its schema says).
func primitive(f *flat) bool {
	if len(f.types) == 0 {
		return len(f.props) == 0 && !f.items.ok()
	}
	for _, t := range f.types {
		if t == "array" || t == "object" {
			return false
		}
	}
	return true
}
