package api

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/declinekit/declinekit/service/compose"
	"github.com/declinekit/declinekit/service/library"
	"github.com/declinekit/declinekit/service/review"
)

// draftResponseOf converts a draft to its DTO, the reference the hand
// encoder is held to.
func draftResponseOf(d *compose.Draft) DraftResponse {
	r := DraftResponse{
		Template:  TemplateRef{ID: d.TemplateID, Version: d.TemplateVersion},
		Channel:   string(d.Channel),
		Lang:      d.Lang,
		Subject:   d.Subject,
		Body:      d.Body,
		HTML:      d.HTML(),
		Mailto:    d.Mailto(),
		Checklist: make([]DraftChecklistEntry, len(d.Checklist)),
		Advice:    make([]DraftAdvice, len(d.Advice)),
		Stats:     DraftStats{Characters: d.Stats.Characters, Words: d.Stats.Words},
	}
	if d.FollowUp != nil {
		r.FollowUp = &Message{Subject: d.FollowUp.Subject, Body: d.FollowUp.Body}
	}
	if n := d.LinkedInNote; n != nil {
		r.LinkedInNote = &LinkedInNote{Text: n.Text, Characters: n.Characters, Limit: n.Limit}
	}
	for i, e := range d.Checklist {
		r.Checklist[i] = DraftChecklistEntry{ID: e.ID, Status: string(e.Status), Detail: e.Detail}
	}
	for i, a := range d.Advice {
		r.Advice[i] = DraftAdvice{Code: a.Code, Message: a.Message}
	}
	return r
}

// TestAppendDraftJSONMatchesEncodingJSON holds the hand encoder to what
// encoding/json writes for DraftResponse, over every template and values
// that need escaping.
func TestAppendDraftJSONMatchesEncodingJSON(t *testing.T) {
	lib, err := library.Load()
	if err != nil {
		t.Fatal(err)
	}
	c := compose.New(lib)
	asOf := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	interview := asOf.Add(5 * time.Hour)
	invited := asOf.Add(-100 * time.Hour)
	details := []compose.Details{
		{Company: "Northwind Analytics", Position: "Senior Backend Engineer", CandidateName: "Alex Moreno", RecruiterName: "Dana Whitfield", RecruiterEmail: "d@n.example"},
		{Company: "<Smith & Söhne> \"Q\"", Position: "R&D \u2028 lead\\", CandidateName: "Zoë 山田 🚀", RecruiterName: "", ReasonDetail: "Tab\there, bell\a, \xff bad byte"},
	}
	n := 0
	for _, tpl := range lib.All() {
		for _, det := range details {
			d, err := c.Compose(compose.Request{TemplateID: tpl.ID, Details: det, Options: compose.Options{
				KeepDoorOpen: true, ConnectOnLinkedIn: true, InterviewAt: &interview, InvitedAt: &invited, AsOf: asOf}})
			if err != nil {
				t.Fatal(err)
			}
			var want strings.Builder
			enc := json.NewEncoder(&want)
			if err := enc.Encode(draftResponseOf(d)); err != nil {
				t.Fatal(err)
			}
			if got := string(appendDraftJSON(nil, d)); got != want.String() {
				t.Fatalf("%s: appendDraftJSON =\n%s\nencoding/json =\n%s", tpl.ID, got, want.String())
			}
			n++
		}
	}
	for _, s := range []string{"", "plain", "\x00\x1f\x7f", "\b\f", "<>&", "\u2028\u2029", "\xff\xfe", "\xe2\x80", "é", "\"\\/"} {
		want, _ := json.Marshal(s)
		if got := appendString(nil, s); string(got) != string(want) {
			t.Errorf("appendString(%q) = %s, want %s", s, got, want)
		}
	}
	t.Logf("%d drafts encoded identically", n)
}

// TestAppendReviewJSONMatchesEncodingJSON holds the review encoder to
// encoding/json.
func TestAppendReviewJSONMatchesEncodingJSON(t *testing.T) {
	rv := review.New()
	for _, in := range []review.Input{
		{Channel: review.ChannelEmail, Subject: "Hi <there>", Message: "Dear Dana,\n\nThanks & regards — I decline. \"Quoted\" \u2028 [Your Name]\n\nBest,\nSam"},
		{Channel: review.ChannelLinkedInNote, Message: "NO!!! This is RIDICULOUS & unprofessional <b>"},
		{Channel: review.ChannelPhone, Message: "\xff bad bytes \t tab"},
	} {
		res := rv.Review(in)
		out := ReviewResponse{Verdict: res.Verdict, Score: res.Score, Checks: make([]ReviewCheck, len(res.Checks)),
			Stats: ReviewStats{Characters: res.Stats.Characters, Words: res.Stats.Words, Sentences: res.Stats.Sentences}}
		for i, ch := range res.Checks {
			out.Checks[i] = ReviewCheck{ID: ch.ID, ChecklistItem: ch.ChecklistItem, Status: string(ch.Status), Message: ch.Message, Evidence: ch.Evidence}
		}
		var want strings.Builder
		if err := json.NewEncoder(&want).Encode(out); err != nil {
			t.Fatal(err)
		}
		if got := string(appendReviewJSON(nil, &res)); got != want.String() {
			t.Errorf("appendReviewJSON =\n%s\nencoding/json =\n%s", got, want.String())
		}
	}
}
