package spec

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	yaml "github.com/pb33f/go-yaml"
)

// DefaultMaxFileSize bounds each file read. A file of a split spec is a
// few kilobytes, but single-file descriptions run to tens of megabytes
// (GitHub's is 3.7 MB, Stripe's 7, Microsoft Graph's over 30); beyond this
// it is a mistake or an attack.
const DefaultMaxFileSize = 128 << 20

// DefaultMaxAliasNodes bounds how many nodes a file's YAML aliases may
// expand to, which stops "billion laughs" documents.
const DefaultMaxAliasNodes = 100_000

// Options control what Load may read.
type Options struct {
	// AllowExternal lets $refs name files outside the root file's folder,
	// absolute paths and http(s) URLs. Off by default: a spec that reaches
	// out of its folder is usually a mistake, and a remote fetch is a
	// network call the user did not ask for.
	AllowExternal bool
	// MaxFileSize is the largest file accepted, in bytes (0: DefaultMaxFileSize).
	MaxFileSize int64
	// MaxAliasNodes bounds alias expansion per file (0: DefaultMaxAliasNodes).
	MaxAliasNodes int
	// Reader reads files by slash-separated location; nil reads the local
	// file system. diff uses it to read a git revision without a checkout.
	Reader Reader
	// Parallel is how many files are parsed at once (0: GOMAXPROCS).
	Parallel int
	// KeepGoing loads what can be loaded: a $ref that names nothing, or a
	// file that cannot be read or parsed, becomes one of Spec.Problems (the
	// $ref stays an unresolved mapping, the file is left out) instead of
	// failing the load. lint uses it so one bad file does not hide the
	// findings of the others. A root that is no OpenAPI document, and $ref
	// cycles, still fail.
	KeepGoing bool
}

// Reader supplies file contents. Locations are slash-separated and
// absolute for the local file system, or relative to a repository root.
type Reader interface {
	ReadFile(loc string, max int64) ([]byte, error)
}

// File is one parsed source file.
type File struct {
	Path string     // relative to the root's folder, or an absolute location/URL when outside it
	Loc  string     // where it was read from
	Src  []byte     // raw bytes, for tools that read comments or lines
	Doc  *yaml.Node // the document's top node (never a DocumentNode)

	lineOnce sync.Once
	lines    []int // offsets of line starts, built on first use

	anchors map[string]*yaml.Node // $anchor → the schema that declares it
	// Problems are kept with the file and reported only when the file is
	// part of the document: reached from the root through $refs that are
	// not literal data. A $ref in an example that names a broken file
	// stays data; the same file named by a schema's $ref is an error.
	errs     []*Error // written in the file (syntax, duplicate keys, a bad $ref)
	readErr  *Error   // it could not be read: said at a $ref that names it
	reported bool     // readErr has been said
}

// Line returns line n (1-based) of the file's source, without its newline.
func (f *File) Line(n int) string {
	f.lineOnce.Do(func() {
		f.lines = append(f.lines, 0)
		for i, b := range f.Src {
			if b == '\n' {
				f.lines = append(f.lines, i+1)
			}
		}
	})
	if n < 1 || n > len(f.lines) {
		return ""
	}
	start, end := f.lines[n-1], len(f.Src)
	if n < len(f.lines) {
		end = f.lines[n] - 1
	}
	return strings.TrimSuffix(string(f.Src[start:end]), "\r")
}

// Ref is one resolved $ref (or discriminator mapping value).
type Ref struct {
	Raw     string     // as written
	From    *File      // file the $ref is written in
	At      *yaml.Node // the scalar holding the reference, for its position
	File    *File      // file the target is in
	Pointer string     // JSON pointer within File ("" for the whole file), decoded
	Target  *yaml.Node // the node it names
	// Data marks a $ref written inside literal data (an example, a default,
	// an x- extension): content to copy, not an OpenAPI reference.
	Data bool
	// HashInName marks a $ref whose file name holds a "#" written as is
	// (RFC 3986 makes it a fragment; %23 is the portable spelling).
	HashInName bool

	node     *yaml.Node // the {$ref: ...} mapping (the value, for a mapping ref)
	frag     string     // the fragment, once the file part is known
	idNode   *yaml.Node // the schema whose $id the file part is
	err      *Error     // why it names nothing
	resolved bool
}

// Key identifies the target: the same file and pointer give the same key
// whatever relative path led there.
func (r *Ref) Key() string { return r.File.Path + "#" + r.Pointer }

// String names the target for messages: the file, and the pointer if any.
func (r *Ref) String() string {
	if r.Pointer == "" {
		return r.File.Path
	}
	return r.File.Path + "#" + r.Pointer
}

// Spec is a loaded multi-file document.
type Spec struct {
	Dir     string // folder of the root file (a location)
	Root    *File
	Files   map[string]*File // by Path
	Version string           // value of the root's openapi field
	// Problems are what Options.KeepGoing let through, in file order.
	Problems ErrorList

	refs    map[*yaml.Node]*Ref // $ref mapping node → resolution
	mapRefs map[*yaml.Node]*Ref // discriminator mapping value → resolution
	broken  map[*yaml.Node]bool // $ref mappings left unresolved by KeepGoing
	l       *loader             // to read files the document names by other means than $ref
}

