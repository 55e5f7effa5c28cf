package hugeheap

import (
	"runtime"
	"syscall"
	"unsafe"
)

// supported says Reserve can do something here.
const supported = true

const madvHugepage = 14 // MADV_HUGEPAGE, linux/include/uapi/asm-generic/mman-common.h

// advise marks the whole 2 MiB pages inside b for huge pages. The block is
// fresh from the OS and untouched, so this costs no memory until used.
func advise(b []byte) bool {
	const huge = 2 << 20
	start := (uintptr(unsafe.Pointer(unsafe.SliceData(b))) + huge - 1) &^ (huge - 1)
	end := (uintptr(unsafe.Pointer(unsafe.SliceData(b))) + uintptr(len(b))) &^ (huge - 1)
	if end <= start {
		return false
	}
	_, _, errno := syscall.Syscall(syscall.SYS_MADVISE, start, end-start, madvHugepage)
	runtime.KeepAlive(b)
	return errno == 0
}
