package api

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/labstack/echo/v4"

	"github.com/declinekit/declinekit/service"
	"github.com/declinekit/declinekit/service/library"
)

// Placeholder describes one {{token}} a template uses.
type Placeholder struct {
	// The token's name, as in {{company}}.
	Key string `json:"key" example:"company"`
	// The bracket form common in career advice, accepted in inline templates too.
	Label string `json:"label" example:"[Company]"`
	// What to fill in.
	Description string `json:"description" example:"The employer that invited you to interview."`
	// Whether a draft needs a value; an optional placeholder falls back to a polite default.
	Required bool `json:"required" example:"true"`
	// The longest value accepted, in characters.
	MaxLength int `json:"max_length" example:"100"`
	// A realistic value.
	Example string `json:"example" example:"Northwind Analytics"`
} // @name Placeholder

// TemplateSummary describes a template without its text.
type TemplateSummary struct {
	// Stable id: channel.reason.tone.
	ID string `json:"id" example:"email.accepted_other_offer.warm"`
	// Changes whenever the template's text changes.
	Version string `json:"version" example:"5d41402abc4b"`
	// Where the message goes.
	Channel string `json:"channel" enums:"email,linkedin,phone" example:"email"`
	// Why the candidate declines; none gives no reason.
	Reason string `json:"reason" enums:"accepted_other_offer,staying_with_current_employer,career_goals,role_not_a_fit,compensation,location,schedule,personal_circumstances,timing,none" example:"accepted_other_offer"`
	// The register of the message.
	Tone string `json:"tone" enums:"formal,warm,brief" example:"warm"`
	// Language of the text.
	Lang string `json:"lang" enums:"en" example:"en"`
	// A short human name.
	Name string `json:"name" example:"Accepted another offer (warm email)"`
	// When to use the template.
	Description string `json:"description" example:"A friendly email for when you have said yes to another employer."`
	// The placeholders the template uses.
	Placeholders []Placeholder `json:"placeholders"`
} // @name TemplateSummary

// TemplateList is a list of template summaries.
type TemplateList struct {
	// Matching templates, ordered by channel, reason and tone.
	Items []TemplateSummary `json:"items"`
} // @name TemplateList

// Message is a subject and a body.
type Message struct {
	// The subject line.
	Subject string `json:"subject" example:"Senior Backend Engineer role – Alex Moreno"`
	// The text, with {{token}} placeholders in a template, filled in a draft.
	Body string `json:"body" example:"Dear {{recruiter_name}}, …"`
} // @name Message

// Template is a whole template with its text.
type Template struct {
	TemplateSummary
	// The subject line with {{token}} placeholders; email only.
	Subject string `json:"subject,omitempty" example:"{{position}} role – {{candidate_name}}"`
	// The message with {{token}} placeholders: the email or LinkedIn message body, or the phone call script.
	Body string `json:"body" example:"Dear {{recruiter_name}},\n\nThank you for inviting me …"`
	// LinkedIn connection-note variants, fullest first; linkedin only.
	ConnectionNotes []string `json:"connection_notes,omitempty" example:"Hi {{recruiter_name}}, thank you for thinking of me for the {{position}} role. I'd be glad to stay in touch."`
	// The written confirmation to send after the call; phone only.
	FollowUp *Message `json:"follow_up,omitempty"`
} // @name Template

// templatesQuery are the filters of GET /templates.
type templatesQuery struct {
	Channel string `query:"channel" validate:"omitempty,oneof=email linkedin phone"`
	Reason  string `query:"reason" validate:"omitempty,oneof=accepted_other_offer staying_with_current_employer career_goals role_not_a_fit compensation location schedule personal_circumstances timing none"`
	Tone    string `query:"tone" validate:"omitempty,oneof=formal warm brief"`
	Lang    string `query:"lang" validate:"omitempty,oneof=en"`
}

