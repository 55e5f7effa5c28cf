package diff

import (
	"math/big"
	"strings"
	"unicode"

	yaml "github.com/pb33f/go-yaml"
	"github.com/sergi/go-diff/diffmatchpatch"

	"github.com/dospec/dospec/spec"
)

// Checks lists every check, in the order --list-checks shows them.
func Checks() []*Check { return registry }

// CheckIDs lists every check's id, in registry order.
func CheckIDs() []string {
	out := make([]string, len(registry))
	for i, c := range registry {
		out[i] = c.ID
	}
	return out
}

// LookupCheck finds a check by id.
func LookupCheck(id string) *Check {
	for _, c := range registry {
		if c.ID == id {
			return c
		}
	}
	return nil
}

func isTrue(n side, key string) bool {
	if !n.ok() {
		return false
	}
	v, _ := spec.ScalarString(spec.Get(n.Node.Node, key))
	return v == "true"
}

func str(n side, key string) string {
	if !n.ok() {
		return ""
	}
	v, _ := spec.ScalarString(spec.Get(n.Node.Node, key))
	return v
}

func success(code string) bool {
	return len(code) == 3 && code[0] == '2' || strings.EqualFold(code, "2XX")
}

// registry is filled in init: the checks' functions reach Checks through
// the config's levels, which a package-level initializer may not.
var registry []*Check

func init() { registry = checkList() }

