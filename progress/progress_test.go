package progress_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel/progress"
	"github.com/schakel-nl/schakel/schakeltest"
)

var t0 = time.Date(2026, 12, 7, 22, 0, 0, 0, time.UTC)

// screen splits what a live Meter wrote into its drawings: each starts
// with \r; the last ends with a newline.
func screen(b *bytes.Buffer) []string {
	parts := strings.Split(b.String(), "\r")
	if parts[0] != "" {
		return append([]string{"junk before the first \\r: " + parts[0]}, parts[1:]...)
	}
	return parts[1:]
}

// TestMeterLines: a live Meter draws "what: done/total (pct%), rate/s,
// about N left", redrawn over itself with \r, and a final line with a
// newline; the time left follows the rate so far.
func TestMeterLines(t *testing.T) {
	clock := schakeltest.NewClock(t0)
	var b bytes.Buffer
	m := progress.New(&b, clock, "backup", true)
	m.Start(1000)
	clock.Advance(time.Second)
	m.Add(100) // 100 in 1s: 100/s, 900 to go: 9s
	clock.Advance(time.Second)
	m.Add(300) // 400 in 2s: 200/s, 600 to go: 3s
	clock.Advance(3 * time.Second)
	m.Add(600) // all 1000 in 5s
	m.Done()
	m.Done() // once only
	want := []string{
		"backup: 0/1000 (0%)",
		"backup: 100/1000 (10%), 100/s, about 9s left",
		"backup: 400/1000 (40%), 200/s, about 3s left",
		"backup: 1000/1000 (100%), 200/s, about 0s left",
		"backup: 1000/1000 (100%) in 5s, 200/s" + strings.Repeat(" ", 9) + "\n",
	}
	if got := screen(&b); !equal(got, want) {
		t.Fatalf("drawn\n%q\nwant\n%q", got, want)
	}
}

// TestMeterThrottle: reports in quick succession are drawn at most once
// per interval of the clock; the final line is always drawn.
func TestMeterThrottle(t *testing.T) {
	clock := schakeltest.NewClock(t0)
	var b bytes.Buffer
	m := progress.New(&b, clock, "migrate", true)
	m.Start(0)
	for range 10 { // ten reports 50 ms apart: 500 ms
		clock.Advance(50 * time.Millisecond)
		m.Add(1)
	}
	got := screen(&b)
	// Drawn at the start, at 200 ms and at 400 ms: three drawings for
	// eleven calls.
	want := []string{"migrate: 0", "migrate: 4, 20/s", "migrate: 8, 20/s"}
	if !equal(got, want) {
		t.Fatalf("drawn %q, want %q", got, want)
	}
	m.Interval = time.Second
	clock.Advance(800 * time.Millisecond)
	m.Add(1) // 900 ms after the last drawing: not yet
	if n := len(screen(&b)); n != 3 {
		t.Fatalf("drawn again within the interval: %q", screen(&b))
	}
	clock.Advance(100 * time.Millisecond)
	m.Add(1)
	m.Done()
	got = screen(&b)
	want = append(want, "migrate: 12, 9/s", "migrate: 12 in 1s, 9/s\n")
	if !equal(got, want) {
		t.Fatalf("drawn %q, want %q", got, want)
	}
}

// TestMeterReport: the Func shape sets done and total at once; a total
// that becomes known shows the percentage from then on.
func TestMeterReport(t *testing.T) {
	clock := schakeltest.NewClock(t0)
	var b bytes.Buffer
	m := progress.New(&b, clock, "wissen", true)
	var f progress.Func = m.Report
	f(0, 0)
	clock.Advance(2 * time.Second)
	f(30, 0)
	clock.Advance(time.Second)
	f(30, 120)
	m.Done()
	want := []string{"wissen: 0", "wissen: 30, 15/s", "wissen: 30/120 (25%), 10/s, about 9s left", "wissen: 30/120 (25%) in 3s, 10/s" + strings.Repeat(" ", 9) + "\n"}
	if got := screen(&b); !equal(got, want) {
		t.Fatalf("drawn %q, want %q", got, want)
	}
}

