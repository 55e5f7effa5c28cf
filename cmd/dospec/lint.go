package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dospec/dospec/internal/atomicfile"
	"github.com/dospec/dospec/internal/suggest"
	"github.com/dospec/dospec/lint"
	"github.com/dospec/dospec/lint/spectral"
	"github.com/dospec/dospec/spec"
)

// lintOptions is everything `dospec lint` takes; tests fill it directly.
type lintOptions struct {
	Roots         []string
	Format        string
	FailOn        string
	Config        string
	Output        string
	ListRules     bool
	Explain       string
	WriteBaseline string
	AllowExternal bool
	MaxFileSize   int64
	Quiet         bool
	// Display is the least severe finding shown ("" : every finding in
	// text and json, warnings and above in github and sarif; "failures":
	// those at or above --fail-on). Only what is shown counts for --fail-on.
	Display      string
	OnlyFailures bool // spectral's -D, --display-only-failures
	NewFromRev   string
	Ruleset      string // a spectral ruleset (default: .spectral.yml found from the root's folder up)
}

func newLintCmd(s *streams) *cobra.Command {
	o := &lintOptions{}
	cmd := &cobra.Command{
		Use:   "lint ROOT...",
		Short: "Check a spec against DigitalOcean's ruleset, tag, scope and description rules",
		Long: `Lint reads ROOT (a multi-file root or a bundled file) and every file its
$refs reach, and checks it with every rule (dospec lint --list-rules). A
finding points at the source file and line where the offending node is
written, relative to ROOT's folder:

  resources/droplets/droplets_list.yml:41:3: error: response 200 lacks header ratelimit-reset (ratelimit-headers)

A node in a shared file (a parameter, a schema) is reported once, with the
operations that reach it. Several roots are linted one after the other,
each with the .dospec.yaml found from its folder (or --config), and
summed up in one report; their findings name files from the working
directory.

Configuration comes from .dospec.yaml, found by walking up from ROOT's folder
(or --config):

  lint:
    rules:
      property-description: off        # or error, warning, info, hint
    ignore:
      - rule: security-scopes-present
        files: "resources/inference/**"
        reason: inference endpoints take agent keys, not scoped tokens
    baseline: .dospec-baseline.json      # from --write-baseline
    snake-case: strict
    scopes:
      actions: [read, create, update, delete, admin]

A finding can also be silenced on its line (or the line above) with a YAML
comment: # dospec:ignore rule-id reason

Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it,
2 usage, 3 the spec could not be read.`,
		Example: `  dospec lint specification/DigitalOcean-public.v2.yaml
  dospec lint bundled.yaml --format json
  dospec lint spec/root.yaml --format github --fail-on warning    # GitHub Actions
  dospec lint spec/root.yaml --format sarif -o lint.sarif         # code scanning
  dospec lint spec/root.yaml --write-baseline .dospec-baseline.json
  dospec lint --list-rules
  dospec lint --explain operation-tags`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Roots = args
			return runLint(cmd.Context(), o, s)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.Format, "format", "f", "text", "output format: "+strings.Join(lint.Formats, ", ")+" (--list-rules: text or json)")
	f.StringVar(&o.FailOn, "fail-on", "error", "exit 1 when a finding is at least this severe: error, warning (or warn), info (or information), hint, or none; case ignored")
	f.StringVar(&o.Config, "config", "", "configuration `FILE` (default: .dospec.yaml found from ROOT's folder upwards)")
	f.StringVarP(&o.Output, "output", "o", "-", "write the report to `FILE` (- for standard output)")
	f.BoolVar(&o.ListRules, "list-rules", false, "list every rule with its default severity and exit")
	f.StringVar(&o.Explain, "explain", "", "explain rule `ID` with a bad and a good example, and exit")
	f.StringVar(&o.WriteBaseline, "write-baseline", "", "record the current findings in `FILE` so later runs report only new ones")
	f.BoolVar(&o.AllowExternal, "allow-external", false, "allow $refs outside the root's folder, absolute paths and http(s) URLs")
	f.Int64Var(&o.MaxFileSize, "max-file-size", spec.DefaultMaxFileSize, "refuse spec files larger than this many `bytes`")
	f.BoolVarP(&o.Quiet, "quiet", "q", false, "no summary, only findings")
	f.StringVar(&o.Display, "display", "", "show findings at or above `LEVEL` (error, warning, info, hint, all, or failures: at or above --fail-on); default all in text and json, warning in github and sarif, which GitHub truncates")
	f.BoolVarP(&o.OnlyFailures, "display-only-failures", "D", false, "show only the findings at or above --fail-on (spectral's -D; same as --display failures)")
	f.StringVarP(&o.Ruleset, "ruleset", "r", "", "run the spectral ruleset `FILE` (default: a .spectral.yml, .spectral.yaml or .spectral.json found from ROOT's folder upwards, unless .dospec.yaml's lint.extends decides)")
	f.StringVar(&o.NewFromRev, "new-from-rev", "", "report only findings on lines changed since git revision `REV` (adopt a rule without a baseline)")
	completeFlag(cmd, "format", fixedValues(lint.Formats...))
	completeFlag(cmd, "fail-on", fixedValues(lintFailOn...))
	completeFlag(cmd, "explain", fixedValues(lint.IDs()...))
	return cmd
}

