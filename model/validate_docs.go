package model

import (
	"fmt"
	"strings"
	"unicode"
)

// MaxDocumentCodeLen is the longest custom document code, in characters.
const MaxDocumentCodeLen = 10

// documents checks the custom document types with the rules of documents.go: each code
// 1–10 characters without blanks and unique regardless of case, name and label given,
// translations in known locales; and against the codes ever saved: none missing
// (documents are never deleted) and none reused in another case (codes never change).
func (v *validator) documents(docs []Document, used []UsedCode) {
	book := newCodeBook(docs, used)
	for i, d := range docs {
		path := func() string { return fmt.Sprintf("documents[%d].code", i) } // only when needed
		for _, m := range DocumentCodeProblems(d.Code) {
			v.errorf(path(), "%s", m)
		}
		if d.Code != "" {
			for _, m := range book.taken(d.Code, i) {
				v.errorf(path(), "%s", m)
			}
		}
		if m := DocumentNameProblem(d.Name); m != "" {
			v.errorf(fmt.Sprintf("documents[%d].name", i), "%s", m)
		}
		if m := DocumentLabelProblem(d.Label); m != "" {
			v.errorf(fmt.Sprintf("documents[%d].label", i), "%s", m)
		}
		for code, label := range d.Translations {
			if m := TranslationProblem(code, label); m != "" {
				v.errorf(keyPath(fmt.Sprintf("documents[%d].translations", i), code), "%s", m)
			}
		}
	}
	v.missingDocuments(docs, used)
}

// missingDocuments reports every code ever saved that no document has exactly:
// documents are disabled, never deleted.
func (v *validator) missingDocuments(docs []Document, used []UsedCode) {
	if len(used) == 0 {
		return
	}
	present := make(map[string]bool, min(len(docs), 1024))
	for _, d := range docs {
		present[d.Code] = true
	}
	for _, u := range used {
		if u.Code == "" || present[u.Code] {
			continue
		}
		present[u.Code] = true // once, however often it is listed
		v.errorf("documents", "document %q is missing: custom documents can be disabled but never deleted", shorten(u.Code))
	}
}

// foldKey maps a string to a key that two strings share exactly when strings.EqualFold
// says they are equal: each rune becomes the smallest rune of its case-folding orbit.
func foldKey(s string) string {
	if isASCII(s) {
		return strings.ToUpper(s) // in ASCII the upper-case letter is the smallest
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		m := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			m = min(m, f)
		}
		b.WriteRune(m)
	}
	return b.String()
}
