// Package annotate writes GitHub Actions workflow commands
// (::error file=…,line=…::message), which lint and diff both emit.
package annotate

import (
	"fmt"
	"io"
	"strings"
)

// Annotation is one workflow command.
type Annotation struct {
	Level string // error, warning or notice
	File  string // repository-relative; "" for none
	Line  int
	Col   int
	Title string
	Text  string
}

var (
	data     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	property = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// Write writes a as one line, with GitHub's escaping of the message and
// of the properties.
func Write(w io.Writer, a Annotation) error {
	var props []string
	if a.File != "" {
		props = append(props, "file="+property.Replace(a.File))
		if a.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", a.Line))
			if a.Col > 0 {
				props = append(props, fmt.Sprintf("col=%d", a.Col))
			}
		}
	}
	if a.Title != "" {
		props = append(props, "title="+property.Replace(a.Title))
	}
	_, err := fmt.Fprintf(w, "::%s %s::%s\n", a.Level, strings.Join(props, ","), data.Replace(a.Text))
	return err
}
