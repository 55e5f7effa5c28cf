package spectral

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unsafe"

	"github.com/dop251/goja"
	yaml "github.com/pb33f/go-yaml"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/dospec/dospec/spec"
)

// Result is one problem a rule found.
type Result struct {
	Rule     string
	Severity int
	Message  string
	Pos      spec.Pos
	Path     []string // in the document the rule read
}

// ref is a value of the document: where it is written and its node.
type ref struct {
	f *spec.File
	n *yaml.Node
}

// engine evaluates one ruleset on one spec.
type engine struct {
	s           *spec.Spec
	resolved    bool
	vm          *goja.Runtime
	limit       *limiter // of vm
	filters     map[string]goja.Callable
	native      map[string]*compiledFilter
	filterSlots int                   // slots handed out to filters (compiledFilter.slot)
	filtered    map[*yaml.Node]uint64 // per value, four bits per slot: known and answer, as written and resolved
	fenv        fenv
	funcs       map[*jsFunc]goja.Callable
	schemas     map[string]*jsonschema.Schema
	// children of each mapping and list, listed once per document
	infoRaw, infoResolved map[*yaml.Node]*nodeInfo
	ctxProto              *goja.Object           // document and documentInventory of every function's context
	ruleCtx               map[*Rule]*goja.Object // ctxProto with a rule's context.rule
	pathProtoObj          *goja.Object           // of context.path arrays
	steps, indexes        map[string]goja.Value
	opts                  map[unsafe.Pointer]goja.Value
	jsVals                map[jsKey]goja.Value // each value converted once
	matches               arena                // where sub allocates
	walkPool              []*walkSets
	walking               int    // walks in progress (a then's JSONPath field walks inside a walk)
	stamp                 uint32 // the last walk step stamp handed out
	notes                 []Note
	noted                 map[string]bool
	stopped               map[string]bool // rules whose JavaScript ran out of time
}

// deref follows $refs (every one the loader resolved) in the resolved
// document; the unresolved one is the root file as written.
func (e *engine) deref(r ref) ref {
	r.n = spec.Unalias(r.n)
	if !e.resolved {
		return r
	}
	return e.derefResolved(r)
}

// derefResolved follows the $refs at r (unaliased).
func (e *engine) derefResolved(r ref) ref {
	for range 32 {
		t := e.s.Ref(r.n)
		if t == nil || t.Target == nil {
			return r
		}
		r = ref{t.File, spec.Unalias(t.Target)}
	}
	return r
}

// child is one entry of a mapping or list.
type child struct {
	name   string // key, or index in decimal
	key    *yaml.Node
	val    ref
	viaRef bool
	refKey *yaml.Node // the key a $ref's target is written under in its file
	mask   uint64     // the step's bit in a match's mask (keywordBit, xBit)
	info   *nodeInfo  // val's entry in the engine's table (nil for a scalar)
}

// nodeInfo is what the engine keeps about a mapping or list of the
// document: its children and the keys below it. Children and matches
// point at their value's entry, so a walk finds them without a map lookup.
type nodeInfo struct {
	kids       []child
	listed     bool
	own        uint64 // its own keys, as keyBit's bits (a mapping's; 0 for a list)
	stamp      uint32 // the walk step that entered it first (see evalFrom)
	stampMask  uint64 // with this keyword shape
	below      uint64
	belowState uint8 // 0 not known, 1 being summarised, 2 known
}

// info is n's entry in the table of the document being read.
func (e *engine) info(n *yaml.Node) *nodeInfo {
	table := e.infoRaw
	if e.resolved {
		table = e.infoResolved
	}
	inf := table[n]
	if inf == nil {
		inf = &nodeInfo{}
		table[n] = inf
	}
	return inf
}

// kidsOf is children for a value whose entry is known.
func (e *engine) kidsOf(inf *nodeInfo, r ref) []child {
	if !inf.listed {
		inf.kids = e.listChildren(r)
		inf.listed = true
		for _, c := range inf.kids {
			if c.key != nil {
				inf.own |= keyBit(c.name)
			}
		}
	}
	return inf.kids
}

