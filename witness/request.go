package witness

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"

	"golang.org/x/mod/sumdb/tlog"
)

// MaxProofLines is the most consistency proof lines a request may carry
// (tlog-witness: a client MUST NOT send more than 63).
const MaxProofLines = 63

// MaxRequestSize bounds an add-checkpoint body: 63 proof lines and a
// checkpoint with a few signatures fit many times over.
const MaxRequestSize = 64 << 10

// ErrMalformed is wrapped by the errors of a request that is not an
// add-checkpoint body (400 Bad Request).
var ErrMalformed = errors.New("witness: malformed request")

// Request is a parsed add-checkpoint body: the size of the checkpoint the
// log believes the witness holds, a consistency proof from that size to
// the new checkpoint, and the new checkpoint as a signed note.
type Request struct {
	OldSize    int64
	Proof      tlog.TreeProof
	Checkpoint []byte
}

// ParseRequest parses an add-checkpoint body: the line "old N" (N in
// decimal without leading zeros), zero to 63 lines of one base64 hash
// each, an empty line, and the checkpoint. Every line ends in a newline.
// The checkpoint itself is checked by [Witness.AddCheckpoint].
func ParseRequest(body []byte) (Request, error) {
	var r Request
	if len(body) > MaxRequestSize {
		return r, fmt.Errorf("%w: body of %d bytes, at most %d", ErrMalformed, len(body), MaxRequestSize)
	}
	line, rest, ok := bytes.Cut(body, []byte("\n"))
	if !ok {
		return r, fmt.Errorf("%w: no old size line", ErrMalformed)
	}
	num, ok := bytes.CutPrefix(line, []byte("old "))
	if !ok {
		return r, fmt.Errorf("%w: first line %q is not \"old N\"", ErrMalformed, clip(line))
	}
	n, err := parseSize(string(num))
	if err != nil {
		return r, fmt.Errorf("%w: old size: %v", ErrMalformed, err)
	}
	r.OldSize = n
	for {
		line, rest, ok = bytes.Cut(rest, []byte("\n"))
		if !ok {
			return r, fmt.Errorf("%w: no empty line before the checkpoint", ErrMalformed)
		}
		if len(line) == 0 {
			break
		}
		if len(r.Proof) == MaxProofLines {
			return r, fmt.Errorf("%w: more than %d proof lines", ErrMalformed, MaxProofLines)
		}
		h, err := parseHash(line)
		if err != nil {
			return r, fmt.Errorf("%w: proof line %d: %v", ErrMalformed, len(r.Proof)+1, err)
		}
		r.Proof = append(r.Proof, h)
	}
	if len(rest) == 0 {
		return r, fmt.Errorf("%w: no checkpoint", ErrMalformed)
	}
	r.Checkpoint = rest
	return r, nil
}

// Marshal returns the request as an add-checkpoint body; ParseRequest
// reads it back.
func (r Request) Marshal() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "old %d\n", r.OldSize)
	for _, h := range r.Proof {
		b.WriteString(base64.StdEncoding.EncodeToString(h[:]))
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	b.Write(r.Checkpoint)
	return b.Bytes()
}

// parseSize parses a tree size: ASCII decimal, no sign, no leading zeros
// (except "0" itself), fitting an int64.
func parseSize(s string) (int64, error) {
	if s == "" || (len(s) > 1 && s[0] == '0') || s[0] < '0' || s[0] > '9' {
		return 0, fmt.Errorf("%q is not a decimal without leading zeros", clip([]byte(s)))
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not a size", clip([]byte(s)))
	}
	return n, nil
}

// parseHash decodes one base64 line of exactly one hash.
func parseHash(line []byte) (tlog.Hash, error) {
	var h tlog.Hash
	b, err := base64.StdEncoding.Strict().DecodeString(string(line))
	if err != nil || len(b) != tlog.HashSize || base64.StdEncoding.EncodeToString(b) != string(line) {
		return h, errors.New("not one base64 hash")
	}
	copy(h[:], b)
	return h, nil
}

// clip shortens outside input quoted in an error.
func clip(b []byte) string {
	if len(b) > 40 {
		return string(b[:40]) + "…"
	}
	return string(b)
}
