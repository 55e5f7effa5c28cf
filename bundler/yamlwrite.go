package bundler

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	yaml "github.com/pb33f/go-yaml"

	"github.com/dospec/dospec/spec"
)

// This file is a block-style YAML writer for the trees the bundler builds.
// The library's encoder goes through events, an emitter state machine and
// line folding; the bundle only ever needs mappings, sequences and scalars
// in block style, so writing them directly is several times faster. Every
// scalar is checked byte by byte so that reading the output back gives the
// same value and the same resolved tag; anything this writer cannot promise
// that for makes it give up (errYAMLFallback) and WriteYAML hands the whole
// document to the library instead.

// errYAMLFallback says the tree holds something the block writer does not
// emit safely (a custom tag, a non-scalar or very long key, invalid UTF-8…).
var errYAMLFallback = errors.New("yaml writer: tree needs the library encoder")

const (
	tagStr       = "!!str"
	tagInt       = "!!int"
	tagFloat     = "!!float"
	tagBool      = "!!bool"
	tagNull      = "!!null"
	tagTimestamp = "!!timestamp"
	tagMerge     = "!!merge"
)

// maxYAMLKey is the longest key written as an implicit key: YAML readers
// stop looking for the ':' of a simple key after 1024 characters (counted
// here in bytes, which is stricter).
const maxYAMLKey = 1024

// maxYAMLDepth bounds nesting, so that an alias cycle cannot recurse forever.
const maxYAMLDepth = 10000

// yamlChunkSize is the size of the pieces the document is built in: the
// whole document is kept until it is known to be writable, and growing one
// slice to the size of a large bundle would copy it over and over.
const yamlChunkSize = 64 << 10

// A chunk has room past yamlChunkSize for the entry that crosses it.
const yamlChunkCap = yamlChunkSize + yamlChunkSize/4

// yamlChunkPool keeps chunks between documents: a bundle is several MB, and
// allocating it anew each time makes the collector scan the (much larger)
// loaded spec more often.
var yamlChunkPool = sync.Pool{New: func() any { b := make([]byte, 0, yamlChunkCap); return &b }}

func newYAMLChunk() []byte { return (*yamlChunkPool.Get().(*[]byte))[:0] }

// releaseYAMLChunks returns chunks to the pool once they are written; ones
// that grew past their size for a long scalar are left to the collector.
func releaseYAMLChunks(chunks [][]byte) {
	for _, c := range chunks {
		if cap(c) == yamlChunkCap {
			c = c[:0]
			yamlChunkPool.Put(&c)
		}
	}
}

// yamlChunks renders doc as a block-style YAML document, returned as
// pieces to be written in order.
func yamlChunks(doc *yaml.Node) ([][]byte, error) {
	n, err := unaliasNode(doc)
	if err != nil {
		return nil, err
	}
	if n.Kind == yaml.DocumentNode {
		if len(n.Content) != 1 {
			return nil, errYAMLFallback
		}
		if n, err = unaliasNode(n.Content[0]); err != nil {
			return nil, err
		}
	}
	e := yamlEmitter{buf: newYAMLChunk()}
	switch n.Kind {
	case yaml.MappingNode, yaml.SequenceNode:
		if err := checkCollection(n); err != nil {
			return nil, err
		}
		if len(n.Content) == 0 {
			e.buf = append(e.buf, emptyCollection(n)[1:]...)
			e.buf = append(e.buf, '\n')
		} else if n.Kind == yaml.MappingNode {
			err = e.mapping(n, 0, false)
		} else {
			err = e.sequence(n, 0, false)
		}
	case yaml.ScalarNode:
		err = e.rootScalar(n)
	default:
		err = errYAMLFallback
	}
	e.chunks = append(e.chunks, e.buf)
	if err != nil {
		releaseYAMLChunks(e.chunks)
		return nil, err
	}
	return e.chunks, nil
}

type yamlEmitter struct {
	chunks [][]byte
	buf    []byte // the chunk being filled
	depth  int
}

// next starts a new chunk once the current one is full.
func (e *yamlEmitter) next() {
	if len(e.buf) >= yamlChunkSize {
		e.chunks = append(e.chunks, e.buf)
		e.buf = newYAMLChunk()
	}
}

