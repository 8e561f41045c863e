package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/declinekit/declinekit/api"
	"github.com/declinekit/declinekit/client"
	"github.com/declinekit/declinekit/internal/config"
	"github.com/declinekit/declinekit/internal/logging"
)

// newClient serves the real handler on a loopback port and returns a
// generated client for it.
func newClient(t *testing.T) *client.ClientWithResponses {
	t.Helper()
	h, err := api.NewServer(config.Default(), logging.Discard())
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	c, err := client.NewClientWithResponses(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func ptr[T any](v T) *T { return &v }

func TestClientEndToEnd(t *testing.T) {
	ctx := context.Background()
	c := newClient(t)

	list, err := c.ListChecklistWithResponse(ctx, &client.ListChecklistParams{})
	if err != nil || list.JSON200 == nil || len(list.JSON200.Items) != 9 {
		t.Fatalf("ListChecklist = %v, %+v; want 9 items", err, list)
	}
	if list.JSON200.Items[0].Id != client.ChecklistItemIdReflect {
		t.Errorf("first item = %s, want reflect", list.JSON200.Items[0].Id)
	}

	item, err := c.GetChecklistItemWithResponse(ctx, client.GetChecklistItemParamsIdGiveBriefReason, nil)
	if err != nil || item.JSON200 == nil || !item.JSON200.Optional {
		t.Errorf("GetChecklistItem(give_brief_reason) = %v, %+v", err, item)
	}
	missing, err := c.GetChecklistItemWithResponse(ctx, "be_rude", nil)
	if err != nil || missing.StatusCode() != http.StatusNotFound || missing.ApplicationproblemJSON404 == nil || missing.ApplicationproblemJSON404.Status != 404 {
		t.Errorf("GetChecklistItem(be_rude) = %v, %d %+v; want a typed 404 problem", err, missing.StatusCode(), missing.ApplicationproblemJSON404)
	}

	templates, err := c.ListTemplatesWithResponse(ctx, &client.ListTemplatesParams{
		Channel: ptr(client.ListTemplatesParamsChannelPhone), Tone: ptr(client.ListTemplatesParamsToneBrief)})
	if err != nil || templates.JSON200 == nil || len(templates.JSON200.Items) != 10 {
		t.Fatalf("ListTemplates(phone, brief) = %v, %+v; want 10", err, templates)
	}
	tpl, err := c.GetTemplateWithResponse(ctx, templates.JSON200.Items[0].Id)
	if err != nil || tpl.JSON200 == nil || tpl.JSON200.FollowUp == nil || !strings.Contains(tpl.JSON200.Body, "{{") {
		t.Errorf("GetTemplate(%s) = %v, %+v; want a phone template with a follow-up", templates.JSON200.Items[0].Id, err, tpl.JSON200)
	}
	noTpl, err := c.GetTemplateWithResponse(ctx, "email.none.rude")
	if err != nil || noTpl.ApplicationproblemJSON404 == nil {
		t.Errorf("GetTemplate(email.none.rude) = %v, %d; want a typed 404", err, noTpl.StatusCode())
	}

	draft, err := c.CreateDraftWithResponse(ctx, client.DraftRequest{
		Channel: ptr(client.DraftRequestChannelEmail),
		Reason:  ptr(client.DraftRequestReasonAcceptedOtherOffer),
		Tone:    ptr(client.DraftRequestToneWarm),
		Details: client.DraftDetails{Company: "Northwind Analytics", Position: "Senior Backend Engineer", CandidateName: "Alex Moreno", RecruiterName: ptr("Dana Whitfield")},
		Options: &client.DraftOptions{ConnectOnLinkedin: ptr(true), AsOf: ptr(time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC))},
	})
	if err != nil || draft.JSON200 == nil {
		t.Fatalf("CreateDraft = %v, %d %s", err, draft.StatusCode(), draft.Body)
	}
	d := draft.JSON200
	if d.Template.Id != "email.accepted_other_offer.warm" || d.Subject == "" || d.LinkedinNote == nil || len(d.Checklist) != 9 {
		t.Errorf("CreateDraft = %+v", d)
	}

	subject := d.Subject
	rev, err := c.ReviewMessageWithResponse(ctx, client.ReviewRequest{
		Channel: client.ReviewRequestChannelEmail, Subject: &subject, Message: d.Body})
	if err != nil || rev.JSON200 == nil || rev.JSON200.Verdict != client.ReviewResponseVerdictReady || len(rev.JSON200.Checks) != 10 {
		t.Errorf("ReviewMessage(the draft) = %v, %d %s; want ready with ten checks", err, rev.StatusCode(), rev.Body)
	}
	note, err := c.ReviewMessageWithResponse(ctx, client.ReviewRequest{
		Channel: client.ReviewRequestChannelLinkedinNote, Message: d.LinkedinNote.Text})
	if err != nil || note.JSON200 == nil || note.JSON200.Verdict != client.ReviewResponseVerdictReady {
		t.Errorf("ReviewMessage(the note) = %v, %d %s; want ready", err, note.StatusCode(), note.Body)
	}
	badReview, err := c.ReviewMessageWithResponse(ctx, client.ReviewRequest{Channel: "fax", Message: "hi"})
	if err != nil || badReview.ApplicationproblemJSON422 == nil {
		t.Errorf("ReviewMessage(channel fax) = %v, %d; want a typed 422", err, badReview.StatusCode())
	}

	bad, err := c.CreateDraftWithResponse(ctx, client.DraftRequest{Details: client.DraftDetails{Company: "Acme"}})
	if err != nil || bad.ApplicationproblemJSON422 == nil || bad.ApplicationproblemJSON422.Errors == nil || len(*bad.ApplicationproblemJSON422.Errors) != 2 {
		t.Fatalf("CreateDraft without position and name = %v, %d %s; want a typed 422 naming 2 fields", err, bad.StatusCode(), bad.Body)
	}
	for _, f := range *bad.ApplicationproblemJSON422.Errors {
		if f.Field != "details.position" && f.Field != "details.candidate_name" {
			t.Errorf("422 names %s", f.Field)
		}
	}
}