// matchKids are m's value's children.
func (e *engine) matchKids(m *match) []child {
	if m.info != nil {
		return e.kidsOf(m.info, m.val)
	}
	return e.children(m.val)
}

// stepMask is the bit a step named name adds to a match's mask.
func stepMask(name string) uint64 {
	mask := keywordBit[name]
	if strings.HasPrefix(name, "x-") {
		mask |= xBit
	}
	return mask
}

func (e *engine) children(r ref) []child {
	if r.n.Kind != yaml.MappingNode && r.n.Kind != yaml.SequenceNode {
		return nil
	}
	return e.kidsOf(e.info(r.n), r)
}

func (e *engine) listChildren(r ref) []child {
	switch r.n.Kind {
	case yaml.MappingNode:
		out := make([]child, 0, len(r.n.Content)/2)
		for i := 0; i+1 < len(r.n.Content); i += 2 {
			k := spec.Unalias(r.n.Content[i])
			v, via, refKey := e.follow(ref{r.f, r.n.Content[i+1]})
			out = append(out, child{k.Value, k, v, via, refKey, stepMask(k.Value), e.infoOf(v.n)})
		}
		return out
	case yaml.SequenceNode:
		out := make([]child, len(r.n.Content))
		for i, c := range r.n.Content {
			v, via, refKey := e.follow(ref{r.f, c})
			out[i] = child{strconv.Itoa(i), nil, v, via, refKey, 0, e.infoOf(v.n)}
		}
		return out
	}
	return nil
}

// follow is deref and refKey in one pass: the value, whether a $ref led to
// it, and the key its target is written under.
func (e *engine) follow(r ref) (ref, bool, *yaml.Node) {
	r.n = spec.Unalias(r.n)
	if !e.resolved {
		return r, false, nil
	}
	first := e.s.Ref(r.n)
	if first == nil || first.Target == nil {
		return r, false, nil // nearly every value: one lookup
	}
	return e.derefResolved(r), true, e.refKey(r.n)
}

// infoOf is n's entry, nil for a scalar.
func (e *engine) infoOf(n *yaml.Node) *nodeInfo {
	if n.Kind != yaml.MappingNode && n.Kind != yaml.SequenceNode {
		return nil
	}
	return e.info(n)
}

// refKey is the key the last $ref from n leads to is written under.
func (e *engine) refKey(n *yaml.Node) *yaml.Node {
	if !e.resolved {
		return nil
	}
	var last *spec.Ref
	n = spec.Unalias(n)
	for range 32 {
		r := e.s.Ref(n)
		if r == nil || r.Target == nil {
			break
		}
		last, n = r, spec.Unalias(r.Target)
	}
	return e.s.KeyOf(last)
}

// match is one value a given path selects. Its path is kept as a link to
// its parent (a walk makes many matches and reports few).
type match struct {
	name   string // its key or index in the parent ("" at the root)
	val    ref
	key    *yaml.Node // the key it sits under (the match itself for ~)
	keyOf  bool       // the match is a property name (~)
	parent *match
	depth  int
	fixed  []string // a path set outright (a result's own path)
	mask   uint64   // the keyword steps on its path (see keywordBit)
	viaRef bool     // its value was reached through a $ref
	refKey *yaml.Node
	keyF   *spec.File
	info   *nodeInfo  // val's entry (nil: looked up when needed)
	jsStep goja.Value // name as a JavaScript path step, once converted
}

// keywords are the OpenAPI and JSON Schema words a path's shape is told by.
// Steps that only say where in the document a schema sits (which
// operation, method or media type) are left out: a shared schema is the
// same under GET and POST.
var keywords = []string{"properties", "items", "additionalProperties", "patternProperties", "allOf", "anyOf", "oneOf", "not",
	"prefixItems", "example", "examples", "default", "enum", "const", "parameters", "responses", "requestBody",
	"headers", "callbacks", "webhooks", "security", "discriminator", "value", "encoding", "definitions", "$defs",
	"dependentSchemas", "contains", "if", "then", "else"}

