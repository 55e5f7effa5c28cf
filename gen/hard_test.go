package gen

import (
	"fmt"
	"strings"
	"testing"
)

// Schemas that reach themselves through an array's items, a map's values
// or an allOf of one member build (no stack overflow) into types Go can
// declare, and decode nested JSON.
func TestRecursiveSchemas(t *testing.T) {
	m := buildTinySpec(t, `openapi: 3.0.0
info: {title: T, version: "1"}
paths:
  /trees:
    get:
      operationId: trees_get
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Holder"}
components:
  schemas:
    RecursiveArray:
      type: array
      items: {$ref: "#/components/schemas/RecursiveArray"}
    RecursiveMap:
      type: object
      additionalProperties: {$ref: "#/components/schemas/RecursiveMap"}
    SelfAllOf:
      allOf: [{$ref: "#/components/schemas/SelfAllOf"}]
    PingA:
      type: array
      items: {$ref: "#/components/schemas/PingB"}
    PingB:
      type: object
      additionalProperties: {$ref: "#/components/schemas/PingA"}
    Holder:
      type: object
      properties:
        array: {$ref: "#/components/schemas/RecursiveArray"}
        map: {$ref: "#/components/schemas/RecursiveMap"}
        self: {$ref: "#/components/schemas/SelfAllOf"}
        ping: {$ref: "#/components/schemas/PingA"}
`)
	kinds := map[string]TypeKind{}
	for _, ty := range m.Types {
		kinds[ty.Name] = ty.Kind
	}
	if kinds["RecursiveArray"] != Defined || kinds["RecursiveMap"] != Defined {
		t.Errorf("recursive array and map: kinds %v, want Defined", kinds)
	}
	out := runInModule(t, m, `package tiny

import (
	"encoding/json"
	"testing"
)

func TestNested(t *testing.T) {
	in := `+"`"+`{"array":[[],[[]]],"map":{"a":{"b":{}}},"self":1,"ping":[{"x":[]}]}`+"`"+`
	var h Holder
	if err := json.Unmarshal([]byte(in), &h); err != nil {
		t.Fatal(err)
	}
	if len(h.Array) != 2 || len(h.Array[1]) != 1 || len(h.Map["a"]["b"]) != 0 || len(h.Ping[0]["x"]) != 0 {
		t.Fatalf("decoded %+v", h)
	}
	out, _ := json.Marshal(h)
	if string(out) != in {
		t.Fatalf("round trip: %s, want %s", out, in)
	}
}
`)
	if !strings.Contains(out, "ok") {
		t.Fatal(out)
	}
}

// Property and parameter names that cannot stand in a struct tag ("", a
// backquote, a quote) are not refused: the fields travel through
// MarshalJSON/UnmarshalJSON, the parameters under their names. (BQ stands
// for a backquote below.)
func TestOddNames(t *testing.T) {
	bq := func(s string) string { return strings.ReplaceAll(s, "BQ", "`") }
	m := buildTinySpec(t, bq(`openapi: 3.0.0
info: {title: T, version: "1"}
paths:
  /odd/{"p}:
    post:
      operationId: odd_post
      parameters:
        - {name: '"p', in: path, required: true, schema: {type: string}}
        - {name: 'BQq', in: query, schema: {type: integer}}
        - {name: 'BQh', in: header, required: true, schema: {type: string}}
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Odd"}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Odd"}
components:
  schemas:
    Odd:
      type: object
      required: [""]
      properties:
        "": {type: string}
        'BQtick': {type: integer}
        '"quote': {type: array, items: {type: string}}
        plain: {type: boolean}
`))
	runInModule(t, m, bq(`package tiny

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestOdd(t *testing.T) {
	var v Odd
	in := "{\"\":\"e\",\"BQtick\":3,\"\\\"quote\":[\"a\"],\"plain\":true}"
	if err := json.Unmarshal([]byte(in), &v); err != nil {
		t.Fatal(err)
	}
	if v.X != "e" || v.Tick != 3 || len(v.Quote) != 1 || !v.Plain.Set || !v.Plain.Value {
		t.Fatalf("decoded %+v", v)
	}
	out, _ := json.Marshal(v)
	if want := "{\"\":\"e\",\"\\\"quote\":[\"a\"],\"BQtick\":3,\"plain\":true}"; string(out) != want {
		t.Fatalf("encoded %s, want %s", out, want)
	}
	out, _ = json.Marshal(Odd{})
	if string(out) != "{\"\":\"\"}" {
		t.Fatalf("zero encoded %s", out)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if r.URL.EscapedPath() != "/odd/x" || r.URL.Query().Get("BQq") != "7" || r.Header.Get("BQh") != "hv" {
			t.Errorf("got %s %v %v", r.URL, r.URL.Query(), r.Header)
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	}))
	defer srv.Close()
	c := NewClient(WithBaseURL(srv.URL))
	got, _, err := c.Default.Post(context.Background(), "x", "hv", &Odd{X: "e", Tick: 3}, &DefaultPostParams{Q: 7})
	if err != nil {
		t.Fatal(err)
	}
	if got.X != "e" || got.Tick != 3 {
		t.Fatalf("round trip through the server: %+v", got)
	}
}
`))
}

