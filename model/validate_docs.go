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
			v.report(path(), m)
		}
		if d.Code != "" {
			for _, m := range book.taken(d.Code, i) {
				v.report(path(), m)
			}
		}
		if m := DocumentNameProblem(d.Name); m != "" {
			v.report(fmt.Sprintf("documents[%d].name", i), m)
		}
		if m := DocumentLabelProblem(d.Label); m != "" {
			v.report(fmt.Sprintf("documents[%d].label", i), m)
		}
		for code, label := range d.Translations {
			if m := TranslationProblem(code, label); m != "" {
				v.report(keyPath(fmt.Sprintf("documents[%d].translations", i), code), m)
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

// report records the error msg, a sentence of the rules, at path. Unlike errorf it
// formats nothing: a hostile document may hold a quarter of a million documents, and
// passing each message through fmt would allocate for every one.
func (v *validator) report(path, msg string) {
	if v.out.wants(path, Error) {
		v.out.add(Violation{Path: path, Message: msg})
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
