package spec

import (
	"bytes"
	"encoding/binary"
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	yaml "github.com/pb33f/go-yaml"
)

// errFallback reports that parseFast met something it does not handle, so
// the caller must parse the file with go-yaml instead.
var errFallback = errors.New("fastyaml: not handled")

// fastBail is the panic value parseFast uses to unwind; any other panic is
// a bug and is not swallowed.
type fastBail struct{}

// maxFastDepth bounds nesting, well below go-yaml's own limit, so a deep
// document falls back instead of growing the stack.
const maxFastDepth = 500

// parseFast parses src into the same node tree yaml.Unmarshal(src, &doc) gives (doc is a DocumentNode whose
// Content[0] is the top node), or returns errFallback when src uses anything it does not handle, so the caller
// falls back to go-yaml. It never returns a different tree than go-yaml would.
//
// It handles the YAML spec files are written in: block mappings and
// sequences, plain, quoted and block scalars, flow collections, one
// optional "---", and whole-line comments where go-yaml's attachment rule
// is simple (see comments). It falls back on other comments, anchors,
// aliases, tags, "?" keys, directives, several documents, tabs outside
// block scalar content, CR and other control characters, a BOM, and every
// input go-yaml would reject. Its rules mirror go-yaml's scanner (which has
// quirks of its own, such as no check of the indentation of quoted and flow
// continuation lines), not the YAML spec.
func parseFast(src []byte) (doc *yaml.Node, err error) {
	tabs, ok := fastPrecheck(src)
	if !ok {
		return nil, errFallback
	}
	p := &fastParser{src: src, str: string(src), line: 1}
	// Nodes come from one chunk sized by the colons, two nodes each: on spec
	// files that is about 15% more than needed in all, and rarely too few.
	// Counting one byte is much cheaper than finding ": ".
	est := 2*bytes.Count(src, colon) + 4
	p.nodes = make([]yaml.Node, 0, est)
	p.ptrs = make([]*yaml.Node, 0, est)
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(fastBail); !ok {
				panic(r)
			}
			doc, err = nil, errFallback
		}
	}()
	doc = p.document()
	if p.tabs != tabs {
		return nil, errFallback // a tab outside block scalar content
	}
	return doc, nil
}

var colon, tab, newline = []byte(":"), []byte("\t"), []byte("\n")

// fastPrecheck rejects, in one pass, the inputs whose every byte matters to
// go-yaml in ways the parser does not follow: invalid UTF-8, control
// characters (CR included), the Unicode line breaks NEL, LS and PS, C1
// controls, a BOM or noncharacter anywhere, directives, document end
// markers, and a "---" that is not the first line with content. It counts
// the tabs, which the parser accepts only as block scalar content.
func fastPrecheck(src []byte) (tabs int, ok bool) {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	docStart := false
	lineStart := 0
	for i := 0; i < len(src); {
		if i == lineStart {
			switch c := src[i]; c {
			case '%':
				return 0, false
			case '-', '.':
				if i+2 < len(src) && src[i+1] == c && src[i+2] == c && (i+3 == len(src) || src[i+3] == ' ' || src[i+3] == '\n') {
					if c == '.' || docStart || len(bytes.Trim(src[:i], " \n")) > 0 {
						return 0, false
					}
					docStart = true
				}
			}
		}
		// Skip eight bytes at once while none is below 0x20 or above 0x7e.
		if i+8 <= len(src) {
			x := binary.LittleEndian.Uint64(src[i:])
			if (x-0x20*ones)&^x&highs == 0 && ((x+ones)|x)&highs == 0 {
				i += 8
				continue
			}
		}
		c := src[i]
		switch {
		case c == '\n':
			lineStart = i + 1
		case c == '\t':
			tabs++
		case c < 0x20 || c == 0x7f:
			return 0, false
		case c >= 0x80:
			r, size := utf8.DecodeRune(src[i:])
			switch {
			case r == utf8.RuneError && size == 1, r < 0xA0, r == 0x2028, r == 0x2029, r == 0xFEFF, r == 0xFFFE, r == 0xFFFF:
				return 0, false
			}
			i += size
			continue
		}
		i++
	}
	return tabs, true
}

