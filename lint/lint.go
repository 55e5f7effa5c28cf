// Package lint checks a loaded spec against a registry of rules and reports
// findings at the place in the source files where the offending node is
// written.
//
// A rule is a value (Rule): id, title, documentation with a bad and a good
// example, default severity and a check. The check gets a Pass and reports
// through it; the package never prints.
package lint

import (
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"

	yaml "github.com/pb33f/go-yaml"

	"github.com/dospec/dospec/internal/suggest"
	"github.com/dospec/dospec/lint/spectral"
	"github.com/dospec/dospec/spec"
)

// Severity orders findings; Off disables a rule.
type Severity int

const (
	Off Severity = iota
	Hint
	Info
	Warning
	Error
)

var severityNames = map[Severity]string{Off: "off", Hint: "hint", Info: "info", Warning: "warning", Error: "error"}

func (s Severity) String() string { return severityNames[s] }

// MarshalText writes the severity's name (JSON, config).
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity name; "warn" is accepted for spectral users.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// SeverityNames are the names ParseSeverity takes, aliases last: none
// (off, as --fail-on spells it), information and warn (spectral's). Case
// does not matter.
var SeverityNames = []string{"error", "warning", "info", "hint", "off", "none", "information", "warn"}

// ParseSeverity reads a severity's name or one of its aliases (SeverityNames).
func ParseSeverity(name string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "off", "none":
		return Off, nil
	case "hint":
		return Hint, nil
	case "info", "information":
		return Info, nil
	case "warning", "warn":
		return Warning, nil
	case "error":
		return Error, nil
	}
	return Off, fmt.Errorf("unknown severity %q%s (want error, warning, info, hint or off)", name, suggest.Hint(name, SeverityNames[:5]))
}

// Rule is one check.
type Rule struct {
	ID       string // kebab-case; spectral's id where DO or spectral has the rule
	Title    string // one line
	Doc      string // what and why, a paragraph
	Bad      string // a YAML snippet that breaks the rule
	Good     string // the same snippet fixed
	Severity Severity
	Check    func(p *Pass)
}

// Finding is one problem, at its source.
type Finding struct {
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	Pos      spec.Pos `json:"pos"`
	JSONPath string   `json:"jsonPath,omitempty"`
	// Operations lists the operations whose content holds the offending
	// node, when it is shared ("GET /v2/droplets").
	Operations []string `json:"operations,omitempty"`
}

// Pass is what a rule's check works with.
type Pass struct {
	Spec   *spec.Spec
	Index  *spec.Index
	Config *Config
	rule   *Rule
	out    *[]Finding
	cache  *cache // shared by the rules of one run
}

// cache holds what several rules derive from the document.
type cache struct {
	texts     []text
	textsDone bool
	uses      []scopeUse
	usesDone  bool
}

// Report records a finding at node n (written in v's file, or v's own node
// when n is nil), under v's JSON path and operations.
func (p *Pass) Report(v *spec.Visit, n *yaml.Node, format string, args ...any) {
	file, reach := v.Node.File, v
	if n == nil || n == v.Node.Node {
		n = v.Node.Node
		// An object written in place is reported at its key (`get:`), as
		// spectral reports it; one a $ref brought, where it is written.
		switch {
		case v.Ref == nil && v.Key != nil && v.Parent != nil && n.Kind == yaml.MappingNode && v.Parent.Node.File == v.Node.File:
			n = v.Key
		case v.Ref != nil && n.Kind == yaml.MappingNode:
			if k := p.Spec.KeyOf(v.Ref); k != nil {
				n = k // the key it is written under in its own file
			}
		}
	} else if n == v.Key && v.Parent != nil {
		// v's key is written in its parent's mapping, which is in another
		// file than v's object when v is a $ref to one; the operations that
		// reach that mapping are the ones that reach the key.
		file, reach = v.Parent.Node.File, v.Parent
	}
	p.ReportAt(file.Pos(n), v.JSONPath(), p.Index.OperationsReaching(reach), format, args...)
}

// ReportAt records a finding at an explicit place.
func (p *Pass) ReportAt(pos spec.Pos, jsonPath string, ops []*spec.Operation, format string, args ...any) {
	f := Finding{
		Rule:     p.rule.ID,
		Severity: p.rule.Severity,
		Message:  fmt.Sprintf(format, args...),
		Pos:      pos,
		JSONPath: jsonPath,
	}
	for _, op := range ops {
		f.Operations = append(f.Operations, op.String())
	}
	*p.out = append(*p.out, f)
}

