package review

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Thresholds of the brief_reason check.
const (
	maxReasonSentences = 3  // more sentences of explanation than this draw a warning
	maxReasonWords     = 75 // as do more words of explanation than this
	maxApologies       = 2  // as do more apologies than this
	negationReach      = 6  // how many words back a negation or hedge is looked for
	conditionReach     = 30 // how many words back an "if" is looked for
	thanksNegReach     = 3  // the same for thanks ("no thanks", "don't appreciate")
	goodbyeSentences   = 3  // a spoken goodbye must be among the last this many sentences
	signOffLines       = 8  // a closing must be among the last this many lines
)

// reviewer runs the checks on one analysed message.
type reviewer struct {
	lx *lexicon
	d  *doc
	in Input

	closeLine int // the line holding the closing ("Best regards,"), or -1
	textEnd   int // the first line of the sign-off or signature, or len(lines)
	greeted   bool
}

func (rv *reviewer) run() []Check {
	rv.closeLine, rv.textEnd = -1, len(rv.d.lines)
	signOff := rv.signOff()
	checks := []Check{
		rv.placeholders(),
		rv.greeting(),
		rv.gratitude(),
		rv.clearDecline(),
		rv.briefReason(),
		rv.doorOpen(),
		rv.courteous(),
		signOff,
		rv.length(),
		rv.subject(),
	}
	for i := range checks {
		checks[i].ID = CheckIDs[i]
		checks[i].ChecklistItem = checklistItems[CheckIDs[i]]
	}
	return checks
}

func check(s Status, msg, evidence string) Check {
	return Check{Status: s, Message: msg, Evidence: evidence}
}

func runeCount(s string) int { return utf8.RuneCountInString(s) }

// window quotes msg[a:b], trimmed; when that is longer than MaxEvidence code
// points it quotes a part that holds the start of msg[ma:mb], cut at a space
// where it can be.
func window(msg string, a, b, ma, mb int) string {
	a, b = trimBounds(msg, a, b)
	if runeCount(msg[a:b]) <= MaxEvidence {
		return msg[a:b]
	}
	ma, mb = max(ma, a), min(mb, b)
	start := a
	if ma > a && runeCount(msg[a:mb]) > MaxEvidence {
		start = ma
	}
	end := start
	for n := 0; n < MaxEvidence && end < b; n++ {
		_, size := utf8.DecodeRuneInString(msg[end:])
		end += size
	}
	if end < b {
		if k := strings.LastIndexAny(msg[start:end], " \t\r\n"); k > 0 && start+k >= mb {
			end = start + k
		}
	}
	s, e := trimBounds(msg, start, end)
	return msg[s:e]
}

// quote returns the sentence holding match m, trimmed to MaxEvidence.
func (rv *reviewer) quote(m span) string {
	d := rv.d
	first, last := d.toks[m.s], d.toks[m.e-1]
	s := d.sents[first.sent]
	return window(d.msg, s.start, s.end, int(first.start), int(last.end))
}

// quoteSentence returns sentence i, trimmed to MaxEvidence.
func (rv *reviewer) quoteSentence(i int) string {
	s := rv.d.sents[i]
	return window(rv.d.msg, s.start, s.end, s.start, s.start)
}

// clauseStart returns the first token of the clause holding token i,
// looking back at most limit tokens. A clause ends at punctuation or a
// conjunction; with strong set, commas do not end it.
func (d *doc) clauseStart(i, limit int, strong bool) int {
	s0 := max(d.sents[d.toks[i].sent].tok0, i-limit)
	for j := i; j > s0; j-- {
		if b := d.toks[j].brk; b == brkStrong || (!strong && b == brkWeak) {
			return j
		}
		if d.toks[j-1].conj {
			return j
		}
	}
	return s0
}

// startsIn reports whether a match in ms (sorted by start) starts at a
// token in [lo, hi).
func startsIn(ms []span, lo, hi int) bool {
	k := sort.Search(len(ms), func(k int) bool { return ms[k].s >= lo })
	return k < len(ms) && ms[k].s < hi
}

