package model

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// UsedCode is a custom document code that a saved revision holds, with the first
// revision that saved it. A code once saved is never used again, in any case, even by a
// document that is now disabled: integrations and old verifications refer to it. The
// editor names the revision when it refuses a code.
type UsedCode struct {
	Code string
	// Revision is the first revision that saved the code; 0 when it is not known (a
	// document edited as a file has no revisions).
	Revision int
}

// The rules of a custom document type (PRODUCT.md §1.6), each written once: Validate
// (and so the importer and `idvset validate`) applies them to every document, the
// Documents pane's forms call them on every keystroke.

// DocumentCodeProblems is the rule of a code on its own: 1–10 characters, no blank of any
// kind. The portal says "blanks are not allowed"; invisible characters (zero-width space,
// controls) are refused too, since a code nobody can read back is a code nobody can reuse
// safely. Each problem is a sentence; none means the shape is right.
func DocumentCodeProblems(code string) []string {
	if code == "" {
		return codeRequired
	}
	var out []string
	if n := utf8.RuneCountInString(code); n > MaxDocumentCodeLen {
		out = append(out, fmt.Sprintf("longer than %d characters (%d)", MaxDocumentCodeLen, n))
	}
	if isASCII(code) && !strings.ContainsFunc(code, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return out // the usual case, without Unicode table lookups
	}
	pos := 0
	for _, r := range code {
		pos++
		switch {
		case unicode.IsSpace(r):
			return append(out, fmt.Sprintf("must not contain whitespace (%q at position %d)", string(r), pos))
		case r == utf8.RuneError:
			return append(out, fmt.Sprintf("is not valid UTF-8 text (at position %d)", pos))
		case unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r):
			return append(out, fmt.Sprintf("must not contain invisible or control characters (%U at position %d)", r, pos))
		}
	}
	return out
}

// codeRequired is the problem of an empty code, made once: a hostile document may have
// a quarter of a million documents without one. Callers must not modify it.
var codeRequired = []string{fmt.Sprintf("required: 1 to %d characters without blanks", MaxDocumentCodeLen)}

// NewDocumentCodeProblems is the rule of the code of a document about to be added to
// docs: its shape (DocumentCodeProblems), and no earlier use in any case, whether by a
// document of docs (enabled or disabled, saved or added in this draft) or by a revision
// (used), naming the revision that first saved it. None means the code is free.
func NewDocumentCodeProblems(code string, docs []Document, used []UsedCode) []string {
	out := DocumentCodeProblems(code)
	if code == "" {
		return out
	}
	return append(slices.Clip(out), newCodeBook(docs, used).taken(code, -1)...)
}

// DocumentNameProblem is the rule of a document type's name: given.
func DocumentNameProblem(name string) string {
	if strings.TrimSpace(name) == "" {
		return "required: give the document type a name"
	}
	return ""
}

// DocumentLabelProblem is the rule of a document type's default label: given, in English.
func DocumentLabelProblem(label string) string {
	if strings.TrimSpace(label) == "" {
		return "required: give the default label in English"
	}
	return ""
}

// TranslationProblem is the rule of one translation of a label: a locale of the 39, in
// canonical form, and a label that is not blank.
func TranslationProblem(locale, label string) string {
	if m := localeProblem(locale); m != "" {
		return m
	}
	if strings.TrimSpace(label) == "" {
		l, _ := LocaleByCode(locale)
		return fmt.Sprintf("empty: give the label in %s or remove the translation", l.Name)
	}
	return ""
}

// codeBook answers "who used this code before?" for a list of documents and the codes
// ever saved, by case-folded key, so a check costs the same for 3 documents as for 300.
type codeBook struct {
	docs []Document
	used []UsedCode
	// firstDoc is the first document with each fold key.
	firstDoc map[string]int
	// usedByFold lists the saved codes with each fold key: one, except in data saved in
	// two cases long ago.
	usedByFold map[string][]int
}

func newCodeBook(docs []Document, used []UsedCode) *codeBook {
	b := &codeBook{docs: docs, used: used,
		firstDoc:   make(map[string]int, min(len(docs), 1024)), // bounded: a hostile list is long
		usedByFold: make(map[string][]int, min(len(used), 1024)),
	}
	for i, d := range docs {
		if d.Code == "" {
			continue
		}
		if _, ok := b.firstDoc[foldKey(d.Code)]; !ok {
			b.firstDoc[foldKey(d.Code)] = i
		}
	}
	for i, u := range used {
		if u.Code != "" {
			k := foldKey(u.Code)
			b.usedByFold[k] = append(b.usedByFold[k], i)
		}
	}
	return b
}

// saved returns the saved code that is code exactly, else the first in another case.
func (b *codeBook) saved(code string) (u UsedCode, exact, ok bool) {
	for _, i := range b.usedByFold[foldKey(code)] {
		if b.used[i].Code == code {
			return b.used[i], true, true
		}
		if !ok {
			u, ok = b.used[i], true
		}
	}
	return u, false, ok
}

// earlierDocument is the first document with code's fold key, when it comes before self
// (self < 0: any document).
func (b *codeBook) earlierDocument(code string, self int) (int, bool) {
	j, ok := b.firstDoc[foldKey(code)]
	if !ok || (self >= 0 && j >= self) {
		return 0, false
	}
	return j, true
}

// taken is the one rule of code reuse, for the document at index self of docs or, when
// self < 0, for a document about to be added. A document's code must not be the code of
// an earlier document in any case, nor a saved code in another case; a new document may
// not take a saved code in any case either. It returns nothing when the code is free.
func (b *codeBook) taken(code string, self int) []string {
	if self >= 0 {
		var out []string
		if j, ok := b.earlierDocument(code, self); ok {
			out = append(out, fmt.Sprintf("code %q is already used by documents[%d] (%q): codes are unique regardless of case",
				shorten(code), j, shorten(b.docs[j].Code)))
		}
		if u, exact, ok := b.saved(code); ok && !exact {
			out = append(out, fmt.Sprintf("code %q reuses %q, %s: codes can never change or be reused",
				shorten(code), shorten(u.Code), firstSaved(u.Revision)))
		}
		return out
	}
	if j, ok := b.earlierDocument(code, -1); ok {
		d := b.docs[j]
		who := fmt.Sprintf("%q (%s)", shorten(d.Code), Escape(shorten(d.Name)))
		if !d.Enabled {
			who = "the disabled document " + who
		}
		if u, _, ok := b.saved(d.Code); ok {
			return []string{fmt.Sprintf("code %q is taken: %s has used it %s; a code is never used twice, in any case, even once disabled",
				shorten(code), who, since(u.Revision))}
		}
		return []string{fmt.Sprintf("code %q is taken: %s was added in this draft; codes are unique regardless of case", shorten(code), who)}
	}
	if u, _, ok := b.saved(code); ok {
		return []string{fmt.Sprintf("code %q was used as %q %s; a code once used is never used again, in any case",
			shorten(code), shorten(u.Code), inRevision(u.Revision))}
	}
	return nil
}

// firstSaved, since and inRevision name the revision that first saved a code, or say
// "before" when it is not known.
func firstSaved(rev int) string {
	if rev > 0 {
		return fmt.Sprintf("first saved in revision %d", rev)
	}
	return "saved before"
}

func since(rev int) string {
	if rev > 0 {
		return fmt.Sprintf("since revision %d", rev)
	}
	return "since an earlier save"
}

func inRevision(rev int) string {
	if rev > 0 {
		return fmt.Sprintf("in revision %d", rev)
	}
	return "before"
}