var keywordBit = func() map[string]uint64 {
	m := map[string]uint64{}
	for i, k := range keywords {
		m[k] = 1 << uint(i)
	}
	return m
}()

// xBit marks an x- extension step.
const xBit = uint64(1) << 63

// shape tells apart the paths by which one value is reached, as far as
// rules look at paths: the keyword steps taken and the last three steps.
// In the resolved document a value used in many places (a shared schema)
// is reached by a path per use; spectral walks every one, which is what
// makes it slow on large specs. dospec walks each value once per shape.
type shape struct {
	n       *yaml.Node
	key     *yaml.Node
	mask    uint64
	a, b, c string
}

func (m *match) shape() shape {
	sh := shape{n: m.val.n, mask: m.mask}
	cur := m
	if cur.depth > 0 {
		sh.c = cur.name
		cur = cur.parent
	}
	if cur != nil && cur.depth > 0 {
		sh.b = cur.name
		cur = cur.parent
	}
	if cur != nil && cur.depth > 0 {
		sh.a = cur.name
	}
	return sh
}

// path is the keys and indexes from the document's root to m.
func (m *match) path() []string {
	if m.fixed != nil {
		return m.fixed
	}
	out := make([]string, m.depth)
	for cur := m; cur != nil && cur.depth > 0; cur = cur.parent {
		out[cur.depth-1] = cur.name
	}
	return out
}

// last is the final step of m's path, "" at the root.
func (m *match) last() string {
	if m.fixed != nil {
		if len(m.fixed) == 0 {
			return ""
		}
		return m.fixed[len(m.fixed)-1]
	}
	return m.name
}

// eval runs p on the document from root and calls emit for every match.
//
// In the resolved document a value used in many places (a shared schema)
// is reached by many paths; spectral walks every one, which is what makes
// it slow on large specs. Here recursive descent enters each value once
// per step of the path, through the first path in document order, and a
// value is selected once: a function sees one path of a shared value.
func (e *engine) eval(p *path, root ref, emit func(m *match)) error {
	return e.evalFrom(p, &match{val: root}, emit)
}

// keyBit is a key name's bit in the summaries below computes.
func keyBit(name string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(name); i++ {
		h = (h ^ uint64(name[i])) * 1099511628211
	}
	return 1 << (h % 64)
}

// belowOf summarises the keys written anywhere in the value of inf (the document
// being read: resolved or not) as bits, so a recursive descent looking for
// a name skips the values that cannot hold it. A value met again while it
// is being summarised (a cycle) says every bit.
func (e *engine) belowOf(inf *nodeInfo, r ref) uint64 {
	switch inf.belowState {
	case 1:
		return ^uint64(0) // in progress
	case 2:
		return inf.below
	}
	inf.belowState = 1
	var bits uint64
	for _, c := range e.kidsOf(inf, r) {
		if c.key != nil {
			bits |= keyBit(c.name)
		}
		if c.info != nil {
			bits |= e.belowOf(c.info, c.val)
		}
	}
	inf.below, inf.belowState = bits, 2
	return bits
}

// entry is a value entered by a recursive descent, with its keyword shape.
type entry struct {
	n    *yaml.Node
	mask uint64
}

// walkSets are what one walk has entered (per step) and selected.
type walkSets struct {
	entered  []map[entry]bool
	selected map[shape]bool
}

// maxShapes bounds a walk: a document whose values are reached by more
// distinct paths than this is refused rather than walked for minutes.
const maxShapes = 5_000_000

var errTooManyPaths = fmt.Errorf("the document has more than %d distinct paths to walk; the rule was stopped", maxShapes)

