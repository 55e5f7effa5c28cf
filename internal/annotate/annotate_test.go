package annotate

import (
	"bytes"
	"testing"

	_ "github.com/dospec/dospec/internal/golden"
)

func TestWriteEscapes(t *testing.T) {
	var b bytes.Buffer
	Write(&b, Annotation{Level: "error", File: "a,b:c.yml", Line: 3, Col: 5, Title: "rule-id", Text: "50% done\nnext"})
	want := "::error file=a%2Cb%3Ac.yml,line=3,col=5,title=rule-id::50%25 done%0Anext\n"
	if b.String() != want {
		t.Errorf("got %q\nwant %q", b.String(), want)
	}
}
