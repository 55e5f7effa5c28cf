package gen

import (
	"strings"

	"github.com/dave/jennifer/jen"
)

// This file renders client.go, the runtime every generated package carries:
// the Client and its options, Response, Error, Nullable, the event stream,
// and the unexported plumbing the operation methods call (request, do,
// retries, parameter and union helpers). Each function renders one
// declaration; the Go it renders is in the comment above it.

// Import paths of the standard library packages the generated code uses.
const (
	pkgBufio   = "bufio"
	pkgBytes   = "bytes"
	pkgContext = "context"
	pkgErrors  = "errors"
	pkgFmt     = "fmt"
	pkgIO      = "io"
	pkgIter    = "iter"
	pkgJSON    = "encoding/json"
	pkgHTTP    = "net/http"
	pkgRand    = "math/rand/v2"
	pkgStrconv = "strconv"
	pkgStrings = "strings"
	pkgTime    = "time"
	pkgURL     = "net/url"
)

// clientFile renders client.go. Call it after the types and service files
// are built: it leaves out helpers nothing used.
func (e *emitter) clientFile() *jen.File {
	f := e.newFile()
	title := strings.Join(strings.Fields(e.m.Title), " ")
	if title == "" {
		f.PackageComment("Package " + e.m.Package + " is a client for an HTTP API, generated from its OpenAPI spec.")
	} else {
		f.PackageComment("Package " + e.m.Package + " is a client for the " + title + ", generated from its OpenAPI spec.")
	}
	decls := []jen.Code{
		e.rtDefaults(),
		e.rtClientType(),
		rtOptionType(),
		rtWithBaseURL(), rtWithServer(), rtWithToken(), rtWithHTTPClient(), rtWithUserAgent(), rtWithRetries(),
		e.rtNewClient(),
		rtRateType(), rtLinksType(), rtMetaType(), rtResponseType(),
		rtNewResponse(e.used["linkHeader"]), rtRateOf(), rtReadPaging(),
		rtErrorType(), rtErrorMethod(), rtNewError(), rtReasonOf(), rtErrorCase(),
		rtNullableType(), rtNewNullable(), rtNull(), rtNullableIsZero(), rtNullableGet(),
		rtNullableMarshal(), rtNullableUnmarshal(),
		rtOptionalType(), rtSome(), rtOptionalIsZero(), rtOptionalGet(), rtOptionalMarshal(), rtOptionalUnmarshal(),
		rtEventType(), rtEventStreamType(), rtEventStreamNext(), rtEventStreamClose(),
		rtRequestType(), rtEndpoint(), rtNewRequest(), rtSend(), rtRetryDelay(), rtBackoff(),
		rtSleepCtx(), rtIdempotent(), rtReadBody(), rtDo(), rtStream(),
		rtEncodeBody(), rtDecodeBody(), rtIsJSONType(),
		rtParamString(),
	}
	optional := []struct {
		use  string
		decl func() jen.Code
	}{
		{"pathParam", rtPathParam},
		{"serverURL", rtServerURL},
		{"nextPage", rtNextPage},
		{"linkHeader", rtLinksOf},
		{"setParam", rtSetParam},
		{"addList", rtAddList},
		{"setJSONParam", rtSetJSONParam},
		{"cursorValue", rtCursorValue},
		{"union", rtCountSet},
		{"union", rtMarshalVariant},
		{"union", rtIsNullJSON},
		{"discriminated", rtDiscriminatorOf},
		{"unmarshalVariant", rtUnmarshalVariant},
		{"undiscriminated", rtTryVariant},
		{"loose", rtLooseVariant},
		{"typedError", rtErrorBody},
		{"typedStream", rtEventStreamOf},
		{"hasKeys", rtHasKeys},
	}
	for _, o := range optional {
		if e.used[o.use] {
			decls = append(decls, o.decl())
		}
	}
	for _, d := range decls {
		f.Add(d)
		f.Line()
	}
	return f
}

// rtDefaults renders the defaults:
//
//	// DefaultBaseURL is the server a Client calls unless WithBaseURL says otherwise.
//	const DefaultBaseURL = "https://api.example.com"
//
//	const (
//		defaultUserAgent = "<package>-go"
//		defaultRetries   = 3
//		minBackoff       = 500 * time.Millisecond
//		maxBackoff       = 30 * time.Second
//	)
func (e *emitter) rtDefaults() jen.Code {
	return jen.Comment("DefaultBaseURL is the server a Client calls unless WithBaseURL says otherwise.").Line().
		Const().Id("DefaultBaseURL").Op("=").Lit(strings.TrimRight(e.m.BaseURL, "/")).Line().Line().
		Const().Defs(
		jen.Id("defaultUserAgent").Op("=").Lit(e.m.Package+"-go"),
		jen.Comment("defaultRetries is how often a failed idempotent call is retried."),
		jen.Id("defaultRetries").Op("=").Lit(3),
		jen.Comment("minBackoff and maxBackoff bound the wait between two attempts."),
		jen.Id("minBackoff").Op("=").Lit(500).Op("*").Qual(pkgTime, "Millisecond"),
		jen.Id("maxBackoff").Op("=").Lit(30).Op("*").Qual(pkgTime, "Second"),
	)
}

// rtClientType renders the Client, with one field per service:
//
//	// Client calls the API. Make one with NewClient; it is safe for concurrent use.
//	type Client struct {
//		baseURL    string
//		token      string
//		userAgent  string
//		retries    int
//		httpClient *http.Client
//		servers    map[string]string // per-operation servers moved by WithServer
//
//		// Droplets calls the operations tagged "Droplets".
//		Droplets *DropletsService
//	}
func (e *emitter) rtClientType() jen.Code {
	return withDoc(docText(declWidth,
		"Client calls the API. Make one with NewClient; it is safe for concurrent use. "+
			"Each field below groups the operations of one tag of the spec."),
		jen.Type().Id("Client").StructFunc(func(g *jen.Group) {
			g.Id("baseURL").String()
			g.Id("token").String()
			g.Id("userAgent").String()
			g.Id("retries").Int()
			g.Id("httpClient").Op("*").Qual(pkgHTTP, "Client")
			g.Id("servers").Map(jen.String()).String().Comment("per-operation servers moved by WithServer")
			for i, s := range e.m.Services {
				doc := docText(fieldWidth, docFirst(s.Doc))
				if doc == "" {
					doc = docText(fieldWidth, e.serviceField(s)+" calls the operations tagged "+quoteDoc(s.Tag)+".")
				}
				if i == 0 {
					g.Line()
				}
				g.Comment(doc)
				g.Id(e.serviceField(s)).Op("*").Id(e.svcType[s])
			}
		}))
}

// quoteDoc quotes a name for a comment.
func quoteDoc(s string) string { return `"` + s + `"` }

// rtOptionType renders:
//
//	// Option configures a Client; pass options to NewClient.
//	type Option func(*Client)
func rtOptionType() jen.Code {
	return withDoc("// Option configures a Client; pass options to NewClient.",
		jen.Type().Id("Option").Func().Params(jen.Op("*").Id("Client")))
}

// rtOption renders an option constructor:
//
//	// doc
//	func name(arg argType) Option {
//		return func(c *Client) {
//			body
//		}
//	}
func rtOption(doc, name, arg string, argType jen.Code, body ...jen.Code) jen.Code {
	return withDoc(doc, jen.Func().Id(name).Params(jen.Id(arg).Add(argType)).Id("Option").Block(
		jen.Return(jen.Func().Params(jen.Id("c").Op("*").Id("Client")).Block(body...)),
	))
}

// rtWithBaseURL renders:
//
//	// WithBaseURL sets the URL operation paths are appended to (default DefaultBaseURL).
//	func WithBaseURL(baseURL string) Option {
//		return func(c *Client) { c.baseURL = strings.TrimRight(baseURL, "/") }
//	}
func rtWithBaseURL() jen.Code {
	return rtOption("// WithBaseURL sets the URL operation paths are appended to (default DefaultBaseURL).",
		"WithBaseURL", "baseURL", jen.String(),
		jen.Id("c").Dot("baseURL").Op("=").Qual(pkgStrings, "TrimRight").Call(jen.Id("baseURL"), jen.Lit("/")))
}

// rtWithServer renders:
//
//	// WithServer sends the operations the spec places on server (an
//	// operation's own servers entry, such as "https://inference.example.com")
//	// to url instead: a proxy, a test server. WithBaseURL moves the others.
//	func WithServer(server, url string) Option {
//		return func(c *Client) {
//			if c.servers == nil {
//				c.servers = map[string]string{}
//			}
//			c.servers[strings.TrimRight(server, "/")] = strings.TrimRight(url, "/")
//		}
//	}
func rtWithServer() jen.Code {
	return withDoc(docText(declWidth, "WithServer sends the operations the spec places on server (an operation's own "+
		"servers entry, such as \"https://inference.example.com\") to url instead: a proxy, a test server. "+
		"WithBaseURL moves the others."),
		jen.Func().Id("WithServer").Params(jen.List(jen.Id("server"), jen.Id("url")).String()).Id("Option").Block(
			jen.Return(jen.Func().Params(jen.Id("c").Op("*").Id("Client")).Block(
				jen.If(jen.Id("c").Dot("servers").Op("==").Nil()).Block(
					jen.Id("c").Dot("servers").Op("=").Map(jen.String()).String().Values(),
				),
				jen.Id("c").Dot("servers").Index(jen.Qual(pkgStrings, "TrimRight").Call(jen.Id("server"), jen.Lit("/"))).Op("=").
					Qual(pkgStrings, "TrimRight").Call(jen.Id("url"), jen.Lit("/")),
			)),
		))
}

// rtWithToken renders:
//
//	// WithToken sets the token sent as "Authorization: Bearer <token>".
//	func WithToken(token string) Option {
//		return func(c *Client) { c.token = token }
//	}
func rtWithToken() jen.Code {
	return rtOption(`// WithToken sets the token sent as "Authorization: Bearer <token>".`,
		"WithToken", "token", jen.String(),
		jen.Id("c").Dot("token").Op("=").Id("token"))
}

// rtWithHTTPClient renders:
//
//	// WithHTTPClient sets the HTTP client requests go through (default http.DefaultClient).
//	func WithHTTPClient(hc *http.Client) Option {
//		return func(c *Client) {
//			if hc != nil {
//				c.httpClient = hc
//			}
//		}
//	}
func rtWithHTTPClient() jen.Code {
	return rtOption("// WithHTTPClient sets the HTTP client requests go through (default http.DefaultClient).",
		"WithHTTPClient", "hc", jen.Op("*").Qual(pkgHTTP, "Client"),
		jen.If(jen.Id("hc").Op("!=").Nil()).Block(jen.Id("c").Dot("httpClient").Op("=").Id("hc")))
}

// rtWithUserAgent renders:
//
//	// WithUserAgent sets the User-Agent header.
//	func WithUserAgent(ua string) Option {
//		return func(c *Client) { c.userAgent = ua }
//	}
func rtWithUserAgent() jen.Code {
	return rtOption("// WithUserAgent sets the User-Agent header.",
		"WithUserAgent", "ua", jen.String(),
		jen.Id("c").Dot("userAgent").Op("=").Id("ua"))
}

// rtWithRetries renders:
//
//	// WithRetries sets how often a call is retried: any call after a 429
//	// (the server did not process it), an idempotent one (GET, HEAD, PUT,
//	// DELETE, OPTIONS) also after a 5xx or a transport error … (doc)
//	func WithRetries(n int) Option {
//		return func(c *Client) { c.retries = max(n, 0) }
//	}
func rtWithRetries() jen.Code {
	return rtOption(docText(declWidth, "WithRetries sets how often a call is retried: any call after a 429 (the server "+
		"did not process it), an idempotent one (GET, HEAD, PUT, DELETE, OPTIONS) also after a 5xx or a transport "+
		"error. It waits as Retry-After or ratelimit-reset say (at most 30s) or backs off exponentially; "+
		"0 turns retries off. The default is 3."),
		"WithRetries", "n", jen.Int(),
		jen.Id("c").Dot("retries").Op("=").Max(jen.Id("n"), jen.Lit(0)))
}

// rtNewClient renders:
//
//	// NewClient returns a client of the API; opts change the defaults.
//	func NewClient(opts ...Option) *Client {
//		c := &Client{
//			baseURL:    DefaultBaseURL,
//			httpClient: http.DefaultClient,
//			retries:    defaultRetries,
//			userAgent:  defaultUserAgent,
//		}
//		for _, opt := range opts {
//			opt(c)
//		}
//		c.Droplets = &DropletsService{client: c}
//		return c
//	}
func (e *emitter) rtNewClient() jen.Code {
	return withDoc("// NewClient returns a client of the API; opts change the defaults.",
		jen.Func().Id("NewClient").Params(jen.Id("opts").Op("...").Id("Option")).Op("*").Id("Client").BlockFunc(func(g *jen.Group) {
			g.Id("c").Op(":=").Op("&").Id("Client").Values(jen.Dict{
				jen.Id("baseURL"):    jen.Id("DefaultBaseURL"),
				jen.Id("userAgent"):  jen.Id("defaultUserAgent"),
				jen.Id("retries"):    jen.Id("defaultRetries"),
				jen.Id("httpClient"): jen.Qual(pkgHTTP, "DefaultClient"),
			})
			g.For(jen.List(jen.Id("_"), jen.Id("opt")).Op(":=").Range().Id("opts")).Block(jen.Id("opt").Call(jen.Id("c")))
			for _, s := range e.m.Services {
				g.Id("c").Dot(e.serviceField(s)).Op("=").Op("&").Id(e.svcType[s]).Values(jen.Id("client").Op(":").Id("c"))
			}
			g.Return(jen.Id("c"))
		}))
}

// rtRateType renders:
//
//	// Rate is the rate limit the server reported with a response.
//	type Rate struct {
//		Limit     int       // requests allowed per window (ratelimit-limit, x-ratelimit-limit)
//		Remaining int       // requests left in the window (ratelimit-remaining, x-ratelimit-remaining)
//		Reset     time.Time // when the window resets (ratelimit-reset, x-ratelimit-reset)
//	}
func rtRateType() jen.Code {
	return withDoc("// Rate is the rate limit the server reported with a response.",
		jen.Type().Id("Rate").Struct(
			jen.Id("Limit").Int().Comment("requests allowed per window (ratelimit-limit, x-ratelimit-limit)"),
			jen.Id("Remaining").Int().Comment("requests left in the window (ratelimit-remaining, x-ratelimit-remaining)"),
			jen.Id("Reset").Qual(pkgTime, "Time").Comment("when the window resets (ratelimit-reset, x-ratelimit-reset)"),
		))
}

