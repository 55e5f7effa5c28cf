//go:build !linux

package hugeheap

// supported is false: elsewhere the block would only be committed memory
// with nothing to gain.
const supported = false

func advise([]byte) bool { return false }
