package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/dospec/dospec/internal/golden"
	"github.com/dospec/dospec/internal/testenv"
	"github.com/dospec/dospec/spec"
)

// dospec runs the command line and returns exit code, stdout and stderr.
func dospec(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestBundleToFileMatchesGolden(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"example.yaml", "example.json"} {
		out := filepath.Join(dir, name)
		code, stdout, stderr := dospec(t, "bundle", testenv.ExampleRoot(), "-o", out)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if stdout != "" {
			t.Errorf("stdout should be empty when writing a file, got %q", stdout)
		}
		if !strings.Contains(stderr, "10 operations") {
			t.Errorf("summary missing from stderr: %q", stderr)
		}
		got, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(golden.Path("bundle/" + name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from golden/bundle/%s", out, name)
		}
	}
}

func TestBundleToStdout(t *testing.T) {
	code, stdout, stderr := dospec(t, "bundle", testenv.ExampleRoot(), "--format", "json", "-o", "-")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want, _ := os.ReadFile(golden.Path("bundle/example.json"))
	if stdout != string(want) {
		t.Error("JSON on stdout differs from golden/bundle/example.json")
	}
}

// badMaxFileSize is the --max-file-size the bad-input corpus runs with, the
// limit bundler's TestBadInputs writes the golden messages with.
const badMaxFileSize = "1048576"

// TestBundleBadInputExitAndNoOutput: a spec that cannot be read gives exit
// 3, the golden message on stderr, and leaves no output file.
func TestBundleBadInputExitAndNoOutput(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(testenv.ProjectRoot(), "testdata", "specs", "bad", "*.txtar"))
	for _, f := range files {
		c := testenv.ExtractTxtar(t, f)
		t.Run(c.Name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out.yaml")
			code, stdout, stderr := dospec(t, "bundle", c.Root, "-o", out, "--max-file-size", badMaxFileSize)
			if c.Want == "ok" {
				if code != exitOK {
					t.Fatalf("exit %d: %s", code, stderr)
				}
				return
			}
			if code != exitUnreadable {
				t.Errorf("exit %d, want %d; stderr %q", code, exitUnreadable, stderr)
			}
			if stdout != "" || strings.Contains(stderr, "goroutine") || strings.Contains(stderr, "panic") {
				t.Errorf("unexpected output: stdout %q stderr %q", stdout, stderr)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("an output file was left behind")
			}
			entries, _ := os.ReadDir(filepath.Dir(out))
			if len(entries) != 0 {
				t.Errorf("files left in the output folder: %v", entries)
			}
			want, err := os.ReadFile(golden.Path("bad/" + c.Name + ".txt"))
			if err != nil {
				t.Fatal(err)
			}
			if got := c.Mask(stderr); got != string(want) {
				t.Errorf("message %q, want %q", got, want)
			}
		})
	}
}

func TestBundleKeepsExistingOutputOnError(t *testing.T) {
	c := testenv.ExtractTxtar(t, filepath.Join(testenv.ProjectRoot(), "testdata", "specs", "bad", "missing-file.txtar"))
	out := filepath.Join(t.TempDir(), "out.yaml")
	os.WriteFile(out, []byte("precious\n"), 0o644)
	if code, _, _ := dospec(t, "bundle", c.Root, "-o", out); code != exitUnreadable {
		t.Fatalf("exit %d", code)
	}
	if b, _ := os.ReadFile(out); string(b) != "precious\n" {
		t.Errorf("existing output overwritten on error: %q", b)
	}
}

func TestBundleRefusesToOverwriteSource(t *testing.T) {
	c := testenv.ExtractTxtar(t, filepath.Join(testenv.ProjectRoot(), "testdata", "specs", "bad", "openapi-3.1.txtar"))
	before, _ := os.ReadFile(c.Root)
	code, _, stderr := dospec(t, "bundle", c.Root, "-o", c.Root)
	if code != exitUsage || !strings.Contains(stderr, "would overwrite") {
		t.Errorf("exit %d, stderr %q: want a refusal", code, stderr)
	}
	if after, _ := os.ReadFile(c.Root); !bytes.Equal(before, after) {
		t.Error("the root file was changed")
	}
}

