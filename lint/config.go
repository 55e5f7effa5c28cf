package lint

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/dospec/dospec/internal/config"
	"github.com/dospec/dospec/internal/suggest"
	"github.com/dospec/dospec/lint/spectral"
	"github.com/dospec/dospec/spec"
)

// Config is the `lint:` section of .dospec.yaml.
type Config struct {
	// Extends names the rulesets to start from (default: recommended);
	// where two define one id, the one named last wins.
	Extends []string `yaml:"extends" json:"extends,omitempty"`
	// Rules overrides severities by rule id: error, warning, info, hint,
	// off. A rule no extended ruleset holds is turned on by a severity.
	Rules map[string]Severity `yaml:"rules" json:"rules,omitempty"`
	// Overrides change severities for the files their globs match, in
	// order (the last that matches wins).
	Overrides []Override `yaml:"overrides" json:"overrides,omitempty"`

	// Spectral are spectral rulesets to run (from extends, or given by
	// the caller: --ruleset, a .spectral.yml found near the spec).
	Spectral []*spectral.Ruleset `yaml:"-" json:"-"`
	// Notes are what the rulesets ask for and dospec does not do, once each.
	Notes []spectral.Note `yaml:"-" json:"-"`

	given []*spectral.Ruleset // from UseSpectral
	// Ignore drops findings by rule, file glob and JSON path prefix.
	Ignore []Ignore `yaml:"ignore" json:"ignore,omitempty"`
	// Baseline is a file written by --write-baseline (relative to the
	// config file): findings listed there are not reported.
	Baseline string `yaml:"baseline" json:"baseline,omitempty"`
	// SnakeCase is "compatible" (default: DO's spectral rule, which lets
	// camelCase words through) or "strict" (lower snake_case only).
	SnakeCase string `yaml:"snake-case" json:"snakeCase,omitempty"`
	// Scopes tunes the OAuth scope rules.
	Scopes ScopeConfig `yaml:"scopes" json:"scopes,omitempty"`

	sec       config.Section  // where it was read from, for positions in messages
	baseline  map[string]bool // keys of baselined findings
	ignores   []compiledIgnore
	overrides []compiledOverride
	plan      []*Rule // the rules to run, with their global severity (Off: only some files)
	global    map[string]Severity
	checked   bool
}

// Override is one entry of overrides.
type Override struct {
	Files []string            `yaml:"files" json:"files"`
	Rules map[string]Severity `yaml:"rules" json:"rules"`
}

type compiledOverride struct {
	files []*regexp.Regexp
	rules map[string]Severity
}

// Ignore is one config ignore entry.
type Ignore struct {
	Rule   string `yaml:"rule" json:"rule"`             // rule id, or "*"
	Files  string `yaml:"files" json:"files,omitempty"` // glob on the source file, ** for any folders
	Path   string `yaml:"path" json:"path,omitempty"`   // JSON path prefix
	Reason string `yaml:"reason" json:"reason"`
}

type compiledIgnore struct {
	Ignore
	files *regexp.Regexp
}

// ScopeConfig tunes the security scope rules.
type ScopeConfig struct {
	// Suspect maps an HTTP method to scope actions that are suspicious on
	// it (a GET asking for :delete). Replaces the default table per method.
	Suspect map[string][]string `yaml:"suspect" json:"suspect,omitempty"`
	// Actions lists the scope actions the API documents; any other action
	// is reported. Replaces the default list when set.
	Actions []string `yaml:"actions" json:"actions,omitempty"`
	// Schemes names the security schemes whose requirements carry scopes
	// (default: every http bearer and oauth2 scheme).
	Schemes []string `yaml:"schemes" json:"schemes,omitempty"`
}

// NewConfig reads the lint section of a .dospec.yaml read by package
// config (nil: no file). Unknown keys, rules and values are errors at
// their line, so a misspelt option does not silently do nothing.
func NewConfig(f *config.File) (*Config, error) {
	sec := f.Section("lint")
	cfg := &Config{}
	if err := sec.Decode(cfg); err != nil {
		return nil, err
	}
	cfg.sec = sec
	if err := cfg.check(); err != nil {
		return nil, err
	}
	return cfg, nil
}

