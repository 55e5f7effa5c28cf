package main

import (
	"errors"
	"io"

	"github.com/dospec/dospec/internal/atomicfile"
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
