// Package review checks a message that declines a job interview against the
// guidance and explains each finding.
//
// A Reviewer runs ten checks, always all of them and always in the order of
// CheckIDs; each serves one checklist item:
//
//	placeholders_filled  be_honest                 fail: a template label ("[Company]", "{{name}}") is left in
//	greeting             be_courteous              warn: no salutation on the first line
//	gratitude            express_gratitude         fail: nobody is thanked
//	clear_decline        be_honest                 fail: no plain decline; hedges, conditions and questions do not count
//	brief_reason         give_brief_reason         warn: the explanation runs long, or three or more apologies
//	door_open            keep_door_open            warn: nothing keeps the relationship going
//	courteous            be_courteous              fail: insults, blame, sarcasm, profanity or shouting
//	sign_off             be_courteous              warn: no closing with a name, nor a name alone after the body (a call script: no goodbye)
//	length               use_professional_channel  LinkedIn limits (fail); emails past 250 words (warn)
//	subject              use_professional_channel  email only: missing (warn) or holding a line break (fail)
//
// A connection note (ChannelLinkedInNote) follows a decline sent elsewhere,
// so clear_decline does not apply to it; subject applies to email only and
// length does not apply to a call script.
//
// # Verdict and score
//
// Any fail makes the verdict "revise"; otherwise it is "ready". The score
// weighs every applicable check alike: a pass earns two points, a warning
// one, a failure none, and checks that do not apply are left out. The score
// is the share of points earned, as a whole percentage rounded half up (see
// Score).
//
// # How the text is read
//
// The review reads only what the person wrote: a leading "Subject:" line is
// taken as the subject, lines quoted with ">" are skipped, and everything
// from a reply header ("On … wrote:", "-----Original Message-----", a
// "From: … Sent: …" block, a forwarded-message banner) on is ignored.
//
// The written part is split into lines, sentences and words. Words are
// lower-cased, curly apostrophes are straightened, contractions are expanded
// ("won't" becomes "will not") and British spellings are mapped to American
// ones, so one phrase of the lexicon covers all of those forms. The lexicon
// (lexicon.yaml, compiled ahead of time into lexicon.bin) holds the
// phrases by category: thanks, declines, hedges, conditions, negations,
// courtesies, ways of keeping in touch, insults and so on. The checks
// combine what it finds with a little structure: a decline counts only when
// no negation or hedge comes before it in its clause, no condition governs
// it, and it is not a question; saying one cannot attend counts only when
// the message does not also ask for another time; a negative word counts
// against courtesy when it describes the company, its people or its process.
// Some phrases hold only at the start of a clause: a bare "no" is a decline
// in "Thanks, but no." and "So, no.", not in "No worries". An intention
// since given up ("I was going to withdraw, but …") is a hedge, not a
// decline.
//
// Courtesy also fails on sarcasm that uses only polite words: praise
// standing alone as a clause ("— very reasonable.") right after a count of
// rounds, requests or weeks; "nothing says … like …"; words such as
// "competitive" or "we value your time" when they are nearly all of a
// quotation (scare quotes); polite-sounding put-downs ("someone willing
// to accept less", "a company that actually respects candidates", "junior
// for someone of my calibre"); mock encouragement ("good luck finding your
// unicorn") and taunts ("so you can watch me thrive"). Three or
// more exclamation marks, "?!" and "!?" read as shouting; a double "!!"
// reads as enthusiasm after a clause that thanks, greets, wishes well or
// keeps in touch ("Thanks so much!!") and as shouting anywhere else ("I must
// decline!!"), because the guidance names "!!!", and a friendly double mark
// is common in warm notes.
//
// "I appreciate that this is late notice" means "I understand" and is not
// thanks; "I appreciate your time" is.
//
// Keeping the door open must be the writer's own offer: a phrase said of
// someone else ("she is open to new challenges") or inside a rude remark
// ("maybe next time read a CV") does not count, nor does thanks for
// "getting in touch", which answers a message rather than offers more.
//
// A sign-off is a closing with a name, or a name alone (one to three
// capitalised words, perhaps after a dash, perhaps over a title and
// contact lines) on the last line or at the end of a one-paragraph note:
// "Jake", "– Ellis", "Ta,\nKirra", "… grows. Abi".
//
// The explanation that brief_reason measures is the sentences that give a
// cause, and the other sentences about the writer in the paragraph that
// declines or gives a reason (the whole message when it is one paragraph,
// as call scripts and notes are; only the greeting itself is left out).
// Sentences mostly about someone else (recommending a former colleague) and
// paragraphs of compliments are not explanation.
//
// # Evidence
//
// Each check quotes the span of the message that decided it, trimmed and at
// most MaxEvidence code points, or nothing when it found something missing.
// Evidence is always a substring of Input.Message.
//
// # Cost
//
// Review runs in time linear in the message, with no regular expressions;
// a one-kilobyte email takes a few tens of microseconds at most.
package review
