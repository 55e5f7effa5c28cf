package gen

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteRules(t *testing.T) {
	dir := t.TempDir()
	header := HeaderPrefix + " from api.yaml; DO NOT EDIT.\n"
	other := HeaderPrefix + " from other.yaml; DO NOT EDIT.\n"
	files := []File{{"client.go", []byte(header + "package x\n")}, {"droplets.go", []byte(header + "package x\n// v1\n")}}
	if _, err := Write(dir, files); err != nil {
		t.Fatal(err)
	}
	// A stale file of this generation goes; one of another source, a
	// hand-written one and a non-Go file stay.
	os.WriteFile(filepath.Join(dir, "old_tag.go"), []byte(header+"package x\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "other.go"), []byte(other+"package x\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "mine.go"), []byte("package x\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte(header), 0o644)
	files[1].Content = []byte(header + "package x\n// v2\n")
	written, err := Write(dir, files)
	if err != nil {
		t.Fatal(err)
	}
	if len(written) != 1 {
		t.Errorf("rewrote %v, want only the changed file", written)
	}
	for name, want := range map[string]bool{"old_tag.go": false, "other.go": true, "mine.go": true, "notes.txt": true, "client.go": true} {
		_, err := os.Stat(filepath.Join(dir, name))
		if (err == nil) != want {
			t.Errorf("%s exists=%v, want %v", name, err == nil, want)
		}
	}
	// A hand-written file in the way stops everything.
	os.WriteFile(filepath.Join(dir, "types.go"), []byte("package x\n"), 0o644)
	files = append(files, File{"types.go", []byte(header + "package x\n")})
	if _, err := Write(dir, files); !errors.Is(err, ErrNotOurs) {
		t.Errorf("got %v", err)
	}
}

func TestWriteRefusesAnotherPackage(t *testing.T) {
	header := HeaderPrefix + " from api.yaml; DO NOT EDIT.\n"
	files := []File{{"client.go", []byte(header + "package client\n")}}
	for _, c := range []struct {
		name, src string
		refused   bool
	}{
		{"main.go", "package main\n\nfunc main() {}\n", true},
		{"doc.go", "// Package client is mine.\npackage client\n", false},
		{"client_ext_test.go", "package client_test\n", false},
		{"other_test.go", "package other_test\n", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, c.name), []byte(c.src), 0o644)
			_, err := Write(dir, files)
			if refused := errors.Is(err, ErrOtherPackage); refused != c.refused {
				t.Fatalf("refused=%v (%v), want %v", refused, err, c.refused)
			}
			_, statErr := os.Stat(filepath.Join(dir, "client.go"))
			if wrote := statErr == nil; wrote == c.refused {
				t.Errorf("client.go written=%v after refused=%v", wrote, c.refused)
			}
		})
	}
}
