package hugeheap

import "testing"

func TestMemAvailable(t *testing.T) {
	for in, want := range map[string]int{
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
	for in, want := range map[string]int{"max\n": -1, "536870912\n": 536870912, "": -1} {
		if got := cgroupLimit([]byte(in)); got != want {
			t.Errorf("cgroupLimit(%q) = %d, want %d", in, got, want)
		}
	}
}

// On any machine Budget stays within what was asked for.
func TestBudgetBounded(t *testing.T) {
	if got := Budget(1 << 30); got < 0 || got > 1<<30 {
		t.Errorf("Budget(1 GiB) = %d", got)
	}
}
