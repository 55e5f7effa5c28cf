package lint

import (
	"errors"

	"github.com/dospec/dospec/spec"
)

// The loader's problems, reported as findings: lint loads what it can
// (spec.Options.KeepGoing), so one bad $ref or file does not hide the
// findings of every other file.

var invalidRef = &Rule{
	ID:    "invalid-ref",
	Title: "Every $ref names something that exists",
	Doc: `A $ref names a file that does not exist (or cannot be read: a folder, a file
outside the spec's folder, a URL without --allow-external), a JSON pointer or an
$anchor that is not there. Reported at the $ref; lint goes on with the rest of the
document (bundle and gen stop with exit 3).`,
	Bad:      "schema:\n  $ref: models/dropplet.yml",
	Good:     "schema:\n  $ref: models/droplet.yml",
	Severity: Error,
	Check: func(p *Pass) {
		for _, e := range p.Spec.Problems {
			if refProblem(e) {
				p.ReportAt(e.Pos, "", nil, "%s", e.Msg)
			}
		}
	},
}

var parserRule = &Rule{
	ID:    "parser",
	Title: "Every file of the spec parses",
	Doc: `A file the document's $refs reach is not valid YAML or JSON, holds a duplicate
key, a YAML tag such as !include, is nested too deep or expands aliases without
end. Reported where the file goes wrong; its content is left out and lint goes on
with the other files.`,
	Bad:      "schema: !include models/droplet.yml",
	Good:     "schema:\n  $ref: models/droplet.yml",
	Severity: Error,
	Check: func(p *Pass) {
		for _, e := range p.Spec.Problems {
			if !refProblem(e) {
				p.ReportAt(e.Pos, "", nil, "%s", e.Msg)
			}
		}
	},
}

func refProblem(e *spec.Error) bool {
	for _, kind := range []error{spec.ErrNotFound, spec.ErrPointer, spec.ErrRefOutside, spec.ErrRemote, spec.ErrIsFolder, spec.ErrTooLarge, spec.ErrCycle} {
		if errors.Is(e, kind) {
			return true
		}
	}
	return false
}
