package split

import (
	"strings"
	"testing"
)

func TestNameFor(t *testing.T) {
	for _, c := range []struct {
		in     string
		isPath bool
		want   string
	}{
		{"/pets", true, "pets"},
		{"/pets/{petId}", true, "pets_{petId}"},
		{"/", true, "_"},
		{"//x", true, "_x"},
		{"/v1/{name}:cancel", true, "v1_{name}-cancel"},
		{"/.well-known/jwks", true, "_.well-known_jwks"},
		{"/files/*path?q", true, "files_-path-q"},
		{"/café", true, "caf-"},
		{"/con", true, "_con"},
		{"/Aux.json", true, "_Aux.json"},
		{"/com1", true, "_com1"},
		{"/console", true, "console"},
		{"Pet", false, "Pet"},
		{"a/b", false, "a-b"},
		{"a b%c#d", false, "a-b-c-d"},
		{"", false, "_"},
		{".hidden", false, "_.hidden"},
		{"NUL", false, "_NUL"},
		{strings.Repeat("x", 300), false, strings.Repeat("x", 200)},
	} {
		if got := NameFor(c.in, c.isPath); got != c.want {
			t.Errorf("NameFor(%q, %v) = %q, want %q", c.in, c.isPath, got, c.want)
		}
	}
}

func TestUniqueNames(t *testing.T) {
	for _, c := range []struct {
		keys []string
		path bool
		want string
	}{
		// /a_b wants a_b too; a_b_2 would be what "/a/b/2" wants, so /a_b takes a_b_3.
		{[]string{"/a/b", "/a_b", "/a/b/2"}, true, "a_b a_b_3 a_b_2"},
		// Case folds: Pet and pet cannot both be pet.yaml on macOS or Windows.
		{[]string{"Pet", "pet", "PET"}, false, "Pet pet_2 PET_3"},
		{[]string{"a:b", "a-b", "a?b"}, false, "a-b a-b_2 a-b_3"},
	} {
		if got := strings.Join(uniqueNames(c.keys, c.path), " "); got != c.want {
			t.Errorf("uniqueNames(%q) = %s, want %s", c.keys, got, c.want)
		}
	}
}

func TestRelative(t *testing.T) {
	for _, c := range []struct {
		from, to string
		rest     []string
		want     string
	}{
		{"openapi.yaml", "paths/pets.yaml", nil, "paths/pets.yaml"},
		{"paths/pets.yaml", "components/schemas/Pet.yaml", nil, "../components/schemas/Pet.yaml"},
		{"components/schemas/Cat.yaml", "components/schemas/Pet.yaml", nil, "./Pet.yaml"},
		{"components/schemas/Cat.yaml", "components/schemas/Pet.yaml", []string{"properties", "id"}, "./Pet.yaml#/properties/id"},
		{"components/schemas/Pet.yaml", "components/schemas/Pet.yaml", nil, "./Pet.yaml"},
		{"components/schemas/Pet.yaml", "components/schemas/Pet.yaml", []string{"properties", "id"}, "#/properties/id"},
		{"components/responses/E.yaml", "components/schemas/a-b.yaml", nil, "../schemas/a-b.yaml"},
		{"components/schemas/Dog.yaml", "openapi.yaml", []string{"info", "x-logo"}, "../../openapi.yaml#/info/x-logo"},
		{"paths/a.yaml", "paths/b.yaml", []string{"get", "responses", "application/json", "100% sure"}, "./b.yaml#/get/responses/application~1json/100%25%20sure"},
	} {
		if got := Relative(c.from, c.to, c.rest); got != c.want {
			t.Errorf("Relative(%s, %s, %q) = %s, want %s", c.from, c.to, c.rest, got, c.want)
		}
	}
}
