package lint

import (
	"fmt"
	"regexp"
	"strings"

	yaml "github.com/pb33f/go-yaml"

	"github.com/dospec/dospec/spec"
)

// DigitalOcean's own rules (its .spectral.yml), with the same ids and
// meaning, so what DO's authors know carries over.

var ratelimitHeaders = &Rule{
	ID:    "ratelimit-headers",
	Title: "Responses carry the ratelimit-limit, -remaining and -reset headers",
	Doc: `Every response of every operation must document the three rate-limit
headers the API sends, so clients can pace themselves.`,
	Bad: `responses:
  '200':
    description: OK`,
	Good: `responses:
  '200':
    description: OK
    headers:
      ratelimit-limit: {$ref: '../../shared/headers.yml#/ratelimit-limit'}
      ratelimit-remaining: {$ref: '../../shared/headers.yml#/ratelimit-remaining'}
      ratelimit-reset: {$ref: '../../shared/headers.yml#/ratelimit-reset'}`,
	Severity: Error,
	Check: func(p *Pass) {
		p.each(spec.KindResponse, func(v *spec.Visit) {
			if v.Parent == nil || v.Parent.Kind != spec.KindResponses {
				return
			}
			headers, _ := p.field(v.Node, "headers")
			var missing []string
			for _, h := range []string{"ratelimit-limit", "ratelimit-remaining", "ratelimit-reset"} {
				if headers.Node == nil || spec.Get(headers.Node, h) == nil {
					missing = append(missing, h)
				}
			}
			if len(missing) == 0 {
				return
			}
			// Where the response has headers, at them (the closest place
			// the missing header would be, as spectral reports it).
			if k, _ := spec.GetKey(v.Node.Node, "headers"); k != nil {
				p.ReportAt(v.Node.File.Pos(k), v.JSONPath()+".headers", p.Index.OperationsReaching(v), "response %s lacks header %s", v.Name(), strings.Join(missing, ", "))
				return
			}
			p.Report(v, nil, "response %s lacks header %s", v.Name(), strings.Join(missing, ", "))
		})
	},
}

// needsExample mirrors DO's ensurePropertiesExample: basic values (not
// objects, booleans, binaries, non-string arrays, composed or referenced
// schemas) need an example.
func needsExample(p *Pass, n spec.Node) bool {
	m := n.Node
	if m.Kind != yaml.MappingNode {
		return false
	}
	t := p.schemaType(n)
	switch {
	case t == "object", t == "boolean":
		return false
	case has(m, "$ref"), has(m, "allOf"):
		return false
	}
	if f, _ := spec.ScalarString(spec.Get(m, "format")); f == "binary" {
		return false
	}
	if t == "array" {
		items, ok := p.field(n, "items")
		if !ok || p.schemaType(items) != "string" {
			return false
		}
	}
	return !has(m, "example")
}

var propertiesMustIncludeExamples = &Rule{
	ID:    "properties-must-include-examples",
	Title: "Properties of basic type carry an example",
	Doc: `A property of a nested object that holds a basic value (string,
number, string array…) must have an example, so documentation and generated
clients show real data. As in DO's rule (given $..properties..properties.*),
only properties of objects that are themselves properties are checked — the
top-level fields of a request or response body are not. Objects, booleans,
binaries, composed (allOf) and non-string arrays are exempt, and an explicit
example: null counts as an example.`,
	Bad: `properties:
  droplet:
    type: object
    properties:
      name:
        type: string`,
	Good: `properties:
  droplet:
    type: object
    properties:
      name:
        type: string
        example: web-01`,
	Severity: Error,
	Check: func(p *Pass) {
		p.eachProperty(func(v *spec.Visit, name string) {
			if name == "properties" || v.Nesting < 2 {
				return // as DO's function: a property named "properties"
			}
			if needsExample(p, v.Node) {
				p.Report(v, v.Key, "property %q has no example", name)
			}
		})
	},
}

var paramsMustIncludeExamples = &Rule{
	ID:    "params-must-include-examples",
	Title: "Parameters have exactly one of example and examples",
	Doc:   `Every parameter needs an example (or a set of examples), and not both.`,
	Bad: `- name: per_page
  in: query
  schema: {type: integer}`,
	Good: `- name: per_page
  in: query
  schema: {type: integer}
  example: 20`,
	Severity: Error,
	Check: func(p *Pass) {
		p.each(spec.KindParameter, func(v *spec.Visit) {
			ex, exs := has(v.Node.Node, "example"), has(v.Node.Node, "examples")
			name, _ := spec.ScalarString(spec.Get(v.Node.Node, "name"))
			switch {
			case !ex && !exs:
				p.Report(v, nil, "parameter %q has neither example nor examples", name)
			case ex && exs:
				p.Report(v, keyOf(v.Node.Node, "examples"), "parameter %q has both example and examples", name)
			}
		})
	},
}