// Broken reports whether n is a {$ref} mapping whose $ref names nothing,
// let through by Options.KeepGoing (and reported in Problems).
func (s *Spec) Broken(n *yaml.Node) bool { return s.broken[Unalias(n)] }

// Pos returns where n is written in f.
func (f *File) Pos(n *yaml.Node) Pos {
	if n == nil {
		return Pos{File: f.Path}
	}
	return Pos{File: f.Path, Line: n.Line, Col: n.Column}
}

// Ref returns the resolution of n when n is a {$ref: ...} mapping.
func (s *Spec) Ref(n *yaml.Node) *Ref { return s.refs[n] }

// MappingRef returns the resolution of a discriminator mapping value that
// names a file or pointer, nil for a bare schema name.
func (s *Spec) MappingRef(n *yaml.Node) *Ref { return s.mapRefs[n] }

// MappingRefs lists every discriminator mapping value that names a file
// or pointer, in no particular order.
func (s *Spec) MappingRefs() []*Ref {
	out := make([]*Ref, 0, len(s.mapRefs))
	for _, r := range s.mapRefs {
		out = append(out, r)
	}
	return out
}

// EachRef calls fn for every {$ref: ...} mapping and its resolution, in
// file and line order.
func (s *Spec) EachRef(fn func(n *yaml.Node, r *Ref)) {
	type pair struct {
		n *yaml.Node
		r *Ref
	}
	list := make([]pair, 0, len(s.refs))
	for n, r := range s.refs {
		list = append(list, pair{n, r})
	}
	sort.Slice(list, func(i, j int) bool {
		return list[i].r.From.Pos(list[i].r.At).Before(list[j].r.From.Pos(list[j].r.At))
	})
	for _, p := range list {
		fn(p.n, p.r)
	}
}

// RefCount is how many $refs the spec holds.
func (s *Spec) RefCount() int { return len(s.refs) }

// Load reads the root file at root and every file its $refs reach.
func Load(ctx context.Context, root string, opt Options) (*Spec, error) {
	if opt.MaxFileSize <= 0 {
		opt.MaxFileSize = DefaultMaxFileSize
	}
	if opt.MaxAliasNodes <= 0 {
		opt.MaxAliasNodes = DefaultMaxAliasNodes
	}
	if opt.Parallel <= 0 {
		opt.Parallel = runtime.GOMAXPROCS(0)
	}
	rootLoc := root
	if opt.Reader == nil {
		abs, err := filepath.Abs(root)
		if err != nil {
			return nil, fmt.Errorf("load %s: %w", root, err)
		}
		rootLoc = filepath.ToSlash(abs)
		opt.Reader = &osReader{}
	} else {
		rootLoc = path.Clean(rootLoc)
	}
	l := &loader{
		ctx:   ctx,
		opt:   opt,
		dir:   path.Dir(rootLoc),
		root:  root,
		files: map[string]*File{},
		ids:   map[string]Node{},
		spec: &Spec{
			refs:    map[*yaml.Node]*Ref{},
			mapRefs: map[*yaml.Node]*Ref{},
		},
	}
	if or, ok := opt.Reader.(*osReader); ok && !opt.AllowExternal {
		or.root = l.dir
		if real, err := filepath.EvalSymlinks(filepath.FromSlash(l.dir)); err == nil {
			or.realRoot = filepath.ToSlash(real)
		}
	}
	l.spec.Dir = l.dir
	l.spec.l = l
	l.work.Cond = sync.NewCond(&l.mu)
	rootFile := l.load(rootLoc, Pos{})
	l.readAll()
	l.readDeferred()
	if rootFile == nil || rootFile.Doc == nil {
		l.errs = append(l.errs, rootFile.errs...)
		if len(l.errs) == 0 { // cannot happen, but never return a nil spec silently
			l.errs = append(l.errs, &Error{Pos: Pos{File: root}, Msg: "cannot read file"})
		}
		l.errs.sort()
		return nil, l.errs
	}
	l.spec.Root = rootFile
	if err := l.checkRoot(rootFile); err != nil {
		return nil, err
	}
	l.resolveAll()
	var problems ErrorList
	if l.opt.KeepGoing {
		problems, l.errs = l.errs, nil
	}
	if len(l.errs) == 0 {
		l.findCycles()
	}
	if len(l.errs) == 0 {
		l.checkRootRefs(rootFile)
	}
	if len(l.errs) > 0 {
		l.errs = append(l.errs, problems...)
		l.errs.sort()
		return nil, l.errs
	}
	problems.sort()
	l.spec.Problems = problems
	for p, f := range l.files {
		if f.Doc == nil { // unreadable: its problem is said, it is no part of the document
			delete(l.files, p)
		}
	}
	l.spec.Files = l.files
	return l.spec, nil
}

// checkRootRefs makes sure a `paths` or `components` written as a $ref
// reaches a mapping, as checkRoot does for one written in place.
func (l *loader) checkRootRefs(f *File) {
	for _, key := range rootMappings {
		v := Get(f.Doc, key)
		if v == nil || Get(v, "$ref") == nil {
			continue
		}
		d, err := l.spec.Deref(Node{File: f, Node: v})
		if err == nil && notMapping(d.Node) {
			l.errs = append(l.errs, &Error{Pos: f.Pos(Get(v, "$ref")), Err: ErrNotOpenAPI,
				Msg: fmt.Sprintf("`%s` must be a mapping (%s); this $ref names something else", key, mappingOf[key])})
		}
	}
}

