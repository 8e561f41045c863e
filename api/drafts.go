package api

import (
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/declinekit/declinekit/service/compose"
	"github.com/declinekit/declinekit/service/library"
)

// DraftRequest asks for a decline message. Pick a built-in template by
// channel, reason and tone (defaults: email, none, formal), or by
// template_id, or send your own in template.
type DraftRequest struct {
	// Where the message goes. Defaults to email.
	Channel string `json:"channel,omitempty" validate:"omitempty,oneof=email linkedin phone" example:"email"`
	// Why you decline; none gives no reason. Defaults to none.
	Reason string `json:"reason,omitempty" validate:"omitempty,oneof=accepted_other_offer staying_with_current_employer career_goals role_not_a_fit compensation location schedule personal_circumstances timing none" example:"accepted_other_offer"`
	// The register of the message. Defaults to formal.
	Tone string `json:"tone,omitempty" validate:"omitempty,oneof=formal warm brief" example:"warm"`
	// Language of the message. Defaults to en.
	Lang string `json:"lang,omitempty" validate:"omitempty,oneof=en" example:"en"`
	// A built-in template by id, instead of channel, reason and tone (which must then match it if given).
	TemplateID string `json:"template_id,omitempty" validate:"omitempty,max=100,singleline"`
	// Your own template, instead of a built-in one; cannot be combined with template_id.
	Template *InlineTemplate `json:"template,omitempty"`
	// The facts the message is filled with.
	Details DraftDetails `json:"details"`
	// How to shape the draft.
	Options *DraftOptions `json:"options,omitempty"`
} // @name DraftRequest

// InlineTemplate is a client's own template. Placeholders are {{company}},
// {{position}}, {{recruiter_name}} and {{candidate_name}}, or the bracket
// labels [Company], [Position], [Recruiter's Name] and [Your Name].
type InlineTemplate struct {
	// The subject line; required for email, ignored for other channels.
	Subject string `json:"subject,omitempty" validate:"max=200,singleline" example:"Interview for [Position] - [Your Name]"`
	// The message text.
	Body string `json:"body" validate:"required,notblank,max=5000,plaintext" example:"Dear [Recruiter's Name],\n\nThank you for inviting me to interview for the [Position] role at [Company]. I have decided to withdraw from the process.\n\nBest regards,\n[Your Name]"`
} // @name InlineTemplate

// DraftDetails are the facts a draft is filled with.
type DraftDetails struct {
	// The employer that invited you.
	Company string `json:"company" validate:"required,notblank,max=100,singleline" example:"Northwind Analytics"`
	// The role you were invited to interview for.
	Position string `json:"position" validate:"required,notblank,max=120,singleline" example:"Senior Backend Engineer"`
	// Your name, as you sign.
	CandidateName string `json:"candidate_name" validate:"required,notblank,max=80,singleline" example:"Alex Moreno"`
	// The recruiter's name; without it the message greets the hiring team.
	RecruiterName string `json:"recruiter_name,omitempty" validate:"omitempty,max=80,singleline" example:"Dana Whitfield"`
	// The recruiter's email: the To of the mailto link and the .eml.
	RecruiterEmail string `json:"recruiter_email,omitempty" validate:"omitempty,max=254,mailbox" format:"email" example:"dana.whitfield@northwind.example"`
	// Your email: the From of the .eml.
	CandidateEmail string `json:"candidate_email,omitempty" validate:"omitempty,max=254,mailbox" format:"email" example:"alex.moreno@example.com"`
	// Your own reason, one or two short sentences; it replaces the template's reason sentence. Built-in templates only: with your own template, write the reason into it.
	ReasonDetail string `json:"reason_detail,omitempty" validate:"omitempty,max=200,plaintext" example:"I have accepted an offer that is closer to home."`
} // @name DraftDetails

