package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
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
