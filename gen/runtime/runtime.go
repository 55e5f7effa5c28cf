// Package runtime is the runtime every client dospec gen writes carries, as
// ordinary Go: gen embeds this file, renames the package, replaces the
// declarations that depend on the spec (DefaultBaseURL and the defaults,
// Client, NewClient, newResponse: rendered from the model) and drops the
// optional helpers a client does not use. The declarations here are in the
// order the generated client.go has them.
package runtime

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// DefaultBaseURL is the server a Client calls unless WithBaseURL says otherwise.
const DefaultBaseURL = ""

const (
	defaultUserAgent = "runtime-go"
	// defaultRetries is how often a failed idempotent call is retried.
	defaultRetries = 3
	// minBackoff and maxBackoff bound the wait between two attempts.
	minBackoff = 500 * time.Millisecond
	maxBackoff = 30 * time.Second
)

// Client calls the API. Make one with NewClient; it is safe for concurrent use.
// Each field below groups the operations of one tag of the spec.
type Client struct {
	baseURL    string
	token      string
	userAgent  string
	retries    int
	httpClient *http.Client
	servers    map[string]string // per-operation servers moved by WithServer
}

// Option configures a Client; pass options to NewClient.
type Option func(*Client)

// WithBaseURL sets the URL operation paths are appended to (default DefaultBaseURL).
func WithBaseURL(baseURL string) Option {
	return func(c *Client) {
		c.baseURL = strings.TrimRight(baseURL, "/")
	}
}

// WithServer sends the operations the spec places on server (an operation's own
// servers entry, such as "https://inference.example.com") to url instead: a
// proxy, a test server. WithBaseURL moves the others.
func WithServer(server, url string) Option {
	return func(c *Client) {
		if c.servers == nil {
			c.servers = map[string]string{}
		}
		c.servers[strings.TrimRight(server, "/")] = strings.TrimRight(url, "/")
	}
}

// WithToken sets the token sent as "Authorization: Bearer <token>".
func WithToken(token string) Option {
	return func(c *Client) {
		c.token = token
	}
}

// WithHTTPClient sets the HTTP client requests go through (default http.DefaultClient).
func WithHTTPClient(hc *http.Client) Option {
	return func(c *Client) {
		if hc != nil {
			c.httpClient = hc
		}
	}
}

// WithUserAgent sets the User-Agent header.
func WithUserAgent(ua string) Option {
	return func(c *Client) {
		c.userAgent = ua
	}
}

// WithRetries sets how often a call is retried: any call after a 429 (the
// server did not process it), an idempotent one (GET, HEAD, PUT, DELETE,
// OPTIONS) also after a 5xx or a transport error. It waits as Retry-After or
// ratelimit-reset say (at most 30s) or backs off exponentially; 0 turns retries
// off. The default is 3.
func WithRetries(n int) Option {
	return func(c *Client) {
		c.retries = max(n, 0)
	}
}

// NewClient returns a client of the API; opts change the defaults.
func NewClient(opts ...Option) *Client {
	c := &Client{
		baseURL:    DefaultBaseURL,
		httpClient: http.DefaultClient,
		retries:    defaultRetries,
		userAgent:  defaultUserAgent,
	}
	for _, opt := range opts {
		opt(c)
	}
	return c
}

// Rate is the rate limit the server reported with a response.
type Rate struct {
	Limit     int       // requests allowed per window (ratelimit-limit, x-ratelimit-limit)
	Remaining int       // requests left in the window (ratelimit-remaining, x-ratelimit-remaining)
	Reset     time.Time // when the window resets (ratelimit-reset, x-ratelimit-reset)
}

// Links is the "links" object of a list response.
type Links struct {
	// Pages are the URLs of neighbouring pages; "" where there is none.
	Pages struct {
		First string `json:"first,omitempty"`
		Prev  string `json:"prev,omitempty"`
		Next  string `json:"next,omitempty"`
		Last  string `json:"last,omitempty"`
	} `json:"pages"`
}

// Meta is the "meta" object of a list response.
type Meta struct {
	Total int `json:"total"` // items in all pages
}

