package lint

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	yaml "github.com/pb33f/go-yaml"

	"github.com/dospec/dospec/spec"
)

// text is one description or summary met in the document.
type text struct {
	v     *spec.Visit // the object that holds it (nil for info and tags)
	file  *spec.File
	value *yaml.Node
	base  string // JSON path of the holder when v is nil
	key   string // description or summary
}

func (t text) path() string {
	if t.v != nil {
		return t.v.JSONPath() + "." + t.key
	}
	return t.base + "." + t.key
}

// texts lists every description and summary of every visited object and
// of info, with $refs followed (description: {$ref: description.yml#/x}).
func (p *Pass) texts() []text {
	if p.cache.textsDone {
		return p.cache.texts
	}
	var out []text
	add := func(v *spec.Visit, holder spec.Node, path string) {
		for _, k := range []string{"description", "summary"} {
			n, ok := p.field(holder, k)
			if ok && n.Kind == yaml.ScalarNode {
				out = append(out, text{v: v, file: n.File, value: n.Node, base: path, key: k})
			}
		}
	}
	if info, ok := p.field(spec.Node{File: p.Spec.Root, Node: p.Spec.Root.Doc}, "info"); ok {
		add(nil, info, "$.info")
	}
	for i, t := range p.rootTags() {
		add(nil, spec.Node{File: p.Spec.Root, Node: t.node}, fmt.Sprintf("$.tags[%d]", i))
	}
	for _, v := range p.Index.Visits {
		if v.Kind == spec.KindDocument || v.Node.Kind != yaml.MappingNode {
			continue
		}
		if v.Kind == spec.KindSchemaMap || v.Kind == spec.KindPaths || v.Kind == spec.KindResponses ||
			v.Kind == spec.KindMediaTypes || v.Kind == spec.KindHeaders || v.Kind == spec.KindExamples {
			continue // maps whose keys are names, not fields
		}
		add(v, v.Node, "")
	}
	p.cache.texts, p.cache.textsDone = out, true
	return out
}

// lineOf gives the source line of a match found at byte at of line i of a
// text's value. A literal block keeps its source lines; a folded block and
// a plain or quoted scalar fold several source lines into one, so there the
// match is looked for in the source, after as many occurrences as precede
// it in the value. When it cannot be found (it straddles a fold) the
// scalar's own position is given. The column is the match's in its source
// line.
func lineOf(t text, i, at int, match string) (line, col int) {
	n := t.value
	lines := strings.Split(n.Value, "\n")
	if n.Style&yaml.LiteralStyle != 0 {
		line = n.Line + 1 + i
		return line, nthIndex(t.file.Line(line), match, strings.Count(lines[i][:at], match)) + 1
	}
	first := n.Line
	if n.Style&yaml.FoldedStyle != 0 {
		first++
	}
	k := strings.Count(lines[i][:at], match)
	for _, l := range lines[:i] {
		k += strings.Count(l, match)
	}
	last := first + bytes.Count(t.file.Src, []byte("\n"))
	for line := first; line <= last; line++ {
		src := t.file.Line(line)
		c := strings.Count(src, match)
		if k < c {
			return line, nthIndex(src, match, k) + 1
		}
		k -= c
	}
	return n.Line, n.Column
}

// nthIndex is the byte index of the k-th (from 0) occurrence of sub in s,
// or the index of the first when there are fewer (a match that straddles
// an escape).
func nthIndex(s, sub string, k int) int {
	at := 0
	for ; k >= 0; k-- {
		i := strings.Index(s[at:], sub)
		if i < 0 {
			return max(strings.Index(s, sub), 0)
		}
		if k == 0 {
			return at + i
		}
		at += i + len(sub)
	}
	return 0
}

func (p *Pass) reportText(t text, line int, col int, format string, args ...any) {
	var ops []*spec.Operation
	if t.v != nil {
		ops = p.Index.OperationsReaching(t.v)
	}
	pos := t.file.Pos(t.value)
	if line != pos.Line {
		pos.Line, pos.Col = line, col
	}
	p.ReportAt(pos, t.path(), ops, format, args...)
}

