package ledger

// textHashMask stands in for a text hash in [Entry.WithoutTextHashes]. It
// is not a hash, so a masked entry is for comparing only, never for the log.
const textHashMask = "-"

// WithoutTextHashes returns e with every text hash or commitment that is
// set (subject, body, grounds, changes, motivations, reason) replaced by a
// mask and its version set to 0, and e itself unchanged. Which texts there were stays visible (set or empty, and
// the principle codes of grounds and motivations), what they said does not.
//
// Erasing a request's personal data (schakel.ErasureService) replaces its
// texts, so the projection recomputed from the stored request no longer
// matches the logged hashes, while every other field still must: a verifier
// compares the two entries WithoutTextHashes. Erasure also erases the
// event's commitment seed, so an event logged as version 5 is recomputed as
// version 1 afterwards; the versions differ only in how texts are committed
// to, which is why the version is masked too. The result does not pass
// [Entry.Validate].
func (e Entry) WithoutTextHashes() Entry {
	mask := func(h string) string {
		if h == "" {
			return ""
		}
		return textHashMask
	}
	maskMap := func(m map[string]string) map[string]string {
		if m == nil {
			return nil
		}
		out := make(map[string]string, len(m))
		for k, v := range m {
			out[k] = mask(v)
		}
		return out
	}
	e.Version = 0
	e.SubjectSHA256 = mask(e.SubjectSHA256)
	e.BodySHA256 = mask(e.BodySHA256)
	e.GroundsSHA256 = maskMap(e.GroundsSHA256)
	e.ChangesSHA256 = mask(e.ChangesSHA256)
	e.MotivationsSHA256 = maskMap(e.MotivationsSHA256)
	e.ReasonSHA256 = mask(e.ReasonSHA256)
	return e
}
