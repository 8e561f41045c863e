package compose

import (
	"fmt"

	"github.com/declinekit/declinekit/service/checklist"
	"github.com/declinekit/declinekit/service/library"
)

// Status says how a draft stands against one checklist item.
type Status string

// The statuses of a checklist entry.
const (
	// Met: the message does what the item asks.
	Met Status = "met"
	// Omitted: the message leaves the item out, by choice or because it is
	// optional.
	Omitted Status = "omitted"
	// AdviceStatus: the item is about what the candidate does, not the
	// text; the detail says what to do.
	AdviceStatus Status = "advice"
	// NotApplicable: the item does not apply to this draft.
	NotApplicable Status = "not_applicable"
)

// ChecklistEntry reports a draft against one checklist item.
type ChecklistEntry struct {
	ID     string
	Status Status
	Detail string
}

// Advice is a piece of advice about sending the draft.
type Advice struct {
	Code    string
	Message string
}

// The advice codes.
const (
	AdviceCallFirst         = "call_first"
	AdviceLateReply         = "late_reply"
	AdviceFollowUpInWriting = "follow_up_in_writing"
	AdviceNoteShortened     = "linkedin_note_shortened"
	AdviceNameTheRecruiter  = "name_the_recruiter"
	AdviceReviewInline      = "review_your_template"
)

// checklistFor appends the nine checklist entries of a draft to e.
func checklistFor(e []ChecklistEntry, ch chosen, req Request, t timing, hasNote bool) []ChecklistEntry {
	inline := ch.inline != nil
	add := func(id string, s Status, detail string) {
		e = append(e, ChecklistEntry{ID: id, Status: s, Detail: detail})
	}

	add(checklist.Reflect, AdviceStatus, "Be sure of your reason before you send this; a decline is hard to take back.")

	switch {
	case t.shortNotice:
		add(checklist.RespondPromptly, AdviceStatus, "The interview is less than a day away: call the recruiter now, then send this as written confirmation.")
	case t.lateReply && !inline:
		add(checklist.RespondPromptly, Met, "The invitation is some days old, so the message thanks them for their patience. Send it today.")
	default:
		add(checklist.RespondPromptly, AdviceStatus, "Send it as soon as you have decided, so they can offer the slot to someone else.")
	}

	if inline {
		add(checklist.BeHonest, AdviceStatus, "Your own template: make sure it says plainly that you are declining.")
		add(checklist.ExpressGratitude, AdviceStatus, "Your own template: make sure it thanks them for the invitation.")
	} else {
		add(checklist.BeHonest, Met, "The message declines plainly, with no hint that you might still attend.")
		add(checklist.ExpressGratitude, Met, "The message thanks them for the invitation and their time.")
	}

	switch {
	case inline:
		add(checklist.KeepDoorOpen, AdviceStatus, "Your own template: add a sentence about future roles if you would welcome them.")
	case req.Options.KeepDoorOpen:
		add(checklist.KeepDoorOpen, Met, "The message says you would welcome hearing about future roles.")
	default:
		add(checklist.KeepDoorOpen, Omitted, "Left out as asked (options.keep_door_open is false).")
	}

	switch {
	case ch.channel == library.Phone && inline:
		add(checklist.UseProfessionalChannel, AdviceStatus, "After the call, confirm in writing: compose an email draft with the same details.")
	case ch.channel == library.Phone:
		add(checklist.UseProfessionalChannel, Met, "A call, followed by the written confirmation in follow_up.")
	case t.shortNotice:
		add(checklist.UseProfessionalChannel, AdviceStatus, "With so little notice, a call reaches them in time; send this afterwards.")
	case ch.channel == library.LinkedIn:
		add(checklist.UseProfessionalChannel, AdviceStatus, "Use LinkedIn if that is where the recruiter invited you; otherwise email is better.")
	default:
		add(checklist.UseProfessionalChannel, Met, "Email leaves a written record and interrupts no one.")
	}

	switch {
	case req.Details.ReasonDetail != "" && !inline:
		add(checklist.GiveBriefReason, Met, "Your own one-sentence reason is included.")
	case inline:
		add(checklist.GiveBriefReason, AdviceStatus, "Your own template: keep any reason to one short sentence.")
	case ch.reason == library.None:
		add(checklist.GiveBriefReason, Omitted, "No reason is given; that is fine, a reason is optional.")
	default:
		add(checklist.GiveBriefReason, Met, "The reason takes one short, professional sentence.")
	}

	if inline {
		add(checklist.BeCourteous, AdviceStatus, "Your own template: keep a greeting, a courteous tone and a sign-off with your name.")
	} else {
		add(checklist.BeCourteous, Met, "A greeting, a courteous tone and a sign-off with your name.")
	}

	if hasNote {
		add(checklist.MaintainConnections, Met, "A personal LinkedIn connection note is included in linkedin_note.")
	} else {
		add(checklist.MaintainConnections, AdviceStatus, "To stay in touch, connect with the recruiter on LinkedIn (set options.connect_on_linkedin for a note).")
	}
	return e
}

// adviceFor appends the advice for a draft to a.
func adviceFor(a []Advice, ch chosen, req Request, t timing, shortened bool) []Advice {
	if t.shortNotice {
		hours := int(t.untilInterview.Hours())
		when := fmt.Sprintf("in %d hours", hours)
		if hours < 1 {
			when = "within the hour"
		}
		a = append(a, Advice{AdviceCallFirst, "The interview is " + when + ": call the recruiter first so the slot is freed in time, then send this message as written confirmation."})
	}
	if t.lateReply {
		days := int(t.sinceInvite.Hours() / 24)
		msg := fmt.Sprintf("The invitation is %d days old: reply today.", days)
		if ch.inline == nil {
			msg += " The message thanks them for their patience."
		} else {
			msg += " Consider thanking them for their patience."
		}
		a = append(a, Advice{AdviceLateReply, msg})
	}
	switch {
	case ch.channel == library.Phone && ch.inline != nil:
		a = append(a, Advice{AdviceFollowUpInWriting, "After the call, confirm in writing the same day: compose an email draft with the same details."})
	case ch.channel == library.Phone:
		a = append(a, Advice{AdviceFollowUpInWriting, "After the call, send the follow-up email the same day so there is a written record."})
	}
	if shortened {
		a = append(a, Advice{AdviceNoteShortened, "The fuller connection note was over the limit, so a shorter one is used."})
	}
	if req.Details.RecruiterName == "" {
		a = append(a, Advice{AdviceNameTheRecruiter, "The message greets the hiring team; use the recruiter's name if you know it."})
	}
	if ch.inline != nil {
		a = append(a, Advice{AdviceReviewInline, "Run your message through POST /checklist/review before sending it."})
	}
	return a
}