// Enum constants share Go's namespace with types: when a value's constant
// would take a type's name (enum SourceType's "ach_credit_transfer" beside a
// schema SourceTypeAchCreditTransfer), the type keeps it and the constant
// gets a Value suffix; the package builds.
func TestEnumConstantMeetsType(t *testing.T) {
	m := buildTinySpec(t, `openapi: 3.0.0
info: {title: T, version: "1"}
paths:
  /sources:
    get:
      operationId: sources_get
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/source"}
components:
  schemas:
    source_type:
      type: string
      enum: [ach_credit_transfer, card, card_value]
    source_type_ach_credit_transfer:
      type: object
      properties:
        account: {type: string}
    source_type_card:
      type: object
      properties:
        last4: {type: string}
    source:
      type: object
      properties:
        type: {$ref: "#/components/schemas/source_type"}
        ach_credit_transfer: {$ref: "#/components/schemas/source_type_ach_credit_transfer"}
        card: {$ref: "#/components/schemas/source_type_card"}
`)
	var got []string
	for _, ty := range m.Types {
		if ty.Name == "SourceType" {
			for _, v := range ty.Values {
				got = append(got, v.Name)
			}
		}
	}
	want := "SourceTypeAchCreditTransferValue SourceTypeCardValue2 SourceTypeCardValue"
	if strings.Join(got, " ") != want {
		t.Errorf("constants %v, want %s", got, want)
	}
	runInModule(t, m, `package tiny

import "testing"

func TestNames(t *testing.T) {
	var s Source
	s.Type = SourceTypeAchCreditTransferValue
	s.AchCreditTransfer = SourceTypeAchCreditTransfer{Account: "a"}
	if !s.Type.Known() || SourceTypeCardValue2 != "card" || SourceTypeCardValue != "card_value" {
		t.Fatal(s)
	}
}
`)
}

// An OpenAPI 3.1 type list (type: [integer, string]) is a union that
// decodes every listed type, not the first type alone.
func TestTypeList(t *testing.T) {
	m := buildTinySpec(t, `openapi: 3.1.0
info: {title: T, version: "1"}
paths:
  /ids:
    get:
      operationId: ids_get
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Thing"}
components:
  schemas:
    Thing:
      type: object
      properties:
        id: {type: [integer, string]}
        many: {type: [number, integer, "null"]}
        list: {type: [array, boolean], items: {type: string}}
`)
	runInModule(t, m, `package tiny

import (
	"encoding/json"
	"testing"
)

func TestDecodeEvery(t *testing.T) {
	for _, in := range []string{
		`+"`"+`{"id":"abc","many":1.5,"list":true}`+"`"+`,
		`+"`"+`{"id":42,"many":7,"list":["a"]}`+"`"+`,
		`+"`"+`{"id":1,"many":null}`+"`"+`,
	} {
		var v Thing
		if err := json.Unmarshal([]byte(in), &v); err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		out, err := json.Marshal(v)
		if err != nil || string(out) != in {
			t.Errorf("round trip %s: %s %v", in, out, err)
		}
	}
	var v Thing
	json.Unmarshal([]byte(`+"`"+`{"id":"abc","many":7}`+"`"+`), &v)
	if v.ID.String == nil || *v.ID.String != "abc" || v.ID.Int64 != nil || v.Many.Value.Int64 == nil || *v.Many.Value.Int64 != 7 {
		t.Fatalf("variants: %+v", v)
	}
}
`)
}

