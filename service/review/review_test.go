package review_test

import (
	"errors"
	"reflect"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/declinekit/declinekit/service"
	"github.com/declinekit/declinekit/service/review"
)

var reviewer = review.New()

// good is a complete, courteous decline; cases change one thing in it.
const good = `Hi Dana,

Thank you for inviting me to interview for the Backend Engineer role. I've accepted another offer, so I must withdraw from the process. I'd love to stay in touch.

Best regards,
Alex Kim`

type checkCase struct {
	name  string
	give  review.Input
	check string
	want  review.Status
}

func email(msg string) review.Input {
	return review.Input{Channel: review.ChannelEmail, Subject: "Backend Engineer interview", Message: msg}
}

func channel(c review.Channel, msg string) review.Input {
	return review.Input{Channel: c, Message: msg}
}

func runChecks(t *testing.T, cases []checkCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := reviewer.Review(tc.give)
			c := find(t, res, tc.check)
			if c.Status != tc.want {
				t.Errorf("Review(%q) check %s = %s, want %s\nmessage: %s\nevidence: %q", tc.give.Message, tc.check, c.Status, tc.want, c.Message, c.Evidence)
			}
		})
	}
}

func find(t *testing.T, res review.Result, id string) review.Check {
	t.Helper()
	for _, c := range res.Checks {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("Review result has no check %s", id)
	return review.Check{}
}

func TestGoodMessageIsReady(t *testing.T) {
	res := reviewer.Review(email(good))
	if res.Verdict != review.VerdictReady || res.Score != 100 {
		t.Errorf("Review(good) = %s, %d; want ready, 100\n%+v", res.Verdict, res.Score, res.Checks)
	}
}

func TestPlaceholders(t *testing.T) {
	const id = review.CheckPlaceholdersFilled
	runChecks(t, []checkCase{
		{"ok, filled", email(good), id, review.StatusPass},
		{"nok, seed label with curly apostrophe", email("Dear [Recruiter’s Name],\n" + good), id, review.StatusFail},
		{"nok, seed label with straight apostrophe", email(strings.Replace(good, "Dana", "[Recruiter's Name]", 1)), id, review.StatusFail},
		{"nok, company label", email(strings.Replace(good, "Backend Engineer", "[Position] at [Company]", 1)), id, review.StatusFail},
		{"nok, lower-case keyword", email(strings.Replace(good, "Alex Kim", "[your name]", 1)), id, review.StatusFail},
		{"nok, capitals", email(strings.Replace(good, "Dana", "[FIRST NAME]", 1)), id, review.StatusFail},
		{"nok, double-brace token", email(strings.Replace(good, "Dana", "{{ recruiter_name }}", 1)), id, review.StatusFail},
		{"nok, single-brace label", email(strings.Replace(good, "Dana", "{Recruiter}", 1)), id, review.StatusFail},
		{"nok, angle label", email(strings.Replace(good, "Dana", "<Name>", 1)), id, review.StatusFail},
		{"nok, merge tag", email(strings.Replace(good, "Dana", "%FIRST_NAME%", 1)), id, review.StatusFail},
		{"nok, snake-case merge field", email(strings.Replace(good, "Dana", "{first_name}", 1)), id, review.StatusFail},
		{"nok, mailchimp tag", email(strings.Replace(good, "Dana", "*|FNAME|*", 1)), id, review.StatusFail},
		{"nok, XXX", email(strings.Replace(good, "Dana", "XXX", 1)), id, review.StatusFail},
		{"nok, placeholder in subject only", review.Input{Channel: review.ChannelEmail, Subject: "Interview – [Your Name]", Message: good}, id, review.StatusFail},
		{"ok, subject placeholder ignored for LinkedIn", review.Input{Channel: review.ChannelLinkedIn, Subject: "[Your Name]", Message: good}, id, review.StatusPass},
		{"ok, markdown link", email(strings.Replace(good, "role.", "role ([posting](https://example.com/job)).", 1)), id, review.StatusPass},
		{"ok, footnote", email(strings.Replace(good, "role.", "role[1].", 1)), id, review.StatusPass},
		{"ok, sic", email(strings.Replace(good, "role.", "role [sic].", 1)), id, review.StatusPass},
		{"ok, e-mail address in angles", email(good + "\n<alex.kim@example.com>"), id, review.StatusPass},
		{"ok, gmail quoted-text marker", email(good + "\n[Quoted text hidden]"), id, review.StatusPass},
		{"ok, image marker", email(good + "\n[image: Acme logo]"), id, review.StatusPass},
		{"ok, checkbox", email(good + "\n[x] done"), id, review.StatusPass},
		{"ok, stage direction", channel(review.ChannelPhone, "Hi Dana, it's Alex. [pause] Thanks again, I must decline. Bye."), id, review.StatusPass},
		{"ok, placeholder inside a quoted reply", email(good + "\n\nOn Tue, 3 Mar 2026 at 10:00, Dana <dana@x.com> wrote:\n> Dear [Candidate Name],"), id, review.StatusPass},
		{"ok, kisses in lower case", email(good + " xxx"), id, review.StatusPass},
	})
}

func TestGreeting(t *testing.T) {
	const id = review.CheckGreeting
	body := "\n\nThank you for the invitation. I must decline. Best regards,\nAlex"
	runChecks(t, []checkCase{
		{"ok, dear", email("Dear Ms. Smith," + body), id, review.StatusPass},
		{"ok, hi", email("Hi Dana," + body), id, review.StatusPass},
		{"ok, hello on its own", email("Hello," + body), id, review.StatusPass},
		{"ok, good morning", email("Good morning Dana," + body), id, review.StatusPass},
		{"ok, hey", email("Hey Dana!" + body), id, review.StatusPass},
		{"ok, name and comma", email("Dana," + body), id, review.StatusPass},
		{"ok, team and comma", email("Hiring Team," + body), id, review.StatusPass},
		{"ok, to whom it may concern", email("To whom it may concern," + body), id, review.StatusPass},
		{"ok, spoken filler before hello", channel(review.ChannelPhone, "Um, hello, Alex here. Thanks, but I must decline. Bye."), id, review.StatusPass},
		{"ok, right, good morning", channel(review.ChannelPhone, "Right, good morning Dana, Alex here. Thanks, but I must decline. Bye."), id, review.StatusPass},
		{"nok, filler alone", channel(review.ChannelPhone, "Yeah, so I must decline. Thanks. Bye."), id, review.StatusWarn},
		{"ok, after a Subject line", email("Subject: Interview\n\nDear Dana," + body), id, review.StatusPass},
		{"nok, starts with thanks", email("Thank you for the invitation. I must decline."), id, review.StatusWarn},
		{"nok, starts with an adverb and comma", email("Unfortunately, I must decline."), id, review.StatusWarn},
		{"nok, empty", email(""), id, review.StatusWarn},
	})
}

func TestGratitude(t *testing.T) {
	const id = review.CheckGratitude
	runChecks(t, []checkCase{
		{"ok, thank you", email("Thank you for the invitation."), id, review.StatusPass},
		{"ok, appreciate", email("I appreciate the invitation."), id, review.StatusPass},
		{"ok, grateful", email("I'm grateful for your time."), id, review.StatusPass},
		{"ok, british cheers for", email("Cheers for the invite."), id, review.StatusPass},
		{"ok, can't thank you enough", email("I can’t thank you enough."), id, review.StatusPass},
		{"ok, sign-off thanks", email("I must decline.\n\nThanks,\nAlex"), id, review.StatusPass},
		{"nok, none", email("I must decline."), id, review.StatusFail},
		{"nok, no thanks", email("No thanks."), id, review.StatusFail},
		{"nok, thanks but no thanks", email("Thanks but no thanks."), id, review.StatusFail},
		{"nok, thanks for nothing", email("Thanks for nothing."), id, review.StatusFail},
		{"nok, thankfully", email("Thankfully I found another job, so I will decline."), id, review.StatusFail},
		{"nok, don't appreciate", email("I don't appreciate being kept waiting."), id, review.StatusFail},
		{"ok, ta very much", email("Ta very much, but I must decline."), id, review.StatusPass},
		{"ok, valued your advice", email("We always valued your advice, but I must decline."), id, review.StatusPass},
		{"ok, humbled", email("I felt humbled to be asked, but I must decline."), id, review.StatusPass},
		{"ok, lovely of you", email("It was lovely of you to ask, but I must decline."), id, review.StatusPass},
		{"ok, thanks to a person", email("Thanks to the whole panel for their time. I must decline."), id, review.StatusPass},
		{"nok, causal thanks to", email("Thanks to the recent restructuring, I have taken another job."), id, review.StatusFail},
		{"nok, thanks largely to", email("Thanks largely to the commute, I must decline."), id, review.StatusFail},
		{"nok, value negated", email("I do not value how this was handled."), id, review.StatusFail},
	})
}

func TestClearDecline(t *testing.T) {
	const id = review.CheckClearDecline
	runChecks(t, []checkCase{
		{"ok, decline", email("I must respectfully decline the interview."), id, review.StatusPass},
		{"ok, withdraw", email("I would like to withdraw my application."), id, review.StatusPass},
		{"ok, won't be moving forward", email("I won’t be moving forward with the process."), id, review.StatusPass},
		{"ok, not be able to attend", email("I will not be able to attend the interview."), id, review.StatusPass},
		{"ok, pass on", email("I'll pass on this opportunity."), id, review.StatusPass},
		{"ok, must turn down", email("I must turn down your kind invitation."), id, review.StatusPass},
		{"ok, turn it down", email("I'm going to turn it down."), id, review.StatusPass},
		{"ok, no longer pursuing", email("I am no longer pursuing new roles."), id, review.StatusPass},
		{"ok, no longer available", email("I'm no longer available for interviews."), id, review.StatusPass},
		{"ok, accepted another offer", email("I've accepted another offer."), id, review.StatusPass},
		{"ok, bow out", email("I'll have to bow out of the process."), id, review.StatusPass},
		{"ok, no choice but", email("I have no choice but to withdraw."), id, review.StatusPass},
		{"ok, conditional clause reset by but", email("If I could, I would attend, but I must decline."), id, review.StatusPass},
		{"ok, polite if", email("If possible, I'd like to withdraw my application."), id, review.StatusPass},
		{"ok, cancel with a reason", email("I need to cancel our interview as I have accepted a position elsewhere."), id, review.StatusPass},
		{"ok, strong decline wins over another time", email("I must decline. Maybe another time."), id, review.StatusPass},
		{"nok, nothing", email("Thanks for the invitation."), id, review.StatusFail},
		{"nok, maybe another time", email("Maybe another time."), id, review.StatusFail},
		{"nok, might not be able to", email("I might not be able to attend."), id, review.StatusFail},
		{"nok, not sure I can make it", email("I'm not sure I can make it."), id, review.StatusFail},
		{"nok, can we reschedule", email("I can't make it on Monday. Can we reschedule?"), id, review.StatusFail},
		{"nok, don't want to decline", email("I don't want to decline."), id, review.StatusFail},
		{"nok, if I have to decline", email("If I have to decline, I will tell you."), id, review.StatusFail},
		{"nok, conditional after comma", email("If the date can't move, I'll have to decline."), id, review.StatusFail},
		{"nok, would have to", email("I would have to withdraw."), id, review.StatusFail},
		{"nok, question", email("Should I withdraw my application?"), id, review.StatusFail},
		{"nok, considering", email("I am considering withdrawing my application."), id, review.StatusFail},
		{"nok, leaning towards", email("I'm leaning towards declining."), id, review.StatusFail},
		{"nok, pass on thanks", email("Please pass on my thanks to the team."), id, review.StatusFail},
		{"nok, decline only in quoted reply", email("Thanks!\n\nOn Mon, 2 Mar 2026, Dana <d@x.com> wrote:\n> You may decline."), id, review.StatusFail},
		{"nok, decline only in quoted lines", email("Thanks!\n> I must decline"), id, review.StatusFail},
		{"n/a, linkedin note", channel(review.ChannelLinkedInNote, "Hi Dana, thanks again. Best, Alex"), id, review.StatusNotApplicable},
		{"ok, bare no after but", email("Kind of you, but no."), id, review.StatusPass},
		{"ok, so no", email("So, sadly, no."), id, review.StatusPass},
		{"ok, a no from us", email("That is a firm no from us."), id, review.StatusPass},
		{"ok, answer is no", email("My answer has to be no."), id, review.StatusPass},
		{"ok, not this time", email("Thanks, but not this time."), id, review.StatusPass},
		{"ok, pull out", email("I have to pull out of the interview."), id, review.StatusPass},
		{"ok, back out", email("Sorry, I'm backing out of it."), id, review.StatusPass},
		{"ok, give it a miss", email("I'll give this one a miss."), id, review.StatusPass},
		{"ok, skip the interview", email("I'll be skipping Friday's panel interview."), id, review.StatusPass},
		{"ok, step away", email("I've decided to step away."), id, review.StatusPass},
		{"ok, not doing the interview", email("I will not be doing the second interview."), id, review.StatusPass},
		{"ok, not going to move forward", email("I am not going to be moving forward."), id, review.StatusPass},
		{"ok, opted not to", email("I've opted not to continue."), id, review.StatusPass},
		{"ok, chosen not to", email("We have chosen not to proceed any further."), id, review.StatusPass},
		{"ok, made the decision not to", email("I've made the decision not to proceed."), id, review.StatusPass},
		{"ok, not interested anymore", email("thanks but not interested any more"), id, review.StatusPass},
		{"ok, not interested at this point", email("I'm not interested at this point."), id, review.StatusPass},
		{"ok, prefer not to proceed", email("I'd prefer not to proceed."), id, review.StatusPass},
		{"ok, not for me", email("This role isn't for me."), id, review.StatusPass},
		{"nok, reversed decline", email("I was about to decline, but I will come to the panel after all."), id, review.StatusFail},
		{"nok, had planned to decline", email("I had planned to decline, but I'll come on Monday."), id, review.StatusFail},
		{"nok, considered withdrawing", email("I considered withdrawing, but I'm still in."), id, review.StatusFail},
		{"nok, no worries", email("No worries, Monday works."), id, review.StatusFail},
		{"nok, no then a yes", email("No, Thursday is fine."), id, review.StatusFail},
		{"nok, oh no", email("Oh no, I'm sorry to hear that. Tuesday works."), id, review.StatusFail},
		{"nok, a step back to think", email("I took a step back and I'm still keen."), id, review.StatusFail},
		{"nok, not for me to say", email("It's not for me to say."), id, review.StatusFail},
	})
}

func TestBriefReason(t *testing.T) {
	const id = review.CheckBriefReason
	runChecks(t, []checkCase{
		{"ok, no reason", email(good), id, review.StatusPass},
		{"ok, one reason", email("Hi Dana,\n\nThanks. I've accepted another offer because it is closer to home, so I must decline.\n\nBest,\nAlex"), id, review.StatusPass},
		{"ok, two apologies", email("Sorry for the delay. I must decline, and I apologise for the short notice."), id, review.StatusPass},
		{"nok, three apologies", email("Sorry for the delay. I'm sorry, but I must decline. I apologise for any trouble."), id, review.StatusWarn},
		{"nok, long story in one paragraph after the greeting", channel(review.ChannelPhone, "Hi Dana, it's Alex. Thanks. I'm going to withdraw. Basically, our landlord is selling up. We have to move by June. My son starts a new school then as well. And my boss has just offered me a promotion. Bye."), id, review.StatusWarn},
		{"ok, a recommendation is not a reason", email("Hi Dana,\n\nThanks. I've accepted another offer, so I must decline.\n\nI'd like to suggest a former colleague. She led our data team for five years. She is calm and thorough. She has said she is open to a move.\n\nBest,\nAlex"), id, review.StatusPass},
		{"ok, compliments are not a reason", email("Hi Dana,\n\nThanks. I've accepted another offer, so I must decline.\n\nYour product is lovely. The office looked great. The panel asked sharp questions.\n\nBest,\nAlex"), id, review.StatusPass},
		{"nok, long story", email("Thanks. My partner got a job in Leeds last month. We have been debating the move for weeks. My mum has also been unwell. The commute from Leeds would take two hours. My manager offered me a raise. So I must decline."), id, review.StatusWarn},
	})
}

func TestDoorOpen(t *testing.T) {
	const id = review.CheckDoorOpen
	runChecks(t, []checkCase{
		{"ok, stay in touch", email("I'd love to stay in touch."), id, review.StatusPass},
		{"ok, future opportunities", email("Please consider me for future opportunities."), id, review.StatusPass},
		{"ok, keep me in mind", email("Please keep me in mind."), id, review.StatusPass},
		{"ok, connect", email("I'd be glad to connect on LinkedIn."), id, review.StatusPass},
		{"ok, cross paths", email("I hope our paths cross again."), id, review.StatusPass},
		{"ok, british bear me in mind", email("Do bear me in mind for anything similar."), id, review.StatusPass},
		{"nok, nothing", email("I must decline."), id, review.StatusWarn},
		{"nok, negated", email("Please don't keep my details on file."), id, review.StatusWarn},
		{"nok, not interested in future roles", email("I'm not interested in future roles."), id, review.StatusWarn},
		{"nok, another time to reschedule", email("Could we find another time?"), id, review.StatusWarn},
		{"nok, my future role", email("My future role starts in May."), id, review.StatusWarn},
		{"ok, speak again", email("I hope we can speak again down the line."), id, review.StatusPass},
		{"ok, glad in the new year", email("Should things change in the new year, I would be glad to hear from you."), id, review.StatusPass},
		{"ok, give me a shout", email("Give me a shout if anything comes up."), id, review.StatusPass},
		{"nok, someone else is open to", email("My colleague, who is open to new roles, asked me to mention her."), id, review.StatusWarn},
		{"nok, next time inside a put-down", email("Perhaps next time check the profile before you phone."), id, review.StatusWarn},
		{"nok, next week is a reschedule", email("I'd be happy to chat next week instead."), id, review.StatusWarn},
		{"nok, only in the signature", email("I must decline.\n\nBest,\nAlex\nConnect with me: linkedin.com/in/alex"), id, review.StatusWarn},
	})
}

func TestCourteous(t *testing.T) {
	const id = review.CheckCourteous
	runChecks(t, []checkCase{
		{"ok, plain", email(good), id, review.StatusPass},
		{"ok, acronyms", email("I'm joining the AI team at an AWS partner in NYC, so I must decline the SQL role; HR knows."), id, review.StatusPass},
		{"ok, one emphatic word", email("I am NOT able to attend, sorry."), id, review.StatusPass},
		{"ok, self-directed feeling", email("I feel terrible about declining the interview."), id, review.StatusPass},
		{"ok, polite waste of your time", email("I don't want to waste your time, so I'll withdraw."), id, review.StatusPass},
		{"ok, polite not to ghost", email("I didn't want to ghost you, so I'm writing to decline."), id, review.StatusPass},
		{"ok, unprofessional of me", email("It would be unprofessional of me not to reply."), id, review.StatusPass},
		{"ok, single exclamation", email("Thanks so much!"), id, review.StatusPass},
		{"ok, good luck with the search", email("Good luck with your search!"), id, review.StatusPass},
		{"nok, waste of my time", email("Frankly, your process was a waste of my time."), id, review.StatusFail},
		{"nok, expected better", email("I expected better from a company like yours."), id, review.StatusFail},
		{"nok, no offence british", email("No offence, but the salary is low."), id, review.StatusFail},
		{"nok, unprofessional", email("Your recruiter was unprofessional."), id, review.StatusFail},
		{"nok, ridiculous", email("Four rounds is ridiculous."), id, review.StatusFail},
		{"nok, lowball", email("That was a low-ball offer."), id, review.StatusFail},
		{"nok, clearly you", email("Clearly you didn't read my CV."), id, review.StatusFail},
		{"nok, good luck finding someone", email("Good luck finding someone."), id, review.StatusFail},
		{"nok, profanity", email("The interview was a damn mess."), id, review.StatusFail},
		{"nok, directed complaint", email("The interview process was exhausting."), id, review.StatusFail},
		{"nok, adjective before target", email("After a frustrating interview, I withdraw."), id, review.StatusFail},
		{"nok, shouting run", email("I AM NOT INTERESTED."), id, review.StatusFail},
		{"nok, shouting long words", email("PLEASE STOP."), id, review.StatusFail},
		{"nok, double exclamation", email("I must decline!!"), id, review.StatusFail},
		{"ok, double exclamation on thanks", email("Thanks so much!! I must decline."), id, review.StatusPass},
		{"nok, double exclamation after a greeting", email("Hi Sam, I am not interested!!"), id, review.StatusFail},
		{"nok, triple exclamation on thanks", email("Thanks so much!!! I must decline."), id, review.StatusFail},
		{"nok, somebody with lower standards", email("The post is better for somebody with lower standards."), id, review.StatusFail},
		{"nok, candidates prepared to take a pay cut", email("No doubt there are candidates prepared to take a pay cut."), id, review.StatusFail},
		{"nok, one that actually replies", email("My new employer is one that actually replies to people."), id, review.StatusFail},
		{"nok, a firm that pays fairly", email("I prefer a firm that pays fairly."), id, review.StatusFail},
		{"nok, hoped for better", email("To be frank, I had hoped for better."), id, review.StatusFail},
		{"nok, nothing screams like", email("Nothing screams candidate care quite like three cancelled calls."), id, review.StatusFail},
		{"nok, sarcastic praise after a count", email("Five panels and a weekend take-home. Very considerate."), id, review.StatusFail},
		{"ok, sincere praise", email("I loved the demo — truly impressive."), id, review.StatusPass},
		{"nok, bless your heart", email("Bless their hearts."), id, review.StatusFail},
		{"nok, scare quotes", email("Your “competitive” salary is not."), id, review.StatusFail},
		{"ok, a quoted title", email("I must decline the “Senior Analyst” role."), id, review.StatusPass},
		{"ok, a longer quotation", email("You told me \"the process takes a while\", and I understand."), id, review.StatusPass},
		{"nok, pestering me", email("Your firm keeps pestering me about contracts."), id, review.StatusFail},
		{"nok, agencies like yours", email("Agencies like yours give hiring a bad name."), id, review.StatusFail},
		{"nok, obviously did not", email("Your team obviously did not open my portfolio."), id, review.StatusFail},
		{"nok, the manager seemed distracted", email("Your hiring manager seemed distracted throughout."), id, review.StatusFail},
		{"ok, not willing to accept less myself", email("I can't accept less than my current salary."), id, review.StatusPass},
		{"nok, interrobang", email("Four rounds?!"), id, review.StatusFail},
		{"nok, comparative put-down", email("I hope the next candidate is shown more respect than I was."), id, review.StatusFail},
		{"nok, treat others better", email("I hope you treat future applicants better than this."), id, review.StatusFail},
	})
}

func TestSignOff(t *testing.T) {
	const id = review.CheckSignOff
	runChecks(t, []checkCase{
		{"ok, closing then name", email("Hi Dana,\nI must decline.\nBest regards,\nAlex Kim"), id, review.StatusPass},
		{"ok, inline", email("Hi Dana,\nI must decline.\nCheers, Alex"), id, review.StatusPass},
		{"ok, end of paragraph", channel(review.ChannelLinkedIn, "Hi Dana, thanks, but I must decline. Best, Alex"), id, review.StatusPass},
		{"ok, with signature", email("Hi Dana,\nI must decline.\nKind regards,\nAlex Kim\nEngineer | Acme\n+1 555 0100"), id, review.StatusPass},
		{"ok, thank-you line", email("Hi Dana,\nI must decline.\nThank you for your time and consideration,\nAlex"), id, review.StatusPass},
		{"ok, closing with a continuation", email("Hi Dana,\nI must decline.\nWith warm regards and thanks again,\nAlex"), id, review.StatusPass},
		{"ok, phone goodbye", channel(review.ChannelPhone, "Hi Dana, it's Alex. I must decline. Thanks again, goodbye."), id, review.StatusPass},
		{"ok, phone have a great day", channel(review.ChannelPhone, "Hi Dana, it's Alex. I must decline. Have a great day!"), id, review.StatusPass},
		{"ok, dash name", email("Hi Dana,\nI must decline.\n– Alex"), id, review.StatusPass},
		{"ok, unlisted closing", email("Hi Dana,\nI must decline.\nTa,\nAlex"), id, review.StatusPass},
		{"ok, name over a signature", email("Hi Dana,\nI must decline.\n\nAlex Kim\nEngineer, Acme\n+1 555 0100"), id, review.StatusPass},
		{"ok, name ends a note", channel(review.ChannelLinkedInNote, "Hi Dana, thanks again. Let's stay in touch. Alex"), id, review.StatusPass},
		{"ok, dash name ends a note", channel(review.ChannelLinkedInNote, "Hi Dana, thanks again, let's stay in touch – Alex"), id, review.StatusPass},
		{"ok, name and kisses", email("Hi Dana,\nI must decline.\nAlex xx"), id, review.StatusPass},
		{"nok, a capitalised wish", email("Hi Dana,\nI must decline.\nHappy Holidays!"), id, review.StatusWarn},
		{"nok, shouted last words", email("Hi Dana, I must decline. PLEASE STOP."), id, review.StatusWarn},
		{"nok, none", email("Hi Dana,\nI must decline."), id, review.StatusWarn},
		{"nok, closing without name", email("Hi Dana,\nI must decline.\nBest regards,"), id, review.StatusWarn},
		{"ok, name alone after the body", email("Hi Dana,\nI must decline.\nAlex"), id, review.StatusPass},
		{"nok, best of luck sentence is not a closing", email("Hi Dana,\nI must decline.\nBest of luck with the search, I hope it goes well for everyone involved there"), id, review.StatusWarn},
		{"nok, phone without goodbye", channel(review.ChannelPhone, "Hi Dana, it's Alex. I must decline."), id, review.StatusWarn},
	})
}

func TestLength(t *testing.T) {
	const id = review.CheckLength
	note := func(n int) string { return strings.Repeat("é", n) }
	words := func(n int) string { return strings.TrimSpace(strings.Repeat("word ", n)) }
	runChecks(t, []checkCase{
		{"ok, free note at 200", channel(review.ChannelLinkedInNote, note(200)), id, review.StatusPass},
		{"nok, free note at 201", channel(review.ChannelLinkedInNote, note(201)), id, review.StatusFail},
		{"ok, free is the default tier", review.Input{Channel: review.ChannelLinkedInNote, LinkedInTier: "", Message: note(200)}, id, review.StatusPass},
		{"ok, premium note at 300", review.Input{Channel: review.ChannelLinkedInNote, LinkedInTier: review.TierPremium, Message: note(300)}, id, review.StatusPass},
		{"nok, premium note at 301", review.Input{Channel: review.ChannelLinkedInNote, LinkedInTier: review.TierPremium, Message: note(301)}, id, review.StatusFail},
		{"ok, surrounding space not counted", channel(review.ChannelLinkedInNote, "\n  "+note(200)+"  \n"), id, review.StatusPass},
		{"ok, message at 2000", channel(review.ChannelLinkedIn, note(2000)), id, review.StatusPass},
		{"nok, message at 2001", channel(review.ChannelLinkedIn, note(2001)), id, review.StatusFail},
		{"ok, email at 250 words", email(words(250)), id, review.StatusPass},
		{"nok, email at 251 words", email(words(251)), id, review.StatusWarn},
		{"ok, quoted reply not counted", email(words(200) + "\n\nOn Mon, 2 Mar 2026, Dana wrote:\n> " + words(200)), id, review.StatusPass},
		{"n/a, phone", channel(review.ChannelPhone, words(1000)), id, review.StatusNotApplicable},
	})
}

func TestSubject(t *testing.T) {
	const id = review.CheckSubject
	runChecks(t, []checkCase{
		{"ok, present", email(good), id, review.StatusPass},
		{"ok, in the message", review.Input{Channel: review.ChannelEmail, Message: "Subject: Interview\n\n" + good}, id, review.StatusPass},
		{"nok, missing", review.Input{Channel: review.ChannelEmail, Message: good}, id, review.StatusWarn},
		{"nok, blank", review.Input{Channel: review.ChannelEmail, Subject: " \t", Message: good}, id, review.StatusWarn},
		{"nok, line feed", review.Input{Channel: review.ChannelEmail, Subject: "Interview\nBcc: x@y.z", Message: good}, id, review.StatusFail},
		{"nok, carriage return", review.Input{Channel: review.ChannelEmail, Subject: "Interview\r", Message: good}, id, review.StatusFail},
		{"n/a, linkedin", review.Input{Channel: review.ChannelLinkedIn, Subject: "x\ny", Message: good}, id, review.StatusNotApplicable},
		{"n/a, phone", channel(review.ChannelPhone, good), id, review.StatusNotApplicable},
		{"ok, unknown channel reviewed as email", review.Input{Channel: "fax", Subject: "Interview", Message: good}, id, review.StatusPass},
	})
}

// TestResultShape checks what every result promises, whatever the input.
func TestResultShape(t *testing.T) {
	inputs := []review.Input{
		email(good),
		email(""),
		channel(review.ChannelPhone, "Bye."),
		channel(review.ChannelLinkedInNote, strings.Repeat("I DECLINE!! ", 40)),
		email("Dear [Name],\n\n" + strings.Repeat("Thank you so much. ", 30)),
	}
	items := []string{"be_honest", "be_courteous", "express_gratitude", "be_honest", "give_brief_reason",
		"keep_door_open", "be_courteous", "be_courteous", "use_professional_channel", "use_professional_channel"}
	for _, in := range inputs {
		res := reviewer.Review(in)
		var ids, gotItems []string
		for _, c := range res.Checks {
			ids = append(ids, c.ID)
			gotItems = append(gotItems, c.ChecklistItem)
			if c.Message == "" {
				t.Errorf("Review(%q) check %s has no message", in.Message, c.ID)
			}
			if !strings.Contains(in.Message, c.Evidence) {
				t.Errorf("Review(%q) check %s evidence %q is not in the message", in.Message, c.ID, c.Evidence)
			}
			if n := utf8.RuneCountInString(c.Evidence); n > review.MaxEvidence || c.Evidence != strings.TrimSpace(c.Evidence) {
				t.Errorf("Review(%q) check %s evidence %q: %d code points or untrimmed", in.Message, c.ID, c.Evidence, n)
			}
		}
		if diff := cmp.Diff(review.CheckIDs, ids); diff != "" {
			t.Errorf("Review(%q) check ids (-want +got):\n%s", in.Message, diff)
		}
		if diff := cmp.Diff(items, gotItems); diff != "" {
			t.Errorf("Review(%q) checklist items (-want +got):\n%s", in.Message, diff)
		}
		for i, id := range review.CheckIDs {
			if got := review.ChecklistItem(id); got != items[i] {
				t.Errorf("ChecklistItem(%q) = %q, want %q", id, got, items[i])
			}
		}
	}
}

func TestVerdictAndScore(t *testing.T) {
	checks := func(statuses ...review.Status) []review.Check {
		var cs []review.Check
		for _, s := range statuses {
			cs = append(cs, review.Check{Status: s})
		}
		return cs
	}
	p, w, f, na := review.StatusPass, review.StatusWarn, review.StatusFail, review.StatusNotApplicable
	tests := []struct {
		name string
		give []review.Check
		want int
	}{
		{"all pass", checks(p, p, p, p), 100},
		{"all fail", checks(f, f, f), 0},
		{"not applicable left out", checks(p, na, na, p), 100},
		{"warn is half", checks(p, w), 75},
		{"rounds half up", checks(p, p, w, f, f, f, f, f), 31},
		{"nothing applicable", checks(na), 100},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := review.Score(tc.give); got != tc.want {
				t.Errorf("Score(%v) = %d, want %d", tc.give, got, tc.want)
			}
		})
	}

	res := reviewer.Review(email(strings.Replace(good, "Thank you for inviting", "Having been invited", 1)))
	if res.Verdict != review.VerdictRevise {
		t.Errorf("Review without thanks: verdict = %s, want revise", res.Verdict)
	}
	res = reviewer.Review(email(strings.Replace(good, "I'd love to stay in touch.", "", 1)))
	if res.Verdict != review.VerdictReady || res.Score != 95 {
		t.Errorf("Review with one warning = %s, %d; want ready, 95", res.Verdict, res.Score)
	}
}