// negated reports whether a negation comes before token i in its clause,
// at most reach words back.
func (rv *reviewer) negated(i, reach int) bool {
	return startsIn(rv.d.m[catNegator], rv.d.clauseStart(i, reach, false), i)
}

// hedged reports whether the words before token i make it tentative
// ("might", "would have to") or conditional ("if", "unless").
func (rv *reviewer) hedged(i int) bool {
	d := rv.d
	if startsIn(d.m[catHedge], d.clauseStart(i, negationReach, false), i) {
		return true
	}
	return startsIn(d.m[catConditional], d.clauseStart(i, conditionReach, true), i)
}

// inText reports whether token i is in the message text proper: before the
// signature, or on the closing line.
func (rv *reviewer) inText(i int) bool {
	l := int(rv.d.toks[i].line)
	return l < rv.textEnd || l == rv.closeLine
}

// placeholders fails when a template label or token is left in.
func (rv *reviewer) placeholders() Check {
	d := rv.d
	var found []string
	evidence := ""
	add := func(text string, fromMessage bool) {
		for _, f := range found {
			if f == text {
				return
			}
		}
		if evidence == "" && fromMessage {
			evidence = window(text, 0, len(text), 0, 0)
		}
		found = append(found, text)
	}
	if rv.in.Channel == ChannelEmail {
		if d.subj[0] >= 0 {
			rv.lx.placeholders(d.msg[d.subj[0]:d.subj[1]], func(s string) { add(s, true) })
		}
		rv.lx.placeholders(rv.in.Subject, func(s string) { add(s, false) })
	}
	for _, ln := range d.lines {
		rv.lx.placeholders(d.msg[ln.start:ln.end], func(s string) { add(s, true) })
	}
	switch len(found) {
	case 0:
		return check(StatusPass, "No template placeholders are left in.", "")
	case 1:
		return check(StatusFail, fmt.Sprintf("Replace the placeholder %s with the real detail, or remove it.", found[0]), evidence)
	default:
		list := found
		if len(list) > 5 {
			list = list[:5]
		}
		return check(StatusFail, fmt.Sprintf("Replace the %d placeholders (%s) with the real details, or remove them.", len(found), strings.Join(list, ", ")), evidence)
	}
}

// greeting warns when the message does not open with a salutation.
func (rv *reviewer) greeting() Check {
	d := rv.d
	if len(d.lines) == 0 {
		return check(StatusWarn, "Open with a greeting that names the recruiter, such as \"Dear Dana,\" or \"Hi Dana,\".", "")
	}
	ln := d.lines[0]
	text := d.msg[ln.start:ln.end]
	ok := false
	for _, m := range d.m[catGreeting] {
		if m.s == ln.tok0 {
			ok = true
			break
		}
	}
	if !ok {
		cut := len(text)
		if i := strings.IndexAny(text, ",:!—–"); i >= 0 {
			cut = i
		}
		ok = rv.lx.nameLike(text[:cut], true)
	}
	if !ok {
		return check(StatusWarn, "Open with a greeting that names the recruiter, such as \"Dear Dana,\" or \"Hi Dana,\".", "")
	}
	rv.greeted = true
	cut := len(text)
	if i := strings.IndexAny(text, ",:!—–"); i >= 0 {
		_, n := utf8.DecodeRuneInString(text[i:])
		cut = i + n
	}
	return check(StatusPass, "The message opens with a greeting.", window(d.msg, ln.start, ln.start+cut, ln.start, ln.start))
}

// gratitude fails when the message never thanks anyone.
func (rv *reviewer) gratitude() Check {
	for _, m := range rv.d.m[catGratitude] {
		if !rv.negated(m.s, thanksNegReach) {
			return check(StatusPass, "The message thanks the recruiter.", rv.quote(m))
		}
	}
	return check(StatusFail, "Thank the recruiter for the invitation and the time they have given you.", "")
}

