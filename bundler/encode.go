package bundler

import (
	"bufio"
	"fmt"
	"io"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	yaml "github.com/pb33f/go-yaml"
)

// WriteYAML writes doc as YAML with 2-space indentation.
func WriteYAML(w io.Writer, doc *yaml.Node) error {
	// The block writer (yamlwrite.go) builds the whole document in memory
	// first, so that a tree it refuses (a custom tag, a non-scalar key…)
	// leaves nothing half-written and goes to the library's encoder below.
	if chunks, err := yamlChunks(doc); err == nil {
		defer releaseYAMLChunks(chunks)
		for _, c := range chunks {
			if _, err := w.Write(c); err != nil {
				return err
			}
		}
		return nil
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := yaml.NewEncoder(bw)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write yaml: %w", err)
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("write yaml: %w", err)
	}
	return bw.Flush()
}

// WriteJSON writes doc as indented JSON. Numbers keep their written digits
// (18446744073709551615 stays as is); YAML-only forms (0x1f, 1_000, .inf)
// become their JSON equivalents or strings.
func WriteJSON(w io.Writer, doc *yaml.Node) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	j := jsonWriter{w: bw}
	j.value(doc, 0)
	j.buf = append(j.buf, '\n')
	if _, err := bw.Write(j.buf); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	return bw.Flush()
}

type jsonWriter struct {
	w   *bufio.Writer
	buf []byte
}

func (j *jsonWriter) indent(depth int) {
	j.buf = append(j.buf, '\n')
	for i := 0; i < depth; i++ {
		j.buf = append(j.buf, ' ', ' ')
	}
}

func (j *jsonWriter) value(n *yaml.Node, depth int) {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if len(j.buf) > 1<<16 {
		j.w.Write(j.buf)
		j.buf = j.buf[:0]
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) > 0 {
			j.value(n.Content[0], depth)
		} else {
			j.buf = append(j.buf, "null"...)
		}
	case yaml.MappingNode:
		if len(n.Content) == 0 {
			j.buf = append(j.buf, "{}"...)
			return
		}
		j.buf = append(j.buf, '{')
		for i := 0; i+1 < len(n.Content); i += 2 {
			if i > 0 {
				j.buf = append(j.buf, ',')
			}
			j.indent(depth + 1)
			j.buf = appendJSONString(j.buf, n.Content[i].Value)
			j.buf = append(j.buf, ':', ' ')
			j.value(n.Content[i+1], depth+1)
		}
		j.indent(depth)
		j.buf = append(j.buf, '}')
	case yaml.SequenceNode:
		if len(n.Content) == 0 {
			j.buf = append(j.buf, "[]"...)
			return
		}
		j.buf = append(j.buf, '[')
		for i, c := range n.Content {
			if i > 0 {
				j.buf = append(j.buf, ',')
			}
			j.indent(depth + 1)
			j.value(c, depth+1)
		}
		j.indent(depth)
		j.buf = append(j.buf, ']')
	default:
		j.buf = appendScalar(j.buf, n)
	}
}

var jsonNumber = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$`)

// appendScalar writes a YAML scalar as the JSON value it means.
func appendScalar(buf []byte, n *yaml.Node) []byte {
	v := n.Value
	switch n.ShortTag() {
	case "!!null":
		return append(buf, "null"...)
	case "!!bool":
		if strings.EqualFold(v, "true") || strings.EqualFold(v, "yes") || strings.EqualFold(v, "on") {
			return append(buf, "true"...)
		}
		return append(buf, "false"...)
	case "!!int":
		if jsonNumber.MatchString(v) {
			return append(buf, v...)
		}
		clean := strings.ReplaceAll(strings.TrimPrefix(v, "+"), "_", "")
		if strings.HasPrefix(clean, "0o") || strings.HasPrefix(clean, "-0o") {
			clean = strings.Replace(clean, "0o", "0", 1)
		}
		if i, ok := new(big.Int).SetString(clean, 0); ok {
			return i.Append(buf, 10)
		}
	case "!!float":
		if jsonNumber.MatchString(v) {
			return append(buf, v...)
		}
		if f, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimPrefix(v, "+"), "_", ""), 64); err == nil && !isInfOrNaN(f) {
			return strconv.AppendFloat(buf, f, 'g', -1, 64)
		}
	}
	return appendJSONString(buf, v)
}

func isInfOrNaN(f float64) bool {
	return f != f || f > 1.7976931348623157e308 || f < -1.7976931348623157e308
}

const hexDigits = "0123456789abcdef"

// appendJSONString quotes s as a JSON string, leaving <, > and & as they
// are (the output is a file, not HTML).
func appendJSONString(buf []byte, s string) []byte {
	buf = append(buf, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			buf = append(buf, s[start:i]...)
			switch c {
			case '"', '\\':
				buf = append(buf, '\\', c)
			case '\n':
				buf = append(buf, '\\', 'n')
			case '\r':
				buf = append(buf, '\\', 'r')
			case '\t':
				buf = append(buf, '\\', 't')
			default:
				buf = append(buf, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == '\u2028' || r == '\u2029' {
			buf = append(buf, s[start:i]...)
			buf = append(buf, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	buf = append(buf, s[start:]...)
	return append(buf, '"')
}
