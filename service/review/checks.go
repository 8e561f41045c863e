package review

import (
	"sort"
	"strconv"
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
	maxQuoteReach      = 80 // how many bytes around a mocking word a quotation mark is looked for
)

// reviewer runs the checks on one analysed message.
type reviewer struct {
	lx *lexicon
	d  *doc
	in Input

	closeLine int // the line holding the closing ("Best regards,"), or -1
	textEnd   int // the first line of the sign-off or signature, or len(lines)
	nameAt    int // the offset of a name that ends the last line ("… grows. Abi"), or -1
	greeted   bool
}

// run runs the checks, in the order of CheckIDs, into dst's memory when it
// has room.
func (rv *reviewer) run(dst []Check) []Check {
	rv.closeLine, rv.textEnd, rv.nameAt = -1, len(rv.d.lines), -1
	signOff := rv.signOff()
	checks := append(dst[:0],
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
	)
	for i := range checks {
		checks[i].ID = CheckIDs[i]
		checks[i].ChecklistItem = checklistOrder[i]
	}
	return checks
}

// checklistOrder is checklistItems in the order of CheckIDs, which spares
// run ten map lookups a review.
var checklistOrder = func() []string {
	items := make([]string, len(CheckIDs))
	for i, id := range CheckIDs {
		items[i] = checklistItems[id]
	}
	return items
}()

func check(s Status, msg, evidence string) Check {
	return Check{Status: s, Message: msg, Evidence: evidence}
}

// runeCount returns the number of code points in s, counting an invalid
// byte as one, as utf8.RuneCountInString does. Messages are mostly ASCII, so
// it passes over eight such bytes at a time.
func runeCount(s string) int {
	return runesUpTo(s, len(s))
}

// moreRunesThan reports whether runeCount(s) > n. It stops counting there,
// and needs no counting when s has no more than n bytes: evidence is short,
// the text it is cut from often long.
func moreRunesThan(s string, n int) bool {
	return len(s) > n && runesUpTo(s, n+1) > n
}

// runesUpTo counts the code points of s, as runeCount does, stopping once
// it has counted limit or more.
func runesUpTo(s string, limit int) int {
	n, i := 0, 0
	for i < len(s) && n < limit {
		// Thirty-two bytes at a time while they are ASCII, as most
		// messages are throughout.
		if i+32 <= len(s) && n+32 <= limit && (le64(s[i:i+8])|le64(s[i+8:i+16])|le64(s[i+16:i+24])|le64(s[i+24:i+32]))&highBits == 0 {
			i += 32
			n += 32
			continue
		}
		if i+8 <= len(s) && ascii8(s[i:i+8]) {
			i += 8
			n += 8
			continue
		}
		if s[i] < utf8.RuneSelf {
			i++
		} else {
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
		}
		n++
	}
	return n
}

// ascii8 reports whether the eight bytes of s are all ASCII.
func ascii8(s string) bool {
	return le64(s)&highBits == 0
}

// highBits has the high bit of each of eight packed bytes set.
const highBits = 0x8080808080808080

// le64 returns the first eight bytes of s as a little-endian number. The
// compiler turns the shifts into one load.
func le64(s string) uint64 {
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// window quotes msg[a:b], trimmed; when that is longer than MaxEvidence code
// points it quotes a part that holds the start of msg[ma:mb], cut at a space
// where it can be.
func window(msg string, a, b, ma, mb int) string {
	a, b = trimBounds(msg, a, b)
	if !moreRunesThan(msg[a:b], MaxEvidence) {
		return msg[a:b]
	}
	ma, mb = max(ma, a), min(mb, b)
	start := a
	if ma > a && moreRunesThan(msg[a:mb], MaxEvidence) {
		start = ma
	}
	end := start
	for n := 0; n < MaxEvidence && end < b; n++ {
		if n+8 <= MaxEvidence && end+8 <= b && ascii8(msg[end:end+8]) {
			end += 8
			n += 7
			continue
		}
		if msg[end] < utf8.RuneSelf {
			end++
			continue
		}
		_, size := utf8.DecodeRuneInString(msg[end:])
		end += size
	}
	if end < b {
		if k := lastSpace(msg[start:end]); k > 0 && start+k >= mb {
			end = start + k
		}
	}
	s, e := trimBounds(msg, start, end)
	return msg[s:e]
}

// lastSpace returns the index of the last space, tab or line break in s,
// or -1.
func lastSpace(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		switch s[i] {
		case ' ', '\t', '\r', '\n':
			return i
		}
	}
	return -1
}

