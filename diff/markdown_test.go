package diff

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/dospec/dospec/internal/testenv"
	"github.com/dospec/dospec/spec"
)

func compareFixture(t *testing.T, name string) *Result {
	t.Helper()
	dir := filepath.Join(testenv.ProjectRoot(), "testdata", "specs", "diff", name)
	load := func(side string) *spec.Spec {
		s, err := spec.Load(context.Background(), filepath.Join(dir, side, "openapi.yaml"), spec.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	res, err := Compare(load("base"), load("head"), nil)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func markdown(t *testing.T, res *Result, o Output) string {
	t.Helper()
	o.Format = "markdown"
	var buf bytes.Buffer
	if err := Write(&buf, res, o); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// A description in a schema a request and its response share is one line
// of the spec: the text report meets it twice, the PR comment lists it once
// and counts it once.
func TestMarkdownOneLineOnce(t *testing.T) {
	res := compareFixture(t, "shared-description-request-and-response")
	if n := res.Counts()[Info]; n != 2 {
		t.Fatalf("the fixture should report the description twice, got %d changes", n)
	}
	md := markdown(t, res, Output{MinLevel: Info})
	if n := strings.Count(md, "description changed"); n != 1 {
		t.Errorf("description listed %d times, want once:\n%s", n, md)
	}
	if !strings.Contains(md, "| ℹ️ info | 1 |") {
		t.Errorf("counts should count the line once:\n%s", md)
	}
}

// The header names the spec and both revisions, after the hidden marker;
// with a link base, the head's file:line is a link to that line.
func TestMarkdownHeaderAndLinks(t *testing.T) {
	res := compareFixture(t, "shared-description-request-and-response")
	md := markdown(t, res, Output{MinLevel: Info, Spec: "specification/api.yaml", BaseRev: "origin/main", HeadRev: "abc123",
		LinkBase: "https://github.com/o/r/blob/abc123/", FileBase: "specification"})
	lines := strings.Split(md, "\n")
	if lines[0] != MarkdownMarker || lines[1] != "### API changes: `specification/api.yaml` (`origin/main` → `abc123`)" {
		t.Errorf("header:\n%s", strings.Join(lines[:2], "\n"))
	}
	want := "[`openapi.yaml:28:11`](https://github.com/o/r/blob/abc123/specification/openapi.yaml#L28)"
	if !strings.Contains(md, want) {
		t.Errorf("want link %s in:\n%s", want, md)
	}
	if plain := markdown(t, res, Output{MinLevel: Info}); strings.Contains(plain, "](") {
		t.Errorf("a link without --link-base:\n%s", plain)
	}
}

// --max-bytes keeps the comment under the cap, breaking changes first,
// then warnings, then information, and says how many were cut.
func TestMarkdownMaxBytes(t *testing.T) {
	res := &Result{}
	for _, l := range []Level{Info, Warning, Breaking} {
		for i := range 300 {
			pos := &spec.Pos{File: "resources/x.yml", Line: i + 1, Col: 1}
			res.Changes = append(res.Changes, Change{Check: "c-" + l.String(), Level: l, Head: pos,
				Message:    fmt.Sprintf("%s change number %d with a message long enough to fill the comment quickly", l, i),
				Operations: []string{fmt.Sprintf("GET /v2/things/%d", i%7)}})
		}
	}
	res.Changes = merge(res.Changes)
	cutLine := regexp.MustCompile(`_(\d+) more not shown \((\d+) breaking, (\d+) warnings, (\d+) info\)`)
	for _, tc := range []struct {
		max              int
		someWarningShown bool
	}{{65000, true}, {20000, false}, {3000, false}} {
		md := markdown(t, res, Output{MinLevel: Info, MaxBytes: tc.max})
		if len(md) > tc.max {
			t.Errorf("max %d: %d bytes", tc.max, len(md))
		}
		m := cutLine.FindStringSubmatch(md)
		if m == nil {
			t.Fatalf("max %d: no count of what was cut:\n%s", tc.max, md[len(md)-300:])
		}
		n := func(i int) int { v, _ := strconv.Atoi(m[i]); return v }
		shown := map[Level]int{}
		for _, l := range []Level{Breaking, Warning, Info} {
			shown[l] = strings.Count(md, "`c-"+l.String()+"`")
			if shown[l]+n(map[Level]int{Breaking: 2, Warning: 3, Info: 4}[l]) != 300 {
				t.Errorf("max %d: %s: %d shown + cut != 300", tc.max, l, shown[l])
			}
		}
		if n(1) != n(2)+n(3)+n(4) {
			t.Errorf("max %d: total %d", tc.max, n(1))
		}
		// A lower level is shown only when every higher one is.
		if shown[Warning] > 0 && shown[Breaking] != 300 || shown[Info] > 0 && shown[Warning] != 300 {
			t.Errorf("max %d: shown %v: breaking first, then warnings", tc.max, shown)
		}
		if (shown[Warning] > 0) != tc.someWarningShown {
			t.Errorf("max %d: warnings shown: %d", tc.max, shown[Warning])
		}
		if strings.Count(md, "<details") != strings.Count(md, "</details>") {
			t.Errorf("max %d: unbalanced details", tc.max)
		}
	}
	if md := markdown(t, res, Output{MinLevel: Info}); cutLine.MatchString(md) || strings.Count(md, "`c-") != 900 {
		t.Errorf("no cap: something was cut")
	}
}