// A oneOf without a discriminator whose variants each fix one property to
// another value (OpenAI's chat messages: role is "developer", "system",
// "user", as an enum of one value or a const) picks the variant by that
// property, not the first that decodes.
func TestImplicitDiscriminator(t *testing.T) {
	m := buildTinySpec(t, `openapi: 3.1.0
info: {title: T, version: "1"}
paths:
  /chat:
    post:
      operationId: chat_post
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Message"}
      responses:
        "204": {description: ok}
components:
  schemas:
    Message:
      oneOf:
        - $ref: "#/components/schemas/Developer"
        - $ref: "#/components/schemas/System"
        - $ref: "#/components/schemas/User"
    Developer:
      type: object
      required: [role, content]
      properties:
        content: {type: string}
        role: {type: string, enum: [developer]}
        name: {type: string}
    System:
      type: object
      required: [role, content]
      properties:
        content: {type: string}
        role: {type: string, enum: [system]}
        name: {type: string}
    User:
      type: object
      required: [role, content]
      properties:
        content: {type: string}
        role: {const: user}
        name: {type: string}
`)
	for _, ty := range m.Types {
		if ty.Name == "Message" && ty.Discriminator != "role" {
			t.Errorf("Message: discriminator %q, want role", ty.Discriminator)
		}
	}
	runInModule(t, m, `package tiny

import (
	"encoding/json"
	"testing"
)

func TestPick(t *testing.T) {
	for in, want := range map[string]string{
		`+"`"+`{"role":"developer","content":"a"}`+"`"+`: "developer",
		`+"`"+`{"role":"system","content":"a","name":"n"}`+"`"+`: "system",
		`+"`"+`{"role":"user","content":"a"}`+"`"+`: "user",
	} {
		var m Message
		if err := json.Unmarshal([]byte(in), &m); err != nil {
			t.Fatal(err)
		}
		got := ""
		switch {
		case m.Developer != nil:
			got = "developer"
		case m.System != nil:
			got = "system"
		case m.User != nil:
			got = "user"
		}
		if got != want {
			t.Errorf("%s decoded as %q, want %q", in, got, want)
		}
		out, _ := json.Marshal(m)
		var a, b any
		json.Unmarshal(out, &a)
		json.Unmarshal([]byte(in), &b)
		if ja, _ := json.Marshal(a); string(ja) != func() string { jb, _ := json.Marshal(b); return string(jb) }() {
			t.Errorf("round trip %s: %s", in, out)
		}
	}
}
`)
}

// An undiscriminated oneOf passes over a variant whose required keys are
// missing, and picks by the JSON type.
func TestOneOfRequiredKeys(t *testing.T) {
	m := buildTinySpec(t, `openapi: 3.0.0
info: {title: T, version: "1"}
paths:
  /x:
    post:
      operationId: x_post
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Pick"}
      responses:
        "204": {description: ok}
components:
  schemas:
    Pick:
      oneOf:
        - $ref: "#/components/schemas/Full"
        - $ref: "#/components/schemas/Short"
        - type: string
    Full:
      type: object
      required: [a, b]
      properties:
        a: {type: integer}
        b: {type: integer}
    Short:
      type: object
      properties:
        a: {type: integer}
        b: {type: integer}
`)
	runInModule(t, m, `package tiny

import (
	"encoding/json"
	"testing"
)

func TestPick(t *testing.T) {
	var p Pick
	json.Unmarshal([]byte(`+"`"+`{"a":1}`+"`"+`), &p)
	if p.Short == nil || p.Full != nil {
		t.Errorf("{a}: %+v", p)
	}
	json.Unmarshal([]byte(`+"`"+`{"a":1,"b":2}`+"`"+`), &p)
	if p.Full == nil {
		t.Errorf("{a,b}: %+v", p)
	}
	json.Unmarshal([]byte(`+"`"+`"s"`+"`"+`), &p)
	if p.String == nil || *p.String != "s" {
		t.Errorf("string: %+v", p)
	}
}
`)
}

