package lint

import (
	"context"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/dospec/dospec/internal/testenv"
	"github.com/dospec/dospec/lint/spectral"
	"github.com/dospec/dospec/spec"
)

// doRules are DigitalOcean's own rules: DO's CI runs them, so on DO's spec
// they must report nothing beyond what is listed in TestRealSpecFidelity.
var doRules = []string{
	"ratelimit-headers", "properties-must-include-examples", "params-must-include-examples",
	"headers-must-include-examples", "endpoint-must-be-ref", "path-must-include-version",
	"endpoint-ref-must-be-file", "common-responses-unauthorized", "common-responses-not-found",
	"common-responses-too-many-requests", "common-responses-server-error",
	"array-properties-must-have-items-with-type", "array-params-must-have-items-with-type",
	"operationid-must-follow-new-naming-conventions", "schema-key-must-be-snake-cased",
	"parameter-key-must-be-snake-cased", "example-key-must-be-snake-cased",
	"response-key-must-be-snake-cased", "schema-properties-must-have-type",
	"oas3-operation-security-defined", "oas3-operation-security-scopes-defined",
}

func lintDO(t *testing.T) *Result {
	t.Helper()
	s, err := spec.Load(context.Background(), testenv.DORoot(t), spec.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// DO's configuration: the generic rules and its house style.
	res, err := Run(s, &Config{Extends: []string{Recommended, DigitalOcean}})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestRealSpecFidelity: with DO's configuration (recommended and
// digitalocean), DO's rules stay quiet, nothing is an error, and the
// spectral built-ins report what spectral 6.15 reports on the same spec,
// at the same lines.
func TestRealSpecFidelity(t *testing.T) {
	res := lintDO(t)
	for _, f := range res.Findings {
		if f.Severity == Error {
			t.Errorf("an error on DO's unmodified spec: %s: %s (%s)", f.Pos, f.Message, f.Rule)
		}
	}
	byRule := map[string][]string{}
	for _, f := range res.Findings {
		byRule[f.Rule] = append(byRule[f.Rule], f.Pos.String())
	}
	want := map[string][]string{
		// What spectral reports (DO's ruleset leaves /<upload_url> out of
		// path-must-include-version, so nothing of DO's own).
		"info-description":           {"DigitalOcean-public.v2.yaml:6:16"},
		"openapi-tags-alphabetical":  {"DigitalOcean-public.v2.yaml:20:1"},
		"operation-success-response": {"resources/gen-ai/genai_create_model_api_key.yml:16:1"},
		"oas3-parameter-description": {
			"resources/gen-ai/genai_get_model_catalog_card.yml:5:3",
			"resources/gen-ai/genai_list_model_catalog.yml:4:3",
			"resources/gen-ai/genai_list_model_catalog.yml:9:3",
			"resources/vector_databases/vector_databases_list.yml:7:3",
			"resources/vector_databases/vector_databases_list.yml:12:3",
		},
	}
	for _, id := range append(doRules, "info-description", "openapi-tags-alphabetical", "operation-success-response", "oas3-parameter-description",
		"operation-operationId", "operation-operationId-unique", "operation-operationId-valid-in-url", "path-params",
		"path-keys-no-trailing-slash", "path-not-include-query", "oas3-api-servers", "typed-enum", "duplicated-entry-in-enum",
		"oas3-unused-component", "no-$ref-siblings", "operation-tags", "operation-tag-defined", "openapi-tags-uniqueness", "tag-description",
		"operation-description", "operation-summary", "description-no-script", "oas3-valid-media-example",
		"info-contact", "path-declarations-must-exist", "oas3-server-trailing-slash", "oas3-examples-value-or-externalValue",
		"oas3-callbacks-in-callbacks", "oas3_1-servers-in-webhook", "oas3_1-callbacks-in-webhook") {
		got := byRule[id]
		sort.Strings(got)
		w := want[id]
		sort.Strings(w)
		if strings.Join(got, "\n") != strings.Join(w, "\n") {
			t.Errorf("%s: got %d findings %v, want %v", id, len(got), got, w)
		}
	}
}

// TestRealSpecNewRules pins what the rules spectral does not have find on
// DO's spec, so a change in their behaviour shows up in review.
func TestRealSpecNewRules(t *testing.T) {
	res := lintDO(t)
	counts := map[string]int{}
	ops := map[string]int{}
	for _, f := range res.Findings {
		counts[f.Rule]++
		ops[f.Rule] += len(f.Operations)
	}
	// 17 operations list `bearer_auth: []` or `inference_bearer_auth: []`.
	if counts["security-scopes-present"] != 17 || ops["security-scopes-present"] != 17 {
		t.Errorf("security-scopes-present: %d findings over %d operations", counts["security-scopes-present"], ops["security-scopes-present"])
	}
	// Only the suspect actions: write, list, default, and GET/DELETE/PATCH
	// asking for an action that contradicts them — not the ~100 POST action
	// endpoints that need :update.
	if n := counts["security-scope-action"]; n < 10 || n > 30 {
		t.Errorf("security-scope-action: %d findings, want the suspect few", n)
	}
	for _, f := range res.Findings {
		if f.Rule == "security-scope-action" && strings.HasPrefix(f.Message, "POST") {
			t.Errorf("a POST action endpoint was flagged: %s %s", f.Pos, f.Message)
		}
	}
	// Three schema examples that break their schema (see the note):
	// a oneOf of two plain strings, a logsink example wrapped in an extra
	// config key, and an integer in a list of strings.
	files := map[string]bool{}
	for _, f := range res.Findings {
		if f.Rule == "oas3-valid-schema-example" {
			files[f.Pos.File] = true
		}
	}
	for _, f := range []string{"resources/addons/models/addons_feature.yml", "resources/databases/models/logsink_verbose.yml", "resources/monitoring/responses/list_alert_policy_response.yml"} {
		if !files[f] {
			t.Errorf("oas3-valid-schema-example: nothing reported in %s", f)
		}
	}
	if len(files) != 3 {
		t.Errorf("oas3-valid-schema-example: findings in %v", files)
	}
	if counts["security-scope-single-use"] == 0 {
		t.Error("no single-use scope reported")
	}
	for rule, n := range counts {
		t.Logf("%-45s %4d findings, %4d operations", rule, n, ops[rule])
	}
}

// TestDOSpectralRulesetNatively runs DigitalOcean's own .spectral.yml (its
// 21 rules with their five JavaScript functions, and [spectral:oas, all])
// on its spec and wants the same findings, rule for rule and line for
// line, as dospec's built-in recommended and digitalocean rulesets, which
// TestRealSpecFidelity holds to what spectral 6.15 reports.
func TestDOSpectralRulesetNatively(t *testing.T) {
	rs, err := spectral.Load(filepath.Join(testenv.Shared(t), "current", ".spectral.yml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(rs.Rules) != 21 {
		t.Errorf("DO's ruleset has %d rules, want 21", len(rs.Rules))
	}
	s, err := spec.Load(context.Background(), testenv.DORoot(t), spec.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cfg := &Config{}
	if err := cfg.UseSpectral(rs); err != nil {
		t.Fatal(err)
	}
	native, err := Run(s, cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range native.Notes {
		if strings.Contains(n, "threw") || strings.Contains(n, "function") {
			t.Errorf("a function failed: %s", n)
		}
	}
	covered := map[string]bool{}
	for _, r := range rs.Rules {
		covered[r.Name] = true
	}
	for name, sev := range rs.Builtin {
		if sev != spectral.Off && Lookup(canonicalID(name)) != nil {
			covered[canonicalID(name)] = true
		}
	}
	key := func(f Finding) string { return f.Rule + " " + f.Pos.String() }
	got := map[string]bool{}
	for _, f := range native.Findings {
		got[key(f)] = true
	}
	want := map[string]bool{}
	for _, f := range lintDO(t).Findings {
		if covered[f.Rule] {
			want[key(f)] = true
		}
	}
	for k := range want {
		if !got[k] {
			t.Errorf("built-in reports %s; DO's ruleset run natively does not", k)
		}
	}
	for k := range got {
		if !want[k] {
			t.Errorf("DO's ruleset run natively reports %s; the built-in rules do not", k)
		}
	}
	t.Logf("%d findings, the same in both", len(got))
}