// rtLinksType renders:
//
//	// Links is the "links" object of a list response.
//	type Links struct {
//		// Pages are the URLs of neighbouring pages; "" where there is none.
//		Pages struct {
//			First string `json:"first,omitempty"`
//			Prev  string `json:"prev,omitempty"`
//			Next  string `json:"next,omitempty"`
//			Last  string `json:"last,omitempty"`
//		} `json:"pages"`
//	}
func rtLinksType() jen.Code {
	page := func(name, key string) jen.Code {
		return jen.Id(name).String().Tag(map[string]string{"json": key + ",omitempty"})
	}
	return withDoc(`// Links is the "links" object of a list response.`,
		jen.Type().Id("Links").Struct(
			jen.Comment(`Pages are the URLs of neighbouring pages; "" where there is none.`),
			jen.Id("Pages").Struct(page("First", "first"), page("Prev", "prev"), page("Next", "next"), page("Last", "last")).
				Tag(map[string]string{"json": "pages"}),
		))
}

// rtMetaType renders:
//
//	// Meta is the "meta" object of a list response.
//	type Meta struct {
//		Total int `json:"total"` // items in all pages
//	}
func rtMetaType() jen.Code {
	return withDoc(`// Meta is the "meta" object of a list response.`,
		jen.Type().Id("Meta").Struct(
			jen.Id("Total").Int().Tag(map[string]string{"json": "total"}).Comment("items in all pages"),
		))
}

// rtResponseType renders:
//
//	// Response is the HTTP response of a call. Its Body holds the bytes
//	// already read (it can be read again), except for event streams.
//	type Response struct {
//		*http.Response
//		Rate  Rate
//		Links *Links // the body's "links", when it has them
//		Meta  *Meta  // the body's "meta", when it has them
//	}
func rtResponseType() jen.Code {
	return withDoc(docText(declWidth, "Response is the HTTP response of a call, with the rate limit from its headers "+
		"and the paging objects of its body. Its Body holds the bytes already read, so it can be read again "+
		"(except for event streams, where the EventStream reads it)."),
		jen.Type().Id("Response").Struct(
			jen.Op("*").Qual(pkgHTTP, "Response"),
			jen.Id("Rate").Id("Rate"),
			jen.Id("Links").Op("*").Id("Links").Comment(`the body's "links", when it has them`),
			jen.Id("Meta").Op("*").Id("Meta").Comment(`the body's "meta", when it has them`),
		))
}

// rtNewResponse renders:
//
//	// newResponse wraps hr and reads its rate limit headers.
//	func newResponse(hr *http.Response) *Response {
//		return &Response{Response: hr, Rate: rateOf(hr.Header)}
//	}
//
// and, when an operation pages by Link headers, sets Links from them:
//
//	// newResponse wraps hr and reads its rate limit and Link headers.
//	func newResponse(hr *http.Response) *Response {
//		return &Response{Response: hr, Rate: rateOf(hr.Header), Links: linksOf(hr.Header)}
//	}
func rtNewResponse(linkHeader bool) jen.Code {
	fields := []jen.Code{jen.Id("Response").Op(":").Id("hr"), jen.Id("Rate").Op(":").Id("rateOf").Call(jen.Id("hr").Dot("Header"))}
	doc := "// newResponse wraps hr and reads its rate limit headers."
	if linkHeader {
		fields = append(fields, jen.Id("Links").Op(":").Id("linksOf").Call(jen.Id("hr").Dot("Header")))
		doc = "// newResponse wraps hr and reads its rate limit and Link headers."
	}
	return withDoc(doc,
		jen.Func().Id("newResponse").Params(jen.Id("hr").Op("*").Qual(pkgHTTP, "Response")).Op("*").Id("Response").Block(
			jen.Return(jen.Op("&").Id("Response").Values(fields...)),
		))
}

// rtLinksOf renders:
//
//	// linksOf reads the first, prev, next and last targets of RFC 8288 Link
//	// headers (<https://…?page=2>; rel="next", <…>; rel="last"); nil when
//	// they name none.
//	func linksOf(h http.Header) *Links {
//		var l Links
//		found := false
//		for _, v := range h.Values("Link") {
//			for {
//				start := strings.IndexByte(v, '<')
//				end := strings.IndexByte(v, '>')
//				if start < 0 || end < start {
//					break
//				}
//				target, params := v[start+1:end], v[end+1:]
//				v = ""
//				if next := strings.IndexByte(params, '<'); next >= 0 {
//					params, v = params[:next], params[next:]
//				}
//				for _, p := range strings.Split(params, ";") {
//					key, val, _ := strings.Cut(strings.TrimSpace(p), "=")
//					if !strings.EqualFold(key, "rel") {
//						continue
//					}
//					for _, rel := range strings.Fields(strings.ToLower(strings.Trim(val, `" ,`))) {
//						switch rel {
//						case "first":
//							l.Pages.First, found = target, true
//						case "prev", "previous":
//							l.Pages.Prev, found = target, true
//						case "next":
//							l.Pages.Next, found = target, true
//						case "last":
//							l.Pages.Last, found = target, true
//						}
//					}
//				}
//			}
//		}
//		if !found {
//			return nil
//		}
//		return &l
//	}
func rtLinksOf() jen.Code {
	v, params := jen.Id("v"), jen.Id("params")
	set := func(field string) jen.Code {
		return jen.List(jen.Id("l").Dot("Pages").Dot(field), jen.Id("found")).Op("=").List(jen.Id("target"), jen.True())
	}
	return withDoc(docText(declWidth, "linksOf reads the first, prev, next and last targets of RFC 8288 Link headers "+
		"(<https://…?page=2>; rel=\"next\", <…>; rel=\"last\"); nil when they name none."),
		jen.Func().Id("linksOf").Params(jen.Id("h").Qual(pkgHTTP, "Header")).Op("*").Id("Links").Block(
			jen.Var().Id("l").Id("Links"),
			jen.Id("found").Op(":=").False(),
			jen.For(jen.List(jen.Id("_"), v.Clone()).Op(":=").Range().Id("h").Dot("Values").Call(jen.Lit("Link"))).Block(
				jen.For().Block(
					jen.Id("start").Op(":=").Qual(pkgStrings, "IndexByte").Call(v.Clone(), jen.LitRune('<')),
					jen.Id("end").Op(":=").Qual(pkgStrings, "IndexByte").Call(v.Clone(), jen.LitRune('>')),
					jen.If(jen.Id("start").Op("<").Lit(0).Op("||").Id("end").Op("<").Id("start")).Block(jen.Break()),
					jen.List(jen.Id("target"), params.Clone()).Op(":=").List(
						v.Clone().Index(jen.Id("start").Op("+").Lit(1).Op(":").Id("end")), v.Clone().Index(jen.Id("end").Op("+").Lit(1).Op(":"))),
					v.Clone().Op("=").Lit(""),
					jen.If(jen.Id("next").Op(":=").Qual(pkgStrings, "IndexByte").Call(params.Clone(), jen.LitRune('<')), jen.Id("next").Op(">=").Lit(0)).Block(
						jen.List(params.Clone(), v.Clone()).Op("=").List(params.Clone().Index(jen.Op(":").Id("next")), params.Clone().Index(jen.Id("next").Op(":"))),
					),
					jen.For(jen.List(jen.Id("_"), jen.Id("p")).Op(":=").Range().Qual(pkgStrings, "Split").Call(params.Clone(), jen.Lit(";"))).Block(
						jen.List(jen.Id("key"), jen.Id("val"), jen.Id("_")).Op(":=").Qual(pkgStrings, "Cut").Call(
							jen.Qual(pkgStrings, "TrimSpace").Call(jen.Id("p")), jen.Lit("=")),
						jen.If(jen.Op("!").Qual(pkgStrings, "EqualFold").Call(jen.Id("key"), jen.Lit("rel"))).Block(jen.Continue()),
						jen.For(jen.List(jen.Id("_"), jen.Id("rel")).Op(":=").Range().Qual(pkgStrings, "Fields").Call(
							jen.Qual(pkgStrings, "ToLower").Call(jen.Qual(pkgStrings, "Trim").Call(jen.Id("val"), jen.Lit("\" ,"))))).Block(
							jen.Switch(jen.Id("rel")).Block(
								jen.Case(jen.Lit("first")).Block(set("First")),
								jen.Case(jen.Lit("prev"), jen.Lit("previous")).Block(set("Prev")),
								jen.Case(jen.Lit("next")).Block(set("Next")),
								jen.Case(jen.Lit("last")).Block(set("Last")),
							),
						),
					),
				),
			),
			jen.If(jen.Op("!").Id("found")).Block(jen.Return(jen.Nil())),
			jen.Return(jen.Op("&").Id("l")),
		))
}

// rtRateOf renders:
//
//	// rateOf reads the rate limit headers: ratelimit-* (the IETF draft,
//	// DigitalOcean) or else x-ratelimit-* (GitHub and many more). A value
//	// is its leading integer ("100, 100;w=60" is 100); a reset below 1e9 is
//	// seconds from now (the IETF draft), above it a Unix time.
//	func rateOf(h http.Header) Rate {
//		get := func(key string) (int64, bool) {
//			s := h.Get("ratelimit-" + key)
//			if s == "" {
//				s = h.Get("x-ratelimit-" + key)
//			}
//			s, _, _ = strings.Cut(s, ",")
//			s, _, _ = strings.Cut(s, ";")
//			n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
//			return n, err == nil
//		}
//		var r Rate
//		if n, ok := get("limit"); ok {
//			r.Limit = int(n)
//		}
//		if n, ok := get("remaining"); ok {
//			r.Remaining = int(n)
//		}
//		if n, ok := get("reset"); ok && n < 1e9 {
//			r.Reset = time.Now().Add(time.Duration(n) * time.Second).Truncate(time.Second)
//		} else if ok {
//			r.Reset = time.Unix(n, 0)
//		}
//		return r
//	}
func rtRateOf() jen.Code {
	s := jen.Id("s")
	return withDoc(docText(declWidth, "rateOf reads the rate limit headers: ratelimit-* (the IETF draft, DigitalOcean) "+
		"or else x-ratelimit-* (GitHub and many more). A value is its leading integer (\"100, 100;w=60\" is 100); "+
		"a reset below 1e9 is seconds from now (the IETF draft), above it a Unix time."),
		jen.Func().Id("rateOf").Params(jen.Id("h").Qual(pkgHTTP, "Header")).Id("Rate").Block(
			jen.Id("get").Op(":=").Func().Params(jen.Id("key").String()).Params(jen.Int64(), jen.Bool()).Block(
				s.Clone().Op(":=").Id("h").Dot("Get").Call(jen.Lit("ratelimit-").Op("+").Id("key")),
				jen.If(s.Clone().Op("==").Lit("")).Block(
					s.Clone().Op("=").Id("h").Dot("Get").Call(jen.Lit("x-ratelimit-").Op("+").Id("key")),
				),
				jen.List(s.Clone(), jen.Id("_"), jen.Id("_")).Op("=").Qual(pkgStrings, "Cut").Call(s.Clone(), jen.Lit(",")),
				jen.List(s.Clone(), jen.Id("_"), jen.Id("_")).Op("=").Qual(pkgStrings, "Cut").Call(s.Clone(), jen.Lit(";")),
				jen.List(jen.Id("n"), jen.Err()).Op(":=").Qual(pkgStrconv, "ParseInt").Call(jen.Qual(pkgStrings, "TrimSpace").Call(s.Clone()), jen.Lit(10), jen.Lit(64)),
				jen.Return(jen.Id("n"), jen.Err().Op("==").Nil()),
			),
			jen.Var().Id("r").Id("Rate"),
			jen.If(jen.List(jen.Id("n"), jen.Id("ok")).Op(":=").Id("get").Call(jen.Lit("limit")), jen.Id("ok")).Block(
				jen.Id("r").Dot("Limit").Op("=").Int().Call(jen.Id("n"))),
			jen.If(jen.List(jen.Id("n"), jen.Id("ok")).Op(":=").Id("get").Call(jen.Lit("remaining")), jen.Id("ok")).Block(
				jen.Id("r").Dot("Remaining").Op("=").Int().Call(jen.Id("n"))),
			jen.If(jen.List(jen.Id("n"), jen.Id("ok")).Op(":=").Id("get").Call(jen.Lit("reset")), jen.Id("ok").Op("&&").Id("n").Op("<").Op("1e9")).Block(
				jen.Id("r").Dot("Reset").Op("=").Qual(pkgTime, "Now").Call().Dot("Add").Call(
					jen.Qual(pkgTime, "Duration").Call(jen.Id("n")).Op("*").Qual(pkgTime, "Second")).Dot("Truncate").Call(jen.Qual(pkgTime, "Second")),
			).Else().If(jen.Id("ok")).Block(
				jen.Id("r").Dot("Reset").Op("=").Qual(pkgTime, "Unix").Call(jen.Id("n"), jen.Lit(0)),
			),
			jen.Return(jen.Id("r")),
		))
}

// rtReadPaging renders:
//
//	// readPaging sets Links and Meta from the top-level "links" and "meta"
//	// keys of a JSON object body.
//	func (r *Response) readPaging(data []byte) {
//		if !bytes.Contains(data, []byte(`"links"`)) && !bytes.Contains(data, []byte(`"meta"`)) {
//			return
//		}
//		var top struct {
//			Links json.RawMessage `json:"links"`
//			Meta  json.RawMessage `json:"meta"`
//		}
//		if json.Unmarshal(data, &top) != nil {
//			return
//		}
//		var links Links
//		if len(top.Links) > 0 && string(top.Links) != "null" && json.Unmarshal(top.Links, &links) == nil {
//			r.Links = &links
//		}
//		var meta Meta
//		if len(top.Meta) > 0 && string(top.Meta) != "null" && json.Unmarshal(top.Meta, &meta) == nil {
//			r.Meta = &meta
//		}
//	}
func rtReadPaging() jen.Code {
	contains := func(key string) jen.Code {
		return jen.Qual(pkgBytes, "Contains").Call(jen.Id("data"), jen.Index().Byte().Call(jen.Lit(`"`+key+`"`)))
	}
	decode := func(field, local, typ string) []jen.Code {
		raw := jen.Id("top").Dot(field)
		return []jen.Code{
			jen.Var().Id(local).Id(typ),
			jen.If(jen.Len(raw.Clone()).Op(">").Lit(0).
				Op("&&").String().Call(raw.Clone()).Op("!=").Lit("null").
				Op("&&").Qual(pkgJSON, "Unmarshal").Call(raw.Clone(), jen.Op("&").Id(local)).Op("==").Nil()).
				Block(jen.Id("r").Dot(field).Op("=").Op("&").Id(local)),
		}
	}
	body := []jen.Code{
		jen.If(jen.Op("!").Add(contains("links")).Op("&&").Op("!").Add(contains("meta"))).Block(jen.Return()),
		jen.Var().Id("top").Struct(
			jen.Id("Links").Qual(pkgJSON, "RawMessage").Tag(map[string]string{"json": "links"}),
			jen.Id("Meta").Qual(pkgJSON, "RawMessage").Tag(map[string]string{"json": "meta"}),
		),
		jen.If(jen.Qual(pkgJSON, "Unmarshal").Call(jen.Id("data"), jen.Op("&").Id("top")).Op("!=").Nil()).Block(jen.Return()),
	}
	body = append(body, decode("Links", "links", "Links")...)
	body = append(body, decode("Meta", "meta", "Meta")...)
	return withDoc(`// readPaging sets Links and Meta from the top-level "links" and "meta" keys of a JSON object body.`,
		jen.Func().Params(jen.Id("r").Op("*").Id("Response")).Id("readPaging").Params(jen.Id("data").Index().Byte()).Block(body...))
}

