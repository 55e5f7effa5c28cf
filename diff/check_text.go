package diff

import (
	"strings"
	"unicode"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// Checks on descriptions and summaries: reported for the changelog with a
// word diff.

var descriptionChanged = &Check{ID: "description-changed", Level: Info, on: pText,
	Title:  "A description or summary changed",
	Doc:    "Shown in the changelog with a word diff.",
	Before: "description: List the pets.",
	After:  "description: List the pets you own.",
	fn: func(c *ctx, p *pair) {
		var b, h string
		if p.base.ok() {
			b = p.base.Value
		}
		if p.head.ok() {
			h = p.head.Value
		}
		if b == h {
			return
		}
		ch := c.report(p, "%s: %s changed", p.where, p.name)
		ch.texts = &[2]string{b, h} // the word diff is made once, after merging
	}}

// wordDiff renders a readable diff of two texts: [-removed-]{+added+}.
// It diffs whole words, so a changed letter shows its word.
func wordDiff(a, b string) string {
	ids := map[string]rune{} // each distinct word as one rune
	encode := func(s string) []rune {
		var out []rune
		for _, t := range words(s) {
			r, ok := ids[t]
			if !ok {
				r = rune(len(ids) + 1)
				if r >= 0xD800 {
					r += 0x800 // not a surrogate
				}
				ids[t] = r
			}
			out = append(out, r)
		}
		return out
	}
	ra, rb := encode(a), encode(b)
	text := map[rune]string{}
	for t, r := range ids {
		text[r] = t
	}
	dmp := diffmatchpatch.New()
	diffs := dmp.DiffCleanupSemantic(dmp.DiffMainRunes(ra, rb, false))
	for i, d := range diffs {
		var w strings.Builder
		for _, r := range d.Text {
			w.WriteString(text[r])
		}
		diffs[i].Text = w.String()
	}
	// Slide each edit to the best word boundary: `x{+ y+}`, not `x{+` y+}`.
	diffs = dmp.DiffCleanupSemanticLossless(diffs)
	var sb strings.Builder
	for _, d := range diffs {
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			sb.WriteString(d.Text)
		case diffmatchpatch.DiffDelete:
			sb.WriteString("[-" + d.Text + "-]")
		case diffmatchpatch.DiffInsert:
			sb.WriteString("{+" + d.Text + "+}")
		}
	}
	return sb.String()
}

// words splits s into runs of letters and digits and single other characters.
func words(s string) []string {
	var out []string
	start := -1
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, s[start:i])
			start = -1
		}
		out = append(out, string(r))
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}
