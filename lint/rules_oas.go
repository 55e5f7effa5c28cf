package lint

import (
	"fmt"
	"regexp"
	"strings"

	yaml "github.com/pb33f/go-yaml"

	"github.com/dospec/dospec/spec"
)

// The spectral "oas" built-ins a user expects, with spectral's ids.

var operationIDPresent = &Rule{
	ID:       "operation-operationId",
	Title:    "Every operation has an operationId",
	Doc:      `Generated clients name their methods after operationIds; without one they invent names that change when paths do.`,
	Bad:      "get:\n  summary: List droplets",
	Good:     "get:\n  operationId: droplets_list\n  summary: List droplets",
	Severity: Warning,
	Check: func(p *Pass) {
		for _, op := range p.Index.Operations {
			if isBlank(op.ID()) {
				p.Report(op.Visit, nil, "%s has no operationId", op)
			}
		}
	},
}

var operationIDUnique = &Rule{
	ID:       "operation-operationId-unique",
	Title:    "operationIds are unique",
	Doc:      `Two operations with one operationId collide in every generated client.`,
	Bad:      "paths:\n  /v2/droplets:\n    get: {operationId: droplets_list}\n  /v2/tags/{tag}/droplets:\n    get: {operationId: droplets_list}",
	Good:     "paths:\n  /v2/droplets:\n    get: {operationId: droplets_list}\n  /v2/tags/{tag}/droplets:\n    get: {operationId: droplets_list_by_tag}",
	Severity: Error,
	Check: func(p *Pass) {
		first := map[string]*spec.Operation{}
		for _, op := range p.Index.Operations {
			id := op.ID()
			if id == "" {
				continue
			}
			if prev, ok := first[id]; ok {
				p.Report(op.Visit, spec.Get(op.Node.Node, "operationId"), "operationId %s is also used by %s", id, prev)
				continue
			}
			first[id] = op
		}
	},
}

var urlSafe = regexp.MustCompile(`^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]*$`)

var operationIDValidInURL = &Rule{
	ID:       "operation-operationId-valid-in-url",
	Title:    "operationIds are URL-safe",
	Doc:      `Documentation sites put operationIds in links; characters outside RFC 3986's unreserved and reserved sets break them.`,
	Bad:      "operationId: list droplets",
	Good:     "operationId: droplets_list",
	Severity: Warning,
	Check: func(p *Pass) {
		for _, op := range p.Index.Operations {
			if id := op.ID(); id != "" && !urlSafe.MatchString(id) {
				p.Report(op.Visit, spec.Get(op.Node.Node, "operationId"), "operationId %q has characters that are not URL-safe", id)
			}
		}
	},
}

var templateParam = regexp.MustCompile(`\{([^{}]*)\}`)

var pathParams = &Rule{
	ID:    "path-params",
	Title: "Path parameters are declared, required and used",
	Doc: `Every {name} in a path template is declared as an in: path parameter
(on the operation or its path item), each such parameter is required: true
and appears in the template, and no name appears twice.`,
	Bad:      "/v2/droplets/{droplet_id}:\n  get:\n    parameters: []",
	Good:     "/v2/droplets/{droplet_id}:\n  get:\n    parameters:\n      - {name: droplet_id, in: path, required: true, schema: {type: integer}}",
	Severity: Error,
	Check: func(p *Pass) {
		for _, op := range p.Index.Operations {
			if item := op.Visit.Parent; item == nil || item.Parent == nil || item.Parent.Kind != spec.KindPaths {
				continue // a callback's or webhook's key is not a path template
			}
			inTemplate := map[string]bool{}
			for _, m := range templateParam.FindAllStringSubmatch(op.Path, -1) {
				if inTemplate[m[1]] {
					p.Report(op.Visit, nil, "path %s names {%s} twice", op.Path, m[1])
				}
				inTemplate[m[1]] = true
			}
			declared := map[string]bool{}
			for _, holder := range []spec.Node{op.Node, op.PathItem} {
				list, ok := p.field(holder, "parameters")
				if !ok {
					continue
				}
				for _, item := range list.Content {
					prm, err := p.Spec.Deref(spec.Node{File: list.File, Node: item})
					if err != nil {
						continue
					}
					if in, _ := spec.ScalarString(spec.Get(prm.Node, "in")); in != "path" {
						continue
					}
					name, _ := spec.ScalarString(spec.Get(prm.Node, "name"))
					if holder == op.PathItem && declared[name] {
						continue // overridden by the operation
					}
					declared[name] = true
					if !inTemplate[name] {
						p.ReportAt(prm.Pos(), op.Visit.JSONPath()+".parameters", []*spec.Operation{op}, "path parameter %q is not in the path %s", name, op.Path)
					}
					if req, _ := spec.ScalarString(spec.Get(prm.Node, "required")); req != "true" {
						p.ReportAt(prm.Pos(), op.Visit.JSONPath()+".parameters", []*spec.Operation{op}, "path parameter %q must be required: true", name)
					}
				}
			}
			for _, m := range templateParam.FindAllStringSubmatch(op.Path, -1) {
				if !declared[m[1]] {
					p.Report(op.Visit, keyOf(op.Node.Node, "parameters"), "%s does not declare path parameter {%s}", op, m[1])
				}
			}
		}
	},
}