// The error responses an operation declares are decoded into their types,
// reachable with errors.As beside the *Error, which keeps the status and
// the raw body; a body without a reason takes the response's description.
func TestTypedErrors(t *testing.T) {
	m := buildTinySpec(t, `openapi: 3.0.0
info: {title: T, version: "1"}
paths:
  /send:
    post:
      operationId: send_post
      responses:
        "200": {description: ok}
        "400":
          description: Bad request, see description.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Error"}
        "404": {description: The chat was not found.}
        5XX:
          description: Server trouble.
          content:
            application/json:
              schema:
                type: object
                properties:
                  trace: {type: string}
        default:
          description: Anything else.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Error"}
components:
  schemas:
    Error:
      type: object
      required: [ok, error_code, description]
      properties:
        ok: {type: boolean}
        error_code: {type: integer}
        description: {type: string}
`)
	runInModule(t, m, `package tiny

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestErrors(t *testing.T) {
	status, body := 0, ""
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if body != "" {
			w.Header().Set("Content-Type", "application/json")
		}
		w.WriteHeader(status)
		w.Write([]byte(body))
	}))
	defer srv.Close()
	c := NewClient(WithBaseURL(srv.URL), WithRetries(0))
	call := func(s int, b string) error {
		status, body = s, b
		_, err := c.Default.Post(context.Background())
		return err
	}

	err := call(400, `+"`"+`{"ok":false,"error_code":400,"description":"Bad Request: chat_id is empty"}`+"`"+`)
	var typed *ErrorBody[Error]
	if !errors.As(err, &typed) || typed.Body.ErrorCode != 400 || typed.Body.Description != "Bad Request: chat_id is empty" {
		t.Fatalf("400: %v (%T)", err, err)
	}
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 400 || string(apiErr.Body) == "" || apiErr.Message != "Bad Request: chat_id is empty" {
		t.Fatalf("400 as *Error: %+v", apiErr)
	}

	err = call(404, "")
	if !errors.As(err, &apiErr) || apiErr.Message != "The chat was not found." {
		t.Fatalf("404: %v", err)
	}

	err = call(503, `+"`"+`{"trace":"x1"}`+"`"+`)
	var server *ErrorBody[DefaultPostError5XX]
	if !errors.As(err, &server) || server.Body.Trace != "x1" || server.Err.Message != "Server trouble." {
		t.Fatalf("503: %v (%T)", err, err)
	}

	err = call(418, `+"`"+`{"ok":false,"error_code":418,"description":"teapot"}`+"`"+`)
	if !errors.As(err, &typed) || typed.Body.ErrorCode != 418 {
		t.Fatalf("418 (default): %v (%T)", err, err)
	}
}
`)
}

// Rate limits are read from ratelimit-* and x-ratelimit-* headers (a reset
// in seconds from now or as a Unix time), and a 429's Retry-After in
// seconds or as an HTTP date sets the wait before the retry.
func TestRateLimits(t *testing.T) {
	m := buildTinySpec(t, `openapi: 3.0.0
info: {title: T, version: "1"}
paths:
  /x:
    get:
      operationId: x_get
      responses:
        "204": {description: ok}
`)
	runInModule(t, m, `package tiny

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func TestRate(t *testing.T) {
	var set func(h http.Header)
	calls := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		set(w.Header())
		if calls == 1 && w.Header().Get("Retry-After") != "" {
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	c := NewClient(WithBaseURL(srv.URL))
	ctx := context.Background()

	set = func(h http.Header) {
		h.Set("X-RateLimit-Limit", "5000")
		h.Set("X-RateLimit-Remaining", "4999")
		h.Set("X-RateLimit-Reset", "1700000000")
	}
	resp, err := c.Default.Get(ctx)
	if err != nil || resp.Rate.Limit != 5000 || resp.Rate.Remaining != 4999 || !resp.Rate.Reset.Equal(time.Unix(1700000000, 0)) {
		t.Fatalf("x-ratelimit: %+v %v", resp.Rate, err)
	}

	set = func(h http.Header) {
		h.Set("RateLimit-Limit", "100, 100;w=60")
		h.Set("RateLimit-Remaining", "7")
		h.Set("RateLimit-Reset", "30")
	}
	resp, err = c.Default.Get(ctx)
	if until := time.Until(resp.Rate.Reset); err != nil || resp.Rate.Limit != 100 || resp.Rate.Remaining != 7 || until < 25*time.Second || until > 31*time.Second {
		t.Fatalf("ratelimit (delta): %+v %v", resp.Rate, err)
	}

	for _, after := range []func() string{
		func() string { return "1" },
		func() string { return time.Now().Add(2 * time.Second).UTC().Format(http.TimeFormat) },
	} {
		calls = 0
		set = func(h http.Header) { h.Set("Retry-After", after()) }
		start := time.Now()
		if _, err := c.Default.Get(ctx); err != nil || calls != 2 {
			t.Fatalf("Retry-After: %d calls, %v", calls, err)
		}
		if took := time.Since(start); took < 500*time.Millisecond {
			t.Errorf("Retry-After: retried after %v", took)
		}
	}
}
`)
}

