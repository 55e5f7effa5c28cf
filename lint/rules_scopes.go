package lint

import (
	"fmt"
	"regexp"
	"strings"

	yaml "github.com/pb33f/go-yaml"

	"github.com/dospec/dospec/spec"
)

// Scope rules: nothing in spectral checks these. Defaults follow DO's own
// scope documentation (<resource>:read|create|update|delete plus a few
// documented custom actions) and are replaced from .dospec.yaml.

// DefaultScopeActions are the actions a scope may name unless
// lint.scopes.actions says otherwise.
var DefaultScopeActions = []string{
	"read", "create", "update", "delete",
	"admin", "access_console", "access_cluster", "assign_resource",
	"view_credentials", "create_credentials",
}

// DefaultSuspectActions are actions that contradict a method.
var DefaultSuspectActions = map[string][]string{
	"get":    {"create", "update", "delete", "write"},
	"head":   {"create", "update", "delete", "write"},
	"delete": {"read", "create"},
	"put":    {"read"},
	"patch":  {"read", "create"},
}

// scopeUse is one scope named by one operation's requirement.
type scopeUse struct {
	op        *spec.Operation
	scheme    string
	scope     string
	node      *yaml.Node // the scope scalar
	file      *spec.File
	path      string
	inherited bool
}

// scopedSchemes are the schemes whose requirements list scopes.
func (p *Pass) scopedSchemes() map[string]bool {
	out := map[string]bool{}
	if len(p.Config.Scopes.Schemes) > 0 {
		for _, s := range p.Config.Scopes.Schemes {
			out[s] = true
		}
		return out
	}
	for name, n := range p.securitySchemes() {
		t, _ := spec.ScalarString(spec.Get(n.Node, "type"))
		scheme, _ := spec.ScalarString(spec.Get(n.Node, "scheme"))
		if t == "oauth2" || t == "openIdConnect" || (t == "http" && strings.EqualFold(scheme, "bearer")) {
			out[name] = true
		}
	}
	return out
}

// requirement is one scheme entry of one security requirement.
type requirement struct {
	op        *spec.Operation
	scheme    *yaml.Node
	scopes    *yaml.Node // the list
	file      *spec.File
	path      string
	inherited bool
}

func (p *Pass) requirements() []requirement {
	scoped := p.scopedSchemes()
	var out []requirement
	for _, op := range p.Index.Operations {
		reqs, inherited, ok := p.security(op)
		if !ok {
			continue
		}
		base := op.Visit.JSONPath() + ".security"
		if inherited {
			base = "$.security"
		}
		for i, req := range reqs.Content {
			req = spec.Unalias(req)
			for j := 0; j+1 < len(req.Content); j += 2 {
				if !scoped[req.Content[j].Value] {
					continue
				}
				out = append(out, requirement{
					op: op, scheme: req.Content[j], scopes: spec.Unalias(req.Content[j+1]), file: reqs.File,
					path: fmt.Sprintf("%s[%d].%s", base, i, req.Content[j].Value), inherited: inherited,
				})
			}
		}
	}
	return out
}

func (p *Pass) scopeUses() []scopeUse {
	if p.cache.usesDone {
		return p.cache.uses
	}
	var out []scopeUse
	for _, r := range p.requirements() {
		for _, s := range r.scopes.Content {
			if s.Kind != yaml.ScalarNode {
				continue
			}
			out = append(out, scopeUse{op: r.op, scheme: r.scheme.Value, scope: s.Value, node: s, file: r.file, path: r.path, inherited: r.inherited})
		}
	}
	p.cache.uses, p.cache.usesDone = out, true
	return out
}

var scopesPresent = &Rule{
	ID:    "security-scopes-present",
	Title: "Bearer and OAuth requirements list at least one scope",
	Doc: `A requirement such as bearer_auth: [] lets any token through; a custom
-scoped token cannot be granted access to the operation. Name the scope the
operation needs.`,
	Bad:      "security:\n  - bearer_auth: []",
	Good:     "security:\n  - bearer_auth:\n      - 'droplet:read'",
	Severity: Warning,
	Check: func(p *Pass) {
		for _, r := range p.requirements() {
			if len(r.scopes.Content) == 0 {
				p.ReportAt(r.file.Pos(r.scheme), r.path, []*spec.Operation{r.op}, "%s requirement lists no scope", r.scheme.Value)
			}
		}
	},
}

var scopeFormat = regexp.MustCompile(`^[a-z0-9]+(_[a-z0-9]+)*:[a-z0-9]+(_[a-z0-9]+)*$`)

var scopeFormatRule = &Rule{
	ID:       "security-scope-format",
	Title:    "Scopes are <resource>:<action> in lower snake_case",
	Doc:      `Scopes read resource:action, both lower snake_case: droplet:read, load_balancer:update.`,
	Bad:      "- 'Droplet:Read'",
	Good:     "- 'droplet:read'",
	Severity: Warning,
	Check: func(p *Pass) {
		for _, u := range p.scopeUses() {
			if !scopeFormat.MatchString(u.scope) {
				p.ReportAt(u.file.Pos(u.node), u.path, []*spec.Operation{u.op}, "scope %q is not <resource>:<action> in lower snake_case", u.scope)
			}
		}
	},
}

