package diff

// Checks on operations as a whole: added, removed, renamed, deprecated.

var operationRemoved = &Check{ID: "operation-removed", Level: Breaking, on: pOperation,
	Title:  "An operation was removed",
	Doc:    "Clients calling it get 404 or 405. Removing an operation marked deprecated is deprecated-operation-removed instead.",
	Before: "paths: {/pets: {get: {…}, post: {…}}}",
	After:  "paths: {/pets: {get: {…}}}",
	fn: func(c *ctx, p *pair) {
		if p.base.ok() && !p.head.ok() && !isTrue(p.base, "deprecated") && !p.op.webhook && !p.op.callback && !c.beforeSunset(p.base) {
			c.report(p, "%s was removed", p.op)
		}
	}}

var deprecatedOperationRemoved = &Check{ID: "deprecated-operation-removed", Level: Breaking, on: pOperation,
	Title:  "A deprecated operation was removed",
	Doc:    "The operation said deprecated: true, so clients were warned; it still breaks those that call it. Lower the level in .dospec.yaml when your policy sanctions such removals.",
	Before: "post: {deprecated: true, …}",
	After:  "(no post)",
	fn: func(c *ctx, p *pair) {
		if p.base.ok() && !p.head.ok() && isTrue(p.base, "deprecated") && !p.op.webhook && !p.op.callback && !c.beforeSunset(p.base) {
			c.report(p, "%s (deprecated) was removed", p.op)
		}
	}}

var operationAdded = &Check{ID: "operation-added", Level: Info, on: pOperation,
	Title:  "An operation was added",
	Doc:    "A new method for clients; nothing they do today changes.",
	Before: "paths: {/pets: {get: {…}}}",
	After:  "paths: {/pets: {get: {…}, post: {…}}}",
	fn: func(c *ctx, p *pair) {
		if !p.base.ok() && p.head.ok() && !p.op.webhook && !p.op.callback {
			c.report(p, "%s was added", p.op)
		}
	}}

var operationIDChanged = &Check{ID: "operation-id-changed", Level: Warning, on: pOperation,
	Title:  "An operationId changed",
	Doc:    "The wire is the same, but generated clients rename the method.",
	Before: "operationId: listPets",
	After:  "operationId: petsList",
	fn: func(c *ctx, p *pair) {
		if b, h := str(p.base, "operationId"), str(p.head, "operationId"); p.base.ok() && p.head.ok() && b != h {
			c.report(p, "%s: operationId %s became %s", p.op, b, h)
		}
	}}

var operationDeprecated = &Check{ID: "operation-deprecated", Level: Info, on: pOperation,
	Title:  "An operation was marked deprecated",
	Doc:    "Clients still work, but should plan to move off it before it is removed.",
	Before: "get: {operationId: listPets}",
	After:  "get: {operationId: listPets, deprecated: true}",
	fn: func(c *ctx, p *pair) {
		if p.base.ok() && p.head.ok() && !isTrue(p.base, "deprecated") && isTrue(p.head, "deprecated") {
			c.report(p, "%s is now deprecated", p.op)
		}
	}}

var pathParameterRenamed = &Check{ID: "path-parameter-renamed", Level: Warning, on: pOperation,
	Title:  "A path parameter was renamed",
	Doc:    "The URL is the same on the wire, but generated clients rename the argument.",
	Before: "/pets/{id}",
	After:  "/pets/{pet_id}",
	fn: func(c *ctx, p *pair) {
		if p.op.base != nil && p.op.head != nil && p.op.base.Path != p.op.head.Path {
			c.report(p, "%s: path %s became %s", p.op, p.op.base.Path, p.op.head.Path)
		}
	}}

var webhookRemoved = &Check{ID: "webhook-removed", Level: Breaking, on: pOperation,
	Title:  "A webhook was removed",
	Doc:    "Subscribers that act on its events no longer receive them. Inside a webhook the API sends the request and the subscriber answers, so its request body and parameters are judged as a response and its responses as a request.",
	Before: "webhooks: {orderCreated: {post: {…}}, orderPaid: {post: {…}}}",
	After:  "webhooks: {orderCreated: {post: {…}}}",
	fn: func(c *ctx, p *pair) {
		if p.op.webhook && p.base.ok() && !p.head.ok() {
			c.report(p, "%s was removed", p.op)
		}
	}}

var webhookAdded = &Check{ID: "webhook-added", Level: Info, on: pOperation,
	Title:  "A webhook was added",
	Doc:    "New events subscribers may act on; nothing they do today changes.",
	Before: "webhooks: {orderCreated: {post: {…}}}",
	After:  "webhooks: {orderCreated: {post: {…}}, orderPaid: {post: {…}}}",
	fn: func(c *ctx, p *pair) {
		if p.op.webhook && !p.base.ok() && p.head.ok() {
			c.report(p, "%s was added", p.op)
		}
	}}

var callbackRemoved = &Check{ID: "callback-removed", Level: Breaking, on: pOperation,
	Title:  "A callback was removed",
	Doc:    "Clients that registered for it are no longer called. Inside a callback, as in a webhook, the API sends the request: it is judged as a response, and the client's answer as a request.",
	Before: "callbacks: {onDone: {'{$request.body#/url}': {post: {…}}}}",
	After:  "callbacks: {}",
	fn: func(c *ctx, p *pair) {
		if p.op.callback && p.base.ok() && !p.head.ok() {
			c.report(p, "%s was removed", p.op)
		}
	}}

var callbackAdded = &Check{ID: "callback-added", Level: Info, on: pOperation,
	Title:  "A callback was added",
	Doc:    "A new call clients may register for; nothing they do today changes.",
	Before: "callbacks: {}",
	After:  "callbacks: {onDone: {'{$request.body#/url}': {post: {…}}}}",
	fn: func(c *ctx, p *pair) {
		if p.op.callback && !p.base.ok() && p.head.ok() {
			c.report(p, "%s was added", p.op)
		}
	}}
