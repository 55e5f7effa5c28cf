package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dospec/dospec/diff"
	"github.com/dospec/dospec/internal/suggest"
	"github.com/dospec/dospec/spec"
)

// diffOptions is everything `dospec diff` takes; tests fill it directly.
type diffOptions struct {
	Args          []string
	Base, Head    string // git revisions
	Format        string
	FailOn        string
	Changelog     bool
	Config        string
	Output        string
	ListChecks    bool
	Explain       string
	Quiet         bool
	AllowExternal bool
	MaxFileSize   int64
	LinkBase      string
	MaxBytes      int
}

func newDiffCmd(s *streams) *cobra.Command {
	o := &diffOptions{}
	cmd := &cobra.Command{
		Use:   "diff BASE HEAD | diff --base REV [--head REV] ROOT",
		Short: "Report breaking changes between two versions of a spec",
		Long: `Diff compares two versions of a spec — two multi-file roots, two bundled
files, or git revisions of one root read straight from the repository (no
checkout, the work tree is not touched) — and judges every change by who it
breaks:

  - operations are matched by method and path template, so renaming a path
    parameter is a rename, not a removal of every operation under it;
  - schemas are compared with $refs followed and allOf merged (required lists
    beside an allOf count), in the direction the data travels: a new required
    request field breaks clients, a removed or newly optional response field
    breaks them, a new response enum value is a warning;
  - a change in a shared schema is reported once, with the operations it
    reaches; a property removed and one of the same shape added is a rename.

By default only breaking changes are shown; --changelog shows every level,
with word diffs of changed descriptions. .dospec.yaml's diff section can
change a check's level or ignore a change by check id and JSON path:

  diff:
    checks:
      deprecated-operation-removed: warning
    ignore:
      - check: response-enum-value-added
        path: "$.paths['/v2/droplets']"
        reason: clients treat unknown statuses as pending

Exit codes: 0 nothing at or above --fail-on, 1 changes at or above it,
2 usage, 3 a version could not be read.`,
		Example: `  dospec diff old/specification/DigitalOcean-public.v2.yaml new/specification/DigitalOcean-public.v2.yaml
  dospec diff --base origin/main specification/DigitalOcean-public.v2.yaml
  dospec diff --base v1.2.0 --head HEAD specification/DigitalOcean-public.v2.yaml --format markdown > comment.md
  dospec diff a.yaml b.yaml --format json --fail-on warning
  dospec diff --list-checks
  dospec diff --explain response-enum-value-added`,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Args = args
			return runDiff(cmd.Context(), o, s)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Base, "base", "", "read the base version from git revision `REV` of ROOT's repository")
	f.StringVar(&o.Head, "head", "", "read the head version from git revision `REV` (default: the work tree)")
	f.StringVarP(&o.Format, "format", "f", "text", "output format: "+strings.Join(diff.Formats, ", ")+" (--list-checks: text or json)")
	f.StringVar(&o.FailOn, "fail-on", "breaking", "exit 1 when a change is at least: breaking (or error), warning (or warn), info, or none; case ignored")
	f.BoolVar(&o.Changelog, "changelog", false, "show every level, not only breaking changes")
	f.StringVar(&o.Config, "config", "", "configuration `FILE` (default: .dospec.yaml found from the head root's folder upwards)")
	f.StringVarP(&o.Output, "output", "o", "-", "write the report to `FILE` (- for standard output)")
	f.BoolVar(&o.ListChecks, "list-checks", false, "list every check with its level and exit")
	f.StringVar(&o.Explain, "explain", "", "explain check `ID`: who the change breaks, and exit")
	f.BoolVarP(&o.Quiet, "quiet", "q", false, "no summary, only changes")
	f.BoolVar(&o.AllowExternal, "allow-external", false, "allow $refs outside the root's folder, absolute paths and http(s) URLs")
	f.Int64Var(&o.MaxFileSize, "max-file-size", spec.DefaultMaxFileSize, "refuse spec files larger than this many `bytes`")
	f.StringVar(&o.LinkBase, "link-base", "", "markdown: link file:line to `URL`/<file>#L<line>, URL being the repository at the head revision (https://github.com/OWNER/REPO/blob/SHA) and files placed as seen from the current folder")
	f.IntVar(&o.MaxBytes, "max-bytes", 65000, "markdown: keep the report under `N` bytes (GitHub's comments hold 65,536): breaking first, then warnings, then a count of what was cut; 0 for no limit")
	completeFlag(cmd, "format", fixedValues(diff.Formats...))
	completeFlag(cmd, "fail-on", fixedValues(diffFailOn...))
	completeFlag(cmd, "explain", fixedValues(diff.CheckIDs()...))
	return cmd
}