// rtErrorType renders:
//
//	// Error is the error of a call answered with a status outside 2xx:
//	// the API's error body and the response. Get it with errors.As:
//	//
//	//	var apiErr *client.Error
//	//	if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusNotFound { … }
//	type Error struct {
//		StatusCode int            `json:"-"`
//		ID         string         `json:"id"`
//		Message    string         `json:"message"`
//		RequestID  string         `json:"request_id"`
//		Response   *http.Response `json:"-"`
//		Body       []byte         `json:"-"`
//	}
func rtErrorType() jen.Code {
	tag := func(k string) map[string]string { return map[string]string{"json": k} }
	return jen.Comment("// Error is the error of a call answered with a status outside 2xx: the API's error\n"+
		"// body and the response. Get it with errors.As:\n"+
		"//\n"+
		"//\tvar apiErr *Error\n"+
		"//\tif errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusNotFound {\n"+
		"//\t\t// …\n"+
		"//\t}").Line().
		Type().Id("Error").Struct(
		jen.Id("StatusCode").Int().Tag(tag("-")).Comment("the HTTP status"),
		jen.Id("ID").String().Tag(tag("id")).Comment("the API's error id, such as not_found"),
		jen.Id("Message").String().Tag(tag("message")),
		jen.Id("RequestID").String().Tag(tag("request_id")),
		jen.Id("Response").Op("*").Qual(pkgHTTP, "Response").Tag(tag("-")).Comment("its Body holds the bytes read"),
		jen.Id("Body").Index().Byte().Tag(tag("-")).Comment("the response body as received"),
	)
}

// rtErrorMethod renders:
//
//	// Error returns "METHOD URL: status id: message (request id)".
//	func (e *Error) Error() string {
//		var b strings.Builder
//		if e.Response != nil && e.Response.Request != nil {
//			b.WriteString(e.Response.Request.Method + " " + e.Response.Request.URL.Redacted() + ": ")
//		}
//		b.WriteString(strconv.Itoa(e.StatusCode))
//		if e.ID != "" {
//			b.WriteString(" " + e.ID)
//		}
//		if e.Message != "" {
//			b.WriteString(": " + e.Message)
//		}
//		if e.RequestID != "" {
//			b.WriteString(" (request " + e.RequestID + ")")
//		}
//		return b.String()
//	}
func rtErrorMethod() jen.Code {
	write := func(c jen.Code) jen.Code { return jen.Id("b").Dot("WriteString").Call(c) }
	req := jen.Id("e").Dot("Response").Dot("Request")
	ifSet := func(field, before, after string) jen.Code {
		v := jen.Lit(before).Op("+").Id("e").Dot(field)
		if after != "" {
			v = v.Op("+").Lit(after)
		}
		return jen.If(jen.Id("e").Dot(field).Op("!=").Lit("")).Block(write(v))
	}
	return withDoc(`// Error returns "METHOD URL: status id: message (request id)".`,
		jen.Func().Params(jen.Id("e").Op("*").Id("Error")).Id("Error").Params().String().Block(
			jen.Var().Id("b").Qual(pkgStrings, "Builder"),
			jen.If(jen.Id("e").Dot("Response").Op("!=").Nil().Op("&&").Add(req.Clone()).Op("!=").Nil()).Block(
				write(req.Clone().Dot("Method").Op("+").Lit(" ").Op("+").Add(req.Clone()).Dot("URL").Dot("Redacted").Call().Op("+").Lit(": ")),
			),
			write(jen.Qual(pkgStrconv, "Itoa").Call(jen.Id("e").Dot("StatusCode"))),
			ifSet("ID", " ", ""),
			ifSet("Message", ": ", ""),
			ifSet("RequestID", " (request ", ")"),
			jen.Return(jen.Id("b").Dot("String").Call()),
		))
}

// rtNewError renders:
//
//	// newError builds the *Error of a non-2xx response from its JSON body,
//	// or from its text when it is not JSON.
//	func newError(hr *http.Response, data []byte) *Error {
//		e := &Error{StatusCode: hr.StatusCode, Response: hr, Body: data}
//		if json.Unmarshal(data, e) != nil {
//			e.ID, e.RequestID = "", ""
//			e.Message = strings.TrimSpace(string(data[:min(len(data), 512)]))
//		} else if e.Message == "" {
//			e.Message = reasonOf(data)
//		}
//		if e.Message == "" {
//			e.Message = http.StatusText(hr.StatusCode)
//		}
//		if e.RequestID == "" {
//			e.RequestID = hr.Header.Get("X-Request-Id")
//		}
//		return e
//	}
func rtNewError() jen.Code {
	return withDoc("// newError builds the *Error of a non-2xx response from its JSON body, or from its text when it is not JSON.",
		jen.Func().Id("newError").Params(jen.Id("hr").Op("*").Qual(pkgHTTP, "Response"), jen.Id("data").Index().Byte()).Op("*").Id("Error").Block(
			jen.Id("e").Op(":=").Op("&").Id("Error").Values(
				jen.Id("StatusCode").Op(":").Id("hr").Dot("StatusCode"),
				jen.Id("Response").Op(":").Id("hr"),
				jen.Id("Body").Op(":").Id("data"),
			),
			jen.If(jen.Qual(pkgJSON, "Unmarshal").Call(jen.Id("data"), jen.Id("e")).Op("!=").Nil()).Block(
				jen.List(jen.Id("e").Dot("ID"), jen.Id("e").Dot("RequestID")).Op("=").List(jen.Lit(""), jen.Lit("")),
				jen.Id("e").Dot("Message").Op("=").Qual(pkgStrings, "TrimSpace").Call(
					jen.String().Call(jen.Id("data").Index(jen.Op(":").Min(jen.Len(jen.Id("data")), jen.Lit(512))))),
			).Else().If(jen.Id("e").Dot("Message").Op("==").Lit("")).Block(
				jen.Id("e").Dot("Message").Op("=").Id("reasonOf").Call(jen.Id("data")),
			),
			jen.If(jen.Id("e").Dot("Message").Op("==").Lit("")).Block(
				jen.Id("e").Dot("Message").Op("=").Qual(pkgHTTP, "StatusText").Call(jen.Id("hr").Dot("StatusCode")),
			),
			jen.If(jen.Id("e").Dot("RequestID").Op("==").Lit("")).Block(
				jen.Id("e").Dot("RequestID").Op("=").Id("hr").Dot("Header").Dot("Get").Call(jen.Lit("X-Request-Id")),
			),
			jen.Return(jen.Id("e")),
		))
}

// rtReasonOf renders:
//
//	// reasonOf is the first string among the keys an error body usually
//	// gives its reason in, "" when there is none.
//	func reasonOf(data []byte) string {
//		var obj map[string]json.RawMessage
//		if json.Unmarshal(data, &obj) != nil {
//			return ""
//		}
//		for _, k := range []string{"message", "description", "detail", "error_description", "error", "title"} {
//			var s string
//			if json.Unmarshal(obj[k], &s) == nil && s != "" {
//				return s
//			}
//		}
//		return ""
//	}
func rtReasonOf() jen.Code {
	var keys []jen.Code
	for _, k := range []string{"message", "description", "detail", "error_description", "error", "title"} {
		keys = append(keys, jen.Lit(k))
	}
	return withDoc("// reasonOf is the first string among the keys an error body usually gives its\n// reason in, \"\" when there is none.",
		jen.Func().Id("reasonOf").Params(jen.Id("data").Index().Byte()).String().Block(
			jen.Var().Id("obj").Map(jen.String()).Qual(pkgJSON, "RawMessage"),
			jen.If(jen.Qual(pkgJSON, "Unmarshal").Call(jen.Id("data"), jen.Op("&").Id("obj")).Op("!=").Nil()).Block(jen.Return(jen.Lit(""))),
			jen.For(jen.List(jen.Id("_"), jen.Id("k")).Op(":=").Range().Index().String().Values(keys...)).Block(
				jen.Var().Id("s").String(),
				jen.If(jen.Qual(pkgJSON, "Unmarshal").Call(jen.Id("obj").Index(jen.Id("k")), jen.Op("&").Id("s")).Op("==").Nil().Op("&&").Id("s").Op("!=").Lit("")).Block(
					jen.Return(jen.Id("s")),
				),
			),
			jen.Return(jen.Lit("")),
		))
}

// rtErrorBody renders:
//
//	// ErrorBody is the error of a call answered with an error response the
//	// spec declares a body for: the body decoded into T beside the *Error
//	// (status, raw body, response). errors.As reaches either:
//	//
//	//	var notFound *ErrorBody[NotFound]
//	//	if errors.As(err, &notFound) {
//	//		// notFound.Body …
//	//	}
//	type ErrorBody[T any] struct {
//		Body T
//		Err  *Error
//	}
//
//	// Error returns the *Error's text.
//	func (e *ErrorBody[T]) Error() string { return e.Err.Error() }
//
//	// Unwrap returns the *Error.
//	func (e *ErrorBody[T]) Unwrap() error { return e.Err }
//
//	// typedError decodes e's body into a T; e stays as it is when the body
//	// does not decode.
//	func typedError[T any](e *Error) error {
//		var v T
//		if json.Unmarshal(e.Body, &v) != nil {
//			return e
//		}
//		return &ErrorBody[T]{Body: v, Err: e}
//	}
func rtErrorBody() jen.Code {
	e := jen.Id("e")
	recv := jen.Id("e").Op("*").Id("ErrorBody").Types(jen.Id("T"))
	return jen.Comment("// ErrorBody is the error of a call answered with an error response the spec\n"+
		"// declares a body for: the body decoded into T beside the *Error (status, raw\n"+
		"// body, response). errors.As reaches either:\n"+
		"//\n"+
		"//\tvar notFound *ErrorBody[NotFound]\n"+
		"//\tif errors.As(err, &notFound) {\n"+
		"//\t\t// notFound.Body …\n"+
		"//\t}").Line().
		Type().Id("ErrorBody").Types(jen.Id("T").Any()).Struct(
		jen.Id("Body").Id("T"),
		jen.Id("Err").Op("*").Id("Error"),
	).Line().Line().
		Comment("Error returns the *Error's text.").Line().
		Func().Params(recv.Clone()).Id("Error").Params().String().Block(jen.Return(jen.Id("e").Dot("Err").Dot("Error").Call())).Line().Line().
		Comment("Unwrap returns the *Error.").Line().
		Func().Params(recv.Clone()).Id("Unwrap").Params().Error().Block(jen.Return(jen.Id("e").Dot("Err"))).Line().Line().
		Comment("// typedError decodes e's body into a T; e stays as it is when the body does\n// not decode.").Line().
		Func().Id("typedError").Types(jen.Id("T").Any()).Params(e.Clone().Op("*").Id("Error")).Error().Block(
		jen.Var().Id("v").Id("T"),
		jen.If(jen.Qual(pkgJSON, "Unmarshal").Call(e.Clone().Dot("Body"), jen.Op("&").Id("v")).Op("!=").Nil()).Block(jen.Return(e.Clone())),
		jen.Return(jen.Op("&").Id("ErrorBody").Types(jen.Id("T")).Values(jen.Id("Body").Op(":").Id("v"), jen.Id("Err").Op(":").Add(e.Clone()))),
	)
}

// rtErrorCase renders:
//
//	// errorCase is an error response an operation declares: its status
//	// ("404", "4XX" or "default"), its description, and how its body
//	// decodes (nil: it declares none).
//	type errorCase struct {
//		code   string
//		reason string
//		decode func(*Error) error
//	}
//
//	// failure is the error of a non-2xx response: the *Error, with the
//	// declared response's description when the body gives no reason, its
//	// body decoded into the type declared for the status (the exact code,
//	// else NXX, else default).
//	func failure(cases []errorCase, e *Error) error {
//		code := strconv.Itoa(e.StatusCode)
//		for _, want := range []string{code, code[:1] + "XX", "default"} {
//			for _, c := range cases {
//				if c.code != want {
//					continue
//				}
//				if c.reason != "" && e.Message == http.StatusText(e.StatusCode) {
//					e.Message = c.reason
//				}
//				if c.decode == nil {
//					return e
//				}
//				return c.decode(e)
//			}
//		}
//		return e
//	}
func rtErrorCase() jen.Code {
	e := jen.Id("e")
	return jen.Comment("// errorCase is an error response an operation declares: its status (\"404\",\n"+
		"// \"4XX\" or \"default\"), its description, and how its body decodes (nil: it\n"+
		"// declares none).").Line().
		Type().Id("errorCase").Struct(
		jen.Id("code").String(),
		jen.Id("reason").String(),
		jen.Id("decode").Func().Params(jen.Op("*").Id("Error")).Error(),
	).Line().Line().
		Comment("// failure is the error of a non-2xx response: the *Error, with the declared\n"+
			"// response's description when the body gives no reason, its body decoded into\n"+
			"// the type declared for the status (the exact code, else NXX, else default).").Line().
		Func().Id("failure").Params(jen.Id("cases").Index().Id("errorCase"), e.Clone().Op("*").Id("Error")).Error().Block(
		jen.Id("code").Op(":=").Qual(pkgStrconv, "Itoa").Call(e.Clone().Dot("StatusCode")),
		jen.For(jen.List(jen.Id("_"), jen.Id("want")).Op(":=").Range().Index().String().Values(
			jen.Id("code"), jen.Id("code").Index(jen.Op(":").Lit(1)).Op("+").Lit("XX"), jen.Lit("default"))).Block(
			jen.For(jen.List(jen.Id("_"), jen.Id("c")).Op(":=").Range().Id("cases")).Block(
				jen.If(jen.Id("c").Dot("code").Op("!=").Id("want")).Block(jen.Continue()),
				jen.If(jen.Id("c").Dot("reason").Op("!=").Lit("").Op("&&").Add(e.Clone()).Dot("Message").Op("==").Qual(pkgHTTP, "StatusText").Call(e.Clone().Dot("StatusCode"))).Block(
					e.Clone().Dot("Message").Op("=").Id("c").Dot("reason"),
				),
				jen.If(jen.Id("c").Dot("decode").Op("==").Nil()).Block(jen.Return(e.Clone())),
				jen.Return(jen.Id("c").Dot("decode").Call(e.Clone())),
			),
		),
		jen.Return(e.Clone()),
	)
}

