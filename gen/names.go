package gen

import (
	"strconv"
	"strings"
	"unicode"
)

// initialisms are written in capitals in Go names (Go's own convention:
// ID, URL, HTTP), as golint and godo do.
var initialisms = map[string]string{
	"id": "ID", "ids": "IDs", "url": "URL", "urls": "URLs", "uri": "URI", "vpc": "VPC", "vpcs": "VPCs",
	"ip": "IP", "ips": "IPs", "ipv4": "IPv4", "ipv6": "IPv6", "uuid": "UUID", "uuids": "UUIDs",
	"api": "API", "http": "HTTP", "https": "HTTPS", "json": "JSON", "cpu": "CPU", "gpu": "GPU",
	"gpus": "GPUs", "ssh": "SSH", "dns": "DNS", "tls": "TLS", "ssl": "SSL", "cdn": "CDN", "ttl": "TTL",
	"sql": "SQL", "tcp": "TCP", "udp": "UDP", "html": "HTML", "xml": "XML", "os": "OS", "acl": "ACL",
	"cidr": "CIDR", "sso": "SSO", "ui": "UI", "ram": "RAM", "urn": "URN", "sha": "SHA", "jwt": "JWT",
	"ca": "CA", "mysql": "MySQL", "dbaas": "DBaaS", "saml": "SAML", "oauth": "OAuth", "sse": "SSE",
	"vcpu": "VCPU", "vcpus": "VCPUs", "nfs": "NFS", "nat": "NAT", "byoip": "BYOIP", "ssd": "SSD",
}

// words splits an identifier-ish string into words: on anything not a
// letter or digit, and at camelCase humps (dropletActions → droplet actions).
func words(s string) []string {
	var out []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			out = append(out, string(cur))
			cur = cur[:0]
		}
	}
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			flush()
		case unicode.IsUpper(r) && len(cur) > 0 &&
			(unicode.IsLower(cur[len(cur)-1]) || unicode.IsDigit(cur[len(cur)-1]) ||
				(i+1 < len(rs) && unicode.IsLower(rs[i+1]) && !pluralEnd(rs, i+1))):
			flush()
			cur = append(cur, r)
		default:
			cur = append(cur, r)
		}
	}
	flush()
	return out
}

// pluralEnd reports whether rs[i] is an "s" ending a capitalised word, as
// in VPCs or IPs, which stays with the capitals.
func pluralEnd(rs []rune, i int) bool {
	return rs[i] == 's' && (i+1 == len(rs) || !unicode.IsLetter(rs[i+1]) || unicode.IsUpper(rs[i+1]))
}

// goName makes an exported Go identifier: droplet_networks → DropletNetworks,
// vpc_uuid → VPCUUID, 1_clicks → X1Clicks.
func goName(s string) string {
	var b strings.Builder
	for _, w := range words(s) {
		lw := strings.ToLower(w)
		if v, ok := initialisms[lw]; ok {
			b.WriteString(v)
			continue
		}
		b.WriteString(strings.ToUpper(lw[:1]) + lw[1:])
	}
	name := b.String()
	if name == "" {
		return "X"
	}
	if unicode.IsDigit(rune(name[0])) {
		name = "X" + name
	}
	return name
}

// namer hands out unique names in one scope: a clash gets 2, 3, …
type namer struct{ used map[string]bool }

func newNamer(reserved ...string) *namer {
	n := &namer{used: map[string]bool{}}
	for _, r := range reserved {
		n.used[r] = true
	}
	return n
}

func (n *namer) take(name string) string {
	if !n.used[name] {
		n.used[name] = true
		return name
	}
	for i := 2; ; i++ {
		c := name + strconv.Itoa(i)
		if !n.used[c] {
			n.used[c] = true
			return c
		}
	}
}

// maxNameLen is the longest type name gen makes up; a longer one (an inline
// schema deep in a long-named operation) is shortened by shortenName.
const maxNameLen = 64

// shortenName shortens a made-up type name longer than maxNameLen to its
// first two and last three words:
// PostV1EnvironmentsEnvironmentIDApplicationsApplicationIDGrantsRequestScopesItem
// → PostV1RequestScopesItem. The namer numbers names that then clash. Names
// the spec gives (a $ref's schema) are kept as they are.
func shortenName(name string) string {
	if len(name) <= maxNameLen {
		return name
	}
	w := words(name)
	if len(w) <= 5 {
		return name
	}
	return strings.Join(w[:2], "") + strings.Join(w[len(w)-3:], "")
}