type loader struct {
	ctx  context.Context
	opt  Options
	dir  string
	root string // as the caller named it, for errors about the root itself
	spec *Spec

	mu       sync.Mutex
	files    map[string]*File // by Path
	pending  []*Ref           // refs to resolve once every file is read
	deferred []*Ref           // refs to URLs, which may be a schema's $id
	ids      map[string]Node  // JSON Schema $id → the schema
	errs     ErrorList
	work     struct {
		*sync.Cond // on mu
		queue      []job
		busy       int // files queued or being read
	}
}

type job struct {
	f    *File
	from Pos
}

// worker reads queued files until none is queued or being read: a read
// file queues the files its $refs name, so the queue only runs dry at the end.
func (l *loader) worker() {
	l.mu.Lock()
	for {
		for len(l.work.queue) == 0 && l.work.busy > 0 {
			l.work.Wait()
		}
		if len(l.work.queue) == 0 {
			l.mu.Unlock()
			return
		}
		j := l.work.queue[len(l.work.queue)-1]
		l.work.queue = l.work.queue[:len(l.work.queue)-1]
		l.mu.Unlock()
		l.read(j)
		l.mu.Lock()
		l.work.busy--
		if l.work.busy == 0 {
			l.work.Broadcast()
		}
	}
}

func (l *loader) fail(pos Pos, cause error, format string, args ...any) {
	l.mu.Lock()
	l.errs = append(l.errs, &Error{Pos: pos, Msg: fmt.Sprintf(format, args...), Err: cause})
	l.mu.Unlock()
}

// display gives the Path of a location: relative when inside the root folder.
func (l *loader) display(loc string) string {
	if isURL(loc) {
		return loc
	}
	if rel, ok := within(l.dir, loc); ok {
		return rel
	}
	return loc
}

// within reports whether loc is inside dir, and its path relative to dir.
func within(dir, loc string) (string, bool) {
	if dir == "." || dir == "" {
		if strings.HasPrefix(loc, "../") || loc == ".." || strings.HasPrefix(loc, "/") {
			return "", false
		}
		return loc, true
	}
	if strings.HasPrefix(loc, dir+"/") {
		return loc[len(dir)+1:], true
	}
	if dir == "/" && strings.HasPrefix(loc, "/") {
		return loc[1:], true
	}
	return "", false
}

// load returns the File for loc, queueing it to be read and parsed on
// first sight. The File is filled in by a worker; use it once all are done.
func (l *loader) load(loc string, from Pos) *File {
	p := l.display(loc)
	l.mu.Lock()
	defer l.mu.Unlock()
	if f, ok := l.files[p]; ok {
		return f
	}
	f := &File{Path: p, Loc: loc}
	l.files[p] = f
	l.work.queue = append(l.work.queue, job{f, from})
	l.work.busy++
	l.work.Signal()
	return f
}

// readAll reads every queued file, and the files they name, in parallel.
func (l *loader) readAll() {
	var wg sync.WaitGroup
	for range l.opt.Parallel {
		wg.Go(l.worker)
	}
	wg.Wait()
}

func (l *loader) read(j job) {
	f, from := j.f, j.from
	if err := l.ctx.Err(); err != nil {
		l.fail(from, err, "%v", err)
		return
	}
	// A failure at the $ref's place is the reading's (no such file); one
	// inside the file is the file's.
	fail := func(pos Pos, cause error, format string, args ...any) {
		e := &Error{Pos: pos, Msg: fmt.Sprintf(format, args...), Err: cause}
		if pos == from && from != (Pos{}) {
			f.readErr = e
		} else {
			f.errs = append(f.errs, e)
		}
	}
	l.parse(f, from, fail)
}

