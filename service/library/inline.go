package library

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/declinekit/declinekit/service"
)

// Inline is a client-supplied template, compiled. Its text is data only:
// rendering substitutes the known placeholders and nothing else.
type Inline struct {
	code          code // its text is the subject followed by the body
	subject, body snippet
	fallback      [numTokens]string // the registry's, for both
	tokens        []string
}

// inlineRegistry is the placeholder registry of the default language, which
// defines the labels inline templates may use.
var inlineRegistry = sync.OnceValues(func() (*registry, error) {
	name := string(service.Langs[0]) + "/placeholders.yaml"
	var f placeholdersFile
	if err := decode(dataFS(), name, &f); err != nil {
		return nil, fmt.Errorf("library: %w", err)
	}
	reg, problems := newRegistry(name, f.Placeholders)
	if len(problems) > 0 {
		return nil, fmt.Errorf("library: invalid template data: %s", strings.Join(problems, "; "))
	}
	return reg, nil
})

// ParseInline compiles a client's subject and body. Placeholders may be
// written as tokens, {{company}} or {{ company }}, or as the bracket labels
// of the original advice: [Company], [Position], [Recruiter's Name] (with a
// straight or curly apostrophe) and [Your Name], in any letter case.
//
// An unknown token, a bracket label that looks like a placeholder but is
// not one (such as [Hiring Manager] or [Date]) and an unclosed {{ give a
// service.Invalid error naming each one, with the fields "template.subject"
// and "template.body".
func ParseInline(subject, body string) (*Inline, error) {
	reg, err := inlineRegistry()
	if err != nil {
		return nil, err
	}
	if uint64(len(subject))+uint64(len(body)) > math.MaxUint32 {
		return nil, service.Invalid("the template is too long",
			service.FieldError{Field: "template.body", Message: "the subject and body of the template exceed 4 GiB"})
	}
	var used [numTokens]bool
	p := inlineParser{reg: reg, used: &used}
	in := &Inline{}
	c := &in.code
	c.text = subject + body
	in.subject = p.parse(c, span{0, uint32(len(subject))}, "template.subject")
	in.body = p.parse(c, span{uint32(len(subject)), uint32(len(c.text))}, "template.body")
	if len(p.fields) > 0 {
		msg := "the template uses unknown placeholders"
		if p.malformed {
			msg = "the template has malformed placeholders"
		}
		return nil, service.Invalid(msg, p.fields...)
	}
	in.fallback = reg.fallback
	for tok := literal + 1; tok < numTokens; tok++ {
		if used[tok] {
			in.tokens = append(in.tokens, tokenKeys[tok])
		}
	}
	slices.Sort(in.tokens)
	return in, nil
}

// Render fills the inline template with v. Only Subject and Body are set;
// v.ReasonDetail is not used, as a client's own text states its reason
// itself.
func (in *Inline) Render(v Values) Rendered {
	r, _ := in.RenderInto(nil, v)
	return r
}

// RenderInto is Render writing the text into buf, as Template.RenderInto
// does.
func (in *Inline) RenderInto(buf []byte, v Values) (Rendered, []byte) {
	vals := v.tokens()
	vals = withFallback(&vals, &in.fallback)
	c := &in.code
	b := textBuf{b: slices.Grow(buf[:0], in.subject.size(&vals)+in.body.size(&vals))}
	in.subject.write(&b, c, &vals)
	subjectEnd := b.Len()
	in.body.write(&b, c, &vals)
	out := b.String()
	return Rendered{Subject: out[:subjectEnd], Body: out[subjectEnd:]}, b.b
}

// Tokens returns the keys of the placeholders the template uses, sorted.
func (in *Inline) Tokens() []string {
	return append([]string(nil), in.tokens...)
}

// inlineParser compiles client text and collects what is wrong with it.
type inlineParser struct {
	reg       *registry
	used      *[numTokens]bool
	fields    []service.FieldError
	reported  map[string]bool
	malformed bool
}

// maxLabel bounds the text between square brackets that is read as a
// label, so that a long bracketed remark is left alone.
const maxLabel = 60

// parse compiles the client text that at spans in c.text, appending its
// segments to c.segs.
func (p *inlineParser) parse(c *code, at span, field string) snippet {
	s := c.newSnippet(at)
	src, base := at.in(c.text), int(at.start)
	start := 0
	for i := 0; i < len(src); {
		switch {
		case strings.HasPrefix(src[i:], "{{"):
			end := strings.Index(src[i+2:], "}}")
			if end < 0 {
				p.malformed = true
				p.report(field, "", fmt.Sprintf("unclosed {{ in %q: close it with }}", excerpt(src[i:], 20)))
				i = len(src)
				continue
			}
			key := strings.Trim(src[i+2:i+2+end], " \t")
			next := i + 2 + end + 2
			tok, ok := tokenByKey(strings.ToLower(key))
			if !ok {
				p.unknown(field, "{{"+excerpt(key, 40)+"}}")
				i = next
				continue
			}
			c.addLiteral(&s, base+start, base+i)
			c.addToken(&s, tok)
			p.used[tok] = true
			i, start = next, next
		case src[i] == '[':
			end := strings.IndexByte(src[i+1:], ']')
			if end < 0 || end > maxLabel {
				i++
				continue
			}
			inner := src[i+1 : i+1+end]
			next := i + 1 + end + 1
			if strings.ContainsAny(inner, "[\r\n") {
				i++
				continue
			}
			if tok, ok := p.reg.label(inner); ok {
				c.addLiteral(&s, base+start, base+i)
				c.addToken(&s, tok)
				p.used[tok] = true
				i, start = next, next
				continue
			}
			// A bracket followed by "(" is a Markdown link, not a label.
			if looksLikePlaceholder(inner) && !strings.HasPrefix(src[next:], "(") {
				p.unknown(field, "["+inner+"]")
			}
			// Read on inside the brackets: a {{token}} there is still a token.
			i++
		default:
			i++
		}
	}
	c.addLiteral(&s, base+start, base+len(src))
	return s
}

func (p *inlineParser) unknown(field, name string) {
	p.report(field, name, fmt.Sprintf("unknown placeholder %s; known: %s", name, p.reg.known))
}

// report adds a field error, once per field and placeholder.
func (p *inlineParser) report(field, name, msg string) {
	key := field + "\x00" + name + "\x00" + msg
	if p.reported == nil {
		p.reported = make(map[string]bool)
	}
	if p.reported[key] {
		return
	}
	p.reported[key] = true
	p.fields = append(p.fields, service.FieldError{Field: field, Message: msg})
}

// excerpt shortens client text quoted in an error message to n runes.
func excerpt(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for range n {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i] + "…"
}
