package main

import (
	"log/slog"
	"runtime/debug"
	"testing"

	"github.com/schakel-nl/schakel/config"
)

// TestLimitMemory: serve sets the soft memory limit of --memory-limit and
// restores the one before when it returns; GOMEMLIMIT, applied by the
// runtime already, and 0 leave the limit alone.
func TestLimitMemory(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	cfg := config.Default()
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == "GOMEMLIMIT" {
				return v
			}
			return ""
		}
	}
	restore := limitMemory(&cfg, env(""), slog.New(slog.DiscardHandler))
	if got := debug.SetMemoryLimit(-1); got != 100<<20 {
		t.Errorf("default limit %d, want 100 MiB", got)
	}
	restore()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("after serve the limit is %d, want %d", got, before)
	}
	limitMemory(&cfg, env("300MiB"), slog.New(slog.DiscardHandler))()
	cfg.MemoryLimit = 0
	restore = limitMemory(&cfg, env(""), slog.New(slog.DiscardHandler))
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("with GOMEMLIMIT or 0 the limit changed to %d", got)
	}
	restore()
}