// nullableT renders Nullable[T].
func nullableT() *jen.Statement { return jen.Id("Nullable").Types(jen.Id("T")) }

// rtNullableType renders:
//
//	// Nullable is a JSON value that may be absent, null or a value … (doc)
//	type Nullable[T any] struct {
//		Value T    // the value, when Valid
//		Valid bool // there is a value: not null, not absent
//		Set   bool // the field is present: null or a value
//	}
func rtNullableType() jen.Code {
	return jen.Comment("// Nullable is a JSON value that may be absent, null or a value:\n"+
		"//\n"+
		"//   - absent: the zero Nullable; IsZero is true, so a field tagged omitzero\n"+
		"//     is left out;\n"+
		"//   - null: Set and not Valid, as Null returns;\n"+
		"//   - a value: Set and Valid, as NewNullable returns.\n"+
		"//\n"+
		"// Decoding sets Set for null and for a value; a field the JSON lacks stays zero.").Line().
		Type().Id("Nullable").Types(jen.Id("T").Any()).Struct(
		jen.Id("Value").Id("T").Comment("the value, when Valid"),
		jen.Id("Valid").Bool().Comment("there is a value: not null, not absent"),
		jen.Id("Set").Bool().Comment("the field is present: null or a value"),
	)
}

// rtNewNullable renders:
//
//	// NewNullable returns a Nullable holding v.
//	func NewNullable[T any](v T) Nullable[T] {
//		return Nullable[T]{Value: v, Valid: true, Set: true}
//	}
func rtNewNullable() jen.Code {
	return withDoc("// NewNullable returns a Nullable holding v.",
		jen.Func().Id("NewNullable").Types(jen.Id("T").Any()).Params(jen.Id("v").Id("T")).Add(nullableT()).Block(
			jen.Return(nullableT().Values(
				jen.Id("Value").Op(":").Id("v"), jen.Id("Valid").Op(":").True(), jen.Id("Set").Op(":").True())),
		))
}

// rtNull renders:
//
//	// Null returns a Nullable that encodes as JSON null.
//	func Null[T any]() Nullable[T] {
//		return Nullable[T]{Set: true}
//	}
func rtNull() jen.Code {
	return withDoc("// Null returns a Nullable that encodes as JSON null.",
		jen.Func().Id("Null").Types(jen.Id("T").Any()).Params().Add(nullableT()).Block(
			jen.Return(nullableT().Values(jen.Id("Set").Op(":").True())),
		))
}

// rtNullableIsZero renders:
//
//	// IsZero reports whether n is absent, for the omitzero struct tag option.
//	func (n Nullable[T]) IsZero() bool {
//		return !n.Set && !n.Valid
//	}
func rtNullableIsZero() jen.Code {
	return withDoc("// IsZero reports whether n is absent, for the omitzero struct tag option.",
		jen.Func().Params(jen.Id("n").Add(nullableT())).Id("IsZero").Params().Bool().Block(
			jen.Return(jen.Op("!").Id("n").Dot("Set").Op("&&").Op("!").Id("n").Dot("Valid")),
		))
}

// rtNullableGet renders:
//
//	// Get returns the value and whether there is one.
//	func (n Nullable[T]) Get() (T, bool) {
//		return n.Value, n.Valid
//	}
func rtNullableGet() jen.Code {
	return withDoc("// Get returns the value and whether there is one.",
		jen.Func().Params(jen.Id("n").Add(nullableT())).Id("Get").Params().Params(jen.Id("T"), jen.Bool()).Block(
			jen.Return(jen.Id("n").Dot("Value"), jen.Id("n").Dot("Valid")),
		))
}

// rtNullableMarshal renders:
//
//	// MarshalJSON encodes the value, or null.
//	func (n Nullable[T]) MarshalJSON() ([]byte, error) {
//		if !n.Valid {
//			return []byte("null"), nil
//		}
//		return json.Marshal(n.Value)
//	}
func rtNullableMarshal() jen.Code {
	return withDoc("// MarshalJSON encodes the value, or null.",
		jen.Func().Params(jen.Id("n").Add(nullableT())).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
			jen.If(jen.Op("!").Id("n").Dot("Valid")).Block(jen.Return(jen.Index().Byte().Call(jen.Lit("null")), jen.Nil())),
			jen.Return(jen.Qual(pkgJSON, "Marshal").Call(jen.Id("n").Dot("Value"))),
		))
}

// rtNullableUnmarshal renders:
//
//	// UnmarshalJSON records null or decodes a value; either way n is Set.
//	func (n *Nullable[T]) UnmarshalJSON(data []byte) error {
//		*n = Nullable[T]{Set: true}
//		if string(data) == "null" {
//			return nil
//		}
//		if err := json.Unmarshal(data, &n.Value); err != nil {
//			return err
//		}
//		n.Valid = true
//		return nil
//	}
func rtNullableUnmarshal() jen.Code {
	return withDoc("// UnmarshalJSON records null or decodes a value; either way n is Set.",
		jen.Func().Params(jen.Id("n").Op("*").Add(nullableT())).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
			jen.Op("*").Id("n").Op("=").Add(nullableT()).Values(jen.Id("Set").Op(":").True()),
			jen.If(jen.String().Call(jen.Id("data")).Op("==").Lit("null")).Block(jen.Return(jen.Nil())),
			jen.If(jen.Err().Op(":=").Qual(pkgJSON, "Unmarshal").Call(jen.Id("data"), jen.Op("&").Id("n").Dot("Value")), jen.Err().Op("!=").Nil()).Block(
				jen.Return(jen.Err()),
			),
			jen.Id("n").Dot("Valid").Op("=").True(),
			jen.Return(jen.Nil()),
		))
}

// optionalT renders Optional[T].
func optionalT() *jen.Statement { return jen.Id("Optional").Types(jen.Id("T")) }

// rtOptionalType renders:
//
//	// Optional is a field that may be left out although its zero value is a
//	// value too … (doc)
//	type Optional[T any] struct {
//		Value T
//		Set   bool // the field is present
//	}
func rtOptionalType() jen.Code {
	return withDoc(docText(declWidth, "Optional is a field that may be left out although its zero value is a value too: "+
		"a boolean, or a field whose default is not the zero value. The zero Optional is absent (omitzero leaves it "+
		"out); Some(false) sends false."),
		jen.Type().Id("Optional").Types(jen.Id("T").Any()).Struct(
			jen.Id("Value").Id("T"),
			jen.Id("Set").Bool().Comment("the field is present"),
		))
}

// rtSome renders:
//
//	// Some returns an Optional holding v.
//	func Some[T any](v T) Optional[T] {
//		return Optional[T]{Value: v, Set: true}
//	}
func rtSome() jen.Code {
	return withDoc("// Some returns an Optional holding v.",
		jen.Func().Id("Some").Types(jen.Id("T").Any()).Params(jen.Id("v").Id("T")).Add(optionalT()).Block(
			jen.Return(optionalT().Values(jen.Id("Value").Op(":").Id("v"), jen.Id("Set").Op(":").True())),
		))
}

// rtOptionalIsZero renders:
//
//	// IsZero reports whether o is absent, for the omitzero struct tag option.
//	func (o Optional[T]) IsZero() bool {
//		return !o.Set
//	}
func rtOptionalIsZero() jen.Code {
	return withDoc("// IsZero reports whether o is absent, for the omitzero struct tag option.",
		jen.Func().Params(jen.Id("o").Add(optionalT())).Id("IsZero").Params().Bool().Block(
			jen.Return(jen.Op("!").Id("o").Dot("Set")),
		))
}

// rtOptionalGet renders:
//
//	// Get returns the value and whether it is present.
//	func (o Optional[T]) Get() (T, bool) {
//		return o.Value, o.Set
//	}
func rtOptionalGet() jen.Code {
	return withDoc("// Get returns the value and whether it is present.",
		jen.Func().Params(jen.Id("o").Add(optionalT())).Id("Get").Params().Params(jen.Id("T"), jen.Bool()).Block(
			jen.Return(jen.Id("o").Dot("Value"), jen.Id("o").Dot("Set")),
		))
}

// rtOptionalMarshal renders:
//
//	// MarshalJSON encodes the value.
//	func (o Optional[T]) MarshalJSON() ([]byte, error) {
//		return json.Marshal(o.Value)
//	}
func rtOptionalMarshal() jen.Code {
	return withDoc("// MarshalJSON encodes the value.",
		jen.Func().Params(jen.Id("o").Add(optionalT())).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
			jen.Return(jen.Qual(pkgJSON, "Marshal").Call(jen.Id("o").Dot("Value"))),
		))
}

// rtOptionalUnmarshal renders:
//
//	// UnmarshalJSON decodes a value; null, which the spec does not allow
//	// here, reads as absent.
//	func (o *Optional[T]) UnmarshalJSON(data []byte) error {
//		*o = Optional[T]{}
//		if string(data) == "null" {
//			return nil
//		}
//		if err := json.Unmarshal(data, &o.Value); err != nil {
//			return err
//		}
//		o.Set = true
//		return nil
//	}
func rtOptionalUnmarshal() jen.Code {
	return withDoc(docText(declWidth, "UnmarshalJSON decodes a value; null, which the spec does not allow here, reads as absent."),
		jen.Func().Params(jen.Id("o").Op("*").Add(optionalT())).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
			jen.Op("*").Id("o").Op("=").Add(optionalT()).Values(),
			jen.If(jen.String().Call(jen.Id("data")).Op("==").Lit("null")).Block(jen.Return(jen.Nil())),
			jen.If(jen.Err().Op(":=").Qual(pkgJSON, "Unmarshal").Call(jen.Id("data"), jen.Op("&").Id("o").Dot("Value")), jen.Err().Op("!=").Nil()).Block(
				jen.Return(jen.Err()),
			),
			jen.Id("o").Dot("Set").Op("=").True(),
			jen.Return(jen.Nil()),
		))
}

// rtEventType renders:
//
//	// Event is one server-sent event.
//	type Event struct {
//		Event string // the "event:" field; "" means "message"
//		Data  string // the "data:" lines, joined with "\n"
//		ID    string // the last "id:" the stream sent
//	}
func rtEventType() jen.Code {
	return withDoc("// Event is one server-sent event.",
		jen.Type().Id("Event").Struct(
			jen.Id("Event").String().Comment(`the "event:" field; "" means "message"`),
			jen.Id("Data").String().Comment(`the "data:" lines, joined with "\n"`),
			jen.Id("ID").String().Comment(`the last "id:" the stream sent`),
		))
}

// rtEventStreamType renders:
//
//	// EventStream reads server-sent events (text/event-stream) from a
//	// response. Close it when done; cancelling the call's context ends it too.
//	type EventStream struct {
//		body   io.ReadCloser
//		reader *bufio.Reader
//		lastID string
//	}
func rtEventStreamType() jen.Code {
	return withDoc(docText(declWidth, "EventStream reads server-sent events (text/event-stream) from a response. "+
		"Close it when done; cancelling the call's context ends it too."),
		jen.Type().Id("EventStream").Struct(
			jen.Id("body").Qual(pkgIO, "ReadCloser"),
			jen.Id("reader").Op("*").Qual(pkgBufio, "Reader"),
			jen.Id("lastID").String(),
		))
}

// rtEventStreamNext renders:
//
//	// Next returns the next event, or io.EOF once the stream has ended.
//	func (s *EventStream) Next() (Event, error) {
//		var ev Event
//		seen, hasData := false, false
//		for {
//			line, err := s.reader.ReadString('\n')
//			if err != nil && err != io.EOF {
//				return Event{}, err
//			}
//			if line == "" && err == io.EOF && !seen {
//				return Event{}, io.EOF
//			}
//			line = strings.TrimRight(line, "\r\n")
//			if line == "" { // a blank line (or the end) dispatches the event
//				if seen {
//					ev.ID = s.lastID
//					return ev, nil
//				}
//				continue
//			}
//			field, value, _ := strings.Cut(line, ":")
//			value = strings.TrimPrefix(value, " ")
//			switch field {
//			case "event":
//				ev.Event, seen = value, true
//			case "data":
//				if hasData {
//					ev.Data += "\n"
//				}
//				ev.Data += value
//				seen, hasData = true, true
//			case "id":
//				s.lastID = value
//			}
//		}
//	}
func rtEventStreamNext() jen.Code {
	eof := jen.Qual(pkgIO, "EOF")
	return withDoc("// Next returns the next event, or io.EOF once the stream has ended.",
		jen.Func().Params(jen.Id("s").Op("*").Id("EventStream")).Id("Next").Params().Params(jen.Id("Event"), jen.Error()).Block(
			jen.Var().Id("ev").Id("Event"),
			jen.List(jen.Id("seen"), jen.Id("hasData")).Op(":=").List(jen.False(), jen.False()),
			jen.For().Block(
				jen.List(jen.Id("line"), jen.Err()).Op(":=").Id("s").Dot("reader").Dot("ReadString").Call(jen.LitRune('\n')),
				jen.If(jen.Err().Op("!=").Nil().Op("&&").Err().Op("!=").Add(eof.Clone())).Block(
					jen.Return(jen.Id("Event").Values(), jen.Err()),
				),
				jen.If(jen.Id("line").Op("==").Lit("").Op("&&").Err().Op("==").Add(eof.Clone()).Op("&&").Op("!").Id("seen")).Block(
					jen.Return(jen.Id("Event").Values(), eof.Clone()),
				),
				jen.Id("line").Op("=").Qual(pkgStrings, "TrimRight").Call(jen.Id("line"), jen.Lit("\r\n")),
				jen.If(jen.Id("line").Op("==").Lit("")).Block(
					jen.Comment("a blank line (or the end of the stream) dispatches the event"),
					jen.If(jen.Id("seen")).Block(
						jen.Id("ev").Dot("ID").Op("=").Id("s").Dot("lastID"),
						jen.Return(jen.Id("ev"), jen.Nil()),
					),
					jen.Continue(),
				),
				jen.List(jen.Id("field"), jen.Id("value"), jen.Id("_")).Op(":=").Qual(pkgStrings, "Cut").Call(jen.Id("line"), jen.Lit(":")),
				jen.Id("value").Op("=").Qual(pkgStrings, "TrimPrefix").Call(jen.Id("value"), jen.Lit(" ")),
				jen.Switch(jen.Id("field")).Block(
					jen.Case(jen.Lit("event")).Block(
						jen.List(jen.Id("ev").Dot("Event"), jen.Id("seen")).Op("=").List(jen.Id("value"), jen.True()),
					),
					jen.Case(jen.Lit("data")).Block(
						jen.If(jen.Id("hasData")).Block(jen.Id("ev").Dot("Data").Op("+=").Lit("\n")),
						jen.Id("ev").Dot("Data").Op("+=").Id("value"),
						jen.List(jen.Id("seen"), jen.Id("hasData")).Op("=").List(jen.True(), jen.True()),
					),
					jen.Case(jen.Lit("id")).Block(
						jen.Id("s").Dot("lastID").Op("=").Id("value"),
					),
				),
			),
		))
}

