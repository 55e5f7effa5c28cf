package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/dospec/dospec/internal/atomicfile"
	"github.com/dospec/dospec/lint"
	"github.com/dospec/dospec/spec"
)

// lintOptions is everything `dospec lint` takes; tests fill it directly.
type lintOptions struct {
	Root          string
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
}

func newLintCmd(s *streams) *cobra.Command {
	o := &lintOptions{}
	cmd := &cobra.Command{
		Use:   "lint ROOT",
		Short: "Check a spec against DigitalOcean's ruleset, tag, scope and description rules",
		Long: `Lint reads ROOT (a multi-file root or a bundled file) and every file its
$refs reach, and checks it with every rule (dospec lint --list-rules). A
finding points at the source file and line where the offending node is
written, relative to ROOT's folder:

  resources/droplets/droplets_list.yml:41:3: error: response 200 lacks header ratelimit-reset (ratelimit-headers)

A node in a shared file (a parameter, a schema) is reported once, with the
operations that reach it.

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
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.Root = args[0]
			}
			return runLint(cmd.Context(), o, s)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Format, "format", "text", "output format: "+strings.Join(lint.Formats, ", "))
	f.StringVar(&o.FailOn, "fail-on", "error", "exit 1 when a finding is at least this severe: error, warning, info, hint, or none")
	f.StringVar(&o.Config, "config", "", "configuration `FILE` (default: .dospec.yaml found from ROOT's folder upwards)")
	f.StringVarP(&o.Output, "output", "o", "-", "write the report to `FILE` (- for standard output)")
	f.BoolVar(&o.ListRules, "list-rules", false, "list every rule with its default severity and exit")
	f.StringVar(&o.Explain, "explain", "", "explain rule `ID` with a bad and a good example, and exit")
	f.StringVar(&o.WriteBaseline, "write-baseline", "", "record the current findings in `FILE` so later runs report only new ones")
	f.BoolVar(&o.AllowExternal, "allow-external", false, "allow $refs outside the root's folder, absolute paths and http(s) URLs")
	f.Int64Var(&o.MaxFileSize, "max-file-size", spec.DefaultMaxFileSize, "refuse spec files larger than this many `bytes`")
	f.BoolVarP(&o.Quiet, "quiet", "q", false, "no summary, only findings")
	return cmd
}

func runLint(ctx context.Context, o *lintOptions, s *streams) error {
	if o.ListRules {
		return listRules(s.Out)
	}
	if o.Explain != "" {
		r := lint.Lookup(o.Explain)
		if r == nil {
			return usageError("no rule %q (dospec lint --list-rules lists them)", o.Explain)
		}
		fmt.Fprint(s.Out, lint.Explain(r))
		return nil
	}
	if o.Root == "" {
		return usageError("lint needs the root file of the spec\nUsage: dospec lint ROOT [flags]")
	}
	if !contains(lint.Formats, o.Format) {
		return usageError("unknown --format %q: use %s", o.Format, strings.Join(lint.Formats, ", "))
	}
	failOn := lint.Off
	if o.FailOn != "none" {
		var err error
		if failOn, err = lint.ParseSeverity(o.FailOn); err != nil || failOn == lint.Off {
			return usageError("--fail-on %q: want error, warning, info, hint or none", o.FailOn)
		}
	}
	cfgFile, cfgPath, err := loadConfig(o.Config, o.Root)
	if err != nil {
		return err
	}
	cfg, err := lint.NewConfig(cfgFile)
	if err != nil {
		return usageError("%v", err)
	}
	if o.WriteBaseline != "" {
		cfg.Baseline = "" // record everything, including what an old baseline hides
	}
	sp, err := spec.Load(ctx, o.Root, spec.Options{AllowExternal: o.AllowExternal, MaxFileSize: o.MaxFileSize})
	if err != nil {
		return unreadable(err)
	}
	res, err := lint.Run(sp, cfg)
	if err != nil {
		return usageError("%v", err)
	}
	var src sources
	src.addSpec(sp, "")
	src.add(cfgPath)
	if o.WriteBaseline != "" {
		if err := refuseSource(o.WriteBaseline, src); err != nil {
			return usageError("%v", err)
		}
		if err := atomicfile.Write(o.WriteBaseline, 0o644, func(w io.Writer) error {
			return lint.WriteBaseline(w, res.Findings)
		}); err != nil {
			return failed(err)
		}
		fmt.Fprintf(s.Err, "wrote %d findings to %s\n", len(res.Findings), o.WriteBaseline)
		return nil
	}
	toStdout := o.Output == "" || o.Output == "-"
	out := lint.Output{Format: o.Format, Quiet: o.Quiet, FileBase: fileBase(o.Root)}
	out.Color = toStdout && o.Format == "text" && colorful(s.Out)
	var buf bytes.Buffer
	if err := lint.Write(&buf, res, out); err != nil {
		return failed(err)
	}
	if err := writeReport(s, o.Output, buf.Bytes(), src); err != nil {
		return err
	}
	if failOn != lint.Off && lint.AtOrAbove(res.Findings, failOn) {
		return &exitError{code: exitFindings}
	}
	return nil
}

func listRules(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tSEVERITY\tWHAT IT CHECKS")
	for _, r := range lint.Rules() {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", r.ID, r.Severity, r.Title)
	}
	return tw.Flush()
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

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
