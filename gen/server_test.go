package gen

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dospec/dospec/internal/testenv"
	"github.com/dospec/dospec/spec"
)

// TestServerExample generates the example spec's client together with a
// test that calls every operation against an httptest.Server checking the
// request the client sends (method, escaped path, query, headers, body)
// and answering with the spec's success example.
func TestServerExample(t *testing.T) {
	runServerTest(t, testenv.ExampleRoot(), "example")
}

// TestServerTiny covers what neither spec has: an event stream, a CSV
// result, a server with a path, required headers, a union body without an
// example, lists sent comma-separated, an object query parameter, a string
// result, and a server URL with variables (filled from arguments).
func TestServerTiny(t *testing.T) {
	root := filepath.Join(t.TempDir(), "openapi.yaml")
	if err := os.WriteFile(root, []byte(serverTinySpec), 0o644); err != nil {
		t.Fatal(err)
	}
	if known := runServerTest(t, root, "tiny"); known != 0 {
		t.Errorf("%d operations could not be called, want every one", known)
	}
}

const serverTinySpec = `openapi: 3.0.0
info: {title: Tiny, version: "1"}
servers:
  - url: https://api.example.com/base
paths:
  /v1/events/{since}:
    get:
      operationId: events_watch
      tags: [Events]
      parameters:
        - {name: since, in: path, required: true, schema: {type: string, format: date-time}}
        - {name: X-Trace, in: header, required: true, schema: {type: string}}
        - {name: kinds, in: query, explode: false, schema: {type: array, items: {type: string}}}
      responses:
        "200":
          description: events
          content:
            text/event-stream:
              schema: {type: string}
  /v1/reports/{id}.csv:
    get:
      operationId: reports_get
      tags: [Reports]
      servers:
        - url: https://files.example.com/v9/
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
        - {name: level, in: query, required: true, schema: {type: integer, enum: [1, 2]}}
        - {name: filter, in: query, schema: {type: object, properties: {a: {type: string}}}}
      responses:
        "200":
          description: a report
          content:
            text/csv:
              schema: {type: string, format: binary}
  /v1/shapes:
    post:
      operationId: shapes_create
      tags: [Shapes]
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/shape"}
      responses:
        "204": {description: done}
    put:
      operationId: shapes_replace
      tags: [Shapes]
      requestBody:
        content:
          application/json:
            schema:
              type: array
              items: {$ref: "#/components/schemas/shape"}
      responses:
        "200":
          description: counts by kind
          content:
            application/json:
              schema:
                type: object
                additionalProperties: {type: integer}
              example: {circle: 2}
  /v1/regions/current:
    get:
      operationId: regions_current
      tags: [Reports]
      servers:
        - url: https://{region}.example.com
          variables:
            region: {default: "{your-region}"}
      responses:
        "204": {description: there is one}
  /v1/names/first:
    get:
      operationId: names_first
      tags: [Shapes]
      responses:
        "200":
          description: the first name
          content:
            application/json:
              schema: {type: string}
              example: ann
  /v1/names:
    post:
      operationId: names_add
      tags: [Shapes]
      requestBody:
        required: true
        content:
          application/json:
            schema: {type: string}
      responses:
        "201":
          description: the names
          content:
            application/json:
              schema: {type: array, items: {type: string}}
components:
  schemas:
    shape:
      oneOf:
        - $ref: "#/components/schemas/circle"
        - $ref: "#/components/schemas/square"
      discriminator:
        propertyName: kind
        mapping:
          circle: "#/components/schemas/circle"
          square: "#/components/schemas/square"
    circle:
      type: object
      required: [kind]
      properties:
        kind: {type: string}
        r: {type: number}
    square:
      type: object
      required: [kind]
      properties:
        kind: {type: string}
        side: {type: number}
`

