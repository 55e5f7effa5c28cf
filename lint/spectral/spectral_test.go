package spectral

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/dospec/dospec/spec"
)

// writeFiles writes name → content under a new folder and returns it.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const petSpec = `openapi: 3.0.3
info: {title: Pets, version: "1"}
paths:
  /pets:
    get:
      operationId: listPets
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: 'schemas.yaml#/Pets'}
  /pets/{id}:
    delete:
      operationId: delete_pet
      responses:
        "204": {description: gone}
`

const petSchemas = `Pets:
  type: array
  items: {$ref: '#/Pet'}
Pet:
  type: object
  required: [id]
  properties:
    id: {type: integer}
    petName: {type: string, example: Rex}
    tag: {type: string}
`

// run loads the spec and ruleset in dir and returns "rule file:line" per
// result, sorted.
func run(t *testing.T, dir, ruleset string) ([]string, *Ruleset) {
	t.Helper()
	res, notes, rs := runRuleset(t, dir, ruleset)
	for _, n := range notes {
		t.Logf("note: %s", n)
	}
	var out []string
	for _, r := range res {
		out = append(out, r.Rule+" "+r.Pos.String()+" "+r.Message)
	}
	sort.Strings(out)
	return out, rs
}

// runRuleset loads openapi.yaml and the ruleset in dir and runs it.
func runRuleset(t *testing.T, dir, ruleset string) ([]Result, []Note, *Ruleset) {
	t.Helper()
	s, err := spec.Load(context.Background(), filepath.Join(dir, "openapi.yaml"), spec.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rs, err := Load(filepath.Join(dir, ruleset))
	if err != nil {
		t.Fatal(err)
	}
	res, notes, err := Run(s, rs)
	if err != nil {
		t.Fatal(err)
	}
	return res, notes, rs
}

func has(list []string, prefix string) bool {
	for _, l := range list {
		if strings.HasPrefix(l, prefix) {
			return true
		}
	}
	return false
}

// TestCoreFunctions: given paths (with .., filters, ~ and fields) and the
// core functions, on a two-file spec, findings at the source positions.
func TestCoreFunctions(t *testing.T) {
	dir := writeFiles(t, map[string]string{"openapi.yaml": petSpec, "schemas.yaml": petSchemas, "rules.yaml": `
rules:
  op-id-snake:
    given: $.paths[*][*].operationId
    severity: error
    message: "operationId {{value}} is not snake case"
    then: {function: casing, functionOptions: {type: snake}}
  props-camel:
    given: $..properties[*]~
    then: {function: casing, functionOptions: {type: camel}}
  strings-have-example:
    given: "$..properties[?(@.type == 'string')]"
    then: {field: example, function: truthy}
  delete-has-204:
    given: $.paths[*].delete.responses
    then: {field: "204", function: defined}
  path-no-params:
    given: "$.paths[?(@property.match(/\\{/))]~"
    severity: info
    then: {function: pattern, functionOptions: {notMatch: "\\{id\\}"}}
  version-pattern:
    given: $.info.version
    then: {function: pattern, functionOptions: {match: "^[0-9]+\\.[0-9]+$"}}
  xor-example:
    given: $..properties.id
    then: {function: xor, functionOptions: {properties: [example, examples]}}
  required-length:
    given: $..required
    then: {function: length, functionOptions: {min: 2}}
  enum-method:
    given: $.paths[*]~
    then: {function: enumeration, functionOptions: {values: [/pets]}}
  schema-check:
    given: $.info
    then: {function: schema, functionOptions: {schema: {type: object, required: [contact]}}}
