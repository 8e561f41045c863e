package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"net/mail"
	"reflect"
	"strings"
	"testing"
)

// fuzzDecode checks the strict decoder on one request type. Properties:
// it never panics; a rejected body gets a 400 *Error with a detail; what it
// accepts, encoding/json (with unknown fields disallowed) accepts too, with
// the same result; an accepted body re-encodes to JSON that decodes to the
// same value; and validation either passes or names at least one field.
func fuzzDecode[T any](t *testing.T, sv *structValidator, body []byte) {
	var v T
	err := unmarshalStrict(body, &v)
	if err != nil {
		var e *Error
		if !errors.As(err, &e) || e.Status != http.StatusBadRequest || e.Detail == "" {
			t.Fatalf("unmarshalStrict(%q) error = %v, want a 400 *Error with a detail", body, err)
		}
		return
	}
	var ref T
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&ref); err != nil {
		t.Fatalf("accepted %q, which encoding/json rejects: %v", body, err)
	}
	if !reflect.DeepEqual(v, ref) {
		t.Fatalf("decoded %q as %+v; encoding/json gives %+v", body, v, ref)
	}
	again, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("re-encoding %+v: %v", v, err)
	}
	var w T
	if err := unmarshalStrict(again, &w); err != nil {
		t.Fatalf("the re-encoded %s does not decode: %v", again, err)
	}
	if !reflect.DeepEqual(v, w) {
		t.Fatalf("round trip changed the value: %+v, then %+v", v, w)
	}
	if got, want := passes(&v), sv.v.Struct(&v) == nil; got != want {
		t.Fatalf("precheck passes %+v: %v; the validator: %v", v, got, want)
	}
	if err := sv.Validate(&v); err != nil {
		var ve *validationError
		if !errors.As(err, &ve) || len(ve.fields) == 0 {
			t.Fatalf("Validate(%+v) = %v, want a validation error naming fields", v, err)
		}
	}
}

func FuzzDecodeDraftRequest(f *testing.F) {
	sv, err := newValidator()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body []byte) { fuzzDecode[DraftRequest](t, sv, body) })
}

func FuzzDecodeReviewRequest(f *testing.F) {
	sv, err := newValidator()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body []byte) { fuzzDecode[ReviewRequest](t, sv, body) })
}

// FuzzMailbox holds the mailbox rule to net/mail: an address passes when
// net/mail reads it back as itself, with no display name, and it is
// printable ASCII without quotes, brackets, commas, semicolons or colons.
func FuzzMailbox(f *testing.F) {
	for _, s := range []string{"a@b.c", "first.last+tag@example.co.uk", "a..b@c", ".a@b", "a@b.", "\"q\"@b", "a b@c", "zoë@x.de", "a@[1.2.3.4]", "a@b@c", "o'brien@x.ie", "{x}@y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		plain := true
		for i := 0; i < len(s); i++ {
			c := s[i]
			if c <= ' ' || c > '~' || strings.IndexByte(`"()<>[]\\,;:`, c) >= 0 {
				plain = false
			}
		}
		a, err := mail.ParseAddress(s)
		want := plain && strings.Count(s, "@") == 1 && err == nil && a.Address == s && a.Name == ""
		if got := mailbox(s); got != want {
			t.Fatalf("mailbox(%q) = %v, want %v (net/mail: %v, %v)", s, got, want, a, err)
		}
	})
}