// parse reads and parses f, reporting through fail.
func (l *loader) parse(f *File, from Pos, fail func(pos Pos, cause error, format string, args ...any)) {
	var (
		src []byte
		err error
	)
	if isURL(f.Loc) {
		src, err = fetch(l.ctx, f.Loc, l.opt.MaxFileSize)
	} else {
		src, err = l.opt.Reader.ReadFile(f.Loc, l.opt.MaxFileSize)
	}
	if err != nil {
		name := f.Path
		if from == (Pos{}) {
			name = l.root // the root: say it as the user wrote it
		}
		switch {
		case errors.Is(err, fs.ErrNotExist):
			fail(from, ErrNotFound, "%s: no such file", name)
		case errors.Is(err, ErrTooLarge):
			fail(Pos{File: f.Path, Line: 1, Col: 1}, ErrTooLarge, "file is larger than %d bytes (raise --max-file-size if it is meant to be)", l.opt.MaxFileSize)
		case errors.Is(err, ErrIsFolder) && from == (Pos{}):
			fail(from, ErrIsFolder, "%s: is a folder, not a file; give the spec's root file", name)
		case errors.Is(err, ErrIsFolder):
			fail(from, ErrIsFolder, "%s: is a folder, not a file", name)
		case errors.Is(err, ErrRefOutside):
			fail(from, ErrRefOutside, "%s: %v (pass --allow-external to permit it)", f.Path, err)
		default:
			fail(from, err, "read %s: %v", name, err)
		}
		return
	}
	if !utf8.Valid(src) {
		line, col := invalidUTF8At(src)
		fail(Pos{File: f.Path, Line: line, Col: col}, ErrSyntax, "invalid UTF-8 byte; spec files must be UTF-8")
		return
	}
	// Most spec files take the fast parser, which gives the very tree
	// go-yaml would (spec/fastyaml.go); anything it is not sure of — and
	// every malformed file, for go-yaml's message — goes to go-yaml.
	var doc yaml.Node
	if fast, err := parseFastSafe(src); err == nil {
		doc = *fast
	} else if slow, err := parseYAML(src); err != nil {
		var second secondDocError
		if errors.As(err, &second) {
			fail(Pos{File: f.Path, Line: second.line, Col: 1}, ErrSyntax, "a second YAML document starts here; a spec file holds one document")
			return
		}
		if pos, msg, ok := jsonError(f.Path, src); ok {
			pos.File = f.Path
			fail(pos, ErrSyntax, "invalid JSON: %s", msg)
			return
		}
		pos, msg := yamlErrorPos(src, err)
		pos.File = f.Path
		fail(pos, ErrSyntax, "invalid YAML: %s", msg)
		return
	} else {
		doc = *slow
	}
	if doc.Kind == 0 || len(doc.Content) == 0 || isEmptyDoc(doc.Content[0]) {
		fail(Pos{File: f.Path, Line: 1, Col: 1}, ErrSyntax, "file is empty")
		return
	}
	f.Src = src
	f.Doc = doc.Content[0]
	sc := scanner{l: l, f: f}
	if !sc.scan(f.Doc, 0, placeObject) {
		f.Doc = nil // reported
		return
	}
	if sc.aliases > 0 {
		memo := map[*yaml.Node]int{}
		if n := expandedSize(f.Doc, memo, l.opt.MaxAliasNodes+1); n > l.opt.MaxAliasNodes {
			fail(Pos{File: f.Path, Line: 1, Col: 1}, ErrAliases, "YAML aliases expand to more than %d nodes; refusing (alias bomb?)", l.opt.MaxAliasNodes)
			f.Doc = nil
			return
		}
	}
	for _, r := range sc.refs {
		l.queue(r)
	}
}

// parseYAML parses src with go-yaml. A file with a second document that
// is not empty is an error (secondDocError): yaml.Unmarshal would drop it
// without a word.
func parseYAML(src []byte) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if err == io.EOF {
			return &doc, nil // no document at all: reported as empty
		}
		return nil, err
	}
	for {
		var next yaml.Node
		err := dec.Decode(&next)
		if err == io.EOF {
			return &doc, nil
		}
		if err != nil {
			return nil, err
		}
		if len(next.Content) > 0 && !isEmptyDoc(next.Content[0]) {
			return nil, secondDocError{line: next.Line}
		}
	}
}

// secondDocError reports a second YAML document starting at line.
type secondDocError struct{ line int }

func (e secondDocError) Error() string {
	return fmt.Sprintf("a second YAML document starts at line %d", e.line)
}

// parseFastSafe is parseFast with a net: should the fast parser ever fail
// in a way its own checks missed, the file goes to go-yaml instead of
// taking the command down.
func parseFastSafe(src []byte) (doc *yaml.Node, err error) {
	defer func() {
		if recover() != nil {
			doc, err = nil, errFallback
		}
	}()
	return parseFast(src)
}

func isEmptyDoc(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" && (n.Value == "" || n.Value == "~" || n.Value == "null")
}

// queue starts reading the file a ref names and records the ref for
// pointer resolution.
func (l *loader) queue(r *Ref) {
	filePart, frag, _ := strings.Cut(r.Raw, "#")
	pos := r.From.Pos(r.At)
	if filePart == "" {
		r.File, r.frag = r.From, frag
		l.addPending(r)
		return
	}
	if name, rest, ok := l.hashInName(r.From, filePart, frag); ok {
		filePart, frag, r.HashInName = name, rest, true
	}
	r.frag = frag
	if isURL(filePart) && !l.opt.AllowExternal {
		// Perhaps a schema's $id, known once every file is read.
		l.mu.Lock()
		l.deferred = append(l.deferred, r)
		l.mu.Unlock()
		return
	}
	loc, err := l.locate(r.From, filePart)
	if err != nil {
		r.err = &Error{Pos: pos, Msg: fmt.Sprintf("$ref %q: %v", r.Raw, describe(err)), Err: err}
		l.addPending(r)
		return
	}
	r.File = l.load(loc, pos)
	l.addPending(r)
}

func (l *loader) addPending(r *Ref) {
	l.mu.Lock()
	l.pending = append(l.pending, r)
	l.mu.Unlock()
}

