// Package progress shows how far long work has come: a Meter draws one
// line on a terminal ("backup: 1200/5000 (24%), 300/s, about 13s left"),
// redrawn in place a few times a second at most, and a Board keeps the
// long jobs running inside serve for the operators' page, in the same
// terms.
//
// The package is pure: it writes only to the io.Writer it is given and
// reads the time only from the schakel.Clock it is given, so tests move the
// clock and read a buffer. Whether the writer is a terminal is for the
// caller to decide (cmd/schakel asks golang.org/x/term); a Meter that is not
// live writes nothing at all, not even its final line, so scripts, pipes
// and logs see exactly the output they saw before (decision 0042).
//
// Long loops in the services report through a plain func(done, total
// int64), so they know nothing of terminals: Meter.Report and Task.Report
// have that shape, and Tee feeds one report to both.
package progress

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/schakel-nl/schakel"
)

// DefaultInterval is the least time between two redraws of a live Meter:
// five a second at most, enough to look alive and cheap on a slow link.
const DefaultInterval = 200 * time.Millisecond

// Func is the shape of a progress report from a long loop: done of total
// entries so far; total is 0 or less while it is unknown.
type Func func(done, total int64)

// Tee returns a Func that passes each report to every non-nil f, or nil
// when there is none (a loop may then skip reporting).
func Tee(fs ...Func) Func {
	var keep []Func
	for _, f := range fs {
		if f != nil {
			keep = append(keep, f)
		}
	}
	switch len(keep) {
	case 0:
		return nil
	case 1:
		return keep[0]
	}
	return func(done, total int64) {
		for _, f := range keep {
			f(done, total)
		}
	}
}

// Meter draws the progress of one piece of work on a terminal. Its methods
// are safe for concurrent use; the zero Meter and a nil *Meter do nothing.
type Meter struct {
	// Interval is the least clock time between two redraws;
	// DefaultInterval when zero.
	Interval time.Duration
	// Format writes an amount (done, total, rate); plain digits when nil.
	// Bytes formats amounts of bytes.
	Format func(int64) string

	mu       sync.Mutex
	w        io.Writer
	clock    schakel.Clock
	what     string
	live     bool
	started  time.Time
	drawn    time.Time // when the line was last drawn; zero before
	width    int       // the length of the line on screen, to blank it
	done     int64
	total    int64
	finished bool
}

// New returns a Meter for the work named what that draws on w when live is
// true and writes nothing otherwise (not a terminal, or --quiet). Its time
// starts at the first Start, Add or Report.
func New(w io.Writer, clock schakel.Clock, what string, live bool) *Meter {
	return &Meter{w: w, clock: clock, what: what, live: live}
}

// Live reports whether the Meter draws at all.
func (m *Meter) Live() bool { return m != nil && m.live && m.w != nil && m.clock != nil }

// Start sets the total (0 or less: unknown) and draws the first line.
func (m *Meter) Start(total int64) {
	m.update(true, func() { m.total = total })
}

// Add counts n more entries done and redraws when the interval passed.
func (m *Meter) Add(n int64) {
	m.update(false, func() { m.done += n })
}

// Report sets done and total (0 or less: unknown) at once and redraws when
// the interval passed; it has the shape of Func.
func (m *Meter) Report(done, total int64) {
	m.update(false, func() { m.done, m.total = done, total })
}