var headersMustIncludeExamples = &Rule{
	ID:    "headers-must-include-examples",
	Title: "Headers carry an example",
	Doc:   `Every response header needs an example at the header level.`,
	Bad: `ratelimit-limit:
  schema: {type: integer}`,
	Good: `ratelimit-limit:
  schema: {type: integer}
  example: 5000`,
	Severity: Error,
	Check: func(p *Pass) {
		p.each(spec.KindHeader, func(v *spec.Visit) {
			if needsExample(p, v.Node) && !has(v.Node.Node, "examples") {
				p.Report(v, nil, "header %q has no example", v.Name())
			}
		})
	},
}

// rootPathOps calls fn for every operation as written in the root file:
// the path item and operation nodes before any $ref is followed.
func rootPathOps(p *Pass, fn func(path string, pathKey *yaml.Node, item *yaml.Node, method string, methodKey, op *yaml.Node)) {
	paths := spec.Get(p.Spec.Root.Doc, "paths")
	if paths == nil {
		return
	}
	for i := 0; i+1 < len(paths.Content); i += 2 {
		if strings.HasPrefix(paths.Content[i].Value, "x-") {
			continue // an extension, not a path
		}
		item := spec.Unalias(paths.Content[i+1])
		for j := 0; j+1 < len(item.Content); j += 2 {
			if spec.OperationKeys[item.Content[j].Value] {
				fn(paths.Content[i].Value, paths.Content[i], item, item.Content[j].Value, item.Content[j], spec.Unalias(item.Content[j+1]))
			}
		}
		if len(item.Content) == 2 && item.Content[0].Value == "$ref" {
			fn(paths.Content[i].Value, paths.Content[i], item, "", nil, nil)
		}
	}
}

var endpointMustBeRef = &Rule{
	ID:    "endpoint-must-be-ref",
	Title: "Operations in the root file are $refs to their own files",
	Doc: `The root file lists paths and points each operation at its own file,
which keeps the root readable and every operation reviewable on its own. A
single-file (bundled) document is not checked.`,
	Bad: `/v2/droplets:
  get:
    operationId: droplets_list
    responses: {...}`,
	Good: `/v2/droplets:
  get:
    $ref: 'resources/droplets/droplets_list.yml'`,
	Severity: Error,
	Check: func(p *Pass) {
		if len(p.Spec.Files) == 1 {
			return // a bundled, single-file document has no files to point at
		}
		root := p.Spec.Root
		rootPathOps(p, func(path string, _ *yaml.Node, item *yaml.Node, method string, key, op *yaml.Node) {
			if op == nil || p.Spec.Ref(item) != nil {
				return
			}
			if p.Spec.Ref(op) == nil {
				p.ReportAt(root.Pos(key), "$.paths"+spec.PathSegment(path, false)+"."+method, nil,
					"%s %s is written in the root file, not as a $ref", strings.ToUpper(method), path)
			}
		})
	},
}

var versionedPath = regexp.MustCompile(`^(/v[12]/.*|/api/v[12]/.*)$`)

// unversionedUpload is the one path DigitalOcean's ruleset exempts.
const unversionedUpload = "/<upload_url>"

var pathMustIncludeVersion = &Rule{
	ID:    "path-must-include-version",
	Title: "Paths start with the API version",
	Doc: `Every path starts with /v1/ or /v2/ (or /api/v1/, /api/v2/). The path
/<upload_url> is left out, as DigitalOcean's ruleset leaves it out (its given is
$.paths[?(@property!='/<upload_url>')]~): a pre-signed upload URL written as a path.`,
	Bad:      `/droplets: ...`,
	Good:     `/v2/droplets: ...`,
	Severity: Error,
	Check: func(p *Pass) {
		paths := spec.Get(p.Spec.Root.Doc, "paths")
		for i := 0; paths != nil && i+1 < len(paths.Content); i += 2 {
			k := paths.Content[i]
			if strings.HasPrefix(k.Value, "x-") || k.Value == unversionedUpload {
				continue
			}
			if !versionedPath.MatchString(k.Value) {
				p.ReportAt(p.Spec.Root.Pos(k), "$.paths"+spec.PathSegment(k.Value, false), nil, "path %s does not start with a version (/v2/…)", k.Value)
			}
		}
	},
}

var resourceFile = regexp.MustCompile(`^resources/.*\.ya?ml$`)

var endpointRefMustBeFile = &Rule{
	ID:    "endpoint-ref-must-be-file",
	Title: "Path and operation $refs point at a file under resources/",
	Doc: `A $ref in the root's paths names a whole YAML file under resources/
(no pointer into another file).`,
	Bad:      `get: {$ref: 'shared/operations.yml#/droplets_list'}`,
	Good:     `get: {$ref: 'resources/droplets/droplets_list.yml'}`,
	Severity: Error,
	Check: func(p *Pass) {
		root := p.Spec.Root
		rootPathOps(p, func(path string, _ *yaml.Node, item *yaml.Node, method string, _, op *yaml.Node) {
			n := op
			if op == nil {
				n = item
			}
			r := p.Spec.Ref(n)
			if r == nil {
				return
			}
			if !resourceFile.MatchString(strings.TrimPrefix(r.Raw, "./")) {
				at := "$.paths" + spec.PathSegment(path, false)
				if method != "" {
					at += "." + method
				}
				p.ReportAt(root.Pos(r.At), at, nil, "$ref %q is not a file under resources/", r.Raw)
			}
		})
	},
}

