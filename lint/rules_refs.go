package lint

import (
	"strings"

	yaml "github.com/pb33f/go-yaml"

	"github.com/dospec/dospec/spec"
)

var refHashInName = &Rule{
	ID:    "ref-hash-in-file-name",
	Title: "A \"#\" in a $ref's file name is written %23",
	Doc: `RFC 3986 reads everything after the first "#" of a reference as a fragment, so
paths/flows#clone+json.yaml names the file paths/flows and the fragment
"clone+json.yaml". dospec, seeing that no such anchor exists and that the file
does, reads the whole as a file name; most other tools (redocly, spectral,
kin-openapi) do not, and fail on the spec. %23 means the same to every tool.`,
	Bad:      "$ref: paths/flows#clone+json.yaml",
	Good:     "$ref: paths/flows%23clone+json.yaml",
	Severity: Warning,
	Check: func(p *Pass) {
		p.Spec.EachRef(func(_ *yaml.Node, r *spec.Ref) {
			if !r.HashInName {
				return
			}
			name, frag, _ := strings.Cut(r.Raw, "#")
			p.ReportAt(r.From.Pos(r.At), "", nil, "$ref %q names a file with \"#\" in its name; write it %s%%23%s so every tool reads a file name, not a fragment", r.Raw, name, frag)
		})
	},
}