func unaliasNode(n *yaml.Node) (*yaml.Node, error) {
	for i := 0; n != nil && n.Kind == yaml.AliasNode; i++ {
		if i > maxYAMLDepth {
			return nil, errYAMLFallback
		}
		n = n.Alias
	}
	if n == nil {
		return nil, errYAMLFallback
	}
	return n, nil
}

// checkCollection refuses tagged collections (!!set, !!omap, custom tags):
// block syntax without a tag would read back as a plain map or seq.
func checkCollection(n *yaml.Node) error {
	switch n.Kind {
	case yaml.MappingNode:
		if n.ShortTag() != "!!map" || len(n.Content)%2 != 0 {
			return errYAMLFallback
		}
	case yaml.SequenceNode:
		if n.ShortTag() != "!!seq" {
			return errYAMLFallback
		}
	}
	return nil
}

func emptyCollection(n *yaml.Node) string {
	if n.Kind == yaml.MappingNode {
		return " {}"
	}
	return " []"
}

const yamlSpaces = "                                                                "

func (e *yamlEmitter) indent(n int) {
	for n > len(yamlSpaces) {
		e.buf = append(e.buf, yamlSpaces...)
		n -= len(yamlSpaces)
	}
	e.buf = append(e.buf, yamlSpaces[:n]...)
}

// mapping writes the entries of a non-empty mapping with its keys at column
// ind. inline means the first key goes where the cursor is (after "- ").
func (e *yamlEmitter) mapping(n *yaml.Node, ind int, inline bool) error {
	if e.depth++; e.depth > maxYAMLDepth {
		return errYAMLFallback
	}
	for i := 0; i < len(n.Content); i += 2 {
		e.next()
		if i > 0 || !inline {
			e.indent(ind)
		}
		k, err := unaliasNode(n.Content[i])
		if err != nil {
			return err
		}
		if k.Kind != yaml.ScalarNode {
			return errYAMLFallback
		}
		start := len(e.buf)
		if err := e.key(k); err != nil {
			return err
		}
		if len(e.buf)-start > maxYAMLKey {
			return errYAMLFallback
		}
		e.buf = append(e.buf, ':')
		if err := e.child(n.Content[i+1], ind, false); err != nil {
			return err
		}
	}
	e.depth--
	return nil
}

// sequence writes the items of a non-empty sequence with their dashes at
// column ind; inline as for mapping.
func (e *yamlEmitter) sequence(n *yaml.Node, ind int, inline bool) error {
	if e.depth++; e.depth > maxYAMLDepth {
		return errYAMLFallback
	}
	for i, c := range n.Content {
		e.next()
		if i > 0 || !inline {
			e.indent(ind)
		}
		e.buf = append(e.buf, '-')
		if err := e.child(c, ind, true); err != nil {
			return err
		}
	}
	e.depth--
	return nil
}

// child writes the node after "key:" or "-" (the cursor is right after the
// indicator), through the end of its last line. col is the column of the
// key or dash: nested blocks and block scalar text go at col+2.
func (e *yamlEmitter) child(c *yaml.Node, col int, item bool) error {
	c, err := unaliasNode(c)
	if err != nil {
		return err
	}
	switch c.Kind {
	case yaml.ScalarNode:
		return e.valueScalar(c, col)
	case yaml.MappingNode, yaml.SequenceNode:
		if err := checkCollection(c); err != nil {
			return err
		}
		if len(c.Content) == 0 {
			e.buf = append(e.buf, emptyCollection(c)...)
			e.buf = append(e.buf, '\n')
			return nil
		}
		// Under a key a block starts on the next line; in a sequence item
		// it starts on the dash's line ("- key: v", "- - a"), as the
		// library's encoder does.
		if item {
			e.buf = append(e.buf, ' ')
		} else {
			e.buf = append(e.buf, '\n')
		}
		if c.Kind == yaml.MappingNode {
			return e.mapping(c, col+2, item)
		}
		return e.sequence(c, col+2, item)
	}
	return errYAMLFallback
}

// Output styles for a scalar.
const (
	outPlain = iota
	outSingle
	outDouble
	outLiteral
	outFolded  // one line, with its trailing line feeds
	outNothing // an empty null: "key:" with no value
)

