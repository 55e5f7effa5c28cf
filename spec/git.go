package spec

import (
	"bufio"
	"fmt"
	"io"
	"io/fs"
	"os/exec"
	"path"
	"strconv"
	"strings"
	"sync"
)

// GitReader reads files of one revision straight from a repository's
// object store, without a checkout, through one `git cat-file --batch`.
// Locations are paths relative to the repository's top folder.
type GitReader struct {
	rev string

	dir    string
	mu     sync.Mutex
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stdout *bufio.Reader
	// files holds every blob under the folder of the first file read,
	// fetched in one pass: a spec reads thousands of small files, and one
	// round trip to git each costs more than parsing them.
	files   map[string][]byte
	fetched bool
}

// NewGitReader starts a reader of rev (any revision git understands) in
// the repository at dir.
func NewGitReader(dir, rev string) (*GitReader, error) {
	out, err := exec.Command("git", "-C", dir, "rev-parse", "--verify", "--quiet", rev+"^{commit}").Output()
	if err != nil {
		return nil, fmt.Errorf("git revision %q not found in %s", rev, dir)
	}
	g := &GitReader{dir: dir, rev: strings.TrimSpace(string(out))}
	if err := g.start(); err != nil {
		return nil, err
	}
	return g, nil
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
	if !g.fetched {
		g.fetched = true
		g.prefetch(path.Dir(loc), max)
	}
	if b, ok := g.files[loc]; ok {
		return b, nil
	}
	if g.stdin == nil {
		return nil, fmt.Errorf("git cat-file is not running")
	}
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
	if fields[1] != "blob" || size > max {
		// Skip the content (and its trailing newline) without holding it.
		if _, err := io.CopyN(io.Discard, g.stdout, size+1); err != nil {
			return nil, fmt.Errorf("git cat-file: %w", err)
		}
		switch fields[1] {
		case "blob":
			return nil, ErrTooLarge
		case "tree":
			return nil, ErrIsFolder
		}
		return nil, fmt.Errorf("%s is a %s, not a file", loc, fields[1])
	}
	buf := make([]byte, size+1) // content plus the trailing newline
	if _, err := io.ReadFull(g.stdout, buf); err != nil {
		return nil, fmt.Errorf("git cat-file: %w", err)
	}
	return buf[:size:size], nil
}

// prefetch reads every blob under folder (no larger than max) into g.files
// with one ls-tree and one pipelined batch of cat-file requests. On any
// trouble it leaves g.files partial and ReadFile asks git file by file.
func (g *GitReader) prefetch(folder string, max int64) {
	args := []string{"-C", g.dir, "ls-tree", "-r", "-z", "--long", "--full-tree", g.rev}
	if folder != "." && folder != "" {
		args = append(args, "--", folder)
	}
	out, err := exec.Command("git", args...).Output()
	if err != nil {
		return
	}
	type blob struct{ id, path string }
	var blobs []blob
	for _, rec := range strings.Split(string(out), "\x00") {
		meta, name, ok := strings.Cut(rec, "\t")
		f := strings.Fields(meta)
		if !ok || len(f) != 4 || f[1] != "blob" {
			continue
		}
		if size, err := strconv.ParseInt(f[3], 10, 64); err != nil || size > max {
			continue
		}
		blobs = append(blobs, blob{f[2], name})
	}
	g.files = make(map[string][]byte, len(blobs))
	errc := make(chan error, 1)
	go func() {
		w := bufio.NewWriter(g.stdin)
		for _, b := range blobs {
			if _, err := w.WriteString(b.id + "\n"); err != nil {
				errc <- err
				return
			}
		}
		errc <- w.Flush()
	}()
	ok := true
	for _, b := range blobs {
		header, err := g.stdout.ReadString('\n')
		f := strings.Fields(header)
		if err != nil || len(f) != 3 {
			ok = false
			break
		}
		size, err := strconv.ParseInt(f[2], 10, 64)
		if err != nil {
			ok = false
			break
		}
		buf := make([]byte, size+1)
		if _, err := io.ReadFull(g.stdout, buf); err != nil {
			ok = false
			break
		}
		g.files[b.path] = buf[:size:size]
	}
	if !ok {
		// The stream is out of step: start a fresh git for single reads.
		g.stdin.Close()
		g.cmd.Wait()
		g.files = nil
		if err := g.start(); err != nil {
			g.stdin, g.stdout = nil, nil
		}
		return
	}
	<-errc
}

// start runs the cat-file process.
func (g *GitReader) start() error {
	cmd := exec.Command("git", "-C", g.dir, "cat-file", "--batch")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start git cat-file: %w", err)
	}
	g.cmd, g.stdin, g.stdout = cmd, stdin, bufio.NewReaderSize(stdout, 1<<16)
	return nil
}

// Close stops the git process.
func (g *GitReader) Close() error {
	if g.stdin == nil {
		return nil
	}
	g.stdin.Close()
	return g.cmd.Wait()
}
