// Package ledger is schakel's verifiable public record: an append-only
// Merkle log of every accountability event, in the design of Certificate
// Transparency and the Go checksum database, that parliament, a journalist
// or an auditor can check without trusting the operator.
//
// The package is pure: it does no I/O and keeps no state. It provides
//
//   - the entry format ([Entry], [Project], [Entry.Encode], [Decode]): the
//     canonical public projection of one event, without personal data or
//     free text (texts are committed to by their SHA-256 only);
//   - RFC 6962 hashing through golang.org/x/mod/sumdb/tlog
//     ([HashesForAppend] for the writer, [ReadTileData] for the publisher);
//   - C2SP tlog-checkpoint signed notes ([Signer], [OpenCheckpoint]);
//   - C2SP tlog-tiles paths and entry bundles ([TilePath], [ParseTilePath],
//     [MarshalBundle], [ParseBundle], [ReadTile]);
//   - verification from fetched resources only ([Verifier],
//     [CheckInclusion]), for `schakel verify` and tests.
//
// The byte-level formats are documented in FORMAT.md beside this file.
//
// # Roles
//
// The store appends: for entry n with encoding data it stores
// HashesForAppend(n, data, r) at tlog.StoredHashIndex(0, n) onwards, in the
// same transaction as the entry, and keeps the entry bytes themselves. The
// publisher serves /log/checkpoint (signed by a [Signer] at most every few
// seconds when there are new entries) and /log/tile/... through [ReadTile].
// The verifier fetches those and runs a [Verifier].
package ledger