// hashInName tells a "#" that is part of a file name from one that starts
// a fragment: `paths/flows#clone+json.yaml`. RFC 3986 reads a fragment
// there (%23 is the portable spelling), but when the fragment is no JSON
// pointer and the file named with it exists, the file is what was meant.
func (l *loader) hashInName(from *File, filePart, frag string) (name, rest string, ok bool) {
	if frag == "" || strings.HasPrefix(frag, "/") || isURL(filePart) || isURL(from.Loc) {
		return "", "", false
	}
	name, rest, _ = strings.Cut(frag, "#")
	name = filePart + "#" + name
	loc, err := l.locate(from, strings.ReplaceAll(name, "%", "%25"))
	if err != nil {
		return "", "", false
	}
	if _, err := l.opt.Reader.ReadFile(loc, l.opt.MaxFileSize); err != nil {
		return "", "", false
	}
	return strings.ReplaceAll(name, "%", "%25"), rest, true
}

// readDeferred settles the $refs to URLs: a schema's $id names that
// schema; anything else is fetched with --allow-external, refused without.
func (l *loader) readDeferred() {
	for len(l.deferred) > 0 {
		refs := l.deferred
		l.deferred = nil
		for _, r := range refs {
			filePart, _, _ := strings.Cut(r.Raw, "#")
			if n, ok := l.ids[filePart]; ok {
				r.File, r.idNode = n.File, n.Node
			} else {
				r.err = &Error{Pos: r.From.Pos(r.At), Msg: fmt.Sprintf("$ref %q: %v", r.Raw, describe(ErrRemote)), Err: ErrRemote}
			}
			l.pending = append(l.pending, r)
		}
	}
}

func describe(err error) string {
	switch {
	case errors.Is(err, ErrRefOutside):
		return err.Error() + " (pass --allow-external to permit it)"
	case errors.Is(err, ErrRemote):
		return err.Error() + " is not fetched (pass --allow-external to permit it)"
	}
	return err.Error()
}

// locate turns the file part of a $ref into a location.
func (l *loader) locate(from *File, filePart string) (string, error) {
	if strings.Contains(filePart, "%") {
		if u, err := url.PathUnescape(filePart); err == nil {
			filePart = u
		}
	}
	switch {
	case isURL(filePart):
		if !l.opt.AllowExternal {
			return "", ErrRemote
		}
		return filePart, nil
	case isURL(from.Loc):
		base, err := url.Parse(from.Loc)
		if err != nil {
			return "", err
		}
		ref, err := url.Parse(filePart)
		if err != nil {
			return "", err
		}
		return base.ResolveReference(ref).String(), nil
	case strings.HasPrefix(filePart, "file:"):
		return "", fmt.Errorf("file: URLs are not read; write a path relative to this file")
	case strings.Contains(filePart, "://"):
		scheme, _, _ := strings.Cut(filePart, "://")
		return "", fmt.Errorf("unsupported URL scheme %q: only http and https URLs are fetched", scheme)
	case path.IsAbs(filePart) || filepath.IsAbs(filePart) || isWindowsAbs(filePart):
		if !l.opt.AllowExternal {
			return "", fmt.Errorf("%w: absolute paths are not allowed", ErrRefOutside)
		}
		return path.Clean(filepath.ToSlash(filePart)), nil
	}
	loc := path.Join(path.Dir(from.Loc), filePart)
	if _, ok := within(l.dir, loc); !ok && !l.opt.AllowExternal {
		return "", ErrRefOutside
	}
	return loc, nil
}

// isWindowsAbs reports whether s is a Windows absolute path (C:\x, C:/x or
// \\host\share), which must be refused as absolute on every system, not read
// as an odd relative name on Unix.
func isWindowsAbs(s string) bool {
	if strings.HasPrefix(s, `\\`) {
		return true
	}
	return len(s) >= 3 && s[1] == ':' && (s[2] == '\\' || s[2] == '/') &&
		('a' <= s[0] && s[0] <= 'z' || 'A' <= s[0] && s[0] <= 'Z')
}

func isURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// openAPI3 is the version field of an OpenAPI 3 document: 3.0, 3.0.3,
// 3.1.0 (written as a string or, unquoted, a YAML float).
var openAPI3 = regexp.MustCompile(`^3\.[0-9]+(\.[0-9]+)?$`)

// checkRoot makes sure the root is an OpenAPI 3 document.
func (l *loader) checkRoot(f *File) error {
	fail := func(n *yaml.Node, cause error, msg string) error {
		pos := f.Pos(n)
		if n == nil {
			pos.Line, pos.Col = 1, 1
		}
		return ErrorList{{Pos: pos, Msg: msg, Err: cause}}
	}
	if f.Doc.Kind != yaml.MappingNode {
		return fail(f.Doc, ErrNotOpenAPI, "not an OpenAPI document: the root must be a mapping with an `openapi` field")
	}
	if r := Get(f.Doc, "$ref"); r != nil {
		return fail(r, ErrNotOpenAPI, "the root document cannot be a $ref: put the $ref under the field it stands for")
	}
	if v := Get(f.Doc, "openapi"); v != nil {
		if v.Kind != yaml.ScalarNode || !openAPI3.MatchString(v.Value) {
			return fail(v, ErrUnsupported, fmt.Sprintf("unsupported OpenAPI version %q: dospec reads OpenAPI 3.0 and 3.1", v.Value))
		}
		l.spec.Version = v.Value
		for _, key := range rootMappings {
			if v := Get(f.Doc, key); v != nil && notMapping(v) {
				what := "a list"
				if v.Kind == yaml.ScalarNode {
					what = "a single value"
				}
				return fail(v, ErrNotOpenAPI, fmt.Sprintf("`%s` must be a mapping (%s), not %s", key, mappingOf[key], what))
			}
		}
		return nil
	}
	if v := Get(f.Doc, "swagger"); v != nil {
		return fail(v, ErrUnsupported, fmt.Sprintf("Swagger %s is not supported: dospec reads OpenAPI 3.0 and 3.1; convert the document first (for example with swagger2openapi)", v.Value))
	}
	return fail(f.Doc, ErrNotOpenAPI, "not an OpenAPI document: no `openapi` field at the top level")
}