var scopeAction = &Rule{
	ID:    "security-scope-action",
	Title: "Scope actions are documented and fit the method",
	Doc: `The action of a scope is one the API documents (default: read, create,
update, delete and DO's custom admin, access_console, access_cluster,
assign_resource, view_credentials, create_credentials; set
lint.scopes.actions), and does not contradict the method: a GET that asks for
:delete or a DELETE that asks for :read is suspect (lint.scopes.suspect).
POST action endpoints that need :update or :delete are normal and not
reported.`,
	Bad:      "get:\n  security:\n    - bearer_auth: ['droplet:delete']",
	Good:     "get:\n  security:\n    - bearer_auth: ['droplet:read']",
	Severity: Warning,
	Check: func(p *Pass) {
		actions := p.Config.Scopes.Actions
		if len(actions) == 0 {
			actions = DefaultScopeActions
		}
		suspect := DefaultSuspectActions
		if len(p.Config.Scopes.Suspect) > 0 {
			suspect = map[string][]string{}
			for m, list := range p.Config.Scopes.Suspect {
				suspect[strings.ToLower(m)] = list
			}
		}
		for _, u := range p.scopeUses() {
			_, action, ok := strings.Cut(u.scope, ":")
			if !ok {
				continue // security-scope-format reports it
			}
			switch {
			case contains(suspect[u.op.Method], action):
				p.ReportAt(u.file.Pos(u.node), u.path, []*spec.Operation{u.op}, "%s asks for %q: action %s does not fit %s", u.op, u.scope, action, strings.ToUpper(u.op.Method))
			case !contains(actions, action):
				p.ReportAt(u.file.Pos(u.node), u.path, []*spec.Operation{u.op}, "scope %q: %q is not a documented scope action (lint.scopes.actions lists them)", u.scope, action)
			}
		}
	},
}

var scopeResourceConsistent = &Rule{
	ID:    "security-scope-resource-consistent",
	Title: "One tag's operations name a resource one way",
	Doc: `Within the operations of one tag, a scope resource spelt two ways
(droplet:read next to droplets:read, load-balancer next to load_balancer) is
almost always a typo that leaves tokens unable to call one of them. The less
used spelling is reported.`,
	Bad:      "# tag Droplets\n- 'droplet:read'\n- 'droplets:update'",
	Good:     "# tag Droplets\n- 'droplet:read'\n- 'droplet:update'",
	Severity: Warning,
	Check: func(p *Pass) {
		byTag := map[string]map[string][]scopeUse{} // tag → resource → uses
		for _, u := range p.scopeUses() {
			res, _, ok := strings.Cut(u.scope, ":")
			if !ok {
				continue
			}
			for _, t := range p.opTags(u.op) {
				if byTag[t.Value] == nil {
					byTag[t.Value] = map[string][]scopeUse{}
				}
				byTag[t.Value][res] = append(byTag[t.Value][res], u)
			}
		}
		for _, tag := range sortedKeys(byTag) {
			resources := byTag[tag]
			// Each spelling is compared with the most used one of its
			// stem only, not with every other (rarer) spelling.
			byStem := map[string][]string{}
			for _, name := range sortedKeys(resources) {
				byStem[resourceStem(name)] = append(byStem[resourceStem(name)], name)
			}
			for _, stem := range sortedKeys(byStem) {
				names := byStem[stem]
				major := names[0]
				for _, n := range names[1:] {
					if len(resources[n]) >= len(resources[major]) {
						major = n
					}
				}
				for _, minor := range names {
					if minor == major {
						continue
					}
					for _, u := range resources[minor] {
						p.ReportAt(u.file.Pos(u.node), u.path, []*spec.Operation{u.op},
							"scope %q: tag %q's other operations spell the resource %q (%d uses)", u.scope, tag, major, len(resources[major]))
					}
				}
			}
		}
	},
}

// resourceStem folds the spellings of one resource name together.
func resourceStem(s string) string {
	s = strings.ReplaceAll(strings.ToLower(s), "-", "_")
	switch {
	case strings.HasSuffix(s, "ies"):
		return s[:len(s)-3] + "y"
	case strings.HasSuffix(s, "ses"), strings.HasSuffix(s, "xes"):
		return s[:len(s)-2]
	case strings.HasSuffix(s, "s") && !strings.HasSuffix(s, "ss"):
		return s[:len(s)-1]
	}
	return s
}

var scopeSingleUse = &Rule{
	ID:    "security-scope-single-use",
	Title: "A scope used by one operation only",
	Doc: `Scopes are shared by the operations of a resource; one that appears
exactly once is often a typo of a common one. Reported as information.`,
	Bad:      "- 'dropet:read'   # every other operation says droplet:read",
	Good:     "- 'droplet:read'",
	Severity: Info,
	Check: func(p *Pass) {
		uses := map[string][]scopeUse{}
		for _, u := range p.scopeUses() {
			uses[u.scope] = append(uses[u.scope], u)
		}
		for _, s := range sortedKeys(uses) {
			list := uses[s]
			ops := map[*spec.Operation]bool{}
			for _, u := range list {
				ops[u.op] = true
			}
			if len(ops) == 1 {
				u := list[0]
				p.ReportAt(u.file.Pos(u.node), u.path, []*spec.Operation{u.op}, "scope %q is used by this operation only", s)
			}
		}
	},
}
