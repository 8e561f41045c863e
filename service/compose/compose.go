package compose

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/declinekit/declinekit/service"
	"github.com/declinekit/declinekit/service/library"
)

// Defaults for a request that names no template.
const (
	DefaultChannel = library.Email
	DefaultReason  = library.None
	DefaultTone    = library.Formal
)

// Tier is a LinkedIn account tier; it sets the connection-note limit.
type Tier string

// The LinkedIn tiers.
const (
	TierFree    Tier = "free"
	TierPremium Tier = "premium"
)

// NoteLimit returns the connection-note limit of the tier, in characters:
// 200 for free accounts (and an unset tier), 300 for premium ones.
func (t Tier) NoteLimit() int {
	if t == TierPremium {
		return 300
	}
	return 200
}

// Thresholds of the timing advice.
const (
	// ShortNotice is how close an interview must be for the advice to call
	// first.
	ShortNotice = 24 * time.Hour
	// LateReply is how old an invitation must be for the message to thank
	// the recruiter for their patience.
	LateReply = 72 * time.Hour
)

// Request is what a draft is composed from.
type Request struct {
	// Channel, Reason and Tone pick a built-in template; empty ones take the
	// defaults. With TemplateID or Inline, any that are set must agree with
	// the chosen template.
	Channel library.Channel
	Reason  library.Reason
	Tone    library.Tone
	Lang    string
	// TemplateID picks a built-in template by id.
	TemplateID string
	// Inline is the client's own template.
	Inline  *Inline
	Details Details
	Options Options
}

// Inline is a client's template: {{token}}s or the bracket labels of career
// advice ([Company], [Recruiter's Name] …).
type Inline struct {
	Subject, Body string
}

// Details are the facts the message is filled with.
type Details struct {
	Company, Position, CandidateName string
	RecruiterName                    string
	RecruiterEmail, CandidateEmail   string
	ReasonDetail                     string
}

// Options shape the draft.
type Options struct {
	// KeepDoorOpen includes the sentence asking to hear about future roles.
	KeepDoorOpen bool
	// ConnectOnLinkedIn adds a connection note for any channel.
	ConnectOnLinkedIn bool
	LinkedInTier      Tier
	// InterviewAt and InvitedAt, when set, drive the timing advice.
	InterviewAt, InvitedAt *time.Time
	// AsOf is the "now" of the timing advice and the .eml Date.
	AsOf time.Time
}

// Draft is a composed message.
type Draft struct {
	TemplateID      string
	TemplateVersion string
	Channel         library.Channel
	Lang            string
	// Subject is the email subject, or for the phone channel the follow-up
	// email's subject.
	Subject string
	// Body is the message, or for the phone channel the call script.
	Body string
	// FollowUp is the written confirmation to send after a call (phone).
	FollowUp *library.Message
	// LinkedInNote is set for the LinkedIn channel and when asked for.
	LinkedInNote *Note
	Checklist    []ChecklistEntry
	Advice       []Advice
	Stats        Stats

	details Details
	asOf    time.Time
	text    []byte // holds the rendered text; reused with the draft
	// Backing arrays, so that a draft is one allocation, not three.
	checklistArr [9]ChecklistEntry
	adviceArr    [6]Advice
}

// drafts holds released drafts for Compose to reuse.
var drafts = sync.Pool{New: func() any { return new(Draft) }}

// Release hands d back for a later Compose to reuse, with the buffer its
// text is in, which spares a busy server two allocations per draft. Call it
// once nothing uses d any more: not its Checklist or Advice, which live
// inside it, and not its strings, whose bytes the next draft overwrites.
// Releasing is optional: a draft never released is collected as garbage
// like any other value.
func (d *Draft) Release() {
	if cap(d.text) > 64<<10 {
		d.text = nil
	}
	*d = Draft{text: d.text}
	drafts.Put(d)
}

// Note is a LinkedIn connection note.
type Note struct {
	Text       string
	Characters int
	Limit      int
}

// Stats count the body.
type Stats struct {
	Characters int
	Words      int
}

// Composer composes drafts from a template library. It is safe for
// concurrent use.
type Composer struct {
	lib *library.Library
}

// New returns a Composer over lib.
func New(lib *library.Library) *Composer {
	return &Composer{lib: lib}
}

// chosen is the template a request resolved to.
type chosen struct {
	id, version string
	channel     library.Channel
	reason      library.Reason
	tone        library.Tone
	builtin     *library.Template
	inline      *library.Inline
}