type fastParser struct {
	src       []byte
	str       string // src as a string: scalar values are slices of it, not copies
	pos       int
	line      int // line of pos, 1-based
	lineStart int // offset where that line starts
	colAt     int // offset col last measured at (on the current line) …
	colVal    int // … and its column: col counts on from there, so a one-line file costs no more than an indented one
	endLine   int // line on which the last token ended
	depth     int
	tabs      int // tabs read as block scalar content

	nodes []yaml.Node  // nodes are carved from chunks: one allocation for many
	ptrs  []*yaml.Node // likewise the Content slices
	stack []*yaml.Node // children of the collections being parsed
	buf   []byte       // scratch for values that are not a slice of src
}

func (p *fastParser) fail() { panic(fastBail{}) }

func (p *fastParser) eof() bool { return p.pos >= len(p.src) }

// blankAt reports whether i is past the end or at a space or line break,
// which is what ends an indicator such as "-" or ":".
func (p *fastParser) blankAt(i int) bool {
	return i >= len(p.src) || p.src[i] == ' ' || p.src[i] == '\n'
}

// isEntry reports whether a block sequence entry "- " starts at pos.
func (p *fastParser) isEntry() bool {
	return p.pos < len(p.src) && p.src[p.pos] == '-' && p.blankAt(p.pos+1)
}

// col is pos's column as go-yaml counts it: 1-based, in characters.
func (p *fastParser) col() int {
	if p.colVal == 0 || p.colAt < p.lineStart || p.colAt > p.pos {
		p.colAt, p.colVal = p.lineStart, 1
	}
	seg := p.src[p.colAt:p.pos]
	n := len(seg)
	for _, b := range seg {
		if b >= 0x80 {
			n = utf8.RuneCount(seg)
			break
		}
	}
	p.colAt, p.colVal = p.pos, p.colVal+n
	return p.colVal
}

func (p *fastParser) newline() {
	p.pos++
	p.line++
	p.lineStart = p.pos
}

func (p *fastParser) skipSpaces() {
	for p.pos < len(p.src) && p.src[p.pos] == ' ' {
		p.pos++
	}
}

// skipToToken moves past spaces and line breaks to the next token. A "#"
// there starts a comment, which the parser does not attach.
func (p *fastParser) skipToToken() {
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case ' ':
			p.pos++
		case '\n':
			p.newline()
		case '#':
			p.fail()
		default:
			return
		}
	}
}

// skipBlank moves past spaces and line breaks.
func (p *fastParser) skipBlank() {
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case ' ':
			p.pos++
		case '\n':
			p.newline()
		default:
			return
		}
	}
}

// Comments. go-yaml attaches comments to nodes by rules that depend on
// blank lines, columns and the tokens around them. parseFast takes the few
// placements spec files use, where the rule is simple: whole-line comments,
// all in the column of the node that follows, before
//   - the next key or entry of a block collection (skipToSibling),
//   - the first key of a block mapping that is a key's value (mapValue),
//   - the first key of the top mapping (document).
// go-yaml makes them the head comment of that key or entry. Elsewhere a
// comment makes parseFast fall back.

// comments reads whole-line comments from pos, which is at a "#" with only
// spaces before it on its line, up to the next token. All must start in
// one column, returned as at. The text is joined as go-yaml joins it: lines
// by line breaks, groups that blank lines separate by one empty line.
// inside and after tell whether blank lines separate groups or follow the
// last comment.
func (p *fastParser) comments() (text []byte, at int, inside, after bool) {
	src := p.src
	at = p.pos - p.lineStart + 1
	for {
		end := p.pos
		for end < len(src) && src[end] != '\n' {
			end++
		}
		text = append(text, src[p.pos:end]...)
		p.pos = end
		p.skipBlank()
		if p.pos-end >= 400 {
			p.fail() // go-yaml's comment scanner looks 512 characters ahead
		}
		blank := bytes.Count(src[end:p.pos], newline) >= 2
		if p.pos >= len(src) || src[p.pos] != '#' {
			return text, at, inside, blank
		}
		if p.pos-p.lineStart+1 != at {
			p.fail()
		}
		if blank {
			inside = true
			text = append(text, '\n')
		}
		text = append(text, '\n')
	}
}

// skipToSibling is skipToToken between the entries of a block collection
// at column col, and returns the head comment of the next entry. Comments
// in a lower column are left to an enclosing collection.
func (p *fastParser) skipToSibling(col int) string {
	p.skipBlank()
	if p.pos >= len(p.src) || p.src[p.pos] != '#' {
		return ""
	}
	if p.line == p.endLine {
		p.fail() // a comment after a token
	}
	c := p.pos - p.lineStart + 1
	if c < col {
		return ""
	}
	if c > col {
		p.fail()
	}
	// Without a blank line before them, comments that blank lines follow
	// or split are, in part, a foot comment of the previous entry.
	blankBefore := p.breaksBefore() >= 2
	text, _, inside, after := p.comments()
	if !blankBefore && (inside || after) || p.eof() {
		p.fail()
	}
	if after {
		text = append(text, '\n')
	}
	return string(text)
}

