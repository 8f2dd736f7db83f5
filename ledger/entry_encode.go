package ledger

import (
	"slices"
	"strconv"
	"unicode/utf8"
)

// The encoder below writes an Entry's canonical JSON by hand. It exists for
// speed: a full offline verification re-encodes every projection of a log
// of millions of entries, and encoding/json (reflection, a buffer and an
// interface per call) was most of that work (docs/BENCHMARKS.md, 3c). Its
// output must be byte for byte what encoding/json gives for Entry and
// entryV5 with SetEscapeHTML(false) and the trailing newline cut: that is
// the format of every entry already in the log. entry_encode_test.go
// compares the two over generated entries and FuzzEntryEncode over
// arbitrary field values; encoding/json stays the reference there.

// entryNames are the member names of one wire form of an entry, in the
// order of the Entry type; the text members differ between version 1
// (…Sha256) and version 5 (…Commit).
type entryNames struct {
	subject, body, grounds, changes, motivations, reason string
}

var (
	namesV1 = entryNames{`,"subjectSha256":`, `,"bodySha256":`, `,"groundsSha256":`, `,"changesSha256":`, `,"motivationsSha256":`, `,"reasonSha256":`}
	namesV5 = entryNames{`,"subjectCommit":`, `,"bodyCommit":`, `,"groundsCommit":`, `,"changesCommit":`, `,"motivationsCommit":`, `,"reasonCommit":`}
)

// AppendEncode appends the canonical encoding of e ([Entry.Encode]) to dst
// and returns the extended slice. A caller encoding many entries reuses
// one buffer.
func (e *Entry) AppendEncode(dst []byte) []byte {
	names := &namesV1
	if e.Version == HidingVersion {
		names = &namesV5
	}
	dst = append(dst, `{"v":`...)
	dst = strconv.AppendInt(dst, int64(e.Version), 10)
	dst = append(dst, `,"request":`...)
	dst = strconv.AppendInt(dst, e.RequestID, 10)
	dst = append(dst, `,"seq":`...)
	dst = strconv.AppendInt(dst, int64(e.Seq), 10)
	dst = appendMember(dst, `,"event":`, string(e.Event))
	dst = appendMember(dst, `,"requestType":`, string(e.RequestType))
	dst = appendMember(dst, `,"at":`, e.At)
	dst = appendParty(append(dst, `,"requester":`...), e.Requester)
	dst = appendParty(append(dst, `,"actor":`...), e.Actor)
	dst = appendAddressee(append(dst, `,"addressee":`...), &e.Addressee)
	if e.From != nil {
		dst = appendAddressee(append(dst, `,"from":`...), e.From)
	}
	if e.To != nil {
		dst = appendAddressee(append(dst, `,"to":`...), e.To)
	}
	if len(e.Principles) > 0 {
		dst = append(dst, `,"principles":[`...)
		for i, p := range e.Principles {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendJSONString(dst, p)
		}
		dst = append(dst, ']')
	}
	dst = appendMember(dst, `,"state":`, string(e.State))
	dst = strconv.AppendInt(append(dst, `,"rung":`...), int64(e.Rung), 10)
	dst = appendOptional(dst, `,"answer":`, string(e.Answer))
	if e.Urgent {
		dst = append(dst, `,"urgent":true`...)
	}
	if e.Late {
		dst = append(dst, `,"late":true`...)
	}
	dst = appendOptional(dst, `,"missed":`, e.Missed)
	dst = appendOptional(dst, `,"term":`, e.Term)
	dst = appendOptional(dst, `,"ackDue":`, e.AckDue)
	dst = appendOptional(dst, `,"answerDue":`, e.AnswerDue)
	dst = appendOptional(dst, `,"byWhen":`, e.ByWhen)
	dst = appendOptional(dst, names.subject, e.SubjectSHA256)
	dst = appendOptional(dst, names.body, e.BodySHA256)
	dst = appendStringMap(dst, names.grounds, e.GroundsSHA256)
	dst = appendOptional(dst, names.changes, e.ChangesSHA256)
	dst = appendStringMap(dst, names.motivations, e.MotivationsSHA256)
	dst = appendOptional(dst, names.reason, e.ReasonSHA256)
	return append(dst, '}')
}

// appendMember appends a member (name with its leading comma and colon)
// with a string value.
func appendMember(dst []byte, name, s string) []byte {
	return appendJSONString(append(dst, name...), s)
}

// appendOptional appends a member with a string value unless the value is
// empty (omitempty).
func appendOptional(dst []byte, name, s string) []byte {
	if s == "" {
		return dst
	}
	return appendMember(dst, name, s)
}

// appendParty appends a PartyRef object.
func appendParty(dst []byte, p PartyRef) []byte {
	dst = appendMember(dst, `{"kind":`, string(p.Kind))
	if p.Organisation != 0 {
		dst = strconv.AppendInt(append(dst, `,"org":`...), p.Organisation, 10)
	}
	return append(dst, '}')
}

// appendAddressee appends an AddresseeRef object.
func appendAddressee(dst []byte, a *AddresseeRef) []byte {
	dst = strconv.AppendInt(append(dst, `{"org":`...), a.Organisation, 10)
	return append(appendMember(dst, `,"role":`, string(a.Role)), '}')
}

// appendStringMap appends a member whose value is a map of strings with
// its keys sorted bytewise, as encoding/json sorts them, unless the map is
// empty (omitempty). Maps in entries have a handful of keys.
func appendStringMap(dst []byte, name string, m map[string]string) []byte {
	if len(m) == 0 {
		return dst
	}
	var buf [8]string
	keys := buf[:0]
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	dst = append(dst, name...)
	for i, k := range keys {
		if i == 0 {
			dst = append(dst, '{')
		} else {
			dst = append(dst, ',')
		}
		dst = appendJSONString(dst, k)
		dst = appendJSONString(append(dst, ':'), m[k])
	}
	return append(dst, '}')
}

// hexDigits are the digits of \u escapes, lower case as encoding/json
// writes them.
const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string exactly as encoding/json
// writes it without HTML escaping: '"' and '\\' escaped with a backslash,
// the control characters \b, \f, \n, \r and \t by name and the others as
// \u00XX, every byte of invalid UTF-8 as \ufffd, and U+2028 and U+2029 as
// \u2028 and \u2029; everything else as it is.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '"', '\\':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case c == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case c == '\u2028' || c == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[c&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