// Response is the HTTP response of a call, with the rate limit from its headers
// and the paging objects of its body. Its Body holds the bytes already read, so
// it can be read again (except for event streams, where the EventStream reads
// it).
type Response struct {
	*http.Response
	Rate  Rate
	Links *Links // the body's "links", when it has them
	Meta  *Meta  // the body's "meta", when it has them
}

// newResponse wraps hr and reads its rate limit and Link headers.
func newResponse(hr *http.Response) *Response {
	return &Response{Response: hr, Rate: rateOf(hr.Header), Links: linksOf(hr.Header)}
}

// rateOf reads the rate limit headers: ratelimit-* (the IETF draft,
// DigitalOcean) or else x-ratelimit-* (GitHub and many more). A value is its
// leading integer ("100, 100;w=60" is 100); a reset below 1e9 is seconds from
// now (the IETF draft), above it a Unix time.
func rateOf(h http.Header) Rate {
	get := func(key string) (int64, bool) {
		s := h.Get("ratelimit-" + key)
		if s == "" {
			s = h.Get("x-ratelimit-" + key)
		}
		s, _, _ = strings.Cut(s, ",")
		s, _, _ = strings.Cut(s, ";")
		n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		return n, err == nil
	}
	var r Rate
	if n, ok := get("limit"); ok {
		r.Limit = int(n)
	}
	if n, ok := get("remaining"); ok {
		r.Remaining = int(n)
	}
	if n, ok := get("reset"); ok && n < 1e9 {
		r.Reset = time.Now().Add(time.Duration(n) * time.Second).Truncate(time.Second)
	} else if ok {
		r.Reset = time.Unix(n, 0)
	}
	return r
}

// readPaging sets Links and Meta from the top-level "links" and "meta" keys of a JSON object body.
func (r *Response) readPaging(data []byte) {
	if !bytes.Contains(data, []byte("\"links\"")) && !bytes.Contains(data, []byte("\"meta\"")) {
		return
	}
	var top struct {
		Links json.RawMessage `json:"links"`
		Meta  json.RawMessage `json:"meta"`
	}
	if json.Unmarshal(data, &top) != nil {
		return
	}
	var links Links
	if len(top.Links) > 0 && string(top.Links) != "null" && json.Unmarshal(top.Links, &links) == nil {
		r.Links = &links
	}
	var meta Meta
	if len(top.Meta) > 0 && string(top.Meta) != "null" && json.Unmarshal(top.Meta, &meta) == nil {
		r.Meta = &meta
	}
}

// Error is the error of a call answered with a status outside 2xx: the API's error
// body and the response. Get it with errors.As:
//
//	var apiErr *Error
//	if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusNotFound {
//		// …
//	}
type Error struct {
	StatusCode int            `json:"-"`  // the HTTP status
	ID         string         `json:"id"` // the API's error id, such as not_found
	Message    string         `json:"message"`
	RequestID  string         `json:"request_id"`
	Response   *http.Response `json:"-"` // its Body holds the bytes read
	Body       []byte         `json:"-"` // the response body as received
}

// Error returns "METHOD URL: status id: message (request id)".
func (e *Error) Error() string {
	var b strings.Builder
	if e.Response != nil && e.Response.Request != nil {
		b.WriteString(e.Response.Request.Method + " " + e.Response.Request.URL.Redacted() + ": ")
	}
	b.WriteString(strconv.Itoa(e.StatusCode))
	if e.ID != "" {
		b.WriteString(" " + e.ID)
	}
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	if e.RequestID != "" {
		b.WriteString(" (request " + e.RequestID + ")")
	}
	return b.String()
}

// newError builds the *Error of a non-2xx response from its JSON body, or from its text when it is not JSON.
func newError(hr *http.Response, data []byte) *Error {
	e := &Error{StatusCode: hr.StatusCode, Response: hr, Body: data}
	if json.Unmarshal(data, e) != nil {
		e.ID, e.RequestID = "", ""
		e.Message = strings.TrimSpace(string(data[:min(len(data), 512)]))
	} else if e.Message == "" {
		e.Message = reasonOf(data)
	}
	if e.Message == "" {
		e.Message = http.StatusText(hr.StatusCode)
	}
	if e.RequestID == "" {
		e.RequestID = hr.Header.Get("X-Request-Id")
	}
	return e
}

