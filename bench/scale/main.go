// Command scale writes a synthetic spec that is DigitalOcean's multi-file
// spec replicated K times, for the scaling run of bench/run.sh.
//
//	go run ./bench/scale -spec ../shared/specs/digitalocean/current/specification -k 5 -out /tmp/do5x
//
// Replica 1 is the spec itself, in the output folder's top level (with -k 1
// the output is the original spec, byte for byte). Replica c >= 2 is a copy
// of the whole spec folder in rC/, whose paths are listed again in the root
// under /v2/cC/... (/v1/cC/... for /v1/ paths, /cC/... for a path with no
// version), with the root's $refs pointed into rC/. Every operationId in
// replica c >= 2 gets the suffix _cC (links that name operations are
// rewritten the same way, so they stay valid). Everything else, components
// included, is reached through the replicas' own files, so each replica is a
// complete, separate copy of the spec's $ref graph.
//
// The rewriting is line-based and relies on the layout of DigitalOcean's
// root (block-style YAML, a top-level paths: mapping whose keys are paths);
// it fails loudly when that layout is not found.
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

func main() {
	spec := flag.String("spec", "", "the spec's folder (holding the root file)")
	root := flag.String("root", "DigitalOcean-public.v2.yaml", "the root file's name inside -spec")
	k := flag.Int("k", 2, "number of replicas (1 writes the spec once, in the same layout)")
	out := flag.String("out", "", "output folder (must not exist or be empty)")
	flag.Parse()
	if *spec == "" || *out == "" || *k < 1 || flag.NArg() != 0 {
		fmt.Fprintln(os.Stderr, "usage: scale -spec DIR [-root NAME] -k K -out DIR")
		os.Exit(2)
	}
	st, err := run(*spec, *root, *k, *out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "scale:", err)
		os.Exit(1)
	}
	fmt.Printf("k=%d files=%d paths=%d operationIds-rewritten=%d root=%s\n",
		*k, st.files, st.paths, st.opIDs, filepath.Join(*out, *root))
}

type stats struct {
	files, paths, opIDs int
}

var (
	// $ref: "file.yml#/x", $ref: 'file.yml', $ref: file.yml, also in flow
	// mappings ({$ref: file.yml}). Local refs (#/...) are not matched.
	refRE = regexp.MustCompile(`(\$ref["']?\s*:\s*)(["']?)([^"'\s,}#][^"'\s,}]*)`)
	// operationId: name (optionally quoted, optionally a list item).
	opIDRE = regexp.MustCompile(`^(\s*(?:-\s+)?operationId:\s*)(["']?)([A-Za-z0-9_.\-]+)(["']?)(\s*(?:#.*)?)$`)
	// A key of the paths mapping: "  /v2/x/{id}:" (optionally quoted).
	pathKeyRE = regexp.MustCompile(`^(\s+)(["']?)(/[^"'\s]*)(["']?):\s*(#.*)?$`)
	versionRE = regexp.MustCompile(`^/v[0-9]+/`)
)

func run(spec, rootName string, k int, out string) (stats, error) {
	var st stats
	rootPath := filepath.Join(spec, rootName)
	rootSrc, err := os.ReadFile(rootPath)
	if err != nil {
		return st, err
	}
	if entries, err := os.ReadDir(out); err == nil && len(entries) > 0 {
		return st, fmt.Errorf("%s is not empty", out)
	}
	for c := 2; c <= k; c++ {
		if _, err := os.Stat(filepath.Join(spec, replicaDir(c))); err == nil {
			return st, fmt.Errorf("%s already has a %s/ folder; replicas would clash", spec, replicaDir(c))
		}
	}
	for c := 1; c <= k; c++ {
		n, ids, err := copyReplica(spec, rootPath, filepath.Join(out, replicaDir(c)), c)
		if err != nil {
			return st, err
		}
		st.files += n
		st.opIDs += ids
	}
	newRoot, paths, err := rewriteRoot(rootSrc, k)
	if err != nil {
		return st, fmt.Errorf("%s: %w", rootPath, err)
	}
	st.paths = paths
	st.files++
	return st, os.WriteFile(filepath.Join(out, rootName), newRoot, 0o644)
}

// replicaDir is replica c's folder relative to the output folder ("" for the
// first, which sits at the top level like the original).
func replicaDir(c int) string {
	if c == 1 {
		return ""
	}
	return fmt.Sprintf("r%d", c)
}

