// Package spectral runs spectral rulesets natively: the ruleset format
// (extends, rules with given/then, functions and functionsDir, formats,
// overrides, aliases), JSONPath as spectral evaluates it, spectral's core
// functions in Go, and custom JavaScript functions in an embedded engine
// (goja). It reports results with their source positions; package lint
// turns them into findings. It never prints.
package spectral

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	yaml "github.com/pb33f/go-yaml"

	"github.com/dospec/dospec/spec"
)

// Severity levels, as spectral numbers them: 0 error … 3 hint; Off is -1.
const (
	Error   = 0
	Warning = 1
	Info    = 2
	Hint    = 3
	Off     = -1
)

// Ruleset is a loaded spectral ruleset with its extends flattened.
type Ruleset struct {
	File  string  // the file it was read from
	Rules []*Rule // in definition order, one per name (the last definition wins)
	// Builtin lists the spectral:oas rules the ruleset enables (its extends
	// of spectral:oas, then its severity overrides): name → severity.
	// dospec runs its own implementations of them.
	Builtin map[string]int
	// Unsupported lists what the ruleset asks for and dospec cannot do,
	// each once, with its place in the ruleset file.
	Unsupported []Note

	functions map[string]*jsFunc // custom functions by name
	aliases   map[string][]string
	overrides []override
}

// Note is one remark about the ruleset, at its place.
type Note struct {
	Pos spec.Pos
	Msg string
}

func (n Note) String() string { return n.Pos.String() + ": " + n.Msg }

// Rule is one spectral rule.
type Rule struct {
	Name        string
	Description string
	Message     string
	Severity    int
	Given       []string
	Then        []Then
	Formats     []string
	Resolved    bool
	Recommended bool
	DocURL      string
	Pos         spec.Pos // where it is defined

	given []*path
}

// Then is one check of a rule.
type Then struct {
	Field    string
	Function string
	Options  map[string]any
}

type override struct {
	files []string
	rules map[string]int
}

// RulesetError is a problem with the ruleset, at its place in the ruleset file.
type RulesetError = spec.Error

// Load reads the ruleset at file and everything it extends.
func Load(file string) (*Ruleset, error) {
	rs := &Ruleset{File: file, Builtin: map[string]int{}, functions: map[string]*jsFunc{}, aliases: map[string][]string{}}
	l := &loader{rs: rs, byName: map[string]*Rule{}, seen: map[string]bool{}}
	if err := l.load(file); err != nil {
		return nil, err
	}
	for _, name := range l.order {
		if r := l.byName[name]; r != nil {
			rs.Rules = append(rs.Rules, r)
		}
	}
	for _, r := range rs.Rules {
		for _, g := range r.Given {
			for _, expanded := range rs.expandAlias(g) {
				p, err := parsePath(expanded)
				if err != nil {
					return nil, &RulesetError{Pos: r.Pos, Msg: fmt.Sprintf("rule %s: %v", r.Name, err)}
				}
				r.given = append(r.given, p)
			}
		}
	}
	return rs, nil
}

type loader struct {
	rs     *Ruleset
	byName map[string]*Rule
	order  []string
	seen   map[string]bool
	module *jsModule // the JavaScript ruleset being read, for its functions
}