var infoDescription = &Rule{
	ID:       "info-description",
	Title:    "The API has a description",
	Doc:      `info.description introduces the API on the documentation's first page; it is not empty.`,
	Bad:      "info:\n  title: Example API\n  description: ''",
	Good:     "info:\n  title: Example API\n  description: Manage droplets and volumes.",
	Severity: Warning,
	Check: func(p *Pass) {
		root := spec.Node{File: p.Spec.Root, Node: p.Spec.Root.Doc}
		info, ok := p.field(root, "info")
		if !ok {
			return
		}
		d, ok := p.str(info, "description")
		if !ok || isBlank(d) {
			at := info.File.Pos(valueOf(info.Node, "description"))
			if spec.Get(info.Node, "description") == nil {
				if k, _ := spec.GetKey(p.Spec.Root.Doc, "info"); k != nil && info.File == p.Spec.Root {
					at = p.Spec.Root.Pos(k) // missing: at info, as spectral reports it
				}
			}
			p.ReportAt(at, "$.info.description", nil, "info.description is missing or empty")
		}
	},
}

func opTextRule(id, field, title string) *Rule {
	return &Rule{
		ID:       id,
		Title:    title,
		Doc:      fmt.Sprintf(`Every operation has a non-empty %s: documentation lists it and generated clients put it in the method's comment.`, field),
		Bad:      "operationId: droplets_list\nresponses: ...",
		Good:     fmt.Sprintf("operationId: droplets_list\n%s: List all Droplets\nresponses: ...", field),
		Severity: Warning,
		Check: func(p *Pass) {
			for _, op := range p.Index.Operations {
				d, ok := p.str(op.Node, field)
				if !ok || isBlank(d) {
					p.Report(op.Visit, valueOf(op.Node.Node, field), "%s has no %s", op, field)
				}
			}
		},
	}
}

var parameterDescription = &Rule{
	ID:       "oas3-parameter-description",
	Title:    "Parameters have a description",
	Doc:      `Every parameter says what it does; documentation and client docs show it.`,
	Bad:      "- name: page\n  in: query",
	Good:     "- name: page\n  in: query\n  description: Which page of results to return.",
	Severity: Warning,
	Check: func(p *Pass) {
		p.each(spec.KindParameter, func(v *spec.Visit) {
			d, ok := p.str(v.Node, "description")
			if !ok || isBlank(d) {
				name, _ := spec.ScalarString(spec.Get(v.Node.Node, "name"))
				p.Report(v, nil, "parameter %q has no description", name)
			}
		})
	},
}

var propertyDescription = &Rule{
	ID:    "property-description",
	Title: "Schema properties have a description",
	Doc: `Every property of a request or response body says what it holds.
Large specs have many undocumented properties, so this is a hint by default;
raise it in .dospec.yaml once the backlog is cleared.`,
	Bad:      "properties:\n  size:\n    type: string",
	Good:     "properties:\n  size:\n    type: string\n    description: The slug of the Droplet's size.",
	Severity: Hint,
	Check: func(p *Pass) {
		p.eachProperty(func(v *spec.Visit, name string) {
			m := v.Node.Node
			if m.Kind != yaml.MappingNode || has(m, "$ref") {
				return
			}
			if d, ok := p.str(v.Node, "description"); !ok || isBlank(d) {
				p.Report(v, v.Key, "property %q has no description", name)
			}
		})
	},
}

var placeholder = regexp.MustCompile(`\b(TODO|TBD|FIXME|XXX)\b`)

