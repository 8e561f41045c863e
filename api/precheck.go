package api

import (
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"
)

// A precheck decides, from the same validate tags, what the validator would
// decide for a request, without reflection per request: the tags of a
// struct type are compiled once into a list of string fields at known
// offsets with their rules. The validator walks every field through
// reflect.Value and boxes each one in an interface (an allocation per
// field); most requests are valid, and for them that walk is all cost and
// no use. So a request the precheck passes is valid, and one it fails goes
// to the validator, which finds and words the errors. A struct type with a
// tag or a field kind the precheck does not know always goes to the
// validator. Tests and a fuzz target hold the precheck to the validator's
// decision.
type precheck struct {
	fields []precheckField
}

type precheckField struct {
	offset    uintptr
	name      string    // the Go field name, for tests
	sub       *precheck // a struct (by value, or by pointer when ptr)
	ptr       bool
	omitEmpty bool
	rules     []stringRule
}

// stringRule is one rule of a string field.
type stringRule func(string) bool

// stringRules are the rules the precheck knows, by tag: the same functions
// the validator runs for the custom tags (see customRules).
var stringRules = map[string]stringRule{
	"singleline": singleLine,
	"plaintext":  plainText,
	"rfc3339":    func(s string) bool { _, err := parseTime(s); return err == nil },
	"notblank":   func(s string) bool { return strings.TrimSpace(s) != "" },
	"mailbox":    mailbox,
	"required":   func(s string) bool { return s != "" },
}

// prechecks holds the compiled precheck of each struct type seen, or nil
// for a type the precheck cannot decide.
var prechecks sync.Map // reflect.Type -> *precheck

// passes reports whether i, a pointer to a struct, certainly passes the
// validator; false means it may not, and the validator must decide.
func passes(i any) bool {
	v := reflect.ValueOf(i)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return false
	}
	t := v.Type().Elem()
	p, ok := prechecks.Load(t)
	if !ok {
		c, _ := compilePrecheck(t)
		p, _ = prechecks.LoadOrStore(t, c)
	}
	c := p.(*precheck)
	return c != nil && c.passes(v.UnsafePointer())
}

// compilePrecheck compiles the validate tags of struct type t, or reports
// false when some tag or field is beyond the precheck.
func compilePrecheck(t reflect.Type) (*precheck, bool) {
	p := &precheck{}
	for i := range t.NumField() {
		f := t.Field(i)
		tag, tagged := f.Tag.Lookup("validate")
		if !f.IsExported() || tag == "-" {
			continue
		}
		pf := precheckField{offset: f.Offset, name: f.Name}
		switch {
		case f.Type.Kind() == reflect.Struct && !tagged:
			sub, ok := compilePrecheck(f.Type)
			if !ok {
				return nil, false
			}
			pf.sub = sub
		case f.Type.Kind() == reflect.Pointer && f.Type.Elem().Kind() == reflect.Struct && !tagged:
			sub, ok := compilePrecheck(f.Type.Elem())
			if !ok {
				return nil, false
			}
			pf.sub, pf.ptr = sub, true
		case !tagged:
			continue // the validator checks nothing here
		case f.Type.Kind() == reflect.String && f.Type.PkgPath() == "":
			for rule := range strings.SplitSeq(tag, ",") {
				if rule == "omitempty" && len(pf.rules) == 0 {
					pf.omitEmpty = true
					continue
				}
				r, ok := compileRule(rule)
				if !ok {
					return nil, false
				}
				pf.rules = append(pf.rules, r)
			}
		default:
			return nil, false
		}
		p.fields = append(p.fields, pf)
	}
	return p, true
}

// compileRule compiles one rule of a string field as the validator reads
// it: max counts code points, oneof lists words separated by spaces.
func compileRule(rule string) (stringRule, bool) {
	name, param, _ := strings.Cut(rule, "=")
	switch {
	case strings.ContainsAny(rule, "|'\\"):
		return nil, false // alternatives and quoting: left to the validator
	case name == "max" && param != "":
		n, err := strconv.Atoi(param)
		if err != nil || n < 0 {
			return nil, false
		}
		return func(s string) bool { return len(s) <= n || utf8.RuneCountInString(s) <= n }, true
	case name == "oneof" && param != "":
		vals := strings.Fields(param)
		return func(s string) bool {
			for _, v := range vals {
				if s == v {
					return true
				}
			}
			return false
		}, true
	case param == "":
		r, ok := stringRules[name]
		return r, ok
	}
	return nil, false
}

// passes runs p over the struct at ptr.
func (p *precheck) passes(ptr unsafe.Pointer) bool {
	for i := range p.fields {
		f := &p.fields[i]
		at := unsafe.Add(ptr, f.offset)
		if f.sub != nil {
			if f.ptr {
				at = *(*unsafe.Pointer)(at)
				if at == nil {
					continue
				}
			}
			if !f.sub.passes(at) {
				return false
			}
			continue
		}
		s := *(*string)(at)
		if s == "" && f.omitEmpty {
			continue
		}
		for _, r := range f.rules {
			if !r(s) {
				return false
			}
		}
	}
	return true
}
