package lint

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	yaml "github.com/pb33f/go-yaml"

	"github.com/dospec/dospec/lint/spectral"
)

var kebab = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// spectralID undoes the spellings spectral's own rule ids have that
// kebab-case has not; those ids are kept so users find the rule they know.
func spectralID(id string) string {
	return strings.NewReplacer("operationId", "operationid", "$ref", "ref", "oas3_1-", "oas3-1-", "oas3_2-", "oas3-2-", "externalValue", "externalvalue", "example.com", "example-com").Replace(id)
}

// Every rule is documented well enough for --list-rules and --explain,
// and named so that config keys and --explain find it.
func TestRegistry(t *testing.T) {
	inSet := map[string]bool{} // id + ruleset, each once
	for _, r := range Rules() {
		for _, set := range append([]string{"(all only)"}, RuleSets(r)...) {
			if len(RuleSets(r)) > 0 && set == "(all only)" {
				continue
			}
			if inSet[r.ID+" "+set] {
				t.Errorf("%s: registered twice in %s", r.ID, set)
			}
			inSet[r.ID+" "+set] = true
		}
		if !kebab.MatchString(spectralID(r.ID)) {
			t.Errorf("%q is not kebab-case", r.ID)
		}
		if !slices.Contains(Variants(r.ID), r) || Lookup(r.ID) == nil || Lookup(r.ID).ID != r.ID {
			t.Errorf("%s: Lookup or Variants do not find it", r.ID)
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
	if got := IDs(); len(got) != len(Rules())-1 || got[0] != Rules()[0].ID {
		t.Errorf("IDs() = %d ids for %d rules, one id shared by two rulesets", len(got), len(Rules()))
	}
	// Where two rulesets define an id, the one extended last wins, and
	// all takes the generic one.
	for _, c := range []struct {
		extends []string
		set     string
	}{
		{[]string{Recommended}, Recommended},
		{[]string{Recommended, DigitalOcean}, DigitalOcean},
		{[]string{DigitalOcean, Recommended}, Recommended},
		{[]string{All}, Recommended},
	} {
		rules, err := Resolve(c.extends)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rules {
			if r.ID == "oas3-operation-security-defined" && !slices.Contains(RuleSets(r), c.set) {
				t.Errorf("extends %v: the %v variant, want %s's", c.extends, RuleSets(r), c.set)
			}
		}
	}
	if _, err := Resolve([]string{"recomended"}); err == nil || !strings.Contains(err.Error(), `did you mean "recommended"`) {
		t.Errorf("unknown ruleset: %v", err)
	}
}

// capitalised reports whether a title starts with a capital letter, or
// with an identifier that has one (operationIds are unique).
func capitalised(title string) bool {
	first, _, _ := strings.Cut(title, " ")
	return strings.IndexFunc(first, unicode.IsUpper) >= 0
}

// TestSpectralOASRulesImplemented: every rule of spectral:oas for OpenAPI 3
// is a dospec rule, so a ruleset extending spectral:oas runs all of it
// (and no "no dospec implementation" note is printed).
func TestSpectralOASRulesImplemented(t *testing.T) {
	for _, name := range spectral.OASRules() {
		if Lookup(canonicalID(name)) == nil {
			t.Errorf("spectral:oas rule %s has no dospec rule", name)
		}
	}
}
