package diff

import (
	"encoding/json"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/dospec/dospec/internal/annotate"
	"github.com/dospec/dospec/spec"
)

// Formats lists the output formats Write knows.
var Formats = []string{"text", "markdown", "json", "github"}

// Output controls how changes are written.
type Output struct {
	Format string
	// MinLevel is the least level shown: Breaking by default, Info for a
	// changelog.
	MinLevel Level
	Color    bool
	// FileBase is put before file paths in github annotations: the spec
	// root's folder as seen from the repository root.
	FileBase string
	Quiet    bool // text: no summary line, only the changes

	// Markdown only. Spec names the spec and BaseRev, HeadRev the two
	// versions in the header; LinkBase, when set, turns file:line into
	// links (LinkBase/FileBase/file#Lline, on the head version); MaxBytes,
	// when above zero, caps the report: breaking changes first, then
	// warnings, then information, then a count of what was cut.
	Spec, BaseRev, HeadRev string
	LinkBase               string
	MaxBytes               int
}

// Write writes the changes at or above o.MinLevel.
func Write(w io.Writer, res *Result, o Output) error {
	if o.MinLevel == Off {
		o.MinLevel = Breaking
	}
	var shown []Change
	for _, c := range res.Changes {
		if c.Level >= o.MinLevel {
			shown = append(shown, c)
		}
	}
	switch o.Format {
	case "", "text":
		return writeText(w, res, shown, o)
	case "markdown":
		return writeMarkdown(w, res, shown, o)
	case "json":
		return writeJSON(w, res, shown)
	case "github":
		return writeGitHub(w, shown, o)
	}
	return fmt.Errorf("unknown format %q (want %s)", o.Format, strings.Join(Formats, ", "))
}

// WriteChecks lists every check for --list-checks: a table (text) or JSON
// ({"version":1,"checks":[{id, level, title, doc}]}).
func WriteChecks(w io.Writer, format string) error {
	switch format {
	case "", "text":
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "CHECK\tLEVEL\tWHAT IT FINDS")
		for _, c := range Checks() {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", c.ID, c.Level, c.Title)
		}
		return tw.Flush()
	case "json":
		type check struct {
			ID     string `json:"id"`
			Level  Level  `json:"level"`
			Title  string `json:"title"`
			Doc    string `json:"doc"`
			Before string `json:"before"`
			After  string `json:"after"`
		}
		list := struct {
			Version int     `json:"version"`
			Checks  []check `json:"checks"`
		}{Version: 1}
		for _, c := range Checks() {
			list.Checks = append(list.Checks, check{c.ID, c.Level, c.Title, c.Doc, c.Before, c.After})
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(list)
	}
	return fmt.Errorf("--list-checks: format %q: want text or json", format)
}

// Explain renders a check's documentation for --explain.
func Explain(c *Check) string {
	return fmt.Sprintf("%s (%s by default)\n\n%s\n\n%s\n\nFor example:\n\n    before: %s\n    after:  %s\n\nChange its level or ignore it in .dospec.yaml:\n\n    diff:\n      checks:\n        %s: ignore\n",
		c.ID, c.Level, c.Title, c.Doc, c.Before, c.After, c.ID)
}

// group is the changes of one operation, or of shared schemas.
type group struct {
	title   string
	changes []Change
}

// groups puts changes under the operation they reach; a change that
// reaches several is listed once under "Shared", with its operations.
func groups(cs []Change) []group {
	var out []group
	idx := map[string]int{}
	for _, c := range cs {
		title := "Document"
		switch len(c.Operations) {
		case 0:
		case 1:
			title = c.Operations[0]
		default:
			title = "Shared (reaches several operations)"
		}
		i, ok := idx[title]
		if !ok {
			i = len(out)
			idx[title] = i
			out = append(out, group{title: title})
		}
		out[i].changes = append(out[i].changes, c)
	}
	return out
}

func summary(res *Result) string {
	c := res.Counts()
	warnings := "warnings"
	if c[Warning] == 1 {
		warnings = "warning"
	}
	return fmt.Sprintf("%d breaking, %d %s, %d info", c[Breaking], c[Warning], warnings, c[Info])
}

var levelColor = map[Level]string{Breaking: "\x1b[31m", Warning: "\x1b[33m", Info: "\x1b[36m"}

func where(c Change) string {
	switch {
	case c.Head != nil && c.Base != nil && *c.Head != *c.Base:
		return fmt.Sprintf("%s (was %s)", c.Head, c.Base)
	case c.Head != nil:
		return c.Head.String()
	case c.Base != nil:
		return c.Base.String() + " (base)"
	}
	return ""
}

