// Package library is the versioned library of interview-decline templates
// and their renderer.
//
// The content is data, not code: YAML files under data/<lang>/ are embedded
// in the binary, decoded strictly and validated once by [Load]. A template
// is composed from phrase blocks: each channel file lays out, per tone, the
// paragraphs of a message as named sections (greeting, thanks, decline,
// door-open sentence, closing, sign-off), and reasons.yaml supplies the
// one-sentence reason for each reason and tone, plus per-reason overrides of
// any section. Every channel × reason × tone combination exists, and every
// template's [Template.Version] is a hash of its content, so it changes
// whenever the text does.
//
// At load time each template is compiled into lists of literal and token
// segments. [Template.Render] walks those lists and writes the caller's
// values as literal data: a value is never scanned for placeholders, so a
// company called "{{position}}" stays exactly that. [ParseInline] compiles a
// client-supplied template the same way, accepting both {{token}} syntax and
// the bracket labels of the original advice, such as [Company].
package library
