package verify

import (
	"errors"
	"fmt"
	"strings"
	"time"

	fnote "github.com/transparency-dev/formats/note"
	"golang.org/x/mod/sumdb/note"
)

// ErrQuorum is wrapped by the error of a checkpoint cosigned by fewer of
// the named witnesses than the quorum asks.
var ErrQuorum = errors.New("verify: too few witnesses cosigned the checkpoint")

// CheckWitnesses counts the witnesses among vkeys (cosignature/v1
// verifier keys) whose cosignature on msg, a signed checkpoint, verifies
// — a cosignature covers exactly the checkpoint's text, so one made for
// another checkpoint does not count — and returns their names. It fails,
// wrapping [ErrQuorum], when fewer than quorum did; a malformed key is an
// error of its own.
func CheckWitnesses(msg []byte, vkeys []string, quorum int) ([]string, error) {
	if err := DistinctWitnesses(vkeys); err != nil {
		return nil, err
	}
	var names, missing []string
	for _, k := range vkeys {
		v, err := fnote.NewVerifierForCosignatureV1(k)
		if err != nil {
			return nil, fmt.Errorf("verify: witness key %q: %w", k, err)
		}
		n, err := note.Open(msg, note.VerifierList(v))
		if err != nil {
			missing = append(missing, v.Name())
			continue
		}
		at := ""
		if ts, err := fnote.CoSigV1Timestamp(n.Sigs[0]); err == nil {
			at = " at " + ts.UTC().Format(time.RFC3339)
		}
		names = append(names, v.Name()+at)
	}
	if len(names) < quorum {
		return names, fmt.Errorf("%w: %d of the %d witnesses named cosigned it, %d required; no valid cosignature by %s — the log may have shown this checkpoint to no witness, or forked",
			ErrQuorum, len(names), len(vkeys), quorum, strings.Join(missing, ", "))
	}
	return names, nil
}

// DistinctWitnesses fails when two of vkeys hold the same public key,
// under the same name or another: each witness counts once toward a
// quorum, so a key named twice would turn 2 of n into 1 of n.
func DistinctWitnesses(vkeys []string) error {
	seen := map[string]string{}
	for _, k := range vkeys {
		key := k[strings.LastIndexByte(k, '+')+1:]
		if first, dup := seen[key]; dup {
			return fmt.Errorf("verify: witness keys %q and %q hold the same public key; each witness counts once", first, k)
		}
		seen[key] = k
	}
	return nil
}
