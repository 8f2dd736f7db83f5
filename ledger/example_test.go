package ledger_test

import (
	"context"
	"fmt"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/ledger"
	"golang.org/x/mod/sumdb/tlog"
)

// exampleLog is the smallest publisher: a hash table and an entries table
// in memory, served with ledger.ReadTile.
type exampleLog struct {
	entries    [][]byte
	hashes     []tlog.Hash
	checkpoint []byte
}

func (l *exampleLog) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	for i, x := range indexes {
		out[i] = l.hashes[x]
	}
	return out, nil
}

func (l *exampleLog) append(data []byte) {
	hs, err := ledger.HashesForAppend(int64(len(l.entries)), data, l)
	if err != nil {
		panic(err)
	}
	l.hashes = append(l.hashes, hs...) // at tlog.StoredHashIndex(0, n) onwards
	l.entries = append(l.entries, data)
}

func (l *exampleLog) fetch(path string) ([]byte, error) {
	if path == "checkpoint" {
		return l.checkpoint, nil
	}
	return ledger.ReadTile(path, int64(len(l.entries)), l, func(start, end int64) ([][]byte, error) {
		return l.entries[start:end], nil
	})
}

func ExampleProject() {
	answerDue := calendar.DateOf(2026, 4, 14)
	r := &schakel.Request{
		ID: 7, Type: schakel.TypeComplaint, Subject: "Behandeling van mijn aanvraag",
		Grounds:   []schakel.Ground{{Principle: "zorgvuldigheid", Text: "Niemand las mijn brief."}},
		Requester: schakel.Party{Kind: schakel.PartyUser, UserID: 12},
		Ladder:    []schakel.Addressee{{OrganisationID: 3, Role: schakel.RoleCoordinator}},
	}
	ev := &schakel.Event{
		RequestID: 7, Seq: 1, Type: schakel.EventCreated, Actor: r.Requester,
		At:    time.Date(2026, 3, 3, 9, 30, 12, 345, time.UTC),
		State: schakel.StateOpen, Data: schakel.EventData{AnswerDue: &answerDue},
	}
	fmt.Printf("%s\n", ledger.Project(r, ev).Encode())
	// Output:
	// {"v":1,"request":7,"seq":1,"event":"aangemaakt","requestType":"klacht","at":"2026-03-03T09:30:12Z","requester":{"kind":"gebruiker"},"actor":{"kind":"gebruiker"},"addressee":{"org":3,"role":"coordinator"},"principles":["zorgvuldigheid"],"state":"open","rung":0,"answerDue":"2026-04-14","subjectSha256":"1f671174ddf3b82517286e2dff8cd785397c3dffc596df882e988fc31196ae5d","groundsSha256":{"zorgvuldigheid":"9d3b8c1b3b9ff584b72782798de3f711adf1c328e8557ba7083ae034605878d7"}}
}

func ExampleTilePath() {
	fmt.Println(ledger.TilePath(tlog.Tile{H: 8, L: 0, N: 1234067, W: 256}))
	fmt.Println(ledger.TilePath(tlog.Tile{H: 8, L: 1, N: 0, W: 17}))
	fmt.Println(ledger.TilePath(tlog.Tile{H: 8, L: -1, N: 5, W: 200}))
	t, _ := ledger.ParseTilePath("tile/entries/x001/000.p/3")
	fmt.Printf("%+v\n", t)
	// Output:
	// tile/0/x001/x234/067
	// tile/1/000.p/17
	// tile/entries/005.p/200
	// {H:8 L:-1 N:1000 W:3}
}

func ExampleSigner() {
	// skey, vkey, err := ledger.GenerateKey("schakel.example.nl/log") makes a
	// key pair; this one is fixed so the output is reproducible (Ed25519
	// signatures are deterministic).
	const skey = "PRIVATE+KEY+schakel.example.nl/log+f3253fce+AacXj3Nx1lJv1BchtPxi6+zgOntSOWrB0zq2l8NzIgHn"
	s, err := ledger.NewSigner(skey, "schakel.example.nl/log")
	if err != nil {
		panic(err)
	}
	msg, err := s.Sign(1, tlog.RecordHash([]byte("hello")))
	if err != nil {
		panic(err)
	}
	fmt.Printf("%s", msg)
	cp, err := ledger.OpenCheckpoint(msg, s.VerifierKey(), "schakel.example.nl/log")
	fmt.Println(cp, err)
	// Output:
	// schakel.example.nl/log
	// 1
	// iipcm3aIJ95alVLDigRMZpWcaPbS8htSYK9U0vh9uCc=
	//
	// — schakel.example.nl/log 8yU/zjc7D6BzijoDEJ3DUSoukPJ6JcS1sIdC6If8Wg5imPH88y4JR6i+uJnPEytvXhq45+rxQjmyjgsl1cmuG2llVAw=
	// size 1, root iipcm3aIJ95alVLDigRMZpWcaPbS8htSYK9U0vh9uCc= <nil>
}

func ExampleVerifier() {
	const skey = "PRIVATE+KEY+schakel.example.nl/log+f3253fce+AacXj3Nx1lJv1BchtPxi6+zgOntSOWrB0zq2l8NzIgHn"
	s, _ := ledger.NewSigner(skey, "schakel.example.nl/log")
	l := &exampleLog{}
	for i := range 1000 {
		l.append(fmt.Appendf(nil, "entry %d", i))
	}
	root, _ := tlog.TreeHash(1000, l)
	l.checkpoint, _ = s.Sign(1000, root)

	v := &ledger.Verifier{Fetch: l.fetch, VerifierKey: s.VerifierKey(), Origin: "schakel.example.nl/log"}
	rep, err := v.Verify(context.Background())
	fmt.Println(err)
	fmt.Println(rep.Entries, rep.Bundles, rep.Tiles)

	l.entries[41] = []byte("entry 41, rewritten")
	_, err = v.Verify(context.Background())
	fmt.Println(err)
	// Output:
	// <nil>
	// 1000 4 5
	// ledger: the log does not verify: entry 41 does not hash to the leaf in tile/0/000 (entry altered or reordered); the 1000 entries hash to root 3cfiyVsIyv4/SVJOO7iX+eXFbkb+jWVMnFyNAJehXEM=, but the checkpoint for size 1000 has root NGxrnLicS3b6ydyyDNqG46AcCldBfBOQKOrNRTj96Vs= (entries altered, removed or reordered)
}

func ExampleCheckInclusion() {
	const skey = "PRIVATE+KEY+schakel.example.nl/log+f3253fce+AacXj3Nx1lJv1BchtPxi6+zgOntSOWrB0zq2l8NzIgHn"
	s, _ := ledger.NewSigner(skey, "schakel.example.nl/log")
	l := &exampleLog{}
	for i := range 300 {
		l.append(fmt.Appendf(nil, "entry %d", i))
	}
	root, _ := tlog.TreeHash(300, l)
	l.checkpoint, _ = s.Sign(300, root)

	msg, _ := l.fetch("checkpoint")
	cp, _ := ledger.OpenCheckpoint(msg, s.VerifierKey(), "schakel.example.nl/log")
	fmt.Println(ledger.CheckInclusion([]byte("entry 257"), 257, cp, l.fetch))
	fmt.Println(ledger.CheckInclusion([]byte("entry 257!"), 257, cp, l.fetch))
	// Output:
	// <nil>
	// ledger: entry 257 as given is not included in the checkpoint for size 300 (entry altered, or at another index)
}