// walk is one evaluation of a path from a match: the values its recursive
// steps entered and the matches it selected.
type walk struct {
	e    *engine
	p    *path
	emit func(m *match)
	sets *walkSets
	// The first recursive step of a walk that is not inside another marks
	// the values it enters on their table entries (the walk's stamp, and
	// the first shape it entered them with): a map of every value entered
	// cost more than the rest of the descent. There is one mark per value,
	// so other shapes, other recursive steps and walks inside a walk (which
	// must not overwrite the outer walk's marks) use the maps.
	marking int // that step (-1: none)
	stamp   uint32
	count   []int // values entered per step, for maxShapes
}

// evalFrom is eval from a match (a then.field JSONPath below a given).
func (e *engine) evalFrom(p *path, start *match, emit func(m *match)) error {
	w := &walk{e: e, p: p, emit: emit, sets: e.walkSets(len(p.segs)), marking: -1, count: make([]int, len(p.segs))}
	if e.walking == 0 {
		for i, seg := range p.segs {
			if seg.recursive {
				e.stamp++
				w.marking, w.stamp = i, e.stamp
				break
			}
		}
	}
	e.walking++
	defer func() {
		e.walking--
		for _, m := range w.sets.entered {
			clear(m)
		}
		clear(w.sets.selected)
		e.walkPool = append(e.walkPool, w.sets)
	}()
	return w.step(0, start)
}

// walkSets are a walk's sets, from a pool: they grow to the document's
// size, and a fresh pair per rule paid for that growth again each time. A
// walk may start another (a then's JSONPath field), hence a pool.
func (e *engine) walkSets(steps int) *walkSets {
	var ws *walkSets
	if n := len(e.walkPool); n > 0 {
		ws, e.walkPool = e.walkPool[n-1], e.walkPool[:n-1]
	} else {
		ws = &walkSets{selected: map[shape]bool{}}
	}
	for len(ws.entered) < steps {
		ws.entered = append(ws.entered, map[entry]bool{})
	}
	return ws
}

// step goes on from m with step i of the path; past the last, m is
// selected.
func (w *walk) step(i int, m *match) error {
	if i == len(w.p.segs) {
		w.selectMatch(m)
		return nil
	}
	if !w.p.segs[i].recursive {
		return w.apply(i, m)
	}
	return w.descend(i, m)
}

// selectMatch emits m unless the walk selected a match of its shape
// already (in the resolved document, where a value has many paths).
func (w *walk) selectMatch(m *match) {
	id := m.shape()
	if w.p.keys {
		if m.key == nil {
			return
		}
		id.key = m.key
	}
	if w.e.resolved {
		if w.sets.selected[id] {
			return
		}
		w.sets.selected[id] = true
	}
	if w.p.keys {
		km := *m
		km.keyOf = true
		w.emit(&km)
		return
	}
	w.emit(m)
}

