package main

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// Set at link time by release builds (.goreleaser.yaml):
// -X main.version=v0.1.0 -X main.commit=<sha> -X main.date=<RFC 3339>.
// Left empty, they come from the build information go install records.
var (
	version string
	commit  string
	date    string
)

func newVersionCmd(s *streams) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print dospec's version, commit and build date",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fmt.Fprintln(s.Out, "dospec "+readBuild().String())
			return nil
		},
	}
}

// build is what `dospec version` reports.
type build struct {
	Version string // module version: v0.1.0, or (devel) for a build in a clone
	Commit  string // VCS revision, "" when unknown
	Date    string // commit or build time, "" when unknown
	Go      string // toolchain
}

// readBuild merges the link-time values over the module's build
// information: go install module@v0.1.0 records the version but no
// commit; a build in a clone records the commit but no version.
func readBuild() build {
	b := build{Version: "(devel)"}
	if bi, ok := debug.ReadBuildInfo(); ok {
		b.Go = bi.GoVersion
		if bi.Main.Version != "" {
			b.Version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				b.Commit = s.Value
			case "vcs.time":
				b.Date = s.Value
			}
		}
	}
	if version != "" {
		b.Version = version
	}
	if commit != "" {
		b.Commit = commit
	}
	if date != "" {
		b.Date = date
	}
	return b
}

func (b build) String() string {
	s := b.Version
	if b.Commit != "" {
		c := b.Commit
		if len(c) > 12 {
			c = c[:12]
		}
		s += ", commit " + c
	}
	if b.Date != "" {
		s += ", built " + b.Date
	}
	if b.Go != "" {
		s += ", " + b.Go
	}
	return s
}
