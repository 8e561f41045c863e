package api

import (
	"sync"

	"github.com/labstack/echo/v4"

	"github.com/declinekit/declinekit/service/review"
)

// ReviewRequest is a decline message to check against the guidance.
type ReviewRequest struct {
	// Where the message goes: email, a LinkedIn direct message (up to 2000 characters), a LinkedIn connection note (200 characters free, 300 premium; it follows a decline sent elsewhere) or a phone call script.
	Channel string `json:"channel" validate:"required,oneof=email linkedin linkedin_note phone" example:"email"`
	// The email subject line, if any.
	Subject string `json:"subject,omitempty" validate:"max=500,plaintext" example:"Senior Backend Engineer interview – Alex Moreno"`
	// The message as you would send it. Quoted replies below it (lines starting with > and text after "On … wrote:") are ignored.
	Message string `json:"message" validate:"required,notblank,max=10000,plaintext" example:"Dear Dana,\n\nThank you for inviting me to interview for the Senior Backend Engineer role. I have accepted another offer, so I must withdraw from the process.\n\nI would be glad to stay in touch about future roles.\n\nKind regards,\nAlex Moreno"`
	// Your LinkedIn tier, for the linkedin_note limit. Defaults to free.
	LinkedInTier string `json:"linkedin_tier,omitempty" validate:"omitempty,oneof=free premium" example:"free"`
} // @name ReviewRequest

// ReviewResponse is the verdict on a message and every check behind it.
type ReviewResponse struct {
	// ready when no check fails; revise otherwise.
	Verdict string `json:"verdict" enums:"ready,revise" example:"ready"`
	// 0 to 100: passes count fully, warnings half, failures nothing; checks that do not apply are left out.
	Score int `json:"score" minimum:"0" maximum:"100" example:"95"`
	// The ten checks, always in the same order.
	Checks []ReviewCheck `json:"checks"`
	// Counts of the message.
	Stats ReviewStats `json:"stats"`
} // @name ReviewResponse

// ReviewCheck is one check of a message.
type ReviewCheck struct {
	// The check.
	ID string `json:"id" enums:"placeholders_filled,greeting,gratitude,clear_decline,brief_reason,door_open,courteous,sign_off,length,subject" example:"gratitude"`
	// The checklist item the check belongs to.
	ChecklistItem string `json:"checklist_item" example:"express_gratitude"`
	// pass, warn, fail or not_applicable.
	Status string `json:"status" enums:"pass,warn,fail,not_applicable" example:"pass"`
	// What was found, or what to do, in plain words.
	Message string `json:"message" example:"The message thanks the recruiter."`
	// The part of the message that decided the check; empty when something is missing.
	Evidence string `json:"evidence" example:"Thank you for inviting me"`
} // @name ReviewCheck

// ReviewStats count a message.
type ReviewStats struct {
	// Characters (Unicode code points).
	Characters int `json:"characters" example:"262"`
	// Words.
	Words int `json:"words" example:"45"`
	// Sentences.
	Sentences int `json:"sentences" example:"5"`
} // @name ReviewStats

// reviewMessage godoc
//
//	@Summary		Review a decline message
//	@Description	Checks a message you wrote against the guidance: placeholders left in, greeting, gratitude, a clear decline, a brief reason, an open door, courtesy, a sign-off, the channel's length limit and the subject line. Each check says pass, warn, fail or not_applicable, explains itself and quotes the evidence. Any fail makes the verdict revise. Nothing is stored.
//	@ID				reviewMessage
//	@Security		ApiKeyAuth
//	@Security		BearerAuth
//	@Tags			checklist
//	@Accept			json
//	@Produce		json
//	@Produce		application/problem+json
//	@Param			request	body		ReviewRequest	true	"The message to review"
//	@Success		200		{object}	ReviewResponse
//	@Failure		401		{object}	problem.Problem	"An API key is required and was missing or wrong (only when the server has keys)"
//	@Failure		400		{object}	problem.Problem	"Malformed JSON, an unknown field, a wrong type, trailing data or a body that is not an object"
//	@Failure		406		{object}	problem.Problem	"The Accept header rules out JSON"
//	@Failure		413		{object}	problem.Problem	"The body is over the size limit"
//	@Failure		415		{object}	problem.Problem	"The body is not application/json"
//	@Failure		422		{object}	problem.Problem	"A field breaks a rule; errors names each one"
//	@Failure		429		{object}	problem.Problem	"Too many requests from this address; see Retry-After"
//	@Header			429		{string}	Retry-After	"Seconds to wait before trying again"
//	@Router			/checklist/review [post]
func (s *Server) reviewMessage(c echo.Context) error {
	bufs := newBodyBuffers()
	req := &bufs.review
	if err := decodeJSON(c, bufs, req, s.cfg.RequestTimeout); err != nil {
		return err
	}
	if err := c.Validate(req); err != nil {
		return err
	}
	res := results.Get().(*review.Result)
	s.reviewer.ReviewInto(res, review.Input{
		Channel:      review.Channel(req.Channel),
		Subject:      req.Subject,
		Message:      req.Message,
		LinkedInTier: review.Tier(req.LinkedInTier),
	})
	s.metrics.reviews.inc(res.Verdict)
	err := writeJSON(c, func(b []byte) []byte { return appendReviewJSON(b, res) })
	// The answer is out: nothing refers to the request's strings or the
	// result now.
	bufs.release()
	results.Put(res)
	return err
}

// results holds reviews' results, whose checks are reused.
var results = sync.Pool{New: func() any { return new(review.Result) }}

// appendReviewJSON appends the JSON of the ReviewResponse for res, as
// encoding/json would write it (a test compares them).
func appendReviewJSON(b []byte, res *review.Result) []byte {
	b = append(b, `{"verdict":`...)
	b = appendString(b, res.Verdict)
	b = append(b, `,"score":`...)
	b = appendInt(b, res.Score)
	b = append(b, `,"checks":[`...)
	for i, ch := range res.Checks {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"id":`...)
		b = appendString(b, ch.ID)
		b = append(b, `,"checklist_item":`...)
		b = appendString(b, ch.ChecklistItem)
		b = append(b, `,"status":`...)
		b = appendString(b, string(ch.Status))
		b = append(b, `,"message":`...)
		b = appendString(b, ch.Message)
		b = append(b, `,"evidence":`...)
		b = appendString(b, ch.Evidence)
		b = append(b, '}')
	}
	b = append(b, `],"stats":{"characters":`...)
	b = appendInt(b, res.Stats.Characters)
	b = append(b, `,"words":`...)
	b = appendInt(b, res.Stats.Words)
	b = append(b, `,"sentences":`...)
	b = appendInt(b, res.Stats.Sentences)
	return append(b, "}}\n"...)
}