// diffFailOn are --fail-on's values; ParseLevel also takes the aliases
// diff.LevelNames lists (error, warn), documented in the help.
var diffFailOn = []string{"breaking", "warning", "info", "none"}

// parseDiffFailOn reads --fail-on: a level (case ignored, aliases taken)
// or none. ignore and off are refused: they are no level a change has.
func parseDiffFailOn(v string) (diff.Level, error) {
	if strings.EqualFold(v, "none") {
		return diff.Off, nil
	}
	l, err := diff.ParseLevel(v)
	if err != nil || l == diff.Off {
		return diff.Off, usageError("--fail-on %q%s: want breaking (or error), warning (or warn), info or none", v, suggest.Hint(v, diffFailOn))
	}
	return l, nil
}

func runDiff(ctx context.Context, o *diffOptions, s *streams) error {
	if o.ListChecks {
		format, err := oneOf("format", o.Format, []string{"text", "json"})
		if err != nil {
			return err
		}
		return diff.WriteChecks(s.Out, format)
	}
	if o.Explain != "" {
		c := diff.LookupCheck(o.Explain)
		if c == nil {
			return usageError("no check %q%s (dospec diff --list-checks lists them)", o.Explain, suggest.Hint(o.Explain, diff.CheckIDs()))
		}
		fmt.Fprint(s.Out, diff.Explain(c))
		return nil
	}
	format, err := oneOf("format", o.Format, diff.Formats)
	if err != nil {
		return err
	}
	failOn, err := parseDiffFailOn(o.FailOn)
	if err != nil {
		return err
	}
	opt := spec.Options{AllowExternal: o.AllowExternal, MaxFileSize: o.MaxFileSize}
	// The two versions load at once: each load has serial stretches (git's
	// tree listing, resolving refs) that the other can fill.
	var baseLoad, headLoad func() (*spec.Spec, error)
	var headRoot string
	var baseTree, headTree string // the repository's top folder of a side read from git
	switch {
	case o.Base != "":
		if len(o.Args) != 1 {
			return usageError("with --base, give one ROOT: the spec's root file in a git repository")
		}
		headRoot = o.Args[0]
		baseLoad = func() (*spec.Spec, error) { return loadGit(ctx, headRoot, o.Base, opt, &baseTree) }
		if o.Head != "" {
			headLoad = func() (*spec.Spec, error) { return loadGit(ctx, headRoot, o.Head, opt, &headTree) }
		} else {
			headLoad = func() (*spec.Spec, error) { return loadFile(ctx, headRoot, opt) }
		}
	case o.Head != "":
		return usageError("--head needs --base")
	default:
		if len(o.Args) != 2 {
			return usageError("diff needs BASE and HEAD (two root or bundled files), or --base REV ROOT\nUsage: dospec diff BASE HEAD")
		}
		headRoot = o.Args[1]
		baseLoad = func() (*spec.Spec, error) { return loadFile(ctx, o.Args[0], opt) }
		headLoad = func() (*spec.Spec, error) { return loadFile(ctx, o.Args[1], opt) }
	}
	var base, head *spec.Spec
	var baseErr, headErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		base, baseErr = baseLoad()
	}()
	head, headErr = headLoad()
	<-done
	if baseErr != nil {
		return baseErr
	}
	if headErr != nil {
		return headErr
	}
	cfgFile, cfgPath, err := loadConfig(o.Config, headRoot)
	if err != nil {
		return err
	}
	cfg, err := diff.NewConfig(cfgFile)
	if err != nil {
		return usageError("%v", err)
	}
	res, err := diff.Compare(base, head, cfg)
	if err != nil {
		return usageError("%v", err)
	}
	if o.MaxBytes < 0 {
		return usageError("--max-bytes %d: want 0 (no limit) or more", o.MaxBytes)
	}
	out := diff.Output{Format: format, MinLevel: diff.Breaking, FileBase: fileBase(headRoot), Quiet: o.Quiet,
		Spec: headRoot, LinkBase: o.LinkBase, MaxBytes: o.MaxBytes}
	switch {
	case o.Base != "" && o.Head != "":
		out.BaseRev, out.HeadRev = o.Base, o.Head
	case o.Base != "":
		out.BaseRev, out.HeadRev = o.Base, "work tree"
	default:
		out.Spec = filepath.Base(headRoot)
		out.BaseRev, out.HeadRev = o.Args[0], o.Args[1]
	}
	if o.Changelog {
		out.MinLevel = diff.Info
	} else if failOn != diff.Off && failOn < out.MinLevel {
		out.MinLevel = failOn // show what makes the build fail
	}
	toStdout := o.Output == "" || o.Output == "-"
	out.Color = toStdout && format == "text" && colorful(s.Out)
	var src sources
	src.addSpec(base, baseTree)
	src.addSpec(head, headTree)
	src.add(o.Args...)
	src.add(cfgPath)
	var buf bytes.Buffer
	if err := diff.Write(&buf, res, out); err != nil {
		return failed(err)
	}
	if err := writeReport(s, o.Output, buf.Bytes(), src); err != nil {
		return err
	}
	if failOn != diff.Off && res.AtOrAbove(failOn) {
		return &exitError{code: exitFindings}
	}
	return nil
}