// reasonOf is the first string among the keys an error body usually gives its
// reason in, "" when there is none.
func reasonOf(data []byte) string {
	var obj map[string]json.RawMessage
	if json.Unmarshal(data, &obj) != nil {
		return ""
	}
	for _, k := range []string{"message", "description", "detail", "error_description", "error", "title"} {
		var s string
		if json.Unmarshal(obj[k], &s) == nil && s != "" {
			return s
		}
	}
	return ""
}

// errorCase is an error response an operation declares: its status ("404",
// "4XX" or "default"), its description, and how its body decodes (nil: it
// declares none).
type errorCase struct {
	code   string
	reason string
	decode func(*Error) error
}

// failure is the error of a non-2xx response: the *Error, with the declared
// response's description when the body gives no reason, its body decoded into
// the type declared for the status (the exact code, else NXX, else default).
func failure(cases []errorCase, e *Error) error {
	code := strconv.Itoa(e.StatusCode)
	for _, want := range []string{code, code[:1] + "XX", "default"} {
		for _, c := range cases {
			if c.code != want {
				continue
			}
			if c.reason != "" && e.Message == http.StatusText(e.StatusCode) {
				e.Message = c.reason
			}
			if c.decode == nil {
				return e
			}
			return c.decode(e)
		}
	}
	return e
}

// Nullable is a JSON value that may be absent, null or a value:
//
//   - absent: the zero Nullable; IsZero is true, so a field tagged omitzero
//     is left out;
//   - null: Set and not Valid, as Null returns;
//   - a value: Set and Valid, as NewNullable returns.
//
// Decoding sets Set for null and for a value; a field the JSON lacks stays zero.
type Nullable[T any] struct {
	Value T    // the value, when Valid
	Valid bool // there is a value: not null, not absent
	Set   bool // the field is present: null or a value
}

// NewNullable returns a Nullable holding v.
func NewNullable[T any](v T) Nullable[T] {
	return Nullable[T]{Value: v, Valid: true, Set: true}
}

// Null returns a Nullable that encodes as JSON null.
func Null[T any]() Nullable[T] {
	return Nullable[T]{Set: true}
}

// IsZero reports whether n is absent, for the omitzero struct tag option.
func (n Nullable[T]) IsZero() bool {
	return !n.Set && !n.Valid
}

// Get returns the value and whether there is one.
func (n Nullable[T]) Get() (T, bool) {
	return n.Value, n.Valid
}

// MarshalJSON encodes the value, or null.
func (n Nullable[T]) MarshalJSON() ([]byte, error) {
	if !n.Valid {
		return []byte("null"), nil
	}
	return json.Marshal(n.Value)
}

// UnmarshalJSON records null or decodes a value; either way n is Set.
func (n *Nullable[T]) UnmarshalJSON(data []byte) error {
	*n = Nullable[T]{Set: true}
	if string(data) == "null" {
		return nil
	}
	if err := json.Unmarshal(data, &n.Value); err != nil {
		return err
	}
	n.Valid = true
	return nil
}

// Optional is a field that may be left out although its zero value is a value
// too: a boolean, or a field whose default is not the zero value. The zero
// Optional is absent (omitzero leaves it out); Some(false) sends false.
type Optional[T any] struct {
	Value T
	Set   bool // the field is present
}

// Some returns an Optional holding v.
func Some[T any](v T) Optional[T] {
	return Optional[T]{Value: v, Set: true}
}

// IsZero reports whether o is absent, for the omitzero struct tag option.
func (o Optional[T]) IsZero() bool {
	return !o.Set
}

// Get returns the value and whether it is present.
func (o Optional[T]) Get() (T, bool) {
	return o.Value, o.Set
}

// MarshalJSON encodes the value.
func (o Optional[T]) MarshalJSON() ([]byte, error) {
	return json.Marshal(o.Value)
}

// UnmarshalJSON decodes a value; null, which the spec does not allow here,
// reads as absent.
func (o *Optional[T]) UnmarshalJSON(data []byte) error {
	*o = Optional[T]{}
	if string(data) == "null" {
		return nil
	}
	if err := json.Unmarshal(data, &o.Value); err != nil {
		return err
	}
	o.Set = true
	return nil
}

// Event is one server-sent event.
type Event struct {
	Event string // the "event:" field; "" means "message"
	Data  string // the "data:" lines, joined with "\n"
	ID    string // the last "id:" the stream sent
}