// DraftOptions shape a draft.
type DraftOptions struct {
	// Include a sentence asking to hear about future roles. Defaults to true. Built-in templates only.
	KeepDoorOpen *bool `json:"keep_door_open,omitempty" example:"true"`
	// Add a LinkedIn connection note (always present for the linkedin channel).
	ConnectOnLinkedIn bool `json:"connect_on_linkedin,omitempty" example:"true"`
	// Your LinkedIn tier: free notes hold 200 characters, premium 300. Defaults to free.
	LinkedInTier string `json:"linkedin_tier,omitempty" validate:"omitempty,oneof=free premium" example:"free"`
	// When the interview is (RFC 3339). Under 24 hours away, the advice is to call first.
	InterviewAt string `json:"interview_at,omitempty" validate:"omitempty,rfc3339" format:"date-time" example:"2026-12-03T15:00:00Z"`
	// When you were invited (RFC 3339). Over 3 days ago, the message thanks them for their patience.
	InvitedAt string `json:"invited_at,omitempty" validate:"omitempty,rfc3339" format:"date-time" example:"2026-11-30T09:00:00Z"`
	// The "now" used for timing advice and the .eml date (RFC 3339). Defaults to the server clock; set it for reproducible answers.
	AsOf string `json:"as_of,omitempty" validate:"omitempty,rfc3339" format:"date-time" example:"2026-12-01T10:00:00Z"`
} // @name DraftOptions

// DraftResponse is a composed message.
type DraftResponse struct {
	// The template the draft came from.
	Template TemplateRef `json:"template"`
	// Where the message goes.
	Channel string `json:"channel" enums:"email,linkedin,phone" example:"email"`
	// Language of the message.
	Lang string `json:"lang" example:"en"`
	// The email subject; for phone, the follow-up email's subject. Empty for LinkedIn.
	Subject string `json:"subject" example:"Senior Backend Engineer role – Alex Moreno"`
	// The message; for phone, the call script.
	Body string `json:"body" example:"Dear Dana Whitfield,\n\nThank you for inviting me …"`
	// The body as HTML paragraphs, every character of it escaped.
	HTML string `json:"html" example:"<p>Dear Dana Whitfield,</p>"`
	// A mailto: link (RFC 6068) that opens the email, or for phone the follow-up, in a mail client. Empty for LinkedIn.
	Mailto string `json:"mailto" example:"mailto:dana.whitfield@northwind.example?subject=…&body=…"`
	// The written confirmation to send after a call; phone only.
	FollowUp *Message `json:"follow_up,omitempty"`
	// A LinkedIn connection note within the tier's limit; for the linkedin channel or when asked for.
	LinkedInNote *LinkedInNote `json:"linkedin_note,omitempty"`
	// The draft against each of the nine checklist items, in order.
	Checklist []DraftChecklistEntry `json:"checklist"`
	// Advice about timing and channel; may be empty.
	Advice []DraftAdvice `json:"advice"`
	// Counts of the body.
	Stats DraftStats `json:"stats"`
} // @name DraftResponse

// TemplateRef names a template and its version.
type TemplateRef struct {
	// The template id, or "inline" for your own template.
	ID string `json:"id" example:"email.accepted_other_offer.warm"`
	// The template version.
	Version string `json:"version" example:"5d41402abc4b"`
} // @name TemplateRef

// LinkedInNote is a connection note.
type LinkedInNote struct {
	// The note.
	Text string `json:"text" example:"Hi Dana, thank you for thinking of me for the Senior Backend Engineer role. I'd be glad to stay in touch."`
	// Its length in characters.
	Characters int `json:"characters" example:"112"`
	// The tier's limit: 200 or 300.
	Limit int `json:"limit" enums:"200,300" example:"200"`
} // @name LinkedInNote

// DraftChecklistEntry reports a draft against one checklist item.
type DraftChecklistEntry struct {
	// The checklist item.
	ID string `json:"id" example:"keep_door_open"`
	// met: the message does it; omitted: left out (by choice, or optional); advice: something for you to do; not_applicable.
	Status string `json:"status" enums:"met,omitted,advice,not_applicable" example:"met"`
	// One line of explanation.
	Detail string `json:"detail" example:"The message says you would welcome hearing about future roles."`
} // @name DraftChecklistEntry