func checkList() []*Check {
	return []*Check{
		// Operations.
		{ID: "operation-removed", Level: Breaking, on: pOperation,
			Title: "An operation was removed",
			Doc:   "Clients calling it get 404 or 405. Removing an operation marked deprecated is deprecated-operation-removed instead.",
			fn: func(c *ctx, p *pair) {
				if p.base.ok() && !p.head.ok() && !isTrue(p.base, "deprecated") {
					c.report("operation-removed", p, "%s was removed", p.op)
				}
			}},
		{ID: "deprecated-operation-removed", Level: Breaking, on: pOperation,
			Title: "A deprecated operation was removed",
			Doc:   "The operation said deprecated: true, so clients were warned; it still breaks those that call it. Lower the level in .dospec.yaml when your policy sanctions such removals.",
			fn: func(c *ctx, p *pair) {
				if p.base.ok() && !p.head.ok() && isTrue(p.base, "deprecated") {
					c.report("deprecated-operation-removed", p, "%s (deprecated) was removed", p.op)
				}
			}},
		{ID: "operation-added", Level: Info, on: pOperation,
			Title: "An operation was added",
			Doc:   "A new method for clients; nothing they do today changes.",
			fn: func(c *ctx, p *pair) {
				if !p.base.ok() && p.head.ok() {
					c.report("operation-added", p, "%s was added", p.op)
				}
			}},
		{ID: "operation-id-changed", Level: Warning, on: pOperation,
			Title: "An operationId changed",
			Doc:   "The wire is the same, but generated clients rename the method.",
			fn: func(c *ctx, p *pair) {
				if b, h := str(p.base, "operationId"), str(p.head, "operationId"); p.base.ok() && p.head.ok() && b != h {
					c.report("operation-id-changed", p, "%s: operationId %s became %s", p.op, b, h)
				}
			}},
		{ID: "operation-deprecated", Level: Info, on: pOperation,
			Title: "An operation was marked deprecated",
			Doc:   "Clients still work, but should plan to move off it before it is removed.",
			fn: func(c *ctx, p *pair) {
				if p.base.ok() && p.head.ok() && !isTrue(p.base, "deprecated") && isTrue(p.head, "deprecated") {
					c.report("operation-deprecated", p, "%s is now deprecated", p.op)
				}
			}},
		{ID: "path-parameter-renamed", Level: Warning, on: pOperation,
			Title: "A path parameter was renamed",
			Doc:   "The URL is the same on the wire, but generated clients rename the argument.",
			fn: func(c *ctx, p *pair) {
				if p.op.base != nil && p.op.head != nil && p.op.base.Path != p.op.head.Path {
					c.report("path-parameter-renamed", p, "%s: path %s became %s", p.op, p.op.base.Path, p.op.head.Path)
				}
			}},

		// Parameters.
		{ID: "request-required-parameter-added", Level: Breaking, on: pParameter,
			Title: "A required parameter was added",
			Doc:   "Clients that do not send the new parameter are refused.",
			fn: func(c *ctx, p *pair) {
				if !p.base.ok() && p.head.ok() && isTrue(p.head, "required") {
					c.report("request-required-parameter-added", p, "%s: new required %s parameter %s", p.op, str(p.head, "in"), p.name)
				}
			}},
		{ID: "request-parameter-added", Level: Info, on: pParameter,
			Title: "An optional parameter was added",
			Doc:   "Clients may send it; those that do not are unaffected.",
			fn: func(c *ctx, p *pair) {
				if !p.base.ok() && p.head.ok() && !isTrue(p.head, "required") {
					c.report("request-parameter-added", p, "%s: new optional %s parameter %s", p.op, str(p.head, "in"), p.name)
				}
			}},
		{ID: "request-parameter-removed", Level: Warning, on: pParameter,
			Title: "A parameter was removed",
			Doc:   "Clients that send it may be refused or silently ignored.",
			fn: func(c *ctx, p *pair) {
				if p.base.ok() && !p.head.ok() {
					c.report("request-parameter-removed", p, "%s: %s parameter %s was removed", p.op, str(p.base, "in"), p.name)
				}
			}},
		{ID: "request-parameter-became-required", Level: Breaking, on: pParameter,
			Title: "A parameter became required",
			Doc:   "Clients that left the parameter out are now refused.",
			fn: func(c *ctx, p *pair) {
				if p.base.ok() && p.head.ok() && !isTrue(p.base, "required") && isTrue(p.head, "required") {
					bk, _ := spec.GetKey(p.base.Node.Node, "required")
					if bk == nil {
						bk = p.base.Node.Node
					}
					hk, _ := spec.GetKey(p.head.Node.Node, "required")
					c.reportAt("request-parameter-became-required", p, p.base.File, bk, p.head.File, hk, "%s is now required", p.where)
				}
			}},

		// Request bodies and media types.
		{ID: "request-body-added-required", Level: Breaking, on: pRequestBody,
			Title: "A required request body was added, or a body became required",
			Doc:   "Clients that send no body are now refused.",
			fn: func(c *ctx, p *pair) {
				if isTrue(p.head, "required") && !isTrue(p.base, "required") {
					c.report("request-body-added-required", p, "%s: the request body is now required", p.op)
				}
			}},
		{ID: "request-body-removed", Level: Warning, on: pRequestBody,
			Title: "A request body was removed",
			Doc:   "Clients that still send one may be refused or have it ignored.",
			fn: func(c *ctx, p *pair) {
				if p.base.ok() && !p.head.ok() {
					c.report("request-body-removed", p, "%s: the request body was removed", p.op)
				}
			}},
		{ID: "request-media-type-removed", Level: Breaking, on: pMediaType,
			Title: "A request media type was removed",
			Doc:   "Clients that send the body in that media type are refused (typically 415).",
			fn: func(c *ctx, p *pair) {
				if p.dir == request && p.base.ok() && !p.head.ok() {
					c.report("request-media-type-removed", p, "%s: request body %s is no longer accepted", p.op, p.name)
				}
			}},
		{ID: "response-media-type-removed", Level: Breaking, on: pMediaType,
			Title: "A success response's media type was removed",
			Doc:   "Clients that ask for or parse that media type get something else.",
			fn: func(c *ctx, p *pair) {
				if p.dir == response && success(p.status) && p.base.ok() && !p.head.ok() {
					c.report("response-media-type-removed", p, "%s: response %s no longer returns %s", p.op, p.status, p.name)
				}
			}},

		// Responses and headers.
		{ID: "response-success-status-removed", Level: Breaking, on: pResponse,
			Title: "A success response was removed",
			Doc:   "Clients that handle that success status get another one instead.",
			fn: func(c *ctx, p *pair) {
				if p.base.ok() && !p.head.ok() && success(p.name) {
					c.report("response-success-status-removed", p, "%s: response %s was removed", p.op, p.name)
				}
			}},
		{ID: "response-status-removed", Level: Info, on: pResponse,
			Title: "An error response was removed",
			Doc:   "Clients keep working; the error simply is no longer documented.",
			fn: func(c *ctx, p *pair) {
				if p.base.ok() && !p.head.ok() && !success(p.name) {
					c.report("response-status-removed", p, "%s: response %s is no longer documented", p.op, p.name)
				}
			}},
		{ID: "response-status-added", Level: Info, on: pResponse,
			Title: "A response was added",
			Doc:   "Clients that switch on the status may meet one they do not handle; reported for the changelog.",
			fn: func(c *ctx, p *pair) {
				if !p.base.ok() && p.head.ok() {
					c.report("response-status-added", p, "%s: response %s was added", p.op, p.name)
				}
			}},
		{ID: "response-header-removed", Level: Warning, on: pHeader,
			Title: "A response header was removed",
			Doc:   "Clients that read the header (rate limits, links) find it missing.",
			fn: func(c *ctx, p *pair) {
				if p.base.ok() && !p.head.ok() {
					c.report("response-header-removed", p, "%s: header %s was removed", p.where[:strings.LastIndex(p.where, " header ")], p.name)
				}
			}},

		// Schemas.
		{ID: "type-changed", Level: Breaking, on: pSchema,
			Title: "A value's type changed",
			Doc:   "In a request, widening integer to number is allowed and not reported.",
			fn: func(c *ctx, p *pair) {
				b, h := p.bf.typeName(), p.hf.typeName()
				if b == h || b == "any" || h == "any" {
					return
				}
				if p.dir == request && strings.HasPrefix(b, "integer") && strings.HasPrefix(h, "number") {
					return
				}
				c.report("type-changed", p, "%s: %s type %s became %s", p.where, p.dir, b, h)
			}},
		{ID: "request-enum-value-removed", Level: Breaking, on: pSchema,
			Title: "A request enum lost a value",
			Doc:   "Clients sending that value are refused.",
			fn: func(c *ctx, p *pair) {
				if p.dir == request {
					for _, v := range enumMissing(p.bf, p.hf) {
						c.reportAt("request-enum-value-removed", p, p.bf.enumFile, v, nil, nil, "%s: enum value %q was removed", p.where, v.Value)
					}
				}
			}},
		{ID: "response-enum-value-added", Level: Warning, on: pSchema,
			Title: "A response enum gained a value",
			Doc:   "Clients with an exhaustive switch over the enum meet a value they do not know. Reported once at the schema, with every operation it reaches.",
			fn: func(c *ctx, p *pair) {
				if p.dir == response {
					for _, v := range enumMissing(p.hf, p.bf) {
						c.reportAt("response-enum-value-added", p, nil, nil, p.hf.enumFile, v, "%s: enum value %q was added", p.where, v.Value)
					}
				}
			}},
		{ID: "enum-value-added", Level: Info, on: pSchema,
			Title: "A request enum gained a value",
			Doc:   "Clients may send the new value; what they send today is still accepted.",
			fn: func(c *ctx, p *pair) {
				if p.dir == request {
					for _, v := range enumMissing(p.hf, p.bf) {
						c.reportAt("enum-value-added", p, nil, nil, p.hf.enumFile, v, "%s: enum value %q was added", p.where, v.Value)
					}
				}
			}},
		{ID: "response-enum-value-removed", Level: Info, on: pSchema,
			Title: "A response enum lost a value",
			Doc:   "Clients no longer receive that value; code handling it is merely unused.",
			fn: func(c *ctx, p *pair) {
				if p.dir == response {
					for _, v := range enumMissing(p.bf, p.hf) {
						c.reportAt("response-enum-value-removed", p, p.bf.enumFile, v, nil, nil, "%s: enum value %q is no longer returned", p.where, v.Value)
					}
				}
			}},
		{ID: "response-became-nullable", Level: Breaking, on: pSchema,
			Title: "A response value may now be null",
			Doc:   "Clients that decode the value into a non-null type fail on null.",
			fn: func(c *ctx, p *pair) {
				if p.dir == response && !p.bf.nullable && p.hf.nullable {
					c.report("response-became-nullable", p, "%s may now be null", p.where)
				}
			}},
		{ID: "request-became-not-nullable", Level: Breaking, on: pSchema,
			Title: "A request value may no longer be null",
			Doc:   "Clients that send null are now refused.",
			fn: func(c *ctx, p *pair) {
				if p.dir == request && p.bf.nullable && !p.hf.nullable {
					c.report("request-became-not-nullable", p, "%s may no longer be null", p.where)
				}
			}},
		narrowing("request-max-length-narrowed", "maxLength", -1),
		narrowing("request-min-length-narrowed", "minLength", +1),
		narrowing("request-maximum-narrowed", "maximum", -1),
		narrowing("request-minimum-narrowed", "minimum", +1),
		narrowing("request-max-items-narrowed", "maxItems", -1),
		narrowing("request-min-items-narrowed", "minItems", +1),
		{ID: "request-pattern-narrowed", Level: Breaking, on: pSchema,
			Title: "A request value gained or changed its pattern",
			Doc:   "Values clients send today may no longer match.",
			fn: func(c *ctx, p *pair) {
				b, h := p.bf.limits["pattern"], p.hf.limits["pattern"]
				switch {
				case p.dir != request || !h.ok():
				case !b.ok():
					c.reportAt("request-pattern-narrowed", p, nil, nil, h.File, h.Node.Node, "%s: pattern %s was added", p.where, h.Value)
				case b.Value != h.Value:
					c.reportAt("request-pattern-narrowed", p, b.File, b.Node.Node, h.File, h.Node.Node, "%s: pattern %s became %s", p.where, b.Value, h.Value)
				}
			}},
		{ID: "schema-deprecated", Level: Info, on: pSchema,
			Title: "A schema or property was marked deprecated",
			Doc:   "Clients still work, but should stop relying on it.",
			fn: func(c *ctx, p *pair) {
				if !p.bf.deprecated && p.hf.deprecated {
					c.report("schema-deprecated", p, "%s is now deprecated", p.where)
				}
			}},

		// Properties.
		{ID: "request-required-property-added", Level: Breaking, on: pProperty,
			Title: "A request gained a required property",
			Doc:   "Clients that do not send the new property are refused. A readOnly property is not counted: clients never send it.",
			fn: func(c *ctx, p *pair) {
				if p.dir == request && !p.base.ok() && p.head.ok() && p.required[1] && !c.flatten(c.head, p.head).readOnly {
					c.report("request-required-property-added", p, "%s: new required property", p.where)
				}
			}},
		{ID: "request-property-became-required", Level: Breaking, on: pProperty,
			Title: "A request property became required",
			Doc:   "Counts required lists written beside an allOf.",
			fn: func(c *ctx, p *pair) {
				if p.dir == request && p.base.ok() && p.head.ok() && !p.required[0] && p.required[1] && !c.flatten(c.head, p.head).readOnly {
					n := p.hObj.required[p.name]
					c.reportAt("request-property-became-required", p, nil, nil, n.File, n.Node, "%s is now required", p.where)
				}
			}},
		{ID: "request-property-removed", Level: Warning, on: pProperty,
			Title: "A request property was removed",
			Doc:   "Clients that still send it may be refused or have it ignored. A readOnly property is not counted.",
			fn: func(c *ctx, p *pair) {
				if p.dir == request && p.base.ok() && !p.head.ok() && !c.flatten(c.base, p.base).readOnly {
					c.report("request-property-removed", p, "%s was removed", p.where)
				}
			}},
		{ID: "response-property-removed", Level: Breaking, on: pProperty,
			Title: "A response property was removed",
			Doc:   "Clients that read it get nothing. A writeOnly property is not counted: it was never returned.",
			fn: func(c *ctx, p *pair) {
				if p.dir == response && p.base.ok() && !p.head.ok() && !c.flatten(c.base, p.base).writeOnly {
					c.report("response-property-removed", p, "%s was removed", p.where)
				}
			}},
		{ID: "response-property-became-optional", Level: Breaking, on: pProperty,
			Title: "A response property is no longer required",
			Doc:   "Clients that rely on it being there meet responses without it.",
			fn: func(c *ctx, p *pair) {
				if p.dir == response && p.base.ok() && p.head.ok() && p.required[0] && !p.required[1] {
					n := p.bObj.required[p.name]
					if p.renamedFrom != "" {
						n = p.bObj.required[p.renamedFrom]
					}
					c.reportAt("response-property-became-optional", p, n.File, n.Node, nil, nil, "%s is no longer required", p.where)
				}
			}},
		{ID: "property-added", Level: Info, on: pProperty,
			Title: "A property was added",
			Doc:   "A new optional request property or a new response property: clients that ignore unknown fields are unaffected.",
			fn: func(c *ctx, p *pair) {
				if !p.base.ok() && p.head.ok() && !(p.dir == request && p.required[1]) {
					c.report("property-added", p, "%s: new %s property", p.where, p.dir)
				}
			}},
		{ID: "property-renamed", Level: Breaking, on: pProperty,
			Title: "A property was probably renamed",
			Doc:   "A property was removed and another of the same shape (type, format, enum, items, properties) added in the same object: reported once as a rename, not as a removal and an addition.",
			fn: func(c *ctx, p *pair) {
				if p.renamedFrom != "" {
					c.report("property-renamed", p, "%s: %s property %s was renamed to %s", strings.TrimSuffix(p.where, "."+p.name), p.dir, p.renamedFrom, p.name)
				}
			}},

		// Security.
		{ID: "security-requirement-added", Level: Breaking, on: pSecurity,
			Title: "An operation needs a new security scheme",
			Doc:   "Clients whose token or key does not satisfy the new scheme are refused (401 or 403).",
			fn: func(c *ctx, p *pair) {
				b := schemes(p.base)
				for _, name := range needed(p.head) {
					if _, ok := b[name]; !ok {
						c.report("security-requirement-added", p, "%s now needs %s", p.where, name)
					}
				}
			}},
		{ID: "security-scope-added", Level: Breaking, on: pSecurity,
			Title: "An operation needs a new scope",
			Doc:   "Tokens granted the old scopes are refused.",
			fn: func(c *ctx, p *pair) {
				b, h := schemes(p.base), schemes(p.head)
				for name, hs := range h {
					bs, ok := b[name]
					if !ok {
						continue
					}
					for _, s := range hs {
						if !contains(bs, s) {
							c.report("security-scope-added", p, "%s now needs scope %s", p.where, s)
						}
					}
				}
			}},
		{ID: "security-scope-removed", Level: Info, on: pSecurity,
			Title: "An operation needs fewer scopes",
			Doc:   "Clients' existing tokens keep working; fewer scopes are needed.",
			fn: func(c *ctx, p *pair) {
				b, h := schemes(p.base), schemes(p.head)
				for name, bs := range b {
					hs, ok := h[name]
					for _, s := range bs {
						if !ok || !contains(hs, s) {
							c.report("security-scope-removed", p, "%s no longer needs scope %s", p.where, s)
						}
					}
				}
			}},

		// Texts.
		{ID: "description-changed", Level: Info, on: pText,
			Title: "A description or summary changed",
			Doc:   "Shown in the changelog with a word diff.",
			fn: func(c *ctx, p *pair) {
				var b, h string
				if p.base.ok() {
					b = p.base.Value
				}
				if p.head.ok() {
					h = p.head.Value
				}
				if b == h {
					return
				}
				ch := c.report("description-changed", p, "%s: %s changed", p.where, p.name)
				ch.texts = &[2]string{b, h} // the word diff is made once, after merging
			}},
	}
}

