package hugeheap

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"
	"unsafe"

	_ "github.com/dospec/dospec/internal/golden"
)

// The objects allocated after Reserve must sit in memory advised for huge
// pages: that is the whole point, and it rests on how the Go page allocator
// reuses freed space, which a runtime change could break.
func TestReserveAdvisesLaterAllocations(t *testing.T) {
	if strings.Contains(os.Getenv("GODEBUG"), "disablethp=1") {
		t.Skip("GODEBUG=disablethp=1 turns Reserve off")
	}
	if _, err := os.Stat("/sys/kernel/mm/transparent_hugepage/enabled"); err != nil {
		t.Skip("this kernel has no transparent huge pages")
	}
	if !Reserve(64 << 20) {
		t.Fatal("Reserve(64 MiB) = false, want the advice given")
	}
	// Small objects, as the loader makes them.
	var keep [][]byte
	for range 2000 {
		keep = append(keep, make([]byte, 4000))
	}
	advised := 0
	for _, b := range keep {
		flags, err := vmaFlags(uintptr(unsafe.Pointer(&b[0])))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(" "+flags+" ", " hg ") {
			advised++
		}
	}
	if advised < len(keep)/2 {
		t.Errorf("%d of %d small objects are in memory advised for huge pages, want most", advised, len(keep))
	}
}

func TestReserveSkipsTinySizes(t *testing.T) {
	if Reserve(1 << 20) {
		t.Error("Reserve(1 MiB) = true, want it to do nothing")
	}
}

func TestReserveHonoursDisableTHP(t *testing.T) {
	t.Setenv("GODEBUG", "disablethp=1")
	if Reserve(64 << 20) {
		t.Error("Reserve with GODEBUG=disablethp=1 = true, want it to do nothing")
	}
}

// vmaFlags returns the VmFlags line of the mapping holding addr.
func vmaFlags(addr uintptr) (string, error) {
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		return "", err
	}
	defer f.Close()
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		var lo, hi uintptr
		if n, _ := fmt.Sscanf(line, "%x-%x ", &lo, &hi); n == 2 {
			in = lo <= addr && addr < hi
			continue
		}
		if in && strings.HasPrefix(line, "VmFlags:") {
			return strings.TrimPrefix(line, "VmFlags:"), nil
		}
	}
	if err := sc.Err(); err != nil {
		return "", err
	}
	return "", fmt.Errorf("no mapping holds %#x", addr)
}
