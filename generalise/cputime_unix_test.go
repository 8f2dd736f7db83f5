//go:build unix

package generalise

import (
	"syscall"
	"time"
)

// cpuTime returns the processor time the process has used so far, user
// and system. Unlike the wall clock it does not count the time the process
// waits for a processor, so timing tests hold on a loaded machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return time.Duration(time.Now().UnixNano())
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
