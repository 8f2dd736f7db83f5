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
	k       int // sample size, negative for all
	byEvent map[eventID]seen
	// byChange are the entries about the register of cases (format
	// version 2), by case and change number.
	byChange map[eventID]seen
	samples  []sample
	n        int64
	problems []string
	rnd      *rand.Rand
}

// entry is the ledger.Verifier's Entry function: it sees every entry in
// index order.
func (s *scanState) entry(index int64, data []byte) error {
	s.n++
	if ledger.IsCaseEntry(data) {
		s.change(index, data)
		return nil
	}
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

// change records an entry about the register of cases: it must decode
// (format version 2) and be the only entry of its change. Such entries are
// not looked up by id (no source serves that lookup); the tree, which
// holds them, is checked whole.
func (s *scanState) change(index int64, data []byte) {
	ce, err := ledger.DecodeCase(data)
	if err != nil {
		s.problems = append(s.problems, fmt.Sprintf("entry %d is not a valid entry about the register of cases: %v", index, err))
		return
	}
	id := eventID{ce.CaseID, ce.Seq}
	if prev, dup := s.byChange[id]; dup {
		s.problems = append(s.problems, fmt.Sprintf("entries %d and %d are both change %d of case %d (a change may be in the log only once)", prev.index, index, ce.Seq, ce.CaseID))
		return
	}
	s.byChange[id] = seen{index, tlog.RecordHash(data)}
}
