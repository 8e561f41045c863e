package api

import (
	"encoding/binary"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"
	"unicode/utf8"
	"unsafe"

	"github.com/go-playground/locales/en"
	ut "github.com/go-playground/universal-translator"
	"github.com/go-playground/validator/v10"
	entrans "github.com/go-playground/validator/v10/translations/en"

	"github.com/declinekit/declinekit/internal/problem"
)

// structValidator adapts go-playground/validator to echo.Validator, naming
// fields by their JSON (or query) names and explaining each rule in plain
// English.
type structValidator struct {
	v     *validator.Validate
	trans ut.Translator
}

func newValidator() (*structValidator, error) {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(fieldName)
	enLocale := en.New()
	trans, _ := ut.New(enLocale, enLocale).GetTranslator("en")
	if err := entrans.RegisterDefaultTranslations(v, trans); err != nil {
		return nil, err
	}
	for _, c := range customRules {
		if err := v.RegisterValidation(c.tag, c.fn); err != nil {
			return nil, err
		}
		msg := c.message
		err := v.RegisterTranslation(c.tag, trans,
			func(ut ut.Translator) error { return ut.Add(c.tag, msg, true) },
			func(ut ut.Translator, fe validator.FieldError) string {
				t, _ := ut.T(fe.Tag(), fe.Field())
				return t
			})
		if err != nil {
			return nil, err
		}
	}
	return &structValidator{v: v, trans: trans}, nil
}

// customRules are declinekit's own validation tags, each with its message.
var customRules = []struct {
	tag     string
	fn      validator.Func
	message string
}{
	{"singleline", func(fl validator.FieldLevel) bool { return singleLine(fl.Field().String()) },
		"{0} must be a single line of plain text, without line breaks, control or bidirectional formatting characters"},
	{"plaintext", func(fl validator.FieldLevel) bool { return plainText(fl.Field().String()) },
		"{0} must be plain text: line breaks and tabs are fine, other control characters are not"},
	{"rfc3339", func(fl validator.FieldLevel) bool {
		_, err := parseTime(fl.Field().String())
		return err == nil
	}, "{0} must be an RFC 3339 date-time between the years 2000 and 2199, such as 2026-12-01T14:00:00Z"},
	{"notblank", func(fl validator.FieldLevel) bool { return strings.TrimSpace(fl.Field().String()) != "" },
		"{0} must not be blank"},
	{"mailbox", func(fl validator.FieldLevel) bool { return mailbox(fl.Field().String()) },
		"{0} must be a plain email address such as name@example.com (ASCII, no display name or quotes)"},
}

// parseTime parses an RFC 3339 date-time, as JSON Schema's date-time format
// reads it (upper-case T and Z), in the years 2000 to 2199: dates outside
// that range are mistakes.
func parseTime(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, err
	}
	if y := t.UTC().Year(); y < 2000 || y > 2199 {
		return time.Time{}, fmt.Errorf("year %d is out of range", y)
	}
	return t, nil
}

// mailbox reports whether s is a plain addr-spec that can go into a mail
// header unchanged: printable ASCII, no quotes, spaces, angle brackets or
// comments, one @, and both sides dot-atoms (RFC 5322, section 3.4.1) —
// exactly the addresses net/mail reads back as themselves, without its
// allocations (a test compares the two).
func mailbox(s string) bool {
	local, domain, ok := strings.Cut(s, "@")
	return ok && dotAtom(local) && dotAtom(domain)
}

// dotAtom reports whether s is atext characters in dot-separated runs.
func dotAtom(s string) bool {
	if s == "" || s[0] == '.' || s[len(s)-1] == '.' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case c == '.':
			if s[i-1] == '.' {
				return false
			}
		case strings.IndexByte("!#$%&'*+-/=?^_`{|}~", c) >= 0:
		default:
			return false
		}
	}
	return true
}

// singleLine reports whether s can go into a subject line or a mail header:
// no line breaks, no control characters and no bidirectional overrides,
// which can make a name display as something else.
func singleLine(s string) bool {
	for i := 0; i < len(s); {
		if i+8 <= len(s) && plainASCII8(s[i:]) {
			i += 8
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || r == '\u2028' || r == '\u2029' || isBidiControl(r) {
			return false
		}
		i += size
	}
	return true
}

// plainText reports whether s holds no control characters other than line
// breaks and tabs.
func plainText(s string) bool {
	for i := 0; i < len(s); {
		if i+8 <= len(s) && plainASCII8(s[i:]) {
			i += 8
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r < 0x20 && r != '\n' && r != '\r' && r != '\t') || r == 0x7f || (r >= 0x80 && r <= 0x9f) || isBidiControl(r) {
			return false
		}
		i += size
	}
	return true
}

// plainASCII8 reports whether the first eight bytes of s are printable
// ASCII (0x20 to 0x7e), which both rules above accept; any other byte is
// looked at one character at a time. It uses the classic word tests for a
// byte below a bound and for a given byte.
func plainASCII8(s string) bool {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	x := binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(s), 8))
	del := x ^ (lo * 0x7f)
	return (x|(x-lo*0x20)&^x|(del-lo)&^del)&hi == 0
}

func isBidiControl(r rune) bool {
	return (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069') || r == '\u200e' || r == '\u200f' || r == '\u061c'
}

// fieldName names a struct field as the client wrote it: its json name, or
// its query or path parameter name.
func fieldName(f reflect.StructField) string {
	for _, tag := range []string{"json", "query", "param"} {
		name, _, _ := strings.Cut(f.Tag.Get(tag), ",")
		if name == "-" {
			return ""
		}
		if name != "" {
			return name
		}
	}
	return f.Name
}

// Validate implements echo.Validator. A request the precheck passes is
// valid (see precheck.go); the validator decides the others and explains
// what is wrong.
func (sv *structValidator) Validate(i any) error {
	if passes(i) {
		return nil
	}
	err := sv.v.Struct(i)
	var ves validator.ValidationErrors
	if !errors.As(err, &ves) {
		return err
	}
	ve := &validationError{fields: make([]problem.FieldError, 0, len(ves))}
	for _, fe := range ves {
		path := fe.Namespace()
		if _, rest, ok := strings.Cut(path, "."); ok {
			path = rest // drop the struct's own name
		}
		msg := fe.Translate(sv.trans)
		// The translations start with the field's own name; say its path.
		if strings.HasPrefix(msg, fe.Field()+" ") {
			msg = path + msg[len(fe.Field()):]
		}
		ve.fields = append(ve.fields, problem.FieldError{Field: path, Message: msg})
	}
	return ve
}

// validationError lists the fields of a request that break a rule.
type validationError struct {
	fields []problem.FieldError
}

func (e *validationError) Error() string { return e.detail() }

func (e *validationError) detail() string {
	if len(e.fields) == 1 {
		return e.fields[0].Message
	}
	return fmt.Sprintf("the request breaks %d rules; see errors", len(e.fields))
}
