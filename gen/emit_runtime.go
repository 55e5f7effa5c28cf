package gen

import (
	"strings"

	"github.com/dave/jennifer/jen"
)

// This file renders the declarations of client.go that depend on the
// model: the defaults, the Client with one field per service, NewClient and
// newResponse. The rest of client.go is gen/runtime/runtime.go, ordinary Go
// (see emit_client.go). Each function renders one declaration; the Go it
// renders is in the comment above it.

// Import paths of the standard library packages the generated code uses.
const (
	pkgContext = "context"
	pkgErrors  = "errors"
	pkgFmt     = "fmt"
	pkgIter    = "iter"
	pkgJSON    = "encoding/json"
	pkgHTTP    = "net/http"
	pkgTime    = "time"
	pkgURL     = "net/url"
)

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
