package diff

import "strings"

// Checks on responses by status code, and their headers.

var responseSuccessStatusRemoved = &Check{ID: "response-success-status-removed", Level: Breaking, on: pResponse,
	Title:  "A success response was removed",
	Doc:    "Clients that handle that success status get another one instead.",
	Before: "responses: {'200': …}",
	After:  "responses: {'202': …}",
	fn: func(c *ctx, p *pair) {
		if p.dir == response && p.base.ok() && !p.head.ok() && success(p.name) {
			c.report(p, "%s: response %s was removed", p.op, p.name)
		}
	}}

var responseStatusRemoved = &Check{ID: "response-status-removed", Level: Info, on: pResponse,
	Title:  "An error response was removed",
	Doc:    "Clients keep working; the error simply is no longer documented.",
	Before: "responses: {'200': …, '404': …}",
	After:  "responses: {'200': …}",
	fn: func(c *ctx, p *pair) {
		if p.dir == response && p.base.ok() && !p.head.ok() && !success(p.name) {
			c.report(p, "%s: response %s is no longer documented", p.op, p.name)
		}
	}}

var responseStatusAdded = &Check{ID: "response-status-added", Level: Info, on: pResponse,
	Title:  "A response was added",
	Doc:    "Clients that switch on the status may meet one they do not handle; reported for the changelog.",
	Before: "responses: {'200': …}",
	After:  "responses: {'200': …, '429': …}",
	fn: func(c *ctx, p *pair) {
		if p.dir == response && !p.base.ok() && p.head.ok() {
			c.report(p, "%s: response %s was added", p.op, p.name)
		}
	}}

var responseHeaderRemoved = &Check{ID: "response-header-removed", Level: Warning, on: pHeader,
	Title:  "A response header was removed",
	Doc:    "Clients that read the header (rate limits, links) find it missing.",
	Before: "headers: {ratelimit-limit: …}",
	After:  "headers: {}",
	fn: func(c *ctx, p *pair) {
		if p.dir == response && p.base.ok() && !p.head.ok() {
			c.report(p, "%s: header %s was removed", p.where[:strings.LastIndex(p.where, " header ")], p.name)
		}
	}}

var responseHeaderBecameOptional = &Check{ID: "response-header-became-optional", Level: Breaking, on: pHeader,
	Title:  "A response header is no longer required",
	Doc:    "Clients that read it on every response (a request id, a rate limit) meet responses without it. Header names are matched ignoring case, as HTTP does; the header's schema is compared like a response value.",
	Before: "X-Request-Id: {required: true, schema: {type: string}}",
	After:  "X-Request-Id: {schema: {type: string}}",
	fn: func(c *ctx, p *pair) {
		if p.dir == response && p.base.ok() && p.head.ok() && isTrue(p.base, "required") && !isTrue(p.head, "required") {
			c.report(p, "%s is no longer required", p.where)
		}
	}}

var responseHeaderAdded = &Check{ID: "response-header-added", Level: Info, on: pHeader,
	Title:  "A response header was added",
	Doc:    "Clients may read it; those that do not are unaffected.",
	Before: "headers: {}",
	After:  "headers: {ratelimit-remaining: …}",
	fn: func(c *ctx, p *pair) {
		if p.dir == response && !p.base.ok() && p.head.ok() {
			c.report(p, "%s: header %s was added", p.where[:strings.LastIndex(p.where, " header ")], p.name)
		}
	}}