func (l *loader) load(file string) error {
	abs, err := filepath.Abs(file)
	if err != nil {
		return err
	}
	if l.seen[abs] {
		return nil // extended twice, or a loop: once is enough
	}
	l.seen[abs] = true
	data, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("ruleset: %w", err)
	}
	var module *jsModule
	switch strings.ToLower(filepath.Ext(file)) {
	case ".ts":
		return &RulesetError{Pos: spec.Pos{File: file, Line: 1, Col: 1}, Msg: "TypeScript rulesets are not read: use the package's built .js or .mjs file"}
	case ".js", ".mjs", ".cjs":
		// A JavaScript ruleset: run it with spectral's modules backed by the
		// native functions, and read the object it exports as a ruleset.
		var err error
		if module, data, err = loadJSRuleset(file, data); err != nil {
			return &RulesetError{Pos: spec.Pos{File: file, Line: 1, Col: 1}, Msg: err.Error()}
		}
	}
	l.module = module
	doc, err := spec.ParseValue(slashEscapes(data))
	if err == nil && module != nil {
		noPositions(doc) // lines of the JSON it was turned into would mislead
	}
	if err != nil {
		return &RulesetError{Pos: spec.Pos{File: file}, Msg: fmt.Sprintf("ruleset is not valid YAML or JSON: %v", err)}
	}
	if doc.Kind != yaml.MappingNode {
		return &RulesetError{Pos: pos(file, doc), Msg: "a ruleset is a mapping (extends, rules, …)"}
	}
	dir := filepath.Dir(file)
	// Extends first: this file's rules override what it extends.
	if ext := spec.Get(doc, "extends"); ext != nil {
		if err := l.extends(file, dir, ext); err != nil {
			return err
		}
	}
	functionsDir := filepath.Join(dir, "functions")
	if fd := spec.Get(doc, "functionsDir"); fd != nil {
		functionsDir = filepath.Join(dir, filepath.FromSlash(fd.Value))
	}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		key, val := doc.Content[i], spec.Unalias(doc.Content[i+1])
		switch key.Value {
		case "extends", "functionsDir":
		case "rules":
			if err := l.rules(file, val); err != nil {
				return err
			}
		case "functions":
			for _, f := range val.Content {
				name := f.Value
				fn, err := loadJSFunction(filepath.Join(functionsDir, name+".js"), name)
				if err != nil {
					return &RulesetError{Pos: pos(file, f), Msg: fmt.Sprintf("function %s: %v", name, err)}
				}
				l.rs.functions[name] = fn
			}
		case "formats":
			// Whole-ruleset formats: a rule without its own takes them.
			defer func(formats []string) {
				for _, r := range l.byName {
					if len(r.Formats) == 0 && r.Pos.File == file {
						r.Formats = formats
					}
				}
			}(scalars(val))
		case "aliases":
			for j := 0; j+1 < len(val.Content); j += 2 {
				a := spec.Unalias(val.Content[j+1])
				switch {
				case a.Kind == yaml.ScalarNode:
					l.rs.aliases[val.Content[j].Value] = []string{a.Value}
				case a.Kind == yaml.SequenceNode:
					l.rs.aliases[val.Content[j].Value] = scalars(a)
				case spec.Get(a, "targets") != nil:
					// Scoped by format: every target's paths (a path for
					// another version selects what that version has).
					var all []string
					for _, t := range spec.Get(a, "targets").Content {
						all = append(all, scalars(spec.Get(t, "given"))...)
					}
					l.rs.aliases[val.Content[j].Value] = all
				default:
					l.rs.Unsupported = append(l.rs.Unsupported, Note{Pos: pos(file, val.Content[j]), Msg: "an alias that is neither a path, a list of paths nor targets is left out"})
				}
			}
		case "overrides":
			for _, o := range val.Content {
				ov := override{rules: map[string]int{}}
				ov.files = scalars(spec.Get(o, "files"))
				if rules := spec.Get(o, "rules"); rules != nil {
					for j := 0; j+1 < len(rules.Content); j += 2 {
						sev, ok := severityOf(spec.Unalias(rules.Content[j+1]))
						if !ok {
							l.rs.Unsupported = append(l.rs.Unsupported, Note{Pos: pos(file, rules.Content[j]), Msg: "an override that redefines a rule is not supported; only severities are"})
							continue
						}
						ov.rules[rules.Content[j].Value] = sev
					}
				}
				if spec.Get(o, "extends") != nil {
					l.rs.Unsupported = append(l.rs.Unsupported, Note{Pos: pos(file, o), Msg: "extends inside overrides is not supported"})
				}
				l.rs.overrides = append(l.rs.overrides, ov)
			}
		case "documentationUrl", "description", "parserOptions":
		default:
			l.rs.Unsupported = append(l.rs.Unsupported, Note{Pos: pos(file, key), Msg: fmt.Sprintf("unknown ruleset key %q is left out", key.Value)})
		}
	}
	return nil
}

