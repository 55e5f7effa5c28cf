package main

import (
	"errors"
	"io"
	"path/filepath"

	"github.com/dospec/dospec/internal/atomicfile"
	"github.com/dospec/dospec/internal/config"
)

func isExitError(err error) bool {
	var ee *exitError
	return errors.As(err, &ee)
}

// writeReport writes a finished report to standard output ("" or "-") or,
// atomically, to the file named by output, which must not be one of src.
func writeReport(s *streams, output string, data []byte, src sources) error {
	if output == "" || output == "-" {
		if _, err := s.Out.Write(data); err != nil {
			return failed(err)
		}
		return nil
	}
	if err := refuseSource(output, src); err != nil {
		return usageError("%v", err)
	}
	if err := atomicfile.Write(output, 0o644, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}); err != nil {
		return failed(err)
	}
	return nil
}

// loadConfig reads the configuration: the file --config names, else the
// .dospec.yaml found from root's folder upwards. It returns a nil File
// (every section empty) and "" when there is none.
func loadConfig(flag, root string) (*config.File, string, error) {
	path := flag
	if path == "" {
		path = config.Find(filepath.Dir(root))
	}
	if path == "" {
		return nil, "", nil
	}
	f, err := config.Load(displayName(path))
	if err != nil {
		return nil, "", usageError("%v", err)
	}
	return f, path, nil
}
