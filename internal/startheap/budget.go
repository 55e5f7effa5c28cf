package startheap

import (
	"bufio"
	"bytes"
	"os"
	"strconv"
	"strings"
)

// capped is want, but no more than half of the memory available to the
// process (MemAvailable, and a cgroup v2 memory.max when one is set), so a
// small container is never asked to hold a heap it has no room for. When
// neither can be read (not Linux) it is want.
func capped(want int64) int64 {
	meminfo, _ := os.ReadFile("/proc/meminfo")
	cgroup, _ := os.ReadFile("/sys/fs/cgroup/memory.max")
	return budget(want, meminfo, cgroup)
}

// budget is capped given the two files' contents (nil when absent).
func budget(want int64, meminfo, cgroup []byte) int64 {
	avail := memAvailable(meminfo)
	if limit := cgroupLimit(cgroup); limit >= 0 && (avail < 0 || limit < avail) {
		avail = limit
	}
	if avail <= 0 {
		return want
	}
	return min(want, avail/2)
}

// memAvailable is the MemAvailable line of /proc/meminfo in bytes, -1
// when it has none.
func memAvailable(meminfo []byte) int64 {
	sc := bufio.NewScanner(bytes.NewReader(meminfo))
	for sc.Scan() {
		rest, ok := strings.CutPrefix(sc.Text(), "MemAvailable:")
		if !ok {
			continue
		}
		f := strings.Fields(rest)
		if len(f) == 2 && f[1] == "kB" {
			if kb, err := strconv.Atoi(f[0]); err == nil {
				return int64(kb) << 10
			}
		}
	}
	return -1
}

// cgroupLimit is a cgroup v2 memory.max in bytes, -1 for "max" or
// anything unreadable.
func cgroupLimit(b []byte) int64 {
	n, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
	if err != nil {
		return -1
	}
	return n
}