// Compose composes the draft for req. Errors are *service.Error values of
// kind KindInvalid that name the request fields at fault.
func (c *Composer) Compose(req Request) (*Draft, error) {
	ch, err := c.choose(req)
	if err != nil {
		return nil, err
	}
	timing, err := timingOf(req.Options)
	if err != nil {
		return nil, err
	}

	vals := library.Values{
		Company:       req.Details.Company,
		Position:      req.Details.Position,
		CandidateName: req.Details.CandidateName,
		RecruiterName: req.Details.RecruiterName,
		ReasonDetail:  req.Details.ReasonDetail,
	}
	// A reused draft brings the buffer its text was written into.
	d := drafts.Get().(*Draft)
	var r library.Rendered
	var text []byte
	if ch.builtin != nil {
		r, text = ch.builtin.RenderInto(d.text, vals, library.Options{
			KeepDoorOpen: req.Options.KeepDoorOpen,
			ShortNotice:  timing.shortNotice,
			LateReply:    timing.lateReply,
		})
	} else {
		r, text = ch.inline.RenderInto(d.text, vals)
	}

	*d = Draft{
		text:            text,
		TemplateID:      ch.id,
		TemplateVersion: ch.version,
		Channel:         ch.channel,
		Lang:            string(service.LangEN),
		Subject:         r.Subject,
		Body:            r.Body,
		FollowUp:        r.FollowUp,
		details:         req.Details,
		asOf:            req.Options.AsOf,
	}
	if r.FollowUp != nil {
		d.Subject = r.FollowUp.Subject
	}

	shortened := false
	if ch.channel == library.LinkedIn || req.Options.ConnectOnLinkedIn {
		notes := r.Notes
		if notes == nil {
			notes = c.notesFor(ch, vals)
		}
		d.LinkedInNote, shortened, err = pickNote(notes, req.Options.LinkedInTier.NoteLimit())
		if err != nil {
			return nil, err
		}
	}

	d.Stats.Characters, d.Stats.Words = countText(d.Body)
	d.Checklist = checklistFor(d.checklistArr[:0], ch, req, timing, d.LinkedInNote != nil)
	d.Advice = adviceFor(d.adviceArr[:0], ch, req, timing, shortened)
	return d, nil
}

// choose resolves the request to one template.
func (c *Composer) choose(req Request) (chosen, error) {
	switch {
	case req.Inline != nil && req.TemplateID != "":
		return chosen{}, service.Invalid("give either template_id or template, not both",
			service.FieldError{Field: "template", Message: "template cannot be combined with template_id"})
	case req.Inline != nil:
		return c.chooseInline(req)
	case req.TemplateID != "":
		t, ok := c.lib.Get(req.TemplateID)
		if !ok {
			return chosen{}, service.Invalid("unknown template",
				service.FieldError{Field: "template_id", Message: "template_id names no template; see GET /templates"})
		}
		if err := agree(req, t); err != nil {
			return chosen{}, err
		}
		return chosenOf(t), nil
	}
	channel, reason, tone := req.Channel, req.Reason, req.Tone
	if channel == "" {
		channel = DefaultChannel
	}
	if reason == "" {
		reason = DefaultReason
	}
	if tone == "" {
		tone = DefaultTone
	}
	t, ok := c.lib.Get(string(channel) + "." + string(reason) + "." + string(tone))
	if !ok {
		return chosen{}, service.Invalid("no template for this combination",
			service.FieldError{Field: "channel", Message: "no template matches this channel, reason and tone"})
	}
	return chosenOf(t), nil
}

func chosenOf(t *library.Template) chosen {
	return chosen{id: t.ID, version: t.Version, channel: t.Channel, reason: t.Reason, tone: t.Tone, builtin: t}
}

// agree checks that channel, reason and tone, where given, match t.
func agree(req Request, t *library.Template) error {
	var fields []service.FieldError
	if req.Channel != "" && req.Channel != t.Channel {
		fields = append(fields, service.FieldError{Field: "channel", Message: fmt.Sprintf("channel is %s but template %s is for %s", req.Channel, t.ID, t.Channel)})
	}
	if req.Reason != "" && req.Reason != t.Reason {
		fields = append(fields, service.FieldError{Field: "reason", Message: fmt.Sprintf("reason is %s but template %s is for %s", req.Reason, t.ID, t.Reason)})
	}
	if req.Tone != "" && req.Tone != t.Tone {
		fields = append(fields, service.FieldError{Field: "tone", Message: fmt.Sprintf("tone is %s but template %s is %s", req.Tone, t.ID, t.Tone)})
	}
	if len(fields) > 0 {
		return service.Invalid("the request contradicts the chosen template", fields...)
	}
	return nil
}