func loadFile(ctx context.Context, root string, opt spec.Options) (*spec.Spec, error) {
	s, err := spec.Load(ctx, root, opt)
	if err != nil {
		return nil, unreadable(err)
	}
	return s, nil
}

// loadGit loads root as it is at revision rev of the repository holding it,
// and sets *workTree to the repository's top folder.
func loadGit(ctx context.Context, root, rev string, opt spec.Options, workTree *string) (*spec.Spec, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, usageError("%v", err)
	}
	// The root need not exist in the work tree (a revision may hold files a
	// checkout does not): ask git from the nearest folder that exists.
	dir := filepath.Dir(abs)
	for {
		if st, err := os.Stat(dir); err == nil && st.IsDir() {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	top, err := exec.Command("git", "-C", dir, "rev-parse", "--show-toplevel").Output()
	if err != nil {
		return nil, usageError("%s is not in a git repository (needed for --base/--head)", root)
	}
	repo := strings.TrimSpace(string(top))
	*workTree = repo
	rel, err := filepath.Rel(mustEval(repo), filepath.Join(mustEval(dir), strings.TrimPrefix(abs, dir)))
	if err != nil || strings.HasPrefix(rel, "..") {
		return nil, usageError("%s is outside its repository %s", root, repo)
	}
	g, err := spec.NewGitReader(repo, rev)
	if err != nil {
		if shallow(repo) {
			// Not a mistyped revision: the history is not there to read.
			return nil, unreadable(fmt.Errorf("%s: %v\n%s", root, err, shallowHint))
		}
		return nil, usageError("%v", err)
	}
	defer g.Close()
	opt.Reader = g
	sp, err := spec.Load(ctx, filepath.ToSlash(rel), opt)
	if err != nil {
		if shallow(repo) {
			err = fmt.Errorf("%w\n%s", err, shallowHint)
		}
		return nil, unreadable(fmt.Errorf("%s at %s:\n%w", root, rev, err))
	}
	return sp, nil
}

const shallowHint = "hint: the clone is shallow; fetch the history (actions/checkout: fetch-depth: 0, or git fetch --unshallow)"

// shallow reports whether the repository is a shallow clone, whose
// missing history explains a revision git cannot find.
func shallow(repo string) bool {
	out, err := exec.Command("git", "-C", repo, "rev-parse", "--is-shallow-repository").Output()
	return err == nil && strings.TrimSpace(string(out)) == "true"
}

func mustEval(dir string) string {
	if r, err := filepath.EvalSymlinks(dir); err == nil {
		return r
	}
	return dir
}
