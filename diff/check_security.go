package diff

import (
	"strings"

	"github.com/dospec/dospec/spec"
)

// Checks on an operation's effective security requirements (its own, else
// the root's).

var securityRequirementAdded = &Check{ID: "security-requirement-added", Level: Breaking, on: pSecurity,
	Title: "An operation needs a new security scheme",
	Doc: "Clients whose token or key does not satisfy the new scheme are refused (401 or 403). " +
		"A requirement where there was none removes anonymous access and is breaking too, set on the operation or globally (oasdiff calls a new global requirement information).",
	Before: "security: [{api_key: []}]",
	After:  "security: [{api_key: [], oauth: [read]}]",
	fn: func(c *ctx, p *pair) {
		b := schemes(p.base)
		for _, name := range needed(p.head) {
			if _, ok := b[name]; !ok {
				c.report(p, "%s now needs %s", p.where, name)
			}
		}
	}}

var securityScopeAdded = &Check{ID: "security-scope-added", Level: Breaking, on: pSecurity,
	Title:  "An operation needs a new scope",
	Doc:    "Tokens granted the old scopes are refused.",
	Before: "security: [{oauth: [read]}]",
	After:  "security: [{oauth: [read, write]}]",
	fn: func(c *ctx, p *pair) {
		b, h := schemes(p.base), schemes(p.head)
		for name, hs := range h {
			bs, ok := b[name]
			if !ok {
				continue
			}
			for _, s := range hs {
				if !contains(bs, s) {
					c.report(p, "%s now needs scope %s", p.where, s)
				}
			}
		}
	}}

var securityScopeRemoved = &Check{ID: "security-scope-removed", Level: Info, on: pSecurity,
	Title:  "An operation needs fewer scopes",
	Doc:    "Clients' existing tokens keep working; fewer scopes are needed.",
	Before: "security: [{oauth: [read, write]}]",
	After:  "security: [{oauth: [read]}]",
	fn: func(c *ctx, p *pair) {
		b, h := schemes(p.base), schemes(p.head)
		for name, bs := range b {
			hs, ok := h[name]
			for _, s := range bs {
				if !ok || !contains(hs, s) {
					c.report(p, "%s no longer needs scope %s", p.where, s)
				}
			}
		}
	}}

// Checks on the schemes of components.securitySchemes: how clients get
// and send their credentials.

var securitySchemeChanged = &Check{ID: "security-scheme-changed", Level: Breaking, on: pSecurityScheme,
	Title:  "A security scheme's type or the way credentials are sent changed",
	Doc:    "Clients send credentials the old way (an API key in a header named X-Key, HTTP basic) and are refused: type, scheme, bearerFormat aside, an apiKey's name or place.",
	Before: "api_key: {type: apiKey, in: header, name: X-Api-Key}",
	After:  "api_key: {type: apiKey, in: query, name: api_key}",
	fn: func(c *ctx, p *pair) {
		if !p.base.ok() || !p.head.ok() {
			return
		}
		for _, k := range []string{"type", "scheme", "in", "name"} {
			b, h := str(p.base, k), str(p.head, k)
			if k == "scheme" {
				b, h = strings.ToLower(b), strings.ToLower(h) // HTTP auth schemes ignore case
			}
			if b != h {
				c.report(p, "%s: %s %s became %s", p.where, k, orNone(b), orNone(h))
			}
		}
	}}