// InlineID is the template id of drafts composed from a client's template.
const InlineID = "inline"

func (c *Composer) chooseInline(req Request) (chosen, error) {
	channel := req.Channel
	if channel == "" {
		channel = DefaultChannel
	}
	if req.Details.ReasonDetail != "" {
		return chosen{}, service.Invalid("reason_detail works with built-in templates only",
			service.FieldError{Field: "details.reason_detail", Message: "details.reason_detail is not used with your own template; write the reason into template.body"})
	}
	if channel == library.Email && strings.TrimSpace(req.Inline.Subject) == "" {
		return chosen{}, service.Invalid("an email needs a subject line",
			service.FieldError{Field: "template.subject", Message: "template.subject is required when the channel is email"})
	}
	subject := req.Inline.Subject
	if channel != library.Email {
		subject = "" // only email has a subject line
	}
	in, err := library.ParseInline(subject, req.Inline.Body)
	if err != nil {
		return chosen{}, err
	}
	sum := sha256.Sum256([]byte(subject + "\x00" + req.Inline.Body))
	return chosen{
		id: InlineID, version: hex.EncodeToString(sum[:6]),
		channel: channel, reason: req.Reason, tone: req.Tone, inline: in,
	}, nil
}

// notesFor renders the connection notes of the LinkedIn template that
// matches ch's reason and tone, for a draft on another channel.
func (c *Composer) notesFor(ch chosen, vals library.Values) []string {
	reason, tone := ch.reason, ch.tone
	if reason == "" {
		reason = DefaultReason
	}
	if tone == "" {
		tone = DefaultTone
	}
	t, ok := c.lib.Get(string(library.LinkedIn) + "." + string(reason) + "." + string(tone))
	if !ok {
		return nil
	}
	vals.ReasonDetail = ""
	return t.Render(vals, library.Options{}).Notes
}

// pickNote returns the fullest note within limit characters, and whether a
// fuller one had to be dropped.
func pickNote(notes []string, limit int) (*Note, bool, error) {
	for i, n := range notes {
		if chars := utf8.RuneCountInString(n); chars <= limit {
			return &Note{Text: n, Characters: chars, Limit: limit}, i > 0, nil
		}
	}
	return nil, false, service.Invalid("the LinkedIn connection note does not fit",
		service.FieldError{Field: "options.linkedin_tier", Message: fmt.Sprintf(
			"even the shortest connection note is over %d characters with these details; shorten details.company, details.position or the names, or use the premium tier", limit)})
}

// timing is what the dates say about the reply.
type timing struct {
	known       bool
	shortNotice bool
	lateReply   bool
	untilInterview,
	sinceInvite time.Duration
}

func timingOf(o Options) (timing, error) {
	var t timing
	var fields []service.FieldError
	if o.InterviewAt != nil {
		t.known = true
		t.untilInterview = o.InterviewAt.Sub(o.AsOf)
		if t.untilInterview < 0 {
			fields = append(fields, service.FieldError{Field: "options.interview_at", Message: "options.interview_at is in the past; there is no interview left to decline"})
		}
		t.shortNotice = t.untilInterview >= 0 && t.untilInterview < ShortNotice
	}
	if o.InvitedAt != nil {
		t.known = true
		t.sinceInvite = o.AsOf.Sub(*o.InvitedAt)
		if t.sinceInvite < 0 {
			fields = append(fields, service.FieldError{Field: "options.invited_at", Message: "options.invited_at is in the future"})
		}
		if o.InterviewAt != nil && o.InvitedAt.After(*o.InterviewAt) {
			fields = append(fields, service.FieldError{Field: "options.invited_at", Message: "options.invited_at is after options.interview_at"})
		}
		t.lateReply = t.sinceInvite > LateReply
	}
	if len(fields) > 0 {
		return timing{}, service.Invalid("the dates do not add up", fields...)
	}
	return t, nil
}

// countText counts the code points of s, as utf8.RuneCountInString does,
// and its runs of non-space characters, as len(strings.Fields(s)) would,
// in one pass and without building the slice.
func countText(s string) (chars, words int) {
	inWord := false
	for i := 0; i < len(s); chars++ {
		var space bool
		if c := s[i]; c < utf8.RuneSelf {
			space = asciiSpace[c]
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
			i += size
		}
		if space {
			inWord = false
		} else if !inWord {
			inWord = true
			words++
		}
	}
	return chars, words
}

// asciiSpace marks the ASCII bytes unicode.IsSpace reports as space.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}