// lintFailOn are --fail-on's values; ParseSeverity also takes the aliases
// lint.SeverityNames lists (warn, information), documented in the help.
var lintFailOn = []string{"error", "warning", "info", "hint", "none"}

// parseLintFailOn reads --fail-on: a severity (case ignored, aliases
// taken) or none. off is refused: it reads as "never fail" but is no
// severity a finding has.
func parseLintFailOn(v string) (lint.Severity, error) {
	if strings.EqualFold(v, "none") {
		return lint.Off, nil
	}
	sev, err := lint.ParseSeverity(v)
	if err != nil || sev == lint.Off {
		return lint.Off, usageError("--fail-on %q%s: want error, warning (or warn), info, hint or none", v, suggest.Hint(v, lintFailOn))
	}
	return sev, nil
}

func runLint(ctx context.Context, o *lintOptions, s *streams) error {
	if o.ListRules {
		format, err := oneOf("format", o.Format, []string{"text", "json"})
		if err != nil {
			return err
		}
		// A ruleset named with --ruleset is listed after dospec's own.
		var extra []*spectral.Ruleset
		if o.Ruleset != "" {
			rs, err := spectral.Load(o.Ruleset)
			if err != nil {
				return usageError("%v", err)
			}
			extra = append(extra, rs)
		}
		return lint.WriteRules(s.Out, format, extra...)
	}
	if o.Explain != "" {
		r := lint.Lookup(o.Explain)
		if r == nil {
			return usageError("no rule %q%s (dospec lint --list-rules lists them)", o.Explain, suggest.Hint(o.Explain, lint.IDs()))
		}
		fmt.Fprint(s.Out, lint.Explain(r.ID))
		return nil
	}
	if len(o.Roots) == 0 {
		return usageError("lint needs the root file of the spec\nUsage: dospec lint ROOT... [flags]")
	}
	format, err := oneOf("format", o.Format, lint.Formats)
	if err != nil {
		return err
	}
	failOn, err := parseLintFailOn(o.FailOn)
	if err != nil {
		return err
	}
	if o.WriteBaseline != "" && len(o.Roots) > 1 {
		return usageError("--write-baseline takes one ROOT: a baseline names files relative to its spec")
	}
	display, err := displayLevel(o, format, failOn)
	if err != nil {
		return err
	}
	res := &lint.Result{}
	var src sources
	for _, root := range o.Roots {
		r, err := lintRoot(ctx, o, root, &src)
		if err != nil {
			return err
		}
		if o.WriteBaseline != "" {
			// A baseline names files as the spec does, relative to its root.
			if err := refuseSource(o.WriteBaseline, src); err != nil {
				return usageError("%v", err)
			}
			if err := atomicfile.Write(o.WriteBaseline, 0o644, func(w io.Writer) error {
				return lint.WriteBaseline(w, r.Findings)
			}); err != nil {
				return failed(err)
			}
			fmt.Fprintf(s.Err, "wrote %d findings to %s\n", len(r.Findings), o.WriteBaseline)
			return nil
		}
		if o.NewFromRev != "" {
			if r.Findings, err = onChangedLines(root, o.NewFromRev, r.Findings); err != nil {
				return err
			}
		}
		// Files are named from the working directory in every format, so
		// editors and GitHub find them (and two roots' files stay apart).
		base := fileBase(root)
		for i := range r.Findings {
			r.Findings[i].Pos.File = path.Join(base, r.Findings[i].Pos.File)
		}
		res.Findings = append(res.Findings, r.Findings...)
		res.Suppressed += r.Suppressed
		for _, n := range r.Notes {
			fmt.Fprintf(s.Err, "dospec: ruleset: %s\n", n)
		}
	}
	res.Hidden, res.HiddenBelow = 0, display
	shown := res.Findings[:0:0]
	for _, f := range res.Findings {
		if f.Severity >= display {
			shown = append(shown, f)
		} else {
			res.Hidden++
		}
	}
	res.Findings = shown
	toStdout := o.Output == "" || o.Output == "-"
	out := lint.Output{Format: format, Quiet: o.Quiet, Version: readBuild().Version}
	out.Color = toStdout && format == "text" && colorful(s.Out)
	var buf bytes.Buffer
	if err := lint.Write(&buf, res, out); err != nil {
		return failed(err)
	}
	if err := writeReport(s, o.Output, buf.Bytes(), src); err != nil {
		return err
	}
	if res.Hidden > 0 && (format == "github" || format == "sarif") && !o.Quiet {
		fmt.Fprintf(s.Err, "dospec: %d findings below %s left out of the %s report (--display all shows them)\n", res.Hidden, display, format)
	}
	if failOn != lint.Off && lint.AtOrAbove(res.Findings, failOn) {
		return &exitError{code: exitFindings}
	}
	return nil
}