// EventStream reads server-sent events (text/event-stream) from a response.
// Close it when done; cancelling the call's context ends it too.
type EventStream struct {
	body   io.ReadCloser
	reader *bufio.Reader
	lastID string
}

// Next returns the next event, or io.EOF once the stream has ended.
func (s *EventStream) Next() (Event, error) {
	var ev Event
	seen, hasData := false, false
	for {
		line, err := s.reader.ReadString('\n')
		if err != nil && err != io.EOF {
			return Event{}, err
		}
		if line == "" && err == io.EOF && !seen {
			return Event{}, io.EOF
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			// a blank line (or the end of the stream) dispatches the event
			if seen {
				ev.ID = s.lastID
				return ev, nil
			}
			continue
		}
		field, value, _ := strings.Cut(line, ":")
		value = strings.TrimPrefix(value, " ")
		switch field {
		case "event":
			ev.Event, seen = value, true
		case "data":
			if hasData {
				ev.Data += "\n"
			}
			ev.Data += value
			seen, hasData = true, true
		case "id":
			s.lastID = value
		}
	}
}

// Close closes the response body.
func (s *EventStream) Close() error {
	return s.body.Close()
}

// request is one call, as an operation method builds it.
type request struct {
	method      string
	server      string // overrides the client's base URL when set
	path        string // escaped
	link        string // an absolute URL (a next page): replaces server, path and query
	query       url.Values
	header      url.Values
	body        any // nil for none
	contentType string
	accept      string
	errors      []errorCase // the error responses the operation declares
}

// endpoint is the absolute URL of r.
func (c *Client) endpoint(r *request) string {
	if r.link != "" {
		return r.link
	}
	base := c.baseURL
	if r.server != "" {
		base = strings.TrimRight(r.server, "/")
		if moved, ok := c.servers[base]; ok {
			base = moved
		}
	}
	u := base + r.path
	if len(r.query) > 0 {
		u += "?" + r.query.Encode()
	}
	return u
}

// newRequest builds one attempt of r; the body is sent from its start each time.
func (c *Client) newRequest(ctx context.Context, r *request, endpoint string, body []byte) (*http.Request, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, r.method, endpoint, rd)
	if err != nil {
		return nil, err
	}
	if body != nil {
		req.Header.Set("Content-Type", r.contentType)
	}
	req.Header.Set("Accept", r.accept)
	if c.userAgent != "" {
		req.Header.Set("User-Agent", c.userAgent)
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	for k, vs := range r.header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	return req, nil
}

// send sends r and returns the last attempt's response, whose body the caller
// closes. Idempotent calls are retried after a 429, a 5xx or a transport error,
// c.retries times at most.
func (c *Client) send(ctx context.Context, r *request) (*http.Response, error) {
	var body []byte
	if r.body != nil {
		var err error
		if body, err = encodeBody(r.body, r.contentType); err != nil {
			return nil, fmt.Errorf("encoding the %s %s body: %w", r.method, r.path, err)
		}
	}
	endpoint := c.endpoint(r)
	for attempt := 0; ; attempt++ {
		req, err := c.newRequest(ctx, r, endpoint, body)
		if err != nil {
			return nil, err
		}
		resp, err := c.httpClient.Do(req)
		wait, retry := c.retryDelay(r.method, attempt, resp, err)
		if !retry {
			return resp, err
		}
		if resp != nil {
			_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
			resp.Body.Close()
		}
		if err := sleepCtx(ctx, wait); err != nil {
			return nil, err
		}
	}
}

// retryDelay says whether attempt (0 for the first) is retried, and after how long.
func (c *Client) retryDelay(method string, attempt int, resp *http.Response, err error) (time.Duration, bool) {
	if attempt >= c.retries {
		return 0, false
	}
	if err != nil {
		if !idempotent(method) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return 0, false
		}
		return backoff(attempt), true
	}
	if resp.StatusCode != http.StatusTooManyRequests && (!idempotent(method) || resp.StatusCode < 500 || resp.StatusCode == http.StatusNotImplemented) {
		return 0, false
	}
	wait := backoff(attempt)
	if s := resp.Header.Get("Retry-After"); s != "" {
		if n, err := strconv.Atoi(s); err == nil {
			wait = time.Duration(n) * time.Second
		} else if t, err := http.ParseTime(s); err == nil {
			wait = time.Until(t)
		}
	} else if reset := rateOf(resp.Header).Reset; !reset.IsZero() && resp.StatusCode == http.StatusTooManyRequests {
		wait = time.Until(reset)
	}
	return min(max(wait, 0), maxBackoff), true
}

