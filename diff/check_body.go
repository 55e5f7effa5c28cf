package diff

// Checks on request bodies and the media types of bodies and responses.

var requestBodyAddedRequired = &Check{ID: "request-body-added-required", Level: Breaking, on: pRequestBody,
	Title:  "A required request body was added, or a body became required",
	Doc:    "Clients that send no body are now refused.",
	Before: "requestBody: {content: {…}}",
	After:  "requestBody: {required: true, content: {…}}",
	fn: func(c *ctx, p *pair) {
		if p.dir == request && isTrue(p.head, "required") && !isTrue(p.base, "required") {
			c.report(p, "%s: the request body is now required", p.op)
		}
	}}

var requestBodyRemoved = &Check{ID: "request-body-removed", Level: Warning, on: pRequestBody,
	Title:  "A request body was removed",
	Doc:    "Clients that still send one may be refused or have it ignored.",
	Before: "post: {requestBody: {…}}",
	After:  "post: {}",
	fn: func(c *ctx, p *pair) {
		if p.dir == request && p.base.ok() && !p.head.ok() {
			c.report(p, "%s: the request body was removed", p.op)
		}
	}}

var requestMediaTypeRemoved = &Check{ID: "request-media-type-removed", Level: Breaking, on: pMediaType,
	Title:  "A request media type was removed",
	Doc:    "Clients that send the body in that media type are refused (typically 415).",
	Before: "content: {application/json: …, application/xml: …}",
	After:  "content: {application/xml: …}",
	fn: func(c *ctx, p *pair) {
		if p.dir == request && p.base.ok() && !p.head.ok() {
			c.report(p, "%s: request body %s is no longer accepted", p.op, p.name)
		}
	}}

var responseMediaTypeRemoved = &Check{ID: "response-media-type-removed", Level: Breaking, on: pMediaType,
	Title:  "A success response's media type was removed",
	Doc:    "Clients that ask for or parse that media type get something else.",
	Before: "'200': {content: {application/json: …}}",
	After:  "'200': {content: {text/csv: …}}",
	fn: func(c *ctx, p *pair) {
		if p.dir == response && success(p.status) && p.base.ok() && !p.head.ok() {
			c.report(p, "%s: response %s no longer returns %s", p.op, p.status, p.name)
		}
	}}
