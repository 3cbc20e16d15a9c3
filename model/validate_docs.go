package model

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxDocumentCodeLen is the longest custom document code, in characters.
const MaxDocumentCodeLen = 10

// documents checks the custom document types: each code 1–10 characters without blanks
// and unique regardless of case, name and label given, translations in known locales; and
// against the codes ever saved: none missing (documents are never deleted) and none
// reused in another case (codes never change).
func (v *validator) documents(docs []Document, used []string) {
	// The codes ever saved, by fold key, each marked when a document still has it exactly.
	type usedCode struct {
		code    string
		present bool
	}
	usedCodes := make([]usedCode, 0, len(used))
	usedByFold := make(map[string]int, len(used))
	for _, u := range used {
		if u == "" {
			continue
		}
		key := foldKey(u)
		if k, ok := usedByFold[key]; !ok {
			usedByFold[key] = len(usedCodes)
		} else if usedCodes[k].code == u || slices.ContainsFunc(usedCodes, func(x usedCode) bool { return x.code == u }) {
			continue // listed twice
		}
		usedCodes = append(usedCodes, usedCode{code: u})
	}
	firstByFold := make(map[string]int, min(len(docs), 1024)) // bounded: a hostile list is long
	for i, d := range docs {
		v.documentCode(i, d.Code)
		if d.Code != "" {
			key := foldKey(d.Code)
			if j, dup := firstByFold[key]; dup {
				v.errorf(fmt.Sprintf("documents[%d].code", i), "code %q is already used by documents[%d] (%q): codes are unique regardless of case",
					shorten(d.Code), j, shorten(docs[j].Code))
			} else {
				firstByFold[key] = i
			}
			if k, ok := usedByFold[key]; ok {
				if usedCodes[k].code == d.Code {
					usedCodes[k].present = true
				} else if k2 := slices.IndexFunc(usedCodes, func(x usedCode) bool { return x.code == d.Code }); k2 >= 0 {
					usedCodes[k2].present = true // codes saved in two cases long ago: rare
				} else {
					v.errorf(fmt.Sprintf("documents[%d].code", i), "code %q reuses %q: codes can never change or be reused", shorten(d.Code), shorten(usedCodes[k].code))
				}
			}
		}
		if strings.TrimSpace(d.Name) == "" {
			v.errorf(fmt.Sprintf("documents[%d].name", i), "required: give the document type a name")
		}
		if strings.TrimSpace(d.Label) == "" {
			v.errorf(fmt.Sprintf("documents[%d].label", i), "required: give the default label in English")
		}
		for code, label := range d.Translations {
			if m := localeProblem(code); m != "" {
				v.errorf(keyPath(fmt.Sprintf("documents[%d].translations", i), code), "%s", m)
			} else if strings.TrimSpace(label) == "" {
				l, _ := LocaleByCode(code)
				v.errorf(keyPath(fmt.Sprintf("documents[%d].translations", i), code), "empty: give the label in %s or remove the translation", l.Name)
			}
		}
	}
	for _, u := range usedCodes {
		if !u.present {
			v.errorf("documents", "document %q is missing: custom documents can be disabled but never deleted", shorten(u.code))
		}
	}
}

// documentCode checks one code on its own: 1–10 characters, no blank of any kind. The
// portal says "blanks are not allowed"; invisible characters (zero-width space, controls)
// are refused too, since a code nobody can read back is a code nobody can reuse safely.
func (v *validator) documentCode(i int, code string) {
	path := func() string { return fmt.Sprintf("documents[%d].code", i) } // only when needed
	if code == "" {
		v.errorf(path(), "required: 1 to %d characters without blanks", MaxDocumentCodeLen)
		return
	}
	if n := utf8.RuneCountInString(code); n > MaxDocumentCodeLen {
		v.errorf(path(), "longer than %d characters (%d)", MaxDocumentCodeLen, n)
	}
	if isASCII(code) && !strings.ContainsFunc(code, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return // the usual case, without Unicode table lookups
	}
	pos := 0
	for _, r := range code {
		pos++
		switch {
		case unicode.IsSpace(r):
			v.errorf(path(), "must not contain whitespace (%q at position %d)", string(r), pos)
			return
		case r == utf8.RuneError:
			v.errorf(path(), "is not valid UTF-8 text (at position %d)", pos)
			return
		case unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r):
			v.errorf(path(), "must not contain invisible or control characters (%U at position %d)", r, pos)
			return
		}
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
