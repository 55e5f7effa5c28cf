package lint

import (
	"strings"

	yaml "github.com/pb33f/go-yaml"

	"github.com/dospec/dospec/lint/spectral"
	"github.com/dospec/dospec/spec"
)

// spectral:oas rules about the root's info and tags.

// rootFieldCheck wants the value at a path of fields from the root to be
// there and not empty (null, false, 0, ""), as spectral's truthy sees it. A
// missing one is reported where the path stops being written: at info when
// info has no license, at the root when there is no info.
func rootFieldCheck(fields ...string) func(p *Pass) {
	name := strings.Join(fields, ".")
	return func(p *Pass) {
		at := p.rootPlace()
		for _, f := range fields {
			c, ok := p.child(at, f)
			if !ok {
				p.ReportAt(at.pos(), "$."+name, nil, "%s is missing", name)
				return
			}
			at = c
		}
		if !spectral.Truthy(at.Node.Node) {
			p.ReportAt(at.pos(), "$."+name, nil, "%s is empty", name)
		}
	}
}

var infoContact = &Rule{
	ID:    "info-contact",
	Title: "The API names a contact",
	Doc: `info.contact tells users whom to ask about the API (a name, an email or a url);
documentation shows it on its first page.`,
	Bad:      "info:\n  title: Example API\n  version: '1.0'",
	Good:     "info:\n  title: Example API\n  version: '1.0'\n  contact:\n    email: api@example.com",
	Severity: Warning,
	Check:    rootFieldCheck("info", "contact"),
}

var infoLicense = &Rule{
	ID:    "info-license",
	Title: "The API names its license",
	Doc: `info.license says under which terms the API and its description may be used.
Not in the recommended ruleset (as in spectral): turn it on in rules or with all.`,
	Bad:      "info:\n  title: Example API\n  version: '1.0'",
	Good:     "info:\n  title: Example API\n  version: '1.0'\n  license:\n    name: Apache 2.0\n    url: https://www.apache.org/licenses/LICENSE-2.0",
	Severity: Warning,
	Check:    rootFieldCheck("info", "license"),
}

var licenseURL = &Rule{
	ID:    "license-url",
	Title: "The license has a url",
	Doc: `info.license.url links the license's text, so readers need not guess which
version of it applies. A missing license is reported too. Not in the
recommended ruleset (as in spectral).`,
	Bad:      "license:\n  name: Apache 2.0",
	Good:     "license:\n  name: Apache 2.0\n  url: https://www.apache.org/licenses/LICENSE-2.0",
	Severity: Warning,
	Check:    rootFieldCheck("info", "license", "url"),
}

var openapiTags = &Rule{
	ID:    "openapi-tags",
	Title: "The root declares its tags",
	Doc: `The root's tags list is there and holds at least one tag: documentation groups
operations by the tags declared there, in its order. Not in the recommended
ruleset (as in spectral).`,
	Bad:      "openapi: 3.0.3\ninfo: {title: Example API, version: '1.0'}\npaths: {}",
	Good:     "openapi: 3.0.3\ninfo: {title: Example API, version: '1.0'}\ntags:\n  - name: Droplets\npaths: {}",
	Severity: Warning,
	Check: func(p *Pass) {
		root := p.rootPlace()
		tags, ok := p.child(root, "tags")
		switch {
		case !ok:
			p.ReportAt(root.pos(), "$.tags", nil, "the root has no tags list")
		case tags.Node.Node.Kind != yaml.SequenceNode:
			p.ReportAt(tags.pos(), "$.tags", nil, "the root's tags is %s, not a list", spec.KindName(tags.Node.Node))
		case len(tags.Node.Node.Content) == 0:
			p.ReportAt(tags.pos(), "$.tags", nil, "the root's tags list is empty")
		}
	},
}

var contactProperties = &Rule{
	ID:    "contact-properties",
	Title: "The contact has a name, a url and an email",
	Doc: `info.contact says whom to ask and how: a name, a url and an email. The missing
ones are one finding at contact, each empty one a finding at its value. Not in the
recommended ruleset (as in spectral).`,
	Bad:      "contact:\n  email: api@example.com",
	Good:     "contact:\n  name: API team\n  url: https://example.com/support\n  email: api@example.com",
	Severity: Warning,
	Check: func(p *Pass) {
		info, ok := p.child(p.rootPlace(), "info")
		if !ok {
			return
		}
		contact, ok := p.child(info, "contact")
		if !ok {
			return
		}
		// The missing ones are one finding at contact (spectral says its
		// description once there too), the empty ones one each.
		var missing []string
		for _, f := range []string{"name", "url", "email"} {
			c, ok := p.child(contact, f)
			switch {
			case !ok:
				missing = append(missing, f)
			case !spectral.Truthy(c.Node.Node):
				p.ReportAt(c.pos(), "$.info.contact."+f, nil, "the contact's %s is empty", f)
			}
		}
		if len(missing) > 0 {
			p.ReportAt(contact.pos(), "$.info.contact", nil, "the contact has no %s", strings.Join(missing, ", "))
		}
	},
}