var securitySchemeFlowRemoved = &Check{ID: "security-scheme-flow-removed", Level: Breaking, on: pSecurityScheme,
	Title:  "An OAuth flow was removed, or lost a scope",
	Doc:    "Clients using that grant (authorization code, client credentials, …) cannot get a token; a token requested with a removed scope is refused by the authorization server.",
	Before: "flows: {clientCredentials: {tokenUrl: …, scopes: {read: …, write: …}}}",
	After:  "flows: {clientCredentials: {tokenUrl: …, scopes: {read: …}}}",
	fn: func(c *ctx, p *pair) {
		bf, hf := field(c.base, p.base, "flows"), field(c.head, p.head, "flows")
		if !bf.ok() || !hf.ok() {
			return
		}
		for _, flow := range unionKeys(bf, hf) {
			b, h := field(c.base, bf, flow), field(c.head, hf, flow)
			if !b.ok() {
				continue
			}
			if !h.ok() {
				c.report(p, "%s: the %s flow was removed", p.where, flow)
				continue
			}
			bs, hs := field(c.base, b, "scopes"), field(c.head, h, "scopes")
			for _, scope := range unionKeys(bs, hs) {
				if field(c.base, bs, scope).ok() && !field(c.head, hs, scope).ok() {
					c.report(p, "%s: the %s flow no longer offers scope %s", p.where, flow, scope)
				}
			}
		}
	}}

var securitySchemeURLChanged = &Check{ID: "security-scheme-url-changed", Level: Warning, on: pSecurityScheme,
	Title:  "A security scheme's authorization, token or discovery URL changed",
	Doc:    "Clients configured with the old URL fail to get tokens unless it still answers (a redirect, an alias).",
	Before: "tokenUrl: https://auth.example.com/token",
	After:  "tokenUrl: https://login.example.com/oauth/token",
	fn: func(c *ctx, p *pair) {
		if !p.base.ok() || !p.head.ok() {
			return
		}
		if b, h := str(p.base, "openIdConnectUrl"), str(p.head, "openIdConnectUrl"); b != h && b != "" {
			c.report(p, "%s: openIdConnectUrl %s became %s", p.where, b, orNone(h))
		}
		bf, hf := field(c.base, p.base, "flows"), field(c.head, p.head, "flows")
		for _, flow := range unionKeys(bf, hf) {
			b, h := field(c.base, bf, flow), field(c.head, hf, flow)
			if !b.ok() || !h.ok() {
				continue
			}
			for _, k := range []string{"authorizationUrl", "tokenUrl", "refreshUrl"} {
				if bu, hu := str(b, k), str(h, k); bu != hu && bu != "" {
					c.report(p, "%s: the %s flow's %s %s became %s", p.where, flow, k, bu, orNone(hu))
				}
			}
		}
	}}

var securitySchemeAddedOrRemoved = &Check{ID: "security-scheme-added-or-removed", Level: Info, on: pSecurityScheme,
	Title:  "A security scheme was defined or dropped",
	Doc:    "A scheme no operation requires changes nothing; requirements that name it are judged by security-requirement-added and the scope checks.",
	Before: "securitySchemes: {bearer: …}",
	After:  "securitySchemes: {bearer: …, basic: …}",
	fn: func(c *ctx, p *pair) {
		switch {
		case !p.base.ok() && p.head.ok():
			c.report(p, "%s was added", p.where)
		case p.base.ok() && !p.head.ok():
			c.report(p, "%s was removed", p.where)
		}
	}}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// schemes reads security requirements as scheme → scopes.
func schemes(s side) map[string][]string {
	out := map[string][]string{}
	if !s.ok() {
		return out
	}
	for _, req := range s.Content {
		req = spec.Unalias(req)
		for i := 0; i+1 < len(req.Content); i += 2 {
			name := req.Content[i].Value
			for _, sc := range spec.Unalias(req.Content[i+1]).Content {
				out[name] = append(out[name], sc.Value)
			}
			if _, ok := out[name]; !ok {
				out[name] = nil
			}
		}
	}
	return out
}

// needed lists the schemes named by every alternative of a requirement
// list: those a client cannot do without. A scheme offered as one more
// alternative is not needed.
func needed(s side) []string {
	if !s.ok() || len(s.Content) == 0 {
		return nil
	}
	count := map[string]int{}
	var order []string
	for _, req := range s.Content {
		req = spec.Unalias(req)
		for i := 0; i+1 < len(req.Content); i += 2 {
			name := req.Content[i].Value
			if count[name] == 0 {
				order = append(order, name)
			}
			count[name]++
		}
	}
	var out []string
	for _, name := range order {
		if count[name] == len(s.Content) {
			out = append(out, name)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
