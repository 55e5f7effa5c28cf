package main

import (
	"errors"
	"fmt"
	"io"
)

// Exit codes, decided here and nowhere else.
const (
	exitOK         = 0 // nothing to report
	exitFindings   = 1 // findings at or above --fail-on, a stale bundle, or a failed write
	exitUsage      = 2 // bad flags or arguments
	exitUnreadable = 3 // the spec could not be loaded
)

// exitError carries an exit code up to run.
type exitError struct {
	code int
	err  error
	raw  bool // the message already starts with file:line:col
}

func (e *exitError) Error() string {
	if e.err == nil {
		return ""
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

func usageError(format string, args ...any) error {
	return &exitError{code: exitUsage, err: fmt.Errorf(format, args...)}
}

func unreadable(err error) error { return &exitError{code: exitUnreadable, err: err, raw: true} }

func failed(err error) error { return &exitError{code: exitFindings, err: err} }

// report prints err (if it has text) and returns its exit code.
func report(stderr io.Writer, err error) int {
	if err == nil {
		return exitOK
	}
	var ee *exitError
	code := exitFindings
	raw := false
	if errors.As(err, &ee) {
		code, raw = ee.code, ee.raw
	}
	switch msg := err.Error(); {
	case msg == "":
	case raw:
		fmt.Fprintln(stderr, msg)
	default:
		fmt.Fprintln(stderr, "dospec: "+indentLines(msg))
	}
	return code
}

// indentLines keeps a multi-line message readable after the "dospec: " prefix.
func indentLines(s string) string {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		out = append(out, s[i])
		if s[i] == '\n' && i+1 < len(s) {
			out = append(out, "  "...)
		}
	}
	return string(out)
}
