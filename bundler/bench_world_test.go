package bundler_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dospec/dospec/bundler"
	"github.com/dospec/dospec/internal/testenv"
	"github.com/dospec/dospec/spec"
	"github.com/dospec/dospec/split"
)

// GitHub's description (3.7 MB of indented JSON, 767 operations) as users
// keep it: one file, the same minified, split into a multi-file layout,
// and replicated 2x and 5x to show the cost grows linearly.
//
//	go test ./bundler -run '^$' -bench GitHub -benchmem

func githubFile(b *testing.B) string {
	return filepath.Join(testenv.World(b), "real", "api.github.com.json")
}

func benchBundle(b *testing.B, root string) {
	b.Helper()
	if st, err := os.Stat(root); err == nil {
		b.SetBytes(st.Size())
	}
	b.ReportAllocs()
	for b.Loop() {
		s, err := spec.Load(context.Background(), root, spec.Options{})
		if err != nil {
			b.Fatal(err)
		}
		res, err := bundler.Bundle(s, bundler.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := bundler.WriteYAML(io.Discard, res.Doc); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBundleGitHub(b *testing.B) { benchBundle(b, githubFile(b)) }

func BenchmarkBundleGitHubMinified(b *testing.B) {
	src, err := os.ReadFile(githubFile(b))
	if err != nil {
		b.Fatal(err)
	}
	var min bytes.Buffer
	if err := json.Compact(&min, src); err != nil {
		b.Fatal(err)
	}
	root := filepath.Join(b.TempDir(), "github.min.json")
	if err := os.WriteFile(root, min.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	benchBundle(b, root)
}

func BenchmarkBundleGitHubSplit(b *testing.B) {
	s, err := spec.Load(context.Background(), githubFile(b), spec.Options{})
	if err != nil {
		b.Fatal(err)
	}
	res, err := split.Split(context.Background(), s)
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	if err := res.Write(dir); err != nil {
		b.Fatal(err)
	}
	benchBundle(b, filepath.Join(dir, split.RootName))
}

// BenchmarkBundleGitHubScaled bundles GitHub's paths and components k
// times over in one file (copies renamed, their refs rewritten).
func BenchmarkBundleGitHubScaled(b *testing.B) {
	src, err := os.ReadFile(githubFile(b))
	if err != nil {
		b.Fatal(err)
	}
	for _, k := range []int{1, 2, 5} {
		b.Run(fmt.Sprintf("x%d", k), func(b *testing.B) {
			root := filepath.Join(b.TempDir(), "github.json")
			if err := os.WriteFile(root, replicate(b, src, k), 0o644); err != nil {
				b.Fatal(err)
			}
			benchBundle(b, root)
		})
	}
}

// replicate writes doc with its paths and components k times: copy i > 0
// has paths under /r<i> and components suffixed _r<i>, and its refs name
// its own components.
func replicate(b *testing.B, src []byte, k int) []byte {
	var doc map[string]any
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		b.Fatal(err)
	}
	paths := doc["paths"].(map[string]any)
	comps := doc["components"].(map[string]any)
	outPaths, outComps := map[string]any{}, map[string]any{}
	for i := range k {
		suffix := ""
		if i > 0 {
			suffix = fmt.Sprintf("_r%d", i)
		}
		rename := func(v any) any { return renameRefs(v, suffix) }
		for p, item := range paths {
			if i > 0 {
				p = fmt.Sprintf("/r%d%s", i, p)
			}
			outPaths[p] = rename(item)
		}
		for section, m := range comps {
			sec, _ := outComps[section].(map[string]any)
			if sec == nil {
				sec = map[string]any{}
				outComps[section] = sec
			}
			for name, v := range m.(map[string]any) {
				sec[name+suffix] = rename(v)
			}
		}
	}
	doc["paths"], doc["components"] = outPaths, outComps
	delete(doc, "webhooks")
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		b.Fatal(err)
	}
	return out
}

func renameRefs(v any, suffix string) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, c := range v {
			if s, ok := c.(string); ok && k == "$ref" && suffix != "" && strings.HasPrefix(s, "#/components/") {
				parts := strings.SplitN(s, "/", 5)
				if len(parts) == 4 {
					c = s + suffix
				} else {
					c = strings.Join(parts[:4], "/") + suffix + "/" + parts[4]
				}
			} else {
				c = renameRefs(c, suffix)
			}
			out[k] = c
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, c := range v {
			out[i] = renameRefs(c, suffix)
		}
		return out
	}
	return v
}
