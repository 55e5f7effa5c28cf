package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/dospec/dospec/lint"
)

// onChangedLines keeps the findings written on lines that changed since
// git revision rev (in the work tree, staged or not, and in files git does
// not track yet): golangci-lint's --new-from-rev, so a team adopts a rule
// for new work without a baseline file.
func onChangedLines(root, rev string, in []lint.Finding) ([]lint.Finding, error) {
	dir, err := filepath.Abs(filepath.Dir(root))
	if err != nil {
		return nil, usageError("%v", err)
	}
	changed, err := changedLines(dir, rev)
	if err != nil {
		return nil, err
	}
	var out []lint.Finding
	for _, f := range in {
		lines, ok := changed[filepath.ToSlash(f.Pos.File)]
		if !ok {
			continue
		}
		if lines == nil || f.Pos.Line == 0 || lines[f.Pos.Line] {
			out = append(out, f) // a new file is new throughout
		}
	}
	return out, nil
}

// changedLines maps each file below dir (relative to dir) that differs
// from rev to its changed line numbers; nil means the whole file is new.
func changedLines(dir, rev string) (map[string]map[int]bool, error) {
	git := func(args ...string) ([]byte, error) {
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			return nil, usageError("--new-from-rev %s: git %s: %s", rev, args[0], strings.TrimSpace(stderr.String()))
		}
		return out, nil
	}
	if _, err := git("rev-parse", "--verify", "--quiet", rev+"^{commit}"); err != nil {
		return nil, usageError("--new-from-rev: %q is not a revision of the repository holding %s", rev, dir)
	}
	diff, err := git("diff", "--relative", "--no-color", "--no-ext-diff", "-U0", rev, "--", ".")
	if err != nil {
		return nil, err
	}
	out := map[string]map[int]bool{}
	var file string
	sc := bufio.NewScanner(bytes.NewReader(diff))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "+++ "):
			file = strings.TrimPrefix(strings.TrimPrefix(line, "+++ "), "b/")
			if file == "/dev/null" {
				file = ""
				continue
			}
			if out[file] == nil {
				out[file] = map[int]bool{}
			}
		case strings.HasPrefix(line, "@@ ") && file != "":
			start, count, err := hunkNew(line)
			if err != nil {
				return nil, fmt.Errorf("--new-from-rev: %v", err)
			}
			for i := start; i < start+count; i++ {
				out[file][i] = true
			}
		}
	}
	untracked, err := git("ls-files", "--others", "--exclude-standard", ".")
	if err != nil {
		return nil, err
	}
	for _, f := range strings.Split(strings.TrimSpace(string(untracked)), "\n") {
		if f != "" {
			out[f] = nil
		}
	}
	return out, nil
}

// hunkNew reads the new side of a hunk header: "@@ -a,b +c,d @@" gives
// c and d (d is 1 when left out).
func hunkNew(header string) (start, count int, err error) {
	fields := strings.Fields(header)
	if len(fields) < 3 || !strings.HasPrefix(fields[2], "+") {
		return 0, 0, fmt.Errorf("unreadable hunk header %q", header)
	}
	a, b, found := strings.Cut(fields[2][1:], ",")
	if start, err = strconv.Atoi(a); err != nil {
		return 0, 0, fmt.Errorf("unreadable hunk header %q", header)
	}
	count = 1
	if found {
		if count, err = strconv.Atoi(b); err != nil {
			return 0, 0, fmt.Errorf("unreadable hunk header %q", header)
		}
	}
	return start, count, nil
}