func (e *yamlEmitter) valueScalar(n *yaml.Node, col int) error {
	style, err := scalarStyle(n, false)
	if err != nil {
		return err
	}
	switch style {
	case outNothing:
		e.buf = append(e.buf, '\n')
		return nil
	case outLiteral, outFolded:
		e.block(n.Value, col+2, style == outFolded)
		return nil
	}
	e.buf = append(e.buf, ' ')
	e.flowScalar(n.Value, style)
	e.buf = append(e.buf, '\n')
	return nil
}

func (e *yamlEmitter) key(n *yaml.Node) error {
	style, err := scalarStyle(n, true)
	if err != nil {
		return err
	}
	e.flowScalar(n.Value, style)
	return nil
}

// rootScalar writes a document that is a single scalar. A block scalar's
// indentation at the top level is a corner no bundle needs: quote instead.
func (e *yamlEmitter) rootScalar(n *yaml.Node) error {
	style, err := scalarStyle(n, false)
	if err != nil {
		return err
	}
	switch style {
	case outNothing:
		return errYAMLFallback
	case outLiteral, outFolded:
		style = outDouble
	}
	e.flowScalar(n.Value, style)
	e.buf = append(e.buf, '\n')
	return nil
}

func (e *yamlEmitter) flowScalar(v string, style int) {
	switch style {
	case outPlain:
		e.buf = append(e.buf, v...)
	case outSingle:
		e.buf = appendSingleQuoted(e.buf, v)
	default:
		e.buf = appendDoubleQuoted(e.buf, v)
	}
}

// Scalar content flags from scanScalar.
const (
	scBreak    = 1 << iota // a line feed
	scEscape               // a character only a double-quoted scalar can hold
	scTab                  // a tab: fine in literal blocks, quoted to be safe elsewhere
	scNotPlain             // a plain scalar would not read back as this text
	scInvalid              // not UTF-8: no YAML string holds it
)

// Classes of ASCII bytes that depend on their neighbours.
const (
	clColon = 0x80 // a plain scalar may not hold ": "
	clHash  = 0x40 // nor " #" (a comment)
)

// asciiClass sorts the ASCII bytes scanScalar has to look at: a scanScalar
// flag, a class above, or 0 for an ordinary printable character.
var asciiClass = func() (t [128]uint8) {
	for c := 0; c < 0x20; c++ {
		t[c] = scEscape // C0 controls and CR (a line break YAML would normalise)
	}
	t['\n'] = scBreak
	t['\t'] = scTab
	t[0x7f] = scEscape
	t[':'] = clColon
	t['#'] = clHash
	return t
}()