func writeText(w io.Writer, res *Result, shown []Change, o Output) error {
	if !o.Quiet {
		fmt.Fprintf(w, "%s", summary(res))
		if res.Ignored > 0 {
			fmt.Fprintf(w, ", %d ignored by config", res.Ignored)
		}
		if o.MinLevel > Info {
			fmt.Fprintf(w, " (showing %s and above; --changelog shows all)", o.MinLevel)
		}
		fmt.Fprintln(w)
	}
	for i, g := range groups(shown) {
		if i > 0 || !o.Quiet {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "%s\n", g.title)
		for _, c := range g.changes {
			lvl := fmt.Sprintf("%-8s", c.Level)
			if o.Color {
				lvl = levelColor[c.Level] + lvl + "\x1b[0m"
			}
			fmt.Fprintf(w, "  %s %s (%s)\n", lvl, c.Message, c.Check)
			if p := where(c); p != "" {
				fmt.Fprintf(w, "           at %s\n", p)
			}
			if len(c.Operations) > 1 {
				fmt.Fprintf(w, "           reaches %d operations: %s\n", len(c.Operations), list(c.Operations, 4))
			}
			if c.Diff != "" {
				fmt.Fprintf(w, "           %s\n", shorten(c.Diff, 400))
			}
		}
	}
	return nil
}

func list(s []string, max int) string {
	if len(s) <= max {
		return strings.Join(s, ", ")
	}
	return fmt.Sprintf("%s, … (%d more)", strings.Join(s[:max], ", "), len(s)-max)
}

// shorten keeps long texts readable, cutting unchanged stretches.
func shorten(s string, max int) string {
	s = strings.ReplaceAll(s, "\n", "⏎")
	if len(s) <= max {
		return s
	}
	return s[:max] + "…"
}

// MarkdownMarker opens every markdown report, unseen when rendered: a
// workflow finds the comment it posted earlier by it, and updates that one.
const MarkdownMarker = "<!-- dospec diff report -->"

func writeMarkdown(w io.Writer, res *Result, shown []Change, o Output) error {
	// Counted as listed: one line of the spec met twice is one change here.
	c := (&Result{Changes: oneLineOnce(res.Changes)}).Counts()
	var head strings.Builder
	head.WriteString(MarkdownMarker + "\n### API changes")
	if o.Spec != "" {
		fmt.Fprintf(&head, ": `%s`", o.Spec)
	}
	if o.BaseRev != "" || o.HeadRev != "" {
		fmt.Fprintf(&head, " (`%s` → `%s`)", o.BaseRev, o.HeadRev)
	}
	fmt.Fprintf(&head, "\n\n| level | changes |\n|---|---|\n| 🔴 breaking | %d |\n| 🟡 warning | %d |\n| ℹ️ info | %d |\n\n", c[Breaking], c[Warning], c[Info])
	if len(shown) == 0 {
		fmt.Fprintf(&head, "No %s changes.\n", o.MinLevel)
		_, err := io.WriteString(w, head.String())
		return err
	}
	shown = oneLineOnce(shown)
	// budget is what the changes may take: the cap less the header and
	// room for the closing tags and the note of what was cut.
	const reserve = 400
	budget := -1
	if o.MaxBytes > 0 {
		budget = max(o.MaxBytes-head.Len()-reserve, 0)
	}
	var body strings.Builder
	cut := map[Level]int{}
	full := false
	for _, lvl := range []Level{Breaking, Warning, Info} {
		var these []Change
		for _, ch := range shown {
			if ch.Level == lvl {
				these = append(these, ch)
			}
		}
		if len(these) == 0 {
			continue
		}
		if full {
			cut[lvl] += len(these)
			continue
		}
		open := ""
		if lvl == Breaking {
			open = " open"
		}
		var sec strings.Builder
		fmt.Fprintf(&sec, "<details%s>\n<summary><b>%s</b> (%d)</summary>\n\n", open, strings.ToUpper(lvl.String()[:1])+lvl.String()[1:], len(these))
		const closing = "</details>\n\n"
		fits := func(more int) bool { return budget < 0 || body.Len()+sec.Len()+more+len(closing) <= budget }
		wrote := 0
		for _, g := range groups(these) {
			title := fmt.Sprintf("**%s**\n\n", mdEscape(g.title))
			inGroup := 0
			for _, ch := range g.changes {
				line := mdChange(ch, o)
				more := len(line) + 1 // the group's closing blank line
				if inGroup == 0 {
					more += len(title)
				}
				if full || !fits(more) {
					full = true
					cut[lvl]++
					continue
				}
				if inGroup == 0 {
					sec.WriteString(title)
				}
				sec.WriteString(line)
				inGroup++
			}
			if inGroup > 0 {
				sec.WriteString("\n")
			}
			wrote += inGroup
		}
		if wrote > 0 {
			body.WriteString(sec.String())
			body.WriteString(closing)
		}
	}
	if n := cut[Breaking] + cut[Warning] + cut[Info]; n > 0 {
		fmt.Fprintf(&body, "_%d more not shown (%d breaking, %d warnings, %d info): the comment is kept under %d bytes. The full report is in the job's artifacts._\n", n, cut[Breaking], cut[Warning], cut[Info], o.MaxBytes)
	}
	_, err := io.WriteString(w, head.String()+body.String())
	return err
}