// runServerTest generates the client of root into a temp module with a
// test calling each operation once against its own httptest.Server, runs
// it offline and checks that every operation ran (see serverResults).
// It returns how many were known failures. The DigitalOcean spec runs
// through TestGenerateRealSpec instead, which compiles its client once for
// this and the examples.
func runServerTest(t *testing.T, root, pkg string) (known int) {
	start := time.Now()
	s, err := spec.Load(context.Background(), root, spec.Options{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := Build(s, Options{Package: pkg, Source: root})
	if err != nil {
		t.Fatal(err)
	}
	files, err := Emit(m)
	if err != nil {
		t.Fatal(err)
	}
	dir := writeModule(t, pkg, files)
	ops := writeServerTest(t, s, m, dir)
	out := goCmd(t, dir, "test", "-count=1", "-run", "^TestServer$", "-v", "./"+pkg+"/")
	known = serverResults(t, out, ops)
	t.Logf("(%s)", time.Since(start).Round(time.Second))
	return known
}

// writeServerTest writes server_test.go into the package m was emitted to
// under dir: one case per operation. It returns the number of operations.
func writeServerTest(t *testing.T, s *spec.Spec, m *Model, dir string) (ops int) {
	t.Helper()
	e, err := newEmitter(m)
	if err != nil {
		t.Fatal(err)
	}
	g := &serverGen{t: t, s: s, e: e}
	for _, svc := range m.Services {
		for _, o := range svc.Operations {
			g.operation(svc, o)
			ops++
		}
	}
	if err := os.WriteFile(filepath.Join(dir, m.Package, "server_test.go"), []byte(g.file(m.Package)), 0o644); err != nil {
		t.Fatal(err)
	}
	return ops
}

// serverResults reads the generated test's output: "SERVER OK" (the call
// succeeded, the server saw the request it expected), "SERVER KNOWN" (an
// operation whose server URL the client cannot use) or "SERVER FAIL". It
// fails t unless every one of ops operations ran and none failed, and
// returns how many were known failures.
func serverResults(t *testing.T, out string, ops int) (known int) {
	t.Helper()
	ok := 0
	var fails []string
	for _, line := range strings.Split(out, "\n") {
		switch {
		case strings.HasPrefix(line, "SERVER OK "):
			ok++
		case strings.HasPrefix(line, "SERVER KNOWN "):
			known++
		case strings.HasPrefix(line, "SERVER FAIL "):
			fails = append(fails, line)
		default:
			continue
		}
		t.Log(line)
	}
	t.Logf("%d operations: %d succeed, %d fail as known, %d fail", ops, ok, known, len(fails))
	for _, f := range fails {
		t.Error(f)
	}
	if ok+known+len(fails) != ops {
		t.Errorf("%d of %d operations ran:\n%s", ok+known+len(fails), ops, out)
	}
	return known
}

// serverGen writes the generated test: one case per operation.
type serverGen struct {
	t     *testing.T
	s     *spec.Spec
	e     *emitter
	cases strings.Builder // entries of srvCases
	funcs strings.Builder // the srvCallN functions
	n     int
}

// Values the test sends: a string path parameter needs escaping, a string
// query or header value needs encoding.
const (
	srvPathString  = "a b/c"
	srvQueryString = "x y&z"
	srvToken       = "test-token"
	srvRemaining   = 4711
	srvEvent       = `{"ok":true}`
	srvRawBody     = "raw body\x00\xff"
	srvRawResult   = "id,name\n1,a b\n"
)

// operation adds the case of o.
func (g *serverGen) operation(svc *Service, o *Operation) {
	g.n++
	name := g.e.serviceField(svc) + "." + o.Name
	op := specOperation(g.t, g.s, o)
	x := map[string]string{"method": strconv.Quote(o.Method)}
	var known string

	// Where the request goes.
	// Server variables are the first arguments; each gets a value that
	// fits a host name or a path.
	var args []string
	server := o.ServerURL
	for i, v := range o.ServerVars {
		val := fmt.Sprintf("sv%d.example.test", i)
		args = append(args, strconv.Quote(val))
		server = strings.ReplaceAll(server, "{"+v.WireName+"}", val)
	}
	host := ""
	prefix := ""
	if server != "" {
		u, err := url.Parse(server)
		if err != nil {
			known = fmt.Sprintf("the server URL %s cannot be used: %v", server, err)
		} else {
			host, prefix = u.Host, strings.TrimRight(u.EscapedPath(), "/")
		}
	}
	x["host"] = strconv.Quote(host)

	// Then path parameters, and required query and header ones.
	path := o.Path
	for _, p := range o.PathParams {
		v, ok := g.scalar(p.Type, srvPathString, 0)
		if !ok {
			g.t.Fatalf("%s: cannot make a value for path parameter %s of type %s", name, p.WireName, refString(p.Type))
		}
		args = append(args, v.expr)
		path = strings.ReplaceAll(path, "{"+p.WireName+"}", url.PathEscape(v.wire))
	}
	u, err := url.Parse(prefix + path)
	if err != nil {
		g.t.Fatalf("%s: path %s: %v", name, prefix+path, err)
	}
	x["path"] = strconv.Quote(u.EscapedPath())
	var query, header []string // Go expressions: "key": values
	addParam := func(p *Param, v paramVal) {
		if p.In == InHeader {
			header = append(header, fmt.Sprintf("{%q, %s}", p.WireName, v.wire))
		} else {
			query = append(query, fmt.Sprintf("{%q, %s}", p.WireName, v.wire))
		}
	}
	for _, p := range o.Required {
		v, ok := g.param(p)
		if !ok {
			g.t.Fatalf("%s: cannot make a value for parameter %s of type %s", name, p.WireName, refString(p.Type))
		}
		args = append(args, v.expr)
		addParam(p, v)
	}

	// The body.
	var stmts []string
	if o.Body != nil {
		stmts, args = g.body(o, op, stmts, args, x)
	}

	// One optional parameter: the first the test can make a value for,
	// preferring one that is not an object (whose zero value is not sent).
	if o.ParamsType != "" {
		params := "nil"
	pick:
		for _, objects := range []bool{false, true} {
			for _, p := range o.Optional {
				switch g.e.kind(p.Type) {
				case kindMap, kindStruct, kindUnion:
					if !objects {
						continue
					}
				}
				if v, ok := g.param(p); ok {
					params = fmt.Sprintf("&%s{%s: %s}", o.ParamsType, p.Name, v.expr)
					addParam(p, v)
					break pick
				}
			}
		}
		args = append(args, params)
	}
	x["query"] = "srvPairs{" + strings.Join(query, ", ") + "}"
	x["header"] = "srvPairs{" + strings.Join(header, ", ") + "}"

	// The answer and how the result is checked.
	call := fmt.Sprintf("c.%s.%s(%s)", g.e.serviceField(svc), o.Name, strings.Join(append([]string{"context.Background()"}, args...), ", "))
	code, media, example := successResponse(g.t, g.s, op)
	x["status"] = strconv.Itoa(code)
	switch {
	case o.Stream:
		x["respType"] = strconv.Quote("text/event-stream")
		x["resp"] = strconv.Quote("event: message\ndata: " + srvEvent + "\n\n")
		stmts = append(stmts,
			"st, resp, err := "+call,
			"if err != nil {\n\treturn err\n}",
			"defer st.Close()",
			map[bool]string{false: "ev, err := st.Next()", true: "_, ev, err := st.Next()"}[o.Event != nil],
			"if err != nil {\n\treturn err\n}",
			fmt.Sprintf("if ev.Data != %q {\n\treturn fmt.Errorf(\"event data %%q\", ev.Data)\n}", srvEvent),
			"return srvCheckRate(resp)")
	case o.Result == nil:
		stmts = append(stmts,
			"resp, err := "+call,
			"if err != nil {\n\treturn err\n}",
			"return srvCheckRate(resp)")
	case o.Result.Kind == Builtin && o.Result.Name == "[]byte":
		if media == "" || isJSON(media) {
			media = "application/octet-stream"
		}
		x["respType"] = strconv.Quote(media)
		x["resp"] = strconv.Quote(srvRawResult)
		stmts = append(stmts,
			"res, resp, err := "+call,
			"if err != nil {\n\treturn err\n}",
			fmt.Sprintf("if string(res) != %q {\n\treturn fmt.Errorf(\"result %%q\", res)\n}", srvRawResult),
			"return srvCheckRate(resp)")
	default:
		x["respType"] = strconv.Quote("application/json")
		zero := g.zeroJSON(*o.Result)
		if example == nil {
			example = []byte(zero)
		}
		x["resp"] = strconv.Quote(string(example))
		// The result must equal the example decoded on its own. An example
		// its own type rejects (a spec bug: a number past int64) cannot be
		// decoded by any client: the server answers with a zero value
		// instead, and says so; one that shares no field with its type
		// decodes to a zero value, which is noted too.
		typ := refString(*o.Result)
		wantExpr := "*want" // an envelope's method returns its one field
		if o.Unwrap != "" {
			wantExpr = "want." + o.Unwrap
		}
		stmts = append(stmts,
			"want := new("+typ+")",
			"if err := json.Unmarshal([]byte(x.resp), want); err != nil {",
			fmt.Sprintf("\tx.note = \"the example does not fit its type (\" + err.Error() + \"): answered \" + %q", zero),
			fmt.Sprintf("\tx.resp, want = %q, new(%s)", zero, typ),
			"\t_ = json.Unmarshal([]byte(x.resp), want)",
			"} else if !srvEmptyJSON(x.resp) && srvIsZero(want) {",
			"\tx.note = \"the example shares no field with its type: it decodes to a zero value\"",
			"}",
			"res, resp, err := "+call,
			"if err != nil {\n\treturn err\n}",
			"if !reflect.DeepEqual(reflect.Indirect(reflect.ValueOf(res)).Interface(), "+wantExpr+") {\n\treturn fmt.Errorf(\"the result %+v is not the answer decoded\", res)\n}",
			"return srvCheckRate(resp)")
	}
	if known != "" {
		x["known"] = strconv.Quote(known)
	}

	fmt.Fprintf(&g.funcs, "func srvCall%d(c *Client, x *srvExchange) error {\n%s\n}\n\n", g.n, strings.Join(stmts, "\n"))
	var fields []string
	for _, k := range []string{"method", "host", "path", "query", "header", "bodyType", "body", "raw", "status", "respType", "resp", "known"} {
		if v, ok := x[k]; ok {
			fields = append(fields, k+": "+v)
		}
	}
	fmt.Fprintf(&g.cases, "\t{%q, srvExchange{%s}, srvCall%d},\n", name, strings.Join(fields, ", "), g.n)
}

// body adds the statements that make the request body and its argument.
// It sends the spec's request example when there is one, else a zero
// value (a union gets its first variant).
func (g *serverGen) body(o *Operation, op *spec.Operation, stmts, args []string, x map[string]string) ([]string, []string) {
	ct := o.BodyType
	if ct == "" {
		ct = "application/json"
	}
	x["bodyType"] = strconv.Quote(ct)
	typ := refString(*o.Body)
	if o.Body.Kind == Builtin && o.Body.Name == "[]byte" {
		x["raw"] = "true"
		x["body"] = fmt.Sprintf("[]byte(%q)", srvRawBody)
		return stmts, append(args, fmt.Sprintf("[]byte(%q)", srvRawBody))
	}
	if ex := requestExample(g.t, g.s, op, o.BodyType); ex != nil {
		stmts = append(stmts,
			"var body "+typ,
			fmt.Sprintf("srvDecodeExample(%q, &body)", ex))
	} else {
		switch g.e.kind(*o.Body) {
		case kindAny:
			stmts = append(stmts, "var body any = map[string]any{}")
		case kindStruct, kindUnion, kindSlice, kindMap:
			stmts = append(stmts, "body := "+g.zeroExpr(*o.Body, 0))
		default:
			stmts = append(stmts, "var body "+typ)
		}
	}
	stmts = append(stmts,
		"sent, err := json.Marshal(body)",
		"if err != nil {\n\treturn fmt.Errorf(\"the body cannot be encoded: %w\", err)\n}",
		"x.body = sent")
	if g.e.bodyByPointer(o) {
		return stmts, append(args, "&body")
	}
	return stmts, append(args, "body")
}

// paramVal is a parameter value: a Go expression of the parameter's type
// and what travels, a Go expression of type []string (a query key's
// values, or a header's one value).
type paramVal struct {
	expr string
	wire string
}

// param makes a value for a query or header parameter.
func (g *serverGen) param(p *Param) (paramVal, bool) {
	switch g.e.kind(p.Type) {
	case kindSlice:
		elem, ok := g.e.sliceElem(p.Type)
		if !ok {
			return paramVal{}, false
		}
		a, ok1 := g.scalar(elem, srvQueryString, 0)
		b, ok2 := g.scalar(elem, srvQueryString, 1)
		if !ok1 || !ok2 {
			return paramVal{}, false
		}
		v := paramVal{expr: fmt.Sprintf("%s{%s, %s}", refString(p.Type), a.expr, b.expr)}
		if p.In == InQuery && p.Explode {
			v.wire = fmt.Sprintf("[]string{%q, %q}", a.wire, b.wire)
		} else {
			v.wire = fmt.Sprintf("[]string{%q}", a.wire+","+b.wire)
		}
		return v, true
	case kindMap, kindStruct, kindUnion:
		// Sent as JSON unless empty: what the zero value gives.
		expr := refString(p.Type) + "{}"
		return paramVal{expr: expr, wire: "srvJSONParam(" + expr + ")"}, true
	}
	v, ok := g.scalar(p.Type, srvQueryString, 0)
	if !ok {
		return paramVal{}, false
	}
	return paramVal{expr: v.expr, wire: fmt.Sprintf("[]string{%q}", v.wire)}, true
}

// scalarVal is a scalar value: a Go expression and its text on the wire.
type scalarVal struct{ expr, wire string }

// scalar makes a value of a scalar type: str for strings, the i-th of two
// distinct values otherwise (i is 0 or 1).
func (g *serverGen) scalar(r Ref, str string, i int) (scalarVal, bool) {
	if r.Kind == Named {
		t := g.e.types[r.Name]
		switch {
		case t == nil:
			return scalarVal{}, false
		case t.Kind == Alias:
			return g.scalar(t.Target, str, i)
		case t.Kind == Enum:
			v, ok := g.scalar(Ref{Kind: Builtin, Name: enumGoType(t)}, str, i)
			v.expr = r.Name + "(" + v.expr + ")"
			return v, ok
		}
		return scalarVal{}, false
	}
	if r.Kind != Builtin {
		return scalarVal{}, false
	}
	if i == 1 {
		str = "two"
	}
	switch r.Name {
	case "string":
		return scalarVal{strconv.Quote(str), str}, true
	case "any":
		return scalarVal{"any(" + strconv.Quote(str) + ")", str}, true
	case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64":
		n := strconv.Itoa(7 + i)
		return scalarVal{r.Name + "(" + n + ")", n}, true
	case "float32", "float64":
		f := []string{"1.5", "2.25"}[i]
		return scalarVal{r.Name + "(" + f + ")", f}, true
	case "bool":
		return scalarVal{"true", "true"}, true
	case "time.Time":
		d := 2 + i
		return scalarVal{fmt.Sprintf("time.Date(2024, 1, %d, 3, 4, 5, 0, time.UTC)", d), fmt.Sprintf("2024-01-%02dT03:04:05Z", d)}, true
	}
	return scalarVal{}, false
}

// zeroExpr is a Go expression of type r that encodes: the zero value,
// but with every required union set to its first variant (an unset union
// has nothing to encode).
func (g *serverGen) zeroExpr(r Ref, depth int) string {
	typ := refString(r)
	if r.Kind != Named || depth > 8 {
		switch g.e.kind(r) {
		case kindSlice, kindMap:
			return typ + "{}"
		}
		return "*new(" + typ + ")"
	}
	t := g.e.types[r.Name]
	switch t.Kind {
	case Alias:
		return g.zeroExpr(t.Target, depth+1)
	case Union:
		v := t.Variants[0]
		return fmt.Sprintf("%s{%s: srvPtr(%s)}", typ, v.Name, g.zeroExpr(v.Type, depth+1))
	case Struct:
		var fields []string
		for _, f := range t.Fields {
			if !f.Required || f.Pointer || f.Nullable {
				continue
			}
			switch g.e.kind(f.Type) {
			case kindUnion, kindStruct:
				if z := g.zeroExpr(f.Type, depth+1); !strings.HasSuffix(z, "{}") {
					fields = append(fields, f.Name+": "+z)
				}
			}
		}
		return typ + "{" + strings.Join(fields, ", ") + "}"
	}
	return "*new(" + typ + ")"
}

// zeroJSON is what the server answers for a result without an example.
func (g *serverGen) zeroJSON(r Ref) string {
	switch g.e.kind(r) {
	case kindSlice:
		return "[]"
	case kindMap, kindStruct, kindUnion, kindAny:
		return "{}"
	case kindTime:
		return `"2024-01-02T03:04:05Z"`
	}
	for range 64 {
		if r.Kind != Named || g.e.types[r.Name] == nil {
			break
		}
		t := g.e.types[r.Name]
		if t.Kind == Enum {
			r = Ref{Kind: Builtin, Name: enumGoType(t)}
			break
		}
		r = t.Target
	}
	switch r.Name {
	case "string":
		return `""`
	case "bool":
		return "false"
	}
	return "0"
}

// file is the generated test.
func (g *serverGen) file(pkg string) string {
	rn := g.e.m.RuntimeName
	return strings.NewReplacer("*Client", "*"+rn("Client"), "*Response", "*"+rn("Response")).Replace(g.fileText(pkg))
}

// fileText is file with the runtime's own names.
func (g *serverGen) fileText(pkg string) string {
	return "package " + pkg + `

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strconv"
	"testing"
	"time"
)

var (
	_ = time.Time{}
	_ = errors.New
)

// srvPairs are expected query or header values, in the order they are set.
type srvPairs []struct {
	key    string
	values []string
}

// srvExchange is one operation's expected request and the answer to it.
type srvExchange struct {
	method   string
	host     string // "" for the test server's
	path     string // escaped
	query    srvPairs
	header   srvPairs
	bodyType string // the Content-Type of the body; "" for no body
	body     []byte // the JSON (or, when raw, the bytes) sent
	raw      bool
	status   int
	respType string
	resp     string
	known    string // why the call cannot work, when it cannot
	note     string // how the answer differs from the spec's example
	errs     []string
}

func (x *srvExchange) failf(format string, a ...any) {
	x.errs = append(x.errs, fmt.Sprintf(format, a...))
}

func (x *srvExchange) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != x.method {
		x.failf("method %s, want %s", r.Method, x.method)
	}
	if p := r.URL.EscapedPath(); p != x.path {
		x.failf("path %s, want %s", p, x.path)
	}
	if r.Host != x.host {
		x.failf("host %s, want %s", r.Host, x.host)
	}
	want := url.Values{}
	for _, p := range x.query {
		if p.values != nil {
			want[p.key] = p.values
		}
	}
	if got := r.URL.Query(); (len(got) > 0 || len(want) > 0) && !reflect.DeepEqual(got, want) {
		x.failf("query %s, want %s", got.Encode(), want.Encode())
	}
	for _, h := range x.header {
		if got := r.Header.Values(h.key); !reflect.DeepEqual(got, h.values) && len(got)+len(h.values) > 0 {
			x.failf("header %s: %q, want %q", h.key, got, h.values)
		}
	}
	if got := r.Header.Get("Authorization"); got != "Bearer ` + srvToken + `" {
		x.failf("Authorization %q", got)
	}
	data, err := io.ReadAll(r.Body)
	if err != nil {
		x.failf("reading the body: %v", err)
	}
	ct := r.Header.Get("Content-Type")
	switch {
	case x.bodyType == "":
		if len(data) > 0 || ct != "" {
			x.failf("a body %q (%s) where none is expected", data, ct)
		}
	case ct != x.bodyType:
		x.failf("Content-Type %q, want %q", ct, x.bodyType)
	case x.raw:
		if !bytes.Equal(data, x.body) {
			x.failf("body %q, want %q", data, x.body)
		}
	case !srvSameJSON(data, x.body):
		x.failf("body %s, want %s", data, x.body)
	}
	w.Header().Set("ratelimit-remaining", strconv.Itoa(` + strconv.Itoa(srvRemaining) + `))
	if x.resp != "" {
		w.Header().Set("Content-Type", x.respType)
	}
	w.WriteHeader(x.status)
	io.WriteString(w, x.resp)
}

// srvTransport sends every request to the test server, whatever its host
// (operations with servers of their own), keeping the Host it was for.
type srvTransport struct {
	target *url.URL
	next   http.RoundTripper
}

func (t srvTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	if r.Host == "" {
		r.Host = r.URL.Host
	}
	r.URL.Scheme, r.URL.Host = t.target.Scheme, t.target.Host
	if r.Host == "" {
		r.Host = t.target.Host
	}
	return t.next.RoundTrip(r)
}

func srvSameJSON(a, b []byte) bool {
	var x, y any
	da := json.NewDecoder(bytes.NewReader(a))
	da.UseNumber()
	db := json.NewDecoder(bytes.NewReader(b))
	db.UseNumber()
	return da.Decode(&x) == nil && db.Decode(&y) == nil && reflect.DeepEqual(x, y)
}

func srvPtr[T any](v T) *T { return &v }

// srvDecodeExample decodes a spec example as a client would: fields the
// type lacks are dropped, and a value that does not fit is left zero.
func srvDecodeExample(data string, v any) {
	_ = json.Unmarshal([]byte(data), v)
}

// srvJSONParam is how an object parameter travels: as JSON, unless empty.
func srvJSONParam(v any) []string {
	data, err := json.Marshal(v)
	if err != nil || string(data) == "null" || string(data) == "{}" {
		return nil
	}
	return []string{string(data)}
}

func srvEmptyJSON(s string) bool {
	return s == "" || s == "{}" || s == "[]" || s == "null" || s == ` + "`\"\"`" + ` || s == "0" || s == "false"
}

func srvIsZero(v any) bool {
	r := reflect.ValueOf(v)
	for r.IsValid() && (r.Kind() == reflect.Pointer || r.Kind() == reflect.Interface) {
		if r.IsNil() {
			return true
		}
		r = r.Elem()
	}
	return !r.IsValid() || r.IsZero()
}

func srvCheckRate(resp *Response) error {
	if resp == nil {
		return errors.New("no *Response")
	}
	if resp.Rate.Remaining != ` + strconv.Itoa(srvRemaining) + ` {
		return fmt.Errorf("Rate.Remaining %d, want ` + strconv.Itoa(srvRemaining) + `", resp.Rate.Remaining)
	}
	return nil
}

var srvCases = []struct {
	name string
	x    srvExchange
	call func(*Client, *srvExchange) error
}{
` + g.cases.String() + `}

func TestServer(t *testing.T) {
	for _, c := range srvCases {
		x := c.x
		srv := httptest.NewServer(&x)
		target, _ := url.Parse(srv.URL)
		if x.host == "" {
			x.host = target.Host
		}
		client := NewClient(WithBaseURL(srv.URL), WithToken("` + srvToken + `"), WithRetries(0),
			WithHTTPClient(&http.Client{Transport: srvTransport{target, srv.Client().Transport}}))
		err := c.call(client, &x)
		srv.Close()
		where := x.method + " " + x.path
		q := url.Values{}
		for _, p := range x.query {
			if p.values != nil {
				q[p.key] = p.values
			}
		}
		if e := q.Encode(); e != "" {
			where += "?" + e
		}
		switch {
		case x.known != "" && (err != nil || len(x.errs) > 0):
			fmt.Printf("SERVER KNOWN %s %s: %s (%v)\n", c.name, where, x.known, err)
		case err != nil || len(x.errs) > 0:
			fmt.Printf("SERVER FAIL %s %s: err=%v; %q\n", c.name, where, err, x.errs)
			t.Fail()
		case x.note != "":
			fmt.Printf("SERVER OK %s %s -> %d; %s\n", c.name, where, x.status, x.note)
		default:
			fmt.Printf("SERVER OK %s %s -> %d\n", c.name, where, x.status)
		}
	}
}

` + g.funcs.String()
}

// specOperation finds the spec operation of o.
func specOperation(t *testing.T, s *spec.Spec, o *Operation) *spec.Operation {
	for _, c := range s.Index().Operations {
		if strings.ToUpper(c.Method) == o.Method && c.Path == o.Path {
			return c
		}
	}
	t.Fatalf("no operation %s %s", o.Method, o.Path)
	return nil
}

// mediaExample is a media type object's example as JSON: example, else the
// first of examples; nil when there is none.
func mediaExample(t *testing.T, s *spec.Spec, media spec.Node) []byte {
	if ex, ok := s.Field(media, "example"); ok {
		return toJSON(t, s, ex)
	}
	if exs, ok := s.Field(media, "examples"); ok {
		for i := 1; i < len(exs.Content); i += 2 {
			if e, err := s.Deref(spec.Node{File: exs.File, Node: exs.Content[i]}); err == nil {
				if v, ok := s.Field(e, "value"); ok {
					return toJSON(t, s, v)
				}
			}
		}
	}
	return nil
}

// requestExample is the example of op's request body in media type mt.
func requestExample(t *testing.T, s *spec.Spec, op *spec.Operation, mt string) []byte {
	body, ok := s.Field(op.Node, "requestBody")
	if !ok {
		return nil
	}
	content, ok := s.Field(body, "content")
	if !ok {
		return nil
	}
	media, ok := s.Field(content, mt)
	if !ok {
		return nil
	}
	return mediaExample(t, s, media)
}

// successResponse is the status the server answers op with (the first
// 2xx with content, as Build picks the result, else the first 2xx, else
// 200), its media type and example.
func successResponse(t *testing.T, s *spec.Spec, op *spec.Operation) (int, string, []byte) {
	first := 0
	resps, ok := s.Field(op.Node, "responses")
	if !ok {
		return 200, "", nil
	}
	for i := 0; i+1 < len(resps.Content); i += 2 {
		code, err := strconv.Atoi(resps.Content[i].Value)
		if err != nil || code < 200 || code > 299 {
			continue
		}
		if first == 0 {
			first = code
		}
		r, err := s.Deref(spec.Node{File: resps.File, Node: resps.Content[i+1]})
		if err != nil {
			continue
		}
		content, ok := s.Field(r, "content")
		if !ok || len(content.Content) < 2 {
			continue
		}
		mt := pickMedia(content.Node)
		media, _ := s.Field(content, mt)
		return code, mt, mediaExample(t, s, media)
	}
	if first == 0 {
		first = 200
	}
	return first, "", nil
}
