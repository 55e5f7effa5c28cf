package startheap

import "testing"

func TestMemAvailable(t *testing.T) {
	for in, want := range map[string]int64{
		"MemTotal:       24576000 kB\nMemFree:  100 kB\nMemAvailable:   2048 kB\n": 2048 << 10,
		"MemTotal:       24576000 kB\n":                                            -1,
		"MemAvailable:   lots kB\n":                                                -1,
	} {
		if got := memAvailable([]byte(in)); got != want {
			t.Errorf("memAvailable(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestCgroupLimit(t *testing.T) {
	for in, want := range map[string]int64{"max\n": -1, "536870912\n": 536870912, "": -1} {
		if got := cgroupLimit([]byte(in)); got != want {
			t.Errorf("cgroupLimit(%q) = %d, want %d", in, got, want)
		}
	}
}

// On any machine capped stays within what was asked for.
func TestCappedBounded(t *testing.T) {
	if got := capped(1 << 30); got <= 0 || got > 1<<30 {
		t.Errorf("capped(1 GiB) = %d", got)
	}
}

func TestBudgetCaps(t *testing.T) {
	meminfo := []byte("MemTotal: 4096000 kB\nMemAvailable:   1048576 kB\n") // 1 GiB
	for _, c := range []struct {
		name          string
		want          int64
		meminfo, cgrp []byte
		got           int64
	}{
		{"half of what is available", 1 << 30, meminfo, nil, 512 << 20},
		{"what was asked, when less", 64 << 20, meminfo, nil, 64 << 20},
		{"the cgroup limit when lower", 1 << 30, meminfo, []byte("268435456\n"), 128 << 20},
		{"no cgroup limit", 1 << 30, meminfo, []byte("max\n"), 512 << 20},
		{"nothing known: what was asked", 1 << 30, nil, nil, 1 << 30},
	} {
		if got := budget(c.want, c.meminfo, c.cgrp); got != c.got {
			t.Errorf("%s: budget = %d, want %d", c.name, got, c.got)
		}
	}
}