// apply takes step i from m and goes on with step i+1 from each match.
func (w *walk) apply(i int, m *match) error {
	seg := w.p.segs[i]
	if seg.kind == segParent {
		if m.parent == nil {
			return nil
		}
		return w.step(i+1, m.parent)
	}
	kids := w.e.matchKids(m)
	switch seg.kind {
	case segWildcard:
		for _, c := range kids {
			if err := w.next(i, m, c); err != nil {
				return err
			}
		}
	case segNames:
		for _, name := range seg.names {
			for _, c := range kids {
				if c.name == name {
					if err := w.next(i, m, c); err != nil {
						return err
					}
				}
			}
		}
	case segFilter:
		for _, c := range kids {
			ok, err := w.e.filter(seg.expr, m, c)
			if err != nil {
				return err
			}
			if ok {
				if err := w.next(i, m, c); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// next goes on with step i+1 from child c of m, which step i took.
func (w *walk) next(i int, m *match, c child) error {
	if w.e.lacks(c, w.p.ahead[i]) {
		return nil // not made a match: the next step finds nothing in it
	}
	return w.step(i+1, w.e.sub(m, c))
}

// descend is a recursive step ..X: X applied to m's value and to every
// value below it. A value already entered with the same keyword shape is
// not entered again (resolved documents can be cyclic); the last steps,
// which tell matches apart, are told at selection.
func (w *walk) descend(i int, m *match) error {
	if w.entered(i, m) {
		return nil
	}
	if w.count[i]++; w.count[i] > maxShapes {
		return errTooManyPaths
	}
	if err := w.apply(i, m); err != nil {
		return err
	}
	need := w.p.below[i]
	for _, c := range w.e.matchKids(m) {
		if c.info == nil {
			continue
		}
		if need != 0 && w.e.belowOf(c.info, c.val)&need == 0 {
			continue // no key the step names is anywhere below
		}
		if err := w.descend(i, w.e.sub(m, c)); err != nil {
			return err
		}
	}
	return nil
}

// entered records that step i entered m, and reports whether it had.
func (w *walk) entered(i int, m *match) bool {
	if inf := m.info; i == w.marking && inf != nil {
		switch {
		case inf.stamp != w.stamp:
			inf.stamp, inf.stampMask = w.stamp, m.mask
			return false
		case inf.stampMask == m.mask:
			return true
		}
	}
	en := entry{m.val.n, m.mask}
	if w.sets.entered[i][en] {
		return true
	}
	w.sets.entered[i][en] = true
	return false
}

// lacks reports whether c's value is a mapping with none of the keys
// whose keyBit bits are in need among its own (none when need is 0).
func (e *engine) lacks(c child, need uint64) bool {
	if need == 0 || c.info == nil || c.val.n.Kind != yaml.MappingNode {
		return false
	}
	e.kidsOf(c.info, c.val) // lists them, and their bits
	return c.info.own&need == 0
}

// sub is m's child c as a match. Children not listed by children (a
// missing field) have no mask yet.
func (e *engine) sub(m *match, c child) *match {
	if c.mask == 0 && c.key == nil && c.val.n == nil {
		c.mask = stepMask(c.name)
	}
	n := e.matches.next()
	*n = match{name: c.name, val: c.val, key: c.key, parent: m, depth: m.depth + 1, mask: m.mask | c.mask, viaRef: c.viaRef, keyF: m.val.f, refKey: c.refKey, info: c.info}
	return n
}

// arena holds the matches of one rule. A walk makes matches by the hundred
// thousand and none outlives its rule (results copy what they need), so
// each rule reuses the slabs the rules before it filled: 18 MB less
// garbage per run on DigitalOcean's ruleset.
type arena struct {
	slabs [][]match
	slab  int // the slab being filled
	used  int // matches of it handed out
}

const slabSize = 256

// next is a match to fill in.
func (a *arena) next() *match {
	if a.used == slabSize {
		a.slab, a.used = a.slab+1, 0
	}
	if a.slab == len(a.slabs) {
		a.slabs = append(a.slabs, make([]match, slabSize))
	}
	a.used++
	return &a.slabs[a.slab][a.used-1]
}

// reset makes every match handed out so far free for reuse: none may be
// read after it.
func (a *arena) reset() { a.slab, a.used = 0, 0 }

// filter evaluates a [?(…)] expression for child c of m, in JavaScript as
// JSONPath-Plus does: @ is the child, @property its key, @parentProperty
// the key of m.
func (e *engine) filter(expr string, m *match, c child) (bool, error) {
	f := e.native[expr]
	if f == nil {
		f = e.compileFilter(expr)
		e.native[expr] = f
	}
	if f.x != nil {
		var known uint64 // the answer's "known" bit; the next bit up is the answer
		if f.slot >= 0 {
			known = 1 << (4*uint(f.slot) + 2*boolBit(e.resolved))
			if got := e.filtered[c.val.n]; got&known != 0 {
				return got&(known<<1) != 0, nil
			}
		}
		if selected, ok := e.nativeFilter(f.x, m, c); ok {
			if known != 0 {
				bits := known
				if selected {
					bits |= known << 1
				}
				e.filtered[c.val.n] |= bits
			}
			return selected, nil
		}
	}
	return e.filterJS(expr, m, c)
}

// compiledFilter is a filter as evaluated here (x nil: by the JavaScript
// engine). A filter that reads only @ answers the same for a value each
// time it is asked, and rulesets ask often: OWASP's five "@.type ==" filters
// were asked 250,000 times for 3,807 values of OpenAI's spec (once per rule
// and per keyword shape of the way to each). The first 16 such filters
// have a slot for their answers in engine.filtered: one word per value, not
// an entry per value and filter.
type compiledFilter struct {
	x    fexpr
	slot int // -1: answers not kept
}

func (e *engine) compileFilter(expr string) *compiledFilter {
	f := &compiledFilter{x: compileFilter(expr), slot: -1}
	if f.x != nil && !strings.Contains(expr, "@property") && !strings.Contains(expr, "@parentProperty") && e.filterSlots < 16 {
		f.slot = e.filterSlots
		e.filterSlots++
	}
	return f
}

func boolBit(b bool) uint {
	if b {
		return 1
	}
	return 0
}

// atNames spell a filter's @ names as JavaScript parameters.
var atNames = strings.NewReplacer("@property", "_$_property", "@parentProperty", "_$_parentProperty",
	"@path", "_$_path", "@root", "_$_root", "@", "_$_v")

// filterSource is a filter as JavaScript: its @ names spelled as
// parameters, except inside string literals ("@type" stays "@type").
func filterSource(expr string) string {
	var b strings.Builder
	start := 0
	for i := 0; i < len(expr); i++ {
		q := expr[i]
		if q != '\'' && q != '"' && q != '`' {
			continue
		}
		b.WriteString(atNames.Replace(expr[start:i]))
		j := i + 1
		for j < len(expr) && expr[j] != q {
			if expr[j] == '\\' {
				j++
			}
			j++
		}
		if j >= len(expr) {
			j = len(expr) - 1
		}
		b.WriteString(expr[i : j+1])
		start, i = j+1, j
	}
	b.WriteString(atNames.Replace(expr[start:]))
	return b.String()
}

// filterJS evaluates a filter in the JavaScript engine.
func (e *engine) filterJS(expr string, m *match, c child) (bool, error) {
	fn, ok := e.filters[expr]
	if !ok {
		src := filterSource(expr)
		v, err := e.vm.RunString("(function(_$_v, _$_property, _$_parentProperty, _$_path, _$_root) { return (" + src + "); })")
		if err != nil {
			return false, fmt.Errorf("filter %q: %v", expr, err)
		}
		fn, _ = goja.AssertFunction(v)
		e.filters[expr] = fn
	}
	var prop goja.Value = e.vm.ToValue(c.name)
	if i, err := strconv.Atoi(c.name); err == nil && c.key == nil {
		prop = e.vm.ToValue(i)
	}
	parent := goja.Undefined()
	if m.depth > 0 {
		parent = e.vm.ToValue(m.last())
	}
	path := goja.Undefined()
	if strings.Contains(expr, "@path") {
		path = e.vm.ToValue("$" + pathString(append(m.path(), c.name)))
	}
	res, err := e.limit.run(func() (goja.Value, error) {
		return fn(goja.Undefined(), e.js(c.val), prop, parent, path, goja.Undefined())
	})
	if errors.Is(err, errTimeLimit) {
		return false, fmt.Errorf("filter %q %w", expr, err)
	}
	if err != nil {
		return false, nil // a filter that throws on this value does not select it, as in JSONPath-Plus
	}
	return res.ToBoolean(), nil
}

func pathString(p []string) string {
	var b strings.Builder
	for _, s := range p {
		b.WriteString("['" + strings.ReplaceAll(s, "'", `\'`) + "']")
	}
	return b.String()
}

// newEngine makes the engine that runs rulesets on s.
func newEngine(s *spec.Spec) *engine {
	e := &engine{s: s, vm: goja.New(), filters: map[string]goja.Callable{}, native: map[string]*compiledFilter{}, filtered: map[*yaml.Node]uint64{}, noted: map[string]bool{}, stopped: map[string]bool{},
		infoRaw: map[*yaml.Node]*nodeInfo{}, infoResolved: map[*yaml.Node]*nodeInfo{}}
	e.vm.SetFieldNameMapper(goja.UncapFieldNameMapper())
	e.limit = newLimiter(e.vm)
	return e
}

// Run evaluates every rule of rs that is on for s and returns what they
// find, in file and line order.
func Run(s *spec.Spec, rs *Ruleset) ([]Result, []Note, error) {
	e := newEngine(s)
	var out []Result
	seen := map[string]bool{}
	for _, r := range rs.Rules {
		if r.Severity == Off || !formatApplies(r.Formats, s.Version) {
			continue
		}
		e.resolved = r.Resolved
		e.matches.reset() // the rule before's matches are all read
		root := e.deref(ref{s.Root, s.Root.Doc})
		for _, g := range r.given {
			if e.stopped[r.Name] {
				break
			}
			err := e.eval(g, root, func(m *match) {
				for _, th := range r.Then {
					if e.stopped[r.Name] {
						return
					}
					for _, res := range e.then(rs, r, th, m) {
						res.Severity = rs.SeverityAt(r.Name, res.Pos.File, r.Severity)
						if res.Severity == Off {
							continue
						}
						k := res.Rule + "\x00" + res.Pos.String() + "\x00" + res.Message
						if !seen[k] {
							seen[k] = true
							out = append(out, res)
						}
					}
				}
			})
			if err != nil {
				e.note(r.Pos, fmt.Sprintf("rule %s: %v", r.Name, err))
				e.stopped[r.Name] = errors.Is(err, errTimeLimit)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Pos.Before(out[j].Pos) })
	return out, e.notes, nil
}

func (e *engine) note(p spec.Pos, msg string) {
	if !e.noted[msg] {
		e.noted[msg] = true
		e.notes = append(e.notes, Note{Pos: p, Msg: msg})
	}
}

// formatApplies tells whether a rule's formats take an OpenAPI version.
func formatApplies(formats []string, version string) bool {
	if len(formats) == 0 {
		return true
	}
	for _, f := range formats {
		switch f {
		case "oas3":
			return true
		case "oas3.0", "oas3_0":
			if strings.HasPrefix(version, "3.0") {
				return true
			}
		case "oas3.1", "oas3_1":
			if strings.HasPrefix(version, "3.1") {
				return true
			}
		}
	}
	return false
}

// then runs one check on a match.
func (e *engine) then(rs *Ruleset, r *Rule, th Then, m *match) []Result {
	targets := []*match{m}
	if th.Field != "" {
		targets = e.field(m, th.Field)
	}
	var out []Result
	for _, t := range targets {
		results, err := e.call(rs, r, th, t)
		if err != nil {
			e.note(r.Pos, fmt.Sprintf("rule %s: function %s: %v", r.Name, th.Function, err))
			if errors.Is(err, errTimeLimit) {
				e.stopped[r.Name] = true
				return out
			}
			continue
		}
		for _, res := range results {
			at := t
			if len(res.path) > 0 {
				at = e.at(res.path, t)
			}
			// spectral names a value by its place in the file it is
			// written in: its key there, and the field below it
			// (responses[429].content, headers.ratelimit-reset).
			property := sourceName(at)
			if th.Field != "" && len(res.path) == 0 && !strings.HasPrefix(th.Field, "$") {
				steps := splitField(th.Field)
				if name := sourceName(m); name != "" {
					steps = append([]string{name}, steps...)
				}
				property = printPath(steps)
			}
			msg := e.message(r, res.msg, at, property)
			out = append(out, Result{Rule: r.Name, Message: msg, Pos: e.pos(at), Path: at.path()})
		}
	}
	return out
}

// sourceName is the key m is written under in its own file ("" for a
// whole file a $ref names).
func sourceName(m *match) string {
	if m.viaRef {
		if m.refKey != nil {
			return m.refKey.Value
		}
		return ""
	}
	return m.last()
}

// printPath writes steps as spectral prints a property: dots, and
// brackets for numbers (responses[429].content).
func printPath(steps []string) string {
	var b strings.Builder
	for i, s := range steps {
		if _, err := strconv.Atoi(s); err == nil && i > 0 {
			b.WriteString("[" + s + "]")
			continue
		}
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s)
	}
	return b.String()
}

// field selects then.field from m: "@key" (the key), a JSONPath ($…)
// below it, or a dotted path; a missing field is a match with no value.
func (e *engine) field(m *match, field string) []*match {
	if field == "@key" {
		km := *m
		km.keyOf = true
		return []*match{&km}
	}
	if strings.HasPrefix(field, "$") {
		p, err := parsePath(field)
		if err != nil {
			return nil
		}
		var out []*match
		_ = e.evalFrom(p, m, func(c *match) { out = append(out, c) })
		return out
	}
	cur := m
	for _, name := range splitField(field) {
		var next *match
		if cur.val.n != nil {
			for _, c := range e.children(cur.val) {
				if c.name == name {
					next = e.sub(cur, c)
					break
				}
			}
		}
		if next == nil {
			missing := e.sub(cur, child{name: name})
			missing.val = ref{cur.val.f, nil}
			missing.key = nil
			return []*match{missing}
		}
		cur = next
	}
	return []*match{cur}
}

// splitField splits a.b['c.d'] into its names.
func splitField(f string) []string {
	var out []string
	for len(f) > 0 {
		switch {
		case f[0] == '.':
			f = f[1:]
		case f[0] == '[':
			end, err := closing(f)
			if err != nil {
				return append(out, f)
			}
			names, _ := unionNames(f[1:end])
			out = append(out, names...)
			f = f[end+1:]
		default:
			i := strings.IndexAny(f, ".[")
			if i < 0 {
				i = len(f)
			}
			out = append(out, f[:i])
			f = f[i:]
		}
	}
	return out
}

// at follows a result's path (absolute in the document) from the root,
// as far as it exists.
func (e *engine) at(p []string, from *match) *match {
	cur := &match{val: e.deref(ref{e.s.Root, e.s.Root.Doc})}
	for _, name := range p {
		var next *match
		for _, c := range e.children(cur.val) {
			if c.name == name {
				next = e.sub(cur, c)
				break
			}
		}
		if next == nil {
			cur.fixed = p
			return cur
		}
		cur = next
	}
	return cur
}

// pos is where a match is written: its key for a property name, the
// value, or for a missing field the object that lacks it (its key).
func (e *engine) pos(m *match) spec.Pos {
	// A value is reported at its key where it is written in place, and at
	// itself where a $ref brought it (its file), as spectral maps the
	// resolved document back to its sources.
	for cur := m; cur != nil; cur = cur.parent {
		if cur.val.n == nil {
			continue // a missing field: at the object that lacks it
		}
		if cur.keyOf && cur.key != nil {
			return cur.keyF.Pos(cur.key)
		}
		if cur.key != nil && !cur.viaRef && (cur.val.n.Kind != yaml.ScalarNode || cur != m) {
			return cur.keyF.Pos(cur.key)
		}
		if cur.viaRef && cur.refKey != nil && cur.val.n.Kind != yaml.ScalarNode {
			return cur.val.f.Pos(cur.refKey) // the key it is written under in its own file
		}
		return cur.val.f.Pos(cur.val.n)
	}
	return spec.Pos{File: e.s.Root.Path}
}

// message fills a rule's message template.
func (e *engine) message(r *Rule, errMsg string, m *match, property string) string {
	tmpl := r.Message
	if tmpl == "" {
		// spectral: a rule without a message says its description, and
		// only without one the function's message.
		tmpl = r.Description
		if tmpl == "" {
			tmpl = "{{error}}"
		}
	}
	value := ""
	if m.keyOf {
		value = property
	} else if m.val.n != nil && m.val.n.Kind == yaml.ScalarNode {
		value = m.val.n.Value
	}
	return strings.NewReplacer("{{error}}", errMsg, "{{description}}", r.Description, "{{path}}", strings.Join(m.path(), "."),
		"{{property}}", property, "{{value}}", value).Replace(tmpl)
}
