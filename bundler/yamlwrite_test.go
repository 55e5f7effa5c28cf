package bundler

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	yaml "github.com/pb33f/go-yaml"

	"github.com/dospec/dospec/internal/testenv"
	"github.com/dospec/dospec/spec"
)

// appendYAML is the block writer's document in one slice.
func appendYAML(buf []byte, doc *yaml.Node) ([]byte, error) {
	chunks, err := yamlChunks(doc)
	if err != nil {
		return buf, err
	}
	return bytes.Join(append([][]byte{buf}, chunks...), nil), nil
}

// roundTrip writes doc with the block writer (which must not give up),
// reads the bytes back and reports every node that differs.
func roundTrip(t *testing.T, doc *yaml.Node) []byte {
	t.Helper()
	out, err := appendYAML(nil, doc)
	if err != nil {
		t.Fatalf("appendYAML: %v", err)
	}
	var back yaml.Node
	if err := yaml.Unmarshal(out, &back); err != nil {
		t.Fatalf("output does not parse: %v\n%s", err, clip(out))
	}
	var errs []string
	compareYAML(&errs, "$", doc, &back)
	if len(errs) > 0 {
		t.Errorf("read back differs:\n%s\noutput:\n%s", joinLines(errs), clip(out))
	}
	return out
}

func clip(b []byte) string {
	if len(b) > 4000 {
		return string(b[:4000]) + "…"
	}
	return string(b)
}

// compareYAML compares kinds, scalar values, resolved tags and key order.
func compareYAML(errs *[]string, at string, want, got *yaml.Node) {
	if len(*errs) >= 20 {
		return
	}
	for want.Kind == yaml.AliasNode {
		want = want.Alias
	}
	if want.Kind == yaml.DocumentNode {
		want = want.Content[0]
	}
	if got.Kind == yaml.DocumentNode {
		if len(got.Content) != 1 {
			*errs = append(*errs, at+": read back as an empty document")
			return
		}
		got = got.Content[0]
	}
	if want.Kind != got.Kind {
		*errs = append(*errs, fmt.Sprintf("%s: kind %v, read back %v", at, want.Kind, got.Kind))
		return
	}
	switch want.Kind {
	case yaml.ScalarNode:
		gotTag := got.ShortTag()
		if got.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle|yaml.TaggedStyle) == 0 && spec.CoreTag(got.Value) == want.ShortTag() {
			gotTag = want.ShortTag() // go-yaml reads YAML 1.1; OpenAPI and the loader read 1.2
		}
		if want.Value != got.Value || want.ShortTag() != gotTag {
			*errs = append(*errs, fmt.Sprintf("%s: %s %q, read back %s %q", at, want.ShortTag(), want.Value, gotTag, got.Value))
		}
	case yaml.MappingNode:
		if len(want.Content) != len(got.Content) {
			*errs = append(*errs, fmt.Sprintf("%s: %d keys, read back %d", at, len(want.Content)/2, len(got.Content)/2))
			return
		}
		for i := 0; i+1 < len(want.Content); i += 2 {
			k := want.Content[i]
			compareYAML(errs, at+".key("+k.Value+")", k, got.Content[i])
			compareYAML(errs, at+"."+k.Value, want.Content[i+1], got.Content[i+1])
		}
	case yaml.SequenceNode:
		if len(want.Content) != len(got.Content) {
			*errs = append(*errs, fmt.Sprintf("%s: %d items, read back %d", at, len(want.Content), len(got.Content)))
			return
		}
		for i := range want.Content {
			compareYAML(errs, fmt.Sprintf("%s[%d]", at, i), want.Content[i], got.Content[i])
		}
	}
}