// extends reads the extends entry: "spectral:oas", ["spectral:oas", "all"],
// a local file, or a list of those.
func (l *loader) extends(file, dir string, ext *yaml.Node) error {
	var items []*yaml.Node
	if ext.Kind == yaml.SequenceNode {
		items = ext.Content
	} else {
		items = []*yaml.Node{ext}
	}
	// A flow pair [name, mode] reads as a list of two scalars.
	if ext.Kind == yaml.SequenceNode && len(ext.Content) == 2 && ext.Content[0].Kind == yaml.ScalarNode && isMode(ext.Content[1].Value) {
		items = []*yaml.Node{ext}
	}
	for _, it := range items {
		it = spec.Unalias(it)
		name, mode := it.Value, "recommended"
		if it.Kind == yaml.SequenceNode {
			if len(it.Content) == 0 {
				continue
			}
			name = it.Content[0].Value
			if len(it.Content) > 1 {
				mode = it.Content[1].Value
			}
		}
		switch {
		case name == "spectral:oas":
			l.builtin(mode)
		case strings.HasPrefix(name, "spectral:"):
			l.rs.Unsupported = append(l.rs.Unsupported, Note{Pos: pos(file, it), Msg: fmt.Sprintf("%s is not supported (dospec reads OpenAPI): its rules are left out", name)})
		case strings.HasPrefix(name, "http://") || strings.HasPrefix(name, "https://") || !strings.ContainsAny(name, "./") || strings.HasPrefix(name, "@"):
			l.rs.Unsupported = append(l.rs.Unsupported, Note{Pos: pos(file, it), Msg: fmt.Sprintf("extends %q: rulesets from npm packages or URLs are not fetched; download it and name the file", name)})
		default:
			target := name
			if !filepath.IsAbs(target) {
				target = filepath.Join(dir, filepath.FromSlash(name))
			}
			before := len(l.order)
			if err := l.load(target); err != nil {
				var e *RulesetError
				if !errors.As(err, &e) {
					return &RulesetError{Pos: pos(file, it), Msg: fmt.Sprintf("extends %q: %v", name, err)}
				}
				return err
			}
			if mode == "off" {
				for _, n := range l.order[before:] {
					if r := l.byName[n]; r != nil {
						r.Severity = Off
					}
				}
			}
		}
	}
	return nil
}

// slashEscapes turns \/ inside double-quoted YAML strings into /: YAML 1.2
// (and JSON) allow that escape, which rulesets write in patterns
// ("^resources\/.*yml$"), and the YAML 1.1 parser rejects it. Comments and
// single-quoted strings are left as they are.
func slashEscapes(src []byte) []byte {
	out := make([]byte, 0, len(src))
	inDouble, inSingle, inComment := false, false, false
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '\n':
			inComment = false
			// quoted scalars may span lines; keep their state
		case inComment:
		case inDouble && c == '\\' && i+1 < len(src):
			if src[i+1] == '/' {
				out = append(out, '/')
				i++
				continue
			}
			out = append(out, c, src[i+1])
			i++
			continue
		case inDouble && c == '"':
			inDouble = false
		case inSingle && c == '\'':
			inSingle = false
		case !inDouble && !inSingle && c == '"':
			inDouble = true
		case !inDouble && !inSingle && c == '\'':
			inSingle = true
		case !inDouble && !inSingle && c == '#' && (i == 0 || src[i-1] == ' ' || src[i-1] == '\t' || src[i-1] == '\n'):
			inComment = true
		}
		out = append(out, c)
	}
	return out
}

func noPositions(n *yaml.Node) {
	n.Line, n.Column = 0, 0
	for _, c := range n.Content {
		noPositions(c)
	}
}

