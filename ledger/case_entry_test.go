package ledger

import (
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
)

func TestCaseEntryRoundTrip(t *testing.T) {
	ch := &schakel.PrecedentChange{CaseID: 12, Seq: 2, OrganisationID: 3, Kind: schakel.PrecedentCorrected,
		At: time.Date(2026, 12, 7, 9, 30, 12, 999, time.UTC), Reason: "Het beroep was herkenbaar.", Digest: strings.Repeat("ab", 32)}
	e := ProjectChange(ch)
	data := e.Encode()
	want := `{"v":2,"case":12,"seq":2,"event":"gecorrigeerd","at":"2026-12-07T09:30:12Z","org":3,"digestSha256":"` + strings.Repeat("ab", 32) +
		`","reasonSha256":"` + TextHash(ch.Reason) + `"}`
	if string(data) != want {
		t.Fatalf("encoded\n%s\nwant\n%s", data, want)
	}
	got, err := DecodeCase(data)
	if err != nil || got != e {
		t.Fatalf("DecodeCase = %+v, %v", got, err)
	}
	if id, seq, err := CaseEntryID(data); err != nil || id != 12 || seq != 2 {
		t.Fatalf("CaseEntryID = %d, %d, %v", id, seq, err)
	}
	if !IsCaseEntry(data) || IsCaseEntry([]byte(`{"v":1,"request":1,"seq":1,`)) {
		t.Fatal("IsCaseEntry does not tell the kinds apart")
	}
	// A publication has no reason: the member is absent.
	pub := ProjectChange(&schakel.PrecedentChange{CaseID: 12, Seq: 1, OrganisationID: 3, Kind: schakel.PrecedentPublished, At: ch.At, Digest: ch.Digest})
	if strings.Contains(string(pub.Encode()), "reason") {
		t.Fatalf("a publication's entry has a reason: %s", pub.Encode())
	}
	// An entry about a request is no case entry, nor the other way round.
	if _, err := Decode(data); err == nil {
		t.Fatal("Decode accepted a case entry")
	}
}

func TestDecodeCaseRefuses(t *testing.T) {
	good := string(ProjectChange(&schakel.PrecedentChange{CaseID: 1, Seq: 1, OrganisationID: 2, Kind: schakel.PrecedentPublished,
		At: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Digest: strings.Repeat("0", 64)}).Encode())
	for name, data := range map[string]string{
		"spacing":       strings.Replace(good, `"case":1`, `"case": 1`, 1),
		"unknown field": strings.Replace(good, `}`, `,"x":1}`, 1),
		"bad event":     strings.Replace(good, "gepubliceerd", "verzonnen", 1),
		"bad digest":    strings.Replace(good, strings.Repeat("0", 64), "xyz", 1),
		"no org":        strings.Replace(good, `"org":2`, `"org":0`, 1),
		"version 1":     strings.Replace(good, `"v":2`, `"v":1`, 1),
		"local time":    strings.Replace(good, "Z", "+01:00", 1),
		"zero case":     strings.Replace(good, `"case":1`, `"case":0`, 1),
	} {
		if _, err := DecodeCase([]byte(data)); err == nil {
			t.Errorf("%s: DecodeCase accepted %s", name, data)
		}
	}
	for _, bad := range []string{`{"v":2,"case":0,"seq":1,`, `{"v":2,"case":1,"seq":x,`, `{"v":2,"case":1,`, `{"v":1,"request":1,"seq":1,`} {
		if _, _, err := CaseEntryID([]byte(bad)); err == nil {
			t.Errorf("CaseEntryID accepted %s", bad)
		}
	}
}

func FuzzDecodeCase(f *testing.F) {
	f.Add([]byte(`{"v":2,"case":1,"seq":1,"event":"gepubliceerd","at":"2026-01-01T00:00:00Z","org":2,"digestSha256":"` + strings.Repeat("0", 64) + `"}`))
	f.Add([]byte(`{"v":2,"case":`))
	f.Fuzz(func(t *testing.T, data []byte) {
		e, err := DecodeCase(data)
		if err != nil {
			return
		}
		if string(e.Encode()) != string(data) {
			t.Fatalf("decoded %s, encodes to %s", data, e.Encode())
		}
		if id, seq, err := CaseEntryID(data); err != nil || id != e.CaseID || seq != e.Seq {
			t.Fatalf("CaseEntryID(%s) = %d, %d, %v", data, id, seq, err)
		}
	})
}
