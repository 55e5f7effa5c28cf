package diff

import "github.com/dospec/dospec/spec"

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
