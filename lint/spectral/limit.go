package spectral

import (
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/dlclark/regexp2"
	"github.com/dop251/goja"
)

// callTimeout bounds one piece of a ruleset's JavaScript: a custom
// function's call, a JSONPath filter, a pattern's regular expression, the
// loading of a JavaScript ruleset.
const callTimeout = 2 * time.Second

// errTimeLimit marks a piece of JavaScript stopped at callTimeout; the
// rule it belongs to is stopped with it (one note, not one per value).
var errTimeLimit = fmt.Errorf("took longer than %s and was stopped", callTimeout)

func init() {
	// goja runs the regular expressions Go's regexp cannot (lookarounds,
	// backreferences) in regexp2, whose backtracking an interrupt does not
	// reach; its own time limit does. A timed-out match reads as no match,
	// which limited tells apart by the time it took.
	regexp2.DefaultMatchTimeout = callTimeout
}

// limited runs fn, which runs JavaScript in vm, and interrupts it after
// callTimeout: a ruleset's loop must not hang lint.
func limited(vm *goja.Runtime, fn func() (goja.Value, error)) (goja.Value, error) {
	var mu sync.Mutex
	done := false
	start := time.Now()
	timer := time.AfterFunc(callTimeout, func() {
		mu.Lock()
		if !done {
			vm.Interrupt(errTimeLimit)
		}
		mu.Unlock()
	})
	v, err := fn()
	mu.Lock()
	done = true
	mu.Unlock()
	timer.Stop()
	vm.ClearInterrupt()
	var interrupted *goja.InterruptedError
	if errors.As(err, &interrupted) || time.Since(start) >= callTimeout {
		return nil, errTimeLimit
	}
	return v, err
}