func TestBundleCheck(t *testing.T) {
	out := filepath.Join(t.TempDir(), "api.yaml")
	if code, _, stderr := dospec(t, "bundle", testenv.ExampleRoot(), "-o", out); code != exitOK {
		t.Fatal(stderr)
	}
	if code, _, stderr := dospec(t, "bundle", testenv.ExampleRoot(), "-o", out, "--check"); code != exitOK {
		t.Errorf("fresh bundle: exit %d %s", code, stderr)
	}
	os.WriteFile(out, []byte("stale\n"), 0o644)
	code, _, stderr := dospec(t, "bundle", testenv.ExampleRoot(), "-o", out, "--check")
	if code != exitFindings || !strings.Contains(stderr, "stale") {
		t.Errorf("stale bundle: exit %d %q", code, stderr)
	}
	if b, _ := os.ReadFile(out); string(b) != "stale\n" {
		t.Error("--check wrote the file")
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"bundle"},
		{"bundle", "a.yaml", "b.yaml"},
		{"bundle", testenv.ExampleRoot(), "--format", "xml"},
		{"bundle", testenv.ExampleRoot(), "--no-such-flag"},
		{"bundle", testenv.ExampleRoot(), "--check"},
		{"no-such-command"},
	} {
		code, _, stderr := dospec(t, args...)
		if code != exitUsage {
			t.Errorf("%v: exit %d, want %d (%s)", args, code, exitUsage, stderr)
		}
		if stderr == "" {
			t.Errorf("%v: no message", args)
		}
	}
}

func TestHelpTeaches(t *testing.T) {
	code, stdout, _ := dospec(t, "bundle", "--help")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"Examples:", "--dereference", "--allow-external", "components", "--check"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("bundle --help lacks %q", want)
		}
	}
	if code, stdout, _ := dospec(t, "version"); code != exitOK || !strings.HasPrefix(stdout, "dospec ") {
		t.Errorf("version: exit %d %q", code, stdout)
	}
}

func TestBundleRealSpecCLI(t *testing.T) {
	root := testenv.DORoot(t)
	out := filepath.Join(t.TempDir(), "do.json")
	code, _, stderr := dospec(t, "bundle", root, "-o", out, "--validate")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	sp, err := spec.Load(context.Background(), root, spec.Options{})
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	if want := len(spec.Get(sp.Root.Doc, "paths").Content) / 2; len(doc.Paths) != want || doc.OpenAPI == "" {
		t.Errorf("output has %d paths, source %d", len(doc.Paths), want)
	}
	if !strings.Contains(stderr, fmt.Sprintf("%d paths", len(doc.Paths))) {
		t.Errorf("summary does not count the paths: %q", stderr)
	}
}

func TestBundleRefusesSymlinkToSource(t *testing.T) {
	c := testenv.ExtractTxtar(t, filepath.Join(testenv.ProjectRoot(), "testdata", "specs", "bad", "openapi-3.1.txtar"))
	before, _ := os.ReadFile(c.Root)
	link := filepath.Join(t.TempDir(), "out.yaml")
	if err := os.Symlink(c.Root, link); err != nil {
		t.Skip(err)
	}
	if code, _, stderr := dospec(t, "bundle", c.Root, "-o", link); code != exitUsage || !strings.Contains(stderr, "would overwrite") {
		t.Errorf("exit %d %q", code, stderr)
	}
	if after, _ := os.ReadFile(c.Root); !bytes.Equal(before, after) {
		t.Error("the root file was changed through a symlink")
	}
}

