package testenv

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// Case is one multi-file input from a txtar archive.
type Case struct {
	Name    string
	Dir     string            // where the files were written
	Outside string            // a folder that is not inside Dir, for $OUTSIDE/ files; "" if unused
	Root    string            // the root file (absolute)
	Want    string            // the "want:" line of the comment
	Meta    map[string]string // every "key: value" line of the comment (the last one of a key)
}

// outsidePrefix names files and link targets in Case.Outside.
const outsidePrefix = "$OUTSIDE/"

// ExtractTxtar writes the archive at path into a new temporary folder.
// The comment's "key: value" lines become Meta; "root:" names the root file.
//
// A text archive cannot hold everything a bad input needs, so:
//
//   - A file named $OUTSIDE/name is written into a second temporary folder,
//     Case.Outside, which is not inside Dir.
//   - "symlink: name -> target" makes name a symbolic link to target, where
//     $OUTSIDE/ stands for Case.Outside. The test is skipped where symbolic
//     links cannot be made.
//   - "generate: name size" writes name as size bytes of valid YAML: a
//     one-key mapping padded with comment lines (a 50 MB file need not be
//     stored).
//   - "crlf: name" writes name with CRLF line ends.
//   - In file contents, @@INVALID_UTF8@@ becomes the bytes 0xff 0xfe,
//     @@HEX 00ff@@ the bytes written in hex, and @@REPEAT n text@@ text n
//     times (text holds no @).
//
// symlink, generate and crlf may each appear on several lines.
func ExtractTxtar(t testing.TB, path string) Case {
	t.Helper()
	ar, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	c := Case{
		Name: strings.TrimSuffix(filepath.Base(path), ".txtar"),
		Dir:  t.TempDir(),
		Meta: map[string]string{},
	}
	lists := map[string][]string{}
	sc := bufio.NewScanner(strings.NewReader(string(ar.Comment)))
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), ":"); ok && !strings.Contains(k, " ") {
			c.Meta[k] = strings.TrimSpace(v)
			lists[k] = append(lists[k], strings.TrimSpace(v))
		}
	}
	c.Want = c.Meta["want"]
	// where maps an archive name (or link target) to a file system path.
	where := func(dir, name string) string {
		rest, ok := strings.CutPrefix(name, outsidePrefix)
		if !ok {
			return filepath.Join(dir, filepath.FromSlash(name))
		}
		if c.Outside == "" {
			c.Outside = t.TempDir()
			// Messages name the resolved path; tests replace it.
			if real, err := filepath.EvalSymlinks(c.Outside); err == nil {
				c.Outside = real
			}
		}
		return filepath.Join(c.Outside, filepath.FromSlash(rest))
	}
	write := func(name string, data []byte) {
		p := where(c.Dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	crlf := map[string]bool{}
	for _, name := range lists["crlf"] {
		crlf[name] = true
	}
	for _, f := range ar.Files {
		data := expand(t, f.Data)
		if crlf[f.Name] {
			data = bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))
		}
		write(f.Name, data)
	}
	for _, g := range lists["generate"] {
		name, size, ok := strings.Cut(g, " ")
		n, err := strconv.Atoi(strings.TrimSpace(size))
		if !ok || err != nil {
			t.Fatalf("%s: bad generate line %q: want generate: name size", path, g)
		}
		write(name, filler(n))
	}
	for _, l := range lists["symlink"] {
		name, target, ok := strings.Cut(l, " -> ")
		if !ok {
			t.Fatalf("%s: bad symlink line %q: want symlink: name -> target", path, l)
		}
		if strings.HasPrefix(target, outsidePrefix) {
			target = where("", target)
		} else {
			target = filepath.FromSlash(target) // relative to the link's folder
		}
		p := where(c.Dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, p); err != nil {
			t.Skipf("cannot make symbolic links here: %v", err)
		}
	}
	root := c.Meta["root"]
	if root == "" {
		root = "openapi.yaml"
	}
	c.Root = filepath.Join(c.Dir, filepath.FromSlash(root))
	return c
}

var placeholder = regexp.MustCompile(`@@(INVALID_UTF8|HEX [0-9a-fA-F]*|REPEAT [0-9]+ [^@]+)@@`)

// expand replaces the placeholders of file contents with their bytes.
func expand(t testing.TB, data []byte) []byte {
	return placeholder.ReplaceAllFunc(data, func(m []byte) []byte {
		kind, arg, _ := strings.Cut(string(m[2:len(m)-2]), " ")
		switch kind {
		case "INVALID_UTF8":
			return []byte("\xff\xfe")
		case "HEX":
			b, err := hex.DecodeString(arg)
			if err != nil {
				t.Fatalf("placeholder %s: %v", m, err)
			}
			return b
		}
		n, text, _ := strings.Cut(arg, " ")
		count, _ := strconv.Atoi(n)
		return []byte(strings.Repeat(text, count))
	})
}

// filler is size bytes of valid YAML: "type: object" and comment lines.
func filler(size int) []byte {
	const head = "type: object\n"
	line := "# " + strings.Repeat("x", 77) + "\n"
	var b bytes.Buffer
	b.Grow(size)
	b.WriteString(head)
	for b.Len()+len(line) <= size {
		b.WriteString(line)
	}
	if rest := size - b.Len(); rest > 0 {
		b.WriteString("#" + strings.Repeat("x", rest-1))
	}
	b.Truncate(size)
	return b.Bytes()
}

// Mask replaces the case's temporary folders in s with $DIR and $OUTSIDE,
// so that messages naming them can be compared with golden files.
func (c Case) Mask(s string) string {
	s = strings.ReplaceAll(s, filepath.ToSlash(c.Dir), "$DIR")
	s = strings.ReplaceAll(s, c.Dir, "$DIR")
	if c.Outside != "" {
		s = strings.ReplaceAll(s, filepath.ToSlash(c.Outside), "$OUTSIDE")
		s = strings.ReplaceAll(s, c.Outside, "$OUTSIDE")
	}
	return s
}
