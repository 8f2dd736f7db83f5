package store

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/schakel-nl/schakel"
)

// AddCosignature keeps a witness's cosignature of the checkpoint of the
// given size: line is one signature line "— <witness> <base64>\n" naming
// the witness (docs/decisions/0036-witnesses.md). The first cosignature
// per checkpoint and witness is kept; a later one is a no-op, so the note
// served does not grow with retries. The store does not check the
// signature (the caller verified it with the witness's key): it checks
// the form, so that what it appends keeps the note a signed note.
// ENOTFOUND when there is no checkpoint of that size, EINVALID for a
// malformed line.
func (s *Store) AddCosignature(ctx context.Context, size int64, witness string, line []byte) error {
	if err := checkSignatureLine(witness, line); err != nil {
		return err
	}
	if _, err := s.CheckpointAt(ctx, size); err != nil {
		return err
	}
	_, err := s.execWrite(ctx, s.q("INSERT INTO log_cosignatures (size, witness, line, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (size, witness) DO NOTHING"),
		size, witness, line, s.Now())
	if err != nil {
		return s.noteWrite(fmt.Errorf("store: add cosignature of %d: %w", size, err))
	}
	return nil
}

// checkSignatureLine reports whether line is one signed-note signature
// line by the key named witness.
func checkSignatureLine(witness string, line []byte) error {
	invalid := schakel.Errorf(schakel.EINVALID, "Een medeondertekening is één regel \"— <getuige> <handtekening>\" van de genoemde getuige.")
	if witness == "" || strings.ContainsAny(witness, " +\n") {
		return invalid
	}
	rest, ok := bytes.CutPrefix(line, []byte("— "+witness+" "))
	if !ok || len(rest) < 2 || rest[len(rest)-1] != '\n' {
		return invalid
	}
	for _, c := range rest[:len(rest)-1] {
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=') {
			return invalid
		}
	}
	return nil
}

// cosignatures returns the cosignature lines of the checkpoint of the
// given size, by witness name.
func (s *Store) cosignatures(ctx context.Context, size int64) ([]byte, error) {
	rows, err := s.readRows(ctx, "SELECT line FROM log_cosignatures WHERE size = ? ORDER BY witness", size)
	if err != nil {
		return nil, fmt.Errorf("store: cosignatures of %d: %w", size, err)
	}
	defer rows.Close()
	var out []byte
	for rows.Next() {
		var line []byte
		if err := rows.Scan(&line); err != nil {
			return nil, fmt.Errorf("store: cosignatures of %d: %w", size, err)
		}
		out = append(out, line...)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: cosignatures of %d: %w", size, err)
	}
	return out, nil
}