// scanScalar reports, in one pass over s, what the scalar styles need to
// know about it.
func scanScalar(s string) (f uint8) {
	if s == "" {
		return scNotPlain
	}
	switch s[0] {
	case '#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', ' ':
		f |= scNotPlain
	case '-', '?', ':':
		// "-x", "?x", ":x" read as plain text; "- x" would be a sequence.
		if len(s) == 1 || s[1] == ' ' || s[1] == '\t' {
			f |= scNotPlain
		}
	}
	if last := s[len(s)-1]; last == ' ' || last == ':' {
		f |= scNotPlain
	}
	if len(s) >= 3 && (s[:3] == "---" || s[:3] == "...") {
		f |= scNotPlain // document markers
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < utf8.RuneSelf {
			switch cl := asciiClass[c]; cl {
			case 0:
			case clColon:
				if i+1 < len(s) && s[i+1] == ' ' {
					f |= scNotPlain
				}
			case clHash:
				if i > 0 && s[i-1] == ' ' {
					f |= scNotPlain
				}
			default:
				f |= cl
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return f | scInvalid
		case r <= 0x9f, // C1 controls, NEL (a line break to YAML 1.1)
			r == 0x2028, r == 0x2029, // line and paragraph separators: line breaks to libyaml
			r == 0xfeff,              // BOM
			r == 0xfffe, r == 0xffff: // not characters
			f |= scEscape
		}
		i += size - 1
	}
	return f
}

// scalarStyle picks how a scalar is written: the source style when it is
// valid for the value, else the simplest style that reads back exactly.
func scalarStyle(n *yaml.Node, key bool) (int, error) {
	v := n.Value
	f := scanScalar(v)
	if f&scInvalid != 0 {
		return 0, errYAMLFallback
	}
	tag := n.Tag
	if tag != tagStr {
		tag = n.ShortTag()
	}
	if tag != tagStr {
		// Numbers, booleans, nulls and dates are written as the parser
		// read them, and only when the text still resolves to that tag.
		switch tag {
		case tagInt, tagFloat, tagBool, tagNull, tagTimestamp:
		default:
			return 0, errYAMLFallback
		}
		if v == "" && tag == tagNull && !key {
			return outNothing, nil
		}
		// 1e400 and 18446744073709552000 are too big for Go's numbers, so
		// the YAML 1.1 rules call them a string and a float; to YAML 1.2
		// (what OpenAPI reads) they are a float and an integer.
		if f == 0 && (plainTag(v) == tag || (tag == tagFloat || tag == tagInt) && spec.CoreTag(v) == tag) {
			return outPlain, nil
		}
		return 0, errYAMLFallback
	}
	quotable := f&(scBreak|scEscape|scTab) == 0 // fits in single quotes
	st := n.Style
	switch {
	case st&yaml.DoubleQuotedStyle != 0:
		return outDouble, nil
	case st&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 || st&yaml.SingleQuotedStyle == 0 && f&scBreak != 0:
		if !key && v != "" && f&scEscape == 0 {
			// Folded text of one line stays folded: nothing folds in it.
			// Over several lines it becomes literal, as refolding would
			// mean wrapping lines and the literal form shows the value
			// as it is.
			if st&yaml.FoldedStyle != 0 && v[0] != ' ' && v[0] != '\t' && strings.IndexByte(strings.TrimRight(v, "\n"), '\n') < 0 {
				return outFolded, nil
			}
			return outLiteral, nil
		}
	case st&yaml.SingleQuotedStyle != 0:
	default:
		if f == 0 && plainTag(v) == tagStr && !yaml11Special(v) && spec.CoreTag(v) == tagStr {
			return outPlain, nil
		}
	}
	if quotable {
		return outSingle, nil
	}
	return outDouble, nil
}

// plainTag is the tag the library's resolver gives an untagged plain
// scalar (its rules, restated: the resolver is not exported).
func plainTag(s string) string {
	if s == "" {
		return tagNull
	}
	switch c := s[0]; {
	case c == '.':
		switch s {
		case ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF":
			return tagFloat
		}
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return tagFloat
		}
	case c == '+' || c == '-' || c >= '0' && c <= '9':
		switch s {
		case "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", "-0", "-0.0":
			return tagFloat
		}
		if isTimestamp(s) {
			return tagTimestamp
		}
		plain := s
		if strings.IndexByte(s, '_') >= 0 {
			plain = strings.ReplaceAll(s, "_", "")
		}
		if isGoInt(plain) {
			if _, err := strconv.ParseInt(plain, 0, 64); err == nil {
				return tagInt
			}
			if _, err := strconv.ParseUint(plain, 0, 64); err == nil {
				return tagInt
			}
		}
		if spec.IsYAMLFloat(plain) {
			if _, err := strconv.ParseFloat(plain, 64); err == nil {
				return tagFloat
			}
		}
	case c == 't' || c == 'T' || c == 'f' || c == 'F':
		switch s {
		case "true", "True", "TRUE", "false", "False", "FALSE":
			return tagBool
		}
	case c == 'n' || c == 'N' || c == '~':
		switch s {
		case "~", "null", "Null", "NULL":
			return tagNull
		}
	case c == '<':
		if s == "<<" {
			return tagMerge
		}
	}
	return tagStr
}

// isGoInt reports whether s has the syntax strconv.ParseInt accepts with
// base 0 (range aside), so that the common non-numbers ("1.2.3", "10GB")
// do not cost ParseInt an error value.
func isGoInt(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	if s == "" {
		return false
	}
	max := byte('9') // the largest digit of the base
	if s[0] == '0' && len(s) > 1 {
		max = '7'
		if len(s) > 2 {
			switch s[1] {
			case 'x', 'X':
				for i := 2; i < len(s); i++ {
					if c := s[i] | 0x20; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
						return false
					}
				}
				return true
			case 'o', 'O':
				s = s[2:]
			case 'b', 'B':
				s, max = s[2:], '1'
			}
		}
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > max {
			return false
		}
	}
	return true
}

// The date forms the library's resolver reads as timestamps.
var timestampLayouts = []string{
	"2006-1-2T15:4:5.999999999Z07:00",
	"2006-1-2t15:4:5.999999999Z07:00",
	"2006-1-2 15:4:5.999999999",
	"2006-1-2",
}