`})
	got, _ := run(t, dir, "rules.yaml")
	for _, want := range []string{
		"op-id-snake openapi.yaml:6:20 operationId listPets is not snake case",
		`props-camel schemas.yaml:`, // none: id, petName and tag are camel case
		`strings-have-example schemas.yaml:10:5`,
		`path-no-params openapi.yaml:13:3`,
		`version-pattern openapi.yaml:2:`,
		`xor-example schemas.yaml:8:5`,
		`required-length schemas.yaml:6:3`,
		`enum-method openapi.yaml:13:3`,
		`schema-check openapi.yaml:2:`,
	} {
		if want == `props-camel schemas.yaml:` {
			if has(got, want) {
				t.Errorf("props-camel fired on camel-case names:\n%s", strings.Join(got, "\n"))
			}
			continue
		}
		if !has(got, want) {
			t.Errorf("missing %q in:\n%s", want, strings.Join(got, "\n"))
		}
	}
	if has(got, "delete-has-204") || has(got, "strings-have-example schemas.yaml:9") {
		t.Errorf("a check that holds was reported:\n%s", strings.Join(got, "\n"))
	}
}

// TestJSFunctions: custom functions as ES modules and CommonJS, with
// spectral's (input, options, context); one that throws or loops gives one
// note naming the function file and the rule, not a crash.
func TestJSFunctions(t *testing.T) {
	dir := writeFiles(t, map[string]string{"openapi.yaml": petSpec, "schemas.yaml": petSchemas,
		"functions/noCamel.js": `export default (input, opts, context) => {
  if (/[A-Z]/.test(input)) {
    return [{message: context.path.join('.') + ' has capitals (' + opts.why + ')'}];
  }
}`,
		"functions/cjs.js":    `module.exports = function (input) { if (input.type === 'array' && !input.minItems) return [{message: 'no minItems'}]; };`,
		"functions/throws.js": `export default () => { throw new Error('boom'); }`,
		"functions/loops.js":  `export default () => { for (;;) {} }`,
		"rules.yaml": `
functions: [noCamel, cjs, throws, loops]
rules:
  no-camel-props:
    given: $..properties[*]~
    then: {function: noCamel, functionOptions: {why: style}}
  arrays-min:
    given: $.paths[*][*].responses[*].content[*].schema
    then: {function: cjs}
  throwing:
    given: $.info
    then: {function: throws}
  looping:
    given: $.info
    then: {function: loops}
`})
	res, notes, _ := runRuleset(t, dir, "rules.yaml")
	var got []string
	for _, r := range res {
		got = append(got, r.Rule+" "+r.Pos.String()+" "+r.Message)
	}
	want := "no-camel-props schemas.yaml:9:5 paths./pets.get.responses.200.content.application/json.schema.items.properties.petName has capitals (style)"
	if !has(got, want) {
		t.Errorf("missing %q in:\n%s", want, strings.Join(got, "\n"))
	}
	if !has(got, "arrays-min schemas.yaml:1:1 no minItems") {
		t.Errorf("CommonJS function: %s", strings.Join(got, "\n"))
	}
	var noteText []string
	for _, n := range notes {
		noteText = append(noteText, n.String())
	}
	all := strings.Join(noteText, "\n")
	if !strings.Contains(all, "throwing: function throws:") || !strings.Contains(all, "threw: Error: boom") {
		t.Errorf("no note for the throwing function:\n%s", all)
	}
	if !strings.Contains(all, "looping: function loops:") || !strings.Contains(all, "took longer than") {
		t.Errorf("no note for the looping function:\n%s", all)
	}
}

// TestFunctionContext: what a custom function is handed, as spectral
// hands it: context.document.data is the root file as written ($refs in
// place), documentInventory.resolved has them followed; the options are
// null when a then has none; a value met twice is the same object;
// context.rule is the rule (severity as spectral's number).
func TestFunctionContext(t *testing.T) {
	dir := writeFiles(t, map[string]string{"openapi.yaml": petSpec, "schemas.yaml": petSchemas,
		"functions/look.js": `var seen = [];
export default (input, opts, context) => {
  var raw = context.document.data.paths['/pets'].get.responses['200'].content['application/json'].schema;
  var res = context.documentInventory.resolved.paths['/pets'].get.responses['200'].content['application/json'].schema;
  var again = seen.indexOf(input) >= 0;
  seen.push(input);
  return [{message: 'raw=' + raw.$ref + ' resolved=' + res.type + ' opts=' + opts + ' again=' + again + ' unresolved=' + (context.documentInventory.unresolved === context.document.data) + ' rule=' + context.rule.name + '/' + context.rule.severity + '/' + context.rule.description}];
}`,
		"rules.yaml": `
functions: [look]
rules:
  look-twice:
    description: looks twice
    message: "{{error}}"
    severity: info
    given: [$.info, $.info]
    then: {function: look}