// A list operation whose response declares a Link header (GitHub) gets an
// iterator that follows rel="next" (RFC 8288), over a result that is the
// list or holds one; Response.Links has the header's targets.
func TestLinkHeaderPages(t *testing.T) {
	m := buildTinySpec(t, `openapi: 3.0.0
info: {title: T, version: "1"}
paths:
  /issues:
    get:
      operationId: issues/list
      tags: [issues]
      parameters:
        - {name: page, in: query, schema: {type: integer}}
      responses:
        "200":
          description: ok
          headers:
            Link: {$ref: "#/components/headers/link"}
          content:
            application/json:
              schema:
                type: array
                items: {type: object, properties: {n: {type: integer}}}
  /runs:
    get:
      operationId: actions/list-runs
      tags: [actions]
      responses:
        "200":
          description: ok
          headers:
            link: {schema: {type: string}}
          content:
            application/json:
              schema:
                type: object
                properties:
                  total_count: {type: integer}
                  runs: {type: array, items: {type: integer}}
components:
  headers:
    link:
      schema: {type: string}
`)
	runInModule(t, m, `package tiny

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestWalk(t *testing.T) {
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		page := r.URL.Query().Get("page")
		if page == "" {
			page = "1"
		}
		next := map[string]string{"1": "2", "2": "3"}[page]
		if next != "" {
			w.Header().Set("Link", fmt.Sprintf(`+"`"+`<%s%s?page=%s&x=a,b>; rel="next", <%s%s?page=3>; rel="last"`+"`"+`, srv.URL, r.URL.Path, next, srv.URL, r.URL.Path))
		}
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path == "/runs" {
			fmt.Fprintf(w, `+"`"+`{"total_count":3,"runs":[%s]}`+"`"+`, page)
			return
		}
		fmt.Fprintf(w, `+"`"+`[{"n":%s},{"n":%s}]`+"`"+`, page, page)
	}))
	defer srv.Close()
	c := NewClient(WithBaseURL(srv.URL))
	ctx := context.Background()

	var got []int64
	for it, err := range c.Issues.ListAll(ctx, nil) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, it.N)
	}
	if fmt.Sprint(got) != "[1 1 2 2 3 3]" {
		t.Errorf("issues: %v", got)
	}
	got = nil
	for n, err := range c.Actions.ListRunsAll(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, n)
	}
	if fmt.Sprint(got) != "[1 2 3]" {
		t.Errorf("runs: %v", got)
	}
	_, resp, err := c.Issues.List(ctx, nil)
	if err != nil || resp.Links == nil || resp.Links.Pages.Next != srv.URL+"/issues?page=2&x=a,b" || resp.Links.Pages.Last != srv.URL+"/issues?page=3" {
		t.Fatalf("links: %+v %v", resp.Links, err)
	}
}
`)
}