func TestStats(t *testing.T) {
	msg := "Subject: Hi\n\nHi Dana,\n\nThank you. I must decline — sorry!\n\nBest,\nAlex\n\nOn Mon, 2 Mar 2026, Dana wrote:\n> Long quoted text here."
	got := reviewer.Review(review.Input{Channel: review.ChannelEmail, Message: msg}).Stats
	want := review.Stats{Characters: utf8.RuneCountInString("Hi Dana,\n\nThank you. I must decline — sorry!\n\nBest,\nAlex"), Words: 10, Sentences: 5}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Review(%q).Stats (-want +got):\n%s", msg, diff)
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		give   review.Input
		fields []string
	}{
		{"ok", email(good), nil},
		{"ok, premium note", review.Input{Channel: review.ChannelLinkedInNote, LinkedInTier: review.TierPremium, Message: "Hi"}, nil},
		{"nok, unknown channel", review.Input{Channel: "fax", Message: "Hi"}, []string{"channel"}},
		{"nok, everything", review.Input{Channel: "", LinkedInTier: "gold", Message: " "}, []string{"channel", "linkedin_tier", "message"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.give.Validate()
			var got []string
			var se *service.Error
			if errors.As(err, &se) {
				if se.Kind != service.KindInvalid {
					t.Errorf("Validate() kind = %s, want %s", se.Kind, service.KindInvalid)
				}
				for _, f := range se.Fields {
					got = append(got, f.Field)
				}
			} else if err != nil {
				t.Fatalf("Validate() = %v, want a *service.Error", err)
			}
			if diff := cmp.Diff(tc.fields, got); diff != "" {
				t.Errorf("Validate() fields (-want +got):\n%s", diff)
			}
		})
	}
}