// breaksBefore counts the line breaks between the last content before pos
// and pos, which is what go-yaml's scanner counts.
func (p *fastParser) breaksBefore() int {
	i := p.pos
	for i > 0 && (p.src[i-1] == ' ' || p.src[i-1] == '\t' || p.src[i-1] == '\n') {
		i--
	}
	return bytes.Count(p.src[i:p.pos], newline)
}

// headedMap parses, after comments that ended at column at, the block
// mapping whose first key they are the head comment of.
func (p *fastParser) headedMap(indent int, head []byte, at int) *yaml.Node {
	if p.eof() || p.col() != at || at <= indent || p.isEntry() {
		p.fail()
	}
	n := p.blockNode(indent)
	if n.Kind != yaml.MappingNode || n.Style != 0 {
		p.fail()
	}
	n.Content[0].HeadComment = string(head)
	return n
}

func (p *fastParser) enter() {
	p.depth++
	if p.depth > maxFastDepth {
		p.fail()
	}
}

func (p *fastParser) newNode(kind yaml.Kind, tag string, line, col int) *yaml.Node {
	if len(p.nodes) == cap(p.nodes) {
		// The estimate fell short: size the next chunk by what is left.
		p.nodes = make([]yaml.Node, 0, 2*bytes.Count(p.src[p.pos:], colon)+8)
	}
	p.nodes = p.nodes[:len(p.nodes)+1]
	n := &p.nodes[len(p.nodes)-1]
	n.Kind, n.Tag, n.Line, n.Column = kind, tag, line, col
	return n
}

func (p *fastParser) scalar(value string, style yaml.Style, line, col int) *yaml.Node {
	tag := "!!str"
	if style == 0 {
		tag = resolvePlain(value)
	}
	n := p.newNode(yaml.ScalarNode, tag, line, col)
	n.Value, n.Style = value, style
	return n
}

// empty is the null scalar go-yaml makes for a missing value, placed where
// its parser places it.
func (p *fastParser) empty(line, col int) *yaml.Node {
	p.endLine = line
	return p.newNode(yaml.ScalarNode, "!!null", line, col)
}

// pop returns the children pushed since base as a Content slice (nil when
// there are none, as go-yaml leaves it).
func (p *fastParser) pop(base int) []*yaml.Node {
	items := p.stack[base:]
	k := len(items)
	if k == 0 {
		return nil
	}
	if len(p.ptrs)+k > cap(p.ptrs) {
		p.ptrs = make([]*yaml.Node, 0, max(k, 32))
	}
	l := len(p.ptrs)
	out := p.ptrs[l : l+k : l+k] // capped, so appending to it never writes into a neighbour
	copy(out, items)
	p.ptrs = p.ptrs[:l+k]
	clear(items)
	p.stack = p.stack[:base]
	return out
}

func (p *fastParser) document() *yaml.Node {
	p.skipBlank()
	if p.eof() {
		p.fail() // an empty document: go-yaml leaves doc zero
	}
	explicit := p.pos == p.lineStart && len(p.src)-p.pos >= 3 && string(p.src[p.pos:p.pos+3]) == "---" && p.blankAt(p.pos+3)
	doc := p.newNode(yaml.DocumentNode, "", p.line, 1)
	if explicit {
		p.pos += 3
		p.skipSpaces()
		if !p.eof() && p.src[p.pos] != '\n' {
			p.fail()
		}
		p.skipBlank()
		if p.eof() {
			p.fail()
		}
	}
	var top *yaml.Node
	if p.src[p.pos] == '#' {
		// Blank lines among or after these would give the document a head
		// comment of its own.
		head, at, inside, after := p.comments()
		if inside || after {
			p.fail()
		}
		top = p.headedMap(-1, head, at)
	} else {
		top = p.blockNode(-1)
	}
	p.skipToToken()
	if !p.eof() {
		p.fail()
	}
	if !explicit {
		// An implicit document starts at its first token.
		doc.Line, doc.Column = top.Line, top.Column
	}
	p.stack = append(p.stack, top)
	doc.Content = p.pop(0)
	return doc
}

