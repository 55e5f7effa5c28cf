package split

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// ExistsError lists the files of the layout that are already there.
type ExistsError struct {
	Dir   string
	Files []string // slash paths relative to Dir
}

func (e *ExistsError) Error() string {
	const show = 5
	list := e.Files
	more := ""
	if len(list) > show {
		more = fmt.Sprintf(" and %d more", len(list)-show)
		list = list[:show]
	}
	return fmt.Sprintf("%s already holds %s%s: split never overwrites a file; choose an empty folder or remove them",
		e.Dir, strings.Join(list, ", "), more)
}

func (e *ExistsError) Is(target error) bool { return target == ErrExists }

// Write writes the layout under dir, creating the folders it needs. It
// never overwrites: when any of the files is already there (a symbolic
// link too) nothing is written and the error is an *ExistsError. Every
// file is rendered before the first is created, and on a failure the files
// written so far are removed.
func (r *Result) Write(dir string) error {
	data := make([][]byte, len(r.Files))
	for i, f := range r.Files {
		b, err := f.Bytes()
		if err != nil {
			return err
		}
		data[i] = b
	}
	var exists []string
	for _, f := range r.Files {
		if _, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(f.Path))); err == nil {
			exists = append(exists, f.Path)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	if len(exists) > 0 {
		sort.Strings(exists)
		return &ExistsError{Dir: dir, Files: exists}
	}
	var created []string // files and the folders made for them, in order
	undo := func() {
		for i := len(created) - 1; i >= 0; i-- {
			os.Remove(created[i]) // a folder only goes when empty
		}
	}
	for i, f := range r.Files {
		name := filepath.Join(dir, filepath.FromSlash(f.Path))
		dirs, err := mkdirs(filepath.Dir(name))
		created = append(created, dirs...)
		if err != nil {
			undo()
			return err
		}
		// O_EXCL: a file that appeared since the check is not replaced.
		out, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			undo()
			if errors.Is(err, fs.ErrExist) {
				return &ExistsError{Dir: dir, Files: []string{f.Path}}
			}
			return err
		}
		created = append(created, name)
		_, err = out.Write(data[i])
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			undo()
			return fmt.Errorf("write %s: %w", name, err)
		}
	}
	return nil
}

// mkdirs makes folder d and its missing parents, returning those it made,
// outermost first.
func mkdirs(d string) ([]string, error) {
	var missing []string
	for p := d; ; {
		if _, err := os.Stat(p); err == nil {
			break
		}
		missing = append(missing, p)
		parent := filepath.Dir(p)
		if parent == p {
			break
		}
		p = parent
	}
	var made []string
	for i := len(missing) - 1; i >= 0; i-- {
		err := os.Mkdir(missing[i], 0o755)
		switch {
		case err == nil:
			made = append(made, missing[i])
		case !errors.Is(err, fs.ErrExist):
			return made, err
		}
	}
	return made, nil
}