// eachRootPath calls fn for every path key of the root.
func eachRootPath(p *Pass, fn func(key *yaml.Node)) {
	paths := spec.Get(p.Spec.Root.Doc, "paths")
	for i := 0; paths != nil && i+1 < len(paths.Content); i += 2 {
		if !strings.HasPrefix(paths.Content[i].Value, "x-") {
			fn(paths.Content[i])
		}
	}
}

// pathKeyCheck checks each path key of the root with what, which says
// what is wrong with a path ("" when nothing is); reported at the key.
func pathKeyCheck(what func(path string) string) func(p *Pass) {
	return func(p *Pass) {
		eachRootPath(p, func(k *yaml.Node) {
			if msg := what(k.Value); msg != "" {
				p.ReportAt(p.Spec.Root.Pos(k), "$.paths"+spec.PathSegment(k.Value, false), nil, "path %s %s", k.Value, msg)
			}
		})
	}
}

var noTrailingSlash = &Rule{
	ID:       "path-keys-no-trailing-slash",
	Title:    "Paths do not end with a slash",
	Doc:      `/v2/droplets/ and /v2/droplets are different URLs to many servers and clients.`,
	Bad:      "/v2/droplets/: ...",
	Good:     "/v2/droplets: ...",
	Severity: Warning,
	Check: pathKeyCheck(func(path string) string {
		if len(path) > 1 && strings.HasSuffix(path, "/") {
			return "ends with a slash"
		}
		return ""
	}),
}

var noQueryInPath = &Rule{
	ID:       "path-not-include-query",
	Title:    "Paths have no query string",
	Doc:      `Query parameters are declared as in: query parameters, not written into the path.`,
	Bad:      "/v2/droplets?tag_name={tag}: ...",
	Good:     "/v2/droplets: ... (with a tag_name query parameter)",
	Severity: Warning,
	Check: pathKeyCheck(func(path string) string {
		if strings.Contains(path, "?") {
			return "has a query string"
		}
		return ""
	}),
}

var successResponse = &Rule{
	ID:       "operation-success-response",
	Title:    "Every operation documents a success response",
	Doc:      `At least one 2xx or 3xx response, so clients know what a success looks like.`,
	Bad:      "responses:\n  '401': ...\n  '500': ...",
	Good:     "responses:\n  '200': ...\n  '401': ...",
	Severity: Warning,
	Check: func(p *Pass) {
		for _, op := range p.Index.Operations {
			resp, ok := p.field(op.Node, "responses")
			if !ok {
				p.Report(op.Visit, nil, "%s has no responses", op)
				continue
			}
			success := false
			for i := 0; i+1 < len(resp.Content); i += 2 {
				c := strings.ToUpper(resp.Content[i].Value)
				if len(c) == 3 && (c[0] == '2' || c[0] == '3') {
					success = true
				}
			}
			if !success {
				p.Report(op.Visit, keyOf(op.Node.Node, "responses"), "%s has no 2xx or 3xx response", op)
			}
		}
	},
}

var serversPresent = &Rule{
	ID:       "oas3-api-servers",
	Title:    "The API names its servers",
	Doc:      `A root servers list with at least one url tells clients where to send requests.`,
	Bad:      "openapi: 3.0.0\ninfo: ...",
	Good:     "servers:\n  - url: https://api.example.com",
	Severity: Warning,
	Check: func(p *Pass) {
		root := p.Spec.Root
		servers := spec.Get(root.Doc, "servers")
		if servers == nil || len(servers.Content) == 0 {
			p.ReportAt(root.Pos(valueOf(root.Doc, "servers")), "$.servers", nil, "no servers are defined")
			return
		}
		for i, s := range servers.Content {
			if u, _ := spec.ScalarString(spec.Get(s, "url")); isBlank(u) {
				p.ReportAt(root.Pos(s), fmt.Sprintf("$.servers[%d]", i), nil, "server has no url")
			}
		}
	},
}

