package lint

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	yaml "github.com/pb33f/go-yaml"

	"github.com/dospec/dospec/spec"
)

// operationVerbs is DO's table of the verbs an operationId may use after
// its namespace, by method.
var operationVerbs = map[string][]string{
	"get":    {"get", "list"},
	"delete": {"delete", "destroy", "remove", "purge", "untag", "unassign", "detach"},
	"patch":  {"patch", "update"},
	"put":    {"update", "promote", "install", "regenerate", "cancel", "rollback", "upload"},
	"post": {"create", "post", "add", "tag", "install", "reset", "upgrade", "recycle", "run",
		"retry", "validate", "assign", "unassign", "cancel", "list", "destroy", "delete", "update",
		"attach", "revert", "commit", "restart", "import"},
}

var operationIDNaming = &Rule{
	ID:    "operationid-must-follow-new-naming-conventions",
	Title: "operationIds are <namespace>_<verb>… with a verb that fits the method",
	Doc: `The word after the namespace is a verb that fits the HTTP method (GET:
get, list; DELETE: delete, destroy, remove, …; PATCH: patch, update; PUT:
update, promote, …; POST: create, add, run, …), and the id has no article
(_a_, _an_, _the_). DO's namespaces are camelCase (loadBalancers_create), so
its rule reads the second word; dospec also accepts snake_case namespaces
(load_balancers_create) by taking the first known verb after the first word.`,
	Bad:      `get: {operationId: droplets_fetch}`,
	Good:     `get: {operationId: droplets_get}`,
	Severity: Warning,
	Check: func(p *Pass) {
		for _, op := range p.Index.Operations {
			id := op.ID()
			if id == "" {
				continue
			}
			at := spec.Get(op.Node.Node, "operationId")
			if verbs, ok := operationVerbs[op.Method]; ok {
				ns, verb := splitOperationID(id)
				if !contains(verbs, verb) {
					p.Report(op.Visit, at, "%s: operationId %s should have one of %s after the namespace (e.g. %s_%s)",
						op, id, strings.Join(verbs, ", "), ns, verbs[0])
					continue
				}
			}
			for _, a := range []string{"_a_", "_an_", "_the_"} {
				if strings.Contains(id, a) {
					p.Report(op.Visit, at, "operationId %s has an article (%s)", id, strings.Trim(a, "_"))
					break
				}
			}
		}
	},
}

// allVerbs is every verb of operationVerbs.
var allVerbs = func() map[string]bool {
	m := map[string]bool{}
	for _, list := range operationVerbs {
		for _, v := range list {
			m[v] = true
		}
	}
	return m
}()