func TestYAMLWriterRoundTripExample(t *testing.T) {
	for _, opt := range []Options{{}, {Dereference: true}} {
		res, err := Bundle(loadExample(t), opt)
		if err != nil {
			t.Fatal(err)
		}
		out := roundTrip(t, res.Doc)
		// The writer is what WriteYAML uses: same bytes.
		var w bytes.Buffer
		if err := WriteYAML(&w, res.Doc); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out, w.Bytes()) {
			t.Error("WriteYAML did not use the block writer")
		}
	}
}

func TestYAMLWriterRoundTripDO(t *testing.T) {
	s := loadDO(t)
	for _, opt := range []Options{{}, {Dereference: true}} {
		res, err := Bundle(s, opt)
		if err != nil {
			t.Fatal(err)
		}
		roundTrip(t, res.Doc)
	}
}

// TestYAMLWriterRoundTripHistory does the same on a spread of older
// versions of the real spec: more text, written by more hands.
func TestYAMLWriterRoundTripHistory(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	repo := testenv.History(t)
	commits := historyCommits(t, repo)
	const samples = 6
	for i := 0; i < samples && len(commits) > 1; i++ {
		c := commits[i*(len(commits)-1)/(samples-1)]
		t.Run(c[:12], func(t *testing.T) {
			g, err := spec.NewGitReader(repo, c)
			if err != nil {
				t.Fatal(err)
			}
			defer g.Close()
			s, err := spec.Load(context.Background(), "specification/DigitalOcean-public.v2.yaml", spec.Options{Reader: g})
			if err != nil {
				t.Fatal(err)
			}
			res, err := Bundle(s, Options{})
			if err != nil {
				t.Fatal(err)
			}
			roundTrip(t, res.Doc)
		})
	}
}

func str(v string, style yaml.Style) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v, Style: style}
}

func mapping(kv ...*yaml.Node) *yaml.Node {
	return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: kv}
}

func seq(items ...*yaml.Node) *yaml.Node {
	return &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Content: items}
}

var trickyScalars = func() []string {
	s := []string{
		"", " ", "  ", "\t", "a\tb", "\ta", "a\t", "\n", "\n\n", "\n\n\n", "a\n", "a\n\n", "\na", "\n\na\n",
		"true", "True", "TRUE", "false", "null", "Null", "NULL", "~", "yes", "no", "on", "off", "y", "N", "=",
		"1", "-1", "+1", "1e3", "1E3", "-1.5e-3", ".5", "1.", "0x1F", "0o17", "0b101", "017", "1_000", "-0", "-0.0",
		".inf", "-.inf", "+.INF", ".nan", ".NaN", "1:20", "12:30:00", "1.2.3", "2024-01-01", "2024-1-2",
		"2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5", "18446744073709551615", "99999999999999999999",
		"<<", "<<x", "---", "...", "--- a", "-", "- a", "-a", "?", "? a", "?a", ":", ": a", ":a", "a:", "a:b", "a: b",
		"a :b", "a #b", "a#b", "#a", "# a", "a #", "'", "\"", "''", "a'b", "a\"b", "\\", "a\\nb",
		" a", "a ", " a ", "a  b", "a\r", "a\r\nb", "\r", "a\x00b", "\x07", "\x1b[0m", "\x7f", "\u0085", "a\u0085b",
		"\u00a0", "\u2028", "a\u2028b", "\u2029", "\ufeffa", "\ufffd", "é", "日本語", "emoji 🎉", "🎉",
		"line one\nline two", "trailing spaces  \nnext", "a  \n  b  \n", "last line spaces\n   ",
		" leading space\nsecond", "  two\n three\n", "\n  indented after empty", "\tleading tab\nx", "  \n  \nx",
		"# heading\n\ntext\n", "- item\n- item\n", "key: value\nother: x", "a\n\n\n", "a\n \n", " \n",
		"\x00\n\x01", "tab\tinside\nlines\t\n", "\"quoted\"\n'single'\n", "ends with backslash\\",
		"%YAML", "@at", "`tick", "&anchor", "*alias", "!tag", "|pipe", ">fold", "[a]", "{a}", ",a", "a,b", "a[b]",
		"{\"json\": true}", "http://example.com/#x", "#/components/schemas/droplet", "a: #b",
	}
	s = append(s, strings.Repeat("x", 2000), strings.Repeat("word ", 400), strings.Repeat("a\n", 50)+strings.Repeat("b", 3000))
	return s
}()

