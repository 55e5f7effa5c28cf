package lint

import (
	"regexp"
	"strings"
	"testing"
	"unicode"

	yaml "github.com/pb33f/go-yaml"
)

var kebab = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// spectralID undoes the two spellings spectral's own rule ids have that
// kebab-case has not; those ids are kept so users find the rule they know.
func spectralID(id string) string {
	return strings.NewReplacer("operationId", "operationid", "$ref", "ref").Replace(id)
}

// Every rule is documented well enough for --list-rules and --explain,
// and named so that config keys and --explain find it.
func TestRegistry(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules() {
		if seen[r.ID] {
			t.Errorf("%s: registered twice", r.ID)
		}
		seen[r.ID] = true
		if !kebab.MatchString(spectralID(r.ID)) {
			t.Errorf("%q is not kebab-case", r.ID)
		}
		if Lookup(r.ID) != r {
			t.Errorf("%s: Lookup finds another rule", r.ID)
		}
		if r.Title == "" || strings.ContainsRune(r.Title, '\n') || strings.HasSuffix(r.Title, ".") || !capitalised(r.Title) {
			t.Errorf("%s: title %q: want one capitalised line without a full stop", r.ID, r.Title)
		}
		if strings.TrimSpace(r.Doc) == "" {
			t.Errorf("%s: no Doc", r.ID)
		}
		if strings.TrimSpace(r.Bad) == "" || strings.TrimSpace(r.Good) == "" {
			t.Errorf("%s: --explain needs both Bad and Good", r.ID)
		} else if r.Bad == r.Good {
			t.Errorf("%s: Bad and Good are the same", r.ID)
		}
		for name, snippet := range map[string]string{"Bad": r.Bad, "Good": r.Good} {
			var v any
			if err := yaml.Unmarshal([]byte(snippet), &v); err != nil {
				t.Errorf("%s: %s is not YAML: %v", r.ID, name, err)
			}
		}
		if _, ok := severityNames[r.Severity]; !ok {
			t.Errorf("%s: severity %d", r.ID, r.Severity)
		}
		if r.Check == nil {
			t.Errorf("%s: no Check", r.ID)
		}
	}
	if got := IDs(); len(got) != len(Rules()) || got[0] != Rules()[0].ID {
		t.Errorf("IDs() = %v", got)
	}
}

// capitalised reports whether a title starts with a capital letter, or
// with an identifier that has one (operationIds are unique).
func capitalised(title string) bool {
	first, _, _ := strings.Cut(title, " ")
	return strings.IndexFunc(first, unicode.IsUpper) >= 0
}