// rtEventStreamClose renders:
//
//	// Close closes the response body.
//	func (s *EventStream) Close() error {
//		return s.body.Close()
//	}
func rtEventStreamClose() jen.Code {
	return withDoc("// Close closes the response body.",
		jen.Func().Params(jen.Id("s").Op("*").Id("EventStream")).Id("Close").Params().Error().Block(
			jen.Return(jen.Id("s").Dot("body").Dot("Close").Call()),
		))
}

// rtEventStreamOf renders:
//
//	// EventStreamOf reads server-sent events whose data is JSON of the type
//	// the spec declares for the stream. Close it when done.
//	type EventStreamOf[T any] struct {
//		events *EventStream
//	}
//
//	// Close closes the stream.
//	func (s *EventStreamOf[T]) Close() error {
//		return s.events.Close()
//	}
//
//	// Next returns the next event's data decoded into a T, and the event;
//	// io.EOF once the stream has ended or sent "[DONE]" (as OpenAI-style
//	// APIs do to end one).
//	func (s *EventStreamOf[T]) Next() (T, Event, error) {
//		var v T
//		ev, err := s.events.Next()
//		if err != nil {
//			return v, ev, err
//		}
//		if strings.TrimSpace(ev.Data) == "[DONE]" {
//			return v, ev, io.EOF
//		}
//		if err := json.Unmarshal([]byte(ev.Data), &v); err != nil {
//			return v, ev, fmt.Errorf("decoding event %q: %w", ev.Event, err)
//		}
//		return v, ev, nil
//	}
func rtEventStreamOf() jen.Code {
	ret := func(err jen.Code) jen.Code { return jen.Return(jen.Id("v"), jen.Id("ev"), err) }
	return jen.Comment("// EventStreamOf reads server-sent events whose data is JSON of the type the spec\n"+
		"// declares for the stream. Close it when done.").Line().
		Type().Id("EventStreamOf").Types(jen.Id("T").Any()).Struct(jen.Id("events").Op("*").Id("EventStream")).Line().Line().
		Comment("// Close closes the stream.").Line().
		Func().Params(jen.Id("s").Op("*").Id("EventStreamOf").Types(jen.Id("T"))).Id("Close").Params().Error().Block(
		jen.Return(jen.Id("s").Dot("events").Dot("Close").Call())).Line().Line().
		Comment("// Next returns the next event's data decoded into a T, and the event; io.EOF\n"+
			"// once the stream has ended or sent \"[DONE]\" (as OpenAI-style APIs do to end\n"+
			"// one).").Line().
		Func().Params(jen.Id("s").Op("*").Id("EventStreamOf").Types(jen.Id("T"))).Id("Next").Params().Params(jen.Id("T"), jen.Id("Event"), jen.Error()).Block(
		jen.Var().Id("v").Id("T"),
		jen.List(jen.Id("ev"), jen.Err()).Op(":=").Id("s").Dot("events").Dot("Next").Call(),
		jen.If(jen.Err().Op("!=").Nil()).Block(ret(jen.Err())),
		jen.If(jen.Qual(pkgStrings, "TrimSpace").Call(jen.Id("ev").Dot("Data")).Op("==").Lit("[DONE]")).Block(ret(jen.Qual(pkgIO, "EOF"))),
		jen.If(jen.Err().Op(":=").Qual(pkgJSON, "Unmarshal").Call(jen.Index().Byte().Call(jen.Id("ev").Dot("Data")), jen.Op("&").Id("v")), jen.Err().Op("!=").Nil()).Block(
			ret(jen.Qual(pkgFmt, "Errorf").Call(jen.Lit("decoding event %q: %w"), jen.Id("ev").Dot("Event"), jen.Err()))),
		ret(jen.Nil()),
	)
}

// rtRequestType renders:
//
//	// request is one call, as an operation method builds it.
//	type request struct {
//		method      string
//		server      string // overrides the client's base URL when set
//		path        string // escaped
//		link        string // an absolute URL (a next page): replaces server, path and query
//		query       url.Values
//		header      url.Values
//		body        any // nil for none
//		contentType string
//		accept      string
//		errors      []errorCase // the error responses the operation declares
//	}
func rtRequestType() jen.Code {
	return withDoc("// request is one call, as an operation method builds it.",
		jen.Type().Id("request").Struct(
			jen.Id("method").String(),
			jen.Id("server").String().Comment("overrides the client's base URL when set"),
			jen.Id("path").String().Comment("escaped"),
			jen.Id("link").String().Comment("an absolute URL (a next page): replaces server, path and query"),
			jen.Id("query").Qual(pkgURL, "Values"),
			jen.Id("header").Qual(pkgURL, "Values"),
			jen.Id("body").Any().Comment("nil for none"),
			jen.Id("contentType").String(),
			jen.Id("accept").String(),
			jen.Id("errors").Index().Id("errorCase").Comment("the error responses the operation declares"),
		))
}

// rtEndpoint renders:
//
//	// endpoint is the absolute URL of r.
//	func (c *Client) endpoint(r *request) string {
//		if r.link != "" {
//			return r.link
//		}
//		base := c.baseURL
//		if r.server != "" {
//			base = strings.TrimRight(r.server, "/")
//			if moved, ok := c.servers[base]; ok {
//				base = moved
//			}
//		}
//		u := base + r.path
//		if len(r.query) > 0 {
//			u += "?" + r.query.Encode()
//		}
//		return u
//	}
func rtEndpoint() jen.Code {
	return withDoc("// endpoint is the absolute URL of r.",
		jen.Func().Params(jen.Id("c").Op("*").Id("Client")).Id("endpoint").Params(jen.Id("r").Op("*").Id("request")).String().Block(
			jen.If(jen.Id("r").Dot("link").Op("!=").Lit("")).Block(jen.Return(jen.Id("r").Dot("link"))),
			jen.Id("base").Op(":=").Id("c").Dot("baseURL"),
			jen.If(jen.Id("r").Dot("server").Op("!=").Lit("")).Block(
				jen.Id("base").Op("=").Qual(pkgStrings, "TrimRight").Call(jen.Id("r").Dot("server"), jen.Lit("/")),
				jen.If(jen.List(jen.Id("moved"), jen.Id("ok")).Op(":=").Id("c").Dot("servers").Index(jen.Id("base")), jen.Id("ok")).Block(
					jen.Id("base").Op("=").Id("moved"),
				),
			),
			jen.Id("u").Op(":=").Id("base").Op("+").Id("r").Dot("path"),
			jen.If(jen.Len(jen.Id("r").Dot("query")).Op(">").Lit(0)).Block(
				jen.Id("u").Op("+=").Lit("?").Op("+").Id("r").Dot("query").Dot("Encode").Call(),
			),
			jen.Return(jen.Id("u")),
		))
}

// rtNewRequest renders:
//
//	// newRequest builds one attempt of r; the body is sent from its start each time.
//	func (c *Client) newRequest(ctx context.Context, r *request, endpoint string, body []byte) (*http.Request, error) {
//		var rd io.Reader
//		if body != nil {
//			rd = bytes.NewReader(body)
//		}
//		req, err := http.NewRequestWithContext(ctx, r.method, endpoint, rd)
//		if err != nil {
//			return nil, err
//		}
//		if body != nil {
//			req.Header.Set("Content-Type", r.contentType)
//		}
//		req.Header.Set("Accept", r.accept)
//		if c.userAgent != "" {
//			req.Header.Set("User-Agent", c.userAgent)
//		}
//		if c.token != "" {
//			req.Header.Set("Authorization", "Bearer "+c.token)
//		}
//		for k, vs := range r.header {
//			for _, v := range vs {
//				req.Header.Add(k, v)
//			}
//		}
//		return req, nil
//	}
func rtNewRequest() jen.Code {
	set := func(k string, v jen.Code) jen.Code {
		return jen.Id("req").Dot("Header").Dot("Set").Call(jen.Lit(k), v)
	}
	return withDoc("// newRequest builds one attempt of r; the body is sent from its start each time.",
		jen.Func().Params(jen.Id("c").Op("*").Id("Client")).Id("newRequest").Params(
			jen.Id("ctx").Qual(pkgContext, "Context"), jen.Id("r").Op("*").Id("request"),
			jen.Id("endpoint").String(), jen.Id("body").Index().Byte(),
		).Params(jen.Op("*").Qual(pkgHTTP, "Request"), jen.Error()).Block(
			jen.Var().Id("rd").Qual(pkgIO, "Reader"),
			jen.If(jen.Id("body").Op("!=").Nil()).Block(jen.Id("rd").Op("=").Qual(pkgBytes, "NewReader").Call(jen.Id("body"))),
			jen.List(jen.Id("req"), jen.Err()).Op(":=").Qual(pkgHTTP, "NewRequestWithContext").Call(
				jen.Id("ctx"), jen.Id("r").Dot("method"), jen.Id("endpoint"), jen.Id("rd")),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
			jen.If(jen.Id("body").Op("!=").Nil()).Block(set("Content-Type", jen.Id("r").Dot("contentType"))),
			set("Accept", jen.Id("r").Dot("accept")),
			jen.If(jen.Id("c").Dot("userAgent").Op("!=").Lit("")).Block(set("User-Agent", jen.Id("c").Dot("userAgent"))),
			jen.If(jen.Id("c").Dot("token").Op("!=").Lit("")).Block(set("Authorization", jen.Lit("Bearer ").Op("+").Id("c").Dot("token"))),
			jen.For(jen.List(jen.Id("k"), jen.Id("vs")).Op(":=").Range().Id("r").Dot("header")).Block(
				jen.For(jen.List(jen.Id("_"), jen.Id("v")).Op(":=").Range().Id("vs")).Block(
					jen.Id("req").Dot("Header").Dot("Add").Call(jen.Id("k"), jen.Id("v")),
				),
			),
			jen.Return(jen.Id("req"), jen.Nil()),
		))
}

// rtSend renders:
//
//	// send sends r and returns the last attempt's response, whose body the
//	// caller closes. Idempotent calls are retried after a 429, a 5xx or a
//	// transport error, c.retries times at most.
//	func (c *Client) send(ctx context.Context, r *request) (*http.Response, error) {
//		var body []byte
//		if r.body != nil {
//			var err error
//			if body, err = encodeBody(r.body, r.contentType); err != nil {
//				return nil, fmt.Errorf("encoding the %s %s body: %w", r.method, r.path, err)
//			}
//		}
//		endpoint := c.endpoint(r)
//		for attempt := 0; ; attempt++ {
//			req, err := c.newRequest(ctx, r, endpoint, body)
//			if err != nil {
//				return nil, err
//			}
//			resp, err := c.httpClient.Do(req)
//			wait, retry := c.retryDelay(r.method, attempt, resp, err)
//			if !retry {
//				return resp, err
//			}
//			if resp != nil {
//				_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
//				resp.Body.Close()
//			}
//			if err := sleepCtx(ctx, wait); err != nil {
//				return nil, err
//			}
//		}
//	}
func rtSend() jen.Code {
	return withDoc(docText(declWidth, "send sends r and returns the last attempt's response, whose body the caller closes. "+
		"Idempotent calls are retried after a 429, a 5xx or a transport error, c.retries times at most."),
		jen.Func().Params(jen.Id("c").Op("*").Id("Client")).Id("send").Params(
			jen.Id("ctx").Qual(pkgContext, "Context"), jen.Id("r").Op("*").Id("request"),
		).Params(jen.Op("*").Qual(pkgHTTP, "Response"), jen.Error()).Block(
			jen.Var().Id("body").Index().Byte(),
			jen.If(jen.Id("r").Dot("body").Op("!=").Nil()).Block(
				jen.Var().Err().Error(),
				jen.If(
					jen.List(jen.Id("body"), jen.Err()).Op("=").Id("encodeBody").Call(jen.Id("r").Dot("body"), jen.Id("r").Dot("contentType")),
					jen.Err().Op("!=").Nil(),
				).Block(
					jen.Return(jen.Nil(), jen.Qual(pkgFmt, "Errorf").Call(jen.Lit("encoding the %s %s body: %w"),
						jen.Id("r").Dot("method"), jen.Id("r").Dot("path"), jen.Err())),
				),
			),
			jen.Id("endpoint").Op(":=").Id("c").Dot("endpoint").Call(jen.Id("r")),
			jen.For(jen.Id("attempt").Op(":=").Lit(0), jen.Empty(), jen.Id("attempt").Op("++")).Block(
				jen.List(jen.Id("req"), jen.Err()).Op(":=").Id("c").Dot("newRequest").Call(
					jen.Id("ctx"), jen.Id("r"), jen.Id("endpoint"), jen.Id("body")),
				jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
				jen.List(jen.Id("resp"), jen.Err()).Op(":=").Id("c").Dot("httpClient").Dot("Do").Call(jen.Id("req")),
				jen.List(jen.Id("wait"), jen.Id("retry")).Op(":=").Id("c").Dot("retryDelay").Call(
					jen.Id("r").Dot("method"), jen.Id("attempt"), jen.Id("resp"), jen.Err()),
				jen.If(jen.Op("!").Id("retry")).Block(jen.Return(jen.Id("resp"), jen.Err())),
				jen.If(jen.Id("resp").Op("!=").Nil()).Block(
					jen.List(jen.Id("_"), jen.Id("_")).Op("=").Qual(pkgIO, "Copy").Call(
						jen.Qual(pkgIO, "Discard"),
						jen.Qual(pkgIO, "LimitReader").Call(jen.Id("resp").Dot("Body"), jen.Lit(1).Op("<<").Lit(16))),
					jen.Id("resp").Dot("Body").Dot("Close").Call(),
				),
				jen.If(jen.Err().Op(":=").Id("sleepCtx").Call(jen.Id("ctx"), jen.Id("wait")), jen.Err().Op("!=").Nil()).Block(
					jen.Return(jen.Nil(), jen.Err()),
				),
			),
		))
}

