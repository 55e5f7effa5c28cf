package lint

import (
	"encoding/json"
	"fmt"
	"io"
	"path"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/dospec/dospec/internal/annotate"
	"github.com/dospec/dospec/lint/spectral"
)

// Formats lists the output formats Write knows.
var Formats = []string{"text", "json", "sarif", "github"}

// Output controls how findings are written.
type Output struct {
	Format string
	Color  bool // ANSI colours, for a terminal (text only)
	// FileBase is put before each file path for formats read by tools
	// that resolve paths from the repository root (github, sarif): the
	// spec root's folder as seen from there.
	FileBase string
	Quiet    bool   // text: no summary
	Version  string // dospec's, for SARIF's tool.driver.version
}

// Write writes res in the chosen format.
func Write(w io.Writer, res *Result, o Output) error {
	switch o.Format {
	case "", "text":
		return writeText(w, res, o)
	case "json":
		return writeJSON(w, res)
	case "sarif":
		return writeSARIF(w, res, o)
	case "github":
		return writeGitHub(w, res, o)
	}
	return fmt.Errorf("unknown format %q (want %s)", o.Format, strings.Join(Formats, ", "))
}

// count is "1 error", "2 errors".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

var colors = map[Severity]string{Error: "\x1b[31m", Warning: "\x1b[33m", Info: "\x1b[36m", Hint: "\x1b[2m"}

const reset = "\x1b[0m"

func writeText(w io.Writer, res *Result, o Output) error {
	for _, f := range res.Findings {
		sev := f.Severity.String()
		if o.Color {
			sev = colors[f.Severity] + sev + reset
		}
		if _, err := fmt.Fprintf(w, "%s: %s: %s (%s)\n", f.Pos, sev, f.Message, f.Rule); err != nil {
			return err
		}
		if len(f.Operations) > 1 {
			fmt.Fprintf(w, "    reached by %d operations: %s\n", len(f.Operations), list(f.Operations, 4))
		}
	}
	if o.Quiet {
		return nil
	}
	c := Counts(res.Findings)
	if len(res.Findings) == 0 {
		fmt.Fprintf(w, "no problems")
	} else {
		fmt.Fprintf(w, "%s (%s, %s, %d info, %s)", count(len(res.Findings), "problem"),
			count(c[Error], "error"), count(c[Warning], "warning"), c[Info], count(c[Hint], "hint"))
	}
	if res.Suppressed > 0 {
		fmt.Fprintf(w, ", %d suppressed", res.Suppressed)
	}
	if res.Hidden > 0 {
		fmt.Fprintf(w, ", %d below %s not shown", res.Hidden, res.HiddenBelow)
	}
	fmt.Fprintln(w)
	byRule := map[string]int{}
	sev := map[string]Severity{}
	for _, f := range res.Findings {
		byRule[f.Rule]++
		sev[f.Rule] = f.Severity
	}
	ids := sortedKeys(byRule)
	sort.SliceStable(ids, func(i, j int) bool { return sev[ids[i]] > sev[ids[j]] })
	for _, id := range ids {
		fmt.Fprintf(w, "  %5d  %-8s %s\n", byRule[id], sev[id], id)
	}
	return nil
}

func list(s []string, max int) string {
	if len(s) <= max {
		return strings.Join(s, ", ")
	}
	return fmt.Sprintf("%s, … (%d more)", strings.Join(s[:max], ", "), len(s)-max)
}

// JSON output: a stable, documented schema (version 1).
type jsonReport struct {
	Version    int            `json:"version"`
	Findings   []Finding      `json:"findings"`
	Counts     map[string]int `json:"counts"`
	Suppressed int            `json:"suppressed"`
}