// clearDecline fails unless the message says plainly that the candidate
// declines or withdraws.
func (rv *reviewer) clearDecline() Check {
	if rv.in.Channel == ChannelLinkedInNote {
		return check(StatusNotApplicable, "A connection note follows a decline sent elsewhere, so it need not decline again.", "")
	}
	d := rv.d
	resched := span{-1, -1}
	for _, m := range d.m[catReschedule] {
		if rv.inText(m.s) && !rv.negated(m.s, negationReach) {
			resched = m
			break
		}
	}
	weak := span{-1, -1}
	for _, cat := range [...]category{catDecline, catAttendance} {
		for _, m := range d.m[cat] {
			if !rv.inText(m.s) {
				continue
			}
			if d.sents[d.toks[m.s].sent].question || rv.negated(m.s, negationReach) || rv.hedged(m.s) {
				if weak.s < 0 {
					weak = m
				}
				continue
			}
			if cat == catAttendance && resched.s >= 0 {
				continue
			}
			return check(StatusPass, "The message says clearly that you are declining.", rv.quote(m))
		}
	}
	switch {
	case resched.s >= 0:
		return check(StatusFail, "The message asks to reschedule rather than decline; if you are declining, say so plainly (for example \"I have decided to withdraw my application\").", rv.quote(resched))
	case weak.s >= 0:
		return check(StatusFail, "The decline is tentative, conditional or a question; state the decision plainly (for example \"I must decline the interview\").", rv.quote(weak))
	}
	return check(StatusFail, "Say plainly that you are declining the interview or withdrawing your application.", "")
}

// briefReason warns when the explanation runs long or apologises too often.
func (rv *reviewer) briefReason() Check {
	d := rv.d
	apologies, third := 0, span{-1, -1}
	for _, m := range d.m[catApology] {
		if int(d.toks[m.s].line) < rv.textEnd {
			apologies++
			if apologies == maxApologies+1 {
				third = m
			}
		}
	}
	// A sentence is functional when it greets, thanks, declines, keeps the
	// door open or is a courtesy; the rest, and any sentence that gives a
	// cause, is explanation.
	functional := [...]category{catGratitude, catDecline, catAttendance, catReschedule, catDoor,
		catPleasantry, catApology, catGoodbye, catGreeting, catRude}
	var flags []uint8
	if len(d.sents) <= 64 {
		var buf [64]uint8
		flags = buf[:len(d.sents)]
	} else {
		flags = make([]uint8, len(d.sents))
	}
	for _, c := range functional {
		for _, m := range d.m[c] {
			flags[d.toks[m.s].sent] |= 1
		}
	}
	for _, m := range d.m[catReason] {
		flags[d.toks[m.s].sent] |= 2
	}
	reasons, words, first := 0, 0, -1
	for i, s := range d.sents {
		ln := int(d.toks[s.tok0].line)
		if ln >= rv.textEnd || (rv.greeted && d.toks[s.tok1-1].line == 0) {
			continue
		}
		if flags[i]&2 == 0 && flags[i]&1 != 0 {
			continue
		}
		reasons++
		for k := s.tok0; k < s.tok1; k++ {
			if d.toks[k].word {
				words++
			}
		}
		if first < 0 || (flags[first]&2 == 0 && flags[i]&2 != 0) {
			first = i
		}
	}
	switch {
	case apologies > maxApologies:
		return check(StatusWarn, fmt.Sprintf("The message apologises %d times; one apology is enough.", apologies), rv.quote(third))
	case reasons > maxReasonSentences || words > maxReasonWords:
		return check(StatusWarn, fmt.Sprintf("The explanation runs to %d sentences (%d words); one short sentence of reason is enough, and a reason is optional.", reasons, words), rv.quoteSentence(first))
	case first >= 0:
		return check(StatusPass, "The reason is short.", rv.quoteSentence(first))
	}
	return check(StatusPass, "No reason is given, which is fine: a reason is optional.", "")
}