// check validates the config and prepares its matchers.
func (c *Config) check() error {
	if c.checked {
		return nil
	}
	known := map[string]bool{}
	for _, r := range Rules() {
		known[r.ID] = true
	}
	for alias := range spectralAliases {
		known[alias] = true
	}
	for _, rs := range c.given {
		for _, r := range rs.Rules {
			known[r.Name] = true
		}
	}
	// extends names dospec's rulesets and spectral ruleset files (a path).
	c.Spectral = append([]*spectral.Ruleset{}, c.given...)
	c.Notes = nil
	var extends []string
	for i, e := range c.Extends {
		if !spectralFile(e) {
			extends = append(extends, e)
			continue
		}
		p := e
		if !filepath.IsAbs(p) {
			p = filepath.Join(c.sec.Dir(), filepath.FromSlash(e))
		}
		rs, err := spectral.Load(p)
		if err != nil {
			return c.sec.Errorf([]any{"extends", i}, "extends: %v", err)
		}
		c.Spectral = append(c.Spectral, rs)
	}
	if len(extends) == 0 && len(c.Spectral) == 0 {
		extends = DefaultExtends
	}
	resolved, err := Resolve(extends)
	if err != nil {
		for i, set := range c.Extends {
			if !slices.Contains(Rulesets, set) && !spectralFile(set) {
				return c.sec.Errorf([]any{"extends", i}, "extends: %v", err)
			}
		}
		return err
	}
	resolved = c.spectralBuiltins(resolved)
	for _, id := range slices.Sorted(maps.Keys(c.Rules)) {
		if !known[id] {
			return c.sec.Errorf([]any{"rules", id}, "rules: unknown rule %q%s (dospec lint --list-rules lists them)", id, suggest.Hint(id, IDs()))
		}
	}
	c.overrides = nil
	for i, o := range c.Overrides {
		if len(o.Files) == 0 {
			return c.sec.Errorf([]any{"overrides", i}, "overrides[%d]: files is required (globs such as resources/legacy/**)", i)
		}
		co := compiledOverride{rules: map[string]Severity{}}
		for _, g := range o.Files {
			co.files = append(co.files, globRegexp(g))
		}
		for _, id := range slices.Sorted(maps.Keys(o.Rules)) {
			if !known[id] {
				return c.sec.Errorf([]any{"overrides", i, "rules", id}, "overrides[%d]: unknown rule %q%s", i, id, suggest.Hint(id, IDs()))
			}
			co.rules[canonicalID(id)] = o.Rules[id]
		}
		c.overrides = append(c.overrides, co)
	}
	c.makePlan(resolved, extends)
	switch c.SnakeCase {
	case "", "compatible", "strict":
	default:
		return c.sec.Errorf([]any{"snake-case", 0}, "snake-case: %q is neither compatible nor strict", c.SnakeCase)
	}
	c.ignores = []compiledIgnore{}
	for i, ig := range c.Ignore {
		if ig.Rule == "" {
			return c.sec.Errorf([]any{"ignore", i}, "ignore[%d]: rule is required (a rule id or *)", i)
		}
		if ig.Rule != "*" && !known[ig.Rule] {
			return c.sec.Errorf([]any{"ignore", i, "rule", 0}, "ignore[%d]: unknown rule %q%s", i, ig.Rule, suggest.Hint(ig.Rule, IDs()))
		}
		if strings.TrimSpace(ig.Reason) == "" {
			return c.sec.Errorf([]any{"ignore", i}, "ignore[%d]: say why in reason", i)
		}
		ci := compiledIgnore{Ignore: ig}
		if ig.Files != "" {
			ci.files = globRegexp(ig.Files)
		}
		c.ignores = append(c.ignores, ci)
	}
	if c.Baseline != "" && c.baseline == nil {
		p := c.Baseline
		if !filepath.IsAbs(p) {
			p = filepath.Join(c.sec.Dir(), p)
		}
		b, err := ReadBaseline(p)
		if err != nil {
			return err
		}
		c.baseline = b
	}
	c.checked = true
	return nil
}

// UseSpectral adds a spectral ruleset (--ruleset, or one found beside the
// spec): its rules run natively, and the spectral:oas rules it extends run
// as dospec's own.
func (c *Config) UseSpectral(rs *spectral.Ruleset) error {
	c.given = append(c.given, rs)
	c.checked = false
	return c.check()
}

