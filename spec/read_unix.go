//go:build unix

package spec

import (
	"io/fs"
	"syscall"
)

// readFile reads a whole file with plain system calls. os.Open also puts
// every descriptor into the poller (two fcntl and an epoll_ctl each), which
// costs more than reading a small spec file.
func readFile(name string, max int64) ([]byte, error) {
	var fd int
	var err error
	for {
		fd, err = syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	if st.Mode&syscall.S_IFMT == syscall.S_IFDIR {
		return nil, ErrIsFolder
	}
	if st.Size > max {
		return nil, ErrTooLarge
	}
	buf := make([]byte, 0, st.Size+1)
	for {
		n, err := syscall.Read(fd, buf[len(buf):cap(buf)])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		if n == 0 {
			return buf, nil
		}
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > max {
			return nil, ErrTooLarge
		}
		if st.Mode&syscall.S_IFMT == syscall.S_IFREG && int64(len(buf)) == st.Size {
			// All the file had when it was opened: no read to see the end
			// (a system call per file, and a spec has thousands).
			return buf, nil
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
	}
}