// DraftAdvice is a piece of advice about sending a draft.
type DraftAdvice struct {
	// A stable code.
	Code string `json:"code" enums:"call_first,late_reply,follow_up_in_writing,linkedin_note_shortened,name_the_recruiter,review_your_template" example:"call_first"`
	// The advice in plain words.
	Message string `json:"message" example:"The interview is in 20 hours: call the recruiter first …"`
} // @name DraftAdvice

// DraftStats count a draft's body.
type DraftStats struct {
	// Characters (Unicode code points).
	Characters int `json:"characters" example:"612"`
	// Words.
	Words int `json:"words" example:"104"`
} // @name DraftStats

// The response headers that name the template a draft came from, in every
// format.
const (
	headerTemplateID      = "X-Template-Id"
	headerTemplateVersion = "X-Template-Version"
)

// templateHeader is a template's X-Template-Id and X-Template-Version
// values, made once: the values of a header map are shared read-only, and
// net/http copies them before writing.
type templateHeader struct{ id, version []string }

// templateHeaders holds the templateHeader of each built-in template, by id.
type templateHeaders map[string]templateHeader

func newTemplateHeaders(lib *library.Library) templateHeaders {
	m := make(templateHeaders, len(lib.All()))
	for _, t := range lib.All() {
		m[t.ID] = templateHeader{id: []string{t.ID}, version: []string{t.Version}}
	}
	return m
}

// set names the template of an answer in h: a built-in one with its
// prepared values, any other (a client's own) with new ones.
func (m templateHeaders) set(h http.Header, id, version string) {
	if th, ok := m[id]; ok && th.version[0] == version {
		h[headerTemplateID], h[headerTemplateVersion] = th.id, th.version // canonical keys: no Set needed
		return
	}
	v := []string{id, version}
	h[headerTemplateID], h[headerTemplateVersion] = v[:1:1], v[1:]
}

// The formats POST /drafts can answer in, in order of preference.
const mimeRFC822 = "message/rfc822"

var draftFormats = []string{echo.MIMEApplicationJSON, echo.MIMETextPlain, mimeRFC822}

