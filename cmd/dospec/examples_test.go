package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	yaml "github.com/pb33f/go-yaml"

	"github.com/dospec/dospec/internal/testenv"
)

// TestWorkflowCommandsParse reads every dospec command the example GitHub
// workflow and the pre-commit hooks run, and parses its flags with the
// real commands: a renamed flag breaks this test before it breaks a user.
func TestWorkflowCommandsParse(t *testing.T) {
	var lines []string
	wf, err := os.ReadFile(filepath.Join(testenv.ProjectRoot(), "examples", ".github", "workflows", "api-spec.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Jobs map[string]struct {
			Steps []struct {
				Run string `yaml:"run"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(wf, &doc); err != nil {
		t.Fatalf("the workflow is not YAML: %v", err)
	}
	for _, job := range doc.Jobs {
		for _, step := range job.Steps {
			for _, line := range strings.Split(step.Run, "\n") {
				if line = strings.TrimSpace(line); strings.HasPrefix(line, "dospec ") {
					lines = append(lines, line)
				}
			}
		}
	}
	hooks, err := os.ReadFile(filepath.Join(testenv.ProjectRoot(), ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var hookList []struct {
		Entry string `yaml:"entry"`
	}
	if err := yaml.Unmarshal(hooks, &hookList); err != nil {
		t.Fatalf(".pre-commit-hooks.yaml: %v", err)
	}
	for _, h := range hookList {
		lines = append(lines, h.Entry+" spec.yaml -o out.yaml")
	}
	if len(lines) < 6 {
		t.Fatalf("found %d dospec commands, want the workflow's and the hooks'", len(lines))
	}
	for _, line := range lines {
		args := shellWords(line)[1:]
		root := newRootCmd(&streams{In: strings.NewReader(""), Out: io.Discard, Err: io.Discard})
		cmd, rest, err := root.Find(args)
		if err != nil || cmd == root {
			t.Errorf("%s: no such command (%v)", line, err)
			continue
		}
		if err := cmd.ParseFlags(rest); err != nil {
			t.Errorf("%s: %v", line, err)
		}
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