// backoff is the wait before retrying attempt when the server gave no hint:
// exponential from minBackoff, capped at maxBackoff, with jitter.
func backoff(attempt int) time.Duration {
	d := time.Duration(maxBackoff)
	if attempt < 16 {
		d = min(minBackoff<<attempt, maxBackoff)
	}
	return d/2 + rand.N(d/2+1)
}

// sleepCtx waits for d, or until ctx is done.
func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// idempotent reports whether a call with method may be sent again.
func idempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions:
		return true
	}
	return false
}

// readBody reads and closes the body of hr and puts the bytes back, so that
// Response.Body can be read again.
func readBody(hr *http.Response) ([]byte, error) {
	data, err := io.ReadAll(hr.Body)
	hr.Body.Close()
	hr.Body = io.NopCloser(bytes.NewReader(data))
	return data, err
}

// do sends r and decodes a 2xx body into v, unless v is nil; other statuses
// give an *Error.
func (c *Client) do(ctx context.Context, r *request, v any) (*Response, error) {
	hr, err := c.send(ctx, r)
	if err != nil {
		return nil, err
	}
	resp := newResponse(hr)
	data, err := readBody(hr)
	if err != nil {
		return resp, err
	}
	if hr.StatusCode < 200 || hr.StatusCode > 299 {
		return resp, failure(r.errors, newError(hr, data))
	}
	resp.readPaging(data)
	if v == nil || len(data) == 0 {
		return resp, nil
	}
	if err := decodeBody(data, hr.Header.Get("Content-Type"), v); err != nil {
		return resp, fmt.Errorf("decoding the %s %s response: %w", r.method, r.path, err)
	}
	return resp, nil
}

// stream sends r and returns a 2xx body as an event stream.
func (c *Client) stream(ctx context.Context, r *request) (*EventStream, *Response, error) {
	hr, err := c.send(ctx, r)
	if err != nil {
		return nil, nil, err
	}
	resp := newResponse(hr)
	if hr.StatusCode < 200 || hr.StatusCode > 299 {
		data, _ := readBody(hr)
		return nil, resp, failure(r.errors, newError(hr, data))
	}
	return &EventStream{body: hr.Body, reader: bufio.NewReader(hr.Body)}, resp, nil
}

// encodeBody encodes a request body: bytes as they are, a string as it is for a
// media type other than JSON, anything else as JSON.
func encodeBody(v any, contentType string) ([]byte, error) {
	switch v := v.(type) {
	case []byte:
		return v, nil
	case string:
		if !isJSONType(contentType) {
			return []byte(v), nil
		}
	}
	return json.Marshal(v)
}

// decodeBody decodes a response body into v: the bytes as they are into a
// *[]byte, the text into a *string for a media type other than JSON, JSON
// otherwise.
func decodeBody(data []byte, contentType string, v any) error {
	switch v := v.(type) {
	case *[]byte:
		*v = data
		return nil
	case *string:
		if !isJSONType(contentType) {
			*v = string(data)
			return nil
		}
	}
	return json.Unmarshal(data, v)
}

// isJSONType reports whether a media type is JSON; "" counts as JSON.
func isJSONType(contentType string) bool {
	mt, _, _ := strings.Cut(contentType, ";")
	mt = strings.ToLower(strings.TrimSpace(mt))
	return mt == "" || mt == "application/json" || strings.HasSuffix(mt, "+json")
}