var scalarStyles = []yaml.Style{0, yaml.SingleQuotedStyle, yaml.DoubleQuotedStyle, yaml.LiteralStyle, yaml.FoldedStyle}

// TestYAMLWriterTrickyScalars writes each string in every source style as
// a value, a key, a sequence item and a compact mapping in a sequence, and
// reads it back.
func TestYAMLWriterTrickyScalars(t *testing.T) {
	for _, v := range trickyScalars {
		for _, st := range scalarStyles {
			name := fmt.Sprintf("%q/%d", v, st)
			if len(name) > 60 {
				name = name[:60]
			}
			t.Run(name, func(t *testing.T) {
				doc := mapping(
					str("value", 0), str(v, st),
					str("items", 0), seq(str(v, st), seq(str(v, st), str(v, st)), mapping(str("k", 0), str(v, st))),
					str("nested", 0), mapping(str("deeper", 0), mapping(str("v", 0), str(v, st))),
				)
				keys := mapping(
					str(v, st), str("key", 0),
					str("items", 0), seq(mapping(str(v, st), str(v, st))),
				)
				roundTrip(t, doc)
				if len(v) <= maxYAMLKey/4 {
					roundTrip(t, keys)
					return
				}
				// Too long for an implicit key (once quoted and escaped,
				// perhaps): the library writes the document instead.
				if _, err := appendYAML(nil, keys); !errors.Is(err, errYAMLFallback) {
					if len(v) > maxYAMLKey {
						t.Errorf("a %d-byte key did not fall back: %v", len(v), err)
					}
					roundTrip(t, keys)
					return
				}
				var out bytes.Buffer
				if err := WriteYAML(&out, keys); err != nil {
					t.Fatal(err)
				}
				var back yaml.Node
				if err := yaml.Unmarshal(out.Bytes(), &back); err != nil {
					t.Fatal(err)
				}
				var errs []string
				compareYAML(&errs, "$", keys, &back)
				if len(errs) > 0 {
					t.Errorf("library fallback read back differs:\n%s", joinLines(errs))
				}
			})
		}
	}
}

// TestYAMLWriterRandomScalars round-trips many short strings made of the
// characters that matter to YAML, in every style, as values and keys.
func TestYAMLWriterRandomScalars(t *testing.T) {
	alphabet := []string{" ", " ", "\t", "\n", "\n", "\r", ":", "#", "-", "?", "'", "\"", "\\", "a", "b", "1", "0", ".",
		"e", "x", "~", "_", "+", "é", "\u2028", "\u0085", "\u00a0", "\x00", "\x7f", "🎉", "|", ">", "[", "{", ",", "!",
		"&", "*", "%", "@", "`", "y", "n", "T", "o", "---", "...", "<<", "2024-01-02", ": ", " #"}
	rng := rand.New(rand.NewPCG(1, 2))
	doc := mapping()
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for n := rng.IntN(8); n > 0; n-- {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		v := b.String()
		st := scalarStyles[rng.IntN(len(scalarStyles))]
		doc.Content = append(doc.Content, str(fmt.Sprintf("%s|%d", v, i), st), seq(str(v, st), mapping(str("k", 0), str(v, st))))
	}
	roundTrip(t, doc)
}

// FuzzYAMLWriter round-trips arbitrary text as a value, a key and an item.
func FuzzYAMLWriter(f *testing.F) {
	for _, v := range trickyScalars {
		f.Add(v, uint8(0))
	}
	f.Fuzz(func(t *testing.T, v string, style uint8) {
		if !utf8.ValidString(v) || len(v) > 200 {
			t.Skip()
		}
		st := scalarStyles[int(style)%len(scalarStyles)]
		roundTrip(t, mapping(str("v", 0), str(v, st), str(v, st), seq(str(v, st))))
	})
}