// splitOperationID finds the namespace and the verb of an operationId. DO
// writes namespaces in camelCase (loadBalancers_create), where the verb is
// the second word; a snake_case namespace (load_balancers_create) has more
// words before it, so the verb is the first known verb after the first word.
func splitOperationID(id string) (namespace, verb string) {
	parts := strings.Split(id, "_")
	if len(parts) < 2 {
		return id, ""
	}
	for i := 1; i < len(parts); i++ {
		if allVerbs[parts[i]] {
			return strings.Join(parts[:i], "_"), parts[i]
		}
	}
	return parts[0], parts[1]
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

var (
	// compatibleSnake is what DO's ensureSnakeCaseWithDigits means to
	// allow: words of letters and digits joined by _ or ., camelCase words
	// included. (Its regex also demands at least one separator, which
	// would reject every one-word key; that is not kept.)
	compatibleSnake = regexp.MustCompile(`^[A-Za-z0-9]+([._][A-Za-z0-9]+)*$`)
	strictSnake     = regexp.MustCompile(`^[a-z0-9]+(_[a-z0-9]+)*$`)
)

// snakeCaseRule checks the names of one components section: the root's
// own entries, and in a multi-file spec the keys that $refs in that slot
// name (shared/parameters.yml#/per_page gives "per_page"), which is what
// the section's names will be once bundled.
func snakeCaseRule(id, section string, k spec.Kind) *Rule {
	return &Rule{
		ID:    id,
		Title: fmt.Sprintf("%s names are snake_case", capitalize(strings.TrimSuffix(section, "s"))),
		Doc: fmt.Sprintf(`Names of the root's components/%s entries are snake_case with
digits allowed. By default the check is DO's: words of letters and digits
joined by _ or . (camelCase words such as droplet_nextBackup pass; unlike DO's
regex, a one-word name passes too). With lint.snake-case: strict in
.dospec.yaml only lower snake_case passes, and the keys that $refs to %s point
at in other files (shared/parameters.yml#/per_page) are checked as well, since
they become component names once bundled.`, section, section),
		Bad:      fmt.Sprintf("components:\n  %s:\n    Droplet-Name: ...", section),
		Good:     fmt.Sprintf("components:\n  %s:\n    droplet_name: ...", section),
		Severity: Error,
		Check: func(p *Pass) {
			re := compatibleSnake
			if p.Config.SnakeCase == "strict" {
				re = strictSnake
			}
			seen := map[*yaml.Node]bool{}
			check := func(f *spec.File, key *yaml.Node, path string) {
				if seen[key] || re.MatchString(key.Value) {
					return
				}
				seen[key] = true
				p.ReportAt(f.Pos(key), path, nil, "%s name %q is not snake_case", strings.TrimSuffix(section, "s"), key.Value)
			}
			if m := spec.Get(spec.Get(p.Spec.Root.Doc, "components"), section); m != nil {
				for i := 0; i+1 < len(m.Content); i += 2 {
					check(p.Spec.Root, m.Content[i], "$.components."+section+spec.PathSegment(m.Content[i].Value, false))
				}
			}
			if p.Config.SnakeCase != "strict" {
				return
			}
			p.each(k, func(v *spec.Visit) {
				if v.Ref == nil || v.Ref.Pointer == "" || v.Ref.File == p.Spec.Root {
					return
				}
				toks := spec.SplitPointer(v.Ref.Pointer)
				parent, err := lookupParent(v.Ref.File.Doc, toks)
				if err != nil {
					return
				}
				if key, _ := spec.GetKey(parent, toks[len(toks)-1]); key != nil {
					check(v.Ref.File, key, v.JSONPath())
				}
			})
		},
	}
}

// lookupParent finds the mapping that holds the last token of a pointer.
func lookupParent(doc *yaml.Node, toks []string) (*yaml.Node, error) {
	n := doc
	for _, t := range toks[:len(toks)-1] {
		n = spec.Get(n, t)
		if n == nil {
			return nil, fmt.Errorf("not found")
		}
	}
	return spec.Unalias(n), nil
}

// securitySchemes returns the root's components.securitySchemes by name.
func (p *Pass) securitySchemes() map[string]spec.Node {
	out := map[string]spec.Node{}
	m := spec.Get(spec.Get(p.Spec.Root.Doc, "components"), "securitySchemes")
	for i := 0; m != nil && i+1 < len(m.Content); i += 2 {
		n, err := p.Spec.Deref(spec.Node{File: p.Spec.Root, Node: m.Content[i+1]})
		if err == nil {
			out[m.Content[i].Value] = n
		}
	}
	return out
}

// security returns the requirements that apply to op: its own, else the
// root's; inherited reports which.
func (p *Pass) security(op *spec.Operation) (reqs spec.Node, inherited, ok bool) {
	if s, found := p.field(op.Node, "security"); found {
		return s, false, true
	}
	if s := spec.Get(p.Spec.Root.Doc, "security"); s != nil {
		return spec.Node{File: p.Spec.Root, Node: s}, true, true
	}
	return spec.Node{}, false, false
}

// doOperationSecurityDefined is DigitalOcean's oas3-operation-security-defined:
// its ruleset redefines spectral's id to mean "the operation writes its own
// security" (given $.paths.*.*, field security, truthy).
var doOperationSecurityDefined = &Rule{
	ID:    "oas3-operation-security-defined",
	Title: "Every operation writes its own security",
	Doc: `DigitalOcean's ruleset redefines this spectral id: every entry of a path item
(every operation, and anything else written there) has its own security field, so
a reader of one operation file sees who may call it without looking at the root.
Inheriting the root's security is not enough; security: [] (no authentication, on
purpose) is. The recommended ruleset keeps spectral's meaning of the id.`,
	Bad:      "get:\n  operationId: droplets_list\n  responses: {}",
	Good:     "get:\n  operationId: droplets_list\n  security:\n    - bearer_auth: ['droplet:read']\n  responses: {}",
	Severity: Error,
	Check: func(p *Pass) {
		// Operations are reported where they are written (their own file
		// when the path item $refs one), as spectral reports on the
		// resolved document; anything else at its key.
		ops := map[*yaml.Node]*spec.Operation{}
		for _, op := range p.Index.Operations {
			ops[op.Node.Node] = op
		}
		for _, v := range p.Index.Visits {
			if v.Kind != spec.KindPathItem {
				continue
			}
			n := v.Node.Node
			for i := 0; i+1 < len(n.Content); i += 2 {
				key, val := n.Content[i], spec.Unalias(n.Content[i+1])
				if key.Value == "$ref" {
					continue // resolved: the entries of its target are checked
				}
				d, err := p.Spec.Deref(spec.Node{File: v.Node.File, Node: val})
				if err == nil {
					val = d.Node
				}
				if sec := spec.Get(val, "security"); sec != nil && !falsy(sec) {
					continue
				}
				if op := ops[val]; op != nil {
					p.Report(op.Visit, nil, "%s has no security of its own", op)
					continue
				}
				p.ReportAt(v.Node.File.Pos(key), v.JSONPath()+spec.PathSegment(key.Value, false), p.Index.OperationsReaching(v), "%s has no security of its own", key.Value)
			}
		}
	},
}

// falsy is JavaScript's falsiness for a YAML value, as spectral's truthy
// function sees it: null, false, 0 and "" (an empty list is truthy).
func falsy(n *yaml.Node) bool {
	if n.Kind != yaml.ScalarNode {
		return false
	}
	switch n.ShortTag() {
	case "!!null":
		return true
	case "!!bool":
		return n.Value == "false"
	case "!!int", "!!float":
		f, err := strconv.ParseFloat(n.Value, 64)
		return err == nil && f == 0
	}
	return n.Value == ""
}

// operationSecurityDefined is spectral's oas3-operation-security-defined.
var operationSecurityDefined = &Rule{
	ID:    "oas3-operation-security-defined",
	Title: "Security requirements name defined schemes",
	Doc: `Every scheme named in a security requirement (the root's or an operation's)
is defined under components.securitySchemes, and every scope it lists is one of the
scopes the scheme's OAuth 2 flows define: a requirement naming an unknown scheme or
scope cannot be met. As in spectral, a scope listed for a scheme without flows (http
bearer, apiKey, openIdConnect) is reported too: OpenAPI 3.0 wants those lists empty.
(DigitalOcean's ruleset gives this id another meaning; see --explain under the
digitalocean ruleset.)`,
	Bad:      "security:\n  - bearer: []   # but components.securitySchemes has bearer_auth",
	Good:     "security:\n  - bearer_auth: []",
	Severity: Warning,
	Check: func(p *Pass) {
		schemes := p.securitySchemes()
		check := func(reqs spec.Node, path string, ops []*spec.Operation) {
			for i, req := range reqs.Content {
				req = spec.Unalias(req)
				for j := 0; j+1 < len(req.Content); j += 2 {
					name := req.Content[j]
					scheme, ok := schemes[name.Value]
					if !ok {
						p.ReportAt(reqs.File.Pos(name), fmt.Sprintf("%s[%d]", path, i), ops, "security scheme %q is not defined in components.securitySchemes", name.Value)
						continue
					}
					scopes := spec.Unalias(req.Content[j+1])
					if scopes.Kind != yaml.SequenceNode {
						continue
					}
					defined := flowScopes(scheme.Node)
					for k, scope := range scopes.Content {
						scope = spec.Unalias(scope)
						if !defined[scope.Value] {
							p.ReportAt(reqs.File.Pos(scope), fmt.Sprintf("%s[%d].%s[%d]", path, i, name.Value, k), ops, "scope %q is not among the scopes %s's flows define", scope.Value, name.Value)
						}
					}
				}
			}
		}
		if s := spec.Get(p.Spec.Root.Doc, "security"); s != nil {
			check(spec.Node{File: p.Spec.Root, Node: s}, "$.security", nil)
		}
		for _, op := range p.Index.Operations {
			if s, ok := p.field(op.Node, "security"); ok {
				check(s, op.Visit.JSONPath()+".security", []*spec.Operation{op})
			}
		}
	},
}

// flowScopes are the scopes the flows of a security scheme define.
func flowScopes(scheme *yaml.Node) map[string]bool {
	out := map[string]bool{}
	flows := spec.Unalias(spec.Get(scheme, "flows"))
	for i := 0; flows != nil && flows.Kind == yaml.MappingNode && i+1 < len(flows.Content); i += 2 {
		scopes := spec.Unalias(spec.Get(spec.Unalias(flows.Content[i+1]), "scopes"))
		for j := 0; scopes != nil && scopes.Kind == yaml.MappingNode && j+1 < len(scopes.Content); j += 2 {
			out[scopes.Content[j].Value] = true
		}
	}
	return out
}

// doSchemes are the schemes DigitalOcean's oas3-operation-security-scopes-defined
// accepts in a requirement.
var doSchemes = []string{"bearer_auth", "inference_bearer_auth"}

var operationSecuritySchemesDefined = &Rule{
	ID:    "oas3-operation-security-scopes-defined",
	Title: "Operation security requirements use DigitalOcean's bearer schemes",
	Doc: `DigitalOcean's ruleset: every security requirement written in an operation
names bearer_auth or inference_bearer_auth (its given is $.paths[*][*]..security.*,
checked with anyOf required). A requirement for another scheme, or an empty one
({}), is reported; security: [] has no requirement and passes.`,
	Bad:      "security:\n  - api_key: []",
	Good:     "security:\n  - bearer_auth: ['droplet:read']",
	Severity: Error,
	Check: func(p *Pass) {
		for _, op := range p.Index.Operations {
			reqs, ok := p.field(op.Node, "security")
			if !ok || reqs.Kind != yaml.SequenceNode {
				continue
			}
			for i, req := range reqs.Content {
				req = spec.Unalias(req)
				found := false
				for _, name := range doSchemes {
					found = found || spec.Get(req, name) != nil
				}
				if !found {
					p.ReportAt(reqs.File.Pos(req), fmt.Sprintf("%s.security[%d]", op.Visit.JSONPath(), i), []*spec.Operation{op},
						"security requirement names neither %s", strings.Join(doSchemes, " nor "))
				}
			}
		}
	},
}

// sortedKeys returns m's keys sorted.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
