// Package suggest finds the name a user probably meant, for "did you mean"
// hints on flags, rule and check ids, formats and config keys.
package suggest

import "strings"

// Closest returns the candidate nearest to s by edit distance (case
// ignored), or "" when none is near enough to be a likely typo: at most a
// third of the longer name's letters, and at least one, may differ. A
// candidate that s is a prefix of (operation-tag for operation-tags) counts
// as near.
func Closest(s string, candidates []string) string {
	s = strings.ToLower(s)
	best, bestD := "", -1
	for _, c := range candidates {
		lc := strings.ToLower(c)
		d := distance(s, lc)
		if len(s) >= 3 && strings.HasPrefix(lc, s) {
			d = min(d, 1)
		}
		limit := max(1, max(len(s), len(lc))/3)
		if d > limit {
			continue
		}
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// Hint is ` (did you mean "x"?)` for the closest candidate, or "".
func Hint(s string, candidates []string) string {
	if c := Closest(s, candidates); c != "" {
		return ` (did you mean "` + c + `"?)`
	}
	return ""
}

// distance is the edit distance of a and b in bytes (names are ASCII),
// with a swap of two neighbours one edit: the commonest typo (lnit).
func distance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}
