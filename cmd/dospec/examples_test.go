package main

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	yaml "github.com/pb33f/go-yaml"

	"github.com/dospec/dospec/diff"
	"github.com/dospec/dospec/internal/testenv"
	"github.com/dospec/dospec/lint"
)

// step is a workflow's or a composite action's step.
type step struct {
	ID   string            `yaml:"id"`
	Name string            `yaml:"name"`
	If   string            `yaml:"if"`
	Uses string            `yaml:"uses"`
	Run  string            `yaml:"run"`
	Env  map[string]string `yaml:"env"`
	With map[string]any    `yaml:"with"`
}

func readYAML(t *testing.T, rel string, v any) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(testenv.ProjectRoot(), filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, v); err != nil {
		t.Fatalf("%s is not YAML: %v", rel, err)
	}
	return string(data)
}

// dospecLines are the dospec command lines of the steps' scripts.
func dospecLines(steps []step) []string {
	var lines []string
	for _, s := range steps {
		for _, line := range strings.Split(s.Run, "\n") {
			if line = strings.TrimSpace(line); strings.HasPrefix(line, "dospec ") {
				lines = append(lines, line)
			}
		}
	}
	return lines
}

// parseCommands parses each line's flags with the real commands: a renamed
// flag breaks this test before it breaks a user.
func parseCommands(t *testing.T, where string, lines []string) {
	t.Helper()
	for _, line := range lines {
		args := shellWords(line)[1:]
		root := newRootCmd(&streams{In: strings.NewReader(""), Out: io.Discard, Err: io.Discard})
		cmd, rest, err := root.Find(args)
		if err != nil || cmd == root {
			t.Errorf("%s: %s: no such command (%v)", where, line, err)
			continue
		}
		if err := cmd.ParseFlags(rest); err != nil {
			t.Errorf("%s: %s: %v", where, line, err)
		}
	}
}

// TestWorkflowCommandsParse reads every dospec command the example GitHub
// workflow, the action and the pre-commit hooks run, and parses its flags
// with the real commands.
func TestWorkflowCommandsParse(t *testing.T) {
	var wf struct {
		Jobs map[string]struct {
			Steps []step `yaml:"steps"`
		} `yaml:"jobs"`
	}
	readYAML(t, "examples/github-workflow.yml", &wf)
	var lines []string
	for _, job := range wf.Jobs {
		lines = append(lines, dospecLines(job.Steps)...)
	}
	if len(lines) < 4 {
		t.Fatalf("found %d dospec commands in the workflow, want its lint, bundle and diffs", len(lines))
	}
	parseCommands(t, "examples/github-workflow.yml", lines)

	var action struct {
		Runs struct {
			Steps []step `yaml:"steps"`
		} `yaml:"runs"`
	}
	readYAML(t, "action.yml", &action)
	lines = dospecLines(action.Runs.Steps)
	if len(lines) < 4 {
		t.Fatalf("found %d dospec commands in action.yml, want version, lint, diff and bundle", len(lines))
	}
	parseCommands(t, "action.yml", lines)

	var hooks []struct {
		Entry string `yaml:"entry"`
	}
	readYAML(t, ".pre-commit-hooks.yaml", &hooks)
	if len(hooks) < 2 {
		t.Fatalf("%d pre-commit hooks", len(hooks))
	}
	lines = nil
	for _, h := range hooks {
		lines = append(lines, h.Entry+" spec.yaml -o out.yaml")
	}
	parseCommands(t, ".pre-commit-hooks.yaml", lines)
}

