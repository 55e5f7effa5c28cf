// Package gen turns a spec into a Go client package.
//
// It works in two steps, as protoc-gen-go does: Build reads the spec into
// the Model below — named types, fields, enums, unions, services,
// operations, with every Go name decided there — and Emit renders the model
// with github.com/dave/jennifer. The emitter never reads the spec format.
package gen

// Model is everything the emitter needs.
type Model struct {
	Package string // Go package name
	Source  string // root file, as given, for the generated header
	Title   string // the API's title, for the package doc
	BaseURL string // first server URL
	Types   []*Type
	// Services are one per tag, in order of their Go names.
	Services []*Service
	// Runtime renames the runtime's exported names (RuntimeNames) that
	// give way to a spec schema of the same name: a schema called Error
	// keeps "Error" and the runtime's error type becomes "APIError".
	Runtime map[string]string
}

// TypeKind says what Go declaration a Type becomes.
type TypeKind int

const (
	// Struct: type Name struct{ Fields }.
	Struct TypeKind = iota
	// Enum: type Name string (or int64) with a constant per Values entry.
	// Values the spec does not list still decode: the type is the base type.
	Enum
	// Union: a oneOf/anyOf; a struct with one pointer field per Variant and
	// MarshalJSON/UnmarshalJSON. With Discriminator set the variant is chosen
	// by that property's value (Variant.Tags); otherwise variants are tried
	// in order and the first that decodes with unknown fields disallowed wins.
	Union
	// Alias: type Name = Ref.
	Alias
	// Defined: type Name Ref, a new type over Target; for a schema that
	// contains itself through an array or a map (type Tree []Tree), which an
	// alias cannot.
	Defined
)

// Type is a named Go type.
type Type struct {
	Name       string
	Kind       TypeKind
	Doc        string // already a Go comment body, one paragraph per line; may be ""
	Deprecated string // "" or the reason; becomes a "Deprecated:" paragraph
	Fields     []*Field
	// Enum: the underlying kind ("string", "int64", "float64") and values.
	EnumBase string
	Values   []EnumValue
	// Union.
	Variants      []*Variant
	Discriminator string // JSON property name, "" when none
	// Alias and Defined.
	Target Ref
	// Origin is where the schema is written (file:line:col), for comments.
	Origin string
}

// EnumValue is one constant of an Enum.
type EnumValue struct {
	Name  string // Go constant name, e.g. DropletStatusActive
	Value string // the literal as written: "active", or 3 for int enums
}

// Field is a struct field.
type Field struct {
	Name     string // Go name
	JSONName string
	Type     Ref
	// Required fields are always encoded. Optional ones carry omitempty
	// (their zero value means absent). Nullable fields use Nullable[T]
	// so absent, null and a value are three different things.
	Required bool
	Nullable bool
	// Optional wraps an optional field in Optional[T] when its zero value
	// is still a value worth sending — a boolean (false), or a field whose
	// default is not the zero value (enabled: {default: true}) — so "not
	// set" and "false" stay apart.
	Optional bool
	ReadOnly bool
	// Pointer makes the field *T: set for a field whose struct type
	// contains the field's own struct (a recursive schema), which Go can
	// only hold by pointer.
	Pointer    bool
	Doc        string
	Deprecated string
}

// RefKind says what a Ref names.
type RefKind int

const (
	Builtin RefKind = iota // Name is a predeclared or std type: string, int64, float64, bool, time.Time, any, json.RawMessage
	Named                  // Name is a Type of the model
	Slice                  // []Elem
	Map                    // map[string]Elem
)

// Ref is a use of a type.
type Ref struct {
	Kind RefKind
	Name string // Builtin or Named
	Elem *Ref   // Slice and Map
}

// Variant is one branch of a Union.
type Variant struct {
	Name string   // Go field name in the union struct
	Type Ref      // usually Named
	Tags []string // discriminator values that select it
}

// Service groups the operations of one tag: client.Droplets.
type Service struct {
	Name       string // Go name: Droplets
	Field      string // field on Client: Droplets
	Tag        string
	Doc        string
	Operations []*Operation
}