// doorOpen warns when nothing keeps the relationship going.
func (rv *reviewer) doorOpen() Check {
	for _, m := range rv.d.m[catDoor] {
		if rv.inText(m.s) && !rv.negated(m.s, negationReach) {
			return check(StatusPass, "The message keeps the door open.", rv.quote(m))
		}
	}
	return check(StatusWarn, "Keep the door open: say you would like to stay in touch or hear about future roles.", "")
}

// courteous fails on insults, blame, sarcasm, profanity and shouting.
func (rv *reviewer) courteous() Check {
	d := rv.d
	if len(d.m[catRude]) > 0 {
		m := d.m[catRude][0]
		return check(StatusFail, fmt.Sprintf("Remove the negative or sarcastic remark (%q); criticism of the company, its people or its process does not belong in a decline.", d.msg[d.toks[m.s].start:d.toks[m.e-1].end]), rv.quote(m))
	}
	if m, ok := rv.directedNegativity(); ok {
		return check(StatusFail, "Remove the complaint about the company, role, people or process; keep the decline neutral.", rv.quote(m))
	}
	if a, b, ok := rv.shouting(); ok {
		return check(StatusFail, "Write in normal case: words in capitals read as shouting.", window(d.msg, a, b, a, b))
	}
	for li, ln := range d.lines {
		if li >= rv.textEnd {
			break
		}
		text := d.msg[ln.start:ln.end]
		for _, mark := range [...]string{"!!", "?!", "!?"} {
			if i := strings.Index(text, mark); i >= 0 {
				return check(StatusFail, "Use one full stop or exclamation mark: repeated marks read as shouting.", window(d.msg, ln.start, ln.end, ln.start+i, ln.start+i+2))
			}
		}
	}
	return check(StatusPass, "The tone is courteous.", "")
}

// directedNegativity finds a negative word aimed at the company, role,
// people or process: "the process was chaotic", "a frustrating interview".
func (rv *reviewer) directedNegativity() (span, bool) {
	d := rv.d
	targets := d.m[catTarget]
	for _, a := range d.m[catNegative] {
		// A target phrase is at most a few words long and must end at most
		// six words before the negative word, so only those starting
		// shortly before it are looked at.
		k := sort.Search(len(targets), func(k int) bool { return targets[k].s >= a.s-12 })
		for ; k < len(targets) && targets[k].s < a.s; k++ {
			t := targets[k]
			if d.toks[t.s].sent != d.toks[a.s].sent {
				continue
			}
			inside := a.e < t.e // "a frustrating interview"
			after := t.e <= a.s && a.s-t.e <= 6 && !d.breakBetween(t.e, a.s)
			if inside || after {
				return span{t.s, max(a.e, t.e)}, true
			}
		}
	}
	return span{}, false
}

// breakBetween reports whether punctuation or a conjunction separates token
// lo-1 from token hi.
func (d *doc) breakBetween(lo, hi int) bool {
	for j := lo; j <= hi; j++ {
		if d.toks[j].brk != brkNone || (j > 0 && d.toks[j-1].conj) {
			return true
		}
	}
	return false
}

// shouting finds a run of words in capitals holding two or more that read
// as shouting. One-letter words ("I", "A") neither break nor count.
func (rv *reviewer) shouting() (int, int, bool) {
	d := rv.d
	runStart, runEnd, shouts := -1, -1, 0
	for i := range d.toks {
		t := &d.toks[i]
		if !t.word {
			continue
		}
		if int(t.line) >= rv.textEnd {
			break
		}
		switch {
		case t.caps:
			if runStart < 0 {
				runStart = int(t.start)
			}
			runEnd = int(t.end)
			if t.shout {
				shouts++
			}
			if shouts >= 2 {
				return runStart, runEnd, true
			}
		case t.end-t.start == 1 && d.msg[t.start] >= 'A' && d.msg[t.start] <= 'Z':
		default:
			runStart, shouts = -1, 0
		}
	}
	return 0, 0, false
}

