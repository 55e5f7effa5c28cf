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

var keepClock sync.Once

// limiter stops the JavaScript running in one runtime after callTimeout:
// a ruleset's loop must not hang lint. One timer serves every call (a
// timer per call cost more than most calls); a stale firing is ignored
// by its deadline.
type limiter struct {
	vm       *goja.Runtime
	timer    *time.Timer
	depth    int // calls in progress: a pattern inside a function runs under the function's limit
	mu       sync.Mutex
	deadline time.Time // zero when nothing runs
}

func newLimiter(vm *goja.Runtime) *limiter {
	keepClock.Do(func() {
		// regexp2 times matches with a clock that runs only while a
		// deadline is near and resumes from where it stopped: a match
		// started after a pause gets a deadline in the past and is cut
		// after a tick (~100 ms), reading as "no match" and too short to
		// be told apart. One match with a far deadline keeps the clock
		// running for the life of the process.
		re := regexp2.MustCompile("x", regexp2.None)
		re.MatchTimeout = 24 * time.Hour
		_, _ = re.MatchString("x")
	})
	l := &limiter{vm: vm}
	l.timer = time.AfterFunc(time.Hour, l.fire)
	l.timer.Stop()
	return l
}

func (l *limiter) fire() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.deadline.IsZero() && !time.Now().Before(l.deadline) {
		l.vm.Interrupt(errTimeLimit)
	}
}

// run runs fn, which runs JavaScript in l's runtime, under the limit.
func (l *limiter) run(fn func() (goja.Value, error)) (goja.Value, error) {
	start := time.Now()
	if l.depth == 0 {
		l.mu.Lock()
		l.deadline = start.Add(callTimeout)
		l.mu.Unlock()
		l.timer.Reset(callTimeout)
	}
	l.depth++
	v, err := fn()
	l.depth--
	if l.depth == 0 {
		l.mu.Lock()
		l.deadline = time.Time{}
		l.mu.Unlock()
		l.timer.Stop()
		l.vm.ClearInterrupt()
	}
	var interrupted *goja.InterruptedError
	if errors.As(err, &interrupted) || time.Since(start) >= callTimeout {
		return nil, errTimeLimit
	}
	return v, err
}