// TestConcurrent reviews from many goroutines at once; run with -race.
func TestConcurrent(t *testing.T) {
	inputs := []review.Input{email(good), email(email1KB), channel(review.ChannelPhone, "Hi. Bye."), channel(review.ChannelLinkedInNote, good)}
	want := make([]review.Result, len(inputs))
	for i, in := range inputs {
		want[i] = reviewer.Review(in)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			r := review.New()
			for k := range 50 {
				i := (g + k) % len(inputs)
				if diff := cmp.Diff(want[i], r.Review(inputs[i])); diff != "" {
					t.Errorf("concurrent Review(%q) (-want +got):\n%s", inputs[i].Message, diff)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestReviewIntoReusesItsResult(t *testing.T) {
	r := review.New()
	first := review.Input{Channel: review.ChannelEmail, Message: "Hi Dana,\n\nThank you for the invitation. I must decline.\n\nBest,\nAlex"}
	second := review.Input{Channel: review.ChannelLinkedIn, Message: "hey, not interested!!"}
	var res review.Result
	r.ReviewInto(&res, first)
	if !reflect.DeepEqual(res, r.Review(first)) {
		t.Fatalf("ReviewInto(first) = %+v, want Review's %+v", res, r.Review(first))
	}
	checks := &res.Checks[0]
	r.ReviewInto(&res, second)
	if want := r.Review(second); !reflect.DeepEqual(res, want) {
		t.Fatalf("ReviewInto(second) into a used result = %+v, want %+v", res, want)
	}
	if &res.Checks[0] != checks {
		t.Errorf("ReviewInto did not reuse the checks of the result it was given")
	}
}