// createDraft godoc
//
//	@Summary		Compose a decline
//	@Description	Composes a ready-to-send decline from a few facts. Nothing is stored: the answer is 200, and the same request (with options.as_of) always gives the same bytes.
//	@Description	Choose a built-in template with channel, reason and tone (defaults email, none, formal) or template_id, or send your own in template ({{company}} tokens or [Company] labels). The Accept header picks the format: application/json (the full draft), text/plain (subject, blank line, body) or message/rfc822 (an .eml draft with X-Unsent: 1; email and phone only).
//	@ID				createDraft
//	@Security		ApiKeyAuth
//	@Security		BearerAuth
//	@Tags			drafts
//	@Accept			json
//	@Produce		json
//	@Produce		plain
//	@Produce		message/rfc822
//	@Produce		application/problem+json
//	@Param			request	body		DraftRequest	true	"What to compose"
//	@Success		200		{object}	DraftResponse	"The draft (JSON); text/plain and message/rfc822 answers are the message as text"
//	@Header			200		{string}	X-Template-Id		"The template the draft came from (inline for your own)"
//	@Header			200		{string}	X-Template-Version	"The version of that template"
//	@Failure		401		{object}	problem.Problem	"An API key is required and was missing or wrong (only when the server has keys)"
//	@Failure		400		{object}	problem.Problem	"Malformed JSON, an unknown field, a wrong type, trailing data or a body that is not an object"
//	@Failure		406		{object}	problem.Problem	"The Accept header allows no format this draft has"
//	@Failure		413		{object}	problem.Problem	"The body is over the size limit"
//	@Failure		415		{object}	problem.Problem	"The body is not application/json"
//	@Failure		422		{object}	problem.Problem	"A field breaks a rule; errors names each one"
//	@Failure		429		{object}	problem.Problem	"Too many requests from this address; see Retry-After"
//	@Header			429		{string}	Retry-After	"Seconds to wait before trying again"
//	@Router			/drafts [post]
func (s *Server) createDraft(c echo.Context) error {
	format, ok := negotiate(headerValue(c.Request().Header, echo.HeaderAccept), draftFormats...)
	if !ok {
		return notAcceptable(draftFormats...)
	}
	bufs := newBodyBuffers()
	req := &bufs.draft
	if err := decodeJSON(c, bufs, req, s.cfg.RequestTimeout); err != nil {
		return err
	}
	if err := c.Validate(req); err != nil {
		return err
	}
	d, err := s.composer.Compose(req.toDomain(s.now, &bufs.times))
	if err != nil {
		return err
	}
	s.metrics.drafts.inc(string(d.Channel))
	s.templateHeaders.set(c.Response().Header(), d.TemplateID, d.TemplateVersion)
	switch format {
	case echo.MIMETextPlain:
		err = c.Blob(http.StatusOK, echo.MIMETextPlainCharsetUTF8, []byte(d.Text()))
	case mimeRFC822:
		if !d.HasEmail() {
			return &Error{Status: http.StatusNotAcceptable, Type: notAcceptable().Type,
				Detail: "a " + string(d.Channel) + " draft has no email form; ask for application/json or text/plain"}
		}
		c.Response().Header().Set("Content-Disposition", `attachment; filename="decline-`+d.TemplateID+`.eml"`)
		err = c.Blob(http.StatusOK, mimeRFC822, d.EML())
	default:
		err = writeJSON(c, func(b []byte) []byte { return appendDraftJSON(b, d) })
	}
	// The answer is out: nothing refers to the request's strings or the
	// draft now.
	bufs.release()
	d.Release()
	return err
}

// toDomain turns a validated request into what the composer takes. The
// interview and invitation times go into times, which must live as long as
// the request; as_of defaults to now, to the second.
func (r *DraftRequest) toDomain(now func() time.Time, times *[2]time.Time) compose.Request {
	trim := strings.TrimSpace
	out := compose.Request{
		Channel:    library.Channel(r.Channel),
		Reason:     library.Reason(r.Reason),
		Tone:       library.Tone(r.Tone),
		Lang:       r.Lang,
		TemplateID: r.TemplateID,
		Details: compose.Details{
			Company: trim(r.Details.Company), Position: trim(r.Details.Position), CandidateName: trim(r.Details.CandidateName),
			RecruiterName: trim(r.Details.RecruiterName), RecruiterEmail: r.Details.RecruiterEmail,
			CandidateEmail: r.Details.CandidateEmail, ReasonDetail: trim(r.Details.ReasonDetail),
		},
		Options: compose.Options{KeepDoorOpen: true, LinkedInTier: compose.TierFree},
	}
	if r.Template != nil {
		out.Inline = &compose.Inline{Subject: r.Template.Subject, Body: r.Template.Body}
	}
	if o := r.Options; o != nil {
		if o.KeepDoorOpen != nil {
			out.Options.KeepDoorOpen = *o.KeepDoorOpen
		}
		out.Options.ConnectOnLinkedIn = o.ConnectOnLinkedIn
		if o.LinkedInTier != "" {
			out.Options.LinkedInTier = compose.Tier(o.LinkedInTier)
		}
		// The validator has checked the formats.
		if o.AsOf != "" {
			out.Options.AsOf, _ = parseTime(o.AsOf)
		}
		if o.InterviewAt != "" {
			times[0], _ = parseTime(o.InterviewAt)
			out.Options.InterviewAt = &times[0]
		}
		if o.InvitedAt != "" {
			times[1], _ = parseTime(o.InvitedAt)
			out.Options.InvitedAt = &times[1]
		}
	}
	if out.Options.AsOf.IsZero() {
		out.Options.AsOf = now().UTC().Truncate(time.Second)
	}
	return out
}