// rootMappings are the root's fields every command walks as mappings; a
// list or a string there would silently hold nothing.
var rootMappings = []string{"paths", "components"}

// notMapping reports a value that holds neither a mapping nor nothing.
func notMapping(n *yaml.Node) bool { return n.Kind != yaml.MappingNode && !isEmptyDoc(n) }

// mappingOf says what the root's mappings map, for messages.
var mappingOf = map[string]string{
	"paths":      "path template → path item",
	"components": "section → named components",
}

// resolveAll finds the node every pending $ref names, then keeps the
// problems of what belongs to the document and turns every $ref that
// names nothing, and is not the document's, back into data.
func (l *loader) resolveAll() {
	sort.Slice(l.pending, func(i, j int) bool {
		a, b := l.pending[i], l.pending[j]
		return a.From.Pos(a.At).Before(b.From.Pos(b.At))
	})
	for _, r := range l.pending {
		l.resolve(r)
	}
	live := l.liveFiles()
	paths := make([]string, 0, len(l.files))
	for p := range l.files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		if f := l.files[p]; live[f] {
			l.errs = append(l.errs, f.errs...)
		}
	}
	for _, r := range l.pending {
		if live[r.From] && !r.Data {
			switch {
			case r.err != nil:
				l.errs = append(l.errs, r.err)
			case r.File != nil && r.File.readErr != nil && !r.File.reported:
				r.File.reported = true
				e := *r.File.readErr
				e.Pos = r.From.Pos(r.At)
				l.errs = append(l.errs, &e)
			}
		}
		if r.Target == nil {
			delete(l.spec.refs, r.node)
			delete(l.spec.mapRefs, r.node)
			if live[r.From] && !r.Data {
				if l.spec.broken == nil {
					l.spec.broken = map[*yaml.Node]bool{}
				}
				l.spec.broken[r.node] = true
			}
		}
	}
}

// liveFiles are the files of the document: the root and those reached
// from it through $refs that are not in literal data.
func (l *loader) liveFiles() map[*File]bool {
	from := map[*File][]*Ref{}
	for _, r := range l.pending {
		from[r.From] = append(from[r.From], r)
	}
	live := map[*File]bool{l.spec.Root: true}
	todo := []*File{l.spec.Root}
	for len(todo) > 0 {
		f := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		for _, r := range from[f] {
			if !r.Data && r.File != nil && !live[r.File] {
				live[r.File] = true
				todo = append(todo, r.File)
			}
		}
	}
	return live
}

// resolve finds the node r names, once; r.err says why it names none.
func (l *loader) resolve(r *Ref) {
	if r.resolved {
		return
	}
	r.resolved = true
	if r.err != nil || r.File == nil || r.File.Doc == nil {
		return // reading it failed: said with the file
	}
	fail := func(err error) {
		r.err = &Error{Pos: r.From.Pos(r.At), Msg: fmt.Sprintf("$ref %q: %v", r.Raw, err), Err: ErrPointer}
	}
	var ptr string
	switch {
	case r.frag == "" || strings.HasPrefix(r.frag, "/"):
		p, err := decodePointer(r.frag)
		if err != nil {
			fail(err)
			return
		}
		ptr = p
		if r.idNode != nil {
			ptr = pointerOf(r.File.Doc, r.idNode) + ptr
		}
	default:
		name, err := url.PathUnescape(r.frag)
		if err != nil {
			name = r.frag
		}
		n := r.File.anchors[name]
		if n == nil {
			fail(fmt.Errorf("no $anchor %q in %s (a JSON pointer fragment starts with #/)", name, r.File.Path))
			return
		}
		ptr = pointerOf(r.File.Doc, n)
	}
	r.Pointer = ptr
	n, err := l.lookup(r.File, ptr, 0)
	if err != nil {
		fail(err)
		return
	}
	r.Target = n
}

// pointerOf is the JSON pointer of target inside doc ("" when it is doc
// or is not in it). Only anchors and $ids need it, so a walk is cheap enough.
func pointerOf(doc, target *yaml.Node) string {
	var toks []string
	var find func(n *yaml.Node) bool
	find = func(n *yaml.Node) bool {
		if n == target {
			return true
		}
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				toks = append(toks, EscapeToken(n.Content[i].Value))
				if find(n.Content[i+1]) {
					return true
				}
				toks = toks[:len(toks)-1]
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				toks = append(toks, strconv.Itoa(i))
				if find(c) {
					return true
				}
				toks = toks[:len(toks)-1]
			}
		}
		return false
	}
	if !find(doc) || len(toks) == 0 {
		return ""
	}
	return "/" + strings.Join(toks, "/")
}

