package suggest

import "testing"

func TestClosest(t *testing.T) {
	ids := []string{"operation-tags", "operation-summary", "rules", "ignore", "baseline", "warning", "error"}
	for _, c := range []struct{ in, want string }{
		{"operation-tag", "operation-tags"}, // a prefix
		{"rulez", "rules"},
		{"RULES", "rules"},
		{"ignroe", "ignore"},
		{"warn", "warning"},
		{"baselin", "baseline"},
		{"eror", "error"},
		{"rlues", "rules"}, // two letters swapped
		{"zzz", ""},        // nothing near
		{"scopes", ""},     // a real word, not a typo of any
		{"operation-summ", "operation-summary"},
	} {
		if got := Closest(c.in, ids); got != c.want {
			t.Errorf("Closest(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if h := Hint("rulez", ids); h != ` (did you mean "rules"?)` {
		t.Errorf("Hint: %q", h)
	}
	if h := Hint("zzz", ids); h != "" {
		t.Errorf("Hint with nothing near: %q", h)
	}
}
