package split

import (
	"strconv"
	"strings"
)

// maxName bounds a file name's stem, leaving room for a suffix and
// ".yaml" under the 255 bytes file systems allow.
const maxName = 200

// NameFor is the file name (without ".yaml") a path template or a
// component name wants, before uniqueNames makes the names of one folder
// unique:
//
//   - for a path, every "/" becomes "_" and the first one is dropped:
//     /pets/{petId} is pets_{petId}, / is _;
//   - every character but ASCII letters, digits, '.', '_', '-', '{' and '}'
//     becomes '-' (a '/' in a component name too): /v1/{name}:cancel is
//     v1_{name}-cancel;
//   - an empty name is _; a name that starts with '.' (hidden on Unix) or
//     is a Windows device name before its first '.' (con, prn, aux, nul,
//     com0-9, lpt0-9) gets '_' in front;
//   - names are cut to 200 bytes.
func NameFor(s string, isPath bool) string {
	if isPath {
		s = strings.ReplaceAll(s, "/", "_")
		if len(s) > 1 && s[0] == '_' {
			s = s[1:]
		}
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '.', c == '_', c == '-', c == '{', c == '}':
			b.WriteByte(c)
		case c >= 0x80:
			// One '-' per character, not per byte.
			if c >= 0xc0 || i == 0 {
				b.WriteByte('-')
			}
		default:
			b.WriteByte('-')
		}
	}
	name := b.String()
	if name == "" {
		name = "_"
	}
	if name[0] == '.' || windowsDevice(name) {
		name = "_" + name
	}
	if len(name) > maxName {
		name = name[:maxName]
	}
	return name
}

// windowsDevice reports names Windows reserves in every folder, whatever
// the extension.
func windowsDevice(name string) bool {
	stem, _, _ := strings.Cut(strings.ToLower(name), ".")
	switch stem {
	case "con", "prn", "aux", "nul":
		return true
	}
	return len(stem) == 4 && (strings.HasPrefix(stem, "com") || strings.HasPrefix(stem, "lpt")) &&
		stem[3] >= '0' && stem[3] <= '9'
}

// uniqueNames gives each of keys (the entries of one folder, in source
// order) a file name: NameFor's, unless an earlier key has it, ignoring
// ASCII case (macOS and Windows fold case); then name_2, name_3, … the
// first that no key wants and no earlier key took. The same keys always
// give the same names, and no two names differ only in case.
func uniqueNames(keys []string, isPath bool) []string {
	want := make([]string, len(keys))
	wanted := map[string]bool{}
	for i, k := range keys {
		want[i] = NameFor(k, isPath)
		wanted[strings.ToLower(want[i])] = true
	}
	taken := map[string]bool{}
	out := make([]string, len(keys))
	for i, w := range want {
		if !taken[strings.ToLower(w)] {
			out[i] = w
			taken[strings.ToLower(w)] = true
			continue
		}
		for n := 2; ; n++ {
			c := w + "_" + strconv.Itoa(n)
			if lc := strings.ToLower(c); !wanted[lc] && !taken[lc] {
				out[i] = c
				taken[lc] = true
				break
			}
		}
	}
	return out
}
