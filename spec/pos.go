// Package spec loads a multi-file OpenAPI document: the root file and every
// file its $refs reach, each parsed once into YAML nodes that keep their
// line and column, with every $ref resolved to the node it names.
//
// It is the one loader behind bundle, lint, gen and diff.
package spec

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Pos is a place in a source file of the spec. File is relative to the
// directory of the root file (slash-separated); Line and Col are 1-based and
// zero when unknown.
type Pos struct {
	File string `json:"file"`
	Line int    `json:"line,omitempty"`
	Col  int    `json:"col,omitempty"`
}

// String prints the position as editors and compilers do: file:line:col.
func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Before orders positions by file, then line, then column.
func (p Pos) Before(q Pos) bool {
	if p.File != q.File {
		return p.File < q.File
	}
	if p.Line != q.Line {
		return p.Line < q.Line
	}
	return p.Col < q.Col
}

// Error is a problem at a place in the spec.
type Error struct {
	Pos Pos
	Msg string
	Err error // the cause, if any, for errors.Is/As
}

func (e *Error) Error() string {
	if e.Pos.File == "" {
		return e.Msg
	}
	return e.Pos.String() + ": " + e.Msg
}

func (e *Error) Unwrap() error { return e.Err }

// ErrorList holds every problem found while loading, in position order.
type ErrorList []*Error

func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap lets errors.Is and errors.As see every problem.
func (l ErrorList) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

func (l ErrorList) sort() {
	sort.SliceStable(l, func(i, j int) bool {
		if l[i].Pos != l[j].Pos {
			return l[i].Pos.Before(l[j].Pos)
		}
		return l[i].Msg < l[j].Msg
	})
}

// Sentinel causes, for callers that branch on the kind of failure.
var (
	ErrNotFound     = errors.New("file not found")
	ErrSyntax       = errors.New("invalid YAML")
	ErrRefOutside   = errors.New("$ref leaves the spec's root folder")
	ErrRemote       = errors.New("remote $ref")
	ErrPointer      = errors.New("$ref target not found")
	ErrCycle        = errors.New("$ref cycle")
	ErrTooLarge     = errors.New("file too large")
	ErrIsFolder     = errors.New("is a folder, not a file")
	ErrTooDeep      = errors.New("nested too deep")
	ErrTag          = errors.New("unsupported YAML tag")
	ErrAliases      = errors.New("too many YAML aliases")
	ErrNotOpenAPI   = errors.New("not an OpenAPI document")
	ErrUnsupported  = errors.New("unsupported OpenAPI version")
	ErrDuplicateKey = errors.New("duplicate key")
)
