//go:build !unix

package generalise

import "time"

var start = time.Now()

// cpuTime falls back on the wall clock where the processor time of the
// process is not at hand.
func cpuTime() time.Duration { return time.Since(start) }
