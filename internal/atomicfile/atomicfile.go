// Package atomicfile writes files so that a reader sees either the old
// content or the new, never a half-written file.
package atomicfile

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Write calls fill with a temporary file next to name and renames it over
// name once fill and the sync succeed. On any failure the temporary file
// is removed and name is left untouched.
//
// A name that is not a regular file (/dev/null, /dev/stdout, a FIFO) is
// written in place: renaming over it would replace the device with a file.
// A symlink is followed, so the file it points at is replaced, not the link.
func Write(name string, perm os.FileMode, fill func(w io.Writer) error) (err error) {
	if st, statErr := os.Stat(name); statErr == nil && !st.Mode().IsRegular() {
		if st.IsDir() {
			return fmt.Errorf("write %s: is a directory", name)
		}
		f, err := os.OpenFile(name, os.O_WRONLY, 0)
		if err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
		if err := fill(f); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}
	if real, linkErr := filepath.EvalSymlinks(name); linkErr == nil {
		name = real
	}
	dir := filepath.Dir(name)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(name)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = fill(tmp); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if st, statErr := os.Stat(name); statErr == nil {
		perm = st.Mode().Perm()
	}
	if err = os.Chmod(tmp.Name(), perm); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err = os.Rename(tmp.Name(), name); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}
