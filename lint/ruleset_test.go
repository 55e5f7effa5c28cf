package lint

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dospec/dospec/internal/config"
	"github.com/dospec/dospec/internal/testenv"
	"github.com/dospec/dospec/lint/spectral"
	"github.com/dospec/dospec/spec"
)

// A DigitalOcean-style spec: unversioned path, operation inheriting the
// root's security, a camelCase schema name, a property without example.
const rulesetSpec = `-- openapi.yaml --
openapi: 3.0.3
info: {title: t, version: "1", description: d}
servers: [{url: "https://api.example.com"}]
security: [{bearer_auth: []}]
tags: [{name: Things, description: things}]
paths:
  /things:
    get:
      $ref: resources/legacy/things_list.yml
  /v2/items:
    get:
      $ref: resources/items/items_list.yml
components:
  securitySchemes:
    bearer_auth: {type: http, scheme: bearer}
  schemas:
    thing-list: {type: object, properties: {n: {type: integer}}}
-- resources/legacy/things_list.yml --
operationId: things_list
summary: List things
description: Lists things.
tags: [Things]
responses:
  "200":
    description: ok
    content:
      application/json:
        schema: {$ref: '../../openapi.yaml#/components/schemas/thing-list'}
-- resources/items/items_list.yml --
operationId: items_list
summary: List items
description: Lists items.
tags: [Things]
responses:
  "200": {description: ok}
`

func lintWith(t *testing.T, yaml string) map[string][]Finding {
	t.Helper()
	f, err := config.Parse(".dospec.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := NewConfig(f)
	if err != nil {
		t.Fatal(err)
	}
	root, files := testenv.Archive([]byte(rulesetSpec))
	s, err := spec.Load(context.Background(), root, spec.Options{Reader: files})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(s, cfg)
	if err != nil {
		t.Fatal(err)
	}
	by := map[string][]Finding{}
	for _, f := range res.Findings {
		by[f.Rule] = append(by[f.Rule], f)
	}
	return by
}

// TestRulesets: the default is recommended (no house style); digitalocean
// adds DO's rules; rules and overrides change severities, per file.
func TestRulesets(t *testing.T) {
	def := lintWith(t, "lint: {}\n")
	for _, id := range []string{"path-must-include-version", "schema-key-must-be-snake-cased", "properties-must-include-examples", "ratelimit-headers"} {
		if len(def[id]) > 0 {
			t.Errorf("default ruleset reports DigitalOcean's %s", id)
		}
	}
	do := lintWith(t, "lint:\n  extends: [recommended, digitalocean]\n")
	for _, id := range []string{"path-must-include-version", "schema-key-must-be-snake-cased", "oas3-operation-security-defined"} {
		if len(do[id]) == 0 {
			t.Errorf("extends digitalocean: no %s finding", id)
		}
	}
	// DO's meaning of oas3-operation-security-defined: both operations
	// inherit the root's security.
	if got := len(do["oas3-operation-security-defined"]); got != 2 {
		t.Errorf("DO's oas3-operation-security-defined: %d findings, want 2", got)
	}
	// A severity turns an opt-in rule on; off turns one off; an override
	// changes a rule for the files its globs match.
	over := lintWith(t, `lint:
  extends: [recommended, digitalocean]
  rules:
    operation-summary: error
    schema-key-must-be-snake-cased: off
  overrides:
    - files: ['resources/legacy/**']
      rules:
        oas3-operation-security-defined: off
        operation-description: hint
`)
	if len(over["schema-key-must-be-snake-cased"]) != 0 {
		t.Error("rules: off did not turn the rule off")
	}
	sec := over["oas3-operation-security-defined"]
	if len(sec) != 1 || sec[0].Pos.File != "resources/items/items_list.yml" {
		t.Errorf("override off for resources/legacy/**: %+v", sec)
	}
	// An override turning on a rule that is off everywhere else.
	on := lintWith(t, `lint:
  rules:
    property-description: off
  overrides:
    - files: ['openapi.yaml']
      rules:
        property-description: hint
`)
	for _, f := range on["property-description"] {
		if f.Pos.File != "openapi.yaml" || f.Severity != Hint {
			t.Errorf("property-description outside its override: %s %s", f.Pos, f.Severity)
		}
	}
	if len(on["property-description"]) == 0 {
		t.Error("an override did not turn property-description on for openapi.yaml")
	}
}

// TestRulesetConfigErrors: unknown rulesets and rules are errors at their
// line with a guess; a spectral id dospec knows under another name maps.
func TestRulesetConfigErrors(t *testing.T) {
	for yaml, want := range map[string]string{
		"lint:\n  extends: [recomended]\n":                                           `.dospec.yaml:2:13: extends: unknown ruleset "recomended" (did you mean "recommended"?)`,
		"lint:\n  rules:\n    operation-tag: off\n":                                  `did you mean "operation-tags"?`,
		"lint:\n  overrides:\n    - files: [a]\n      rules: {opration-tags: off}\n": `overrides[0]: unknown rule "opration-tags"`,
	} {
		f, err := config.Parse(".dospec.yaml", []byte(yaml))
		if err != nil {
			t.Fatal(err)
		}
		_, err = NewConfig(f)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", yaml, err, want)
		}
	}
	f, _ := config.Parse(".dospec.yaml", []byte("lint:\n  rules:\n    no-script-tags-in-markdown: error\n"))
	cfg, err := NewConfig(f)
	if err != nil {
		t.Fatalf("a spectral alias: %v", err)
	}
	if cfg.global["description-no-script"] != Error {
		t.Errorf("no-script-tags-in-markdown did not map to description-no-script: %v", cfg.global["description-no-script"])
	}
}

// TestSpectralRulesetKeepsParserAndRefs: with a spectral ruleset that
// names neither, what the parser and the $ref resolver find is still
// reported, as spectral does whatever the ruleset; the ruleset's own rule
// runs beside them and no dospec rule the ruleset does not ask for does.
func TestSpectralRulesetKeepsParserAndRefs(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("openapi.yaml", `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    get:
      responses:
        200: {description: ok}
        "404": {$ref: gone.yaml}
`)
	write("rules.yaml", "rules:\n  info-contact-named:\n    given: $.info\n    then: {field: contact, function: truthy}\n")
	rs, err := spectral.Load(filepath.Join(dir, "rules.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := &Config{}
	if err := cfg.UseSpectral(rs); err != nil {
		t.Fatal(err)
	}
	s, err := spec.Load(context.Background(), filepath.Join(dir, "openapi.yaml"), spec.Options{KeepGoing: true})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(s, cfg)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range res.Findings {
		got = append(got, fmt.Sprintf("%s %s %s", f.Rule, f.Severity, f.Pos))
	}
	want := []string{"info-contact-named warning openapi.yaml:2:1", "parser error openapi.yaml:7:9", "invalid-ref error openapi.yaml:8:23"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