// findCycles reports chains of $refs that only name each other (a.yml is
// {$ref: b.yml}, b.yml is {$ref: a.yml}): they name no content at all, and
// every command would loop or fail on them.
func (l *loader) findCycles() {
	reported := map[*Ref]bool{}
	for _, r := range l.pending {
		if reported[r] {
			continue
		}
		var walked []*Ref
		cur := r
		for cur != nil && cur.Target != nil && !reported[cur] {
			for i, c := range walked {
				if c == cur {
					loop := walked[i:]
					for _, c := range loop {
						reported[c] = true
					}
					// Report at the link written last in file order, so the
					// message does not depend on where the walk started.
					at := loop[0]
					for _, c := range loop[1:] {
						if at.From.Pos(at.At).Before(c.From.Pos(c.At)) {
							at = c
						}
					}
					l.errs = append(l.errs, &Error{Pos: at.From.Pos(at.At), Msg: "$ref cycle: " + at.From.Path + " → " + chain(loopFrom(loop, at)), Err: ErrCycle})
					cur = nil
					break
				}
			}
			if cur == nil {
				break
			}
			walked = append(walked, cur)
			t := cur.Target
			if t.Kind != yaml.MappingNode || len(t.Content) != 2 {
				break
			}
			cur = l.spec.refs[t]
		}
	}
}

// loopFrom rotates a cycle so it starts with at.
func loopFrom(loop []*Ref, at *Ref) []*Ref {
	for i, c := range loop {
		if c == at {
			return append(append([]*Ref{}, loop[i:]...), loop[:i]...)
		}
	}
	return loop
}

// osReader reads the local file system, refusing symlinks that lead out of
// the root folder.
type osReader struct {
	root     string // set when files must stay inside it
	realRoot string
	dirs     sync.Map // folder → folder with symlinks resolved
}

func (o *osReader) ReadFile(loc string, max int64) ([]byte, error) {
	name := filepath.FromSlash(loc)
	if o.root != "" && o.realRoot != "" {
		real, err := o.realPath(name)
		if err != nil {
			return nil, err
		}
		if _, ok := within(o.realRoot, filepath.ToSlash(real)); !ok {
			return nil, fmt.Errorf("%w: it resolves to %s", ErrRefOutside, real)
		}
	}
	return readFile(name, max)
}

// realPath resolves symlinks in name. Each folder is resolved and listed
// once: a stat of every file costs about as much as parsing it.
func (o *osReader) realPath(name string) (string, error) {
	dir, base := filepath.Split(name)
	info, err := o.dir(filepath.Clean(dir))
	if err != nil {
		return "", err
	}
	if info.links[base] || !info.listed {
		return filepath.EvalSymlinks(name)
	}
	return filepath.Join(info.real, base), nil
}

// dir is what realPath knows of a folder: its real path and which of its
// entries are symlinks. A folder below the root is resolved from its
// parent's listing (no symlink there: the parent's real path and its
// name), so a spec of a few hundred folders costs a few hundred listings,
// not an lstat of every ancestor of every folder.
func (o *osReader) dir(dir string) (dirInfo, error) {
	if v, ok := o.dirs.Load(dir); ok {
		return v.(dirInfo), nil
	}
	info := dirInfo{links: map[string]bool{}}
	parent, base := filepath.Split(dir)
	parent = filepath.Clean(parent)
	if _, below := within(o.root, filepath.ToSlash(dir)); below && base != "" {
		p, err := o.dir(parent)
		if err != nil {
			return dirInfo{}, err
		}
		if p.listed && !p.links[base] {
			info.real = filepath.Join(p.real, base)
		}
	}
	if info.real == "" {
		real, err := filepath.EvalSymlinks(dir)
		if err != nil {
			return dirInfo{}, err
		}
		info.real = real
	}
	if entries, err := os.ReadDir(dir); err == nil {
		info.listed = true
		for _, e := range entries {
			if e.Type()&os.ModeSymlink != 0 {
				info.links[e.Name()] = true
			}
		}
	}
	v, _ := o.dirs.LoadOrStore(dir, info)
	return v.(dirInfo), nil
}

type dirInfo struct {
	real   string
	links  map[string]bool
	listed bool // links is known (the folder could be read)
}

func readLimited(r io.Reader, max int64) ([]byte, error) {
	var buf bytes.Buffer
	n, err := io.Copy(&buf, io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if n > max {
		return nil, ErrTooLarge
	}
	return buf.Bytes(), nil
}

func fetch(ctx context.Context, u string, max int64) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotFound {
		return nil, fs.ErrNotExist
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s", u, resp.Status)
	}
	return readLimited(resp.Body, max)
}

func invalidUTF8At(b []byte) (line, col int) {
	line, col = 1, 1
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return line, col
}