// templateResource holds every answer of /templates encoded once: the list
// for each combination of filters, by filterIndex, and each template.
type templateResource struct {
	lists []staticDoc
	items map[string]staticDoc
}

// The values of each filter of the list, "" (any) first.
var (
	filterChannels = append([]library.Channel{""}, library.Channels...)
	filterReasons  = append([]library.Reason{""}, library.Reasons...)
	filterTones    = append([]library.Tone{""}, library.Tones...)
	filterLangs    = func() []string {
		langs := []string{""}
		for _, l := range service.Langs {
			langs = append(langs, string(l))
		}
		return langs
	}()
)

// filterIndex numbers the combinations of filter values in the order
// channel, reason, tone, language; ok is false for a value none of the
// filters has.
func filterIndex(f library.Filter) (i int, ok bool) {
	c, r, t, l := slices.Index(filterChannels, f.Channel), slices.Index(filterReasons, f.Reason), slices.Index(filterTones, f.Tone), slices.Index(filterLangs, f.Lang)
	if c < 0 || r < 0 || t < 0 || l < 0 {
		return 0, false
	}
	return ((c*len(filterReasons)+r)*len(filterTones)+t)*len(filterLangs) + l, true
}

func newTemplateResource(lib *library.Library) (*templateResource, error) {
	r := &templateResource{
		lists: make([]staticDoc, len(filterChannels)*len(filterReasons)*len(filterTones)*len(filterLangs)),
		items: map[string]staticDoc{},
	}
	all := lib.All()
	// Each summary is encoded once; a list is its summaries' bytes joined,
	// exactly what encoding/json would write for the TemplateList.
	summaries := make(map[string][]byte, len(all))
	for _, t := range all {
		b, err := json.Marshal(summaryOf(t))
		if err != nil {
			return nil, fmt.Errorf("encode template %s: %w", t.ID, err)
		}
		summaries[t.ID] = b
		doc, err := newJSONDoc(templateOf(t))
		if err != nil {
			return nil, fmt.Errorf("encode template %s: %w", t.ID, err)
		}
		r.items[t.ID] = doc
	}
	for _, c := range filterChannels {
		for _, rs := range filterReasons {
			for _, tn := range filterTones {
				for _, lg := range filterLangs {
					f := library.Filter{Channel: c, Reason: rs, Tone: tn, Lang: lg}
					found := lib.Find(f)
					size := len(`{"items":[]}`)
					for _, t := range found {
						size += len(summaries[t.ID]) + 1
					}
					b := make([]byte, 0, size)
					b = append(b, `{"items":[`...)
					for i, t := range found {
						if i > 0 {
							b = append(b, ',')
						}
						b = append(b, summaries[t.ID]...)
					}
					i, _ := filterIndex(f)
					r.lists[i] = newDoc(echo.MIMEApplicationJSON, append(b, "]}"...))
				}
			}
		}
	}
	return r, nil
}

func summaryOf(t *library.Template) TemplateSummary {
	ps := make([]Placeholder, len(t.Placeholders))
	for i, p := range t.Placeholders {
		ps[i] = Placeholder{Key: p.Key, Label: p.Label, Description: p.Description, Required: p.Required, MaxLength: p.MaxLength, Example: p.Example}
	}
	return TemplateSummary{
		ID: t.ID, Version: t.Version, Channel: string(t.Channel), Reason: string(t.Reason), Tone: string(t.Tone),
		Lang: t.Lang, Name: t.Name, Description: t.Description, Placeholders: ps,
	}
}

func templateOf(t *library.Template) Template {
	out := Template{TemplateSummary: summaryOf(t), Subject: t.Subject, Body: t.Body, ConnectionNotes: t.Notes}
	if t.FollowUp != nil {
		out.FollowUp = &Message{Subject: t.FollowUp.Subject, Body: t.FollowUp.Body}
	}
	return out
}