// TestMeterNotLive: a Meter that is not live (not a terminal, or --quiet)
// writes nothing at all, not even the final line: scripts and logs see
// the output they saw before.
func TestMeterNotLive(t *testing.T) {
	clock := schakeltest.NewClock(t0)
	var b bytes.Buffer
	m := progress.New(&b, clock, "backup", false)
	m.Start(10)
	clock.Advance(time.Second)
	m.Add(10)
	m.Report(10, 10)
	m.Done()
	if b.Len() != 0 {
		t.Fatalf("a Meter that is not live wrote %q", b.String())
	}
	var nilMeter *progress.Meter
	nilMeter.Start(1)
	nilMeter.Add(1)
	nilMeter.Done()
	// A live Meter that never started says nothing at Done.
	m = progress.New(&b, clock, "backup", true)
	m.Done()
	if b.Len() != 0 {
		t.Fatalf("an unstarted Meter wrote %q", b.String())
	}
}

// TestMeterBytes: amounts can be written as bytes.
func TestMeterBytes(t *testing.T) {
	clock := schakeltest.NewClock(t0)
	var b bytes.Buffer
	m := progress.New(&b, clock, "backup", true)
	m.Format = progress.Bytes
	m.Start(10 << 20)
	clock.Advance(2 * time.Second)
	m.Report(5<<20, 10<<20)
	want := []string{"backup: 0 B/10.0 MiB (0%)", "backup: 5.0 MiB/10.0 MiB (50%), 2.5 MiB/s, about 2s left"}
	if got := screen(&b); !equal(got, want) {
		t.Fatalf("drawn %q, want %q", got, want)
	}
	for n, want := range map[int64]string{0: "0 B", 1023: "1023 B", 1536: "1.5 KiB", 3 << 30: "3.0 GiB"} {
		if got := progress.Bytes(n); got != want {
			t.Errorf("Bytes(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestLeft: the time left is the rest at the rate so far, in whole
// seconds, and unknown without a total or before anything is done.
func TestLeft(t *testing.T) {
	for _, c := range []struct {
		name        string
		done, total int64
		elapsed     time.Duration
		want        time.Duration
		ok          bool
	}{
		{"half way", 50, 100, 10 * time.Second, 10 * time.Second, true},
		{"long", 1, 3601, time.Second, time.Hour, true},
		{"rounded", 3, 10, time.Second, 2 * time.Second, true}, // 7/3 s
		{"done", 100, 100, time.Second, 0, true},
		{"unknown total", 50, 0, time.Second, 0, false},
		{"nothing done", 0, 100, time.Second, 0, false},
		{"no time", 5, 100, 0, 0, false},
	} {
		got, ok := progress.Left(c.done, c.total, c.elapsed)
		if got != c.want || ok != c.ok {
			t.Errorf("%s: Left = %v, %v; want %v, %v", c.name, got, ok, c.want, c.ok)
		}
	}
	if got := progress.Line("x", 1, 3601, time.Second, nil); got != "x: 1/3601 (0%), 1/s, about 1h0m0s left" {
		t.Errorf("line %q", got)
	}
}

// TestTee: one report reaches every Func; nil ones are left out.
func TestTee(t *testing.T) {
	if progress.Tee(nil, nil) != nil {
		t.Fatal("Tee of nothing is not nil")
	}
	var got []string
	f := func(name string) progress.Func {
		return func(done, total int64) { got = append(got, fmt.Sprintf("%s %d/%d", name, done, total)) }
	}
	progress.Tee(f("a"), nil, f("b"))(3, 4)
	if !equal(got, []string{"a 3/4", "b 3/4"}) {
		t.Fatalf("got %q", got)
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// ExampleLine shows the line a live Meter draws, and the one it ends with.
func ExampleLine() {
	fmt.Println(progress.Line("backup", 100, 300, time.Second, nil))
	fmt.Println(progress.Line("wissen", 40, 0, 4*time.Second, nil))
	fmt.Println(progress.Final("backup", 300, 300, 3*time.Second, nil))
	// Output:
	// backup: 100/300 (33%), 100/s, about 2s left
	// wissen: 40, 10/s
	// backup: 300/300 (100%) in 3s, 100/s
}
