package verify

import (
	"bytes"
	"context"
	"testing"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/ledger"
)

// TestPartialAnswersVerify: a log whose older entries know only comply and
// explain, grown with partial answers (deels), verifies against the
// checkpoint trusted before; the new entries are version 1 entries that
// decode, and their events are looked up like any other.
func TestPartialAnswersVerify(t *testing.T) {
	w := newTestWorld(t)
	var out bytes.Buffer
	mustVerify(t, w.verifier(memSource{w.log}, &out))
	for r := int64(101); r <= 103; r++ {
		e := ledger.Entry{Version: ledger.Version, RequestID: r, Seq: 1, Event: schakel.EventAnswered, RequestType: schakel.TypeObjection,
			At: "2026-04-01T08:00:00Z", Requester: ledger.PartyRef{Kind: schakel.PartyUser}, Actor: ledger.PartyRef{Kind: schakel.PartyOrganisation, Organisation: 3},
			Addressee: ledger.AddresseeRef{Organisation: 3, Role: schakel.RoleCoordinator}, Principles: []string{"evenredigheid"},
			State: schakel.StateAnswered, Answer: schakel.Partial, ByWhen: "2026-06-01", ChangesSHA256: ledger.TextHash("Een betalingsregeling."),
			MotivationsSHA256: map[string]string{"evenredigheid": ledger.TextHash("Geen kwijtschelding.")}}
		w.log.add(t, e.Encode())
	}
	w.log.sign(t, w.signer, 303)
	out.Reset()
	v := w.verifier(memSource{w.log}, &out)
	res := mustVerify(t, v)
	wantLines(t, out.String(),
		"ok  consistency: proof that the trusted tree of size 300 is a prefix of this one checked",
		"ok  events: the 303 entries are 303 distinct events, each in the log once\n",
	)
	if res.Entries != 303 {
		t.Errorf("result %+v", res)
	}
	ev, err := memSource{w.log}.LookupEvent(context.Background(), 102, 1)
	if err != nil {
		t.Fatal(err)
	}
	if e, err := ledger.Decode(ev.Entry); err != nil || e.Answer != schakel.Partial {
		t.Errorf("the partial answer's entry: %+v, %v", e, err)
	}
}
