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
	// version 2), by case and change number; byProposal those about
	// proposals (format version 3), by proposal and event number.
	byChange, byProposal map[eventID]seen
	// byReport are the entries about yearly reports (format version 4),
	// by record and seq.
	byReport map[eventID]seen
	samples  []sample
	n        int64
	problems []string
	rnd      *rand.Rand
	// progress counts the entries scanned; nil counts nothing.
	progress *progress
}

// entry is the ledger.Verifier's Entry function: it sees every entry in
// index order.
func (s *scanState) entry(index int64, data []byte) error {
	s.n++
	s.progress.treeAt(index)
	switch {
	case ledger.IsCaseEntry(data):
		ce, err := ledger.DecodeCase(data)
		s.subject(s.byChange, index, data, eventID{ce.CaseID, ce.Seq}, err, "the register of cases", "change %d of case %d", "a change")
		return nil
	case ledger.IsProposalEntry(data):
		pe, err := ledger.DecodeProposal(data)
		s.subject(s.byProposal, index, data, eventID{pe.ProposalID, pe.Seq}, err, "a proposal", "event %d of proposal %d", "an event")
		return nil
	case ledger.IsReportEntry(data):
		re, err := ledger.DecodeReport(data)
		s.subject(s.byReport, index, data, eventID{re.ReportID, re.Seq}, err, "a yearly report", "entry %d of report %d", "a record")
		return nil
	}
	req, seq, err := ledger.EntryID(data)
	if err != nil {
		s.problems = append(s.problems, fmt.Sprintf("entry %d is not a request entry (version 1 or 5): %v", index, err))
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

// subject records an entry about a subject other than a request (the
// register of cases, a proposal) in by: it must decode (decodeErr is nil)
// and be the only entry of its id. Such entries are not looked up by id
// (no source serves that lookup); the tree, which holds them, is checked
// whole. about names the subject, name (with the id's seq and subject id)
// one of its entries and one what it is, in the problems.
func (s *scanState) subject(by map[eventID]seen, index int64, data []byte, id eventID, decodeErr error, about, name, one string) {
	if decodeErr != nil {
		s.problems = append(s.problems, fmt.Sprintf("entry %d is not a valid entry about %s: %v", index, about, decodeErr))
		return
	}
	if prev, dup := by[id]; dup {
		s.problems = append(s.problems, fmt.Sprintf("entries %d and %d are both "+name+" (%s may be in the log only once)", prev.index, index, id.seq, id.request, one))
		return
	}
	by[id] = seen{index, tlog.RecordHash(data)}
}