// TestYAMLWriterTypedScalars checks scalars read as numbers, booleans,
// nulls and dates stay exactly as written, in values and keys.
func TestYAMLWriterTypedScalars(t *testing.T) {
	for _, c := range []struct{ tag, value string }{
		{"!!int", "1"}, {"!!int", "-12"}, {"!!int", "0x1F"}, {"!!int", "0o17"}, {"!!int", "1_000"},
		{"!!int", "18446744073709551615"}, {"!!float", "1.5"}, {"!!float", "1e3"}, {"!!float", ".inf"},
		{"!!float", "-.Inf"}, {"!!float", ".nan"}, {"!!float", "-0"}, {"!!float", "99999999999999999999"},
		{"!!bool", "true"}, {"!!bool", "FALSE"}, {"!!null", "~"}, {"!!null", "null"}, {"!!null", ""},
		{"!!timestamp", "2024-01-01"}, {"!!timestamp", "2001-12-14t21:59:43.10-05:00"}, {"!!timestamp", "2001-12-14 21:59:43.1"},
	} {
		t.Run(c.tag+" "+c.value, func(t *testing.T) {
			n := func() *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: c.tag, Value: c.value} }
			doc := mapping(str("v", 0), n(), str("s", 0), seq(n(), n()), str("m", 0), seq(mapping(str("k", 0), n())))
			if c.value != "" {
				doc.Content = append(doc.Content, n(), str("as key", 0))
			}
			roundTrip(t, doc)
		})
	}
	// A resolved tag checked against its value: a mismatch is not guessed at.
	if got := plainTag("0x1F"); got != "!!int" {
		t.Errorf("plainTag(0x1F) = %s", got)
	}
}

// TestYAMLWriterLayout pins the block layout: the one the library's
// encoder gave at 2-space indentation, so goldens change only in scalars.
func TestYAMLWriterLayout(t *testing.T) {
	doc := &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{mapping(
		str("openapi", 0), str("3.0.0", yaml.DoubleQuotedStyle),
		str("list", 0), seq(
			str("a", 0),
			mapping(str("k", 0), str("v", 0), str("k2", 0), seq(str("x", 0))),
			seq(str("a", 0), str("b", 0)),
			seq(), mapping(),
			str("text\n", yaml.LiteralStyle),
		),
		str("empty", 0), mapping(),
		str("none", 0), &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null"},
		str("$ref", 0), str("#/components/schemas/droplet", 0),
		str("desc", 0), str("  indented\nnext", yaml.FoldedStyle),
		str("folded", 0), str("one paragraph\n", yaml.FoldedStyle),
		str("200", 0), &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: "200"},
		&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: "404"}, str("tab\there", yaml.SingleQuotedStyle),
	)}}
	want := `openapi: "3.0.0"
list:
  - a
  - k: v
    k2:
      - x
  - - a
    - b
  - []
  - {}
  - |
    text
empty: {}
none:
$ref: '#/components/schemas/droplet'
desc: |2-
    indented
  next
folded: >
  one paragraph
'200': 200
404: "tab\there"
`
	out := roundTrip(t, doc)
	if string(out) != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
}

