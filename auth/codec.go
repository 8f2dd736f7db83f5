package auth

import (
	"encoding/json"
	"fmt"
	"time"
)

// Codec encodes sessions as JSON with a type per value. schakel keeps only
// strings and int64s in a session; scs's default gob codec builds a new
// decoder with its type descriptions for every request, which cost more than
// the session lookup itself.
type Codec struct{}

type codecValue struct {
	S *string `json:"s,omitempty"`
	I *int64  `json:"i,omitempty"`
}

type codecSession struct {
	Deadline int64                 `json:"d"`
	Values   map[string]codecValue `json:"v"`
}

// Encode implements scs.Codec. It refuses a value of another type rather
// than lose it.
func (Codec) Encode(deadline time.Time, values map[string]any) ([]byte, error) {
	cs := codecSession{Deadline: deadline.UnixNano(), Values: make(map[string]codecValue, len(values))}
	for k, v := range values {
		switch x := v.(type) {
		case string:
			cs.Values[k] = codecValue{S: &x}
		case int64:
			cs.Values[k] = codecValue{I: &x}
		default:
			return nil, fmt.Errorf("auth: session value %q has type %T; only string and int64 are kept", k, v)
		}
	}
	return json.Marshal(cs)
}

// Decode implements scs.Codec.
func (Codec) Decode(b []byte) (time.Time, map[string]any, error) {
	var cs codecSession
	if err := json.Unmarshal(b, &cs); err != nil {
		return time.Time{}, nil, err
	}
	values := make(map[string]any, len(cs.Values))
	for k, v := range cs.Values {
		switch {
		case v.S != nil:
			values[k] = *v.S
		case v.I != nil:
			values[k] = *v.I
		}
	}
	return time.Unix(0, cs.Deadline), values, nil
}
