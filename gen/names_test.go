package gen

import "testing"

func TestGoName(t *testing.T) {
	for in, want := range map[string]string{
		"droplet_networks":     "DropletNetworks",
		"vpc_uuid":             "VPCUUID",
		"VPCs":                 "VPCs",
		"floating_ips":         "FloatingIPs",
		"1-Click Applications": "X1ClickApplications",
		"dropletActions":       "DropletActions",
		"ipv6":                 "IPv6",
		"load-balancer":        "LoadBalancer",
		"HTTPServer":           "HTTPServer",
		"":                     "X",
	} {
		if got := goName(in); got != want {
			t.Errorf("goName(%q) = %q, want %q", in, got, want)
		}
	}
	if got := lowerFirst("DropletID"); got != "dropletID" {
		t.Errorf("lowerFirst: %q", got)
	}
	if got := lowerFirst("Type"); got != "type_" {
		t.Errorf("lowerFirst keyword: %q", got)
	}
}

// A tag repeated at the start of an operationId is dropped: the service
// already says it (client.Issues.ListForRepo, not IssuesListForRepo).
func TestShortName(t *testing.T) {
	for _, c := range []struct{ id, tag, want string }{
		{"droplets_list", "Droplets", "List"},
		{"issues/list-for-repo", "issues", "ListForRepo"},
		{"IssuesListForRepo", "Issues", "ListForRepo"},
		{"issues", "issues", "Issues"},                // nothing left: kept
		{"issuesmith/get", "issues", "IssuesmithGet"}, // not a word boundary
		{"repos/get", "issues", "ReposGet"},
		{"", "x", "GetPetsID"},
	} {
		if got := shortName(c.id, c.tag, "get", "/pets/{id}"); got != c.want {
			t.Errorf("shortName(%q, %q) = %q, want %q", c.id, c.tag, got, c.want)
		}
	}
}

func TestShortenName(t *testing.T) {
	long := "PostV1EnvironmentsEnvironmentIDApplicationsApplicationIDGrantsRequestScopesItem"
	if got := shortenName(long); got != "PostV1RequestScopesItem" {
		t.Errorf("shortenName(%s) = %s", long, got)
	}
	if got := shortenName("DropletNetworksV4Item"); got != "DropletNetworksV4Item" {
		t.Errorf("a short name changed: %s", got)
	}
}
