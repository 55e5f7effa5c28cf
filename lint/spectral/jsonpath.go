package spectral

import (
	"fmt"
	"strings"
)

// A path is a parsed JSONPath as spectral writes them (JSONPath-Plus):
// $, .name, ['name'], [n], * and [*], .. (recursive descent), unions
// ['a','b'], filters [?(…)] (JavaScript, with @, @property,
// @parentProperty), and a final ~ for property names instead of values.
type path struct {
	src  string
	segs []segment
	keys bool // ends in ~: the matches are the keys
	// ahead[i] are the keys step i+1 names when it is a plain .name step,
	// as keyBit's bits (0 otherwise): a child of step i whose own keys
	// have none of them leads nowhere ($..*.properties visits every
	// value, and few have properties).
	ahead []uint64
	// below[i], for a recursive step, are the names it (or, after ..*, the
	// next step) looks for, as keyBit's bits: the descent skips values with
	// none of them anywhere below (0: it cannot tell).
	below []uint64
}

// namesBits are names as keyBit's bits.
func namesBits(names []string) uint64 {
	var bits uint64
	for _, name := range names {
		bits |= keyBit(name)
	}
	return bits
}

type segKind int

const (
	segNames    segKind = iota // one or more property names or indexes
	segWildcard                // * : every child
	segFilter                  // [?(expr)]
	segParent                  // ^ : the parent of the match (JSONPath-Plus)
)

type segment struct {
	kind      segKind
	recursive bool     // preceded by ..
	names     []string // segNames: names, or indexes as decimal strings
	expr      string   // segFilter: the JavaScript expression
}

// parsePath parses a JSONPath expression.
func parsePath(src string) (*path, error) {
	p := &path{src: src}
	s := strings.TrimSpace(src)
	if !strings.HasPrefix(s, "$") {
		return nil, fmt.Errorf("JSONPath %q does not start with $", src)
	}
	s = s[1:]
	if strings.HasSuffix(s, "~") {
		p.keys = true
		s = strings.TrimSuffix(s, "~")
	}
	for len(s) > 0 {
		recursive := false
		if strings.HasPrefix(s, "..") {
			recursive = true
			s = s[2:]
			if len(s) == 0 {
				return nil, fmt.Errorf("JSONPath %q: nothing follows its .. step", src)
			}
			if s[0] != '[' && s[0] != '*' {
				s = "." + s
			}
		}
		switch {
		case s[0] == '^':
			s = s[1:]
			p.segs = append(p.segs, segment{kind: segParent, recursive: recursive})
		case strings.HasPrefix(s, ".*") || s[0] == '*':
			s = strings.TrimPrefix(strings.TrimPrefix(s, "."), "*")
			p.segs = append(p.segs, segment{kind: segWildcard, recursive: recursive})
		case s[0] == '.':
			i := 1
			for i < len(s) && s[i] != '.' && s[i] != '[' && s[i] != '~' {
				i++
			}
			name := s[1:i]
			if name == "" {
				return nil, fmt.Errorf("JSONPath %q: empty name", src)
			}
			p.segs = append(p.segs, segment{kind: segNames, recursive: recursive, names: []string{name}})
			s = s[i:]
		case s[0] == '[':
			end, err := closing(s)
			if err != nil {
				return nil, fmt.Errorf("JSONPath %q: %v", src, err)
			}
			inner := strings.TrimSpace(s[1:end])
			s = s[end+1:]
			switch {
			case inner == "*":
				p.segs = append(p.segs, segment{kind: segWildcard, recursive: recursive})
			case strings.HasPrefix(inner, "?(") && strings.HasSuffix(inner, ")"):
				p.segs = append(p.segs, segment{kind: segFilter, recursive: recursive, expr: inner[2 : len(inner)-1]})
			case strings.HasPrefix(inner, "?"):
				p.segs = append(p.segs, segment{kind: segFilter, recursive: recursive, expr: inner[1:]})
			default:
				names, err := unionNames(inner)
				if err != nil {
					return nil, fmt.Errorf("JSONPath %q: %v", src, err)
				}
				p.segs = append(p.segs, segment{kind: segNames, recursive: recursive, names: names})
			}
		default:
			return nil, fmt.Errorf("JSONPath %q: unexpected %q", src, s[:1])
		}
	}
	p.ahead = make([]uint64, len(p.segs))
	p.below = make([]uint64, len(p.segs))
	for i, seg := range p.segs {
		plainNext := i+1 < len(p.segs) && p.segs[i+1].kind == segNames && !p.segs[i+1].recursive
		if plainNext {
			p.ahead[i] = namesBits(p.segs[i+1].names)
		}
		switch {
		case !seg.recursive:
		case seg.kind == segNames:
			p.below[i] = namesBits(seg.names)
		case seg.kind == segWildcard && plainNext:
			p.below[i] = namesBits(p.segs[i+1].names)
		}
	}
	return p, nil
}

// closing finds the ] that closes the [ at s[0], skipping quotes and
// nested brackets and parentheses.
func closing(s string) (int, error) {
	depth := 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '/' && i > 0 && depth > 1 && strings.ContainsAny(string(s[i-1]), "(,"):
			// a regular expression literal: skip to its end
			for i++; i < len(s) && s[i] != '/'; i++ {
				if s[i] == '\\' {
					i++
				}
			}
		case c == '[' || c == '(':
			depth++
		case c == ']' || c == ')':
			depth--
			if depth == 0 {
				return i, nil
			}
		}
	}
	return 0, fmt.Errorf("unclosed [")
}

// unionNames reads 'a','b' or a,b or 0,1 inside brackets.
func unionNames(inner string) ([]string, error) {
	var out []string
	for len(inner) > 0 {
		inner = strings.TrimSpace(inner)
		var name string
		if inner[0] == '\'' || inner[0] == '"' {
			q := inner[0]
			i := 1
			var b strings.Builder
			for ; i < len(inner) && inner[i] != q; i++ {
				if inner[i] == '\\' && i+1 < len(inner) {
					i++
				}
				b.WriteByte(inner[i])
			}
			if i >= len(inner) {
				return nil, fmt.Errorf("unclosed quote in [%s]", inner)
			}
			name = b.String()
			inner = strings.TrimSpace(inner[i+1:])
		} else {
			i := strings.IndexByte(inner, ',')
			if i < 0 {
				i = len(inner)
			}
			name = strings.TrimSpace(inner[:i])
			inner = inner[i:]
		}
		out = append(out, name)
		inner = strings.TrimPrefix(strings.TrimSpace(inner), ",")
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("empty []")
	}
	return out, nil
}