var descriptionPlaceholder = &Rule{
	ID:       "description-no-placeholder",
	Title:    "Descriptions are not blank or placeholders",
	Doc:      `A description or summary that is only whitespace, or that still says TODO, TBD, FIXME or XXX, is unfinished work shipped to users.`,
	Bad:      "description: TODO describe the droplet",
	Good:     "description: A Droplet is a virtual machine.",
	Severity: Warning,
	Check: func(p *Pass) {
		for _, t := range p.texts() {
			v := t.value.Value
			if v != "" && isBlank(v) {
				p.reportText(t, t.value.Line, t.value.Column, "%s is only whitespace", t.key)
				continue
			}
			if !strings.Contains(v, "TODO") && !strings.Contains(v, "TBD") && !strings.Contains(v, "FIXME") && !strings.Contains(v, "XXX") {
				continue
			}
			for i, line := range strings.Split(v, "\n") {
				if loc := placeholder.FindStringIndex(line); loc != nil {
					ln, col := lineOf(t, i, loc[0], line[loc[0]:loc[1]])
					p.reportText(t, ln, col, "%s still says %s", t.key, line[loc[0]:loc[1]])
					break
				}
			}
		}
	},
}

var unsafeMarkdown = regexp.MustCompile(`(?i)<\s*script\b|\beval\s*\(|javascript:`)

var descriptionNoScript = &Rule{
	ID:    "description-no-script",
	Title: "Descriptions hold no script",
	Doc: `Markdown descriptions are rendered into documentation pages: a <script>
tag, eval( or a javascript: link is a cross-site scripting risk. A warning, as
spectral's no-script-tags-in-markdown and no-eval-in-markdown (which map to it).`,
	Bad:      "description: <script>alert(1)</script>",
	Good:     "description: Returns the droplet.",
	Severity: Warning,
	Check: func(p *Pass) {
		for _, t := range p.texts() {
			low := strings.ToLower(t.value.Value)
			if !strings.Contains(low, "script") && !strings.Contains(low, "eval") {
				continue
			}
			for i, line := range strings.Split(t.value.Value, "\n") {
				if loc := unsafeMarkdown.FindStringIndex(line); loc != nil {
					ln, col := lineOf(t, i, loc[0], line[loc[0]:loc[1]])
					p.reportText(t, ln, col, "%s contains %q", t.key, line[loc[0]:loc[1]])
					break
				}
			}
		}
	},
}

// mdLink finds [text]( and what follows, to check the target.
var mdLink = regexp.MustCompile(`\]\(([^)]*)(\)?)`)

var descriptionMarkdownLinks = &Rule{
	ID:    "description-markdown-links",
	Title: "Markdown links in descriptions are well formed",
	Doc: `A link [text](target) has a target with no spaces (wrap one with
spaces in <>) and a closing parenthesis on the same line.`,
	Bad:      "description: See [the docs](https://docs.example.com/droplets",
	Good:     "description: See [the docs](https://docs.example.com/droplets).",
	Severity: Warning,
	Check: func(p *Pass) {
		for _, t := range p.texts() {
			if !strings.Contains(t.value.Value, "](") {
				continue
			}
		lines:
			for i, line := range strings.Split(t.value.Value, "\n") {
				for _, m := range mdLink.FindAllStringSubmatch(line, -1) {
					target, closed := strings.TrimSpace(m[1]), m[2] != ""
					switch {
					case !closed:
						ln, col := lineOf(t, i, strings.Index(line, m[0]), m[0])
						p.reportText(t, ln, col, "markdown link target %q is not closed with )", m[1])
						break lines
					case target == "":
						ln, col := lineOf(t, i, strings.Index(line, m[0]), m[0])
						p.reportText(t, ln, col, "markdown link has an empty target")
						break lines
					case strings.ContainsAny(target, " \t") && !strings.HasPrefix(target, "<") && !titled(target):
						ln, col := lineOf(t, i, strings.Index(line, m[0]), m[0])
						p.reportText(t, ln, col, "markdown link target %q has a space", target)
						break lines
					}
				}
			}
		}
	},
}

// titled reports a target followed by a quoted title: (url "title").
func titled(target string) bool {
	_, rest, ok := strings.Cut(target, " ")
	rest = strings.TrimSpace(rest)
	return ok && len(rest) >= 2 && (rest[0] == '"' || rest[0] == '\'') && rest[len(rest)-1] == rest[0]
}