`})
	res, notes, _ := runRuleset(t, dir, "rules.yaml")
	for _, n := range notes {
		t.Errorf("note: %s", n)
	}
	var got []string
	for _, r := range res {
		got = append(got, r.Message)
	}
	sort.Strings(got)
	want := []string{
		"raw=schemas.yaml#/Pets resolved=array opts=null again=false unresolved=true rule=look-twice/2/looks twice",
		"raw=schemas.yaml#/Pets resolved=array opts=null again=true unresolved=true rule=look-twice/2/looks twice",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestContextPath: context.path behaves as the array spectral hands a
// function: indexes are numbers, join (done in Go) joins as
// Array.prototype.join does, also after the function changes the array,
// and the array methods, spread, JSON and Array.isArray see an array.
func TestContextPath(t *testing.T) {
	dir := writeFiles(t, map[string]string{"openapi.yaml": petSpec, "schemas.yaml": petSchemas,
		"functions/path.js": `export default (input, opts, context) => {
  const p = context.path;
  const out = [
    p.join('.'), p.join(), p.join(undefined), p.join(''), p.join('.'), typeof p[4], p.length,
    Array.isArray(p), p instanceof Array, JSON.stringify(p.slice(0, 2)), [...p].length,
    p.includes('paths'), p.indexOf('items'), p.map(String).join('/'), Object.keys(p).length,
  ];
  p.push('extra');
  out.push(p.join('.'));
  p[0] = 'PATHS';
  out.push(p.join('+'));
  p.length = 1;
  out.push(p.join('.'));
  return [{message: out.join(' | ')}];
}`,
		"rules.yaml": `
functions: [path]
rules:
  path-array:
    given: $.paths['/pets'].get.parameters[0].schema
    then: {function: path}
`})
	doc := strings.Replace(petSpec, "      operationId: listPets\n", "      operationId: listPets\n      parameters:\n        - {name: limit, in: query, schema: {type: integer}}\n", 1)
	if err := os.WriteFile(filepath.Join(dir, "openapi.yaml"), []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	got := oneMessage(t, dir, "rules.yaml")
	want := strings.Join([]string{
		"paths./pets.get.parameters.0.schema", "paths,/pets,get,parameters,0,schema", "paths,/pets,get,parameters,0,schema",
		"paths/petsgetparameters0schema", "paths./pets.get.parameters.0.schema", "number", "6", "true", "true", `["paths","/pets"]`, "6",
		"true", "-1", "paths//pets/get/parameters/0/schema", "6",
		"paths./pets.get.parameters.0.schema.extra", "PATHS+/pets+get+parameters+0+schema+extra", "PATHS",
	}, " | ")
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// oneMessage runs a ruleset that reports once without notes and returns
// the message.
func oneMessage(t *testing.T, dir, ruleset string) string {
	t.Helper()
	res, notes, _ := runRuleset(t, dir, ruleset)
	for _, n := range notes {
		t.Errorf("note: %s", n)
	}
	if len(res) != 1 {
		t.Fatalf("%d results, want 1: %v", len(res), res)
	}
	return res[0].Message
}

// TestContextObject: a function's context has path as its own property
// and document, documentInventory and rule through its prototype; what a
// function sets on it or deletes behaves as on a plain object, in order.
func TestContextObject(t *testing.T) {
	dir := writeFiles(t, map[string]string{"openapi.yaml": petSpec, "schemas.yaml": petSchemas,
		"functions/ctx.js": `export default (input, opts, context) => {
  const out = [Object.keys(context).join(','), 'path' in context, 'rule' in context, typeof context.document.data,
    context.hasOwnProperty('path'), context.hasOwnProperty('rule'), context.rule.name];
  context.b = 1; context.a = 2; context.b = 3;
  out.push(Object.keys(context).join(','), context.b, JSON.stringify(Object.keys(context)));
  delete context.b;
  out.push(Object.keys(context).join(','), context.b === undefined, 'b' in context);
  context.path = 'replaced';
  out.push(context.path);
  delete context.path;
  out.push(context.path === undefined, Object.keys(context).join(','));
  return [{message: out.join(' | ')}];
}`,
		"rules.yaml": `
functions: [ctx]
rules:
  ctx-object:
    given: $.info
    then: {function: ctx}