// yamlErrorPos pulls the position out of a YAML parse error of src and
// says what is wrong in plainer words where go-yaml's are cryptic.
func yamlErrorPos(src []byte, err error) (Pos, string) {
	var le *yaml.LoadError
	if !errors.As(err, &le) {
		var les *yaml.LoadErrors
		if errors.As(err, &les) && len(les.Errors) > 0 {
			le = les.Errors[0]
		}
	}
	if le == nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		var line int
		if _, scanErr := fmt.Sscanf(msg, "line %d:", &line); scanErr == nil {
			if _, rest, ok := strings.Cut(msg, ": "); ok {
				msg = rest
			}
		}
		return Pos{Line: line}, msg
	}
	pos := Pos{Line: le.Mark.Line, Col: le.Mark.Column}
	msg := le.Message
	if pos.Line == 0 {
		// The reader (control characters, encodings) gives only an offset.
		pos.Line, pos.Col = lineColAt(src, le.Mark.Index)
	}
	var char int
	if n, _ := fmt.Sscanf(msg, "control characters are not allowed (value: %d)", &char); n == 1 {
		msg = fmt.Sprintf("control character U+%04X is not allowed", char)
	}
	// The construct the error is in ("while scanning a quoted scalar").
	what := strings.TrimPrefix(strings.TrimPrefix(le.ContextMsg, "while parsing "), "while scanning ")
	what = strings.Replace(what, "quoted scalar", "quoted string", 1)
	ctx := le.ContextMark
	switch {
	case what == "" || ctx.Line == 0:
	case msg == "found unexpected end of stream":
		// The file ended inside it: where it starts is what to fix.
		pos = Pos{Line: ctx.Line, Col: ctx.Column}
		msg = what + " starts here and is never closed (" + msg + ")"
	case ctx.Line != pos.Line:
		msg += fmt.Sprintf(" (in %s that starts at line %d)", what, ctx.Line)
	}
	if i := offsetOf(src, pos.Line, pos.Col); i >= 0 && i < len(src) && src[i] == '\t' && !strings.Contains(msg, "tab") {
		msg += " (a tab: YAML indents with spaces only)"
	}
	return pos, msg
}

// lineColAt gives the 1-based line and column (in characters) of byte
// offset i of src.
func lineColAt(src []byte, i int) (line, col int) {
	i = min(max(i, 0), len(src))
	line = 1 + bytes.Count(src[:i], newline)
	start := bytes.LastIndexByte(src[:i], '\n') + 1
	return line, 1 + utf8.RuneCount(src[start:i])
}

// offsetOf is the byte offset of 1-based line and column (in characters)
// in src, or -1.
func offsetOf(src []byte, line, col int) int {
	if line < 1 || col < 1 {
		return -1
	}
	i := 0
	for ; line > 1; line-- {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			return -1
		}
		i += j + 1
	}
	for ; col > 1 && i < len(src); col-- {
		_, size := utf8.DecodeRune(src[i:])
		i += size
	}
	return i
}

// ReadValue reads the file an Example's externalValue (or another URI the
// document holds) names, relative to the file from which it is written,
// under the rules a $ref follows: inside the root's folder unless
// AllowExternal, never fetched from the network. It returns the file's
// bytes and its path for messages.
func (s *Spec) ReadValue(from *File, uri string) ([]byte, string, error) {
	if isURL(uri) || strings.Contains(strings.SplitN(uri, "#", 2)[0], "://") {
		return nil, "", fmt.Errorf("%q is a URL: only local files are inlined", uri)
	}
	uri, _, _ = strings.Cut(uri, "#")
	loc, err := s.l.locate(from, uri)
	if err != nil {
		return nil, "", fmt.Errorf("%q: %v", uri, describe(err))
	}
	data, err := s.l.opt.Reader.ReadFile(loc, s.l.opt.MaxFileSize)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, "", fmt.Errorf("%s: no such file", s.l.display(loc))
		}
		return nil, "", fmt.Errorf("read %s: %v", s.l.display(loc), err)
	}
	return data, s.l.display(loc), nil
}

// ParseValue parses data, a JSON or YAML file holding one value, with the
// loader's rules (YAML 1.2 scalars, JSON's types only).
func ParseValue(data []byte) (*yaml.Node, error) {
	doc, err := parseFastSafe(data)
	if err != nil {
		if doc, err = parseYAML(data); err != nil {
			pos, msg := yamlErrorPos(data, err)
			return nil, fmt.Errorf("line %d: %s", pos.Line, msg)
		}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null"}, nil
	}
	var fix func(n *yaml.Node)
	fix = func(n *yaml.Node) {
		if n.Kind == yaml.ScalarNode {
			coreScalar(n)
		}
		for _, c := range n.Content {
			fix(c)
		}
	}
	fix(doc.Content[0])
	return doc.Content[0], nil
}

// jsonError explains why a file meant as JSON (a .json name, or a first
// character that opens a JSON value) does not parse, in JSON's terms:
// YAML's message about a broken flow mapping helps nobody who wrote JSON.
func jsonError(name string, src []byte) (Pos, string, bool) {
	trimmed := bytes.TrimLeft(src, " \t\r\n")
	if !strings.EqualFold(path.Ext(name), ".json") && (len(trimmed) == 0 || trimmed[0] != '{' && trimmed[0] != '[') {
		return Pos{}, "", false
	}
	var v any
	err := json.Unmarshal(src, &v)
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		return Pos{}, "", false
	}
	// The offset is just past the byte that went wrong.
	line, col := lineColAt(src, int(se.Offset)-1)
	msg := strings.TrimPrefix(se.Error(), "invalid character ")
	if msg != se.Error() {
		msg = "unexpected character " + msg
	}
	return Pos{Line: line, Col: col}, msg, true
}