// paramString formats a parameter value for a URL or a header.
func paramString(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case time.Time:
		return v.Format(time.RFC3339)
	case fmt.Stringer:
		return v.String()
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

// pathParam formats and escapes a path parameter.
func pathParam(v any) string {
	return url.PathEscape(paramString(v))
}

// serverURL fills the variables of a server URL template from name, value,
// default triples: an empty value takes the default, and a variable with
// neither is an error.
func serverURL(template string, vars ...string) (string, error) {
	for i := 0; i+2 < len(vars); i += 3 {
		v := vars[i+1]
		if v == "" {
			v = vars[i+2]
		}
		if v == "" {
			return "", fmt.Errorf("server %s: no value for {%s}", template, vars[i])
		}
		template = strings.ReplaceAll(template, "{"+vars[i]+"}", v)
	}
	return template, nil
}

// nextPage is the request for the page a response links to as next, nil after
// the last. The link must stay on the scheme and host the response came from,
// so the token is never sent anywhere else.
func nextPage(resp *Response) (*request, error) {
	if resp == nil || resp.Links == nil || resp.Links.Pages.Next == "" {
		return nil, nil
	}
	if resp.Response == nil || resp.Request == nil {
		return nil, errors.New("next page: the response has no request to resolve its link against")
	}
	from := resp.Request.URL
	u, err := from.Parse(resp.Links.Pages.Next)
	if err != nil {
		return nil, fmt.Errorf("next page: %w", err)
	}
	if u.Scheme != from.Scheme || u.Host != from.Host {
		return nil, fmt.Errorf("next page %s is not on %s://%s", u.Redacted(), from.Scheme, from.Host)
	}
	return &request{
		accept: "application/json",
		link:   u.String(),
		method: "GET",
		path:   u.EscapedPath(),
	}, nil
}

// linksOf reads the first, prev, next and last targets of RFC 8288 Link headers
// (<https://…?page=2>; rel="next", <…>; rel="last"); nil when they name
// none.
func linksOf(h http.Header) *Links {
	var l Links
	found := false
	for _, v := range h.Values("Link") {
		for {
			start := strings.IndexByte(v, '<')
			end := strings.IndexByte(v, '>')
			if start < 0 || end < start {
				break
			}
			target, params := v[start+1:end], v[end+1:]
			v = ""
			if next := strings.IndexByte(params, '<'); next >= 0 {
				params, v = params[:next], params[next:]
			}
			for _, p := range strings.Split(params, ";") {
				key, val, _ := strings.Cut(strings.TrimSpace(p), "=")
				if !strings.EqualFold(key, "rel") {
					continue
				}
				for _, rel := range strings.Fields(strings.ToLower(strings.Trim(val, "\" ,"))) {
					switch rel {
					case "first":
						l.Pages.First, found = target, true
					case "prev", "previous":
						l.Pages.Prev, found = target, true
					case "next":
						l.Pages.Next, found = target, true
					case "last":
						l.Pages.Last, found = target, true
					}
				}
			}
		}
	}
	if !found {
		return nil
	}
	return &l
}

// setParam sets key to v unless v is the zero value.
func setParam[T comparable](values url.Values, key string, v T) {
	var zero T
	if v != zero {
		values.Set(key, paramString(v))
	}
}

// addList adds vs under key: a key per value when explode is set, else one
// comma-separated value. An empty list adds nothing.
func addList[T any](values url.Values, key string, vs []T, explode bool) {
	if len(vs) == 0 {
		return
	}
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = paramString(v)
	}
	if explode {
		values[key] = append(values[key], parts...)
	} else {
		values.Add(key, strings.Join(parts, ","))
	}
}

// setJSONParam sets key to the JSON encoding of v (an object or a map), unless
// it is empty.
func setJSONParam(values url.Values, key string, v any) {
	data, err := json.Marshal(v)
	if err != nil || string(data) == "null" || string(data) == "{}" {
		return
	}
	values.Set(key, string(data))
}

// cursorValue is the cursor to send as param next: next itself, or the param
// query value of next when next is a URL ("" when it has none).
func cursorValue(next, param string) string {
	u, err := url.Parse(next)
	if err != nil || u.Scheme == "" {
		return next
	}
	return u.Query().Get(param)
}

// countSet counts the true values: how many variants of a union are set.
func countSet(set ...bool) int {
	n := 0
	for _, s := range set {
		if s {
			n++
		}
	}
	return n
}

