package hugeheap

import (
	"bufio"
	"bytes"
	"os"
	"strconv"
	"strings"
)

// Budget is how much heap Reserve may ask for: want, but no more than half
// of the memory available to the process (MemAvailable, and a cgroup v2
// memory.max when one is set), so a small container is never asked for
// more than it has. It is 0 when neither can be read.
func Budget(want int) int {
	meminfo, _ := os.ReadFile("/proc/meminfo")
	cgroup, _ := os.ReadFile("/sys/fs/cgroup/memory.max")
	return budget(want, meminfo, cgroup)
}

// budget is Budget given the two files' contents (nil when absent).
func budget(want int, meminfo, cgroup []byte) int {
	avail := memAvailable(meminfo)
	if limit := cgroupLimit(cgroup); limit >= 0 && (avail < 0 || limit < avail) {
		avail = limit
	}
	if avail <= 0 {
		return 0
	}
	return min(want, avail/2)
}

// memAvailable is the MemAvailable line of /proc/meminfo in bytes, -1
// when it has none.
func memAvailable(meminfo []byte) int {
	sc := bufio.NewScanner(bytes.NewReader(meminfo))
	for sc.Scan() {
		rest, ok := strings.CutPrefix(sc.Text(), "MemAvailable:")
		if !ok {
			continue
		}
		f := strings.Fields(rest)
		if len(f) == 2 && f[1] == "kB" {
			if kb, err := strconv.Atoi(f[0]); err == nil {
				return kb << 10
			}
		}
	}
	return -1
}

// cgroupLimit is a cgroup v2 memory.max in bytes, -1 for "max" or
// anything unreadable.
func cgroupLimit(b []byte) int {
	n, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		return -1
	}
	return n
}