// blockNode parses the node whose first token starts a line, in a column
// greater than indent (go-yaml's current block indentation, -1 at the top).
func (p *fastParser) blockNode(indent int) *yaml.Node {
	if p.isEntry() {
		return p.blockSeq(p.col(), false)
	}
	n, key := p.blockToken(indent)
	if key {
		return p.blockMap(n)
	}
	return n
}

// blockToken parses a scalar or flow collection in the block context, and
// reports whether it is a mapping key (followed by ": " on the same line;
// pos is then past the colon).
func (p *fastParser) blockToken(indent int) (*yaml.Node, bool) {
	if p.eof() {
		p.fail()
	}
	line, col := p.line, p.col()
	var n *yaml.Node
	switch p.src[p.pos] {
	case '|', '>':
		return p.blockScalar(indent, line, col), false
	case '\'', '"':
		n = p.quoted(line, col)
	case '[', '{':
		n = p.flowCollection(line, col)
		p.skipSpaces()
		if !p.eof() && p.src[p.pos] == ':' {
			p.fail() // a flow collection as a key
		}
		return n, false
	case '-', '?', ':':
		if p.blankAt(p.pos + 1) {
			p.fail() // "? " keys and ": " without a key; "- " is the caller's
		}
		n = p.plain(false, indent, line, col)
	case ',', ']', '}', '#', '&', '*', '!', '%', '@', '`':
		p.fail()
	default:
		n = p.plain(false, indent, line, col)
	}
	p.skipSpaces()
	if !p.eof() && p.src[p.pos] == ':' && p.blankAt(p.pos+1) {
		if p.line != line || p.endLine != line {
			p.fail() // go-yaml takes only one-line keys as simple keys
		}
		p.pos++
		return n, true
	}
	return n, false
}

// blockMap parses a block mapping whose first key has been read, pos being
// past its colon.
func (p *fastParser) blockMap(key *yaml.Node) *yaml.Node {
	p.enter()
	col := key.Column
	m := p.newNode(yaml.MappingNode, "!!map", key.Line, col)
	base := len(p.stack)
	for {
		p.stack = append(p.stack, key, p.mapValue(col))
		head := p.skipToSibling(col)
		if p.eof() {
			if head != "" {
				p.fail()
			}
			break
		}
		if p.line == p.endLine {
			p.fail() // something after the value on its line
		}
		c := p.col()
		if c < col && head == "" {
			break
		}
		if c != col || p.isEntry() {
			p.fail()
		}
		var ok bool
		if key, ok = p.blockToken(col); !ok {
			p.fail()
		}
		key.HeadComment = head
	}
	m.Content = p.pop(base)
	p.depth--
	return m
}

// mapValue parses the value after a key's colon in a mapping at column col.
func (p *fastParser) mapValue(col int) *yaml.Node {
	line, c0 := p.line, p.col()
	p.skipSpaces()
	if p.eof() || p.src[p.pos] == '\n' {
		p.skipBlank()
		if !p.eof() && p.src[p.pos] == '#' {
			// After a ":" go-yaml keeps blank lines in a head comment.
			head, at, _, after := p.comments()
			if after {
				head = append(head, '\n')
			}
			return p.headedMap(col, head, at)
		}
		if p.eof() {
			return p.empty(line, c0)
		}
		switch c := p.col(); {
		case c < col:
			return p.empty(line, c0)
		case c == col:
			if p.isEntry() {
				// A sequence may sit in the mapping's own column.
				return p.blockSeq(col, true)
			}
			return p.empty(line, c0)
		}
		return p.blockNode(col)
	}
	if p.isEntry() {
		p.fail()
	}
	n, key := p.blockToken(col)
	if key {
		p.fail() // "a: b: c"
	}
	return n
}

// blockSeq parses a block sequence whose entries are at column col. An
// indentless one (under a key, in the key's column) does not change the
// block indentation, and ends at anything in its column that is not "- ".
func (p *fastParser) blockSeq(col int, indentless bool) *yaml.Node {
	p.enter()
	s := p.newNode(yaml.SequenceNode, "!!seq", p.line, col)
	base := len(p.stack)
	head := ""
	for {
		line := p.line
		p.pos++ // the "-"
		item := p.seqItem(col, line, indentless)
		if head != "" {
			// go-yaml gives the comment to the entry's node, or for a
			// collection on the entry's line to that collection.
			if item.Line != line || item.Kind == yaml.ScalarNode && item.Tag == "!!null" && item.Value == "" {
				p.fail()
			}
			item.HeadComment = head
		}
		p.stack = append(p.stack, item)
		head = p.skipToSibling(col)
		if p.eof() {
			if head != "" {
				p.fail()
			}
			break
		}
		if p.line == p.endLine {
			p.fail()
		}
		c := p.col()
		if c < col && head == "" {
			break
		}
		if c != col {
			p.fail()
		}
		if !p.isEntry() {
			if indentless && head == "" {
				break
			}
			p.fail()
		}
	}
	s.Content = p.pop(base)
	p.depth--
	return s
}