// TestYAMLWriterFallback checks that trees the block writer cannot write
// safely are refused whole, and that WriteYAML then uses the library.
func TestYAMLWriterFallback(t *testing.T) {
	for name, bad := range map[string]*yaml.Node{
		"custom tag":   &yaml.Node{Kind: yaml.ScalarNode, Tag: "!custom", Value: "x"},
		"binary":       &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!binary", Value: "aGk="},
		"int mismatch": &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: "twelve"},
		"invalid utf8": str("a\xffb", 0),
		"tagged map":   &yaml.Node{Kind: yaml.MappingNode, Tag: "!!omap"},
		"nil alias":    &yaml.Node{Kind: yaml.AliasNode},
	} {
		t.Run(name, func(t *testing.T) {
			doc := mapping(str("ok", 0), str("fine", 0), str("bad", 0), seq(bad))
			if _, err := appendYAML(nil, doc); !errors.Is(err, errYAMLFallback) {
				t.Errorf("appendYAML error = %v, want the fallback", err)
			}
		})
	}
	long := strings.Repeat("k", 1100)
	for name, doc := range map[string]*yaml.Node{
		"mapping key":  mapping(mapping(str("a", 0), str("b", 0)), str("v", 0)),
		"sequence key": mapping(seq(str("a", 0)), str("v", 0)),
		"long key":     mapping(str(long, 0), str("v", 0)),
		"escaped key":  mapping(str(strings.Repeat("\x01", 300), 0), str("v", 0)), // 1200 bytes once escaped
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := appendYAML(nil, doc); !errors.Is(err, errYAMLFallback) {
				t.Fatalf("appendYAML error = %v, want the fallback", err)
			}
			var lib, got bytes.Buffer
			enc := yaml.NewEncoder(&lib)
			enc.SetIndent(2)
			if err := enc.Encode(doc); err != nil {
				t.Fatal(err)
			}
			enc.Close()
			if err := WriteYAML(&got, doc); err != nil {
				t.Fatal(err)
			}
			if got.String() != lib.String() {
				t.Errorf("WriteYAML did not fall back to the library:\n%s\nwant:\n%s", got.String(), lib.String())
			}
		})
	}
}

// BenchmarkWriteYAMLLibraryDO is the library encoder WriteYAML used before
// the block writer, for comparison with BenchmarkWriteYAMLDO.
func BenchmarkWriteYAMLLibraryDO(b *testing.B) {
	s, err := spec.Load(context.Background(), testenv.DORoot(b), spec.Options{})
	if err != nil {
		b.Fatal(err)
	}
	res, err := Bundle(s, Options{})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		bw := bufio.NewWriterSize(io.Discard, 1<<16)
		enc := yaml.NewEncoder(bw)
		enc.SetIndent(2)
		if err := enc.Encode(res.Doc); err != nil {
			b.Fatal(err)
		}
		enc.Close()
		bw.Flush()
	}
}

// TestPlainTag checks the writer's copy of the resolver against the
// library: each string, written plain, must read back with the tag
// plainTag gives it.
func TestPlainTag(t *testing.T) {
	extra := []string{"0", "00", "09", "0x", "0xg", "0X1f", "0o8", "0O7", "0b2", "0B1", "+", "-", "+0x1", "-0b1", "1__0",
		"_1", "0_x1", "9223372036854775808", "-9223372036854775809", "18446744073709551616", "1e", "1e+", ".e1", "._5",
		"1.5_0", "+.5", "-.5e-3", "2024-13-01", "2024-02-30", "2024-1-2T3:4:5Z", "2024-01-02 03:04:05", "10GB", "1.2.3",
		"inf", "Infinity", "nan", "0x1p-2", "1_2.5", "<<", "~", "TRUE", "tRUE", "NuLL", ".Inf", ".iNF"}
	for _, s := range append(extra, trickyScalars...) {
		if scanScalar(s) != 0 {
			continue // not writable plain
		}
		var back yaml.Node
		if err := yaml.Unmarshal([]byte("k: "+s+"\n"), &back); err != nil {
			t.Errorf("%q: %v", s, err)
			continue
		}
		if got := back.Content[0].Content[1]; got.Value != s || got.ShortTag() != plainTag(s) {
			t.Errorf("%q: plainTag %s, the library reads %s %q", s, plainTag(s), got.ShortTag(), got.Value)
		}
	}
}
