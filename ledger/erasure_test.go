package ledger

import (
	"bytes"
	"testing"

	"github.com/schakel-nl/schakel"
)

func TestWithoutTextHashes(t *testing.T) {
	r := &schakel.Request{ID: 7, Type: schakel.TypeGeneral, Subject: "Onderwerp", Body: "",
		Grounds:   []schakel.Ground{{Principle: "gelijkheid", Text: "Ongelijk."}},
		Requester: schakel.Party{Kind: schakel.PartyUser, UserID: 3},
		Ladder:    []schakel.Addressee{{OrganisationID: 2, Role: schakel.RoleCoordinator}}}
	ev := &schakel.Event{RequestID: 7, Seq: 1, Type: schakel.EventCreated, Actor: r.Requester, State: schakel.StateOpen,
		Data: schakel.EventData{Reason: "Reden.", Motivations: map[string]string{"gelijkheid": "Zo is het."}}}
	orig := Project(r, ev)
	before := orig.Encode()

	erased := *r
	erased.Subject, erased.Grounds = schakel.ErasedText, []schakel.Ground{{Principle: "gelijkheid", Text: schakel.ErasedText}}
	eev := *ev
	eev.Data = ev.Data.EraseTexts()
	got := Project(&erased, &eev)
	if bytes.Equal(got.Encode(), before) {
		t.Fatal("erasing changed no hash")
	}
	if !bytes.Equal(got.WithoutTextHashes().Encode(), orig.WithoutTextHashes().Encode()) {
		t.Fatalf("masked entries differ:\n%s\n%s", got.WithoutTextHashes().Encode(), orig.WithoutTextHashes().Encode())
	}
	if !bytes.Equal(orig.Encode(), before) {
		t.Fatal("WithoutTextHashes changed its receiver")
	}
	m := orig.WithoutTextHashes()
	if m.BodySHA256 != "" || m.SubjectSHA256 == "" || m.SubjectSHA256 == orig.SubjectSHA256 || m.GroundsSHA256["gelijkheid"] == orig.GroundsSHA256["gelijkheid"] {
		t.Fatalf("masked: %+v", m)
	}
	// Any other field still tells the entries apart.
	other := orig
	other.State = schakel.StateClosed
	if bytes.Equal(other.WithoutTextHashes().Encode(), m.Encode()) {
		t.Fatal("a changed state is masked too")
	}
}
