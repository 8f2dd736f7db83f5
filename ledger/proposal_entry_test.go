package ledger

import (
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
)

func TestProposalEntryRoundTrip(t *testing.T) {
	ev := &schakel.ProposalEvent{ProposalID: 7, Seq: 3, Type: schakel.ProposalEventSigned, By: 12,
		At: time.Date(2026, 12, 7, 10, 30, 12, 999, time.FixedZone("CET", 3600)), Digest: strings.Repeat("cd", 32)}
	e := ProjectProposal(4, ev)
	data := e.Encode()
	want := `{"v":3,"proposal":7,"seq":3,"event":"getekend","at":"2026-12-07T09:30:12Z","ministry":4,"digestSha256":"` + strings.Repeat("cd", 32) + `"}`
	if string(data) != want {
		t.Fatalf("encoded\n%s\nwant\n%s", data, want)
	}
	got, err := DecodeProposal(data)
	if err != nil || got != e {
		t.Fatalf("DecodeProposal = %+v, %v", got, err)
	}
	if id, seq, err := ProposalEntryID(data); err != nil || id != 7 || seq != 3 {
		t.Fatalf("ProposalEntryID = %d, %d, %v", id, seq, err)
	}
	if !IsProposalEntry(data) || IsCaseEntry(data) || IsProposalEntry([]byte(`{"v":2,"case":1,"seq":1,`)) {
		t.Fatal("IsProposalEntry and IsCaseEntry do not tell the kinds apart")
	}
	// The user who signed is not in the public record.
	if strings.Contains(string(data), "12") && strings.Contains(string(data), `"by"`) {
		t.Fatalf("the entry names the user: %s", data)
	}
	// An event that fixed nothing has no digest: the member is absent.
	sent := ProjectProposal(4, &schakel.ProposalEvent{ProposalID: 7, Seq: 4, Type: schakel.ProposalEventSent, At: ev.At})
	if strings.Contains(string(sent.Encode()), "digest") {
		t.Fatalf("an event without digest has one in its entry: %s", sent.Encode())
	}
	if _, err := DecodeProposal(sent.Encode()); err != nil {
		t.Fatal(err)
	}
	// Entries of the other versions are not proposal entries, nor the
	// other way round.
	if _, err := Decode(data); err == nil {
		t.Fatal("Decode accepted a proposal entry")
	}
	if _, err := DecodeCase(data); err == nil {
		t.Fatal("DecodeCase accepted a proposal entry")
	}
	caseData := ProjectChange(&schakel.PrecedentChange{CaseID: 1, Seq: 1, OrganisationID: 2, Kind: schakel.PrecedentPublished, At: ev.At, Digest: ev.Digest}).Encode()
	if _, err := DecodeProposal(caseData); err == nil {
		t.Fatal("DecodeProposal accepted a case entry")
	}
}

func TestDecodeProposalRefuses(t *testing.T) {
	good := string(ProjectProposal(2, &schakel.ProposalEvent{ProposalID: 1, Seq: 1, Type: schakel.ProposalEventRegistered,
		At: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Digest: strings.Repeat("0", 64)}).Encode())
	if _, err := DecodeProposal([]byte(good)); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{
		"spacing":              strings.Replace(good, `"proposal":1`, `"proposal": 1`, 1),
		"unknown field":        strings.Replace(good, `}`, `,"x":1}`, 1),
		"order":                strings.Replace(good, `"proposal":1,"seq":1`, `"seq":1,"proposal":1`, 1),
		"bad event":            strings.Replace(good, "geregistreerd", "Geregistreerd", 1),
		"bad digest":           strings.Replace(good, strings.Repeat("0", 64), "xyz", 1),
		"registered no digest": strings.Replace(good, `,"digestSha256":"`+strings.Repeat("0", 64)+`"`, "", 1),
		"no ministry":          strings.Replace(good, `"ministry":2`, `"ministry":0`, 1),
		"version 2":            strings.Replace(good, `"v":3`, `"v":2`, 1),
		"local time":           strings.Replace(good, "Z", "+01:00", 1),
		"zero proposal":        strings.Replace(good, `"proposal":1`, `"proposal":0`, 1),
		"zero seq":             strings.Replace(good, `"seq":1`, `"seq":0`, 1),
		"duplicate field":      strings.Replace(good, `}`, `,"ministry":2}`, 1),
		"too large":            good + strings.Repeat(" ", MaxEntrySize),
	} {
		if _, err := DecodeProposal([]byte(data)); err == nil {
			t.Errorf("%s: DecodeProposal accepted %s", name, data)
		}
	}
	for _, bad := range []string{`{"v":3,"proposal":0,"seq":1,`, `{"v":3,"proposal":1,"seq":x,`, `{"v":3,"proposal":1,`, `{"v":2,"case":1,"seq":1,`} {
		if _, _, err := ProposalEntryID([]byte(bad)); err == nil {
			t.Errorf("ProposalEntryID accepted %s", bad)
		}
	}
	if _, _, err := ProposalEntryID([]byte(`{"v":2,"case":1,"seq":1,`)); err == nil || !strings.Contains(err.Error(), "not a version 3 entry") {
		t.Errorf("ProposalEntryID of a case entry: %v", err)
	}
}

func FuzzDecodeProposal(f *testing.F) {
	f.Add([]byte(`{"v":3,"proposal":1,"seq":1,"event":"geregistreerd","at":"2026-01-01T00:00:00Z","ministry":2,"digestSha256":"` + strings.Repeat("0", 64) + `"}`))
	f.Add([]byte(`{"v":3,"proposal":1,"seq":4,"event":"naar-parlement","at":"2026-01-01T00:00:00Z","ministry":2}`))
	f.Add([]byte(`{"v":3,"proposal":`))
	f.Fuzz(func(t *testing.T, data []byte) {
		e, err := DecodeProposal(data)
		if err != nil {
			return
		}
		if string(e.Encode()) != string(data) {
			t.Fatalf("decoded %s, encodes to %s", data, e.Encode())
		}
		if id, seq, err := ProposalEntryID(data); err != nil || id != e.ProposalID || seq != e.Seq {
			t.Fatalf("ProposalEntryID(%s) = %d, %d, %v", data, id, seq, err)
		}
	})
}