// listTemplates godoc
//
//	@Summary		List decline templates
//	@Description	Returns summaries (id, version, channel, reason, tone, language, name, description and placeholders) of the templates that match every filter given; with no filter, all of them. Every channel × reason × tone exists. Answers carry an ETag; send If-None-Match to get 304.
//	@ID				listTemplates
//	@Security		ApiKeyAuth
//	@Security		BearerAuth
//	@Tags			templates
//	@Produce		json
//	@Produce		application/problem+json
//	@Param			channel	query		string	false	"Only this channel"	Enums(email,linkedin,phone)
//	@Param			reason	query		string	false	"Only this reason"	Enums(accepted_other_offer,staying_with_current_employer,career_goals,role_not_a_fit,compensation,location,schedule,personal_circumstances,timing,none)
//	@Param			tone	query		string	false	"Only this tone"	Enums(formal,warm,brief)
//	@Param			lang	query		string	false	"Only this language"	Enums(en)
//	@Success		200		{object}	TemplateList
//	@Success		304		"Not modified: the ETag in If-None-Match is current"
//	@Failure		401		{object}	problem.Problem	"An API key is required and was missing or wrong (only when the server has keys)"
//	@Failure		400		{object}	problem.Problem	"An unknown or repeated query parameter"
//	@Failure		406		{object}	problem.Problem	"The Accept header rules out JSON"
//	@Failure		422		{object}	problem.Problem	"A filter has a value that does not exist; the message lists the allowed ones"
//	@Header			200		{string}	ETag	"Entity tag of the answer"
//	@Failure		429		{object}	problem.Problem	"Too many requests from this address; see Retry-After"
//	@Header			429		{string}	Retry-After	"Seconds to wait before trying again"
//	@Router			/templates [get]
func (s *Server) listTemplates(c echo.Context) error {
	var q templatesQuery
	if err := bindQuery(c, &q); err != nil {
		return err
	}
	i, ok := filterIndex(library.Filter{Channel: library.Channel(q.Channel), Reason: library.Reason(q.Reason), Tone: library.Tone(q.Tone), Lang: q.Lang})
	if !ok { // the query's validation rules these out
		return service.NotFound("no template list has these filters")
	}
	return s.templates.lists[i].serve(c)
}

// getTemplate godoc
//
//	@Summary		Get a template
//	@Description	Returns one template with its text in {{token}} form and its placeholders. Email templates have a subject; LinkedIn templates add connection-note variants; phone templates are a call script with a written follow-up. Answers carry an ETag; send If-None-Match to get 304.
//	@ID				getTemplate
//	@Security		ApiKeyAuth
//	@Security		BearerAuth
//	@Tags			templates
//	@Produce		json
//	@Produce		application/problem+json
//	@Param			id	path		string	true	"Template id: channel.reason.tone"	example(email.accepted_other_offer.warm)
//	@Success		200	{object}	Template
//	@Success		304	"Not modified: the ETag in If-None-Match is current"
//	@Failure		401	{object}	problem.Problem	"An API key is required and was missing or wrong (only when the server has keys)"
//	@Failure		400	{object}	problem.Problem	"A query parameter: this resource takes none"
//	@Failure		404	{object}	problem.Problem	"No template with this id"
//	@Failure		406	{object}	problem.Problem	"The Accept header rules out JSON"
//	@Header			200	{string}	ETag	"Entity tag of the answer"
//	@Failure		429	{object}	problem.Problem	"Too many requests from this address; see Retry-After"
//	@Header			429	{string}	Retry-After	"Seconds to wait before trying again"
//	@Router			/templates/{id} [get]
func (s *Server) getTemplate(c echo.Context) error {
	if err := bindQuery(c, &struct{}{}); err != nil {
		return err
	}
	doc, ok := s.templates.items[c.Param("id")]
	if !ok {
		return service.NotFound("there is no template with this id; ids look like email.accepted_other_offer.warm (see GET /templates)")
	}
	return doc.serve(c)
}
