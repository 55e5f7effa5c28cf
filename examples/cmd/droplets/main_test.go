package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/dospec/dospec/examples/api"
)

// The program against a fake API: two pages, then a refused token.
func TestList(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer good" {
			w.WriteHeader(401)
			fmt.Fprint(w, `{"id": "unauthorized", "message": "Unable to authenticate you."}`)
			return
		}
		if got := r.URL.Query().Get("tag_name"); got != "web" {
			t.Errorf("tag_name %q", got)
		}
		page, next := r.URL.Query().Get("page"), ""
		if page == "1" {
			next = `"next": "` + "http://" + r.Host + r.URL.Path + `?page=2"`
		}
		fmt.Fprintf(w, `{"droplets": [{"id": %s1, "name": "web-%s", "status": "active", "region": {"slug": "nyc3"}}],
			"links": {"pages": {%s}}, "meta": {"total": 2}}`, page, page, next)
	}))
	defer srv.Close()

	var out strings.Builder
	client := api.NewClient(api.WithBaseURL(srv.URL), api.WithToken("good"))
	if err := list(context.Background(), &out, client, "web"); err != nil {
		t.Fatal(err)
	}
	want := "11\tweb-1\tactive\tnyc3\n21\tweb-2\tactive\tnyc3\n2 droplets\n"
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}

	client = api.NewClient(api.WithBaseURL(srv.URL), api.WithToken("bad"), api.WithRetries(0))
	err := list(context.Background(), &out, client, "web")
	if err == nil || !strings.Contains(err.Error(), "token was refused") {
		t.Errorf("a refused token: %v", err)
	}
}
