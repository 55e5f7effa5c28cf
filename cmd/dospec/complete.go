package main

import (
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/dospec/dospec/internal/suggest"
)

// specArgs completes spec files: YAML and JSON, and folders to reach them.
func specArgs(_ *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return []cobra.Completion{"yaml", "yml", "json"}, cobra.ShellCompDirectiveFilterFileExt
}

// fixedValues completes a flag from a list of values.
func fixedValues(values ...string) cobra.CompletionFunc {
	return func(_ *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}

// completeFlag registers a completion; the flag is the command's own, so
// the only error (no such flag) is a programming error caught by tests.
func completeFlag(cmd *cobra.Command, name string, f cobra.CompletionFunc) {
	if err := cmd.RegisterFlagCompletionFunc(name, f); err != nil {
		panic(err)
	}
}

// flagError turns pflag's errors into usage errors, with the flag the user
// probably meant when one is near ("unknown flag: --formt").
func flagError(cmd *cobra.Command, err error) error {
	msg := err.Error()
	// Only long names: any one letter is one edit from any other.
	name, ok := strings.CutPrefix(msg, "unknown flag: --")
	if !ok {
		return usageError("%v", err)
	}
	var names []string
	visit := func(f *pflag.Flag) {
		if !f.Hidden {
			names = append(names, f.Name)
		}
	}
	cmd.Flags().VisitAll(visit)
	cmd.InheritedFlags().VisitAll(visit)
	if c := suggest.Closest(name, names); c != "" {
		return usageError("%v (did you mean --%s?)", err, c)
	}
	return usageError("%v", err)
}

// oneOf reads a flag's value from a list of names, case ignored; a near
// miss names the closest.
func oneOf(flag, value string, names []string) (string, error) {
	for _, n := range names {
		if strings.EqualFold(n, value) {
			return n, nil
		}
	}
	return "", usageError("unknown --%s %q%s: use %s", flag, value, suggest.Hint(value, names), strings.Join(names, ", "))
}
