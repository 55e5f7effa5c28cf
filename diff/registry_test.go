package diff

import (
	"regexp"
	"strings"
	"testing"
	"unicode"
)

var kebab = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Every check is documented for --list-checks and README's table, and
// named so that .dospec.yaml can find it, with a short before/after example
// for --explain. Its full example is the fixture pair under testdata/specs/diff that makes it fire (TestFixturePairs
// fails for a check without one).
func TestRegistry(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range Checks() {
		if seen[c.ID] {
			t.Errorf("%s: registered twice", c.ID)
		}
		seen[c.ID] = true
		if !kebab.MatchString(c.ID) {
			t.Errorf("%q is not kebab-case", c.ID)
		}
		if LookupCheck(c.ID) != c {
			t.Errorf("%s: LookupCheck finds another check", c.ID)
		}
		if c.Title == "" || strings.ContainsRune(c.Title, '\n') || strings.HasSuffix(c.Title, ".") || !unicode.IsUpper([]rune(c.Title)[0]) {
			t.Errorf("%s: title %q: want one capitalised line without a full stop", c.ID, c.Title)
		}
		if strings.TrimSpace(c.Doc) == "" {
			t.Errorf("%s: no Doc (say who it breaks, or why it does not)", c.ID)
		}
		if strings.TrimSpace(c.Before) == "" || strings.TrimSpace(c.After) == "" || c.Before == c.After {
			t.Errorf("%s: want a before/after example for --explain", c.ID)
		}
		if c.Level < Info || c.Level > Breaking {
			t.Errorf("%s: level %d", c.ID, c.Level)
		}
		if c.fn == nil {
			t.Errorf("%s: no function", c.ID)
		}
	}
	if got := CheckIDs(); len(got) != len(Checks()) || got[0] != Checks()[0].ID {
		t.Errorf("CheckIDs() = %v", got)
	}
}
