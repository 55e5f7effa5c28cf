package main

import (
	"context"
	"io"

	"github.com/spf13/cobra"
)

// streams are the command's standard files, swapped for buffers in tests.
type streams struct {
	In  io.Reader
	Out io.Writer
	Err io.Writer
}

func newRootCmd(s *streams) *cobra.Command {
	root := &cobra.Command{
		Use:   "dospec",
		Short: "Bundle, lint, generate Go clients from and diff multi-file OpenAPI specs",
		Long: `dospec works on OpenAPI 3 specs split over many files, such as
DigitalOcean's public API spec: a root file whose $refs reach hundreds of
files under resources/ and shared/.

  dospec bundle   compose the files into one valid document (YAML or JSON)
  dospec lint     check them with DigitalOcean's ruleset and more
  dospec gen      generate a Go client package from it
  dospec diff     report breaking changes between two versions
  dospec split    lay a one-file document out as a multi-file spec

Every command reads the root file and the files its $refs reach; positions in
messages are file:line:col in those source files, relative to the root's
folder.

Exit codes: 0 ok, 1 findings (or a failed write), 2 usage error,
3 the spec could not be read.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       readBuild().String(), // --version, as `dospec version` prints it
	}
	root.SetVersionTemplate("dospec {{.Version}}\n")
	root.SetIn(s.In)
	root.SetOut(s.Out)
	root.SetErr(s.Err)
	root.SetFlagErrorFunc(flagError)
	root.AddCommand(newBundleCmd(s), newLintCmd(s), newGenCmd(s), newDiffCmd(s), newSplitCmd(s), newVersionCmd(s))
	for _, c := range root.Commands() {
		if c.ValidArgsFunction == nil && c.Name() != "version" {
			c.ValidArgsFunction = specArgs
		}
	}
	return root
}

// run executes the command line and returns the exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	s := &streams{In: stdin, Out: stdout, Err: stderr}
	root := newRootCmd(s)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err != nil && !isExitError(err) {
		// cobra's own errors (unknown command, wrong argument count) are usage errors.
		err = usageError("%v\nRun 'dospec --help' for usage.", err)
	}
	return report(stderr, err)
}