// mdChange renders one change as a list item.
func mdChange(ch Change, o Output) string {
	var b strings.Builder
	fmt.Fprintf(&b, "- %s — `%s`", mdEscape(ch.Message), ch.Check)
	if p := mdWhere(ch, o); p != "" {
		fmt.Fprintf(&b, " at %s", p)
	}
	if len(ch.Operations) > 1 {
		fmt.Fprintf(&b, "<br>reaches %d operations: %s", len(ch.Operations), mdEscape(list(ch.Operations, 6)))
	}
	if ch.Diff != "" {
		fmt.Fprintf(&b, "<br>%s", mdDiff(ch.Diff))
	}
	b.WriteString("\n")
	return b.String()
}

// mdWhere is where() with the head position linked when o.LinkBase is set
// (the base version's position is shown as text: the link base names the
// head's revision).
func mdWhere(ch Change, o Output) string {
	if o.LinkBase == "" || ch.Head == nil {
		if p := where(ch); p != "" {
			return "`" + p + "`"
		}
		return ""
	}
	file := ch.Head.File
	// FileBase places the root's folder in the repository when dospec runs
	// from inside it (as CI does); a folder outside it cannot be linked.
	if b := o.FileBase; b != "" && b != "." && !path.IsAbs(b) && !strings.HasPrefix(b, "..") {
		file = path.Join(b, file)
	}
	url := strings.TrimSuffix(o.LinkBase, "/") + "/" + file
	if ch.Head.Line > 0 {
		url += "#L" + strconv.Itoa(ch.Head.Line)
	}
	s := fmt.Sprintf("[`%s`](%s)", ch.Head, url)
	if ch.Base != nil && *ch.Base != *ch.Head {
		s += fmt.Sprintf(" (was `%s`)", ch.Base)
	}
	return s
}

// oneLineOnce keeps one change per check and source position: a shared
// schema's description met through a request and a response is one line
// of the spec, listed once with every operation it reaches.
func oneLineOnce(in []Change) []Change {
	type key struct {
		check      string
		base, head spec.Pos
	}
	idx := map[key]int{}
	var out []Change
	for _, c := range in {
		if c.Base == nil && c.Head == nil {
			out = append(out, c)
			continue
		}
		k := key{check: c.Check}
		if c.Base != nil {
			k.base = *c.Base
		}
		if c.Head != nil {
			k.head = *c.Head
		}
		if i, ok := idx[k]; ok && out[i].Level == c.Level {
			out[i].Operations = uniq(append(append([]string(nil), out[i].Operations...), c.Operations...))
			continue
		}
		idx[k] = len(out)
		out = append(out, c)
	}
	return out
}

func mdEscape(s string) string {
	return strings.NewReplacer("|", `\|`, "<", "&lt;", ">", "&gt;", "*", `\*`, "_", `\_`).Replace(s)
}

// mdDiff renders [-x-]{+y+} as strikethrough and bold.
func mdDiff(d string) string {
	d = mdEscape(shorten(d, 600))
	d = strings.NewReplacer("[-", "~~", "-]", "~~", "{+", "**", "+}", "**").Replace(d)
	return d
}

type jsonReport struct {
	Version int            `json:"version"`
	Changes []Change       `json:"changes"`
	Counts  map[string]int `json:"counts"`
	Ignored int            `json:"ignored"`
}

func writeJSON(w io.Writer, res *Result, shown []Change) error {
	r := jsonReport{Version: 1, Changes: shown, Counts: map[string]int{}, Ignored: res.Ignored}
	if r.Changes == nil {
		r.Changes = []Change{}
	}
	// Every level is listed, zeros too: a consumer reads counts.breaking
	// without checking that it is there.
	c := res.Counts()
	for _, l := range []Level{Breaking, Warning, Info} {
		r.Counts[l.String()] = c[l]
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// writeGitHub writes annotations on the new version's lines (the old
// version's for something removed).
func writeGitHub(w io.Writer, shown []Change, o Output) error {
	for _, c := range shown {
		kind := "notice"
		switch c.Level {
		case Breaking:
			kind = "error"
		case Warning:
			kind = "warning"
		}
		pos := c.Head
		if pos == nil {
			pos = c.Base
		}
		a := annotate.Annotation{Level: kind, Title: c.Check, Text: c.Message}
		if pos != nil {
			a.File, a.Line = pos.File, max(pos.Line, 1)
			if o.FileBase != "" && o.FileBase != "." {
				a.File = path.Join(o.FileBase, pos.File)
			}
		}
		if len(c.Operations) > 1 {
			a.Text += fmt.Sprintf(" (reaches %d operations)", len(c.Operations))
		}
		if err := annotate.Write(w, a); err != nil {
			return err
		}
	}
	return nil
}