// Result is what Run found.
type Result struct {
	Findings   []Finding
	Suppressed int // by inline comments, config ignores or the baseline
	// Hidden counts findings below HiddenBelow that a report leaves out
	// (the CLI's --display); the text summary says so.
	Hidden      int
	HiddenBelow Severity
	// Notes say, once each, what a spectral ruleset asks for that dospec
	// does not do (file:line: what).
	Notes []string
}

// Run checks s with every rule the config leaves on.
func Run(s *spec.Spec, cfg *Config) (*Result, error) {
	if cfg == nil {
		cfg = &Config{}
	}
	if err := cfg.check(); err != nil {
		return nil, err
	}
	idx := s.Index()
	shared := &cache{}
	// What several rules derive is computed once, before the rules run in
	// parallel; after that every rule only reads shared data and writes
	// its own findings.
	warm := &Pass{Spec: s, Index: idx, Config: cfg, rule: &Rule{}, out: new([]Finding), cache: shared}
	warm.texts()
	warm.scopeUses()
	rules := cfg.plan
	outs := make([][]Finding, len(rules))
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				rules[i].Check(&Pass{Spec: s, Index: idx, Config: cfg, rule: rules[i], out: &outs[i], cache: shared})
			}
		})
	}
	for i := range rules {
		next <- i
	}
	close(next)
	wg.Wait()
	var all []Finding
	for _, o := range outs {
		all = append(all, o...)
	}
	for _, rs := range cfg.Spectral {
		results, notes, err := spectral.Run(s, rs)
		if err != nil {
			return nil, err
		}
		cfg.Notes = append(cfg.Notes, notes...)
		for _, r := range results {
			if sev, ok := cfg.Rules[r.Rule]; ok {
				if sev == Off {
					continue
				}
				r.Severity = int(Error - sev) // Error..Hint is 4..1; spectral's 0..3
			}
			all = append(all, Finding{Rule: r.Rule, Severity: fromSpectral(r.Severity), Message: r.Message, Pos: r.Pos, JSONPath: "$" + jsonPath(r.Path)})
		}
	}
	all = cfg.applyOverrides(merge(all))
	kept, suppressed := cfg.filter(s, all)
	res := &Result{Findings: kept, Suppressed: suppressed}
	for _, n := range cfg.Notes {
		res.Notes = append(res.Notes, n.String())
	}
	return res, nil
}

func jsonPath(p []string) string {
	var b strings.Builder
	for _, s := range p {
		b.WriteString(spec.PathSegment(s, false))
	}
	return b.String()
}

// applyOverrides gives each finding its file's severity, dropping those
// an override turns off (or that run only for other files).
func (c *Config) applyOverrides(in []Finding) []Finding {
	if len(c.overrides) == 0 {
		return in
	}
	out := in[:0]
	for _, f := range in {
		if sev := c.severityAt(f.Rule, f.Pos.File, f.Severity); sev != Off {
			f.Severity = sev
			out = append(out, f)
		}
	}
	return out
}

// merge folds findings at the same place with the same message (a shared
// node met under many operations) into one, with every operation listed.
func merge(in []Finding) []Finding {
	type key struct {
		rule, msg string
		pos       spec.Pos
	}
	byKey := map[key]int{}
	var out []Finding
	for _, f := range in {
		k := key{f.Rule, f.Message, f.Pos}
		if i, ok := byKey[k]; ok {
			out[i].Operations = append(out[i].Operations, f.Operations...)
			continue
		}
		byKey[k] = len(out)
		out = append(out, f)
	}
	for i := range out {
		out[i].Operations = uniqueSorted(out[i].Operations)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Pos != b.Pos {
			return a.Pos.Before(b.Pos)
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Message < b.Message
	})
	return out
}

func uniqueSorted(s []string) []string {
	if len(s) < 2 {
		return s
	}
	sort.Strings(s)
	out := s[:1]
	for _, v := range s[1:] {
		if v != out[len(out)-1] {
			out = append(out, v)
		}
	}
	return out
}

// Counts tallies findings by severity.
func Counts(fs []Finding) map[Severity]int {
	c := map[Severity]int{}
	for _, f := range fs {
		c[f.Severity]++
	}
	return c
}

// AtOrAbove reports whether any finding is at least sev.
func AtOrAbove(fs []Finding, sev Severity) bool {
	for _, f := range fs {
		if f.Severity >= sev {
			return true
		}
	}
	return false
}
