// Package witness is a transparency log witness after C2SP tlog-witness
// (https://c2sp.org/tlog-witness): it watches logs it knows by origin and
// verifier key, checks that every checkpoint it is shown extends the last
// one it cosigned for that log (an RFC 6962 consistency proof), and answers
// with a timestamped cosignature (C2SP tlog-cosignature, Ed25519
// cosignature/v1). A log that forks — shows one witness a tree that does
// not extend what it showed before — gets no cosignature, so a verifier
// requiring cosignatures catches the fork even if it kept no state itself.
//
// The protocol logic ([Witness.AddCheckpoint], [ParseRequest]) is pure
// apart from its [State]; [Handler] serves it over HTTP and [Client] is the
// log's side. docs/decisions/0036-witnesses.md records the design.
package witness
