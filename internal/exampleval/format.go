package exampleval

import (
	"net/netip"
	"strings"
)

// checkFormat checks the formats whose meaning is unambiguous; known is
// false for every other format, which is then not checked.
func checkFormat(format, s string) (ok, known bool) {
	switch format {
	case "date-time":
		return isDateTime(s), true
	case "date":
		return isDate(s), true
	case "uuid":
		return isUUID(s), true
	case "ipv4":
		a, err := netip.ParseAddr(s)
		return err == nil && a.Is4(), true
	case "ipv6":
		a, err := netip.ParseAddr(s)
		return err == nil && a.Is6() && a.Zone() == "", true
	}
	return false, false
}

func formatName(format string) string {
	if format == "date-time" {
		return "date-time (RFC 3339)"
	}
	return format
}

// digits reads n decimal digits at the start of s.
func digits(s string, n int) (int, bool) {
	if len(s) < n {
		return 0, false
	}
	v := 0
	for i := range n {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	return v, true
}

// isDate checks RFC 3339 full-date: YYYY-MM-DD, a day that exists.
func isDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	y, ok1 := digits(s, 4)
	m, ok2 := digits(s[5:], 2)
	d, ok3 := digits(s[8:], 2)
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || d < 1 {
		return false
	}
	days := [...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m-1]
	if m == 2 && y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		days = 29
	}
	return d <= days
}

// isDateTime checks RFC 3339 date-time: full-date "T" time, with seconds,
// an optional fraction and a Z or ±hh:mm offset. time.Parse is not used:
// it refuses leap seconds and lower-case t and z, which RFC 3339 allows.
func isDateTime(s string) bool {
	if len(s) < 20 || !isDate(s[:10]) || (s[10] != 'T' && s[10] != 't') {
		return false
	}
	t := s[11:]
	h, ok1 := digits(t, 2)
	if !ok1 || len(t) < 8 || t[2] != ':' || t[5] != ':' {
		return false
	}
	mi, ok2 := digits(t[3:], 2)
	se, ok3 := digits(t[6:], 2)
	if !ok2 || !ok3 || h > 23 || mi > 59 || se > 60 {
		return false
	}
	t = t[8:]
	if strings.HasPrefix(t, ".") {
		i := 1
		for i < len(t) && t[i] >= '0' && t[i] <= '9' {
			i++
		}
		if i == 1 {
			return false
		}
		t = t[i:]
	}
	switch {
	case t == "Z" || t == "z":
		return true
	case len(t) == 6 && (t[0] == '+' || t[0] == '-') && t[3] == ':':
		oh, ok1 := digits(t[1:], 2)
		om, ok2 := digits(t[4:], 2)
		return ok1 && ok2 && oh <= 23 && om <= 59
	}
	return false
}

// isUUID checks the 8-4-4-4-12 hex form.
func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := range len(s) {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				return false
			}
		}
	}
	return true
}