func isMode(s string) bool { return s == "recommended" || s == "all" || s == "off" }

// builtin enables spectral:oas's rules by mode.
func (l *loader) builtin(mode string) {
	for name, r := range oasRules {
		switch mode {
		case "all":
			l.rs.Builtin[name] = r.severity
		case "off":
			l.rs.Builtin[name] = Off
		default:
			if r.recommended {
				l.rs.Builtin[name] = r.severity
			} else {
				l.rs.Builtin[name] = Off
			}
		}
	}
}

func (l *loader) rules(file string, m *yaml.Node) error {
	for i := 0; i+1 < len(m.Content); i += 2 {
		key, val := m.Content[i], spec.Unalias(m.Content[i+1])
		name := key.Value
		// A severity alone (or false) changes an inherited rule.
		if val.Kind == yaml.ScalarNode {
			sev, ok := severityOf(val)
			if !ok {
				return &RulesetError{Pos: pos(file, val), Msg: fmt.Sprintf("rule %s: %q is no severity (error, warn, info, hint, off, 0-3, or a rule definition)", name, val.Value)}
			}
			if r := l.byName[name]; r != nil {
				r.Severity = sev
			} else if _, ok := oasRules[name]; ok {
				l.rs.Builtin[name] = sev
			} else {
				l.rs.Unsupported = append(l.rs.Unsupported, Note{Pos: pos(file, key), Msg: fmt.Sprintf("rule %s: a severity for a rule no extended ruleset defines", name)})
			}
			continue
		}
		r := &Rule{Name: name, Severity: Warning, Resolved: true, Recommended: true, Pos: pos(file, key)}
		if old := l.byName[name]; old != nil {
			// A redefinition keeps what it does not say.
			cp := *old
			r = &cp
			r.Pos, r.given = pos(file, key), nil
		} else {
			l.order = append(l.order, name)
		}
		if _, ok := oasRules[name]; ok {
			delete(l.rs.Builtin, name) // redefined: the ruleset's own meaning, not spectral's
		}
		for j := 0; j+1 < len(val.Content); j += 2 {
			k, v := val.Content[j].Value, spec.Unalias(val.Content[j+1])
			switch k {
			case "description":
				r.Description = v.Value
			case "message":
				r.Message = v.Value
			case "severity":
				sev, ok := severityOf(v)
				if !ok {
					return &RulesetError{Pos: pos(file, v), Msg: fmt.Sprintf("rule %s: unknown severity %q", name, v.Value)}
				}
				r.Severity = sev
			case "given":
				r.Given = scalars(v)
			case "then":
				r.Then = nil
				list := []*yaml.Node{v}
				if v.Kind == yaml.SequenceNode {
					list = v.Content
				}
				for _, t := range list {
					th := Then{Field: scalarOf(spec.Get(t, "field")), Function: scalarOf(spec.Get(t, "function"))}
					if i, ok := strings.CutPrefix(th.Function, customPrefix); ok && l.module != nil {
						// A function the JavaScript ruleset defines itself.
						name := file + "#" + i
						l.rs.functions[name] = &jsFunc{name: name, file: file, module: l.module, index: i}
						th.Function = name
					}
					if o := spec.Get(t, "functionOptions"); o != nil {
						opts, _ := plain(o).(map[string]any)
						th.Options = opts
					}
					if th.Function == "" {
						return &RulesetError{Pos: pos(file, t), Msg: fmt.Sprintf("rule %s: then has no function", name)}
					}
					r.Then = append(r.Then, th)
				}
			case "formats":
				r.Formats = scalars(v)
			case "resolved":
				r.Resolved = v.Value != "false"
			case "recommended":
				r.Recommended = v.Value != "false"
			case "documentationUrl":
				r.DocURL = v.Value
			case "type", "tags", "extensions":
			default:
				l.rs.Unsupported = append(l.rs.Unsupported, Note{Pos: pos(file, val.Content[j]), Msg: fmt.Sprintf("rule %s: unknown key %q is left out", name, k)})
			}
		}
		if len(r.Given) == 0 || len(r.Then) == 0 {
			return &RulesetError{Pos: pos(file, key), Msg: fmt.Sprintf("rule %s needs given and then", name)}
		}
		l.byName[name] = r
	}
	return nil
}