// commonResponse builds the rule that wants a response code on every
// operation (or, with paramOnly, every operation whose path has a {param}).
func commonResponse(id, code, what string, paramOnly bool) *Rule {
	scope := "every operation"
	if paramOnly {
		scope = "every operation whose path has a {parameter}"
	}
	return &Rule{
		ID:    id,
		Title: fmt.Sprintf("Operations document the common %s response (%s)", code, what),
		Doc: fmt.Sprintf(`%s documents the %s (%s) response, usually as a $ref to the
shared one, so clients know its shape.`, capitalize(scope), code, what),
		Bad: `responses:
  '200': {$ref: 'responses/droplet.yml'}`,
		Good: fmt.Sprintf(`responses:
  '200': {$ref: 'responses/droplet.yml'}
  '%s': {$ref: '../../shared/responses/%s.yml'}`, code, strings.ReplaceAll(what, " ", "_")),
		Severity: Error,
		Check: func(p *Pass) {
			for _, op := range p.Index.Operations {
				if paramOnly && !pathHasParam(op.Path) {
					continue
				}
				resp, ok := p.field(op.Node, "responses")
				if !ok || spec.Get(resp.Node, code) != nil {
					continue
				}
				p.Report(op.Visit, keyOf(op.Node.Node, "responses"), "%s has no %s (%s) response", op, code, what)
			}
		},
	}
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// arrayItemsTyped mirrors DO's ensureAllArraysHaveItemTypes: an array
// needs items with a type, a $ref, properties or a composition.
func arrayItemsTyped(p *Pass, schema spec.Node) bool {
	if p.schemaType(schema) != "array" {
		return true
	}
	raw := spec.Get(schema.Node, "items")
	if raw == nil {
		return false
	}
	if p.Spec.Ref(spec.Unalias(raw)) != nil {
		return true
	}
	items, _ := p.field(schema, "items")
	for _, k := range []string{"type", "properties", "allOf", "anyOf", "oneOf"} {
		if has(items.Node, k) {
			return true
		}
	}
	return false
}

var arrayPropertiesItemsType = &Rule{
	ID:    "array-properties-must-have-items-with-type",
	Title: "Array properties say what their items are",
	Doc: `An array property has items with a type, a $ref, properties or an
allOf/anyOf/oneOf, so clients can decode it.`,
	Bad: `tags:
  type: array`,
	Good: `tags:
  type: array
  items:
    type: string`,
	Severity: Error,
	Check: func(p *Pass) {
		p.eachProperty(func(v *spec.Visit, name string) {
			if name == "properties" {
				return
			}
			if !arrayItemsTyped(p, v.Node) {
				p.Report(v, v.Key, "array property %q has no items type, $ref or properties", name)
			}
		})
	},
}

var arrayParamsItemsType = &Rule{
	ID:    "array-params-must-have-items-with-type",
	Title: "Array parameters say what their items are",
	Doc: `A parameter whose schema is an array has items with a type, a $ref,
properties or an allOf/anyOf/oneOf. (DO's spectral rule reads the
parameter's own type, which OpenAPI 3 parameters do not have; this one reads
the schema.)`,
	Bad: `- name: tag
  in: query
  schema:
    type: array`,
	Good: `- name: tag
  in: query
  schema:
    type: array
    items: {type: string}`,
	Severity: Error,
	Check: func(p *Pass) {
		p.each(spec.KindParameter, func(v *spec.Visit) {
			schema, ok := p.field(v.Node, "schema")
			if ok && !arrayItemsTyped(p, schema) {
				name, _ := spec.ScalarString(spec.Get(v.Node.Node, "name"))
				p.Report(v, keyOf(v.Node.Node, "schema"), "array parameter %q has no items type", name)
			}
		})
	},
}

var schemaPropertiesHaveType = &Rule{
	ID:    "schema-properties-must-have-type",
	Title: "Schema properties have a type",
	Doc: `A property that looks like a schema (description, example, items,
properties, enum, format or bounds) states its type, unless it is a $ref or
an allOf/anyOf/oneOf.`,
	Bad: `size:
  description: Disk size in GiB.
  example: 25`,
	Good: `size:
  type: integer
  description: Disk size in GiB.
  example: 25`,
	Severity: Error,
	Check: func(p *Pass) {
		p.eachProperty(func(v *spec.Visit, name string) {
			m := v.Node.Node
			if name == "properties" || m.Kind != yaml.MappingNode || has(m, "type") {
				return
			}
			for _, k := range []string{"allOf", "anyOf", "oneOf", "$ref"} {
				if has(m, k) {
					return
				}
			}
			for _, k := range []string{"description", "example", "items", "properties", "enum", "format", "minimum", "maximum", "minLength", "maxLength"} {
				if has(m, k) {
					p.Report(v, v.Key, "property %q has no type", name)
					return
				}
			}
		})
	},
}
