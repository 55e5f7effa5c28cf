package diff

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/dospec/dospec/internal/testenv"
	"github.com/dospec/dospec/spec"
)

// pairExceptions are the labelled pairs where dospec's verdict differs from
// oasdiff's label on purpose, keyed "base -> revision". Each reason is a
// judged policy difference, also written in the doc of the check involved;
// a pair listed here that dospec gets right fails the test, so the table
// only ever shrinks.
var pairExceptions = map[string]string{
	"response_property_discriminator_added_revision.yaml -> response_property_discriminator_mapping_changed.yaml":             "policy: responses now carry discriminator values clients do not map (cat became cats, breed1 breed1Code) and breed2 is read as another schema; oasdiff reports mapping changes as information, dospec as breaking in a response (discriminator-mapping-changed's doc)",
	"webhook_operation_base.yaml -> webhook_operation_revision.yaml":                                                          "policy: in a webhook the API sends the request and the subscriber answers, so a request body that becomes required (always sent) with a new property breaks no subscriber; dospec judges a webhook's request as a response (webhook-removed's doc), oasdiff as an ordinary request",
	"request_property_all_of_inline_added_base.yaml -> request_property_all_of_inline_added_revision.yaml":                    "policy: allOf is merged into the schema it extends, so the new branch is what it adds, an optional property prop3, which breaks no client (property-added's doc; oasdiff calls any new request allOf branch breaking but a new optional property information)",
	"request_parameter_max_updated_revision.yaml -> request_parameter_max_updated_base.yaml":                                  "policy: the maximum sits on an array, where JSON Schema gives it no effect (it constrains numbers); dospec reports no limit on a value of a type it does not constrain (request-maximum-narrowed's doc), the rule that also fixes maxItems on a string's items",
	"api_security_global_added_base.yaml -> api_security_global_added_revision.yaml":                                          "policy: a global security requirement where there was none removes anonymous access; clients calling without credentials are refused (401). oasdiff labels it INFO; dospec keeps it breaking (security-requirement-added's doc)",
	"request_body_default_value_changed_base.yaml -> request_body_default_value_changed_revision.yaml":                        "data: the revision also drops the application/json request media type, which breaks clients sending JSON; oasdiff's test asserts only the default change",
	"request_body_max_length_set_base.yaml -> request_body_max_length_set_revision.yaml":                                      "policy: a maxLength added to a request refuses values clients send today; oasdiff warns because the server may have enforced it already, dospec judges the contract (request-max-length-narrowed's doc)",
	"request_body_max_set_base.yaml -> request_body_max_set_revision.yaml":                                                    "policy: a maximum added to a request refuses values clients send today; oasdiff warns, dospec judges the contract (request-maximum-narrowed's doc)",
	"request_parameter_max_length_set_base.yaml -> request_parameter_max_length_set_revision.yaml":                            "policy: a maxLength added to a request refuses values clients send today; oasdiff warns because the server may have enforced it already, dospec judges the contract (request-max-length-narrowed's doc)",
	"request_property_discriminator_added_revision.yaml -> request_property_discriminator_added_property_name_changed.yaml":   "policy: the revision renames properties (name→name2, petType→petType2) along with the discriminator's propertyName; clients sending or reading the old names break. oasdiff's test asserts only the discriminator change (property-renamed's doc)",
	"request_property_max_set_base.yaml -> request_property_max_set_revision.yaml":                                            "policy: a maximum added to a request refuses values clients send today; oasdiff warns, dospec judges the contract (request-maximum-narrowed's doc)",
	"response_optional_property_removed_base.yaml -> response_optional_property_removed_revision.yaml":                        "policy: a removed response property, optional or not, disappears from generated clients and code reading it no longer compiles; oasdiff warns (response-property-removed's doc)",
	"response_property_discriminator_added_revision.yaml -> response_property_discriminator_added_property_name_changed.yaml": "policy: the revision renames properties (name→name2, petType→petType2) along with the discriminator's propertyName; clients sending or reading the old names break. oasdiff's test asserts only the discriminator change (property-renamed's doc)",
}

