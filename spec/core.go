package spec

import (
	"math/big"
	"regexp"
	"strings"

	yaml "github.com/pb33f/go-yaml"
)

// OpenAPI documents are YAML 1.2, whose core schema knows fewer plain
// scalars than the YAML 1.1 rules the parsers follow: 0127 is the decimal
// 127 (not octal 87), and 12_34, 0b101 and 1_000.5 are strings. Without
// this, the bundle (and every value a job reads) would change what the
// source meant.
var (
	coreInt   = regexp.MustCompile(`^([-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$`)
	coreFloat = regexp.MustCompile(`^([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$`)
)

// coreScalar gives the plain scalar n the tag (and, for a decimal integer
// written with leading zeros or a plus sign, the canonical value) of the
// YAML 1.2 core schema.
func coreScalar(n *yaml.Node) {
	if n.Style&(yaml.TaggedStyle|yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		return
	}
	v := n.Value
	switch n.Tag {
	case "!!int", "!!float":
	case "!!str":
		// 1e400 overflows a float64, so the parsers call it a string.
		if v != "" && (v[0] >= '0' && v[0] <= '9' || v[0] == '-' || v[0] == '+' || v[0] == '.') && coreFloat.MatchString(v) && !coreInt.MatchString(v) {
			n.Tag = "!!float"
		}
		return
	default:
		return
	}
	switch {
	case coreInt.MatchString(v):
		n.Tag = "!!int"
		if v[0] == '+' || len(strings.TrimPrefix(v, "-")) > 1 && strings.TrimPrefix(v, "-")[0] == '0' && !strings.HasPrefix(strings.TrimPrefix(v, "-"), "0o") && !strings.HasPrefix(strings.TrimPrefix(v, "-"), "0x") {
			if i, ok := new(big.Int).SetString(v, 10); ok {
				n.Value = i.String()
			}
		}
	case coreFloat.MatchString(v):
		n.Tag = "!!float"
	default:
		n.Tag = "!!str"
	}
}

// CoreTag is the tag the YAML 1.2 core schema gives the plain scalar s:
// !!null, !!bool, !!int, !!float or !!str.
func CoreTag(s string) string {
	switch s {
	case "", "~", "null", "Null", "NULL":
		return "!!null"
	case "true", "True", "TRUE", "false", "False", "FALSE":
		return "!!bool"
	}
	switch c := s[0]; {
	case c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.':
		if coreInt.MatchString(s) {
			return "!!int"
		}
		if coreFloat.MatchString(s) {
			return "!!float"
		}
	}
	return "!!str"
}
