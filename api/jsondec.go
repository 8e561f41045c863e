package api

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	"github.com/declinekit/declinekit/internal/problem"
)

// This file is the strict JSON decoder for request bodies: one pass over the
// bytes, straight into the request struct, with no intermediate tokens.
// Keys must match the json tags exactly (encoding/json would accept any
// letter case), each at most once; unknown keys, wrong types, trailing data
// and deep nesting are errors that name the field by its full path. Request
// types hold only strings, bools, structs and pointers to those; a null
// leaves a field as it is, as encoding/json does.

// decodePlan says how to decode one struct type.
type decodePlan struct {
	fields map[string]*fieldPlan
	count  int
}

type fieldPlan struct {
	name  string
	index int
	slot  int // position for duplicate detection
	kind  reflect.Kind
	ptr   bool         // a pointer to kind
	typ   reflect.Type // the field's type
	sub   *decodePlan  // for structs
}

var plans sync.Map // reflect.Type -> *decodePlan

// planFor returns the decode plan of struct type t, building it once.
func planFor(t reflect.Type) *decodePlan {
	if p, ok := plans.Load(t); ok {
		return p.(*decodePlan)
	}
	p := &decodePlan{fields: make(map[string]*fieldPlan)}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		fp := &fieldPlan{name: name, index: i, slot: p.count, typ: f.Type}
		ft := f.Type
		if ft.Kind() == reflect.Pointer {
			fp.ptr, ft = true, ft.Elem()
		}
		fp.kind = ft.Kind()
		switch fp.kind {
		case reflect.String, reflect.Bool, reflect.Int, reflect.Int64:
		case reflect.Struct:
			fp.sub = planFor(ft)
		default:
			panic(fmt.Sprintf("api: request field %s.%s has unsupported type %s", t, f.Name, f.Type))
		}
		p.fields[name] = fp
		p.count++
	}
	plans.Store(t, p)
	return p
}

// jsonKind names the JSON type the field takes.
func (fp *fieldPlan) jsonKind() string {
	switch fp.kind {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "bool"
	case reflect.Int, reflect.Int64:
		return "number"
	}
	return "object"
}

// decoder reads one JSON document.
type decoder struct {
	data []byte
	pos  int
	keys []string // the keys from the top object down to the current field
	text []byte   // room for unescaped strings, which then point into it
}

// decodeInto decodes body, which starts with '{', into the struct v points
// to. Strings with escapes are unescaped into text while it has room for
// them, and into strings of their own when it has not. keys is room for
// the path of keys, made when it is too small.
func decodeInto(body, text []byte, keys []string, v any) error {
	rv := reflect.ValueOf(v).Elem()
	if cap(keys) < maxDepth+1 {
		keys = make([]string, 0, maxDepth+1)
	}
	d := decoder{data: body, keys: keys[:0], text: text}
	d.skipSpace()
	if err := d.object(rv, planFor(rv.Type()), 0); err != nil {
		return err
	}
	d.skipSpace()
	if d.pos != len(d.data) {
		return badRequest(problem.TypeInvalidJSON, "the request body has data after the JSON object; send exactly one object")
	}
	return nil
}

