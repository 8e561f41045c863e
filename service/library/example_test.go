package library_test

import (
	"fmt"
	"log"

	"github.com/declinekit/declinekit/service/library"
)

func ExampleTemplate_Render() {
	lib, err := library.Load()
	if err != nil {
		log.Fatal(err)
	}
	tpl, _ := lib.Get("email.accepted_other_offer.brief")
	r := tpl.Render(library.Values{
		Company:       "Northwind Analytics",
		Position:      "Senior Backend Engineer",
		CandidateName: "Alex Moreno",
		RecruiterName: "Dana Whitfield",
	}, library.Options{KeepDoorOpen: true})
	fmt.Println(tpl.ID, tpl.Version != "")
	fmt.Println("Subject:", r.Subject)
	fmt.Println()
	fmt.Println(r.Body)
	// Output:
	// email.accepted_other_offer.brief true
	// Subject: Senior Backend Engineer role – Alex Moreno
	//
	// Hello Dana Whitfield,
	//
	// Thank you for inviting me to interview at Northwind Analytics. I'm declining the interview and withdrawing my application. I've accepted another offer.
	//
	// I'd be glad to hear of future roles. Thank you for your time.
	//
	// Best regards,
	// Alex Moreno
}

func ExampleTemplate_Render_phone() {
	lib, err := library.Load()
	if err != nil {
		log.Fatal(err)
	}
	tpl, _ := lib.Get("phone.none.brief")
	r := tpl.Render(library.Values{
		Company:       "Northwind Analytics",
		Position:      "Senior Backend Engineer",
		CandidateName: "Alex Moreno",
	}, library.Options{ShortNotice: true})
	fmt.Println(r.Body)
	fmt.Println("----")
	fmt.Println(r.FollowUp.Body)
	// Output:
	// Hello there, this is Alex Moreno, calling about the Senior Backend Engineer interview at Northwind Analytics.
	//
	// Thank you for the invitation.
	//
	// I'm withdrawing my application and won't attend the interview. With the interview so close, I wanted to call right away.
	//
	// Thanks for your time. I'll confirm by email. Goodbye.
	// ----
	// Hello Hiring Team,
	//
	// Thank you for the call today. As discussed, I'm withdrawing my application for the Senior Backend Engineer role at Northwind Analytics and won't attend the interview.
	//
	// Thank you for your time.
	//
	// Best regards,
	// Alex Moreno
}

func ExampleParseInline() {
	in, err := library.ParseInline(
		"Interview for [Position]",
		"Dear [Recruiter’s Name],\n\nI must decline the interview at {{ company }}.\n\n[Your Name]",
	)
	if err != nil {
		log.Fatal(err)
	}
	r := in.Render(library.Values{Company: "Northwind Analytics", Position: "Data Analyst", CandidateName: "Alex Moreno"})
	fmt.Println(in.Tokens())
	fmt.Println(r.Subject)
	fmt.Println(r.Body)

	_, err = library.ParseInline("", "Dear [Hiring Manager],")
	fmt.Println(err)
	// Output:
	// [candidate_name company position recruiter_name]
	// Interview for Data Analyst
	// Dear Hiring Team,
	//
	// I must decline the interview at Northwind Analytics.
	//
	// Alex Moreno
	// the template uses unknown placeholders: template.body unknown placeholder [Hiring Manager]; known: {{recruiter_name}}, {{company}}, {{position}}, {{candidate_name}} or [Recruiter's Name], [Company], [Position], [Your Name]
}