// Pagination beyond page links: offset/limit, Stripe's starting_after with
// has_more, a nextPageToken cursor, and x-dospec-pagination where the spec
// does not say it plainly.
func TestPageStyles(t *testing.T) {
	m := buildTinySpec(t, `openapi: 3.0.0
info: {title: T, version: "1"}
paths:
  /offset:
    get:
      operationId: things_offset
      parameters:
        - {name: offset, in: query, schema: {type: integer}}
        - {name: limit, in: query, schema: {type: integer}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {results: {type: array, items: {type: integer}}}}
  /charges:
    get:
      operationId: things_charges
      parameters:
        - {name: starting_after, in: query, schema: {type: string}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                required: [data, has_more]
                properties:
                  has_more: {type: boolean}
                  data: {type: array, items: {$ref: "#/components/schemas/Charge"}}
  /tokens:
    get:
      operationId: things_tokens
      parameters:
        - {name: pageToken, in: query, schema: {type: string}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {items: {type: array, items: {type: integer}}, nextPageToken: {type: string}}}
  /declared:
    get:
      operationId: things_declared
      x-dospec-pagination: {style: cursor, items: entries, param: from, next: continue_at}
      parameters:
        - {name: from, in: query, schema: {type: string}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {entries: {type: array, items: {type: integer}}, other: {type: array, items: {type: string}}, continue_at: {type: string}}}
components:
  schemas:
    Charge:
      type: object
      required: [id]
      properties:
        id: {type: string}
`)
	runInModule(t, m, `package tiny

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
)

func TestStyles(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/offset":
			off, _ := strconv.Atoi(q.Get("offset"))
			switch off {
			case 0:
				fmt.Fprint(w, `+"`"+`{"results":[1,2]}`+"`"+`)
			case 2:
				fmt.Fprint(w, `+"`"+`{"results":[3]}`+"`"+`)
			default:
				fmt.Fprint(w, `+"`"+`{"results":[]}`+"`"+`)
			}
		case "/charges":
			switch q.Get("starting_after") {
			case "":
				fmt.Fprint(w, `+"`"+`{"has_more":true,"data":[{"id":"ch_1"},{"id":"ch_2"}]}`+"`"+`)
			case "ch_2":
				fmt.Fprint(w, `+"`"+`{"has_more":false,"data":[{"id":"ch_3"}]}`+"`"+`)
			default:
				t.Errorf("starting_after %q", q.Get("starting_after"))
			}
		case "/tokens":
			if q.Get("pageToken") == "" {
				fmt.Fprint(w, `+"`"+`{"items":[1],"nextPageToken":"b"}`+"`"+`)
			} else {
				fmt.Fprint(w, `+"`"+`{"items":[2]}`+"`"+`)
			}
		case "/declared":
			if q.Get("from") == "" {
				fmt.Fprint(w, `+"`"+`{"entries":[1],"other":["x"],"continue_at":"k"}`+"`"+`)
			} else {
				fmt.Fprint(w, `+"`"+`{"entries":[2],"other":["y"]}`+"`"+`)
			}
		}
	}))
	defer srv.Close()
	c := NewClient(WithBaseURL(srv.URL))
	ctx := context.Background()
	collect := func(name string, seq func(yield func(any, error) bool)) string {
		var got []any
		for v, err := range seq {
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			got = append(got, v)
		}
		return fmt.Sprint(got)
	}
	if got := collect("offset", func(y func(any, error) bool) {
		for v, err := range c.Default.OffsetAll(ctx, nil) {
			if !y(v, err) {
				return
			}
		}
	}); got != "[1 2 3]" {
		t.Errorf("offset: %s", got)
	}
	if got := collect("after", func(y func(any, error) bool) {
		for v, err := range c.Default.ChargesAll(ctx, nil) {
			if !y(v.ID, err) {
				return
			}
		}
	}); got != "[ch_1 ch_2 ch_3]" {
		t.Errorf("after: %s", got)
	}
	if got := collect("tokens", func(y func(any, error) bool) {
		for v, err := range c.Default.TokensAll(ctx, nil) {
			if !y(v, err) {
				return
			}
		}
	}); got != "[1 2]" {
		t.Errorf("tokens: %s", got)
	}
	if got := collect("declared", func(y func(any, error) bool) {
		for v, err := range c.Default.DeclaredAll(ctx, nil) {
			if !y(v, err) {
				return
			}
		}
	}); got != "[1 2]" {
		t.Errorf("declared: %s", got)
	}
}
`)
}

