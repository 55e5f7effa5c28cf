package gen

import (
	"strings"
	"testing"
)

// Every declaration the emitter replaces or may drop is in the runtime's
// source, and the source's declarations parse into names once.
func TestRuntimeSourceTables(t *testing.T) {
	decls, err := runtimeDecls()
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, d := range decls {
		if have[d.key] {
			t.Errorf("%s declared twice", d.key)
		}
		have[d.key] = true
	}
	e, err := newEmitter(&Model{Package: "p"})
	if err != nil {
		t.Fatal(err)
	}
	for key := range e.modelDecls() {
		if !have[key] {
			t.Errorf("model declaration %s is not in runtime.go", key)
		}
	}
	for key := range optionalDecls {
		if !have[key] {
			t.Errorf("optional declaration %s is not in runtime.go", key)
		}
	}
}

// client.go is the runtime under the model's package name, with the
// optional helpers the types and services use and no others.
func TestClientSourceDropsUnused(t *testing.T) {
	e, err := newEmitter(&Model{Package: "shop", Title: "Shop API"})
	if err != nil {
		t.Fatal(err)
	}
	e.used["typedStream"] = true
	src, err := e.clientSource()
	if err != nil {
		t.Fatal(err)
	}
	s := string(src)
	for _, want := range []string{"package shop\n", "// Package shop is a client for the Shop API", "type EventStreamOf[T any] struct", `defaultUserAgent = "shop-go"`} {
		if !strings.Contains(s, want) {
			t.Errorf("client.go lacks %q", want)
		}
	}
	for _, unwanted := range []string{"package runtime", "func hasKeys", "type ErrorBody", "func linksOf", "\"reflect\""} {
		if strings.Contains(s, unwanted) {
			t.Errorf("client.go has %q", unwanted)
		}
	}
}
