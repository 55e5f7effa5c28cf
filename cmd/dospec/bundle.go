package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dospec/dospec/bundler"
	"github.com/dospec/dospec/internal/atomicfile"
	"github.com/dospec/dospec/spec"
)

// bundleOptions is everything `dospec bundle` takes; tests fill it directly.
type bundleOptions struct {
	Root          string
	Output        string // "" or "-" for standard output
	Format        string // yaml, json, or "" to pick from Output's extension
	Dereference   bool
	InlineValues  bool
	AllowExternal bool
	MaxFileSize   int64
	Check         bool
	Validate      bool
	Quiet         bool
}

func newBundleCmd(s *streams) *cobra.Command {
	o := &bundleOptions{}
	cmd := &cobra.Command{
		Use:   "bundle ROOT [-o FILE]",
		Short: "Compose a multi-file spec into one OpenAPI document",
		Long: `Bundle reads ROOT and every file its $refs reach and writes one
self-contained OpenAPI document, with nothing of the source lost: descriptions,
examples, x- extensions (x-codeSamples inlined) and descriptions written as
$refs (description: {$ref: description.yml#/introduction}) all come through.

Operation and path item files are inlined under their paths. A $ref that sits
where a schema, parameter, response, header, example, request body, link or
callback belongs becomes an entry under #/components, named after the last
token of its JSON pointer or the file's base name (shared/parameters.yml#/page
becomes #/components/parameters/page; models/droplet.yml becomes
#/components/schemas/droplet). Same name and identical content: one entry.
Same name, different content: name, name_2, name_3... in the order of the
source file paths. Other $refs are replaced by what they point at.

The output is deterministic: the same input gives the same bytes on every run
and machine. Keys keep their source order; hoisted components are sorted.

$refs that leave ROOT's folder, absolute paths and URLs are refused unless
--allow-external is given. -o never overwrites a file of the spec itself and
writes atomically: on any error nothing is written.`,
		Example: `  # bundle to a file (YAML, or JSON when the name ends in .json)
  dospec bundle specification/DigitalOcean-public.v2.yaml -o do.yaml

  # JSON to standard output
  dospec bundle spec/root.yaml --format json -o -

  # everything inlined; recursive schemas stay as refs and are reported
  dospec bundle spec/root.yaml --dereference -o flat.yaml

  # in CI or a pre-commit hook: fail when the committed bundle is stale
  dospec bundle spec/root.yaml -o do.yaml --check`,
		Args: exactArgs(1, "bundle needs the root file of the spec"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Root = args[0]
			return runBundle(cmd.Context(), o, s)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.Output, "output", "o", "-", "write to `FILE` (- for standard output)")
	f.StringVarP(&o.Format, "format", "f", "", "output format: yaml or json (default: from -o's extension, else yaml)")
	f.BoolVar(&o.Dereference, "dereference", false, "inline every $ref (recursive schemas stay as refs)")
	f.BoolVar(&o.InlineValues, "inline-external-values", false, "replace an example's externalValue naming a local file with the file's content as value")
	f.BoolVar(&o.AllowExternal, "allow-external", false, "allow $refs outside the root's folder, absolute paths and http(s) URLs")
	f.Int64Var(&o.MaxFileSize, "max-file-size", spec.DefaultMaxFileSize, "refuse spec files larger than this many `bytes`")
	f.BoolVar(&o.Check, "check", false, "write nothing; exit 1 if -o FILE differs from a fresh bundle")
	f.BoolVar(&o.Validate, "validate", false, "load the result with libopenapi and fail if it reports errors")
	f.BoolVarP(&o.Quiet, "quiet", "q", false, "print nothing but errors")
	completeFlag(cmd, "format", fixedValues("yaml", "json"))
	return cmd
}

// exactArgs is cobra.ExactArgs with a message that says what is missing.
func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return usageError("%s (got %d arguments)\nUsage: %s", what, len(args), cmd.UseLine())
		}
		return nil
	}
}

func runBundle(ctx context.Context, o *bundleOptions, s *streams) error {
	format := strings.ToLower(o.Format)
	toStdout := o.Output == "" || o.Output == "-"
	if format == "" {
		format = "yaml"
		if !toStdout && strings.EqualFold(filepath.Ext(o.Output), ".json") {
			format = "json"
		}
	}
	if _, err := oneOf("format", format, []string{"yaml", "json"}); err != nil {
		return err
	}
	if o.Check && toStdout {
		return usageError("--check needs -o FILE: the committed bundle to compare with")
	}
	sp, err := spec.Load(ctx, o.Root, spec.Options{AllowExternal: o.AllowExternal, MaxFileSize: o.MaxFileSize})
	if err != nil {
		return unreadable(err)
	}
	res, err := bundler.Bundle(sp, bundler.Options{Dereference: o.Dereference, InlineExternalValues: o.InlineValues})
	if err != nil {
		return unreadable(err)
	}
	var buf bytes.Buffer
	if format == "json" {
		err = bundler.WriteJSON(&buf, res.Doc)
	} else {
		err = bundler.WriteYAML(&buf, res.Doc)
	}
	if err != nil {
		return failed(err)
	}
	if o.Validate {
		if err := bundler.Validate(buf.Bytes()); err != nil {
			return failed(fmt.Errorf("the bundle does not validate: %w", err))
		}
	}
	if !o.Quiet {
		for _, c := range res.Cycles {
			fmt.Fprintf(s.Err, "%s: recursive $ref kept as %s\n", c.Pos, c.Component)
		}
	}
	switch {
	case o.Check:
		old, err := os.ReadFile(o.Output)
		if err != nil {
			return failed(fmt.Errorf("check %s: %w", o.Output, err))
		}
		if !bytes.Equal(old, buf.Bytes()) {
			return failed(fmt.Errorf("%s is stale: run 'dospec bundle %s -o %s' and commit the result", o.Output, o.Root, o.Output))
		}
		if !o.Quiet {
			fmt.Fprintf(s.Err, "%s is up to date\n", o.Output)
		}
		return nil
	case toStdout:
		_, err := s.Out.Write(buf.Bytes())
		return err
	}
	var src sources
	src.addSpec(sp, "")
	if err := refuseSource(o.Output, src); err != nil {
		return usageError("%v", err)
	}
	if err := atomicfile.Write(o.Output, 0o644, func(w io.Writer) error {
		_, err := w.Write(buf.Bytes())
		return err
	}); err != nil {
		return failed(err)
	}
	if !o.Quiet {
		st := bundler.Summarize(res.Doc)
		fmt.Fprintf(s.Err, "bundled %s into %s: %d paths, %d operations, %d components (%d merged)\n",
			plural(len(sp.Files), "file"), o.Output, st.Paths, st.Operations, st.Components, res.Merged)
	}
	return nil
}

// plural is "1 file", "2 files".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
