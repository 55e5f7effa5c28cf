package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/dospec/dospec/spec"
)

// sources are the local files a command read: the spec's files (of either
// side of a diff) and its configuration. Every command that writes a file
// asks refuseSource first, so -o never replaces what the user wrote.
type sources []string

// addSpec adds the files of sp. workTree is the folder their locations are
// relative to: "" for a spec read from the file system (locations are
// absolute), the repository's top folder for one read from a git revision
// (its files in the work tree are still the user's).
func (s *sources) addSpec(sp *spec.Spec, workTree string) {
	if sp == nil {
		return
	}
	for _, f := range sp.Files {
		loc := filepath.FromSlash(f.Loc)
		if workTree != "" && !filepath.IsAbs(loc) {
			loc = filepath.Join(workTree, loc)
		}
		*s = append(*s, loc)
	}
}

// add adds files named on the command line (the root, the configuration).
func (s *sources) add(names ...string) {
	for _, n := range names {
		if n != "" && n != "-" {
			*s = append(*s, n)
		}
	}
}

// refuseSource returns an error when writing out would replace one of the
// sources (through a symlink or a hard link too). A path that does not
// exist yet, or standard output, is always fine.
func refuseSource(out string, src sources) error {
	if out == "" || out == "-" {
		return nil
	}
	outInfo, err := os.Stat(out)
	if err != nil {
		return nil // does not exist yet: nothing to lose
	}
	if !outInfo.Mode().IsRegular() {
		return nil // /dev/null, a FIFO: written in place, holds nothing
	}
	for _, name := range src {
		st, err := os.Stat(name)
		if err == nil && os.SameFile(st, outInfo) {
			return fmt.Errorf("-o %s would overwrite %s, a file of the spec", out, displayName(name))
		}
	}
	return nil
}

// displayName is name relative to the working directory when it is below it.
func displayName(name string) string {
	wd, err := os.Getwd()
	if err != nil {
		return name
	}
	abs, err := filepath.Abs(name)
	if err != nil {
		return name
	}
	if rel, err := filepath.Rel(wd, abs); err == nil && filepath.IsLocal(rel) {
		return rel
	}
	return name
}