func writeJSON(w io.Writer, res *Result) error {
	r := jsonReport{Version: 1, Findings: res.Findings, Counts: map[string]int{}, Suppressed: res.Suppressed}
	if r.Findings == nil {
		r.Findings = []Finding{}
	}
	// Every level is listed, zeros too: a consumer reads counts.error
	// without checking that it is there.
	c := Counts(res.Findings)
	for _, s := range []Severity{Error, Warning, Info, Hint} {
		r.Counts[s.String()] = c[s]
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

func joinFile(base, file string) string {
	if base == "" || base == "." {
		return file
	}
	return path.Join(base, file)
}

func sarifLevel(s Severity) string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return "note"
}

func writeSARIF(w io.Writer, res *Result, o Output) error {
	type region struct {
		StartLine   int `json:"startLine,omitempty"`
		StartColumn int `json:"startColumn,omitempty"`
	}
	type location struct {
		PhysicalLocation struct {
			ArtifactLocation struct {
				URI       string `json:"uri"`
				URIBaseID string `json:"uriBaseId"`
			} `json:"artifactLocation"`
			Region *region `json:"region,omitempty"`
		} `json:"physicalLocation"`
	}
	type message struct {
		Text string `json:"text"`
	}
	type result struct {
		RuleID    string     `json:"ruleId"`
		Level     string     `json:"level"`
		Message   message    `json:"message"`
		Locations []location `json:"locations"`
	}
	type rule struct {
		ID               string  `json:"id"`
		ShortDescription message `json:"shortDescription"`
		FullDescription  message `json:"fullDescription"`
		Help             message `json:"help"`
		Default          struct {
			Level string `json:"level"`
		} `json:"defaultConfiguration"`
	}
	var rules []rule
	for _, id := range IDs() {
		r := Lookup(id)
		var sr rule
		sr.ID = r.ID
		sr.ShortDescription.Text = r.Title
		sr.FullDescription.Text = r.Doc
		sr.Help.Text = Explain(id)
		sr.Default.Level = sarifLevel(r.Severity)
		rules = append(rules, sr)
	}
	results := []result{}
	for _, f := range res.Findings {
		var loc location
		loc.PhysicalLocation.ArtifactLocation.URI = joinFile(o.FileBase, f.Pos.File)
		loc.PhysicalLocation.ArtifactLocation.URIBaseID = "SRCROOT"
		if f.Pos.Line > 0 {
			loc.PhysicalLocation.Region = &region{StartLine: f.Pos.Line, StartColumn: f.Pos.Col}
		}
		msg := f.Message
		if len(f.Operations) > 1 {
			msg += fmt.Sprintf(" (reached by %d operations: %s)", len(f.Operations), list(f.Operations, 4))
		}
		results = append(results, result{RuleID: f.Rule, Level: sarifLevel(f.Severity), Message: message{msg}, Locations: []location{loc}})
	}
	doc := map[string]any{
		"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
		"version": "2.1.0",
		"runs": []any{map[string]any{
			"tool": map[string]any{"driver": map[string]any{
				"name":           "dospec",
				"version":        cmpOr(o.Version, "(devel)"),
				"informationUri": "https://github.com/dospec/dospec",
				"rules":          rules,
			}},
			// Paths are relative to the folder dospec ran in (the
			// repository's root in CI), which SARIF calls a base id.
			"originalUriBaseIds": map[string]any{"SRCROOT": map[string]any{
				"description": map[string]any{"text": "the working directory dospec lint ran in"},
			}},
			"results": results,
		}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func writeGitHub(w io.Writer, res *Result, o Output) error {
	for _, f := range res.Findings {
		level := "notice"
		switch f.Severity {
		case Error:
			level = "error"
		case Warning:
			level = "warning"
		}
		msg := f.Message
		if len(f.Operations) > 1 {
			msg += fmt.Sprintf(" (reached by %d operations: %s)", len(f.Operations), list(f.Operations, 4))
		}
		a := annotate.Annotation{Level: level, File: joinFile(o.FileBase, f.Pos.File), Line: f.Pos.Line, Col: f.Pos.Col, Title: f.Rule, Text: msg}
		if err := annotate.Write(w, a); err != nil {
			return err
		}
	}
	return nil
}

// WriteRules lists every rule for --list-rules: a table (text) or JSON
// ({"version":1,"rules":[{id, severity, title, doc, bad, good}]}).
func WriteRules(w io.Writer, format string, extra ...*spectral.Ruleset) error {
	switch format {
	case "", "text":
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "RULE\tSEVERITY\tRULESETS\tWHAT IT CHECKS")
		for _, r := range Rules() {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Severity, SetsText(r), r.Title)
		}
		for _, rs := range extra {
			for _, r := range rs.Rules {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.Name, fromSpectral(r.Severity), rs.File, r.Description)
			}
		}
		return tw.Flush()
	case "json":
		type rule struct {
			ID       string   `json:"id"`
			Severity Severity `json:"severity"`
			Rulesets []string `json:"rulesets"`
			Title    string   `json:"title"`
			Doc      string   `json:"doc"`
			Bad      string   `json:"bad"`
			Good     string   `json:"good"`
		}
		list := struct {
			Version int    `json:"version"`
			Rules   []rule `json:"rules"`
		}{Version: 1}
		for _, r := range Rules() {
			list.Rules = append(list.Rules, rule{r.ID, r.Severity, append(slices.Clone(RuleSets(r)), All), r.Title, r.Doc, r.Bad, r.Good})
		}
		for _, rs := range extra {
			for _, r := range rs.Rules {
				list.Rules = append(list.Rules, rule{ID: r.Name, Severity: fromSpectral(r.Severity), Rulesets: []string{rs.File}, Title: r.Description, Doc: r.Description})
			}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(list)
	}
	return fmt.Errorf("--list-rules: format %q: want text or json", format)
}

// SetsText names the rulesets that enable r, for --list-rules and README.
func SetsText(r *Rule) string {
	if len(RuleSets(r)) == 0 {
		return "all (opt-in)"
	}
	return strings.Join(RuleSets(r), ", ")
}

// Explain renders the documentation of every rule registered as id (two
// rulesets may define one id) for --explain.
func Explain(id string) string {
	var parts []string
	for _, r := range Variants(id) {
		parts = append(parts, explainOne(r))
	}
	return strings.Join(parts, "\n----\n\n")
}

func explainOne(r *Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s by default)\n\n%s\n\n%s\n", r.ID, r.Severity, r.Title, r.Doc)
	switch sets := RuleSets(r); len(sets) {
	case 0:
		fmt.Fprintf(&b, "\nIn no ruleset but all: turn it on with extends: [all] or a severity under rules.\n")
	default:
		all := " and all"
		if Lookup(r.ID) != r {
			all = "; all takes the other meaning of the id"
		}
		fmt.Fprintf(&b, "\nEnabled by the rulesets: %s%s.\n", strings.Join(sets, ", "), all)
	}
	if r.Bad != "" {
		fmt.Fprintf(&b, "\nBad:\n%s\n", indent(r.Bad))
	}
	if r.Good != "" {
		fmt.Fprintf(&b, "\nGood:\n%s\n", indent(r.Good))
	}
	fmt.Fprintf(&b, "\nTurn it off or change its severity in .dospec.yaml:\n\n    lint:\n      rules:\n        %s: off\n\nor on one line: # dospec:ignore %s <reason>\n", r.ID, r.ID)
	return b.String()
}

func indent(s string) string {
	return "    " + strings.ReplaceAll(s, "\n", "\n    ")
}