// copyReplica copies every regular file under spec except the root into dst,
// suffixing operationIds in YAML files when c >= 2.
func copyReplica(spec, rootPath, dst string, c int) (files, opIDs int, err error) {
	err = filepath.WalkDir(spec, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(spec, p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() || p == rootPath {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if c >= 2 && isYAML(p) {
			var n int
			data, n = suffixOperationIDs(data, fmt.Sprintf("_c%d", c))
			opIDs += n
		}
		files++
		return os.WriteFile(target, data, 0o644)
	})
	return files, opIDs, err
}

func isYAML(p string) bool {
	ext := strings.ToLower(filepath.Ext(p))
	return ext == ".yml" || ext == ".yaml"
}

func suffixOperationIDs(data []byte, suffix string) ([]byte, int) {
	n := 0
	lines := splitLines(data)
	for i, l := range lines {
		if !strings.Contains(l, "operationId") {
			continue
		}
		if m := opIDRE.FindStringSubmatch(l); m != nil {
			lines[i] = m[1] + m[2] + m[3] + suffix + m[4] + m[5]
			n++
		}
	}
	return joinLines(lines), n
}

// rewriteRoot returns the K-fold root and the number of path keys written.
func rewriteRoot(src []byte, k int) ([]byte, int, error) {
	lines := splitLines(src)
	start, end := -1, len(lines)
	for i, l := range lines {
		if start < 0 {
			if strings.TrimRight(l, " \t\r") == "paths:" {
				start = i
			}
			continue
		}
		if isTopLevelKey(l) {
			end = i
			break
		}
	}
	if start < 0 {
		return nil, 0, errors.New("no top-level paths: line")
	}
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	for _, l := range lines[:start+1] {
		fmt.Fprintln(w, prefixRefs(l, replicaDir(1)))
	}
	body := lines[start+1 : end]
	indent := ""
	for _, l := range body {
		if !isBlankOrComment(l) {
			indent = l[:len(l)-len(strings.TrimLeft(l, " "))]
			break
		}
	}
	if indent == "" {
		return nil, 0, errors.New("paths: is empty or not a block mapping")
	}
	paths := 0
	for c := 1; c <= k; c++ {
		if c > 1 && len(body) > 0 && strings.TrimSpace(body[len(body)-1]) != "" {
			fmt.Fprintln(w)
		}
		for _, l := range body {
			if isBlankOrComment(l) {
				if c == 1 {
					fmt.Fprintln(w, l)
				}
				continue
			}
			if strings.HasPrefix(l, indent) && !strings.HasPrefix(l, indent+" ") {
				m := pathKeyRE.FindStringSubmatch(l)
				if m == nil || m[1] != indent {
					return nil, 0, fmt.Errorf("paths: key %q is not a path", strings.TrimSpace(l))
				}
				fmt.Fprintf(w, "%s%s%s%s:\n", m[1], m[2], prefixPath(m[3], c), m[4])
				paths++
				continue
			}
			fmt.Fprintln(w, prefixRefs(l, replicaDir(c)))
		}
	}
	for _, l := range lines[end:] {
		fmt.Fprintln(w, prefixRefs(l, replicaDir(1)))
	}
	if err := w.Flush(); err != nil {
		return nil, 0, err
	}
	return b.Bytes(), paths, nil
}

// prefixPath puts replica c's paths under their own prefix after the
// version: /v2/x becomes /v2/cC/x (/x, with no version, becomes /cC/x).
// Replica 1 keeps the original paths.
func prefixPath(p string, c int) string {
	if c == 1 {
		return p
	}
	seg := fmt.Sprintf("c%d/", c)
	if v := versionRE.FindString(p); v != "" {
		return v + seg + p[len(v):]
	}
	return "/" + seg + p[1:]
}

// prefixRefs points every relative file $ref on the line into dir.
func prefixRefs(l, dir string) string {
	if dir == "" || !strings.Contains(l, "$ref") || isBlankOrComment(l) {
		return l
	}
	return refRE.ReplaceAllStringFunc(l, func(s string) string {
		m := refRE.FindStringSubmatch(s)
		target := m[3]
		if strings.Contains(target, "://") || strings.HasPrefix(target, "/") {
			return s
		}
		return m[1] + m[2] + dir + "/" + target
	})
}

func isTopLevelKey(l string) bool {
	return l != "" && l[0] != ' ' && l[0] != '\t' && l[0] != '#' && strings.Contains(l, ":")
}

func isBlankOrComment(l string) bool {
	t := strings.TrimSpace(l)
	return t == "" || strings.HasPrefix(t, "#")
}

func splitLines(data []byte) []string {
	s := strings.TrimSuffix(string(data), "\n")
	return strings.Split(s, "\n")
}

func joinLines(lines []string) []byte {
	return []byte(strings.Join(lines, "\n") + "\n")
}
