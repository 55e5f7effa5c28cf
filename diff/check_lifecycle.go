package diff

import (
	"slices"
	"strings"
	"time"

	yaml "github.com/pb33f/go-yaml"

	"github.com/dospec/dospec/spec"
)

// Checks on an operation's lifecycle: x-stability-level (draft, alpha,
// beta, stable), x-sunset dates, tags, and the API's info.version.

// stabilityOrder ranks x-stability-level values.
var stabilityOrder = map[string]int{"draft": 0, "alpha": 1, "beta": 2, "stable": 3}

// stability is an operation's x-stability-level, "" when absent or
// unknown: an operation without one promises nothing more and may take
// any level.
func stability(s side) string {
	v := strings.ToLower(str(s, "x-stability-level"))
	if _, ok := stabilityOrder[v]; !ok {
		return ""
	}
	return v
}

// unstable reports whether breaking changes are expected in an operation:
// one that was draft or alpha in the base version.
func (o *opPair) unstable() bool {
	if o == nil || o.base == nil {
		return false
	}
	st := stability(side{Node: o.base.Node})
	return st == "draft" || st == "alpha"
}

var stabilityDecreased = &Check{ID: "stability-decreased", Level: Breaking, on: pOperation,
	Title: "An operation's x-stability-level went down",
	Doc: "Clients relied on the stability promised (stable → beta: breaking changes may now come). " +
		"An operation without a level may take any. In an operation that was draft or alpha, breaking changes are expected: they are reported as information, not breaking.",
	Before: "x-stability-level: stable",
	After:  "x-stability-level: beta",
	fn: func(c *ctx, p *pair) {
		if !p.base.ok() || !p.head.ok() {
			return
		}
		b, h := stability(p.base), stability(p.head)
		if b != "" && h != "" && stabilityOrder[h] < stabilityOrder[b] {
			c.report(p, "%s: x-stability-level %s became %s", p.op, b, h)
		}
	}}

// sunset reads x-sunset as a date (2006-01-02, or RFC 3339); ok false when
// absent or unreadable.
func sunset(s side) (time.Time, bool) {
	v := str(s, "x-sunset")
	if v == "" {
		return time.Time{}, false
	}
	for _, layout := range []string{"2006-01-02", time.RFC3339} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

var operationRemovedBeforeSunset = &Check{ID: "operation-removed-before-sunset", Level: Breaking, on: pOperation,
	Title:  "An operation was removed before its x-sunset date",
	Doc:    "Clients were promised the operation until its sunset: removing it earlier breaks that promise, deprecated or not. The date is compared with today's.",
	Before: "delete: {deprecated: true, x-sunset: '2999-01-01'}",
	After:  "(no delete)",
	fn: func(c *ctx, p *pair) {
		if !p.base.ok() || p.head.ok() {
			return
		}
		if t, ok := sunset(p.base); ok && c.beforeSunset(p.base) {
			c.report(p, "%s was removed before its sunset %s", p.op, t.Format("2006-01-02"))
		}
	}}

// beforeSunset reports whether an operation has an x-sunset date still to
// come: its removal is operation-removed-before-sunset's, reported once.
func (c *ctx) beforeSunset(s side) bool {
	t, ok := sunset(s)
	return ok && c.now().Before(t)
}

var sunsetMovedEarlier = &Check{ID: "sunset-moved-earlier", Level: Breaking, on: pOperation,
	Title:  "An operation's x-sunset date moved earlier or was added to one already deprecated",
	Doc:    "Clients planned their move off the operation by the old date.",
	Before: "x-sunset: '2027-06-30'",
	After:  "x-sunset: '2027-01-31'",
	fn: func(c *ctx, p *pair) {
		if !p.base.ok() || !p.head.ok() {
			return
		}
		b, bok := sunset(p.base)
		h, hok := sunset(p.head)
		if bok && hok && h.Before(b) {
			c.report(p, "%s: sunset %s became %s", p.op, b.Format("2006-01-02"), h.Format("2006-01-02"))
		}
	}}

var apiVersionChanged = &Check{ID: "api-version-changed", Level: Info, on: pInfo,
	Title:  "The API's info.version changed",
	Doc:    "Reported for the changelog, with the two versions.",
	Before: "info: {version: 2.3.0}",
	After:  "info: {version: 2.4.0}",
	fn: func(c *ctx, p *pair) {
		if b, h := str(p.base, "version"), str(p.head, "version"); b != h {
			c.report(p, "info.version %s became %s", orNone(b), orNone(h))
		}
	}}

// tagsOf lists an operation's tags.
func tagsOf(s side) []string {
	if !s.ok() {
		return nil
	}
	list := spec.Get(s.Node.Node, "tags")
	if list == nil || list.Kind != yaml.SequenceNode {
		return nil
	}
	var out []string
	for _, t := range list.Content {
		if v, ok := spec.ScalarString(t); ok {
			out = append(out, v)
		}
	}
	return out
}

var operationTagRemoved = &Check{ID: "operation-tag-removed", Level: Info, on: pOperation,
	Title: "An operation lost a tag",
	Doc: "Documentation groups and generated clients place operations by tag (dospec gen makes a service per tag): " +
		"the operation moves in both. Information, as in oasdiff; a client generated per tag may need its calls renamed.",
	Before: "tags: [Droplets, Actions]",
	After:  "tags: [Droplets]",
	fn: func(c *ctx, p *pair) {
		if !p.base.ok() || !p.head.ok() {
			return
		}
		head := tagsOf(p.head)
		for _, t := range tagsOf(p.base) {
			if !slices.Contains(head, t) {
				c.report(p, "%s: tag %q was removed", p.op, t)
			}
		}
	}}

var operationTagAdded = &Check{ID: "operation-tag-added", Level: Info, on: pOperation,
	Title:  "An operation gained a tag",
	Doc:    "Reported for the changelog: the operation appears in one more group of the documentation.",
	Before: "tags: [Droplets]",
	After:  "tags: [Droplets, Actions]",
	fn: func(c *ctx, p *pair) {
		if !p.base.ok() || !p.head.ok() {
			return
		}
		base := tagsOf(p.base)
		for _, t := range tagsOf(p.head) {
			if !slices.Contains(base, t) {
				c.report(p, "%s: tag %q was added", p.op, t)
			}
		}
	}}

var parameterRemovedBeforeSunset = &Check{ID: "request-parameter-removed-before-sunset", Level: Breaking, on: pParameter,
	Title: "A parameter was removed before its x-sunset date",
	Doc: "A deprecated parameter with an x-sunset date was promised until then: removing it earlier breaks clients still " +
		"sending it (removing a parameter is otherwise request-parameter-removed, a warning). The date is compared with today's.",
	Before: "{name: legacy, in: query, deprecated: true, x-sunset: '2999-01-01'}",
	After:  "(no legacy parameter)",
	fn: func(c *ctx, p *pair) {
		if p.dir != request || !p.base.ok() || p.head.ok() {
			return
		}
		if t, ok := sunset(p.base); ok && c.beforeSunset(p.base) {
			c.report(p, "%s: parameter %s was removed before its sunset %s", p.op, p.name, t.Format("2006-01-02"))
		}
	}}
