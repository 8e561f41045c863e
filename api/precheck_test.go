package api

import (
	"reflect"
	"strings"
	"testing"
)

// precheckTypes are the request types that are validated; the precheck
// must compile for each, or requests would all take the slow path.
var precheckTypes = []any{&DraftRequest{}, &ReviewRequest{}, &templatesQuery{}, &langQuery{}}

func TestPrecheckCompilesForEveryRequestType(t *testing.T) {
	for _, v := range precheckTypes {
		typ := reflect.TypeOf(v).Elem()
		p, ok := compilePrecheck(typ)
		if !ok || p == nil {
			t.Errorf("the precheck does not compile for %s", typ)
		}
	}
}

func TestPrecheckRefusesWhatItDoesNotKnow(t *testing.T) {
	for _, v := range []any{
		&struct {
			A string `validate:"required,email"`
		}{},
		&struct {
			A string `validate:"oneof=a|b"`
		}{},
		&struct {
			A string `validate:"oneof='a b' c"`
		}{},
		&struct {
			N int `validate:"max=3"`
		}{},
		&struct {
			L []string `validate:"dive,max=3"`
		}{},
		&struct {
			S struct {
				A string `validate:"min=1"`
			}
		}{},
	} {
		if _, ok := compilePrecheck(reflect.TypeOf(v).Elem()); ok {
			t.Errorf("the precheck compiles for %T; it should leave it to the validator", v)
		}
		if passes(v) {
			t.Errorf("passes(%T) = true for a type the precheck cannot decide", v)
		}
	}
}

// precheckValues are values meant to sit on either side of every rule the
// request types use.
func precheckValues() []string {
	vals := []string{
		"", " ", "\t", "\n", "a", "email", "linkedin", "linkedin_note", "phone", "free", "premium",
		"none", "warm", "en", "EN", "email ", "accepted_other_offer", "email.accepted_other_offer.warm",
		"x\ny", "x\r\ny", "x\ty", "x\x00y", "x\x1by", "x\x7fy", "x\u0085y", "x\u2028y", "x\u202ey", "x\u2067y",
		"x\u200fy", "x\u061cy", "\xff", "a\xc3", "Zoë O'Brien-Łukasz", "北京 & Co <b>",
		"2026-12-01T10:00:00Z", "2026-12-01T10:00:00+01:00", "2026-12-01t10:00:00z", "1999-12-31T23:59:59Z",
		"2200-01-01T00:00:00Z", "2026-13-01T00:00:00Z", "2026-12-01",
		"a@b.c", "dana.whitfield@northwind.example", "a@b", "a@@b", ".a@b", "a..b@c", "Dana <d@x.y>", "zoë@x.de",
	}
	for _, n := range []int{80, 100, 120, 200, 254, 500, 5000, 10000} {
		for _, d := range []int{-1, 0, 1} {
			vals = append(vals, strings.Repeat("a", n+d), strings.Repeat("é", n+d), "x"+strings.Repeat("€", n+d-1))
		}
	}
	return vals
}

// stringFields returns pointers to the string fields of the struct at v,
// nested structs included, allocating nil struct pointers on the way.
func stringFields(v reflect.Value, path string) map[string]*string {
	out := map[string]*string{}
	for i := range v.NumField() {
		f, sf := v.Field(i), v.Type().Field(i)
		if !sf.IsExported() {
			continue
		}
		switch {
		case f.Kind() == reflect.String:
			out[path+sf.Name] = f.Addr().Interface().(*string)
		case f.Kind() == reflect.Struct:
			for k, p := range stringFields(f, path+sf.Name+".") {
				out[k] = p
			}
		case f.Kind() == reflect.Pointer && f.Type().Elem().Kind() == reflect.Struct:
			if f.IsNil() {
				f.Set(reflect.New(f.Type().Elem()))
			}
			for k, p := range stringFields(f.Elem(), path+sf.Name+".") {
				out[k] = p
			}
		}
	}
	return out
}

// fillExamples sets every string field to its example value.
func fillExamples(v reflect.Value) {
	for i := range v.NumField() {
		f, sf := v.Field(i), v.Type().Field(i)
		switch {
		case f.Kind() == reflect.String:
			f.SetString(sf.Tag.Get("example"))
		case f.Kind() == reflect.Struct:
			fillExamples(f)
		case f.Kind() == reflect.Pointer && f.Type().Elem().Kind() == reflect.Struct:
			if f.IsNil() {
				f.Set(reflect.New(f.Type().Elem()))
			}
			fillExamples(f.Elem())
		}
	}
}

// TestPrecheckAgreesWithTheValidator sets each string field of each request
// type, in turn, to each of precheckValues, the others holding their
// examples or empty, and requires the precheck to decide as the validator
// does, both ways: it never passes what the validator rejects, and it never
// sends a valid request the slow way.
func TestPrecheckAgreesWithTheValidator(t *testing.T) {
	sv, err := newValidator()
	if err != nil {
		t.Fatal(err)
	}
	vals := precheckValues()
	valid, invalid := 0, 0
	for _, proto := range precheckTypes {
		typ := reflect.TypeOf(proto).Elem()
		for _, base := range []string{"examples", "empty"} {
			v := reflect.New(typ)
			if base == "examples" {
				fillExamples(v.Elem())
			}
			fields := stringFields(v.Elem(), "")
			for name, p := range fields {
				was := *p
				for _, s := range vals {
					*p = s
					want := sv.v.Struct(v.Interface()) == nil
					if got := passes(v.Interface()); got != want {
						t.Errorf("%s (%s), %s = %.40q: precheck %v, validator %v", typ, base, name, s, got, want)
					}
					if want {
						valid++
					} else {
						invalid++
					}
				}
				*p = was
			}
		}
		// A nil nested struct is skipped by both.
		v := reflect.New(typ)
		if got, want := passes(v.Interface()), sv.v.Struct(v.Interface()) == nil; got != want {
			t.Errorf("zero %s: precheck %v, validator %v", typ, got, want)
		}
	}
	if valid < 100 || invalid < 100 {
		t.Errorf("only %d valid and %d invalid cases: the table no longer covers both sides", valid, invalid)
	}
}