// quote returns the sentence holding match m, trimmed to MaxEvidence.
func (rv *reviewer) quote(m span) string {
	d := rv.d
	first, last := &d.toks[m.s], &d.toks[m.e-1]
	s := &d.sents[first.sent]
	return window(d.msg, s.start, s.end, int(first.start), int(last.end))
}

// quoteSentence returns sentence i, trimmed to MaxEvidence.
func (rv *reviewer) quoteSentence(i int) string {
	s := &rv.d.sents[i]
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
	// The first match starting at lo or later, as sort.Search finds it,
	// without a call for each step.
	i, j := 0, len(ms)
	for i < j {
		h := int(uint(i+j) >> 1)
		if ms[h].s < lo {
			i = h + 1
		} else {
			j = h
		}
	}
	return i < len(ms) && ms[i].s < hi
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
	var buf [4]string
	found := buf[:0]
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
		if ln.marks {
			rv.lx.placeholders(d.msg[ln.start:ln.end], func(s string) { add(s, true) })
		}
	}
	switch len(found) {
	case 0:
		return check(StatusPass, "No template placeholders are left in.", "")
	case 1:
		return check(StatusFail, "Replace the placeholder "+found[0]+" with the real detail, or remove it.", evidence)
	}
	var mb [256]byte
	msg := append(mb[:0], "Replace the "...)
	msg = strconv.AppendInt(msg, int64(len(found)), 10)
	msg = append(msg, " placeholders ("...)
	for i, f := range found[:min(len(found), 5)] {
		if i > 0 {
			msg = append(msg, ", "...)
		}
		msg = append(msg, f...)
	}
	msg = append(msg, ") with the real details, or remove them."...)
	return check(StatusFail, string(msg), evidence)
}