// narrowing builds the check for a numeric limit that narrows a request
// when added or moved in the given direction (-1: smaller is narrower).
func narrowing(id, key string, dir int) *Check {
	return &Check{ID: id, Level: Breaking, on: pSchema,
		Title: "A request " + key + " was added or narrowed",
		Doc:   "Values clients send today may now be out of range and refused.",
		fn: func(c *ctx, p *pair) {
			b, h := p.bf.limits[key], p.hf.limits[key]
			if p.dir != request || !h.ok() {
				return
			}
			if b.ok() {
				bv, ok1 := new(big.Float).SetString(b.Value)
				hv, ok2 := new(big.Float).SetString(h.Value)
				if !ok1 || !ok2 || hv.Cmp(bv) != dir {
					return
				}
				c.reportAt(id, p, b.File, b.Node.Node, h.File, h.Node.Node, "%s: %s %s became %s", p.where, key, b.Value, h.Value)
				return
			}
			c.reportAt(id, p, nil, nil, h.File, h.Node.Node, "%s: %s %s was added", p.where, key, h.Value)
		}}
}

// reportAt reports with explicit nodes for the two positions (nil keeps
// the pair's own).
func (c *ctx) reportAt(id string, p *pair, bf *spec.File, bn *yaml.Node, hf *spec.File, hn *yaml.Node, format string, args ...any) {
	ch := c.report(id, p, format, args...)
	if bf != nil && bn != nil {
		pos := bf.Pos(bn)
		ch.Base = &pos
	}
	if hf != nil && hn != nil {
		pos := hf.Pos(hn)
		ch.Head = &pos
	}
}

