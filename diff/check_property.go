package diff

import "strings"

// Checks on an object's properties, each seen with the object that holds
// it (its required list, readOnly and writeOnly).

var requestRequiredPropertyAdded = &Check{ID: "request-required-property-added", Level: Breaking, on: pProperty,
	Title:  "A request gained a required property",
	Doc:    "Clients that do not send the new property are refused. A readOnly property is not counted: clients never send it.",
	Before: "{properties: {name: …}, required: [name]}",
	After:  "{properties: {name: …, region: …}, required: [name, region]}",
	fn: func(c *ctx, p *pair) {
		if p.dir == request && !p.base.ok() && p.head.ok() && p.required[1] && !c.flatten(c.head, p.head).readOnly {
			c.report(p, "%s: new required property", p.where)
		}
	}}

var requestPropertyBecameRequired = &Check{ID: "request-property-became-required", Level: Breaking, on: pProperty,
	Title:  "A request property became required",
	Doc:    "Clients that leave it out are refused. Counts required lists written beside an allOf.",
	Before: "required: [name]",
	After:  "required: [name, region]",
	fn: func(c *ctx, p *pair) {
		if p.dir == request && p.base.ok() && p.head.ok() && !p.required[0] && p.required[1] && !c.flatten(c.head, p.head).readOnly {
			n := p.hObj.required[p.name]
			c.reportAt(p, nil, nil, n.File, n.Node, "%s is now required", p.where)
		}
	}}

var requestPropertyRemoved = &Check{ID: "request-property-removed", Level: Warning, on: pProperty,
	Title:  "A request property was removed",
	Doc:    "Clients that still send it may be refused or have it ignored. A readOnly property is not counted.",
	Before: "properties: {name: …, tags: …}",
	After:  "properties: {name: …}",
	fn: func(c *ctx, p *pair) {
		if p.dir == request && p.base.ok() && !p.head.ok() && !c.flatten(c.base, p.base).readOnly {
			c.report(p, "%s was removed", p.where)
		}
	}}

var responsePropertyRemoved = &Check{ID: "response-property-removed", Level: Breaking, on: pProperty,
	Title: "A response property was removed",
	Doc: "Clients that read it get nothing. A writeOnly property is not counted: it was never returned. " +
		"An optional property counts too: it disappears from generated clients and code reading it no longer compiles (oasdiff only warns for an optional one).",
	Before: "properties: {id: …, name: …}",
	After:  "properties: {id: …}",
	fn: func(c *ctx, p *pair) {
		if p.dir == response && p.base.ok() && !p.head.ok() && !c.flatten(c.base, p.base).writeOnly {
			c.report(p, "%s was removed", p.where)
		}
	}}

var responsePropertyBecameOptional = &Check{ID: "response-property-became-optional", Level: Breaking, on: pProperty,
	Title:  "A response property is no longer required",
	Doc:    "Clients that rely on it being there meet responses without it.",
	Before: "required: [id, name]",
	After:  "required: [id]",
	fn: func(c *ctx, p *pair) {
		if p.dir == response && p.base.ok() && p.head.ok() && p.required[0] && !p.required[1] {
			n := p.bObj.required[p.name]
			if p.renamedFrom != "" {
				n = p.bObj.required[p.renamedFrom]
			}
			c.reportAt(p, n.File, n.Node, nil, nil, "%s is no longer required", p.where)
		}
	}}

var propertyAdded = &Check{ID: "property-added", Level: Info, on: pProperty,
	Title: "A property was added",
	Doc: "A new optional request property or a new response property: clients that ignore unknown fields are unaffected. " +
		"allOf is merged into the schema it extends, so a new allOf branch bringing an optional property is this change (oasdiff calls any new request allOf branch breaking).",
	Before: "properties: {id: …}",
	After:  "properties: {id: …, created_at: …}",
	fn: func(c *ctx, p *pair) {
		if !p.base.ok() && p.head.ok() && !(p.dir == request && p.required[1]) {
			c.report(p, "%s: new %s property", p.where, p.side())
		}
	}}

var propertyRenamed = &Check{ID: "property-renamed", Level: Breaking, on: pProperty,
	Title: "A property was probably renamed",
	Doc: "A property was removed and another of the same shape (type, format, enum, items, properties) added in the same object: reported once as a rename, not as a removal and an addition. " +
		"A discriminator's propertyName renamed with its property is one too: clients send or read the old name (oasdiff reports only the discriminator change, as information).",
	Before: "properties: {petType: {type: string}}",
	After:  "properties: {kind: {type: string}}",
	fn: func(c *ctx, p *pair) {
		if p.renamedFrom != "" {
			c.report(p, "%s: %s property %s was renamed to %s", strings.TrimSuffix(p.where, "."+p.name), p.side(), p.renamedFrom, p.name)
		}
	}}

var requestPropertyBecameReadOnly = &Check{ID: "request-property-became-read-only", Level: Warning, on: pProperty,
	Title:  "A request property became readOnly",
	Doc:    "Clients still send it; the server now ignores it or refuses it, so what they set no longer takes.",
	Before: "name: {type: string}",
	After:  "name: {type: string, readOnly: true}",
	fn: func(c *ctx, p *pair) {
		if p.dir == request && p.base.ok() && p.head.ok() && !c.flatten(c.base, p.base).readOnly && c.flatten(c.head, p.head).readOnly {
			c.report(p, "%s is now readOnly", p.where)
		}
	}}

var responsePropertyBecameWriteOnly = &Check{ID: "response-property-became-write-only", Level: Breaking, on: pProperty,
	Title:  "A response property became writeOnly",
	Doc:    "It is no longer returned: clients that read it get nothing, as if it were removed.",
	Before: "password_hint: {type: string}",
	After:  "password_hint: {type: string, writeOnly: true}",
	fn: func(c *ctx, p *pair) {
		if p.dir == response && p.base.ok() && p.head.ok() && !c.flatten(c.base, p.base).writeOnly && c.flatten(c.head, p.head).writeOnly {
			c.report(p, "%s is now writeOnly (no longer returned)", p.where)
		}
	}}