// scalarType is the JSON type a YAML scalar stands for.
func scalarType(n *yaml.Node) string {
	switch n.ShortTag() {
	case "!!int":
		return "integer"
	case "!!float":
		return "number"
	case "!!bool":
		return "boolean"
	case "!!null":
		return "null"
	}
	if n.Kind == yaml.MappingNode {
		return "object"
	}
	if n.Kind == yaml.SequenceNode {
		return "array"
	}
	return "string"
}

func typeAccepts(t, got string, nullable bool) bool {
	switch {
	case t == got, t == "number" && got == "integer":
		return true
	case got == "null":
		return nullable
	}
	return false
}

var typedEnum = &Rule{
	ID:       "typed-enum",
	Title:    "Enum values have the schema's type",
	Doc:      `An enum value of another type than the schema (a number in a string enum) can never be sent or received.`,
	Bad:      "type: string\nenum: [small, 2]",
	Good:     "type: string\nenum: [small, '2']",
	Severity: Warning,
	Check: func(p *Pass) {
		p.each(spec.KindSchema, func(v *spec.Visit) {
			enum, ok := p.field(v.Node, "enum")
			t := p.schemaType(v.Node)
			if !ok || t == "" || enum.Kind != yaml.SequenceNode {
				return
			}
			nullable, _ := spec.ScalarString(spec.Get(v.Node.Node, "nullable"))
			types := []string{t}
			if list, _ := p.field(v.Node, "type"); list.Kind == yaml.SequenceNode {
				types = nil // 3.1: any type of the list, "null" among them
				for _, c := range list.Content {
					types = append(types, c.Value)
				}
			}
			accepts := func(got string) bool {
				for _, typ := range types {
					if typeAccepts(typ, got, nullable == "true" || typ == "null") {
						return true
					}
				}
				return false
			}
			for _, e := range enum.Content {
				if got := scalarType(e); !accepts(got) {
					p.ReportAt(enum.File.Pos(e), v.JSONPath()+".enum", p.Index.OperationsReaching(v), "enum value %s is %s, the schema is %s", e.Value, got, t)
				}
			}
		})
	},
}

var enumDuplicates = &Rule{
	ID:       "duplicated-entry-in-enum",
	Title:    "Enum values are unique",
	Doc:      `A value listed twice is a copy-paste slip, and some generators fail on it.`,
	Bad:      "enum: [active, off, active]",
	Good:     "enum: [active, off]",
	Severity: Warning,
	Check: func(p *Pass) {
		p.each(spec.KindSchema, func(v *spec.Visit) {
			enum, ok := p.field(v.Node, "enum")
			if !ok || enum.Kind != yaml.SequenceNode {
				return
			}
			seen := map[string]bool{}
			for _, e := range enum.Content {
				if e.Kind != yaml.ScalarNode {
					continue
				}
				k := scalarType(e) + ":" + e.Value
				if seen[k] {
					p.ReportAt(enum.File.Pos(e), v.JSONPath()+".enum", p.Index.OperationsReaching(v), "enum value %s is listed twice", e.Value)
				}
				seen[k] = true
			}
		})
	},
}

var unusedComponent = &Rule{
	ID:    "oas3-unused-component",
	Title: "Components are used",
	Doc: `An entry under components that no $ref names is dead weight (security
schemes are used by name and are not counted).`,
	Bad:      "components:\n  schemas:\n    old_droplet: ...   # nothing refers to it",
	Good:     "# remove it, or refer to it",
	Severity: Warning,
	Check: func(p *Pass) {
		root := p.Spec.Root
		comps := spec.Get(root.Doc, "components")
		// Every $ref counts, also those the walk does not follow (in x-
		// extensions) and those that point into a component.
		named := map[string]bool{}
		mark := func(r *spec.Ref) {
			if toks := spec.SplitPointer(r.Pointer); r.File == root && len(toks) >= 3 && toks[0] == "components" {
				named[toks[1]+"/"+toks[2]] = true
			}
		}
		p.Spec.EachRef(func(_ *yaml.Node, r *spec.Ref) { mark(r) })
		for _, r := range p.Spec.MappingRefs() {
			mark(r)
		}
		for i := 0; comps != nil && i+1 < len(comps.Content); i += 2 {
			section := comps.Content[i].Value
			if section == "securitySchemes" || strings.HasPrefix(section, "x-") {
				continue
			}
			m := spec.Unalias(comps.Content[i+1])
			for j := 0; j+1 < len(m.Content); j += 2 {
				name := m.Content[j].Value
				key := root.Path + "#/components/" + section + "/" + spec.EscapeToken(name)
				if p.Index.Uses[key] == 0 && !named[section+"/"+name] {
					p.ReportAt(root.Pos(m.Content[j]), "$.components."+section+spec.PathSegment(name, false), nil, "components.%s.%s is not used", section, name)
				}
			}
		}
	},
}

