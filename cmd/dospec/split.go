package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/dospec/dospec/spec"
	"github.com/dospec/dospec/split"
)

// splitOptions is everything `dospec split` takes; tests fill it directly.
type splitOptions struct {
	Root          string
	Output        string // the folder to write into
	AllowExternal bool
	MaxFileSize   int64
	Quiet         bool
}

func newSplitCmd(s *streams) *cobra.Command {
	o := &splitOptions{}
	cmd := &cobra.Command{
		Use:   "split ROOT -o DIR",
		Short: "Lay a one-file OpenAPI document out as a multi-file spec",
		Long: `Split is the inverse of bundle: it writes ROOT as the multi-file layout
teams keep their spec in, which 'dospec bundle DIR/openapi.yaml' composes back
into a document that means the same.

  DIR/openapi.yaml                      everything but the contents of paths
                                        and components; each of their entries
                                        is a $ref to its file
  DIR/paths/<path>.yaml                 one path item per file
  DIR/components/<section>/<Name>.yaml  one file per entry of schemas,
                                        responses, parameters, examples,
                                        requestBodies, headers, securitySchemes,
                                        links, callbacks and pathItems

File names: for a path, every "/" becomes "_" and the first is dropped
(/pets/{petId} is paths/pets_{petId}.yaml, / is paths/_.yaml); in any name,
characters other than letters, digits, '.', '_', '-', '{' and '}' become '-'
(/v1/{name}:cancel is v1_{name}-cancel.yaml); a name starting with '.' or
that Windows reserves (con, nul, com1...) gets '_' in front. Names that would
be equal ignoring case get _2, _3... in source order (Pet.yaml, pet_2.yaml),
so the layout checks out the same on Linux, macOS and Windows.

Every $ref is rewritten to the file its target is in now, relative to the
file it is written in: #/components/schemas/Pet becomes
../components/schemas/Pet.yaml in a path file and ./Pet.yaml beside it;
#/components/schemas/Pet/properties/id becomes ./Pet.yaml#/properties/id;
#/paths/~1pets/get/responses/200 becomes ./pets.yaml#/get/responses/200.
Discriminator mappings are rewritten too. A $ref key that is data (a
property named $ref, a key in an example) is copied as it is.

A spec already spread over several files is bundled first, then split.
Split never overwrites: if any file of the layout exists in DIR, nothing is
written. The output is deterministic: the same input gives the same files.`,
		Example: `  # split a bundled spec into a folder, then check it bundles back
  dospec split api.yaml -o spec/
  dospec bundle spec/openapi.yaml -o api-again.yaml

  # re-split after editing the bundle: start from an empty folder
  rm -rf spec/ && dospec split api.yaml -o spec/`,
		Args: exactArgs(1, "split needs the spec to split"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Root = args[0]
			return runSplit(cmd.Context(), o, s)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.Output, "output", "o", "", "write the files under `DIR` (created if missing)")
	f.BoolVar(&o.AllowExternal, "allow-external", false, "allow $refs outside the root's folder, absolute paths and http(s) URLs")
	f.Int64Var(&o.MaxFileSize, "max-file-size", spec.DefaultMaxFileSize, "refuse spec files larger than this many `bytes`")
	f.BoolVarP(&o.Quiet, "quiet", "q", false, "print nothing but errors")
	return cmd
}

func runSplit(ctx context.Context, o *splitOptions, s *streams) error {
	if o.Output == "" || o.Output == "-" {
		return usageError("split needs -o DIR: the folder to write the files into")
	}
	sp, err := spec.Load(ctx, o.Root, spec.Options{AllowExternal: o.AllowExternal, MaxFileSize: o.MaxFileSize})
	if err != nil {
		return unreadable(err)
	}
	res, err := split.Split(ctx, sp)
	if err != nil {
		return unreadable(err)
	}
	var src sources
	src.addSpec(sp, "")
	for _, f := range res.Files {
		if err := refuseSource(filepath.Join(o.Output, filepath.FromSlash(f.Path)), src); err != nil {
			return usageError("%v", err)
		}
	}
	if err := res.Write(o.Output); err != nil {
		if errors.Is(err, split.ErrExists) {
			return usageError("%v", err)
		}
		return failed(err)
	}
	if !o.Quiet {
		comps := 0
		for _, n := range res.Components {
			comps += n
		}
		from := fmt.Sprintf("%d file", len(sp.Files))
		if len(sp.Files) > 1 {
			from += "s (bundled first)"
		}
		fmt.Fprintf(s.Err, "split %s into %d files under %s: the root, %d paths, %d components\n",
			from, len(res.Files), o.Output, res.Paths, comps)
	}
	return nil
}