// seqItem parses what follows the "-" of an entry at column col on line.
func (p *fastParser) seqItem(col, line int, indentless bool) *yaml.Node {
	p.skipSpaces()
	if p.eof() || p.src[p.pos] == '\n' {
		p.skipToToken()
		if p.eof() {
			return p.empty(line, col+1)
		}
		switch c := p.col(); {
		case c < col:
			return p.empty(line, col+1)
		case c == col:
			if p.isEntry() || indentless {
				return p.empty(line, col+1)
			}
			p.fail()
		}
		return p.blockNode(col)
	}
	if p.isEntry() {
		return p.blockSeq(p.col(), false) // "- - a"
	}
	n, key := p.blockToken(col)
	if key {
		return p.blockMap(n) // "- a: b"
	}
	return n
}

// plain scans a plain scalar the way go-yaml's scanner does, leaving pos
// where that scanner stops: at ": ", at a flow indicator, or at the first
// token of a line indented no more than indent. Lines are folded into one
// space, or into the line breaks of the empty lines between them.
func (p *fastParser) plain(flow bool, indent, line, col int) *yaml.Node {
	src := p.src
	n := len(src)
	start, end := p.pos, p.pos
	endLine := p.line
	knownPos, knownCol := start, col
	var buf []byte
	folded, leadingBlanks := false, false
	breaks := 0
	for {
		if p.pos < n && src[p.pos] == '#' {
			p.fail() // a comment
		}
		run := p.pos
		for p.pos < n {
			c := src[p.pos]
			if c == ' ' || c == '\n' {
				break
			}
			if c == ':' && p.blankAt(p.pos+1) {
				break
			}
			if flow && flowStop(src, p.pos) {
				break
			}
			p.pos++
		}
		if p.pos > run {
			if leadingBlanks {
				if !folded {
					buf = append(p.buf[:0], src[start:end]...)
					folded = true
				}
				if breaks == 1 {
					buf = append(buf, ' ')
				}
				for i := 1; i < breaks; i++ {
					buf = append(buf, '\n')
				}
				buf = append(buf, src[run:p.pos]...)
				leadingBlanks = false
			} else if folded {
				buf = append(buf, src[end:p.pos]...) // the spaces between and the run
			}
			end, endLine = p.pos, p.line
		}
		if p.pos >= n || src[p.pos] != ' ' && src[p.pos] != '\n' {
			break
		}
		for p.pos < n {
			if c := src[p.pos]; c == ' ' {
				p.pos++
			} else if c == '\n' {
				if !leadingBlanks {
					leadingBlanks, breaks = true, 1
				} else {
					breaks++
				}
				p.newline()
			} else {
				break
			}
		}
		if !flow {
			// pos's column: on a new line only spaces precede it; on the
			// same line count on from the last known column.
			if leadingBlanks {
				knownPos, knownCol = p.pos, p.pos-p.lineStart+1
			} else {
				knownCol += utf8.RuneCount(src[knownPos:p.pos])
				knownPos = p.pos
			}
			if knownCol <= indent {
				break
			}
		}
	}
	if end == start {
		p.fail()
	}
	p.endLine = endLine
	value := p.str[start:end]
	if folded {
		value = string(buf)
		p.buf = buf[:0]
	}
	return p.scalar(value, 0, line, col)
}

// flowStop reports whether a plain scalar in a flow collection ends at i.
func flowStop(src []byte, i int) bool {
	switch src[i] {
	case ',', '[', ']', '{', '}':
		return true
	case '?':
		return i+1 >= len(src) || src[i+1] == ' ' || src[i+1] == '\n'
	case ':':
		if i+1 >= len(src) {
			return true
		}
		switch src[i+1] {
		case ' ', '\n', ',', ']', '}':
			return true
		}
	}
	return false
}

