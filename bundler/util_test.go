package bundler

import "strings"

func joinLines(s []string) string { return strings.Join(s, "\n") }
