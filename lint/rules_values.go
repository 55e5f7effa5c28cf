package lint

import (
	"fmt"
	"regexp"
	"strings"

	yaml "github.com/pb33f/go-yaml"

	"github.com/dospec/dospec/spec"
)

var validSchemaDefault = &Rule{
	ID:    "schema-default-valid",
	Title: "Schema defaults match their schema",
	Doc: `A default is the value a server assumes when a client sends none; one that
its own schema rejects (type: integer, default: "abc"; a default outside the enum)
cannot be what the server uses, and generated clients that copy it do not compile
or send garbage. spectral has no such rule, so it is a warning.`,
	Bad:      "type: integer\ndefault: abc",
	Good:     "type: integer\ndefault: 10",
	Severity: Warning,
	Check: func(p *Pass) {
		seen := map[*yaml.Node]bool{}
		p.each(spec.KindSchema, func(v *spec.Visit) {
			def, ok := p.field(v.Node, "default")
			if !ok || seen[v.Node.Node] {
				return
			}
			seen[v.Node.Node] = true
			p.checkExample(v, v.Node, def, ".default")
		})
	},
}

var arrayItems = &Rule{
	ID:    "array-items",
	Title: "Array schemas say what their items are (OpenAPI 3.0)",
	Doc: `In OpenAPI 3.0 a schema of type array must have items (3.1's JSON Schema
makes it optional). spectral's array-items, an error there too.`,
	Bad:      "type: array",
	Good:     "type: array\nitems: {type: string}",
	Severity: Error,
	Check: func(p *Pass) {
		if !strings.HasPrefix(p.Spec.Version, "3.0") {
			return
		}
		seen := map[*yaml.Node]bool{}
		p.each(spec.KindSchema, func(v *spec.Visit) {
			if seen[v.Node.Node] {
				return
			}
			seen[v.Node.Node] = true
			if t, _ := spec.ScalarString(spec.Get(v.Node.Node, "type")); t == "array" && spec.Get(v.Node.Node, "items") == nil {
				p.Report(v, nil, "schema of type array has no items") // at the schema's key, as spectral
			}
		})
	},
}

var operationParameters = &Rule{
	ID:    "operation-parameters",
	Title: "An operation's parameters are unique",
	Doc: `Two parameters with one name and location in an operation (or in its path
item) are ambiguous: which one a client sends is undefined. spectral's
operation-parameters.`,
	Bad:      "parameters:\n  - {name: page, in: query}\n  - {name: page, in: query}",
	Good:     "parameters:\n  - {name: page, in: query}\n  - {name: per_page, in: query}",
	Severity: Warning,
	Check: func(p *Pass) {
		for _, v := range p.Index.Visits {
			if v.Kind != spec.KindPathItem && v.Kind != spec.KindOperation {
				continue
			}
			list, ok := p.field(v.Node, "parameters")
			if !ok || list.Kind != yaml.SequenceNode {
				continue
			}
			first := map[string]bool{}
			for _, item := range list.Content {
				prm, err := p.Spec.Deref(spec.Node{File: list.File, Node: item})
				if err != nil {
					continue
				}
				name, _ := spec.ScalarString(spec.Get(prm.Node, "name"))
				in, _ := spec.ScalarString(spec.Get(prm.Node, "in"))
				if name == "" || in == "" {
					continue
				}
				key := in + "\x00" + name
				if in == "header" {
					key = strings.ToLower(key) // header names are case-insensitive
				}
				if first[key] {
					p.ReportAt(list.File.Pos(item), v.JSONPath()+".parameters", p.Index.OperationsReaching(v), "parameter %q in %s is declared twice", name, in)
					continue
				}
				first[key] = true
			}
		}
	},
}

var serverVar = regexp.MustCompile(`\{([^{}]*)\}`)

var serverVariables = &Rule{
	ID:    "oas3-server-variables",
	Title: "Server URL variables are defined, used and have a valid default",
	Doc: `Every {name} in a server's url is defined under its variables, every variable
is used in the url, and a variable with an enum has its default among the
values. spectral's oas3-server-variables, an error there too.`,
	Bad:      "url: https://{region}.example.com\nvariables: {}",
	Good:     "url: https://{region}.example.com\nvariables:\n  region: {default: nyc, enum: [nyc, sfo]}",
	Severity: Error,
	Check: func(p *Pass) {
		var servers []spec.Node
		collect := func(n spec.Node) {
			if list, ok := p.field(n, "servers"); ok && list.Kind == yaml.SequenceNode {
				for _, s := range list.Content {
					servers = append(servers, spec.Node{File: list.File, Node: spec.Unalias(s)})
				}
			}
		}
		collect(spec.Node{File: p.Spec.Root, Node: p.Spec.Root.Doc})
		for _, v := range p.Index.Visits {
			if v.Kind == spec.KindPathItem || v.Kind == spec.KindOperation {
				collect(v.Node)
			}
		}
		for _, s := range servers {
			urlNode := spec.Get(s.Node, "url")
			url, _ := spec.ScalarString(urlNode)
			vars := spec.Get(s.Node, "variables")
			used := map[string]bool{}
			for _, m := range serverVar.FindAllStringSubmatch(url, -1) {
				used[m[1]] = true
				if spec.Get(vars, m[1]) == nil {
					p.ReportAt(s.File.Pos(urlNode), "", nil, "server url %s uses {%s}, which its variables do not define", url, m[1])
				}
			}
			for i := 0; vars != nil && i+1 < len(vars.Content); i += 2 {
				name, def := vars.Content[i], spec.Unalias(vars.Content[i+1])
				if !used[name.Value] {
					p.ReportAt(s.File.Pos(name), "", nil, "server variable %q is not used in the url %s", name.Value, url)
				}
				d := spec.Get(def, "default")
				enum := spec.Get(def, "enum")
				if d == nil || enum == nil || enum.Kind != yaml.SequenceNode {
					continue
				}
				found := false
				var values []string
				for _, e := range enum.Content {
					found = found || e.Value == d.Value
					values = append(values, e.Value)
				}
				if !found {
					p.ReportAt(s.File.Pos(d), "", nil, "server variable %q: default %q is not one of %s", name.Value, d.Value, fmt.Sprint(strings.Join(values, ", ")))
				}
			}
		}
	},
}

var xmlAttributeDeprecated = &Rule{
	ID:    "oas3_2-no-deprecated-xml-attribute",
	Title: "OpenAPI 3.2: xml.nodeType, not xml.attribute",
	Doc: `OpenAPI 3.2 deprecates xml.attribute: true for xml.nodeType: attribute. Reported
at xml, anywhere in a 3.2 document; earlier versions are left alone.`,
	Bad:      "xml:\n  attribute: true",
	Good:     "xml:\n  nodeType: attribute",
	Severity: Warning,
	Check: func(p *Pass) {
		if !strings.HasPrefix(p.Spec.Version, "3.2") {
			return
		}
		w := p.entryWalker(func(k string) bool { return k == "xml" }, func(x place) {
			if a, ok := p.child(x, "attribute"); ok && a.Node.Node.Kind == yaml.ScalarNode && a.Node.Node.ShortTag() == "!!bool" && a.Node.Node.Value == "true" {
				p.ReportAt(x.pos(), x.path, nil, `xml.attribute is deprecated in OpenAPI 3.2: write xml.nodeType: attribute`)
			}
		})
		root := p.rootPlace()
		w.walk(root.Node, root.path)
	},
}
