package api

import (
	"errors"
	"fmt"
	"reflect"
	"strings"

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
	return &structValidator{v: v, trans: trans}, nil
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

// Validate implements echo.Validator.
func (sv *structValidator) Validate(i any) error {
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
