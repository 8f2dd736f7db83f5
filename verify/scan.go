package verify

import (
	"bytes"
	"fmt"
	"math/rand/v2"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/schakel-nl/schakel/ledger"
)

// eventID identifies an event: request and number in its history.
type eventID struct {
	request int64
	seq     int
}

// seen is an entry as the scan saw it.
type seen struct {
	index int64
	leaf  tlog.Hash
}

// sample is an entry chosen for a lookup.
type sample struct {
	id eventID
	seen
	data []byte
}

// scanState collects, during the scan of the tree, every entry's event id
// (to check each event is in the log once) and a random sample of entries.
type scanState struct {
	k        int // sample size, negative for all
	byEvent  map[eventID]seen
	samples  []sample
	n        int64
	problems []string
	rnd      *rand.Rand
}

// entry is the ledger.Verifier's Entry function: it sees every entry in
// index order.
func (s *scanState) entry(index int64, data []byte) error {
	s.n++
	req, seq, err := ledger.EntryID(data)
	if err != nil {
		s.problems = append(s.problems, fmt.Sprintf("entry %d is not a version 1 entry: %v", index, err))
		return nil
	}
	id := eventID{req, seq}
	leaf := tlog.RecordHash(data)
	if prev, dup := s.byEvent[id]; dup {
		s.problems = append(s.problems, fmt.Sprintf("entries %d and %d are both event %d of request %d (an event may be in the log only once)", prev.index, index, seq, req))
	} else {
		s.byEvent[id] = seen{index, leaf}
	}
	smp := sample{id: id, seen: seen{index, leaf}}
	switch {
	case s.k < 0 || len(s.samples) < s.k:
		smp.data = bytes.Clone(data)
		s.samples = append(s.samples, smp)
	case s.k > 0:
		// Reservoir sampling: every entry is chosen with chance k/n.
		if j := s.rnd.Int64N(s.n); j < int64(s.k) {
			smp.data = bytes.Clone(data)
			s.samples[j] = smp
		}
	}
	return nil
}
