package spectral

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/dop251/goja"
)

// A JavaScript ruleset (spectral's ruleset.mjs or .js form) is an ES module
// or CommonJS file whose default export is the ruleset object. It imports
// @stoplight/spectral-functions, -formats and -core; dospec gives it those
// modules backed by its native functions (a core function is its name, as
// in YAML; a format its name) and reads the exported object as a ruleset.
// Functions the ruleset defines itself stay JavaScript, run by the engine.

// customPrefix names a ruleset's own function in the JSON the ruleset is
// turned into.
const customPrefix = "__dospec_custom_"

// jsModule is a JavaScript ruleset, compiled once.
type jsModule struct {
	file string
	prog *goja.Program
}

var (
	importFrom  = regexp.MustCompile(`(?s)import\s*\{([^}]*)\}\s*from\s*["']([^"']+)["'];?`)
	importStar  = regexp.MustCompile(`import\s+\*\s+as\s+(\w+)\s+from\s*["']([^"']+)["'];?`)
	importDef   = regexp.MustCompile(`import\s+(\w+)\s+from\s*["']([^"']+)["'];?`)
	exportList  = regexp.MustCompile(`(?s)export\s*\{([^}]*)\};?`)
	bareImport  = regexp.MustCompile(`(?m)^\s*import\s+["']([^"']+)["'];?`)
	requireCall = regexp.MustCompile(`\brequire\(`)
)

// toCommonJS rewrites the import and export statements of an ES module
// into CommonJS over __require, which goja runs.
func toCommonJS(src string) string {
	src = importFrom.ReplaceAllStringFunc(src, func(m string) string {
		g := importFrom.FindStringSubmatch(m)
		var parts []string
		for _, name := range strings.Split(g[1], ",") {
			name = strings.TrimSpace(name)
			if name == "" {
				continue
			}
			if from, as, ok := strings.Cut(name, " as "); ok {
				name = strings.TrimSpace(from) + ": " + strings.TrimSpace(as)
			}
			parts = append(parts, name)
		}
		return "const {" + strings.Join(parts, ", ") + "} = __require(" + quote(g[2]) + ");"
	})
	src = importStar.ReplaceAllString(src, `const $1 = __require("$2");`)
	src = importDef.ReplaceAllString(src, `const $1 = __require("$2").default;`)
	src = bareImport.ReplaceAllString(src, `__require("$1");`)
	src = exportList.ReplaceAllStringFunc(src, func(m string) string {
		g := exportList.FindStringSubmatch(m)
		var out []string
		for _, name := range strings.Split(g[1], ",") {
			name = strings.TrimSpace(name)
			if name == "" {
				continue
			}
			local, exported := name, name
			if from, as, ok := strings.Cut(name, " as "); ok {
				local, exported = strings.TrimSpace(from), strings.TrimSpace(as)
			}
			out = append(out, "module.exports["+quote(exported)+"] = "+local+";")
		}
		return strings.Join(out, " ")
	})
	src = exportDefault.ReplaceAllString(src, "module.exports.default = ")
	src = exportNamed.ReplaceAllStringFunc(src, func(s string) string { return strings.Replace(s, "export ", "", 1) })
	return requireCall.ReplaceAllString(src, "__require(")
}

func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` }

// moduleShims are the modules a JavaScript ruleset may import.
const moduleShims = `
var __modules = {
  "@stoplight/spectral-functions": (function () {
    var m = {};
    ["truthy", "falsy", "defined", "undefined", "pattern", "casing", "alphabetical", "enumeration", "length",
     "schema", "xor", "or", "typedEnum", "unreferencedReusableObject"].forEach(function (n) { m[n] = n; });
    return m;
  })(),
  "@stoplight/spectral-formats": (function () {
    var m = {};
    ["oas2", "oas3", "oas3_0", "oas3_1", "oas3_2", "asyncapi2", "asyncapi3", "json", "yaml", "jsonSchema",
     "jsonSchemaLoose", "jsonSchemaDraft4", "jsonSchemaDraft6", "jsonSchemaDraft7", "jsonSchemaDraft2019_09",
     "jsonSchemaDraft2020_12"].forEach(function (n) { m[n] = n; });
    return m;
  })(),
  "@stoplight/spectral-core": {
    createRulesetFunction: function (spec, fn) { return fn; },
    DiagnosticSeverity: {Error: 0, Warning: 1, Information: 2, Hint: 3}
  },
  "@stoplight/spectral-rulesets": { oas: "spectral:oas", asyncapi: "spectral:asyncapi", arazzo: "spectral:arazzo" }
};
function __require(name) {
  if (Object.prototype.hasOwnProperty.call(__modules, name)) { return __modules[name]; }
  throw new Error("module " + name + " is not available to rulesets run by dospec");
}
var __customFns = [];
function __asJSON(rs) {
  rs = rs && rs.default ? rs.default : rs;
  var rules = (rs && rs.rules) || {};
  Object.keys(rules).forEach(function (name) {
    var r = rules[name];
    if (!r || typeof r !== "object") { return; }
    var thens = Array.isArray(r.then) ? r.then : (r.then ? [r.then] : []);
    thens.forEach(function (t) {
      if (typeof t.function === "function") {
        __customFns.push(t.function);
        t.function = "` + customPrefix + `" + (__customFns.length - 1);
      }
    });
  });
  if (rs && rs.extends) {
    rs.extends = [].concat(rs.extends).map(function (e) { return Array.isArray(e) ? e : e; });
  }
  return JSON.stringify(rs);
}
`

// loadJSRuleset runs a JavaScript ruleset and returns it as JSON, which
// the YAML/JSON reader reads like any ruleset.
func loadJSRuleset(file string, src []byte) (*jsModule, []byte, error) {
	wrapped := moduleShims + "\n(function () { var module = {exports: {}}; var exports = module.exports;\n" +
		toCommonJS(string(src)) + "\n;return __asJSON(module.exports); })()"
	prog, err := goja.Compile(file, wrapped, false)
	if err != nil {
		return nil, nil, fmt.Errorf("the JavaScript ruleset does not compile: %v", err)
	}
	vm := goja.New()
	v, err := newLimiter(vm).run(func() (goja.Value, error) { return vm.RunProgram(prog) })
	if err != nil {
		return nil, nil, fmt.Errorf("the JavaScript ruleset fails when run: %v", firstLine(err.Error()))
	}
	return &jsModule{file: file, prog: prog}, []byte(v.String()), nil
}