func (d *decoder) skipSpace() {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

// syntax reports a syntax error at the current position.
func (d *decoder) syntax(what string) error {
	if d.pos >= len(d.data) {
		return badRequest(problem.TypeInvalidJSON, "malformed JSON: the body ends before the object is complete")
	}
	line, col := position(d.data, int64(d.pos))
	return badRequest(problem.TypeInvalidJSON, fmt.Sprintf("malformed JSON at line %d, column %d: %s", line, col, what))
}

// path returns the JSON path of the field being decoded, built only when an
// error names it.
func (d *decoder) path() string {
	return strings.Join(d.keys, ".")
}

func (d *decoder) object(rv reflect.Value, p *decodePlan, depth int) error {
	if depth > maxDepth {
		return badRequest(problem.TypeInvalidJSON, fmt.Sprintf("the JSON nests more than %d levels deep", maxDepth))
	}
	if d.pos >= len(d.data) || d.data[d.pos] != '{' {
		return d.syntax("expected {")
	}
	d.pos++
	var seen uint64
	d.skipSpace()
	if d.pos < len(d.data) && d.data[d.pos] == '}' {
		d.pos++
		return nil
	}
	for {
		d.skipSpace()
		if d.pos >= len(d.data) || d.data[d.pos] != '"' {
			return d.syntax("expected a quoted field name")
		}
		key, err := d.str()
		if err != nil {
			return err
		}
		d.keys = append(d.keys, key)
		fp, ok := p.fields[key]
		if !ok {
			return badRequest(problem.TypeInvalidJSON, fmt.Sprintf("unknown field %q", d.path()),
				problem.FieldError{Field: d.path(), Message: "is not a field of this request (field names are case-sensitive)"})
		}
		if seen&(1<<fp.slot) != 0 {
			return badRequest(problem.TypeInvalidJSON, fmt.Sprintf("%s is given twice", d.path()),
				problem.FieldError{Field: d.path(), Message: "is given more than once; give each field once"})
		}
		seen |= 1 << fp.slot
		d.skipSpace()
		if d.pos >= len(d.data) || d.data[d.pos] != ':' {
			return d.syntax("expected : after a field name")
		}
		d.pos++
		d.skipSpace()
		if err := d.value(rv.Field(fp.index), fp, depth); err != nil {
			return err
		}
		d.keys = d.keys[:len(d.keys)-1]
		d.skipSpace()
		if d.pos >= len(d.data) {
			return d.syntax("")
		}
		switch d.data[d.pos] {
		case ',':
			d.pos++
		case '}':
			d.pos++
			return nil
		default:
			return d.syntax("expected , or } after a value")
		}
	}
}

// value decodes the value at the current position into field f.
func (d *decoder) value(f reflect.Value, fp *fieldPlan, depth int) error {
	if d.pos >= len(d.data) {
		return d.syntax("")
	}
	c := d.data[d.pos]
	if c == 'n' {
		return d.literal("null")
	}
	got, ok := jsonKindOf(c)
	if !ok {
		return d.syntax(fmt.Sprintf("unexpected character %q", c))
	}
	if got != fp.jsonKind() {
		// Say what was sent only once it is known to be well formed.
		if err := d.skipValue(depth + 1); err != nil {
			return err
		}
		msg := fmt.Sprintf("must be %s (got %s)", jsonKind(fp.kind.String()), got)
		return badRequest(problem.TypeInvalidJSON, d.path()+" "+msg, problem.FieldError{Field: d.path(), Message: msg})
	}
	if fp.ptr {
		nv := reflect.New(fp.typ.Elem())
		f.Set(nv)
		f = nv.Elem()
	}
	switch fp.kind {
	case reflect.String:
		s, err := d.str()
		if err != nil {
			return err
		}
		f.SetString(s)
	case reflect.Bool:
		if c == 't' {
			f.SetBool(true)
			return d.literal("true")
		}
		f.SetBool(false)
		return d.literal("false")
	case reflect.Int, reflect.Int64:
		start := d.pos
		if err := d.number(); err != nil {
			return err
		}
		n, err := strconv.ParseInt(string(d.data[start:d.pos]), 10, 64)
		if err != nil || f.OverflowInt(n) {
			msg := fmt.Sprintf("must be an integer (got number %s)", d.data[start:d.pos])
			return badRequest(problem.TypeInvalidJSON, d.path()+" "+msg, problem.FieldError{Field: d.path(), Message: msg})
		}
		f.SetInt(n)
	case reflect.Struct:
		return d.object(f, fp.sub, depth+1)
	}
	return nil
}

// jsonKindOf names the JSON type a value starting with c has.
func jsonKindOf(c byte) (string, bool) {
	switch {
	case c == '"':
		return "string", true
	case c == '{':
		return "object", true
	case c == '[':
		return "array", true
	case c == 't' || c == 'f':
		return "bool", true
	case c == '-' || ('0' <= c && c <= '9'):
		return "number", true
	}
	return "", false
}

func (d *decoder) literal(word string) error {
	if !strings.HasPrefix(string(d.data[d.pos:min(len(d.data), d.pos+len(word))]), word) {
		return d.syntax("invalid literal")
	}
	d.pos += len(word)
	return nil
}

// skipValue checks and skips any JSON value.
func (d *decoder) skipValue(depth int) error {
	if depth > maxDepth {
		return badRequest(problem.TypeInvalidJSON, fmt.Sprintf("the JSON nests more than %d levels deep", maxDepth))
	}
	d.skipSpace()
	if d.pos >= len(d.data) {
		return d.syntax("")
	}
	switch c := d.data[d.pos]; {
	case c == '"':
		_, err := d.str()
		return err
	case c == 't':
		return d.literal("true")
	case c == 'f':
		return d.literal("false")
	case c == 'n':
		return d.literal("null")
	case c == '-' || ('0' <= c && c <= '9'):
		return d.number()
	case c == '{' || c == '[':
		close := byte('}')
		if c == '[' {
			close = ']'
		}
		d.pos++
		d.skipSpace()
		if d.pos < len(d.data) && d.data[d.pos] == close {
			d.pos++
			return nil
		}
		for {
			if c == '{' {
				d.skipSpace()
				if d.pos >= len(d.data) || d.data[d.pos] != '"' {
					return d.syntax("expected a quoted field name")
				}
				if _, err := d.str(); err != nil {
					return err
				}
				d.skipSpace()
				if d.pos >= len(d.data) || d.data[d.pos] != ':' {
					return d.syntax("expected : after a field name")
				}
				d.pos++
			}
			if err := d.skipValue(depth + 1); err != nil {
				return err
			}
			d.skipSpace()
			if d.pos >= len(d.data) {
				return d.syntax("")
			}
			switch d.data[d.pos] {
			case ',':
				d.pos++
			case close:
				d.pos++
				return nil
			default:
				return d.syntax("expected , or " + string(close))
			}
		}
	}
	return d.syntax(fmt.Sprintf("unexpected character %q", d.data[d.pos]))
}

// number checks and skips a JSON number.
func (d *decoder) number() error {
	start := d.pos
	if d.data[d.pos] == '-' {
		d.pos++
	}
	digits := func() int {
		n := 0
		for d.pos < len(d.data) && '0' <= d.data[d.pos] && d.data[d.pos] <= '9' {
			d.pos++
			n++
		}
		return n
	}
	if d.pos < len(d.data) && d.data[d.pos] == '0' {
		d.pos++
	} else if digits() == 0 {
		return d.syntax("invalid number")
	}
	if d.pos < len(d.data) && d.data[d.pos] == '.' {
		d.pos++
		if digits() == 0 {
			return d.syntax("invalid number")
		}
	}
	if d.pos < len(d.data) && (d.data[d.pos] == 'e' || d.data[d.pos] == 'E') {
		d.pos++
		if d.pos < len(d.data) && (d.data[d.pos] == '+' || d.data[d.pos] == '-') {
			d.pos++
		}
		if digits() == 0 {
			return d.syntax("invalid number")
		}
	}
	if d.pos == start {
		return d.syntax("invalid number")
	}
	return nil
}

// str reads a JSON string at the current position (which is '"').
func (d *decoder) str() (string, error) {
	d.pos++
	start := d.pos
	// Fast path: no escapes.
	d.pos = plainRun(d.data, d.pos)
	if d.pos < len(d.data) && d.data[d.pos] == '"' {
		// The body is read into a buffer of its own that nothing writes
		// to again, so strings may share its bytes.
		s := unsafe.String(unsafe.SliceData(d.data[start:]), d.pos-start)
		d.pos++
		return s, nil
	}
	// The string unescaped is no longer than the rest of the body: with
	// that much room left in text, it is written there without growing it.
	var buf []byte
	inText := cap(d.text)-len(d.text) >= len(d.data)-start
	if inText {
		buf = d.text[len(d.text):len(d.text)]
	} else {
		buf = make([]byte, 0, d.pos-start+64)
	}
	buf = append(buf, d.data[start:d.pos]...)
	for d.pos < len(d.data) {
		switch c := d.data[d.pos]; {
		case c == '"':
			d.pos++
			if inText {
				d.text = d.text[:len(d.text)+len(buf)]
				return unsafe.String(unsafe.SliceData(buf), len(buf)), nil
			}
			return string(buf), nil
		case c < 0x20:
			return "", d.syntax("a control character in a string must be escaped")
		}
		// d.data[d.pos] is a backslash.
		d.pos++
		if d.pos >= len(d.data) {
			break
		}
		switch e := d.data[d.pos]; e {
		case '"', '\\', '/':
			buf = append(buf, e)
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			r, ok := d.hex4(d.pos + 1)
			if !ok {
				return "", d.syntax("invalid \\u escape")
			}
			d.pos += 4
			if utf16.IsSurrogate(r) {
				if r2, ok := d.hex4(d.pos + 3); ok && d.pos+2 < len(d.data) && d.data[d.pos+1] == '\\' && d.data[d.pos+2] == 'u' {
					if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
						d.pos += 6
						buf = utf8.AppendRune(buf, dec)
						break
					}
				}
				r = utf8.RuneError
			}
			buf = utf8.AppendRune(buf, r)
		default:
			return "", d.syntax(fmt.Sprintf("invalid escape \\%c", e))
		}
		d.pos++
		run := d.pos
		d.pos = plainRun(d.data, d.pos)
		buf = append(buf, d.data[run:d.pos]...)
	}
	return "", d.syntax("")
}

// plainRun returns the offset of the first byte at or after i that a JSON
// string cannot hold as it is: a quote, a backslash or a control
// character; len(b) when there is none. It tests eight bytes at a time
// with the classic word tests for a zero byte and a byte below a bound,
// whose lowest flagged byte is always exact.
func plainRun(b []byte, i int) int {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:])
		q, bs := x^(lo*'"'), x^(lo*'\\')
		m := ((q-lo)&^q | (bs-lo)&^bs | (x-lo*0x20)&^x) & hi
		if m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	for ; i < len(b); i++ {
		if c := b[i]; c == '"' || c == '\\' || c < 0x20 {
			return i
		}
	}
	return i
}

func (d *decoder) hex4(at int) (rune, bool) {
	if at+4 > len(d.data) {
		return 0, false
	}
	n, err := strconv.ParseUint(string(d.data[at:at+4]), 16, 32)
	return rune(n), err == nil
}