// signOff warns when there is no closing with a name (or, on the phone, no
// goodbye). It also finds where the signature starts.
func (rv *reviewer) signOff() Check {
	d := rv.d
	n := len(d.lines)
	for li := n - 1; li >= 1 && li >= n-signOffLines; li-- {
		ln := d.lines[li]
		inline, needName := rv.lx.closingLine(d.msg[ln.start:ln.end])
		if inline {
			rv.closeLine, rv.textEnd = li, li
			return check(StatusPass, "The message closes with a sign-off and your name.", window(d.msg, ln.start, ln.end, ln.start, ln.start))
		}
		if needName && li+1 < n {
			next := d.lines[li+1]
			if rv.lx.nameLike(d.msg[next.start:next.end], false) {
				rv.closeLine, rv.textEnd = li, li
				return check(StatusPass, "The message closes with a sign-off and your name.", window(d.msg, ln.start, next.end, ln.start, ln.start))
			}
		}
	}
	if k := len(d.sents); k >= 2 {
		last, prev := d.sents[k-1], d.sents[k-2]
		lastText := d.msg[last.start:last.end]
		if inline, _ := rv.lx.closingLine(lastText); inline {
			return check(StatusPass, "The message closes with a sign-off and your name.", rv.quoteSentence(k-1))
		}
		if _, needName := rv.lx.closingLine(d.msg[prev.start:prev.end]); needName && rv.lx.nameLike(lastText, false) {
			return check(StatusPass, "The message closes with a sign-off and your name.", window(d.msg, prev.start, last.end, prev.start, prev.start))
		}
	}
	rv.textEnd = rv.signatureStart()
	if rv.in.Channel == ChannelPhone {
		for _, m := range d.m[catGoodbye] {
			if int(d.toks[m.s].sent) >= len(d.sents)-goodbyeSentences {
				return check(StatusPass, "The script ends with a friendly goodbye.", rv.quote(m))
			}
		}
		return check(StatusWarn, "End the call warmly, for example \"Thanks again, and have a great day.\"", "")
	}
	return check(StatusWarn, "Close with a sign-off such as \"Best regards,\" followed by your name.", "")
}

// signatureStart returns the first of the trailing lines that look like a
// signature (a name, a title, contact details) rather than sentences.
func (rv *reviewer) signatureStart() int {
	d := rv.d
	start := len(d.lines)
	for li := len(d.lines) - 1; li >= 1; li-- {
		text := d.msg[d.lines[li].start:d.lines[li].end]
		last, _ := utf8.DecodeLastRuneInString(text)
		contact := strings.ContainsAny(text, "@|+") || containsFold(text, "http") || containsFold(text, "www.")
		if !contact && (strings.ContainsRune(".!?", last) || len(strings.Fields(text)) > 6) {
			break
		}
		start = li
	}
	return start
}

// closingLine reports whether text is a closing: with the name on the same
// line ("Best, Sam"), or waiting for a name on the next one ("Best regards,").
func (lx *lexicon) closingLine(text string) (inline, needName bool) {
	t := strings.TrimLeft(text, "-—–~ ")
	for _, c := range lx.closings {
		if !hasPrefixFold(t, c.phrase) {
			continue
		}
		rest := t[len(c.phrase):]
		if r, _ := utf8.DecodeRuneInString(rest); unicode.IsLetter(r) || isApostrophe(r) {
			continue
		}
		core := strings.TrimLeft(rest, ",.!:;—–-~ ")
		core = strings.TrimSpace(core)
		switch {
		case core == "":
			return false, true
		case lx.nameLike(core, false):
			return true, false
		case c.lead && len(strings.Fields(rest)) <= 10:
			return false, true
		case len(strings.Fields(core)) <= 6 && (hasPrefixFold(core, "and ") || strings.HasPrefix(core, "& ")):
			// "With warm regards and thanks again,"
			return false, true
		}
	}
	return false, false
}