// rtRetryDelay renders:
//
//	// retryDelay says whether attempt (0 for the first) is retried, and after how long.
//	func (c *Client) retryDelay(method string, attempt int, resp *http.Response, err error) (time.Duration, bool) {
//		if attempt >= c.retries {
//			return 0, false
//		}
//		if err != nil {
//			if !idempotent(method) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
//				return 0, false
//			}
//			return backoff(attempt), true
//		}
//		if resp.StatusCode != http.StatusTooManyRequests && (!idempotent(method) || resp.StatusCode < 500 || resp.StatusCode == http.StatusNotImplemented) {
//			return 0, false
//		}
//		wait := backoff(attempt)
//		if s := resp.Header.Get("Retry-After"); s != "" {
//			if n, err := strconv.Atoi(s); err == nil {
//				wait = time.Duration(n) * time.Second
//			} else if t, err := http.ParseTime(s); err == nil {
//				wait = time.Until(t)
//			}
//		} else if reset := rateOf(resp.Header).Reset; !reset.IsZero() && resp.StatusCode == http.StatusTooManyRequests {
//			wait = time.Until(reset)
//		}
//		return min(max(wait, 0), maxBackoff), true
//	}
func rtRetryDelay() jen.Code {
	status := jen.Id("resp").Dot("StatusCode")
	tooMany := jen.Qual(pkgHTTP, "StatusTooManyRequests")
	no := jen.Return(jen.Lit(0), jen.False())
	return withDoc("// retryDelay says whether attempt (0 for the first) is retried, and after how long.",
		jen.Func().Params(jen.Id("c").Op("*").Id("Client")).Id("retryDelay").Params(
			jen.Id("method").String(), jen.Id("attempt").Int(), jen.Id("resp").Op("*").Qual(pkgHTTP, "Response"), jen.Err().Error(),
		).Params(jen.Qual(pkgTime, "Duration"), jen.Bool()).Block(
			jen.If(jen.Id("attempt").Op(">=").Id("c").Dot("retries")).Block(no.Clone()),
			jen.If(jen.Err().Op("!=").Nil()).Block(
				jen.If(jen.Op("!").Id("idempotent").Call(jen.Id("method")).Op("||").
					Qual(pkgErrors, "Is").Call(jen.Err(), jen.Qual(pkgContext, "Canceled")).Op("||").
					Qual(pkgErrors, "Is").Call(jen.Err(), jen.Qual(pkgContext, "DeadlineExceeded"))).Block(no.Clone()),
				jen.Return(jen.Id("backoff").Call(jen.Id("attempt")), jen.True()),
			),
			jen.If(status.Clone().Op("!=").Add(tooMany.Clone()).Op("&&").Parens(
				jen.Op("!").Id("idempotent").Call(jen.Id("method")).Op("||").
					Add(status.Clone()).Op("<").Lit(500).Op("||").Add(status.Clone()).Op("==").Qual(pkgHTTP, "StatusNotImplemented"))).Block(no.Clone()),
			jen.Id("wait").Op(":=").Id("backoff").Call(jen.Id("attempt")),
			jen.If(jen.Id("s").Op(":=").Id("resp").Dot("Header").Dot("Get").Call(jen.Lit("Retry-After")), jen.Id("s").Op("!=").Lit("")).Block(
				jen.If(jen.List(jen.Id("n"), jen.Err()).Op(":=").Qual(pkgStrconv, "Atoi").Call(jen.Id("s")), jen.Err().Op("==").Nil()).Block(
					jen.Id("wait").Op("=").Qual(pkgTime, "Duration").Call(jen.Id("n")).Op("*").Qual(pkgTime, "Second"),
				).Else().If(jen.List(jen.Id("t"), jen.Err()).Op(":=").Qual(pkgHTTP, "ParseTime").Call(jen.Id("s")), jen.Err().Op("==").Nil()).Block(
					jen.Id("wait").Op("=").Qual(pkgTime, "Until").Call(jen.Id("t")),
				),
			).Else().If(
				jen.Id("reset").Op(":=").Id("rateOf").Call(jen.Id("resp").Dot("Header")).Dot("Reset"),
				jen.Op("!").Id("reset").Dot("IsZero").Call().Op("&&").Add(status.Clone()).Op("==").Add(tooMany.Clone()),
			).Block(
				jen.Id("wait").Op("=").Qual(pkgTime, "Until").Call(jen.Id("reset")),
			),
			jen.Return(jen.Min(jen.Max(jen.Id("wait"), jen.Lit(0)), jen.Id("maxBackoff")), jen.True()),
		))
}

// rtBackoff renders:
//
//	// backoff is the wait before retrying attempt when the server gave no
//	// hint: exponential from minBackoff, capped at maxBackoff, with jitter.
//	func backoff(attempt int) time.Duration {
//		d := time.Duration(maxBackoff)
//		if attempt < 16 {
//			d = min(minBackoff<<attempt, maxBackoff)
//		}
//		return d/2 + rand.N(d/2+1)
//	}
func rtBackoff() jen.Code {
	return withDoc("// backoff is the wait before retrying attempt when the server gave no hint:\n"+
		"// exponential from minBackoff, capped at maxBackoff, with jitter.",
		jen.Func().Id("backoff").Params(jen.Id("attempt").Int()).Qual(pkgTime, "Duration").Block(
			jen.Id("d").Op(":=").Qual(pkgTime, "Duration").Call(jen.Id("maxBackoff")),
			jen.If(jen.Id("attempt").Op("<").Lit(16)).Block(
				jen.Id("d").Op("=").Min(jen.Id("minBackoff").Op("<<").Id("attempt"), jen.Id("maxBackoff")),
			),
			jen.Return(jen.Id("d").Op("/").Lit(2).Op("+").Qual(pkgRand, "N").Call(jen.Id("d").Op("/").Lit(2).Op("+").Lit(1))),
		))
}

// rtSleepCtx renders:
//
//	// sleepCtx waits for d, or until ctx is done.
//	func sleepCtx(ctx context.Context, d time.Duration) error {
//		if d <= 0 {
//			return ctx.Err()
//		}
//		t := time.NewTimer(d)
//		defer t.Stop()
//		select {
//		case <-ctx.Done():
//			return ctx.Err()
//		case <-t.C:
//			return nil
//		}
//	}
func rtSleepCtx() jen.Code {
	return withDoc("// sleepCtx waits for d, or until ctx is done.",
		jen.Func().Id("sleepCtx").Params(jen.Id("ctx").Qual(pkgContext, "Context"), jen.Id("d").Qual(pkgTime, "Duration")).Error().Block(
			jen.If(jen.Id("d").Op("<=").Lit(0)).Block(jen.Return(jen.Id("ctx").Dot("Err").Call())),
			jen.Id("t").Op(":=").Qual(pkgTime, "NewTimer").Call(jen.Id("d")),
			jen.Defer().Id("t").Dot("Stop").Call(),
			jen.Select().Block(
				jen.Case(jen.Op("<-").Id("ctx").Dot("Done").Call()).Block(jen.Return(jen.Id("ctx").Dot("Err").Call())),
				jen.Case(jen.Op("<-").Id("t").Dot("C")).Block(jen.Return(jen.Nil())),
			),
		))
}

// rtIdempotent renders:
//
//	// idempotent reports whether a call with method may be sent again.
//	func idempotent(method string) bool {
//		switch method {
//		case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions:
//			return true
//		}
//		return false
//	}
func rtIdempotent() jen.Code {
	return withDoc("// idempotent reports whether a call with method may be sent again.",
		jen.Func().Id("idempotent").Params(jen.Id("method").String()).Bool().Block(
			jen.Switch(jen.Id("method")).Block(
				jen.Case(jen.Qual(pkgHTTP, "MethodGet"), jen.Qual(pkgHTTP, "MethodHead"), jen.Qual(pkgHTTP, "MethodPut"),
					jen.Qual(pkgHTTP, "MethodDelete"), jen.Qual(pkgHTTP, "MethodOptions")).Block(jen.Return(jen.True())),
			),
			jen.Return(jen.False()),
		))
}

// rtReadBody renders:
//
//	// readBody reads and closes the body of hr and puts the bytes back, so
//	// that Response.Body can be read again.
//	func readBody(hr *http.Response) ([]byte, error) {
//		data, err := io.ReadAll(hr.Body)
//		hr.Body.Close()
//		hr.Body = io.NopCloser(bytes.NewReader(data))
//		return data, err
//	}
func rtReadBody() jen.Code {
	return withDoc("// readBody reads and closes the body of hr and puts the bytes back, so that\n// Response.Body can be read again.",
		jen.Func().Id("readBody").Params(jen.Id("hr").Op("*").Qual(pkgHTTP, "Response")).Params(jen.Index().Byte(), jen.Error()).Block(
			jen.List(jen.Id("data"), jen.Err()).Op(":=").Qual(pkgIO, "ReadAll").Call(jen.Id("hr").Dot("Body")),
			jen.Id("hr").Dot("Body").Dot("Close").Call(),
			jen.Id("hr").Dot("Body").Op("=").Qual(pkgIO, "NopCloser").Call(jen.Qual(pkgBytes, "NewReader").Call(jen.Id("data"))),
			jen.Return(jen.Id("data"), jen.Err()),
		))
}

// not2xx renders hr.StatusCode < 200 || hr.StatusCode > 299.
func not2xx() *jen.Statement {
	return jen.Id("hr").Dot("StatusCode").Op("<").Lit(200).Op("||").Id("hr").Dot("StatusCode").Op(">").Lit(299)
}

// rtDo renders:
//
//	// do sends r and decodes a 2xx body into v, unless v is nil; other
//	// statuses give an *Error.
//	func (c *Client) do(ctx context.Context, r *request, v any) (*Response, error) {
//		hr, err := c.send(ctx, r)
//		if err != nil {
//			return nil, err
//		}
//		resp := newResponse(hr)
//		data, err := readBody(hr)
//		if err != nil {
//			return resp, err
//		}
//		if hr.StatusCode < 200 || hr.StatusCode > 299 {
//			return resp, failure(r.errors, newError(hr, data))
//		}
//		resp.readPaging(data)
//		if v == nil || len(data) == 0 {
//			return resp, nil
//		}
//		if err := decodeBody(data, hr.Header.Get("Content-Type"), v); err != nil {
//			return resp, fmt.Errorf("decoding the %s %s response: %w", r.method, r.path, err)
//		}
//		return resp, nil
//	}
func rtDo() jen.Code {
	return withDoc("// do sends r and decodes a 2xx body into v, unless v is nil; other statuses\n// give an *Error.",
		jen.Func().Params(jen.Id("c").Op("*").Id("Client")).Id("do").Params(
			jen.Id("ctx").Qual(pkgContext, "Context"), jen.Id("r").Op("*").Id("request"), jen.Id("v").Any(),
		).Params(jen.Op("*").Id("Response"), jen.Error()).Block(
			jen.List(jen.Id("hr"), jen.Err()).Op(":=").Id("c").Dot("send").Call(jen.Id("ctx"), jen.Id("r")),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
			jen.Id("resp").Op(":=").Id("newResponse").Call(jen.Id("hr")),
			jen.List(jen.Id("data"), jen.Err()).Op(":=").Id("readBody").Call(jen.Id("hr")),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Id("resp"), jen.Err())),
			jen.If(not2xx()).Block(jen.Return(jen.Id("resp"), jen.Id("failure").Call(jen.Id("r").Dot("errors"), jen.Id("newError").Call(jen.Id("hr"), jen.Id("data"))))),
			jen.Id("resp").Dot("readPaging").Call(jen.Id("data")),
			jen.If(jen.Id("v").Op("==").Nil().Op("||").Len(jen.Id("data")).Op("==").Lit(0)).Block(jen.Return(jen.Id("resp"), jen.Nil())),
			jen.If(
				jen.Err().Op(":=").Id("decodeBody").Call(jen.Id("data"),
					jen.Id("hr").Dot("Header").Dot("Get").Call(jen.Lit("Content-Type")), jen.Id("v")),
				jen.Err().Op("!=").Nil(),
			).Block(
				jen.Return(jen.Id("resp"), jen.Qual(pkgFmt, "Errorf").Call(jen.Lit("decoding the %s %s response: %w"),
					jen.Id("r").Dot("method"), jen.Id("r").Dot("path"), jen.Err())),
			),
			jen.Return(jen.Id("resp"), jen.Nil()),
		))
}

// rtStream renders:
//
//	// stream sends r and returns a 2xx body as an event stream.
//	func (c *Client) stream(ctx context.Context, r *request) (*EventStream, *Response, error) {
//		hr, err := c.send(ctx, r)
//		if err != nil {
//			return nil, nil, err
//		}
//		resp := newResponse(hr)
//		if hr.StatusCode < 200 || hr.StatusCode > 299 {
//			data, _ := readBody(hr)
//			return nil, resp, failure(r.errors, newError(hr, data))
//		}
//		return &EventStream{body: hr.Body, reader: bufio.NewReader(hr.Body)}, resp, nil
//	}
func rtStream() jen.Code {
	return withDoc("// stream sends r and returns a 2xx body as an event stream.",
		jen.Func().Params(jen.Id("c").Op("*").Id("Client")).Id("stream").Params(
			jen.Id("ctx").Qual(pkgContext, "Context"), jen.Id("r").Op("*").Id("request"),
		).Params(jen.Op("*").Id("EventStream"), jen.Op("*").Id("Response"), jen.Error()).Block(
			jen.List(jen.Id("hr"), jen.Err()).Op(":=").Id("c").Dot("send").Call(jen.Id("ctx"), jen.Id("r")),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Nil(), jen.Err())),
			jen.Id("resp").Op(":=").Id("newResponse").Call(jen.Id("hr")),
			jen.If(not2xx()).Block(
				jen.List(jen.Id("data"), jen.Id("_")).Op(":=").Id("readBody").Call(jen.Id("hr")),
				jen.Return(jen.Nil(), jen.Id("resp"), jen.Id("failure").Call(jen.Id("r").Dot("errors"), jen.Id("newError").Call(jen.Id("hr"), jen.Id("data")))),
			),
			jen.Return(jen.Op("&").Id("EventStream").Values(
				jen.Id("body").Op(":").Id("hr").Dot("Body"),
				jen.Id("reader").Op(":").Qual(pkgBufio, "NewReader").Call(jen.Id("hr").Dot("Body")),
			), jen.Id("resp"), jen.Nil()),
		))
}

