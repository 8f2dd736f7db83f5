package main

import (
	"io"

	"golang.org/x/term"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/progress"
)

// quietHelp is the help of every command's --quiet flag.
const quietHelp = "draw no progress line on the terminal (there is none when the output is not a terminal)"

// newMeter returns the progress line of a long command, named what, drawn
// on w (the command's stderr, so stdout keeps only the results) when w is
// a terminal and the command is not --quiet; otherwise it writes nothing.
// A long loop takes its Report as a func(done, total int64); call Done when
// the work ends, before printing the result. `schakel verify` can use it
// the same way.
func newMeter(w io.Writer, what string, quiet bool) *progress.Meter {
	return progress.New(w, schakel.SystemClock{}, what, !quiet && isTerminal(w))
}

// isTerminal reports whether w is a terminal: an *os.File (or anything
// with a file descriptor) that golang.org/x/term says is one.
func isTerminal(w io.Writer) bool {
	f, ok := w.(interface{ Fd() uintptr })
	return ok && term.IsTerminal(int(f.Fd()))
}