// quoted scans a single- or double-quoted scalar. Continuation lines are
// folded like plain ones; go-yaml does not check their indentation.
func (p *fastParser) quoted(line, col int) *yaml.Node {
	src := p.src
	n := len(src)
	q := src[p.pos]
	single := q == '\''
	style := yaml.DoubleQuotedStyle
	if single {
		style = yaml.SingleQuotedStyle
	}
	p.pos++
	start := p.pos
	// Most quoted scalars are one line with nothing to unescape: the value
	// is then the source text.
	i := start
	for i < n && src[i] != q && src[i] != '\n' && (single || src[i] != '\\') {
		i++
	}
	if i < n && src[i] == q && !(single && i+1 < n && src[i+1] == '\'') {
		p.pos = i + 1
		p.endLine = p.line
		return p.scalar(p.str[start:i], style, line, col)
	}
	buf := p.buf[:0]
	for {
		if p.pos >= n {
			p.fail()
		}
		leadingBlanks := false
	run:
		for p.pos < n {
			c := src[p.pos]
			switch {
			case c == ' ' || c == '\n':
				break run
			case single && c == '\'':
				if p.pos+1 < n && src[p.pos+1] == '\'' {
					buf = append(buf, '\'')
					p.pos += 2
					continue
				}
				break run
			case !single && c == '"':
				break run
			case !single && c == '\\':
				if p.pos+1 < n && src[p.pos+1] == '\n' {
					// An escaped line break joins the lines with nothing.
					p.pos++
					p.newline()
					leadingBlanks = true
					break run
				}
				buf = p.escape(buf)
			default:
				buf = append(buf, c)
				p.pos++
			}
		}
		if p.pos >= n {
			p.fail()
		}
		if src[p.pos] == q {
			break
		}
		ws := p.pos
		leadingBreak, trailing := false, 0
		for p.pos < n {
			if c := src[p.pos]; c == ' ' {
				p.pos++
			} else if c == '\n' {
				if !leadingBlanks {
					leadingBlanks, leadingBreak = true, true
				} else {
					trailing++
				}
				p.newline()
			} else {
				break
			}
		}
		switch {
		case !leadingBlanks:
			buf = append(buf, src[ws:p.pos]...)
		case leadingBreak && trailing == 0:
			buf = append(buf, ' ')
		default:
			for range trailing {
				buf = append(buf, '\n')
			}
		}
	}
	p.pos++
	p.endLine = p.line
	value := string(buf)
	p.buf = buf[:0]
	return p.scalar(value, style, line, col)
}

// escape decodes the escape sequence at pos in a double-quoted scalar.
func (p *fastParser) escape(buf []byte) []byte {
	src := p.src
	if p.pos+1 >= len(src) {
		p.fail()
	}
	size := 0
	switch src[p.pos+1] {
	case '0':
		buf = append(buf, 0)
	case 'a':
		buf = append(buf, '\a')
	case 'b':
		buf = append(buf, '\b')
	case 't':
		buf = append(buf, '\t')
	case 'n':
		buf = append(buf, '\n')
	case 'v':
		buf = append(buf, '\v')
	case 'f':
		buf = append(buf, '\f')
	case 'r':
		buf = append(buf, '\r')
	case 'e':
		buf = append(buf, 0x1b)
	case ' ', '"', '\'', '\\':
		buf = append(buf, src[p.pos+1])
	case 'N':
		buf = append(buf, "\u0085"...)
	case '_':
		buf = append(buf, "\u00a0"...)
	case 'L':
		buf = append(buf, "\u2028"...)
	case 'P':
		buf = append(buf, "\u2029"...)
	case 'x':
		size = 2
	case 'u':
		size = 4
	case 'U':
		size = 8
	default:
		p.fail() // go-yaml rejects other escapes, "\/" included
	}
	p.pos += 2
	if size == 0 {
		return buf
	}
	if p.pos+size > len(src) {
		p.fail()
	}
	v := 0
	for _, c := range src[p.pos : p.pos+size] {
		switch {
		case c >= '0' && c <= '9':
			v = v<<4 | int(c-'0')
		case c >= 'a' && c <= 'f':
			v = v<<4 | int(c-'a'+10)
		case c >= 'A' && c <= 'F':
			v = v<<4 | int(c-'A'+10)
		default:
			p.fail()
		}
	}
	if v >= 0xD800 && v <= 0xDFFF || v > 0x10FFFF {
		p.fail()
	}
	p.pos += size
	return utf8.AppendRune(buf, rune(v))
}