// rtEncodeBody renders:
//
//	// encodeBody encodes a request body: bytes as they are, a string as it is
//	// for a media type other than JSON, anything else as JSON.
//	func encodeBody(v any, contentType string) ([]byte, error) {
//		switch v := v.(type) {
//		case []byte:
//			return v, nil
//		case string:
//			if !isJSONType(contentType) {
//				return []byte(v), nil
//			}
//		}
//		return json.Marshal(v)
//	}
func rtEncodeBody() jen.Code {
	return withDoc("// encodeBody encodes a request body: bytes as they are, a string as it is for a\n"+
		"// media type other than JSON, anything else as JSON.",
		jen.Func().Id("encodeBody").Params(jen.Id("v").Any(), jen.Id("contentType").String()).Params(jen.Index().Byte(), jen.Error()).Block(
			jen.Switch(jen.Id("v").Op(":=").Id("v").Assert(jen.Type())).Block(
				jen.Case(jen.Index().Byte()).Block(jen.Return(jen.Id("v"), jen.Nil())),
				jen.Case(jen.String()).Block(
					jen.If(jen.Op("!").Id("isJSONType").Call(jen.Id("contentType"))).Block(
						jen.Return(jen.Index().Byte().Call(jen.Id("v")), jen.Nil()),
					),
				),
			),
			jen.Return(jen.Qual(pkgJSON, "Marshal").Call(jen.Id("v"))),
		))
}

// rtDecodeBody renders:
//
//	// decodeBody decodes a response body into v: the bytes as they are into
//	// a *[]byte, the text into a *string for a media type other than JSON,
//	// JSON otherwise.
//	func decodeBody(data []byte, contentType string, v any) error {
//		switch v := v.(type) {
//		case *[]byte:
//			*v = data
//			return nil
//		case *string:
//			if !isJSONType(contentType) {
//				*v = string(data)
//				return nil
//			}
//		}
//		return json.Unmarshal(data, v)
//	}
func rtDecodeBody() jen.Code {
	return withDoc("// decodeBody decodes a response body into v: the bytes as they are into a\n"+
		"// *[]byte, the text into a *string for a media type other than JSON, JSON\n"+
		"// otherwise.",
		jen.Func().Id("decodeBody").Params(jen.Id("data").Index().Byte(), jen.Id("contentType").String(), jen.Id("v").Any()).Error().Block(
			jen.Switch(jen.Id("v").Op(":=").Id("v").Assert(jen.Type())).Block(
				jen.Case(jen.Op("*").Index().Byte()).Block(
					jen.Op("*").Id("v").Op("=").Id("data"),
					jen.Return(jen.Nil()),
				),
				jen.Case(jen.Op("*").String()).Block(
					jen.If(jen.Op("!").Id("isJSONType").Call(jen.Id("contentType"))).Block(
						jen.Op("*").Id("v").Op("=").String().Call(jen.Id("data")),
						jen.Return(jen.Nil()),
					),
				),
			),
			jen.Return(jen.Qual(pkgJSON, "Unmarshal").Call(jen.Id("data"), jen.Id("v"))),
		))
}

// rtIsJSONType renders:
//
//	// isJSONType reports whether a media type is JSON; "" counts as JSON.
//	func isJSONType(contentType string) bool {
//		mt, _, _ := strings.Cut(contentType, ";")
//		mt = strings.ToLower(strings.TrimSpace(mt))
//		return mt == "" || mt == "application/json" || strings.HasSuffix(mt, "+json")
//	}
func rtIsJSONType() jen.Code {
	return withDoc(`// isJSONType reports whether a media type is JSON; "" counts as JSON.`,
		jen.Func().Id("isJSONType").Params(jen.Id("contentType").String()).Bool().Block(
			jen.List(jen.Id("mt"), jen.Id("_"), jen.Id("_")).Op(":=").Qual(pkgStrings, "Cut").Call(jen.Id("contentType"), jen.Lit(";")),
			jen.Id("mt").Op("=").Qual(pkgStrings, "ToLower").Call(jen.Qual(pkgStrings, "TrimSpace").Call(jen.Id("mt"))),
			jen.Return(jen.Id("mt").Op("==").Lit("").Op("||").Id("mt").Op("==").Lit("application/json").
				Op("||").Qual(pkgStrings, "HasSuffix").Call(jen.Id("mt"), jen.Lit("+json"))),
		))
}

// rtParamString renders:
//
//	// paramString formats a parameter value for a URL or a header.
//	func paramString(v any) string {
//		switch v := v.(type) {
//		case string:
//			return v
//		case time.Time:
//			return v.Format(time.RFC3339)
//		case fmt.Stringer:
//			return v.String()
//		case float64:
//			return strconv.FormatFloat(v, 'f', -1, 64)
//		}
//		return fmt.Sprint(v)
//	}
func rtParamString() jen.Code {
	return withDoc("// paramString formats a parameter value for a URL or a header.",
		jen.Func().Id("paramString").Params(jen.Id("v").Any()).String().Block(
			jen.Switch(jen.Id("v").Op(":=").Id("v").Assert(jen.Type())).Block(
				jen.Case(jen.String()).Block(jen.Return(jen.Id("v"))),
				jen.Case(jen.Qual(pkgTime, "Time")).Block(jen.Return(jen.Id("v").Dot("Format").Call(jen.Qual(pkgTime, "RFC3339")))),
				jen.Case(jen.Qual(pkgFmt, "Stringer")).Block(jen.Return(jen.Id("v").Dot("String").Call())),
				jen.Case(jen.Float64()).Block(jen.Return(jen.Qual(pkgStrconv, "FormatFloat").Call(
					jen.Id("v"), jen.LitRune('f'), jen.Lit(-1), jen.Lit(64)))),
			),
			jen.Return(jen.Qual(pkgFmt, "Sprint").Call(jen.Id("v"))),
		))
}

// rtPathParam renders:
//
//	// pathParam formats and escapes a path parameter.
//	func pathParam(v any) string {
//		return url.PathEscape(paramString(v))
//	}
func rtPathParam() jen.Code {
	return withDoc("// pathParam formats and escapes a path parameter.",
		jen.Func().Id("pathParam").Params(jen.Id("v").Any()).String().Block(
			jen.Return(jen.Qual(pkgURL, "PathEscape").Call(jen.Id("paramString").Call(jen.Id("v")))),
		))
}

// rtServerURL renders:
//
//	// serverURL fills the variables of a server URL template from name,
//	// value, default triples: an empty value takes the default, and a
//	// variable with neither is an error.
//	func serverURL(template string, vars ...string) (string, error) {
//		for i := 0; i+2 < len(vars); i += 3 {
//			v := vars[i+1]
//			if v == "" {
//				v = vars[i+2]
//			}
//			if v == "" {
//				return "", fmt.Errorf("server %s: no value for {%s}", template, vars[i])
//			}
//			template = strings.ReplaceAll(template, "{"+vars[i]+"}", v)
//		}
//		return template, nil
//	}
func rtServerURL() jen.Code {
	v := jen.Id("v")
	name := jen.Id("vars").Index(jen.Id("i"))
	return withDoc(docText(declWidth, "serverURL fills the variables of a server URL template from name, value, default triples: "+
		"an empty value takes the default, and a variable with neither is an error."),
		jen.Func().Id("serverURL").Params(jen.Id("template").String(), jen.Id("vars").Op("...").String()).Params(jen.String(), jen.Error()).Block(
			jen.For(jen.Id("i").Op(":=").Lit(0), jen.Id("i").Op("+").Lit(2).Op("<").Len(jen.Id("vars")), jen.Id("i").Op("+=").Lit(3)).Block(
				v.Clone().Op(":=").Id("vars").Index(jen.Id("i").Op("+").Lit(1)),
				jen.If(v.Clone().Op("==").Lit("")).Block(v.Clone().Op("=").Id("vars").Index(jen.Id("i").Op("+").Lit(2))),
				jen.If(v.Clone().Op("==").Lit("")).Block(
					jen.Return(jen.Lit(""), jen.Qual(pkgFmt, "Errorf").Call(jen.Lit("server %s: no value for {%s}"), jen.Id("template"), name.Clone())),
				),
				jen.Id("template").Op("=").Qual(pkgStrings, "ReplaceAll").Call(jen.Id("template"), jen.Lit("{").Op("+").Add(name.Clone()).Op("+").Lit("}"), v.Clone()),
			),
			jen.Return(jen.Id("template"), jen.Nil()),
		))
}

// rtNextPage renders:
//
//	// nextPage is the request for the page a response links to as next, nil
//	// after the last. The link must stay on the scheme and host the response
//	// came from, so the token is never sent anywhere else.
//	func nextPage(resp *Response) (*request, error) {
//		if resp == nil || resp.Links == nil || resp.Links.Pages.Next == "" {
//			return nil, nil
//		}
//		if resp.Response == nil || resp.Request == nil {
//			return nil, errors.New("next page: the response has no request to resolve its link against")
//		}
//		from := resp.Request.URL
//		u, err := from.Parse(resp.Links.Pages.Next)
//		if err != nil {
//			return nil, fmt.Errorf("next page: %w", err)
//		}
//		if u.Scheme != from.Scheme || u.Host != from.Host {
//			return nil, fmt.Errorf("next page %s is not on %s://%s", u.Redacted(), from.Scheme, from.Host)
//		}
//		return &request{method: "GET", path: u.EscapedPath(), link: u.String(), accept: "application/json"}, nil
//	}
func rtNextPage() jen.Code {
	from := jen.Id("from")
	return withDoc(docText(declWidth, "nextPage is the request for the page a response links to as next, nil after the last. "+
		"The link must stay on the scheme and host the response came from, so the token is never sent anywhere else."),
		jen.Func().Id("nextPage").Params(jen.Id("resp").Op("*").Id("Response")).Params(jen.Op("*").Id("request"), jen.Error()).Block(
			jen.If(jen.Id("resp").Op("==").Nil().Op("||").Id("resp").Dot("Links").Op("==").Nil().
				Op("||").Id("resp").Dot("Links").Dot("Pages").Dot("Next").Op("==").Lit("")).Block(jen.Return(jen.Nil(), jen.Nil())),
			jen.If(jen.Id("resp").Dot("Response").Op("==").Nil().Op("||").Id("resp").Dot("Request").Op("==").Nil()).Block(
				jen.Return(jen.Nil(), jen.Qual(pkgErrors, "New").Call(jen.Lit("next page: the response has no request to resolve its link against"))),
			),
			from.Clone().Op(":=").Id("resp").Dot("Request").Dot("URL"),
			jen.List(jen.Id("u"), jen.Err()).Op(":=").Add(from.Clone()).Dot("Parse").Call(jen.Id("resp").Dot("Links").Dot("Pages").Dot("Next")),
			jen.If(jen.Err().Op("!=").Nil()).Block(
				jen.Return(jen.Nil(), jen.Qual(pkgFmt, "Errorf").Call(jen.Lit("next page: %w"), jen.Err())),
			),
			jen.If(jen.Id("u").Dot("Scheme").Op("!=").Add(from.Clone()).Dot("Scheme").Op("||").Id("u").Dot("Host").Op("!=").Add(from.Clone()).Dot("Host")).Block(
				jen.Return(jen.Nil(), jen.Qual(pkgFmt, "Errorf").Call(jen.Lit("next page %s is not on %s://%s"),
					jen.Id("u").Dot("Redacted").Call(), from.Clone().Dot("Scheme"), from.Clone().Dot("Host"))),
			),
			jen.Return(jen.Op("&").Id("request").Values(jen.Dict{
				jen.Id("method"): jen.Lit("GET"),
				jen.Id("path"):   jen.Id("u").Dot("EscapedPath").Call(),
				jen.Id("link"):   jen.Id("u").Dot("String").Call(),
				jen.Id("accept"): jen.Lit("application/json"),
			}), jen.Nil()),
		))
}

// rtSetParam renders:
//
//	// setParam sets key to v unless v is the zero value.
//	func setParam[T comparable](values url.Values, key string, v T) {
//		var zero T
//		if v != zero {
//			values.Set(key, paramString(v))
//		}
//	}
func rtSetParam() jen.Code {
	return withDoc("// setParam sets key to v unless v is the zero value.",
		jen.Func().Id("setParam").Types(jen.Id("T").Comparable()).Params(
			jen.Id("values").Qual(pkgURL, "Values"), jen.Id("key").String(), jen.Id("v").Id("T"),
		).Block(
			jen.Var().Id("zero").Id("T"),
			jen.If(jen.Id("v").Op("!=").Id("zero")).Block(
				jen.Id("values").Dot("Set").Call(jen.Id("key"), jen.Id("paramString").Call(jen.Id("v"))),
			),
		))
}

// rtAddList renders:
//
//	// addList adds vs under key: a key per value when explode is set, else
//	// one comma-separated value. An empty list adds nothing.
//	func addList[T any](values url.Values, key string, vs []T, explode bool) {
//		if len(vs) == 0 {
//			return
//		}
//		parts := make([]string, len(vs))
//		for i, v := range vs {
//			parts[i] = paramString(v)
//		}
//		if explode {
//			values[key] = append(values[key], parts...)
//		} else {
//			values.Add(key, strings.Join(parts, ","))
//		}
//	}
func rtAddList() jen.Code {
	return withDoc("// addList adds vs under key: a key per value when explode is set, else one\n"+
		"// comma-separated value. An empty list adds nothing.",
		jen.Func().Id("addList").Types(jen.Id("T").Any()).Params(
			jen.Id("values").Qual(pkgURL, "Values"), jen.Id("key").String(), jen.Id("vs").Index().Id("T"), jen.Id("explode").Bool(),
		).Block(
			jen.If(jen.Len(jen.Id("vs")).Op("==").Lit(0)).Block(jen.Return()),
			jen.Id("parts").Op(":=").Make(jen.Index().String(), jen.Len(jen.Id("vs"))),
			jen.For(jen.List(jen.Id("i"), jen.Id("v")).Op(":=").Range().Id("vs")).Block(
				jen.Id("parts").Index(jen.Id("i")).Op("=").Id("paramString").Call(jen.Id("v")),
			),
			jen.If(jen.Id("explode")).Block(
				jen.Id("values").Index(jen.Id("key")).Op("=").Append(jen.Id("values").Index(jen.Id("key")), jen.Id("parts").Op("...")),
			).Else().Block(
				jen.Id("values").Dot("Add").Call(jen.Id("key"), jen.Qual(pkgStrings, "Join").Call(jen.Id("parts"), jen.Lit(","))),
			),
		))
}