// spectralFile tells a spectral ruleset file in extends from a ruleset name.
func spectralFile(e string) bool {
	return strings.ContainsAny(e, "/\\") || strings.HasSuffix(e, ".yml") || strings.HasSuffix(e, ".yaml") || strings.HasSuffix(e, ".json") || strings.HasSuffix(e, ".js") || strings.HasSuffix(e, ".mjs")
}

// spectralBuiltins adds the spectral:oas rules the spectral rulesets
// enable, as dospec's own rule of that id at spectral's severity (one
// dospec lacks is noted once), and parser and invalid-ref, which spectral
// always runs.
func (c *Config) spectralBuiltins(resolved []*Rule) []*Rule {
	byID := map[string]int{}
	for i, r := range resolved {
		byID[r.ID] = i
	}
	if len(c.Spectral) > 0 {
		// spectral reports what its parser and $ref resolver find
		// whatever the ruleset, as errors.
		for _, id := range []string{parserRule.ID, invalidRef.ID} {
			if _, ok := byID[id]; !ok {
				byID[id] = len(resolved)
				resolved = append(resolved, Lookup(id))
			}
		}
	}
	for _, rs := range c.Spectral {
		c.Notes = append(c.Notes, rs.Unsupported...)
		for _, name := range slices.Sorted(maps.Keys(rs.Builtin)) {
			sev := rs.Builtin[name]
			id := canonicalID(name)
			r := Lookup(id)
			if r == nil {
				if sev != spectral.Off {
					c.Notes = append(c.Notes, spectral.Note{Pos: spec.Pos{File: rs.File}, Msg: fmt.Sprintf("spectral:oas rule %s has no dospec implementation yet: left out", name)})
				}
				continue
			}
			rr := *r
			rr.Severity = fromSpectral(sev)
			if i, ok := byID[id]; ok {
				resolved[i] = &rr
			} else {
				byID[id] = len(resolved)
				resolved = append(resolved, &rr)
			}
		}
	}
	return resolved
}

// fromSpectral maps spectral's 0-3 (and -1, off) to a Severity.
func fromSpectral(sev int) Severity {
	switch sev {
	case spectral.Error:
		return Error
	case spectral.Warning:
		return Warning
	case spectral.Info:
		return Info
	case spectral.Hint:
		return Hint
	}
	return Off
}

// canonicalID maps a spectral alias to the dospec id.
func canonicalID(id string) string {
	if to, ok := spectralAliases[id]; ok {
		return to
	}
	return id
}

// makePlan decides which rules run and their severity outside overrides:
// the resolved rulesets, then rules' severities, then rules an override
// turns on for some files only (run everywhere, kept where it applies).
func (c *Config) makePlan(resolved []*Rule, extends []string) {
	c.global = map[string]Severity{}
	byID := map[string]*Rule{}
	for _, r := range resolved {
		byID[r.ID] = r
		c.global[r.ID] = r.Severity
	}
	variant := func(id string) *Rule {
		if r := byID[id]; r != nil {
			return r
		}
		vs := Variants(id)
		for i := len(extends) - 1; i >= 0; i-- {
			for _, v := range vs {
				if slices.Contains(sets[v], extends[i]) {
					return v
				}
			}
		}
		return Lookup(id)
	}
	for id, sev := range c.Rules {
		id = canonicalID(id)
		byID[id] = variant(id)
		c.global[id] = sev
	}
	for _, o := range c.overrides {
		for id, sev := range o.rules {
			if sev != Off && byID[id] == nil {
				byID[id] = variant(id)
				c.global[id] = Off
			}
		}
	}
	c.plan = nil
	for _, id := range IDs() {
		r := byID[id]
		if r == nil {
			continue
		}
		run := c.global[id]
		if run == Off {
			if !c.overridden(id) {
				continue
			}
			run = r.Severity
		}
		rr := *r
		rr.Severity = run
		c.plan = append(c.plan, &rr)
	}
}

// overridden reports whether some override turns rule id on.
func (c *Config) overridden(id string) bool {
	for _, o := range c.overrides {
		if sev, ok := o.rules[id]; ok && sev != Off {
			return true
		}
	}
	return false
}

// severityAt is rule id's severity in file: the global one, or that of
// the last override whose globs match the file.
func (c *Config) severityAt(id, file string, current Severity) Severity {
	sev, ok := c.global[id]
	if !ok {
		sev = current // a spectral ruleset's own rule
	}
	for _, o := range c.overrides {
		s, ok := o.rules[id]
		if !ok {
			continue
		}
		for _, re := range o.files {
			if re.MatchString(file) {
				sev = s
				break
			}
		}
	}
	return sev
}

