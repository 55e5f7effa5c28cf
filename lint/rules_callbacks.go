package lint

import (
	"strings"

	"github.com/dospec/dospec/spec"
)

// spectral:oas rules on what callbacks and webhooks may hold.

// operationMethods are the keys of a path item spectral's rules take for
// operations (OpenAPI 3.0 and 3.1).
var operationMethods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// reportKey reports the key field of pl, a mapping that may have it, at
// that key.
func (p *Pass) reportKey(pl place, field, format string, args ...any) {
	if k, _ := spec.GetKey(pl.Node.Node, field); k != nil {
		p.ReportAt(pl.File.Pos(k), pl.path+"."+field, nil, format, args...)
	}
}

var callbacksInCallbacks = &Rule{
	ID:    "oas3-callbacks-in-callbacks",
	Title: "Callbacks do not define callbacks",
	Doc: `A callback is a request the API sends to the client; the client's answer to it
cannot call back again, so an operation inside a callback has no callbacks.
Checked for the callbacks of the operations under paths.`,
	Bad:      "callbacks:\n  droplet_created:\n    '{$request.body#/url}':\n      post:\n        callbacks: {}",
	Good:     "callbacks:\n  droplet_created:\n    '{$request.body#/url}':\n      post:\n        responses: {'200': {description: ok}}",
	Severity: Warning,
	Check: func(p *Pass) {
		paths, ok := p.child(p.rootPlace(), "paths")
		if !ok {
			return
		}
		for _, item := range p.children(paths) {
			for _, m := range operationMethods {
				op, ok := p.child(item, m)
				if !ok {
					continue
				}
				cbs, ok := p.child(op, "callbacks")
				if !ok {
					continue
				}
				for _, cb := range p.children(cbs) {
					for _, cbItem := range p.children(cb) {
						for _, inner := range p.children(cbItem) {
							p.reportKey(inner, "callbacks", "%s in callback %s of %s %s defines callbacks of its own", inner.name, cb.name, strings.ToUpper(m), item.name)
						}
					}
				}
			}
		}
	},
}

// eachWebhookOperation calls fn for each value of each webhook's path item
// (its operations), in OpenAPI 3.1 documents only.
func (p *Pass) eachWebhookOperation(fn func(hook, op place)) {
	if !strings.HasPrefix(p.Spec.Version, "3.1") {
		return
	}
	hooks, ok := p.child(p.rootPlace(), "webhooks")
	if !ok {
		return
	}
	for _, hook := range p.children(hooks) {
		for _, op := range p.children(hook) {
			fn(hook, op)
		}
	}
}

var serversInWebhook = &Rule{
	ID:    "oas3_1-servers-in-webhook",
	Title: "Webhooks have no servers (OpenAPI 3.1)",
	Doc: `A webhook is a request the API sends to a url the client registered, so a
server list under webhooks or on a webhook's operation names nothing.`,
	Bad:      "webhooks:\n  droplet_created:\n    post:\n      servers:\n        - url: https://hooks.example.com",
	Good:     "webhooks:\n  droplet_created:\n    post:\n      requestBody: {$ref: '#/components/requestBodies/droplet_event'}",
	Severity: Warning,
	Check: func(p *Pass) {
		if hooks, ok := p.child(p.rootPlace(), "webhooks"); ok && strings.HasPrefix(p.Spec.Version, "3.1") {
			p.reportKey(hooks, "servers", "webhooks has servers; a webhook is sent to the url the client registered")
		}
		p.eachWebhookOperation(func(hook, op place) {
			p.reportKey(op, "servers", "%s of webhook %s has servers; a webhook is sent to the url the client registered", op.name, hook.name)
		})
	},
}

var callbacksInWebhook = &Rule{
	ID:    "oas3_1-callbacks-in-webhook",
	Title: "Webhooks have no callbacks (OpenAPI 3.1)",
	Doc: `A webhook is itself a request the API sends; the client's answer to it cannot
call back again, so a webhook's operations have no callbacks.`,
	Bad:      "webhooks:\n  droplet_created:\n    post:\n      callbacks: {}",
	Good:     "webhooks:\n  droplet_created:\n    post:\n      responses: {'200': {description: ok}}",
	Severity: Warning,
	Check: func(p *Pass) {
		p.eachWebhookOperation(func(hook, op place) {
			p.reportKey(op, "callbacks", "%s of webhook %s defines callbacks", op.name, hook.name)
		})
	},
}