// rtSetJSONParam renders:
//
//	// setJSONParam sets key to the JSON encoding of v (an object or a map),
//	// unless it is empty.
//	func setJSONParam(values url.Values, key string, v any) {
//		data, err := json.Marshal(v)
//		if err != nil || string(data) == "null" || string(data) == "{}" {
//			return
//		}
//		values.Set(key, string(data))
//	}
func rtSetJSONParam() jen.Code {
	data := jen.String().Call(jen.Id("data"))
	return withDoc("// setJSONParam sets key to the JSON encoding of v (an object or a map), unless\n// it is empty.",
		jen.Func().Id("setJSONParam").Params(jen.Id("values").Qual(pkgURL, "Values"), jen.Id("key").String(), jen.Id("v").Any()).Block(
			jen.List(jen.Id("data"), jen.Err()).Op(":=").Qual(pkgJSON, "Marshal").Call(jen.Id("v")),
			jen.If(jen.Err().Op("!=").Nil().Op("||").Add(data.Clone()).Op("==").Lit("null").Op("||").Add(data.Clone()).Op("==").Lit("{}")).Block(
				jen.Return(),
			),
			jen.Id("values").Dot("Set").Call(jen.Id("key"), data.Clone()),
		))
}

// rtCursorValue renders:
//
//	// cursorValue is the cursor to send as param next: next itself, or the
//	// param query value of next when next is a URL ("" when it has none).
//	func cursorValue(next, param string) string {
//		u, err := url.Parse(next)
//		if err != nil || u.Scheme == "" {
//			return next
//		}
//		return u.Query().Get(param)
//	}
func rtCursorValue() jen.Code {
	return withDoc("// cursorValue is the cursor to send as param next: next itself, or the param\n"+
		`// query value of next when next is a URL ("" when it has none).`,
		jen.Func().Id("cursorValue").Params(jen.List(jen.Id("next"), jen.Id("param")).String()).String().Block(
			jen.List(jen.Id("u"), jen.Err()).Op(":=").Qual(pkgURL, "Parse").Call(jen.Id("next")),
			jen.If(jen.Err().Op("!=").Nil().Op("||").Id("u").Dot("Scheme").Op("==").Lit("")).Block(jen.Return(jen.Id("next"))),
			jen.Return(jen.Id("u").Dot("Query").Call().Dot("Get").Call(jen.Id("param"))),
		))
}

// rtCountSet renders:
//
//	// countSet counts the true values: how many variants of a union are set.
//	func countSet(set ...bool) int {
//		n := 0
//		for _, s := range set {
//			if s {
//				n++
//			}
//		}
//		return n
//	}
func rtCountSet() jen.Code {
	return withDoc("// countSet counts the true values: how many variants of a union are set.",
		jen.Func().Id("countSet").Params(jen.Id("set").Op("...").Bool()).Int().Block(
			jen.Id("n").Op(":=").Lit(0),
			jen.For(jen.List(jen.Id("_"), jen.Id("s")).Op(":=").Range().Id("set")).Block(
				jen.If(jen.Id("s")).Block(jen.Id("n").Op("++")),
			),
			jen.Return(jen.Id("n")),
		))
}

// rtMarshalVariant renders:
//
//	// marshalVariant encodes a union variant. With a discriminator key, an
//	// object that lacks it (or has "") gets key: tag.
//	func marshalVariant(v any, key, tag string) ([]byte, error) {
//		data, err := json.Marshal(v)
//		if err != nil || key == "" {
//			return data, err
//		}
//		var obj map[string]json.RawMessage
//		if json.Unmarshal(data, &obj) != nil || obj == nil {
//			return data, nil
//		}
//		if raw, ok := obj[key]; ok && string(raw) != `""` && string(raw) != "null" {
//			return data, nil
//		}
//		t, _ := json.Marshal(tag)
//		obj[key] = t
//		return json.Marshal(obj)
//	}
func rtMarshalVariant() jen.Code {
	return withDoc("// marshalVariant encodes a union variant. With a discriminator key, an object\n"+
		`// that lacks it (or has "") gets key: tag.`,
		jen.Func().Id("marshalVariant").Params(jen.Id("v").Any(), jen.List(jen.Id("key"), jen.Id("tag")).String()).Params(jen.Index().Byte(), jen.Error()).Block(
			jen.List(jen.Id("data"), jen.Err()).Op(":=").Qual(pkgJSON, "Marshal").Call(jen.Id("v")),
			jen.If(jen.Err().Op("!=").Nil().Op("||").Id("key").Op("==").Lit("")).Block(jen.Return(jen.Id("data"), jen.Err())),
			jen.Var().Id("obj").Map(jen.String()).Qual(pkgJSON, "RawMessage"),
			jen.If(jen.Qual(pkgJSON, "Unmarshal").Call(jen.Id("data"), jen.Op("&").Id("obj")).Op("!=").Nil().Op("||").Id("obj").Op("==").Nil()).Block(
				jen.Return(jen.Id("data"), jen.Nil()),
			),
			jen.If(
				jen.List(jen.Id("raw"), jen.Id("ok")).Op(":=").Id("obj").Index(jen.Id("key")),
				jen.Id("ok").Op("&&").String().Call(jen.Id("raw")).Op("!=").Lit(`""`).Op("&&").String().Call(jen.Id("raw")).Op("!=").Lit("null"),
			).Block(jen.Return(jen.Id("data"), jen.Nil())),
			jen.List(jen.Id("t"), jen.Id("_")).Op(":=").Qual(pkgJSON, "Marshal").Call(jen.Id("tag")),
			jen.Id("obj").Index(jen.Id("key")).Op("=").Id("t"),
			jen.Return(jen.Qual(pkgJSON, "Marshal").Call(jen.Id("obj"))),
		))
}

// rtIsNullJSON renders:
//
//	// isNullJSON reports whether data is the JSON null.
//	func isNullJSON(data []byte) bool {
//		return string(bytes.TrimSpace(data)) == "null"
//	}
func rtIsNullJSON() jen.Code {
	return withDoc("// isNullJSON reports whether data is the JSON null.",
		jen.Func().Id("isNullJSON").Params(jen.Id("data").Index().Byte()).Bool().Block(
			jen.Return(jen.String().Call(jen.Qual(pkgBytes, "TrimSpace").Call(jen.Id("data"))).Op("==").Lit("null")),
		))
}

// rtDiscriminatorOf renders:
//
//	// discriminatorOf returns the value of key in the JSON object data: a
//	// string's text, other values as written, "" when absent.
//	func discriminatorOf(data []byte, key string) (string, error) {
//		var obj map[string]json.RawMessage
//		if err := json.Unmarshal(data, &obj); err != nil {
//			return "", err
//		}
//		raw, ok := obj[key]
//		if !ok {
//			return "", nil
//		}
//		var tag string
//		if json.Unmarshal(raw, &tag) != nil {
//			return string(raw), nil
//		}
//		return tag, nil
//	}
func rtDiscriminatorOf() jen.Code {
	return withDoc("// discriminatorOf returns the value of key in the JSON object data: a string's\n"+
		`// text, other values as written, "" when absent.`,
		jen.Func().Id("discriminatorOf").Params(jen.Id("data").Index().Byte(), jen.Id("key").String()).Params(jen.String(), jen.Error()).Block(
			jen.Var().Id("obj").Map(jen.String()).Qual(pkgJSON, "RawMessage"),
			jen.If(jen.Err().Op(":=").Qual(pkgJSON, "Unmarshal").Call(jen.Id("data"), jen.Op("&").Id("obj")), jen.Err().Op("!=").Nil()).Block(
				jen.Return(jen.Lit(""), jen.Err()),
			),
			jen.List(jen.Id("raw"), jen.Id("ok")).Op(":=").Id("obj").Index(jen.Id("key")),
			jen.If(jen.Op("!").Id("ok")).Block(jen.Return(jen.Lit(""), jen.Nil())),
			jen.Var().Id("tag").String(),
			jen.If(jen.Qual(pkgJSON, "Unmarshal").Call(jen.Id("raw"), jen.Op("&").Id("tag")).Op("!=").Nil()).Block(
				jen.Return(jen.String().Call(jen.Id("raw")), jen.Nil()),
			),
			jen.Return(jen.Id("tag"), jen.Nil()),
		))
}

// rtHasKeys renders:
//
//	// hasKeys reports whether data is a JSON object holding every key.
//	func hasKeys(data []byte, keys ...string) bool {
//		var obj map[string]json.RawMessage
//		if json.Unmarshal(data, &obj) != nil {
//			return false
//		}
//		for _, k := range keys {
//			if _, ok := obj[k]; !ok {
//				return false
//			}
//		}
//		return true
//	}
func rtHasKeys() jen.Code {
	return withDoc("// hasKeys reports whether data is a JSON object holding every key.",
		jen.Func().Id("hasKeys").Params(jen.Id("data").Index().Byte(), jen.Id("keys").Op("...").String()).Bool().Block(
			jen.Var().Id("obj").Map(jen.String()).Qual(pkgJSON, "RawMessage"),
			jen.If(jen.Qual(pkgJSON, "Unmarshal").Call(jen.Id("data"), jen.Op("&").Id("obj")).Op("!=").Nil()).Block(jen.Return(jen.False())),
			jen.For(jen.List(jen.Id("_"), jen.Id("k")).Op(":=").Range().Id("keys")).Block(
				jen.If(jen.List(jen.Id("_"), jen.Id("ok")).Op(":=").Id("obj").Index(jen.Id("k")), jen.Op("!").Id("ok")).Block(jen.Return(jen.False())),
			),
			jen.Return(jen.True()),
		))
}

// rtUnmarshalVariant renders:
//
//	// unmarshalVariant decodes data into a new T and stores it in *p.
//	func unmarshalVariant[T any](data []byte, p **T) error {
//		v := new(T)
//		if err := json.Unmarshal(data, v); err != nil {
//			return err
//		}
//		*p = v
//		return nil
//	}
func rtUnmarshalVariant() jen.Code {
	return withDoc("// unmarshalVariant decodes data into a new T and stores it in *p.",
		jen.Func().Id("unmarshalVariant").Types(jen.Id("T").Any()).Params(jen.Id("data").Index().Byte(), jen.Id("p").Op("**").Id("T")).Error().Block(
			jen.Id("v").Op(":=").New(jen.Id("T")),
			jen.If(jen.Err().Op(":=").Qual(pkgJSON, "Unmarshal").Call(jen.Id("data"), jen.Id("v")), jen.Err().Op("!=").Nil()).Block(
				jen.Return(jen.Err()),
			),
			jen.Op("*").Id("p").Op("=").Id("v"),
			jen.Return(jen.Nil()),
		))
}

// rtLooseVariant renders:
//
//	// looseVariant picks, for a JSON object no variant takes exactly (the
//	// server sent a field the spec does not list), the variant that knows
//	// most of its keys among those whose required keys are all there: the
//	// index into known and required, or -1.
//	func looseVariant(data []byte, known, required [][]string) int {
//		var obj map[string]json.RawMessage
//		if json.Unmarshal(data, &obj) != nil {
//			return -1
//		}
//		best, bestScore := -1, 0
//	variants:
//		for i := range known {
//			for _, k := range required[i] {
//				if _, ok := obj[k]; !ok {
//					continue variants
//				}
//			}
//			score := 0
//			for _, k := range known[i] {
//				if _, ok := obj[k]; ok {
//					score++
//				}
//			}
//			if score > bestScore {
//				best, bestScore = i, score
//			}
//		}
//		return best
//	}
func rtLooseVariant() jen.Code {
	obj := jen.Id("obj")
	has := func(k jen.Code) *jen.Statement {
		return jen.List(jen.Id("_"), jen.Id("ok")).Op(":=").Add(obj.Clone()).Index(k)
	}
	return withDoc(docText(declWidth, "looseVariant picks, for a JSON object no variant takes exactly (the server sent a field "+
		"the spec does not list), the variant that knows most of its keys among those whose required keys are all there: "+
		"the index into known and required, or -1."),
		jen.Func().Id("looseVariant").Params(jen.Id("data").Index().Byte(), jen.List(jen.Id("known"), jen.Id("required")).Index().Index().String()).Int().Block(
			jen.Var().Add(obj.Clone()).Map(jen.String()).Qual(pkgJSON, "RawMessage"),
			jen.If(jen.Qual(pkgJSON, "Unmarshal").Call(jen.Id("data"), jen.Op("&").Add(obj.Clone())).Op("!=").Nil()).Block(jen.Return(jen.Lit(-1))),
			jen.List(jen.Id("best"), jen.Id("bestScore")).Op(":=").List(jen.Lit(-1), jen.Lit(0)),
			jen.Id("variants").Op(":"),
			jen.For(jen.Id("i").Op(":=").Range().Id("known")).Block(
				jen.For(jen.List(jen.Id("_"), jen.Id("k")).Op(":=").Range().Id("required").Index(jen.Id("i"))).Block(
					jen.If(has(jen.Id("k")), jen.Op("!").Id("ok")).Block(jen.Continue().Id("variants")),
				),
				jen.Id("score").Op(":=").Lit(0),
				jen.For(jen.List(jen.Id("_"), jen.Id("k")).Op(":=").Range().Id("known").Index(jen.Id("i"))).Block(
					jen.If(has(jen.Id("k")), jen.Id("ok")).Block(jen.Id("score").Op("++")),
				),
				jen.If(jen.Id("score").Op(">").Id("bestScore")).Block(
					jen.List(jen.Id("best"), jen.Id("bestScore")).Op("=").List(jen.Id("i"), jen.Id("score")),
				),
			),
			jen.Return(jen.Id("best")),
		))
}

// rtTryVariant renders:
//
//	// tryVariant decodes data into a new T with unknown fields disallowed and,
//	// when that works, stores it in *p.
//	func tryVariant[T any](data []byte, p **T) bool {
//		v := new(T)
//		dec := json.NewDecoder(bytes.NewReader(data))
//		dec.DisallowUnknownFields()
//		if dec.Decode(v) != nil {
//			return false
//		}
//		*p = v
//		return true
//	}
func rtTryVariant() jen.Code {
	return withDoc("// tryVariant decodes data into a new T with unknown fields disallowed and, when\n// that works, stores it in *p.",
		jen.Func().Id("tryVariant").Types(jen.Id("T").Any()).Params(jen.Id("data").Index().Byte(), jen.Id("p").Op("**").Id("T")).Bool().Block(
			jen.Id("v").Op(":=").New(jen.Id("T")),
			jen.Id("dec").Op(":=").Qual(pkgJSON, "NewDecoder").Call(jen.Qual(pkgBytes, "NewReader").Call(jen.Id("data"))),
			jen.Id("dec").Dot("DisallowUnknownFields").Call(),
			jen.If(jen.Id("dec").Dot("Decode").Call(jen.Id("v")).Op("!=").Nil()).Block(jen.Return(jen.False())),
			jen.Op("*").Id("p").Op("=").Id("v"),
			jen.Return(jen.True()),
		))
}