// Schemas named as runtime declarations (Response, Client, Error) keep
// their names; the runtime's give way to APIResponse, APIClient, APIError.
func TestRuntimeGivesWay(t *testing.T) {
	m := buildTinySpec(t, `openapi: 3.0.0
info: {title: T, version: "1"}
paths:
  /clients/{id}:
    get:
      operationId: clients_get
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Response"}
        default:
          description: failed
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Error"}
components:
  schemas:
    Response:
      type: object
      properties:
        client: {$ref: "#/components/schemas/Client"}
        other: {$ref: "#/components/schemas/APIError"}
    Client:
      type: object
      properties:
        name: {type: string}
    Error:
      type: object
      properties:
        code: {type: string}
    APIError:
      type: object
      properties:
        other: {type: string}
`)
	want := map[string]string{"Client": "APIClient", "Response": "APIResponse", "Error": "APIError2"}
	if fmt.Sprint(m.Runtime) != fmt.Sprint(want) {
		t.Errorf("runtime renames %v, want %v", m.Runtime, want)
	}
	runInModule(t, m, `package tiny

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestNames(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path == "/clients/x" {
			w.Write([]byte(`+"`"+`{"client":{"name":"n"}}`+"`"+`))
			return
		}
		w.WriteHeader(400)
		w.Write([]byte(`+"`"+`{"code":"bad"}`+"`"+`))
	}))
	defer srv.Close()
	var c *APIClient = NewClient(WithBaseURL(srv.URL))
	var res *Response
	var resp *APIResponse
	res, resp, err := c.Default.Get(context.Background(), "x")
	if err != nil || res.Client.Name != "n" || resp.StatusCode != 200 {
		t.Fatal(res, resp, err)
	}
	_, _, err = c.Default.Get(context.Background(), "y")
	var typed *ErrorBody[Error]
	var apiErr *APIError2
	if !errors.As(err, &typed) || typed.Body.Code != "bad" || !errors.As(err, &apiErr) || apiErr.StatusCode != 400 {
		t.Fatalf("%v (%T)", err, err)
	}
	var _ APIError = APIError{Other: "o"}
}
`)
}

// A stream whose media type declares a schema (OpenAI's
// ResponseStreamEvent, a union by "type") decodes each event's data into
// it; "[DONE]" ends it.
func TestTypedEvents(t *testing.T) {
	m := buildTinySpec(t, `openapi: 3.0.0
info: {title: T, version: "1"}
paths:
  /responses:
    post:
      operationId: responses_create
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Done"}
            text/event-stream:
              schema: {$ref: "#/components/schemas/StreamEvent"}
  /plain:
    get:
      operationId: plain_get
      responses:
        "200":
          description: ok
          content:
            text/event-stream:
              schema: {type: string}
components:
  schemas:
    Done:
      type: object
      properties:
        id: {type: string}
    StreamEvent:
      oneOf:
        - $ref: "#/components/schemas/Delta"
        - $ref: "#/components/schemas/Completed"
    Delta:
      type: object
      required: [type, delta]
      properties:
        type: {type: string, enum: [response.output_text.delta]}
        delta: {type: string}
    Completed:
      type: object
      required: [type]
      properties:
        type: {type: string, enum: [response.completed]}
`)
	runInModule(t, m, `package tiny

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestEvents(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		fmt.Fprint(w, "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"delta\":\"Hi\"}\n\n")
		fmt.Fprint(w, "data: {\"type\":\"response.completed\"}\n\n")
		fmt.Fprint(w, "data: [DONE]\n\n")
	}))
	defer srv.Close()
	c := NewClient(WithBaseURL(srv.URL))
	stream, _, err := c.Default.CreateStream(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Close()
	var got []string
	for {
		v, ev, err := stream.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case v.Delta != nil:
			got = append(got, ev.Event+":"+v.Delta.Delta)
		case v.Completed != nil:
			got = append(got, "completed")
		}
	}
	if fmt.Sprint(got) != "[response.output_text.delta:Hi completed]" {
		t.Fatalf("events %v", got)
	}
	var plain *EventStream
	plain, _, _ = c.Default.Get(context.Background())
	_ = plain
}
`)
}