var noRefSiblings = &Rule{
	ID:    "no-$ref-siblings",
	Title: "No keys beside a $ref (OpenAPI 3.0)",
	Doc: `In OpenAPI 3.0 every key written next to a $ref is ignored, so a
description or example there silently does nothing. (3.1 allows summary and
description, and any keyword beside a schema's $ref.)`,
	Bad:      "schema:\n  $ref: 'models/droplet.yml'\n  description: The droplet.",
	Good:     "schema:\n  $ref: 'models/droplet.yml'",
	Severity: Error,
	Check: func(p *Pass) {
		v31 := strings.HasPrefix(p.Spec.Version, "3.1")
		schemaRefs := map[*yaml.Node]bool{} // 3.1: a schema's $ref is a keyword among others
		if v31 {
			for _, v := range p.Index.Visits {
				if v.Kind == spec.KindSchema && v.RefNode != nil {
					schemaRefs[v.RefNode] = true
				}
			}
		}
		p.Spec.EachRef(func(n *yaml.Node, r *spec.Ref) {
			if schemaRefs[n] {
				return
			}
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i].Value
				if k == "$ref" || (v31 && (k == "summary" || k == "description")) {
					continue
				}
				p.ReportAt(r.From.Pos(n.Content[i]), "", nil, "%q beside $ref %q is ignored", k, r.Raw)
			}
		})
	},
}

var pathDeclarationsExist = &Rule{
	ID:       "path-declarations-must-exist",
	Title:    "Path parameters have names",
	Doc:      `A {} in a path template declares a parameter without a name, which no parameter can fill.`,
	Bad:      "/v2/droplets/{}: ...",
	Good:     "/v2/droplets/{droplet_id}: ...",
	Severity: Warning,
	Check: pathKeyCheck(func(path string) string {
		if strings.Contains(path, "{}") {
			return "has a parameter with no name ({})"
		}
		return ""
	}),
}

// serverURLCheck checks the url of each of the root's servers with what,
// which says what is wrong with a url ("" when nothing is); reported at
// the url. The servers of path items and operations are not looked at, as
// in spectral.
func serverURLCheck(what func(url string) string) func(p *Pass) {
	return func(p *Pass) {
		servers, ok := p.child(p.rootPlace(), "servers")
		if !ok {
			return
		}
		for _, s := range p.children(servers) {
			u, ok := p.child(s, "url")
			if !ok || u.Node.Node.Kind != yaml.ScalarNode || u.Node.Node.ShortTag() != "!!str" {
				continue // spectral's pattern looks at strings only
			}
			if msg := what(u.Node.Node.Value); msg != "" {
				p.ReportAt(u.pos(), u.path, nil, "server url %s %s", u.Node.Node.Value, msg)
			}
		}
	}
}

var serverNotExample = &Rule{
	ID:    "oas3-server-not-example.com",
	Title: "Server urls are not example.com",
	Doc: `A server url on example.com is a placeholder left from a template: clients and
"try it" consoles send requests there. Not in the recommended ruleset (as in spectral).`,
	Bad:      "servers:\n  - url: https://api.example.com",
	Good:     "servers:\n  - url: https://api.digitalocean.com",
	Severity: Warning,
	Check: serverURLCheck(func(url string) string {
		if strings.Contains(url, "example.com") {
			return "points at example.com"
		}
		return ""
	}),
}

var serverTrailingSlash = &Rule{
	ID:    "oas3-server-trailing-slash",
	Title: "Server urls do not end with a slash",
	Doc: `Paths start with a slash, so a server url that ends with one gives
https://api.digitalocean.com//v2/droplets once joined. The url / alone is fine.`,
	Bad:      "servers:\n  - url: https://api.digitalocean.com/",
	Good:     "servers:\n  - url: https://api.digitalocean.com",
	Severity: Warning,
	Check: serverURLCheck(func(url string) string {
		if len(url) > 1 && strings.HasSuffix(url, "/") {
			return "ends with a slash"
		}
		return ""
	}),
}