// globRegexp turns a file glob into a regexp: ** crosses folders, * and ?
// do not.
func globRegexp(glob string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("^")
	for i := 0; i < len(glob); i++ {
		switch c := glob[i]; c {
		case '*':
			if i+1 < len(glob) && glob[i+1] == '*' {
				b.WriteString(".*")
				i++
				if i+1 < len(glob) && glob[i+1] == '/' {
					i++
					b.WriteString("/?")
				}
			} else {
				b.WriteString("[^/]*")
			}
		case '?':
			b.WriteString("[^/]")
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString("$")
	return regexp.MustCompile(b.String())
}

// filter drops findings suppressed inline, by config or by the baseline.
func (c *Config) filter(s *spec.Spec, in []Finding) (kept []Finding, suppressed int) {
	for _, f := range in {
		if c.ignored(f) || inlineIgnored(s, f) || c.baseline[baselineKey(f)] {
			suppressed++
			continue
		}
		kept = append(kept, f)
	}
	return kept, suppressed
}

func (c *Config) ignored(f Finding) bool {
	for _, ig := range c.ignores {
		if ig.Rule != "*" && ig.Rule != f.Rule {
			continue
		}
		if ig.files != nil && !ig.files.MatchString(f.Pos.File) {
			continue
		}
		if ig.Path != "" && !strings.HasPrefix(f.JSONPath, ig.Path) {
			continue
		}
		return true
	}
	return false
}

var inlineIgnore = regexp.MustCompile(`#\s*dospec:ignore\s+([A-Za-z0-9_,*$-]+)`)

// inlineIgnored looks for `# dospec:ignore rule-id reason` on the finding's
// line, or alone on the line above it.
func inlineIgnored(s *spec.Spec, f Finding) bool {
	file := s.Files[f.Pos.File]
	if file == nil || f.Pos.Line == 0 {
		return false
	}
	check := func(line string) bool {
		m := inlineIgnore.FindStringSubmatch(line)
		if m == nil {
			return false
		}
		for _, id := range strings.Split(m[1], ",") {
			if id == f.Rule || id == "*" {
				return true
			}
		}
		return false
	}
	line := file.Line(f.Pos.Line)
	if strings.Contains(line, "dospec:ignore") && check(line) {
		return true
	}
	above := strings.TrimSpace(file.Line(f.Pos.Line - 1))
	return strings.HasPrefix(above, "#") && check(above)
}

// Baseline entries leave out line numbers: editing a file above an old
// finding must not bring it back.
type baselineEntry struct {
	Rule     string `json:"rule"`
	File     string `json:"file"`
	JSONPath string `json:"jsonPath"`
	Message  string `json:"message"`
}

func baselineKey(f Finding) string {
	return f.Rule + "\x00" + f.Pos.File + "\x00" + f.JSONPath + "\x00" + f.Message
}

// WriteBaseline writes the findings as a baseline file.
func WriteBaseline(w io.Writer, fs []Finding) error {
	entries := make([]baselineEntry, 0, len(fs))
	for _, f := range fs {
		entries = append(entries, baselineEntry{f.Rule, f.Pos.File, f.JSONPath, f.Message})
	}
	sort.Slice(entries, func(i, j int) bool {
		a, b := entries[i], entries[j]
		return a.File+a.JSONPath+a.Rule+a.Message < b.File+b.JSONPath+b.Rule+b.Message
	})
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(struct {
		Version  int             `json:"version"`
		Findings []baselineEntry `json:"findings"`
	}{1, entries})
}

// ReadBaseline reads a baseline file into its finding keys.
func ReadBaseline(path string) (map[string]bool, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	var b struct {
		Version  int             `json:"version"`
		Findings []baselineEntry `json:"findings"`
	}
	if err := json.Unmarshal(data, &b); err != nil {
		return nil, fmt.Errorf("baseline %s: %v", path, err)
	}
	out := make(map[string]bool, len(b.Findings))
	for _, e := range b.Findings {
		out[e.Rule+"\x00"+e.File+"\x00"+e.JSONPath+"\x00"+e.Message] = true
	}
	return out, nil
}