// blockScalar scans a literal or folded scalar; indent is the block
// indentation its content must exceed.
func (p *fastParser) blockScalar(indent, line, col int) *yaml.Node {
	src := p.src
	n := len(src)
	literal := src[p.pos] == '|'
	p.pos++
	chomp, incr := 0, 0
	sign := func() {
		if p.pos < n && (src[p.pos] == '+' || src[p.pos] == '-') {
			chomp = 1
			if src[p.pos] == '-' {
				chomp = -1
			}
			p.pos++
		}
	}
	digit := func() {
		if p.pos < n && src[p.pos] >= '0' && src[p.pos] <= '9' {
			if src[p.pos] == '0' {
				p.fail()
			}
			incr = int(src[p.pos] - '0')
			p.pos++
		}
	}
	if p.pos < n && (src[p.pos] == '+' || src[p.pos] == '-') {
		sign()
		digit()
	} else {
		digit()
		if incr > 0 {
			sign()
		}
	}
	p.skipSpaces()
	if p.pos < n {
		if src[p.pos] != '\n' {
			p.fail() // a comment or anything else after the header
		}
		p.newline()
	}
	ind := 0
	if incr > 0 {
		if indent >= 0 {
			ind = indent + incr
		} else {
			ind = incr + 1
		}
	}
	// Leading empty lines; without an indicator the indentation is the
	// deepest of them and of the first content line.
	trailing, maxCol := 0, 0
	for {
		for p.pos < n && src[p.pos] == ' ' && (ind == 0 || p.pos-p.lineStart+1 < ind) {
			p.pos++
		}
		maxCol = max(maxCol, p.pos-p.lineStart+1)
		if p.pos < n && src[p.pos] == '\t' && (ind == 0 || p.pos-p.lineStart+1 < ind) {
			p.fail() // go-yaml: a tab where indentation is expected
		}
		if p.pos >= n || src[p.pos] != '\n' {
			break
		}
		p.newline()
		trailing++
	}
	if ind == 0 {
		ind = max(maxCol, indent+1, 1)
	}
	buf := p.buf[:0]
	leadingBreak, leadingBlank := false, false
	for p.pos < n && p.pos-p.lineStart+1 == ind {
		trailingBlank := src[p.pos] == ' ' || src[p.pos] == '\t'
		if !literal && !leadingBlank && !trailingBlank && leadingBreak {
			if trailing == 0 {
				buf = append(buf, ' ')
			}
		} else if leadingBreak {
			buf = append(buf, '\n')
		}
		for range trailing {
			buf = append(buf, '\n')
		}
		leadingBreak, trailing = false, 0
		leadingBlank = trailingBlank
		s := p.pos
		for p.pos < n && src[p.pos] != '\n' {
			p.pos++
		}
		buf = append(buf, src[s:p.pos]...)
		p.tabs += bytes.Count(src[s:p.pos], tab)
		if p.pos >= n {
			break
		}
		p.newline()
		leadingBreak = true
		for {
			for p.pos < n && src[p.pos] == ' ' && p.pos-p.lineStart+1 < ind {
				p.pos++
			}
			if p.pos < n && src[p.pos] == '\t' && p.pos-p.lineStart+1 < ind {
				p.fail()
			}
			if p.pos >= n || src[p.pos] != '\n' {
				break
			}
			p.newline()
			trailing++
		}
	}
	if chomp != -1 && leadingBreak {
		buf = append(buf, '\n')
	}
	if chomp == 1 {
		for range trailing {
			buf = append(buf, '\n')
		}
	}
	p.endLine = line
	style := yaml.LiteralStyle
	if !literal {
		style = yaml.FoldedStyle
	}
	value := string(buf)
	p.buf = buf[:0]
	return p.scalar(value, style, line, col)
}