// displayLevel is the least severe finding to show.
func displayLevel(o *lintOptions, format string, failOn lint.Severity) (lint.Severity, error) {
	d := o.Display
	if o.OnlyFailures {
		if d != "" && d != "failures" {
			return 0, usageError("-D and --display %s say different things: give one", d)
		}
		d = "failures"
	}
	switch strings.ToLower(d) {
	case "":
		if format == "github" || format == "sarif" {
			// GitHub shows about ten annotations of a kind; hints and
			// notes would push the errors out.
			return lint.Warning, nil
		}
		return lint.Hint, nil
	case "all":
		return lint.Hint, nil
	case "failures":
		if failOn == lint.Off {
			return lint.Hint, nil
		}
		return failOn, nil
	}
	sev, err := lint.ParseSeverity(d)
	if err != nil || sev == lint.Off {
		return 0, usageError("--display %q: want all, failures, error, warning, info or hint", d)
	}
	return sev, nil
}

// lintRoot lints one root with its configuration and adds the files it
// read to src.
func lintRoot(ctx context.Context, o *lintOptions, root string, src *sources) (*lint.Result, error) {
	cfgFile, cfgPath, err := loadConfig(o.Config, root)
	if err != nil {
		return nil, err
	}
	cfg, err := lint.NewConfig(cfgFile)
	if err != nil {
		return nil, usageError("%v", err)
	}
	if o.WriteBaseline != "" {
		cfg.Baseline = "" // record everything, including what an old baseline hides
	}
	rulesetPath := o.Ruleset
	if rulesetPath == "" && len(cfg.Extends) == 0 {
		rulesetPath = findSpectralRuleset(filepath.Dir(root))
	}
	if rulesetPath != "" {
		rs, err := spectral.Load(rulesetPath)
		if err != nil {
			return nil, usageError("%v", err)
		}
		if err := cfg.UseSpectral(rs); err != nil {
			return nil, usageError("%v", err)
		}
		src.add(rulesetPath)
	}
	sp, err := spec.Load(ctx, root, spec.Options{AllowExternal: o.AllowExternal, MaxFileSize: o.MaxFileSize, KeepGoing: true})
	if err != nil {
		return nil, unreadable(err)
	}
	res, err := lint.Run(sp, cfg)
	if err != nil {
		return nil, usageError("%v", err)
	}
	src.addSpec(sp, "")
	src.add(cfgPath)
	return res, nil
}

// spectralNames are the files spectral looks for, in its order.
var spectralNames = []string{".spectral.yml", ".spectral.yaml", ".spectral.json"}

// findSpectralRuleset looks for a spectral ruleset from dir upwards, as
// spectral does from the working folder.
func findSpectralRuleset(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		for _, n := range spectralNames {
			p := filepath.Join(abs, n)
			if st, err := os.Stat(p); err == nil && !st.IsDir() {
				return displayName(p)
			}
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return ""
		}
		abs = parent
	}
}

// fileBase is the spec root's folder relative to the working directory, so
// annotations name files as the repository does.
func fileBase(root string) string {
	dir := filepath.Dir(root)
	wd, err := os.Getwd()
	if err != nil {
		return filepath.ToSlash(dir)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return filepath.ToSlash(dir)
	}
	rel, err := filepath.Rel(wd, abs)
	if err != nil || strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(dir)
	}
	return filepath.ToSlash(rel)
}

// colorful reports whether w is a terminal that wants colour (NO_COLOR unset).
func colorful(w io.Writer) bool {
	if _, ok := os.LookupEnv("NO_COLOR"); ok {
		return false
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0 && os.Getenv("TERM") != "dumb"
}