// enumMissing lists the values of a's enum that b's lacks.
func enumMissing(a, b *flat) []*yaml.Node {
	if len(a.enum) == 0 || len(b.enum) == 0 {
		return nil
	}
	have := map[string]bool{}
	for _, v := range b.enum {
		have[v.Value] = true
	}
	var out []*yaml.Node
	for _, v := range a.enum {
		if !have[v.Value] {
			out = append(out, v)
		}
	}
	return out
}

// schemes reads security requirements as scheme → scopes.
func schemes(s side) map[string][]string {
	out := map[string][]string{}
	if !s.ok() {
		return out
	}
	for _, req := range s.Content {
		req = spec.Unalias(req)
		for i := 0; i+1 < len(req.Content); i += 2 {
			name := req.Content[i].Value
			for _, sc := range spec.Unalias(req.Content[i+1]).Content {
				out[name] = append(out[name], sc.Value)
			}
			if _, ok := out[name]; !ok {
				out[name] = nil
			}
		}
	}
	return out
}

// needed lists the schemes named by every alternative of a requirement
// list: those a client cannot do without. A scheme offered as one more
// alternative is not needed.
func needed(s side) []string {
	if !s.ok() || len(s.Content) == 0 {
		return nil
	}
	count := map[string]int{}
	var order []string
	for _, req := range s.Content {
		req = spec.Unalias(req)
		for i := 0; i+1 < len(req.Content); i += 2 {
			name := req.Content[i].Value
			if count[name] == 0 {
				order = append(order, name)
			}
			count[name]++
		}
	}
	var out []string
	for _, name := range order {
		if count[name] == len(s.Content) {
			out = append(out, name)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// wordDiff renders a readable diff of two texts: [-removed-]{+added+}.
// It diffs whole words, so a changed letter shows its word.
func wordDiff(a, b string) string {
	ids := map[string]rune{} // each distinct word as one rune
	encode := func(s string) []rune {
		var out []rune
		for _, t := range words(s) {
			r, ok := ids[t]
			if !ok {
				r = rune(len(ids) + 1)
				if r >= 0xD800 {
					r += 0x800 // not a surrogate
				}
				ids[t] = r
			}
			out = append(out, r)
		}
		return out
	}
	ra, rb := encode(a), encode(b)
	text := map[rune]string{}
	for t, r := range ids {
		text[r] = t
	}
	dmp := diffmatchpatch.New()
	diffs := dmp.DiffCleanupSemantic(dmp.DiffMainRunes(ra, rb, false))
	for i, d := range diffs {
		var w strings.Builder
		for _, r := range d.Text {
			w.WriteString(text[r])
		}
		diffs[i].Text = w.String()
	}
	// Slide each edit to the best word boundary: `x{+ y+}`, not `x{+` y+}`.
	diffs = dmp.DiffCleanupSemanticLossless(diffs)
	var sb strings.Builder
	for _, d := range diffs {
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			sb.WriteString(d.Text)
		case diffmatchpatch.DiffDelete:
			sb.WriteString("[-" + d.Text + "-]")
		case diffmatchpatch.DiffInsert:
			sb.WriteString("{+" + d.Text + "+}")
		}
	}
	return sb.String()
}

// words splits s into runs of letters and digits and single other characters.
func words(s string) []string {
	var out []string
	start := -1
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, s[start:i])
			start = -1
		}
		out = append(out, string(r))
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}