func isTimestamp(s string) bool {
	if !startsWithYear(s) {
		return false
	}
	for _, layout := range timestampLayouts {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	return false
}

// startsWithYear reports whether s begins with four digits and a '-'.
func startsWithYear(s string) bool {
	if len(s) < 5 || s[4] != '-' {
		return false
	}
	for i := 0; i < 4; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// yaml11Special reports strings that YAML 1.1 readers (still common among
// OpenAPI tools) take for something other than a string, though this
// parser reads them as text: yes/no/on/off, sexagesimal numbers (1:20 is
// 80), the timestamp forms this parser does not read. Quoting them costs
// nothing and keeps their meaning everywhere.
func yaml11Special(s string) bool {
	switch s {
	case "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
		"on", "On", "ON", "off", "Off", "OFF", "=":
		return true
	}
	if c := s[0]; c == '+' || c == '-' || c >= '0' && c <= '9' {
		if strings.IndexByte(s, ':') >= 0 && yaml11Sexagesimal.MatchString(s) {
			return true
		}
		return startsWithYear(s) && yaml11Timestamp.MatchString(s)
	}
	return false
}

var (
	yaml11Sexagesimal = regexp.MustCompile(`^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`)
	yaml11Timestamp   = regexp.MustCompile(`^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?$`)
)

// appendSingleQuoted quotes a one-line printable s; ' is doubled.
func appendSingleQuoted(buf []byte, s string) []byte {
	buf = append(buf, '\'')
	for {
		i := strings.IndexByte(s, '\'')
		if i < 0 {
			break
		}
		buf = append(buf, s[:i+1]...)
		buf = append(buf, '\'')
		s = s[i+1:]
	}
	buf = append(buf, s...)
	return append(buf, '\'')
}

// appendDoubleQuoted quotes s on one line. Printable Unicode stays as it
// is; breaks, tabs and the characters YAML readers refuse or treat as line
// breaks are escaped, so nothing is folded on the way back in.
func appendDoubleQuoted(buf []byte, s string) []byte {
	buf = append(buf, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != 0x7f {
				i++
				continue
			}
			buf = append(buf, s[start:i]...)
			switch c {
			case '"', '\\':
				buf = append(buf, '\\', c)
			case '\n':
				buf = append(buf, '\\', 'n')
			case '\t':
				buf = append(buf, '\\', 't')
			case '\r':
				buf = append(buf, '\\', 'r')
			default:
				buf = append(buf, '\\', 'x', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r <= 0x9f || r == 0x2028 || r == 0x2029 || r == 0xfeff || r == 0xfffe || r == 0xffff {
			buf = append(buf, s[start:i]...)
			if r <= 0xff {
				buf = append(buf, '\\', 'x', hexDigits[r>>4], hexDigits[r&0xf])
			} else {
				buf = append(buf, '\\', 'u', hexDigits[r>>12], hexDigits[r>>8&0xf], hexDigits[r>>4&0xf], hexDigits[r&0xf])
			}
			start = i + size
		}
		i += size
	}
	buf = append(buf, s[start:]...)
	return append(buf, '"')
}

// block writes " |" (or " >") and the lines of v at column ind. The
// chomping indicator keeps the trailing line feeds exact; an indentation
// indicator is added when the first text line starts with a space or tab,
// which a reader would otherwise take for indentation.
func (e *yamlEmitter) block(v string, ind int, folded bool) {
	if folded {
		e.buf = append(e.buf, ' ', '>')
	} else {
		e.buf = append(e.buf, ' ', '|')
	}
	body := strings.TrimRight(v, "\n")
	if first := strings.TrimLeft(body, "\n"); first != "" && (first[0] == ' ' || first[0] == '\t') {
		e.buf = append(e.buf, '2') // relative to the key or dash, at ind-2
	}
	switch {
	case len(body) == len(v):
		e.buf = append(e.buf, '-')
	case body == "" || len(v)-len(body) > 1:
		// Only "keep" preserves more than one final line feed, or any at
		// all when there is no text line.
		e.buf = append(e.buf, '+')
	}
	e.buf = append(e.buf, '\n')
	rest := v
	for rest != "" {
		line := rest
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = ""
		}
		if line != "" {
			e.indent(ind)
			e.buf = append(e.buf, line...)
		}
		e.buf = append(e.buf, '\n')
	}
}