// ParamIn is where a parameter travels.
type ParamIn int

const (
	InPath ParamIn = iota
	InQuery
	InHeader
	// InServer is a variable of the operation's server URL template
	// (https://{agent_url}): a method argument, filled into ServerURL.
	InServer
)

// Param is one operation parameter.
type Param struct {
	Name     string // Go name (argument or field)
	WireName string
	In       ParamIn
	Type     Ref
	Required bool
	Doc      string
	// Explode for array query parameters: repeated keys (true, the OpenAPI
	// default for form style) or one comma-separated value.
	Explode bool
	// Default of a server variable, taken when the argument is empty; ""
	// when the spec gives none that can stand in a URL ("{your-agent-url}"),
	// which makes the argument required.
	Default string
}

// Operation is one client method.
type Operation struct {
	Name         string // method name on the service: List, Get, Create…
	ID           string // operationId
	Method       string // GET, POST, …
	Path         string // template: /v2/droplets/{droplet_id}
	Doc          string
	Deprecated   string
	ServerURL    string   // per-operation server, "" for the client's base URL
	ServerVars   []*Param // variables of ServerURL, in template order: the first method arguments
	PathParams   []*Param // required, in template order: method arguments
	Required     []*Param // required query and header parameters: method arguments
	Optional     []*Param // optional query and header parameters: fields of ParamsType
	ParamsType   string   // name of the generated params struct, "" when no optional parameters
	Body         *Ref     // request body type, nil when none
	BodyType     string   // media type of the body: application/json…
	BodyRequired bool
	// Result is the type of the success response body (the first 2xx with
	// content), nil when it has none.
	Result *Ref
	// Unwrap names the one field of a Result that is an envelope
	// ({"droplet": {…}}): the method returns that field, not the envelope.
	Unwrap string
	// SuccessCodes lists the documented 2xx codes.
	SuccessCodes []int
	// Errors are the error responses the operation declares (4xx, 5xx,
	// 4XX, default), in the order written: a failed call's body is decoded
	// into the Type of the one its status matches — the exact code first,
	// then NXX, then default.
	Errors []*ErrorResponse
	// Pages is set for list operations whose result has links/meta
	// pagination, or whose response declares a Link header: they also get
	// an iterator over Items.
	Pages *Pagination
	// Stream is set for text/event-stream responses: the method returns a
	// stream reader instead of decoding.
	Stream bool
	// Event, for a Stream, is the type of each event's JSON data when the
	// spec declares a schema for the stream (OpenAI's ResponseStreamEvent):
	// the method returns an EventStreamOf[Event]; nil for plain events.
	Event *Ref
}

// ErrorResponse is an error response an operation declares.
type ErrorResponse struct {
	Code string // "404", "4XX" or "default"
	Type *Ref   // the JSON body's type, nil when it declares none
	Doc  string // the response's description: the reason when the body gives none
}

// Pagination describes how a list operation pages.
type Pagination struct {
	ItemsField string // Go field of Result holding the page's items
	Item       Ref    // the items' type
	// Style is "page" (page/per_page, until links.pages.next is empty),
	// "links" (no page parameter: follow links.pages.next itself),
	// "cursor" (send CursorField back as CursorParam until it is empty),
	// "offset" (add each page's length to CursorParam until a page is
	// empty) or "after" (send the last item's CursorField as CursorParam
	// while MoreField is true: Stripe's starting_after and has_more).
	Style       string
	CursorParam string // the query parameter that carries the cursor/token
	CursorField string // Go path in the result giving the next cursor, e.g. "Links.Pages.Next"
	// LinkHeader, with style "links": the next page is the RFC 8288 Link
	// header's rel="next" (GitHub), not the body's links; ItemsField may
	// then be "" when the result is the list itself.
	LinkHeader bool
	// MoreField, with style "after": the Go path in the result of the
	// boolean that says more pages follow (HasMore).
	MoreField string
}