// TestBadInputsEveryCommand runs the bad-input corpus through lint, gen and
// diff as well. A case bundle refuses gives, in every command, the message
// of bundle's golden, exit 3, nothing on stdout and nothing written, unless
// its header says otherwise for a command:
//
//	lint: RULE   lint reads the spec, exits 1 and reports RULE
//	gen: ok      gen reads the spec and writes the package
//	gen: TEXT    gen exits 3 with a file:line:col message holding TEXT, writing nothing
//	diff: ok     diff reads the spec (compared with itself: exit 0)
//
// Every command reads a "want: ok" case (lint may exit 1 with findings),
// unless its header says otherwise. No command may panic.
func TestBadInputsEveryCommand(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(testenv.ProjectRoot(), "testdata", "specs", "bad", "*.txtar"))
	for _, f := range files {
		c := testenv.ExtractTxtar(t, f)
		var want []byte
		if c.Want != "ok" {
			var err error
			if want, err = os.ReadFile(golden.Path("bad/" + c.Name + ".txt")); err != nil {
				t.Fatal(err)
			}
		}
		t.Run(c.Name, func(t *testing.T) {
			out := t.TempDir()
			for _, args := range [][]string{
				{"lint", c.Root, "--fail-on", "warning"},
				{"gen", c.Root, "-o", out},
				{"diff", c.Root, c.Root},
			} {
				name, expect := args[0], c.Meta[args[0]]
				code, stdout, stderr := dospec(t, append(args, "--max-file-size", badMaxFileSize)...)
				stderr = c.Mask(stderr)
				if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine") {
					t.Errorf("%s: %s", name, stderr)
				}
				switch {
				case name == "lint" && expect != "":
					if code != exitFindings || !strings.Contains(stdout, "("+expect+")") {
						t.Errorf("lint: exit %d, want %d reporting %s; stdout %q stderr %q", code, exitFindings, expect, stdout, stderr)
					}
				case expect == "ok" || expect == "" && c.Want == "ok":
					if code != exitOK && !(name == "lint" && code == exitFindings) {
						t.Errorf("%s: exit %d, want it to read the spec (%s)", name, code, stderr)
					}
				case expect != "":
					if code != exitUnreadable || !strings.Contains(stderr, expect) || !positioned(stderr) {
						t.Errorf("%s: exit %d, message %q; want %d and a file:line:col message with %q", name, code, stderr, exitUnreadable, expect)
					}
				case name == "lint" && code == exitFindings:
					// lint loads what it can (the root aside): the loader's
					// message is a finding at the same place.
					for _, line := range strings.Split(strings.TrimSpace(string(want)), "\n") {
						m := goldenLine.FindStringSubmatch(line)
						if m == nil || !strings.Contains(c.Mask(stdout), m[1]+": error: "+m[2]+" (") {
							t.Errorf("lint: exit 1 without the finding %q; stdout %q", line, stdout)
						}
					}
				case code != exitUnreadable:
					t.Errorf("%s: exit %d, want %d (%s)", name, code, exitUnreadable, stderr)
				case stderr != string(want):
					t.Errorf("%s: message %q, want %q", name, stderr, want)
				}
				if stdout != "" && code == exitUnreadable {
					t.Errorf("%s: wrote to stdout: %q", name, stdout)
				}
			}
			genReads := c.Meta["gen"] == "ok" || c.Meta["gen"] == "" && c.Want == "ok"
			if entries, _ := os.ReadDir(out); len(entries) > 0 && !genReads {
				t.Errorf("gen wrote %d files for a spec it could not read", len(entries))
			}
		})
	}
}

// goldenLine splits a loader message into its place and its text.
var goldenLine = regexp.MustCompile(`^(\S+:\d+:\d+): (.*)$`)

// positioned reports whether every line of msg starts with file:line:col:.
func positioned(msg string) bool {
	for _, line := range strings.Split(strings.TrimSuffix(msg, "\n"), "\n") {
		parts := strings.SplitN(line, ":", 4)
		if len(parts) < 4 || parts[0] == "" {
			return false
		}
		for _, n := range parts[1:3] {
			if _, err := strconv.Atoi(n); err != nil {
				return false
			}
		}
	}
	return true
}