// greeting warns when the message does not open with a salutation.
func (rv *reviewer) greeting() Check {
	d := rv.d
	if len(d.lines) == 0 {
		return check(StatusWarn, "Open with a greeting that names the recruiter, such as \"Dear Dana,\" or \"Hi Dana,\".", "")
	}
	ln := d.lines[0]
	text := d.msg[ln.start:ln.end]
	ok, from := false, 0
	for _, m := range d.m[catGreeting] {
		if m.s == ln.tok0 && m.s < ln.tok1 {
			ok, from = true, min(int(d.toks[m.e-1].end), ln.end)-ln.start
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
	if i := strings.IndexAny(text[from:], ",:!—–"); i >= 0 {
		_, n := utf8.DecodeRuneInString(text[from+i:])
		cut = from + i + n
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
	// door open or is a courtesy; any sentence that gives a cause is
	// explanation. Of the rest, a sentence mostly about someone else (a
	// recommendation: "she ran our data team") is not explanation; in the
	// paragraph that declines or gives a reason, or in a message of one
	// paragraph, every other sentence is; in other paragraphs (compliments,
	// news) only a sentence mostly about the writer is.
	functional := [...]category{catGratitude, catDecline, catAttendance, catReschedule, catDoor,
		catPleasantry, catApology, catGoodbye, catGreeting, catRude}
	const (
		fFunctional = 1 << iota
		fReason
		fDecides // declines or gives a reason: its paragraph is the explanation
	)
	info := append(d.sentFlags[:0], make([]uint8, len(d.sents))...)
	d.sentFlags = info
	for _, c := range functional {
		for _, m := range d.m[c] {
			info[d.toks[m.s].sent] |= fFunctional
		}
	}
	for _, c := range [...]category{catReason, catDecline, catAttendance} {
		for _, m := range d.m[c] {
			info[d.toks[m.s].sent] |= fDecides
		}
	}
	for _, m := range d.m[catReason] {
		info[d.toks[m.s].sent] |= fReason
	}
	if rv.greeted && len(d.sents) > 0 && d.toks[d.sents[0].tok1-1].line == 0 {
		info[0] |= fFunctional // the greeting, with whatever follows it in its sentence
	}
	paras := 1
	if len(d.sents) > 0 {
		paras += d.sents[len(d.sents)-1].para - d.sents[0].para
	}
	reasons, words, first := 0, 0, -1
	for p0 := 0; p0 < len(d.sents); {
		p1, decides := p0, false
		for ; p1 < len(d.sents) && d.sents[p1].para == d.sents[p0].para; p1++ {
			decides = decides || info[p1]&fDecides != 0
		}
		for i := p0; i < p1; i++ {
			s, flags := &d.sents[i], info[i]
			if int(d.toks[s.tok0].line) >= rv.textEnd || (rv.nameAt >= 0 && s.start >= rv.nameAt) {
				continue
			}
			// The counts as they were kept when they saturated at 255.
			me, you, other := min(s.persons[0], 255), min(s.persons[1], 255), min(s.persons[2], 255)
			switch {
			case flags&fReason != 0:
			case flags&fFunctional != 0:
				continue
			case other > me:
				continue // about someone else
			case !decides && paras > 1 && me <= you+other:
				continue
			}
			reasons++
			words += int(s.words)
			if first < 0 || (info[first]&fReason == 0 && flags&fReason != 0) {
				first = i
			}
		}
		p0 = p1
	}
	switch {
	case apologies > maxApologies:
		return check(StatusWarn, "The message apologises "+strconv.Itoa(apologies)+" times; one apology is enough.", rv.quote(third))
	case reasons > maxReasonSentences || words > maxReasonWords:
		var buf [160]byte
		msg := append(buf[:0], "The explanation runs to "...)
		msg = strconv.AppendInt(msg, int64(reasons), 10)
		msg = append(msg, " sentences ("...)
		msg = strconv.AppendInt(msg, int64(words), 10)
		msg = append(msg, " words); one short sentence of reason is enough, and a reason is optional."...)
		return check(StatusWarn, string(msg), rv.quoteSentence(first))
	case first >= 0:
		return check(StatusPass, "The reason is short.", rv.quoteSentence(first))
	}
	return check(StatusPass, "No reason is given, which is fine: a reason is optional.", "")
}

// doorOpen warns when nothing keeps the relationship going. A phrase counts
// only when it is the writer's own offer: not negated, not said of someone
// else ("she is open to new challenges") and not inside a rude remark
// ("maybe next time read a CV").
func (rv *reviewer) doorOpen() Check {
	d := rv.d
	for _, m := range d.m[catDoor] {
		if !rv.inText(m.s) || rv.negated(m.s, negationReach) || rv.aboutOther(m.s) {
			continue
		}
		if sent := d.toks[m.s].sent; sentenceHas(d, d.m[catRude], sent) {
			continue
		}
		return check(StatusPass, "The message keeps the door open.", rv.quote(m))
	}
	return check(StatusWarn, "Keep the door open: say you would like to stay in touch or hear about future roles.", "")
}

// aboutOther reports whether someone other than the writer is the subject
// of the words before token i in its clause: a "she", "he" or "who" with no
// "I" or "we" after it.
func (rv *reviewer) aboutOther(i int) bool {
	d := rv.d
	for j := i - 1; j >= d.clauseStart(i, negationReach, false); j-- {
		if p := d.toks[j].pron; p != 0 {
			if p.person() == personFirst {
				return false
			}
			if p&pronThirdSubj != 0 {
				return true
			}
		}
	}
	return false
}

// sentenceHas reports whether a match in ms (sorted by start) starts in
// sentence sent.
func sentenceHas(d *doc, ms []span, sent int32) bool {
	s := &d.sents[sent]
	return startsIn(ms, s.tok0, s.tok1)
}

// courteous fails on insults, blame, sarcasm, profanity and shouting.
func (rv *reviewer) courteous() Check {
	d := rv.d
	if len(d.m[catRude]) > 0 {
		m := d.m[catRude][0]
		return check(StatusFail, quoted("Remove the negative or sarcastic remark (", d.msg[d.toks[m.s].start:d.toks[m.e-1].end], "); criticism of the company, its people or its process does not belong in a decline."), rv.quote(m))
	}
	if m, ok := rv.irony(); ok {
		return check(StatusFail, quoted("Remove the sarcastic praise (", d.msg[d.toks[m.s].start:d.toks[m.e-1].end], "); say what you decided, not what you think of the process."), rv.quote(m))
	}
	if m, a, b, ok := rv.scareQuote(); ok {
		return check(StatusFail, quoted("Remove the scare quotes around ", d.msg[a:b], ": quoting the company's words back at it reads as sarcasm."), rv.quote(m))
	}
	if m, ok := rv.directedNegativity(); ok {
		return check(StatusFail, "Remove the complaint about the company, role, people or process; keep the decline neutral.", rv.quote(m))
	}
	if a, b, ok := rv.shouting(); ok {
		return check(StatusFail, "Write in normal case: words in capitals read as shouting.", window(d.msg, a, b, a, b))
	}
	if a, b, ok := rv.repeatedMarks(); ok {
		return check(StatusFail, "Use one full stop or exclamation mark: repeated marks read as shouting.", window(d.msg, a, b, a, b))
	}
	return check(StatusPass, "The tone is courteous.", "")
}

// quoted returns before, s quoted as Go quotes it (as fmt's %q does) and
// after, joined in one allocation.
func quoted(before, s, after string) string {
	var buf [256]byte
	b := append(buf[:0], before...)
	b = strconv.AppendQuote(b, s)
	return string(append(b, after...))
}

// irony finds praise standing alone as a clause ("— very reasonable.") in
// or just after a sentence that counts up the process ("five rounds",
// "a weekend take-home"): sarcasm, though every word is polite. The same
// praise after anything else is taken as sincere.
func (rv *reviewer) irony() (span, bool) {
	d := rv.d
	for _, m := range d.m[catIrony] {
		s := d.toks[m.s].sent
		if sentenceHas(d, d.m[catExcess], s) || (s > 0 && sentenceHas(d, d.m[catExcess], s-1)) {
			return m, true
		}
	}
	return span{}, false
}

// scareQuote finds words that mock when quoted ("competitive", "we value
// your time") when they make up at least half of a short quotation: a pair
// of quotation marks around at most six words. It returns the match and the
// bounds of the quotation.
func (rv *reviewer) scareQuote() (span, int, int, bool) {
	d := rv.d
	for _, m := range d.m[catScare] {
		if !rv.inText(m.s) {
			continue
		}
		ln := d.lines[d.toks[m.s].line]
		a, b := int(d.toks[m.s].start), int(d.toks[m.e-1].end)
		open := quoteBefore(d.msg, max(ln.start, a-maxQuoteReach), a)
		if open < 0 {
			continue
		}
		end := quoteAfter(d.msg, b, min(ln.end, b+maxQuoteReach))
		if end < 0 {
			continue
		}
		// The mocked words must be at least half of the quotation: a longer
		// quotation is a quote, not a scare quote.
		mocked := 0
		for _, o := range d.m[catScare] {
			if int(d.toks[o.s].start) >= open && int(d.toks[o.e-1].end) <= end {
				mocked += o.e - o.s
			}
		}
		// A quotation in title case is a name ("the “Remote Engineer”
		// role") unless every word of it mocks ("a “Rockstar Ninja” role").
		words, title := quotedWords(d.msg[open:end])
		if words <= 6 && (2*mocked >= words && !title || mocked >= words) {
			return m, open, end, true
		}
	}
	return span{}, 0, 0, false
}

// quotedWords counts the words of a quotation and reports whether each
// starts with a capital letter.
func quotedWords(q string) (int, bool) {
	n, title := 0, true
	for _, w := range strings.FieldsFunc(q, func(r rune) bool { return !isWordRune(r) && !isApostrophe(r) }) {
		n++
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) {
			title = false
		}
	}
	return n, title
}

// isQuoteMark reports whether r is a quotation mark, straight or curly.
func isQuoteMark(r rune) bool {
	switch r {
	case '"', '“', '”', '„', '«', '»', '\'', '‘', '’':
		return true
	}
	return false
}

// What quoteBefore and quoteAfter make of an ASCII byte.
const (
	quoteStop = iota // ends the search
	quoteIn          // a letter, digit, space, hyphen or comma: may be inside a quotation
	quoteMark        // a quotation mark
)

// quoteScan classifies the ASCII bytes for quoteBefore and quoteAfter, from
// the functions they ask of other runes.
var quoteScan = func() (t [utf8.RuneSelf]uint8) {
	for c := range t {
		r := rune(c)
		switch {
		case isQuoteMark(r):
			t[c] = quoteMark
		case isWordRune(r) || r == ' ' || r == '-' || r == ',':
			t[c] = quoteIn
		}
	}
	return t
}()

// quoteBefore looks back from msg[pos] (not before lo) over words and
// spaces for an opening quotation mark: one with no letter or digit before
// it. An apostrophe inside a word ("we’re") is passed over. It returns the
// offset of the mark, or -1 when punctuation or the start comes first.
func quoteBefore(msg string, lo, pos int) int {
	for i := pos; i > lo; {
		if c := msg[i-1]; c < utf8.RuneSelf && quoteScan[c] != quoteMark {
			if quoteScan[c] == quoteStop {
				return -1
			}
			i--
			continue
		}
		r, n := rune(msg[i-1]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeLastRuneInString(msg[lo:i])
		}
		i -= n
		if isQuoteMark(r) {
			prev, _ := utf8.DecodeLastRuneInString(msg[lo:i])
			if i == lo || !isWordRune(prev) {
				return i
			}
			continue // an apostrophe inside a word
		}
		if !isWordRune(r) && r != ' ' && r != '-' && r != ',' {
			return -1
		}
	}
	return -1
}

// quoteAfter looks on from msg[pos] (not past hi) for a closing quotation
// mark: one with no letter or digit after it. It returns the offset after
// the mark, or -1.
func quoteAfter(msg string, pos, hi int) int {
	for i := pos; i < hi; {
		if c := msg[i]; c < utf8.RuneSelf && quoteScan[c] != quoteMark {
			if quoteScan[c] == quoteStop {
				return -1
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(msg[i:hi])
		i += n
		if isQuoteMark(r) {
			next, _ := utf8.DecodeRuneInString(msg[i:hi])
			if i == hi || !isWordRune(next) {
				return i
			}
			continue
		}
		if !isWordRune(r) && r != ' ' && r != '-' && r != ',' {
			return -1
		}
	}
	return -1
}

// repeatedMarks finds punctuation that reads as shouting: three or more
// exclamation marks, or "?!" and "!?" (exasperation). The guidance names
// "!!!"; a double "!!" is enthusiasm after a warm clause ("Thanks so
// much!!", "Congrats!!") and shouting elsewhere ("I must decline!!"), so it
// counts only after a clause that neither thanks, wishes well, greets nor
// keeps in touch.
func (rv *reviewer) repeatedMarks() (int, int, bool) {
	d := rv.d
	for li := range d.lines {
		ln := &d.lines[li]
		if li >= rv.textEnd {
			break
		}
		if !ln.bangs {
			continue
		}
		text := d.msg[ln.start:ln.end]
		for i := 0; i < len(text); i++ {
			// Few lines hold a mark, and those few: IndexByte finds
			// the next one many bytes at a time.
			k := nextMark(text[i:])
			if k < 0 {
				break
			}
			i += k
			j := i
			bangs := 0
			for j < len(text) && (text[j] == '!' || text[j] == '?') {
				if text[j] == '!' {
					bangs++
				}
				j++
			}
			run := text[i:j]
			switch {
			case bangs >= 3, strings.Contains(run, "?!"), strings.Contains(run, "!?"):
				return ln.start + i, ln.start + j, true
			case bangs == 2 && !rv.warmBefore(ln.tok0, ln.tok1, ln.start+i):
				return ln.start + i, ln.start + j, true
			}
			i = j - 1
		}
	}
	return 0, 0, false
}

// nextMark returns the index of the first '!' or '?' in s, or -1.
func nextMark(s string) int {
	b, q := strings.IndexByte(s, '!'), strings.IndexByte(s, '?')
	if b < 0 || q >= 0 && q < b {
		return q
	}
	return b
}

// warmBefore reports whether the clause ending just before byte offset pos
// (among tokens [t0, t1) of its line) thanks, greets, wishes well or keeps
// in touch.
func (rv *reviewer) warmBefore(t0, t1, pos int) bool {
	d := rv.d
	k := t0 + sort.Search(t1-t0, func(j int) bool { return int(d.toks[t0+j].start) >= pos }) - 1
	if k < t0 {
		return false
	}
	lo := d.clauseStart(k, negationReach*2, false)
	for _, c := range [...]category{catGratitude, catPleasantry, catDoor, catGoodbye, catGreeting} {
		if startsIn(d.m[c], lo, k+1) {
			return true
		}
	}
	return false
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
	if d.firstCaps < 0 {
		return 0, 0, false
	}
	// Before the first word in capitals, a run is never under way.
	for i := d.firstCaps; i < len(d.toks); i++ {
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
	// A name alone on a line after the body ("Jake", "– Ellis"), perhaps
	// under an unlisted closing ("Ta,") or over a title and contact lines.
	for li := n - 1; li >= 1 && li >= n-4; li-- {
		ln, prev := d.lines[li], d.lines[li-1]
		wrapped := !ln.gap && softWrap(d.msg, prev, ln) && !shortClosing(d.msg[prev.start:prev.end])
		if wrapped || !rv.lx.bareName(d.msg[ln.start:ln.end]) {
			if rv.signatureLine(li) {
				continue
			}
			break
		}
		rv.textEnd = li
		from := ln.start
		if p := d.lines[li-1]; li >= 2 && shortClosing(d.msg[p.start:p.end]) {
			rv.closeLine, rv.textEnd, from = li-1, li-1, p.start
		}
		return check(StatusPass, "The message closes with your name.", window(d.msg, from, ln.end, from, from))
	}
	// The same at the end of a one-paragraph note: "… grows. Abi",
	// "… stay connected – Ellis".
	if n > 0 && len(d.sents) > 0 {
		last := d.sents[len(d.sents)-1]
		ln := d.lines[n-1]
		a := last.start
		if k := lastDash(d.msg[ln.start:ln.end]); k > 0 && ln.start+k > a {
			a = ln.start + k
		}
		if a > ln.start && rv.lx.bareName(d.msg[a:ln.end]) {
			rv.nameAt = a
			return check(StatusPass, "The message closes with your name.", window(d.msg, a, ln.end, a, a))
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

// bareName reports whether text, a line or the end of one, is a name alone:
// one to three capitalised words, perhaps after a dash ("– Ellis") and
// before an emoji.
func (lx *lexicon) bareName(text string) bool {
	t := strings.TrimLeft(text, "-—–~ ")
	for {
		t = strings.TrimRightFunc(t, func(r rune) bool {
			return unicode.IsSpace(r) || unicode.IsSymbol(r) || r == '.' || r == '!' || r == '\uFE0F' || r == '\u200D'
		})
		// Kisses after the name: "Jess x", "Jo xx".
		i := strings.LastIndexByte(t, ' ')
		if i < 0 || strings.Trim(t[i+1:], "xo") != "" {
			break
		}
		t = t[:i]
	}
	if t == "" || strings.ContainsAny(t, ",|(:;") {
		return false
	}
	n := fieldCount(t, 3)
	if n > 3 {
		return false
	}
	var buf [32]byte
	for w := range strings.FieldsSeq(t) {
		if wi := lx.index.lookup(appendLower(buf[:0], strings.Trim(w, ".!"))); wi != nil && (wi.notName || wi.shoutWord) {
			return false
		}
	}
	if lx.nameLike(t, true) {
		return true
	}
	// In a message written all in lower case, a name may be too: one word
	// after a dash ("- jo"), or one word the lexicon does not know.
	if n != 1 || !lx.nameLike(t, false) {
		return false
	}
	dashed := len(t) < len(strings.TrimSpace(text))
	return dashed || lx.index.lookup(appendLower(buf[:0], t)) == nil
}

// lastDash returns the offset just after the last spaced dash or tilde in
// text ("… connected – Ellis"), or -1.
func lastDash(text string) int {
	best := -1
	for _, sep := range [...]string{" – ", " — ", " - ", " ~", " —", " –"} {
		if i := strings.LastIndex(text, sep); i >= 0 && i+len(sep) > best {
			best = i + len(sep)
		}
	}
	return best
}

// shortClosing reports whether text looks like a closing the lexicon does
// not list: a line of at most three words that ends in a comma ("Ta,",
// "Cheers mate,").
func shortClosing(text string) bool {
	return strings.HasSuffix(text, ",") && fieldCount(text, 3) <= 3
}

// signatureLine reports whether line li reads as part of a signature block
// (a title, a company, contact details) rather than a sentence.
func (rv *reviewer) signatureLine(li int) bool {
	text := rv.d.msg[rv.d.lines[li].start:rv.d.lines[li].end]
	if strings.ContainsAny(text, "@|+") || containsFold(text, "http") || containsFold(text, "www.") {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(text)
	if strings.ContainsRune(".!?,:;", last) || fieldCount(text, 6) > 6 {
		return false
	}
	digits := 0
	for _, r := range text {
		if unicode.IsDigit(r) {
			digits++
		}
	}
	return digits >= 6 || rv.lx.nameLike(text, true)
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
		if !contact && (strings.ContainsRune(".!?", last) || fieldCount(text, 6) > 6) {
			break
		}
		start = li
	}
	return start
}

// closingLine reports whether text is a closing: with the name on the same
// line ("Best, Sam"), or waiting for a name on the next one ("Best regards,").
func (lx *lexicon) closingLine(text string) (inline, needName bool) {
	t := trimDashes(text)
	for _, c := range lx.closingsFor(t) {
		phrase := lx.phrase(c)
		if !hasPrefixFold(t, phrase) {
			continue
		}
		rest := t[len(phrase):]
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
		case c.lead && fieldCount(rest, 10) <= 10:
			return false, true
		case (hasPrefixFold(core, "and ") || strings.HasPrefix(core, "& ")) && fieldCount(core, 6) <= 6:
			// "With warm regards and thanks again,"
			return false, true
		}
	}
	return false, false
}

// asciiLetterIndex returns the index in the alphabet of the first byte of
// s when that is an ASCII letter. Only such a letter lets closingLine narrow
// its search to the closings for that letter: EqualFold matches "k" to the
// Kelvin sign and "s" to the long s. Those take more bytes than the
// letters, though, so a text that starts with anything else can only begin
// with one of the closings lexicon.closingsBy holds for otherStart.
func asciiLetterIndex(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	c := s[0] | ('a' - 'A')
	if c < 'a' || c > 'z' {
		return 0, false
	}
	return int(c - 'a'), true
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
	if mayHoldTitle(s) {
		for _, sep := range [...]string{"|", ",", "(", " - ", " — ", " – "} {
			if i := strings.Index(s, sep); i >= 0 {
				s = s[:i]
			}
		}
	}
	if s != "" && (mayTrimName(s[0]) || mayTrimName(s[len(s)-1])) {
		s = strings.Trim(s, " \t.!—–-~")
	}
	n := fieldCount(s, 4)
	if n == 0 || n > 4 {
		return false
	}
	first := true
	for w := range strings.FieldsSeq(s) {
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
		var buf [32]byte
		lw := appendLower(buf[:0], strings.TrimRight(w, "."))
		if first {
			if wi := lx.index.lookup(lw); wi != nil && wi.notName {
				return false
			}
			first = false
		}
		r0, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLower(r0) && !lx.particles.has(lw) && (upper || n > 1) {
			return false
		}
	}
	return true
}

// mayHoldTitle reports whether s may hold one of the separators before a
// title that nameLike cuts at; most names hold none, which one pass over
// their bytes tells.
func mayHoldTitle(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '|', ',', '(', ' ':
			if s[i] != ' ' || i+1 < len(s) && (s[i+1] == '-' || s[i+1] >= utf8.RuneSelf) {
				return true
			}
		}
	}
	return false
}

// mayTrimName reports whether c, at an end of a name, may be trimmed from
// it: a byte of " \t.!-~", or one of a dash that is not ASCII.
func mayTrimName(c byte) bool {
	return c >= utf8.RuneSelf || c == ' ' || c == '\t' || c == '.' || c == '!' || c == '-' || c == '~'
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
		var buf [128]byte
		msg := append(buf[:0], what...)
		msg = append(msg, " may have "...)
		msg = strconv.AppendInt(msg, int64(limit), 10)
		msg = append(msg, " characters; this one has "...)
		msg = strconv.AppendInt(msg, int64(n), 10)
		if n <= limit {
			return check(StatusPass, string(append(msg, '.')), "")
		}
		cut := a
		for k := 0; k < limit; k++ {
			_, size := utf8.DecodeRuneInString(d.msg[cut:])
			cut += size
		}
		msg = append(msg, ", so cut "...)
		msg = strconv.AppendInt(msg, int64(n-limit), 10)
		return check(StatusFail, string(append(msg, '.')), window(d.msg, cut, b, cut, cut))
	}
	if d.words <= EmailWordLimit {
		return check(StatusPass, emailLengthPass[d.words], "")
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
	msg := "The email is " + strconv.Itoa(d.words) + " words long; aim for fewer than " + strconv.Itoa(EmailWordLimit) + "."
	return check(StatusWarn, msg, window(d.msg, from, d.bodyEnd, from, from))
}

// emailLengthPass holds the message of the length check that an email of
// each word count up to EmailWordLimit passes: most reviews are of emails,
// and a table spares each of them formatting a number.
var emailLengthPass = func() (m [EmailWordLimit + 1]string) {
	for n := range m {
		m[n] = "The email is " + strconv.Itoa(n) + " words long, short enough to read at a glance."
	}
	return m
}()

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
	case strings.IndexByte(subject, '\r') >= 0 || strings.IndexByte(subject, '\n') >= 0:
		return check(StatusFail, "The subject contains a line break; write it on one line.", "")
	case strings.TrimSpace(subject) == "":
		return check(StatusWarn, "Add a subject that names the role, such as \"Interview for Backend Engineer – Alex Kim\".", "")
	}
	return check(StatusPass, "The email has a subject line.", evidence)
}
