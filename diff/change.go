// Package diff compares two versions of a spec and judges each change by
// who it breaks.
//
// It works in three layers: compare (compare.go, schema.go) walks both
// documents and pairs what corresponds — operations by method and path
// template, parameters, bodies, responses, headers, schemas with $refs
// followed and allOf merged; checks (check_*.go, registered in checks.go) are values, one per
// id, whose function looks at one pair and report Changes; formatters (format.go) write
// them. Checks never print.
package diff

import (
	"fmt"
	"sort"
	"strings"

	"github.com/dospec/dospec/internal/suggest"
	"github.com/dospec/dospec/spec"
)

// Level is how much a change matters to clients.
type Level int

const (
	Off Level = iota
	Info
	Warning
	Breaking
)

var levelNames = map[Level]string{Off: "ignore", Info: "info", Warning: "warning", Breaking: "breaking"}

func (l Level) String() string { return levelNames[l] }

// MarshalText writes the level's name.
func (l Level) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// UnmarshalText reads a level's name.
func (l *Level) UnmarshalText(b []byte) error {
	v, err := ParseLevel(string(b))
	*l = v
	return err
}

// LevelNames are the names ParseLevel takes, aliases last: error (for
// breaking), warn and off (for ignore). Case does not matter.
var LevelNames = []string{"breaking", "warning", "info", "ignore", "error", "warn", "off"}

// ParseLevel reads a level's name or one of its aliases (LevelNames).
func ParseLevel(s string) (Level, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "breaking", "error":
		return Breaking, nil
	case "warning", "warn":
		return Warning, nil
	case "info":
		return Info, nil
	case "ignore", "off":
		return Off, nil
	}
	return Off, fmt.Errorf("unknown level %q%s (want breaking, warning, info or ignore)", s, suggest.Hint(s, LevelNames[:4]))
}

// Change is one difference that matters.
type Change struct {
	Check   string `json:"check"`
	Level   Level  `json:"level"`
	Message string `json:"message"`
	Path    string `json:"path"`
	// Base and Head are where the changed node is written in each version
	// (nil when it exists on one side only).
	Base *spec.Pos `json:"base,omitempty"`
	Head *spec.Pos `json:"head,omitempty"`
	// Operations lists the operations the change reaches.
	Operations []string `json:"operations,omitempty"`
	// Diff is a word diff of a changed text: [-old-]{+new+}.
	Diff string `json:"diff,omitempty"`

	texts *[2]string // old and new text, for Diff
}

// Check is one kind of change.
type Check struct {
	ID    string
	Level Level
	Title string
	// Doc says who the change breaks, or why it does not, and where dospec
	// judges otherwise than oasdiff on purpose.
	Doc string
	// Before and After are a short example of a change it reports.
	Before, After string
	on            pairKind
	fn            func(c *ctx, p *pair)
}

// Result is every change found.
type Result struct {
	Changes []Change
	Ignored int // by config
}

// Counts tallies changes by level.
func (r *Result) Counts() map[Level]int {
	m := map[Level]int{}
	for _, c := range r.Changes {
		m[c.Level]++
	}
	return m
}

// AtOrAbove reports whether any change is at least l.
func (r *Result) AtOrAbove(l Level) bool {
	for _, c := range r.Changes {
		if c.Level >= l {
			return true
		}
	}
	return false
}

// merge folds the same change met through several operations (a shared
// schema) into one with every operation listed.
func merge(in []Change) []Change {
	type key struct {
		check, msg string
		base, head spec.Pos
	}
	pos := func(p *spec.Pos) spec.Pos {
		if p == nil {
			return spec.Pos{}
		}
		return *p
	}
	idx := map[key]int{}
	var out []Change
	for _, c := range in {
		k := key{c.Check, c.Message, pos(c.Base), pos(c.Head)}
		if i, ok := idx[k]; ok {
			out[i].Operations = append(out[i].Operations, c.Operations...)
			continue
		}
		idx[k] = len(out)
		out = append(out, c)
	}
	for i := range out {
		out[i].Operations = uniq(out[i].Operations)
		if t := out[i].texts; t != nil {
			out[i].Diff = wordDiff(t[0], t[1])
			out[i].texts = nil
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Level != b.Level {
			return a.Level > b.Level
		}
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Check != b.Check {
			return a.Check < b.Check
		}
		return a.Message < b.Message
	})
	return out
}

func uniq(s []string) []string {
	sort.Strings(s)
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}