// update starts the Meter if it has not, applies set under its lock and
// draws: always when force is set, else when the interval passed.
func (m *Meter) update(force bool, set func()) {
	if !m.Live() {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.begin()
	set()
	m.draw(force)
}

// Done draws the final line, ending it with a newline; later calls do
// nothing. A Meter that never started says nothing.
func (m *Meter) Done() {
	if !m.Live() {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.finished || m.started.IsZero() {
		return
	}
	m.finished = true
	elapsed := m.clock.Now().Sub(m.started)
	m.put(Final(m.what, m.done, m.total, elapsed, m.format) + "\n")
}

// begin starts the Meter's time at its first report.
func (m *Meter) begin() {
	if m.started.IsZero() {
		m.started = m.clock.Now()
	}
}

// draw redraws the line if forced or the interval passed since the last.
func (m *Meter) draw(force bool) {
	if m.finished {
		return
	}
	now := m.clock.Now()
	interval := m.Interval
	if interval <= 0 {
		interval = DefaultInterval
	}
	if !force && !m.drawn.IsZero() && now.Sub(m.drawn) < interval {
		return
	}
	m.drawn = now
	m.put(Line(m.what, m.done, m.total, now.Sub(m.started), m.format))
}

// put writes s over the line on screen, blanking what a longer line left.
func (m *Meter) put(s string) {
	line := strings.TrimSuffix(s, "\n")
	pad := ""
	if n := len(line); n < m.width {
		pad = strings.Repeat(" ", m.width-n)
	}
	m.width = len(line)
	fmt.Fprint(m.w, "\r"+line+pad+s[len(line):])
}

// format is the Meter's Format, or plain digits.
func (m *Meter) format(n int64) string {
	if m.Format != nil {
		return m.Format(n)
	}
	return strconv.FormatInt(n, 10)
}

// Line is the running line of work named what with done of total entries
// after elapsed: "what: done/total (pct%), rate/s, about N left", or
// "what: done, rate/s" while the total is unknown. The rate and time left
// are left out until some time has passed and something is done. format
// writes an amount; nil means plain digits.
func Line(what string, done, total int64, elapsed time.Duration, format func(int64) string) string {
	format = orDigits(format)
	var b strings.Builder
	b.WriteString(what + ": " + format(done))
	if total > 0 {
		fmt.Fprintf(&b, "/%s (%d%%)", format(total), Percent(done, total))
	}
	rate := Rate(done, elapsed)
	if rate > 0 {
		fmt.Fprintf(&b, ", %s/s", format(int64(rate+0.5)))
	}
	if left, ok := Left(done, total, elapsed); ok {
		fmt.Fprintf(&b, ", about %s left", left)
	}
	return b.String()
}

// Final is the last line of work named what: "what: done/total (100%) in
// 12s, 300/s", or "what: done in 12s, 300/s" without a total.
func Final(what string, done, total int64, elapsed time.Duration, format func(int64) string) string {
	format = orDigits(format)
	var b strings.Builder
	b.WriteString(what + ": " + format(done))
	if total > 0 {
		fmt.Fprintf(&b, "/%s (%d%%)", format(total), Percent(done, total))
	}
	fmt.Fprintf(&b, " in %s", elapsed.Round(time.Second))
	if rate := Rate(done, elapsed); rate > 0 {
		fmt.Fprintf(&b, ", %s/s", format(int64(rate+0.5)))
	}
	return b.String()
}

// Percent is done of total in whole percents, at most 100; 0 without a
// total.
func Percent(done, total int64) int {
	if total <= 0 || done <= 0 {
		return 0
	}
	if done >= total {
		return 100
	}
	return int(done * 100 / total)
}

// Rate is the entries done per second over elapsed; 0 before any time
// passed.
func Rate(done int64, elapsed time.Duration) float64 {
	if elapsed <= 0 || done <= 0 {
		return 0
	}
	return float64(done) / elapsed.Seconds()
}

// Left estimates the time the rest takes at the rate so far, in whole
// seconds; ok is false while the total is unknown or nothing is done yet.
func Left(done, total int64, elapsed time.Duration) (left time.Duration, ok bool) {
	rate := Rate(done, elapsed)
	if total <= 0 || rate <= 0 {
		return 0, false
	}
	if done >= total {
		return 0, true
	}
	secs := float64(total-done) / rate
	return time.Duration(secs * float64(time.Second)).Round(time.Second), true
}

// Bytes writes an amount of bytes for a person: 512 B, 1.5 KiB, 12.3 MiB,
// 4.0 GiB.
func Bytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit && exp < 4; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTP"[exp])
}

func orDigits(format func(int64) string) func(int64) string {
	if format != nil {
		return format
	}
	return func(n int64) string { return strconv.FormatInt(n, 10) }
}