// expandAlias replaces a leading #Alias in a given path.
func (rs *Ruleset) expandAlias(given string) []string {
	if !strings.HasPrefix(given, "#") {
		return []string{given}
	}
	name, rest := given[1:], ""
	if i := strings.IndexAny(name, ".["); i >= 0 {
		name, rest = name[:i], name[i:]
	}
	targets, ok := rs.aliases[name]
	if !ok {
		return []string{given} // reported by parsePath
	}
	var out []string
	for _, t := range targets {
		for _, e := range rs.expandAlias(t) {
			out = append(out, e+rest)
		}
	}
	return out
}

// severityOf reads error/warn/info/hint/off, 0-3, or false.
func severityOf(n *yaml.Node) (int, bool) {
	switch strings.ToLower(n.Value) {
	case "error", "0":
		return Error, true
	case "warn", "warning", "1":
		return Warning, true
	case "info", "information", "2":
		return Info, true
	case "hint", "3":
		return Hint, true
	case "off", "false", "-1":
		return Off, true
	case "true":
		return Warning, true
	}
	return 0, false
}

func pos(file string, n *yaml.Node) spec.Pos {
	return spec.Pos{File: file, Line: n.Line, Col: n.Column}
}

func scalarOf(n *yaml.Node) string {
	if n == nil {
		return ""
	}
	return n.Value
}

func scalars(n *yaml.Node) []string {
	n = spec.Unalias(n)
	if n == nil {
		return nil
	}
	if n.Kind == yaml.ScalarNode {
		return []string{n.Value}
	}
	var out []string
	for _, c := range n.Content {
		out = append(out, spec.Unalias(c).Value)
	}
	return out
}

// plain converts a YAML node to Go values (maps, slices, strings, float64,
// bool, nil) for function options.
func plain(n *yaml.Node) any {
	n = spec.Unalias(n)
	switch n.Kind {
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = plain(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		l := make([]any, len(n.Content))
		for i, c := range n.Content {
			l[i] = plain(c)
		}
		return l
	}
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		return n.Value == "true"
	case "!!int", "!!float":
		if f, err := strconv.ParseFloat(n.Value, 64); err == nil {
			return f
		}
	}
	return n.Value
}

// RuleNames lists the ruleset's own rules, sorted.
func (rs *Ruleset) RuleNames() []string {
	var out []string
	for _, r := range rs.Rules {
		out = append(out, r.Name)
	}
	sort.Strings(out)
	return out
}

// SeverityAt is rule name's severity for a spec file (overrides applied).
func (rs *Ruleset) SeverityAt(name, file string, sev int) int {
	for _, o := range rs.overrides {
		s, ok := o.rules[name]
		if !ok {
			continue
		}
		for _, g := range o.files {
			g, _, _ = strings.Cut(g, "#")
			if ok, _ := filepath.Match(g, file); ok || globMatch(g, file) {
				sev = s
				break
			}
		}
	}
	return sev
}

// globMatch matches ** across folders.
func globMatch(glob, name string) bool {
	if !strings.Contains(glob, "**") {
		ok, _ := filepath.Match(glob, name)
		return ok
	}
	parts := strings.SplitN(glob, "**", 2)
	if !strings.HasPrefix(name, parts[0]) {
		return false
	}
	rest := strings.TrimPrefix(parts[1], "/")
	name = strings.TrimPrefix(name, parts[0])
	for {
		if globMatch(rest, name) {
			return true
		}
		i := strings.IndexByte(name, '/')
		if i < 0 {
			return false
		}
		name = name[i+1:]
	}
}