// nameLike reports whether s looks like a name: one to four words, each
// capitalised (or a particle such as "van"), the first not a common word
// that opens sentences. Anything after "|", ",", "(" or a spaced dash is a
// title and is ignored. Unless upper is set, a single lower-case word passes.
func (lx *lexicon) nameLike(s string, upper bool) bool {
	if t := strings.TrimSpace(s); len(t) > 2 && strings.ContainsRune("[{<", rune(t[0])) && strings.ContainsRune("]}>", rune(t[len(t)-1])) {
		// A template's name slot ("[Your Name]"): placeholders_filled
		// reports it; the structure of the sign-off is there.
		found := false
		lx.placeholders(t, func(p string) { found = found || p == t })
		return found
	}
	for _, sep := range [...]string{"|", ",", "(", " - ", " — ", " – "} {
		if i := strings.Index(s, sep); i >= 0 {
			s = s[:i]
		}
	}
	s = strings.Trim(s, " \t.!—–-~")
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 4 {
		return false
	}
	for k, w := range words {
		letters := 0
		for _, r := range w {
			switch {
			case unicode.IsLetter(r):
				letters++
			case r == '.' || r == '-' || isApostrophe(r):
			default:
				return false
			}
		}
		if letters == 0 {
			return false
		}
		lw := strings.ToLower(strings.TrimRight(w, "."))
		if k == 0 {
			if wi := lx.words[lw]; wi != nil && wi.notName {
				return false
			}
		}
		r0, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLower(r0) && !lx.particles[lw] && (upper || len(words) > 1) {
			return false
		}
	}
	return true
}

// length checks the message against the channel's limit.
func (rv *reviewer) length() Check {
	d := rv.d
	switch rv.in.Channel {
	case ChannelPhone:
		return check(StatusNotApplicable, "A call script has no length limit.", "")
	case ChannelLinkedIn, ChannelLinkedInNote:
		limit, what := LinkedInMessageLimit, "A LinkedIn message"
		if rv.in.Channel == ChannelLinkedInNote {
			limit, what = NoteLimit(rv.in.LinkedInTier), "A connection note"
			if rv.in.LinkedInTier == TierPremium {
				what = "A premium connection note"
			} else {
				what = "A free-tier connection note"
			}
		}
		a, b := trimBounds(d.msg, 0, len(d.msg))
		n := runeCount(d.msg[a:b])
		if n <= limit {
			return check(StatusPass, fmt.Sprintf("%s may have %d characters; this one has %d.", what, limit, n), "")
		}
		cut := a
		for k := 0; k < limit; k++ {
			_, size := utf8.DecodeRuneInString(d.msg[cut:])
			cut += size
		}
		return check(StatusFail, fmt.Sprintf("%s may have %d characters; this one has %d, so cut %d.", what, limit, n, n-limit), window(d.msg, cut, b, cut, cut))
	}
	if d.words <= EmailWordLimit {
		return check(StatusPass, fmt.Sprintf("The email is %d words long, short enough to read at a glance.", d.words), "")
	}
	from := -1
	for _, t := range d.toks {
		if t.word {
			from++
			if from == EmailWordLimit {
				from = int(t.start)
				break
			}
		}
	}
	return check(StatusWarn, fmt.Sprintf("The email is %d words long; aim for fewer than %d.", d.words, EmailWordLimit), window(d.msg, from, d.bodyEnd, from, from))
}

// subject checks an email's subject line.
func (rv *reviewer) subject() Check {
	if rv.in.Channel != ChannelEmail {
		return check(StatusNotApplicable, "Only an email has a subject line.", "")
	}
	d := rv.d
	subject, evidence := rv.in.Subject, ""
	if strings.TrimSpace(subject) == "" && d.subj[0] >= 0 && d.subj[1] > d.subj[0] {
		subject = d.msg[d.subj[0]:d.subj[1]]
		evidence = window(d.msg, d.subj[0], d.subj[1], d.subj[0], d.subj[0])
	}
	switch {
	case strings.ContainsAny(subject, "\r\n"):
		return check(StatusFail, "The subject contains a line break; write it on one line.", "")
	case strings.TrimSpace(subject) == "":
		return check(StatusWarn, "Add a subject that names the role, such as \"Interview for Backend Engineer – Alex Kim\".", "")
	}
	return check(StatusPass, "The email has a subject line.", evidence)
}