`})
	got := oneMessage(t, dir, "rules.yaml")
	want := strings.Join([]string{
		"path", "true", "true", "object", "true", "false", "ctx-object",
		"path,b,a", "3", `["path","b","a"]`,
		"path,a", "true", "false",
		"replaced",
		"true", "a",
	}, " | ")
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestRulesetFormat: extends (spectral:oas modes, a local file in the
// ruleset's folder, nested), severity-only entries, formats, resolved:
// false, \/ escapes, and what is not supported is named with its place.
func TestRulesetFormat(t *testing.T) {
	dir := writeFiles(t, map[string]string{"openapi.yaml": petSpec, "schemas.yaml": petSchemas,
		"sub/base.yaml": `
extends: [[spectral:oas, off]]
rules:
  ops-have-id:
    given: $.paths[*][*]
    then: {field: operationId, function: truthy}
  refs-to-yaml:
    resolved: false
    given: $..$ref
    then: {function: pattern, functionOptions: {match: "\/?schemas\\.yaml#"}}
  only-31:
    formats: [oas3_1]
    given: $
    then: {function: falsy}
`,
		"rules.yaml": `
extends:
  - ./sub/base.yaml
  - [spectral:oas, recommended]
  - spectral:asyncapi
  - "@acme/ruleset"
rules:
  ops-have-id: error
  operation-tags: off
  typed-enum: hint
  made-up-key: {given: $, then: {function: truthy}, nonsense: 1}
`})
	got, rs := run(t, dir, "rules.yaml")
	if rs.Builtin["operation-tags"] != Off || rs.Builtin["typed-enum"] != Hint || rs.Builtin["operation-description"] != Warning || rs.Builtin["openapi-tags"] != Off {
		t.Errorf("spectral:oas severities: %v", rs.Builtin)
	}
	for _, r := range rs.Rules {
		if r.Name == "ops-have-id" && r.Severity != Error {
			t.Errorf("ops-have-id severity %d, want error from the override", r.Severity)
		}
	}
	if has(got, "only-31") {
		t.Error("a 3.1-only rule ran on a 3.0 document")
	}
	if has(got, "refs-to-yaml") {
		t.Errorf("\\/ in a double-quoted pattern was not read as /:\n%s", strings.Join(got, "\n"))
	}
	var notes []string
	for _, n := range rs.Unsupported {
		notes = append(notes, n.String())
	}
	all := strings.Join(notes, "\n")
	for _, want := range []string{"rules.yaml:5:5: spectral:asyncapi is not supported", `rules.yaml:6:5: extends "@acme/ruleset"`, `rules.yaml:11:53: rule made-up-key: unknown key "nonsense"`} {
		if !strings.Contains(all, want) {
			t.Errorf("notes lack %q:\n%s", want, all)
		}
	}
}

func TestParsePath(t *testing.T) {
	for _, c := range []struct {
		in   string
		segs int
		keys bool
		err  bool
	}{
		{"$.paths[*][*]", 3, false, false},
		{"$..properties..properties.*", 3, false, false},
		{"$.paths[?(@property!='/<upload_url>')]~", 2, true, false},
		{"$.paths[?(@property.match(/.*\\/{.*}.*/))]..responses", 3, false, false},
		{"$.components['schemas'].*~", 3, true, false},
		{"$['a','b'][0]", 2, false, false},
		{"paths", 0, false, true},
		{"$.paths[", 0, false, true},
	} {
		p, err := parsePath(c.in)
		if (err != nil) != c.err {
			t.Errorf("%s: error %v", c.in, err)
			continue
		}
		if err == nil && (len(p.segs) != c.segs || p.keys != c.keys) {
			t.Errorf("%s: %d segments keys=%v, want %d %v", c.in, len(p.segs), p.keys, c.segs, c.keys)
		}
	}
}

// TestJSRuleset: a ruleset written as an ES module, importing spectral's
// functions, formats and createRulesetFunction, with a function of its own.
func TestJSRuleset(t *testing.T) {
	dir := writeFiles(t, map[string]string{"openapi.yaml": petSpec, "schemas.yaml": petSchemas,
		"ruleset.mjs": `import { truthy, pattern as matches } from "@stoplight/spectral-functions";