// flowCollection parses a [sequence] or {mapping}, which may span lines.
func (p *fastParser) flowCollection(line, col int) *yaml.Node {
	p.enter()
	seq := p.src[p.pos] == '['
	closing := byte('}')
	var c *yaml.Node
	if seq {
		closing = ']'
		c = p.newNode(yaml.SequenceNode, "!!seq", line, col)
	} else {
		c = p.newNode(yaml.MappingNode, "!!map", line, col)
	}
	c.Style = yaml.FlowStyle
	p.pos++
	base := len(p.stack)
	for first := true; ; first = false {
		p.skipToToken()
		if p.eof() {
			p.fail()
		}
		if p.src[p.pos] == closing {
			break
		}
		if !first {
			if p.src[p.pos] != ',' {
				p.fail()
			}
			p.pos++
			p.skipToToken()
			if p.eof() {
				p.fail()
			}
			if p.src[p.pos] == closing {
				break // a trailing comma
			}
		}
		kline := p.line
		item := p.flowNode()
		p.skipToToken()
		if p.eof() {
			p.fail()
		}
		p.stack = append(p.stack, item)
		if seq {
			if p.src[p.pos] == ':' {
				p.fail() // a single-pair mapping "[a: b]"
			}
			continue
		}
		switch p.src[p.pos] {
		case ':':
			if p.line != kline || p.endLine != kline {
				p.fail() // not a simple key for go-yaml
			}
			p.pos++
			p.skipToToken()
			if p.eof() {
				p.fail()
			}
			if ch := p.src[p.pos]; ch == ',' || ch == closing {
				p.stack = append(p.stack, p.empty(p.line, p.col()))
			} else {
				p.stack = append(p.stack, p.flowNode())
			}
		case ',', closing:
			p.stack = append(p.stack, p.empty(p.line, p.col()))
		default:
			p.fail()
		}
	}
	p.endLine = p.line
	p.pos++
	c.Content = p.pop(base)
	p.depth--
	return c
}

// flowNode parses one node inside a flow collection.
func (p *fastParser) flowNode() *yaml.Node {
	line, col := p.line, p.col()
	switch p.src[p.pos] {
	case '[', '{':
		return p.flowCollection(line, col)
	case '\'', '"':
		return p.quoted(line, col)
	case '-':
		if p.blankAt(p.pos + 1) {
			p.fail()
		}
	case '?', ':', ',', ']', '}', '#', '&', '*', '!', '%', '@', '`', '|', '>':
		p.fail()
	}
	return p.plain(true, -1, line, col)
}

// resolvePlain gives the tag go-yaml resolves a plain scalar to: YAML 1.1
// style null, bool, int, float and timestamp, but only true/false as
// bools (yes, no, on, off stay strings).
func resolvePlain(s string) string {
	if s == "" {
		return "!!null"
	}
	switch c := s[0]; {
	case c == '.' || c == '+' || c == '-' || c >= '0' && c <= '9':
	case strings.IndexByte("yYnNtTfFoO~<", c) >= 0:
		switch s {
		case "true", "True", "TRUE", "false", "False", "FALSE":
			return "!!bool"
		case "~", "null", "Null", "NULL":
			return "!!null"
		case "<<":
			return "!!merge"
		}
		return "!!str"
	default:
		return "!!str"
	}
	switch s {
	case ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", "-0", "-0.0":
		return "!!float"
	}
	if s[0] == '.' {
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return "!!float"
		}
		return "!!str"
	}
	if isTimestamp(s) {
		return "!!timestamp"
	}
	plain := s
	if strings.IndexByte(s, '_') >= 0 {
		plain = strings.ReplaceAll(s, "_", "")
	}
	if _, err := strconv.ParseInt(plain, 0, 64); err == nil {
		return "!!int"
	}
	if _, err := strconv.ParseUint(plain, 0, 64); err == nil {
		return "!!int"
	}
	if IsYAMLFloat(plain) {
		if _, err := strconv.ParseFloat(plain, 64); err == nil {
			return "!!float"
		}
	}
	return "!!str"
}

// timestampLayouts are the forms go-yaml accepts as an implicit timestamp.
var timestampLayouts = []string{
	"2006-1-2T15:4:5.999999999Z07:00",
	"2006-1-2t15:4:5.999999999Z07:00",
	"2006-1-2 15:4:5.999999999",
	"2006-1-2",
}

// isTimestamp reports whether s starts with four digits and a "-" and is
// one of timestampLayouts.
func isTimestamp(s string) bool {
	if len(s) < 5 || s[4] != '-' {
		return false
	}
	for i := range 4 {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	for _, layout := range timestampLayouts {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	return false
}

// IsYAMLFloat matches [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?,
// the shape go-yaml requires before it tries a plain scalar as a float.
// The bundler's YAML writer asks the same question before writing a plain
// scalar.
func IsYAMLFloat(s string) bool {
	i := 0
	digits := func() int {
		j := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return i - j
	}
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	} else {
		if digits() == 0 {
			return false
		}
		if i < len(s) && s[i] == '.' {
			i++
			digits()
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}