// marshalVariant encodes a union variant. With a discriminator key, an object
// that lacks it (or has "") gets key: tag.
func marshalVariant(v any, key, tag string) ([]byte, error) {
	data, err := json.Marshal(v)
	if err != nil || key == "" {
		return data, err
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(data, &obj) != nil || obj == nil {
		return data, nil
	}
	if raw, ok := obj[key]; ok && string(raw) != "\"\"" && string(raw) != "null" {
		return data, nil
	}
	t, _ := json.Marshal(tag)
	obj[key] = t
	return json.Marshal(obj)
}

// isNullJSON reports whether data is the JSON null.
func isNullJSON(data []byte) bool {
	return string(bytes.TrimSpace(data)) == "null"
}

// discriminatorOf returns the value of key in the JSON object data: a string's
// text, other values as written, "" when absent.
func discriminatorOf(data []byte, key string) (string, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(data, &obj); err != nil {
		return "", err
	}
	raw, ok := obj[key]
	if !ok {
		return "", nil
	}
	var tag string
	if json.Unmarshal(raw, &tag) != nil {
		return string(raw), nil
	}
	return tag, nil
}

// unmarshalVariant decodes data into a new T and stores it in *p.
func unmarshalVariant[T any](data []byte, p **T) error {
	v := new(T)
	if err := json.Unmarshal(data, v); err != nil {
		return err
	}
	*p = v
	return nil
}

// tryVariant decodes data into a new T with unknown fields disallowed and, when
// that works, stores it in *p.
func tryVariant[T any](data []byte, p **T) bool {
	v := new(T)
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if dec.Decode(v) != nil {
		return false
	}
	*p = v
	return true
}

// looseVariant picks, for a JSON object no variant takes exactly (the server
// sent a field the spec does not list), the variant that knows most of its keys
// among those whose required keys are all there: the index into known and
// required, or -1.
func looseVariant(data []byte, known, required [][]string) int {
	var obj map[string]json.RawMessage
	if json.Unmarshal(data, &obj) != nil {
		return -1
	}
	best, bestScore := -1, 0
variants:
	for i := range known {
		for _, k := range required[i] {
			if _, ok := obj[k]; !ok {
				continue variants
			}
		}
		score := 0
		for _, k := range known[i] {
			if _, ok := obj[k]; ok {
				score++
			}
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	return best
}

// ErrorBody is the error of a call answered with an error response the spec
// declares a body for: the body decoded into T beside the *Error (status, raw
// body, response). errors.As reaches either:
//
//	var notFound *ErrorBody[NotFound]
//	if errors.As(err, &notFound) {
//		// notFound.Body …
//	}
type ErrorBody[T any] struct {
	Body T
	Err  *Error
}

// Error returns the *Error's text.
func (e *ErrorBody[T]) Error() string {
	return e.Err.Error()
}

// Unwrap returns the *Error.
func (e *ErrorBody[T]) Unwrap() error {
	return e.Err
}

// typedError decodes e's body into a T; e stays as it is when the body does
// not decode.
func typedError[T any](e *Error) error {
	var v T
	if json.Unmarshal(e.Body, &v) != nil {
		return e
	}
	return &ErrorBody[T]{Body: v, Err: e}
}

// EventStreamOf reads server-sent events whose data is JSON of the type the spec
// declares for the stream. Close it when done.
type EventStreamOf[T any] struct {
	events *EventStream
}

// Close closes the stream.
func (s *EventStreamOf[T]) Close() error {
	return s.events.Close()
}

// Next returns the next event's data decoded into a T, and the event; io.EOF
// once the stream has ended or sent "[DONE]" (as OpenAI-style APIs do to end
// one).
func (s *EventStreamOf[T]) Next() (T, Event, error) {
	var v T
	ev, err := s.events.Next()
	if err != nil {
		return v, ev, err
	}
	if strings.TrimSpace(ev.Data) == "[DONE]" {
		return v, ev, io.EOF
	}
	if err := json.Unmarshal([]byte(ev.Data), &v); err != nil {
		return v, ev, fmt.Errorf("decoding event %q: %w", ev.Event, err)
	}
	return v, ev, nil
}

// hasKeys reports whether data is a JSON object holding every key.
func hasKeys(data []byte, keys ...string) bool {
	var obj map[string]json.RawMessage
	if json.Unmarshal(data, &obj) != nil {
		return false
	}
	for _, k := range keys {
		if _, ok := obj[k]; !ok {
			return false
		}
	}
	return true
}
