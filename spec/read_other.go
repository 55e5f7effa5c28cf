//go:build !unix

package spec

import "os"

func readFile(name string, max int64) ([]byte, error) {
	fh, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	// Stat first: a file over the limit is refused without reading it.
	if st, err := fh.Stat(); err == nil {
		if st.IsDir() {
			return nil, ErrIsFolder
		}
		if st.Mode().IsRegular() && st.Size() > max {
			return nil, ErrTooLarge
		}
	}
	return readLimited(fh, max)
}
