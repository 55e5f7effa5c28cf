package lint

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dospec/dospec/internal/quickschema"
	"github.com/dospec/dospec/internal/testenv"
	"github.com/dospec/dospec/spec"
)

// TestQuickAgreesWithValidator: on every unit of DigitalOcean's spec, the
// world corpus and the lint fixtures, and on copies of those units with
// values broken at random, quick never calls valid what the JSON Schema
// validator calls invalid (nor the other way round, where it decides),
// and it decides most units of the real specs.
func TestQuickAgreesWithValidator(t *testing.T) {
	roots := append([]string{testenv.DORoot(t)}, testenv.WorldSpecs(t)...)
	fixtures, _ := filepath.Glob(filepath.Join(testenv.ProjectRoot(), "testdata", "specs", "lint", "*.txtar"))
	var decided, units, broken int
	rng := rand.New(rand.NewPCG(1, 2))
	check := func(name string, s *spec.Spec) {
		version := "3.0"
		if strings.HasPrefix(s.Version, "3.1") {
			version = "3.1"
		} else if !strings.HasPrefix(s.Version, "3.0") {
			return
		}
		v, err := compiledOAS(version)
		if err != nil {
			t.Fatal(err)
		}
		_, jobs := schemaJobs(s, v, version)
		for _, j := range jobs {
			vals := []any{j.val}
			for range 3 {
				vals = append(vals, breakValue(rng, j.val))
			}
			for i, val := range vals {
				full := j.sch.Validate(val) == nil
				q := quickschema.Check(j.sch, val)
				if q == quickschema.Valid && !full || q == quickschema.Invalid && full {
					text, _ := json.Marshal(val)
					t.Errorf("%s %s (copy %d): quick %v, validator valid=%v: %.300s", name, j.u.path, i, q, full, text)
				}
				if i == 0 && version == "3.0" {
					units++
					if q != quickschema.Unsure {
						decided++
					}
				}
				if i > 0 && !full {
					broken++
				}
			}
		}
	}
	for _, root := range roots {
		s, err := spec.Load(context.Background(), root, spec.Options{KeepGoing: true})
		if err != nil {
			continue
		}
		check(filepath.Base(root), s)
	}
	for _, f := range fixtures {
		c := testenv.ExtractTxtar(t, f)
		s, err := spec.Load(context.Background(), filepath.Join(c.Dir, "openapi.yaml"), spec.Options{KeepGoing: true})
		if err != nil {
			continue
		}
		check(c.Name, s)
	}
	// Cases random breaking rarely makes: both branches of a oneOf.
	v, err := compiledOAS("3.0")
	if err != nil {
		t.Fatal(err)
	}
	for kind, text := range map[spec.Kind]string{
		spec.KindParameter:      `{"name": "a", "in": "query", "schema": {}, "content": {"a/b": {}}}`,
		spec.KindSecurityScheme: `{"type": "http", "scheme": "bearer", "bearerFormat": "JWT", "in": "header"}`,
		spec.KindHeader:         `{"schema": {"type": "string"}, "content": {"text/plain": {}}}`,
		spec.KindSchema:         `{"type": "string", "enum": ["a", "a"], "required": ["x", "x"]}`,
	} {
		var val any
		d := json.NewDecoder(strings.NewReader(text))
		d.UseNumber()
		if err := d.Decode(&val); err != nil {
			t.Fatal(err)
		}
		sch := v.defs[kind]
		if full, q := sch.Validate(val) == nil, quickschema.Check(sch, val); q == quickschema.Valid && !full || q == quickschema.Invalid && full {
			t.Errorf("%s: quick %v, validator valid=%v", text, q, full)
		}
	}
	t.Logf("quick decided %d of %d 3.0 units; %d broken copies invalid", decided, units, broken)
	if units == 0 || decided*10 < units*9 {
		t.Errorf("quick decided %d of %d units, want at least 90%%", decided, units)
	}
	if broken == 0 {
		t.Error("no broken copy was invalid: the copies test nothing")
	}
}

// breakValue copies v with one value somewhere replaced by one of another
// type, an unknown key added, or a required-looking key removed.
func breakValue(rng *rand.Rand, v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v)+1)
		keys := make([]string, 0, len(v))
		for k, x := range v {
			out[k] = x
			keys = append(keys, k)
		}
		if len(keys) == 0 || rng.IntN(4) == 0 {
			out["bogus"] = true
			return out
		}
		k := keys[rng.IntN(len(keys))]
		switch rng.IntN(3) {
		case 0:
			delete(out, k)
		case 1:
			out[k] = oddValue(rng, v[k])
		default:
			out[k] = breakValue(rng, v[k])
		}
		return out
	case []any:
		if len(v) == 0 {
			return []any{json.Number("1")}
		}
		out := append([]any{}, v...)
		i := rng.IntN(len(v))
		out[i] = breakValue(rng, v[i])
		if rng.IntN(3) == 0 {
			out = append(out, out[0]) // a duplicate item
		}
		return out
	}
	return oddValue(rng, v)
}

func oddValue(rng *rand.Rand, v any) any {
	choices := []any{json.Number("-1"), json.Number("1.5"), "text", true, nil, []any{}, map[string]any{}, "$ref"}
	for {
		c := choices[rng.IntN(len(choices))]
		if fmt.Sprintf("%T", c) != fmt.Sprintf("%T", v) {
			return c
		}
	}
}
