package gen

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/dave/jennifer/jen"
)

// runtimeSource is the runtime every generated client carries, written as
// ordinary Go in gen/runtime (with its own tests). Emit takes its
// declarations as written, renames the package, replaces the ones that
// depend on the model (modelDecls) and drops the optional ones nothing
// uses (optionalDecls).
//
//go:embed runtime/runtime.go
var runtimeSource string

// rtDecl is one top-level declaration of the runtime source.
type rtDecl struct {
	key  string // its name; Type.Method for a method; a const block by its first name
	recv string // the receiver's type, for a method
	text string // as written, with its doc comment
	// names it declares at package level (none for a method).
	names []string
}

// runtimeDecls parses runtimeSource once.
var runtimeDecls = sync.OnceValues(func() ([]rtDecl, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "runtime.go", runtimeSource, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, fmt.Errorf("gen: the embedded runtime: %w", err)
	}
	off := func(p token.Pos) int { return fset.Position(p).Offset }
	var out []rtDecl
	for _, d := range f.Decls {
		var r rtDecl
		start := d.Pos()
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Doc != nil {
				start = d.Doc.Pos()
			}
			r.key = d.Name.Name
			if d.Recv != nil && len(d.Recv.List) == 1 {
				r.recv = recvName(d.Recv.List[0].Type)
				r.key = r.recv + "." + d.Name.Name
			} else {
				r.names = []string{d.Name.Name}
			}
		case *ast.GenDecl:
			if d.Tok == token.IMPORT {
				continue
			}
			if d.Doc != nil {
				start = d.Doc.Pos()
			}
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					r.names = append(r.names, s.Name.Name)
				case *ast.ValueSpec:
					for _, n := range s.Names {
						r.names = append(r.names, n.Name)
					}
				}
			}
			if len(r.names) == 0 {
				return nil, fmt.Errorf("gen: the embedded runtime: a declaration at %s names nothing", fset.Position(d.Pos()))
			}
			r.key = r.names[0]
		}
		r.text = runtimeSource[off(start):off(d.End())]
		out = append(out, r)
	}
	return out, nil
})

// recvName is the type of a method receiver: *EventStream → EventStream,
// Nullable[T] → Nullable.
func recvName(x ast.Expr) string {
	for {
		switch t := x.(type) {
		case *ast.StarExpr:
			x = t.X
		case *ast.IndexExpr:
			x = t.X
		case *ast.IndexListExpr:
			x = t.X
		case *ast.Ident:
			return t.Name
		default:
			return ""
		}
	}
}

// runtimeNameLists are the package-level names the runtime declares,
// exported and not, from its source.
func runtimeNameLists() (exported, hidden []string) {
	decls, err := runtimeDecls()
	if err != nil {
		panic(err) // the embedded file is part of the binary: tests parse it
	}
	for _, d := range decls {
		for _, n := range d.names {
			if token.IsExported(n) {
				exported = append(exported, n)
			} else {
				hidden = append(hidden, n)
			}
		}
	}
	return exported, hidden
}

// optionalDecls are the runtime declarations a client carries only when
// its types or services use them (emitter.used), by the flag that says so;
// a method goes with its receiver's type.
var optionalDecls = map[string]string{
	"pathParam":        "pathParam",
	"serverURL":        "serverURL",
	"nextPage":         "nextPage",
	"linksOf":          "linkHeader",
	"setParam":         "setParam",
	"addList":          "addList",
	"setJSONParam":     "setJSONParam",
	"cursorValue":      "cursorValue",
	"countSet":         "union",
	"marshalVariant":   "union",
	"isNullJSON":       "union",
	"discriminatorOf":  "discriminated",
	"unmarshalVariant": "unmarshalVariant",
	"tryVariant":       "undiscriminated",
	"looseVariant":     "loose",
	"ErrorBody":        "typedError",
	"typedError":       "typedError",
	"EventStreamOf":    "typedStream",
	"hasKeys":          "hasKeys",
}

// modelDecls are the runtime declarations that depend on the model,
// rendered from it in place of the runtime source's; "" drops one (the
// defaults block, which DefaultBaseURL's rendering carries).
func (e *emitter) modelDecls() map[string]jen.Code {
	return map[string]jen.Code{
		"DefaultBaseURL":   e.rtDefaults(),
		"defaultUserAgent": nil,
		"Client":           e.rtClientType(),
		"NewClient":        e.rtNewClient(),
		"newResponse":      rtNewResponse(e.used["linkHeader"]),
	}
}

// importPaths are the standard library packages the runtime may use, by
// the name it uses them under.
var importPaths = map[string]string{
	"bufio": "bufio", "bytes": "bytes", "context": "context", "json": "encoding/json", "errors": "errors",
	"fmt": "fmt", "io": "io", "iter": "iter", "rand": "math/rand/v2", "http": "net/http", "url": "net/url",
	"strconv": "strconv", "strings": "strings", "time": "time", "reflect": "reflect",
}

// clientSource renders client.go: the package comment, the imports its
// declarations use, and the runtime's declarations in their order. Call it
// after the types and service files are built: it leaves out helpers
// nothing used.
func (e *emitter) clientSource() ([]byte, error) {
	decls, err := runtimeDecls()
	if err != nil {
		return nil, err
	}
	models := e.modelDecls()
	var body strings.Builder
	for _, d := range decls {
		owner := d.key
		if d.recv != "" {
			owner = d.recv
		}
		if flag, ok := optionalDecls[owner]; ok && !e.used[flag] {
			continue
		}
		text := d.text
		if code, ok := models[d.key]; ok {
			if code == nil {
				continue
			}
			text = fmt.Sprintf("%#v", code)
		}
		body.WriteString(text)
		body.WriteString("\n\n")
	}
	title := strings.Join(strings.Fields(e.m.Title), " ")
	doc := "// Package " + e.m.Package + " is a client for an HTTP API, generated from its OpenAPI spec."
	if title != "" {
		doc = "// Package " + e.m.Package + " is a client for the " + title + ", generated from its OpenAPI spec."
	}
	head := "// " + e.header() + "\n\n" + doc + "\npackage " + e.m.Package + "\n\n"
	imports, err := usedImports(head + body.String())
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	b.WriteString(head)
	if len(imports) > 0 {
		b.WriteString("import (\n")
		for _, p := range imports {
			b.WriteString("\t" + strconv.Quote(p) + "\n")
		}
		b.WriteString(")\n\n")
	}
	b.WriteString(body.String())
	return []byte(b.String()), nil
}

// usedImports are the import paths of the packages src refers to, sorted:
// selectors on a name no declaration in scope gives (url.Values, not a
// parameter named url).
func usedImports(src string) ([]string, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "client.go", src, 0)
	if err != nil {
		return nil, fmt.Errorf("gen: client.go: %w", err)
	}
	seen := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		if s, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := s.X.(*ast.Ident); ok && id.Obj == nil && unicode.IsLower(rune(id.Name[0])) {
				if p, ok := importPaths[id.Name]; ok {
					seen[p] = true
				}
			}
		}
		return true
	})
	var out []string
	for p := range seen {
		out = append(out, p)
	}
	sort.Strings(out)
	return out, nil
}