// pairGaps are the pairs dospec still gets wrong for want of a check, each
// naming the family of issue 13 that will fix it. They are no policy: the
// goal is an empty table, and a pair that becomes right fails the test until
// it is dropped from here.
var pairGaps = map[string]string{}

type labelledPair struct {
	base, revision, expected, ids string
}

func readLabelledPairs(t *testing.T, dir string) []labelledPair {
	f, err := os.Open(filepath.Join(dir, "pairs.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []labelledPair
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 4 {
			continue
		}
		out = append(out, labelledPair{cols[0], cols[1], cols[2], cols[3]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(out) < 100 {
		t.Fatalf("pairs.tsv: %d pairs, want over 100", len(out))
	}
	return out
}

// TestOasdiffPairs runs the table oasdiff's own tests label
// (../shared/specs/world/oasdiff-pairs/pairs.tsv): a pair labelled ERR must
// be breaking, one labelled WARN, INFO or none must not, unless listed in
// pairExceptions. It logs the score per expected level; run it with -v to
// see it.
func TestOasdiffPairs(t *testing.T) {
	dir := filepath.Join(testenv.World(t), "oasdiff-pairs")
	pairs := readLabelledPairs(t, dir)
	load := func(name string) (*spec.Spec, error) {
		return spec.Load(context.Background(), filepath.Join(dir, name), spec.Options{})
	}
	type tally struct{ right, total int }
	score := map[string]*tally{}
	used := map[string]bool{}
	var wrong []string
	for _, p := range pairs {
		key := p.base + " -> " + p.revision
		wantBreaking := p.expected == "ERR"
		var got bool
		var detail string
		b, err := load(p.base)
		if err == nil {
			var h *spec.Spec
			h, err = load(p.revision)
			if err == nil {
				var res *Result
				res, err = Compare(b, h, nil)
				if err == nil {
					got = res.AtOrAbove(Breaking)
					for _, c := range res.Changes {
						if c.Level == Breaking {
							detail += "\n\t\t" + c.Check + ": " + c.Message
						}
					}
				}
			}
		}
		if err != nil {
			detail = "\n\t\terror: " + err.Error()
		}
		s := score[p.expected]
		if s == nil {
			s = &tally{}
			score[p.expected] = s
		}
		s.total++
		right := err == nil && got == wantBreaking
		if right {
			s.right++
		}
		reason, excepted := pairExceptions[key]
		if gap, ok := pairGaps[key]; ok {
			reason, excepted = "gap: "+gap, true
			if _, twice := pairExceptions[key]; twice {
				t.Errorf("%s: in both pairExceptions and pairGaps", key)
			}
		}
		switch {
		case right && excepted:
			t.Errorf("%s: judged right now; drop it from its table (%s)", key, reason)
		case !right && !excepted:
			wrong = append(wrong, fmt.Sprintf("%s (%s, %s): breaking=%v%s", key, p.expected, p.ids, got, detail))
		}
		if excepted {
			used[key] = true
		}
	}
	for _, table := range []map[string]string{pairExceptions, pairGaps} {
		for key := range table {
			if !used[key] {
				t.Errorf("%s is no pair in pairs.tsv", key)
			}
		}
	}
	sort.Strings(wrong)
	for _, w := range wrong {
		t.Errorf("wrong verdict: %s", w)
	}
	levels := make([]string, 0, len(score))
	for l := range score {
		levels = append(levels, l)
	}
	sort.Strings(levels)
	var right, total int
	var line strings.Builder
	for _, l := range levels {
		s := score[l]
		right += s.right
		total += s.total
		want := "not breaking"
		if l == "ERR" {
			want = "breaking"
		}
		fmt.Fprintf(&line, "; %s→%s %d/%d", l, want, s.right, s.total)
	}
	t.Logf("oasdiff pairs: %d/%d right%s; %d policy exceptions, %d gaps", right, total, line.String(), len(pairExceptions), len(pairGaps))
}