import { oas3 } from "@stoplight/spectral-formats";
import { createRulesetFunction } from "@stoplight/spectral-core";

const noDeletes = createRulesetFunction({ input: null, options: null }, function noDeletes(input, options, context) {
  return Object.keys(input).filter((m) => m === "delete").map((m) => ({ message: "no " + m + " on " + context.path[1], path: [...context.path, m] }));
});

var ruleset_default = {
  formats: [oas3],
  rules: {
    "ops-have-summary": { given: "$.paths[*][*]", severity: "warn", then: { field: "summary", function: truthy } },
    "ids-snake": { given: "$.paths[*][*].operationId", severity: 0, then: { function: matches, functionOptions: { match: "^[a-z_]+$" } } },
    "no-deletes": { given: "$.paths[*]", then: { function: noDeletes } },
  },
};
export { ruleset_default as default };
`,
		"bad.mjs": `import { lodash } from "lodash";
export default { rules: {} };
`})
	got, rs := run(t, dir, "ruleset.mjs")
	if len(rs.Rules) != 3 || rs.Rules[0].Formats[0] != "oas3" {
		t.Fatalf("rules %v formats %v", rs.RuleNames(), rs.Rules[0].Formats)
	}
	for _, want := range []string{
		"ids-snake openapi.yaml:6:20",
		"no-deletes openapi.yaml:14:5 no delete on /pets/{id}",
		"ops-have-summary openapi.yaml:5:5",
	} {
		if !has(got, want) {
			t.Errorf("missing %q in:\n%s", want, strings.Join(got, "\n"))
		}
	}
	_, err := Load(filepath.Join(dir, "bad.mjs"))
	if err == nil || !strings.Contains(err.Error(), "bad.mjs") || !strings.Contains(err.Error(), "module lodash is not available") {
		t.Errorf("a ruleset importing an unknown module: %v", err)
	}
}

// TestTimeLimit: a ruleset's JavaScript that never ends (a filter, a
// backtracking pattern, a function called on many values, a JavaScript
// ruleset) is stopped once, with one note, and lint goes on.
func TestTimeLimit(t *testing.T) {
	dir := writeFiles(t, map[string]string{"openapi.yaml": petSpec, "schemas.yaml": petSchemas,
		"functions/loops.js": `export default () => { for (;;) {} }`,
		"rules.yaml": `
functions: [loops]
rules:
  looping-filter:
    given: "$.paths[?(function(){ for (;;) {} })()]"
    then: {function: truthy}
  backtracking:
    given: $.info.title
    then: {function: pattern, functionOptions: {match: "^(?=P)(\\w+)+$"}}
  looping-everywhere:
    given: $..*
    then: {function: loops}
  still-runs:
    given: $.paths[*][*]
    then: {field: operationId, function: pattern, functionOptions: {match: "^[a-z]+$"}}
`})
	// a title that backtracks for ever against ^(?=P)(\w+)+$
	doc := strings.Replace(petSpec, "title: Pets", "title: 'Petsssssssssssssssssssssssssssssssss!'", 1)
	if err := os.WriteFile(filepath.Join(dir, "openapi.yaml"), []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	res, notes, _ := runRuleset(t, dir, "rules.yaml")
	count := map[string]int{}
	for _, n := range notes {
		for _, rule := range []string{"looping-filter", "backtracking", "looping-everywhere"} {
			if strings.Contains(n.String(), "rule "+rule+":") && strings.Contains(n.String(), "took longer than") {
				count[rule]++
			}
		}
	}
	for _, rule := range []string{"looping-filter", "backtracking", "looping-everywhere"} {
		if count[rule] != 1 {
			t.Errorf("rule %s: %d time-limit notes, want 1; notes: %v", rule, count[rule], notes)
		}
	}
	found := false
	for _, r := range res {
		found = found || r.Rule == "still-runs"
	}
	if !found {
		t.Errorf("the rule after the stopped ones found nothing: %v", res)
	}

	js := writeFiles(t, map[string]string{"rules.js": "while (true) {}\nexport default {rules: {}};\n"})
	if _, err := Load(filepath.Join(js, "rules.js")); err == nil || !strings.Contains(err.Error(), "took longer than") {
		t.Errorf("a JavaScript ruleset that never ends: err = %v", err)
	}
}
