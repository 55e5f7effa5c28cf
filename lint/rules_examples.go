package lint

import (
	"strings"

	yaml "github.com/pb33f/go-yaml"

	"github.com/dospec/dospec/internal/exampleval"
	"github.com/dospec/dospec/spec"
)

// direction tells whether v sits in a request or a response, from the
// path the walk took to it.
func direction(v *spec.Visit) exampleval.Direction {
	for p := v; p != nil; p = p.Parent {
		switch p.Kind {
		case spec.KindRequestBody, spec.KindParameter:
			return exampleval.Request
		case spec.KindResponse:
			return exampleval.Response
		}
	}
	return exampleval.Any
}

// checkExample validates one example value against schema and reports each
// problem at the part of the value that breaks it.
func (p *Pass) checkExample(v *spec.Visit, schema, value spec.Node, where string) {
	for _, pr := range exampleval.Validate(p.Spec, schema, value, exampleval.Options{Direction: direction(v), MaxProblems: 3}) {
		path := v.JSONPath() + where
		for _, tok := range spec.SplitPointer(pr.Path) {
			path += spec.PathSegment(tok, tok != "" && strings.Trim(tok, "0123456789") == "")
		}
		p.ReportAt(pr.Pos(), path, p.Index.OperationsReaching(v), "%s does not match its schema: %s", where[1:], pr.Msg)
	}
}

var validMediaExample = &Rule{
	ID:    "oas3-valid-media-example",
	Title: "Media type, parameter and header examples match their schema",
	Doc: `The example and every examples[*].value of a media type (and of a
parameter or header with a schema) is valid against the schema: types, enums,
required properties (readOnly ones are not required in requests, writeOnly
ones not in responses), formats date-time, date, uuid, ipv4 and ipv6, bounds
and patterns. Examples written as $refs are followed.`,
	Bad: `schema:
  type: object
  properties: {id: {type: integer}}
example:
  id: abc`,
	Good: `schema:
  type: object
  properties: {id: {type: integer}}
example:
  id: 3164444`,
	Severity: Warning,
	Check: func(p *Pass) {
		for _, k := range []spec.Kind{spec.KindMediaType, spec.KindParameter, spec.KindHeader} {
			p.each(k, func(v *spec.Visit) {
				schema, ok := p.field(v.Node, "schema")
				if !ok {
					return
				}
				if ex, ok := p.field(v.Node, "example"); ok {
					p.checkExample(v, schema, ex, ".example")
				}
				examples, ok := p.field(v.Node, "examples")
				if !ok {
					return
				}
				for i := 0; i+1 < len(examples.Content); i += 2 {
					name := examples.Content[i].Value
					ex, err := p.Spec.Deref(spec.Node{File: examples.File, Node: examples.Content[i+1]})
					if err != nil {
						continue
					}
					if val, ok := p.field(ex, "value"); ok {
						p.checkExample(v, schema, val, ".examples"+spec.PathSegment(name, false)+".value")
					}
				}
			})
		}
	},
}

var validSchemaExample = &Rule{
	ID:    "oas3-valid-schema-example",
	Title: "Schema examples match their schema",
	Doc: `A schema's own example is valid against that schema, so the values
shown in documentation and used as test data are ones the API accepts.`,
	Bad: `type: string
enum: [active, off]
example: archived`,
	Good: `type: string
enum: [active, off]
example: active`,
	Severity: Warning,
	Check: func(p *Pass) {
		seen := map[*yaml.Node]bool{}
		p.each(spec.KindSchema, func(v *spec.Visit) {
			ex, ok := p.field(v.Node, "example")
			if !ok || seen[v.Node.Node] {
				return // a schema visited at several nestings is checked once
			}
			seen[v.Node.Node] = true
			p.checkExample(v, v.Node, ex, ".example")
		})
	},
}

var examplesValueOrExternal = &Rule{
	ID:    "oas3-examples-value-or-externalValue",
	Title: "Examples have either a value or an externalValue",
	Doc: `An Example object holds its example inline (value) or names where it is
(externalValue), one of the two: with neither it shows nothing, with both tools
pick one. Checked where spectral checks it: components.examples, the examples of
components.parameters and components.headers, and those of every parameter,
media type and header under the operations of paths.`,
	Bad:      "examples:\n  small:\n    summary: A small droplet",
	Good:     "examples:\n  small:\n    summary: A small droplet\n    value: {name: web-1, size: s-1vcpu-1gb}",
	Severity: Warning,
	Check: func(p *Pass) {
		seen := map[*yaml.Node]bool{}
		checkExamples := func(examples place) {
			for _, ex := range p.children(examples) {
				n := ex.Node.Node
				if n.Kind != yaml.MappingNode || seen[n] {
					continue
				}
				seen[n] = true
				switch v, e := has(n, "value"), has(n, "externalValue"); {
				case v && e:
					p.ReportAt(ex.pos(), ex.path, nil, "example %s has both value and externalValue; keep one", ex.name)
				case !v && !e:
					p.ReportAt(ex.pos(), ex.path, nil, "example %s has neither value nor externalValue", ex.name)
				}
			}
		}
		// holders checks the examples of each parameter, header or media
		// type of a map or list of them.
		holders := func(list place) {
			for _, h := range p.children(list) {
				if ex, ok := p.child(h, "examples"); ok {
					checkExamples(ex)
				}
			}
		}
		root := p.rootPlace()
		if comps, ok := p.child(root, "components"); ok {
			if ex, ok := p.child(comps, "examples"); ok {
				checkExamples(ex)
			}
			for _, section := range []string{"parameters", "headers"} {
				if list, ok := p.child(comps, section); ok {
					holders(list)
				}
			}
		}
		// Under paths spectral looks for content, parameters and headers at
		// any depth below an operation (or a path item's parameters list),
		// $refs followed; so does this walk, each node once.
		holderKey := func(k string) bool { return k == "content" || k == "parameters" || k == "headers" }
		w := p.entryWalker(holderKey, holders)
		if paths, ok := p.child(root, "paths"); ok {
			for _, item := range p.children(paths) {
				for _, c := range p.children(item) {
					w.walk(c.Node, c.path)
				}
			}
		}
	},
}
