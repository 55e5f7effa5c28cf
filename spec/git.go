package spec

import (
	"bufio"
	"fmt"
	"io"
	"io/fs"
	"os/exec"
	"strconv"
	"strings"
	"sync"
)

// GitReader reads files of one revision straight from a repository's
// object store, without a checkout, through one `git cat-file --batch`.
// Locations are paths relative to the repository's top folder.
type GitReader struct {
	rev string

	mu     sync.Mutex
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stdout *bufio.Reader
}

// NewGitReader starts a reader of rev (any revision git understands) in
// the repository at dir.
func NewGitReader(dir, rev string) (*GitReader, error) {
	out, err := exec.Command("git", "-C", dir, "rev-parse", "--verify", "--quiet", rev+"^{commit}").Output()
	if err != nil {
		return nil, fmt.Errorf("git revision %q not found in %s", rev, dir)
	}
	commit := strings.TrimSpace(string(out))
	cmd := exec.Command("git", "-C", dir, "cat-file", "--batch")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start git cat-file: %w", err)
	}
	return &GitReader{rev: commit, cmd: cmd, stdin: stdin, stdout: bufio.NewReaderSize(stdout, 1<<16)}, nil
}

// Commit is the full id of the revision read.
func (g *GitReader) Commit() string { return g.rev }

// ReadFile returns the blob at loc in the revision.
func (g *GitReader) ReadFile(loc string, max int64) ([]byte, error) {
	if strings.ContainsAny(loc, "\n") {
		return nil, fs.ErrNotExist
	}
	loc = strings.TrimPrefix(loc, "./")
	g.mu.Lock()
	defer g.mu.Unlock()
	if _, err := fmt.Fprintf(g.stdin, "%s:%s\n", g.rev, loc); err != nil {
		return nil, fmt.Errorf("git cat-file: %w", err)
	}
	header, err := g.stdout.ReadString('\n')
	if err != nil {
		return nil, fmt.Errorf("git cat-file: %w", err)
	}
	fields := strings.Fields(header)
	if len(fields) == 2 && fields[1] == "missing" {
		return nil, fs.ErrNotExist
	}
	if len(fields) != 3 {
		return nil, fmt.Errorf("git cat-file: unexpected reply %q", header)
	}
	size, err := strconv.ParseInt(fields[2], 10, 64)
	if err != nil {
		return nil, fmt.Errorf("git cat-file: unexpected reply %q", header)
	}
	buf := make([]byte, size+1) // content plus the trailing newline
	if _, err := io.ReadFull(g.stdout, buf); err != nil {
		return nil, fmt.Errorf("git cat-file: %w", err)
	}
	if fields[1] != "blob" {
		return nil, fmt.Errorf("%s is a %s, not a file", loc, fields[1])
	}
	if size > max {
		return nil, ErrTooLarge
	}
	return buf[:size:size], nil
}

// Close stops the git process.
func (g *GitReader) Close() error {
	g.stdin.Close()
	return g.cmd.Wait()
}
