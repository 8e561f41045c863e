package library

import (
	"embed"
	"fmt"
	"io/fs"
	"slices"
)

// Channel is the way a message reaches the recruiter.
type Channel string

// The channels, in canonical order.
const (
	Email    Channel = "email"
	LinkedIn Channel = "linkedin"
	Phone    Channel = "phone"
)

// Reason is why the candidate declines. None gives no reason at all.
type Reason string

// The reasons, in canonical order.
const (
	AcceptedOtherOffer         Reason = "accepted_other_offer"
	StayingWithCurrentEmployer Reason = "staying_with_current_employer"
	CareerGoals                Reason = "career_goals"
	RoleNotAFit                Reason = "role_not_a_fit"
	Compensation               Reason = "compensation"
	Location                   Reason = "location"
	Schedule                   Reason = "schedule"
	PersonalCircumstances      Reason = "personal_circumstances"
	Timing                     Reason = "timing"
	None                       Reason = "none"
)

// Tone is the register a message is written in.
type Tone string

// The tones, in canonical order.
const (
	Formal Tone = "formal"
	Warm   Tone = "warm"
	Brief  Tone = "brief"
)

// Channels lists every channel in canonical order.
var Channels = []Channel{Email, LinkedIn, Phone}

// Reasons lists every reason in canonical order.
var Reasons = []Reason{
	AcceptedOtherOffer, StayingWithCurrentEmployer, CareerGoals, RoleNotAFit,
	Compensation, Location, Schedule, PersonalCircumstances, Timing, None,
}

// Tones lists every tone in canonical order.
var Tones = []Tone{Formal, Warm, Brief}

// Placeholder describes one {{token}} a template may use.
type Placeholder struct {
	// Key is the token name, as in {{company}}.
	Key string
	// Label is the human form used in the original advice, such as
	// "[Company]"; inline templates accept it in place of the token.
	Label       string
	Description string
	// Required placeholders must be filled; an optional one falls back to
	// Fallback when it is left empty.
	Required  bool
	MaxLength int
	Example   string
	// Fallback is the value used when an optional placeholder is empty; it
	// is empty for required placeholders. A channel may use a more natural
	// fallback of its own, such as "there" in "Hi there," on LinkedIn.
	Fallback string
}

// Message is a subject and a body, as in an email.
type Message struct {
	Subject, Body string
}

// Template is one decline template: a channel, a reason, a tone and a
// language, with its text in {{token}} form.
type Template struct {
	// ID is "{channel}.{reason}.{tone}", for example
	// "email.accepted_other_offer.warm". It is stable across versions.
	ID string
	// Version is the first 12 hex digits of a SHA-256 hash of everything the
	// template contains, so it changes whenever the text does.
	Version     string
	Channel     Channel
	Reason      Reason
	Tone        Tone
	Lang        string
	Name        string
	Description string
	// Subject is the email subject line; it is set for the email channel
	// only.
	Subject string
	// Body is the email or direct-message body, or the phone call script,
	// as it reads with the door-open sentence and without the short-notice
	// and late-reply sentences.
	Body string
	// Notes holds the LinkedIn connection-note variants, fullest first; it
	// is set for the LinkedIn channel only.
	Notes []string
	// FollowUp is the written confirmation to send after a phone call; it
	// is set for the phone channel only.
	FollowUp *Message
	// Placeholders lists the placeholders the template uses, in registry
	// order. Templates that use the same placeholders share the slice.
	Placeholders []Placeholder

	// The compiled texts hold no pointers: they refer to the code the
	// library shares among its templates (see code).
	code *code    // the code of the library
	out  *outputs // the template's compiled texts
}

// Library holds every template, validated and compiled. It is safe for
// concurrent use; nothing in it changes after Load.
type Library struct {
	all          []*Template
	byID         map[string]*Template
	placeholders []Placeholder
}

//go:embed data
var embedded embed.FS

// dataFS returns the embedded data with data/ as its root.
func dataFS() fs.FS {
	sub, err := fs.Sub(embedded, "data")
	if err != nil {
		// fs.Sub fails only for an invalid path name, which "data" is not.
		panic(fmt.Sprintf("library: embedded data: %v", err))
	}
	return sub
}

// Load reads, validates and compiles the embedded template data. It is meant
// to be called once at start-up; an error means the data shipped with the
// binary is broken.
func Load() (*Library, error) {
	return load(dataFS())
}

// All returns every template in canonical order: by channel, then reason,
// then tone, each in the order of Channels, Reasons and Tones.
func (l *Library) All() []*Template {
	return slices.Clone(l.all)
}

// Get returns the template with the given id.
func (l *Library) Get(id string) (*Template, bool) {
	t, ok := l.byID[id]
	return t, ok
}

// Filter selects templates; a zero field matches any value.
type Filter struct {
	Channel Channel
	Reason  Reason
	Tone    Tone
	Lang    string
}

func (f Filter) match(t *Template) bool {
	return (f.Channel == "" || f.Channel == t.Channel) &&
		(f.Reason == "" || f.Reason == t.Reason) &&
		(f.Tone == "" || f.Tone == t.Tone) &&
		(f.Lang == "" || f.Lang == t.Lang)
}

// Find returns the templates that match f, in canonical order. It returns an
// empty, non-nil slice when nothing matches.
func (l *Library) Find(f Filter) []*Template {
	out := make([]*Template, 0, len(l.all))
	for _, t := range l.all {
		if f.match(t) {
			out = append(out, t)
		}
	}
	return out
}

// Placeholders returns the placeholder registry of the default language, in
// the order the data lists it.
func (l *Library) Placeholders() []Placeholder {
	return slices.Clone(l.placeholders)
}