// TestAction checks what action.yml promises beyond its commands parsing:
// every input it declares is used and every one it uses is declared, each
// command it documents has a branch, the defaults are values dospec takes,
// and it installs this module's command at the action's own ref.
func TestAction(t *testing.T) {
	var action struct {
		Inputs map[string]struct {
			Default string `yaml:"default"`
		} `yaml:"inputs"`
		Runs struct {
			Using string `yaml:"using"`
			Steps []step `yaml:"steps"`
		} `yaml:"runs"`
	}
	text := readYAML(t, "action.yml", &action)
	if action.Runs.Using != "composite" {
		t.Errorf("runs.using = %q, want composite", action.Runs.Using)
	}
	used := map[string]bool{}
	for _, m := range regexp.MustCompile(`inputs\.([a-z-]+)`).FindAllStringSubmatch(text, -1) {
		used[m[1]] = true
		if _, ok := action.Inputs[m[1]]; !ok {
			t.Errorf("inputs.%s is used but not declared", m[1])
		}
	}
	for name := range action.Inputs {
		if !used[name] {
			t.Errorf("input %s is declared but never used", name)
		}
	}
	var script, install string
	for _, s := range action.Runs.Steps {
		if s.ID == "run" {
			script = s.Run
		}
		if strings.Contains(s.Run, "go install") {
			install = s.Run
		}
	}
	for _, c := range []string{"lint", "diff", "bundle-check"} {
		if !strings.Contains(script, "\n"+c+")\n") {
			t.Errorf("the run step has no branch for command %s", c)
		}
	}
	if f := action.Inputs["format"].Default; !slices.Contains(lint.Formats, f) || !slices.Contains(diff.Formats, f) {
		t.Errorf("format's default %q is not a format of both lint and diff", f)
	}
	mod := readModulePath(t)
	if !strings.Contains(install, `go install "`+mod+`/cmd/dospec@$REF"`) {
		t.Errorf("the action does not install %s/cmd/dospec at its own ref:\n%s", mod, install)
	}
}

func readModulePath(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(testenv.ProjectRoot(), "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^module (\S+)`).FindSubmatch(data)
	if m == nil {
		t.Fatal("go.mod has no module line")
	}
	return string(m[1])
}

// TestExampleWorkflow checks the example workflow does what its comment
// and the README say: reports run even when lint fails, the comment is
// found by the report's marker, a fork gets the job summary, the clone
// has the history diff needs.
func TestExampleWorkflow(t *testing.T) {
	var wf struct {
		Jobs map[string]struct {
			Steps []step `yaml:"steps"`
		} `yaml:"jobs"`
	}
	text := readYAML(t, "examples/github-workflow.yml", &wf)
	if len(wf.Jobs) != 1 {
		t.Fatalf("%d jobs", len(wf.Jobs))
	}
	var steps []step
	for _, j := range wf.Jobs {
		steps = j.Steps
	}
	afterLint := false
	for _, s := range steps {
		if s.ID == "lint" {
			afterLint = true
			continue
		}
		if afterLint && !strings.Contains(s.If, "!cancelled()") && !strings.Contains(s.If, "always()") {
			t.Errorf("step %q does not run when lint fails (if: %q)", s.Name, s.If)
		}
	}
	if !afterLint {
		t.Error("no step with id lint")
	}
	if depth, _ := steps[0].With["fetch-depth"].(int); !strings.HasPrefix(steps[0].Uses, "actions/checkout@") || steps[0].With["fetch-depth"] == nil || depth != 0 {
		t.Errorf("the first step is not a full checkout (fetch-depth: 0): %+v", steps[0])
	}
	if !strings.Contains(text, diff.MarkdownMarker) {
		t.Errorf("the workflow does not look for its comment by %q", diff.MarkdownMarker)
	}
	if strings.Contains(text, "--edit-last") {
		t.Error("the workflow still edits the last comment, whoever wrote it")
	}
	if !strings.Contains(text, "head.repo.full_name != github.repository") || !strings.Contains(text, "GITHUB_STEP_SUMMARY") {
		t.Error("a fork's pull request (read-only token) gets no report in the job summary")
	}
}

// shellWords splits a command line as sh would for the simple lines the
// workflow has: blanks separate, double quotes group.
func shellWords(s string) []string {
	var words []string
	var cur strings.Builder
	quoted, in := false, false
	for _, r := range s {
		switch {
		case r == '"':
			quoted, in = !quoted, true
		case r == ' ' && !quoted:
			if in {
				words = append(words, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteRune(r)
			in = true
		}
	}
	if in {
		words = append(words, cur.String())
	}
	return words
}

// pre-commit installs a golang hook with `go install ./...` at the
// repository's root: that must build dospec and nothing else (bench/scale
// made it take minutes).
func TestPreCommitInstallsOnlyDospec(t *testing.T) {
	cmd := exec.Command("go", "list", "-f", `{{if eq .Name "main"}}{{.ImportPath}}{{end}}`, "./...")
	cmd.Dir = testenv.ProjectRoot()
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	if got, want := strings.Fields(string(out)), []string{readModulePath(t) + "/cmd/dospec"}; !slices.Equal(got, want) {
		t.Errorf("go install ./... would install %v, want %v", got, want)
	}
}
