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
