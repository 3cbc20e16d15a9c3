package fuzzy

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// folded is text prepared for matching: lower case, accents dropped, "_" read as "-".
// src maps each byte of s back to the byte offset, in the original, of the rune it came
// from; it is nil when every byte stayed in place (ASCII, the common case).
type folded struct {
	s   string
	src []int
}

// letters that do not decompose into a base letter and marks.
var special = map[rune]string{
	'ß': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe", 'ø': "o", 'Ø': "o",
	'đ': "d", 'Đ': "d", 'ł': "l", 'Ł': "l", 'ı': "i", 'ħ': "h", 'þ': "th", 'ð': "d",
}

// fold prepares s for matching.
func fold(s string) folded {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return folded{s: foldASCII(s)}
	}
	var b strings.Builder
	src := make([]int, 0, len(s)+4)
	for i, r := range s {
		n := b.Len()
		foldRune(&b, r)
		for range b.Len() - n {
			src = append(src, i)
		}
	}
	return folded{s: b.String(), src: src}
}

// foldQuery folds a query as fold folds the text it is matched against, and trims it.
func foldQuery(q string) string {
	return strings.TrimSpace(fold(q).s)
}

func foldASCII(s string) string {
	need := false
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' || c == '_' {
			need = true
			break
		}
	}
	if !need {
		return s
	}
	b := []byte(s)
	for i, c := range b {
		b[i] = foldByte(c)
	}
	return string(b)
}

func foldByte(c byte) byte {
	switch {
	case c >= 'A' && c <= 'Z':
		return c + 'a' - 'A'
	case c == '_':
		return '-'
	}
	return c
}

func foldRune(b *strings.Builder, r rune) {
	if r < utf8.RuneSelf {
		b.WriteByte(foldByte(byte(r)))
		return
	}
	if s, ok := special[r]; ok {
		b.WriteString(s)
		return
	}
	for _, d := range norm.NFD.String(string(r)) {
		if unicode.Is(unicode.Mn, d) {
			continue
		}
		b.WriteRune(unicode.ToLower(d))
	}
}

// orig maps folded byte offsets (ascending) back to the original's, dropping repeats
// (one original rune may fold into two: ß into ss).
func (f folded) orig(at []int) []int {
	if f.src == nil {
		return at
	}
	out := at[:0]
	last := -1
	for _, i := range at {
		if i < 0 || i >= len(f.src) {
			continue
		}
		o := f.src[i]
		if o != last {
			out = append(out, o)
			last = o
		}
	}
	return out
}

// span is the rune starts of s[from:to] in the original's offsets. It takes its room
// from the end of *arena, so one search allocates a few large slices, not one per match.
func (f folded) span(arena *[]int, from, to int) []int {
	if len(*arena)+to-from > cap(*arena) {
		*arena = make([]int, 0, max(512, 2*(to-from)))
	}
	start := len(*arena)
	for i := from; i < to; {
		*arena = append(*arena, i)
		_, n := utf8.DecodeRuneInString(f.s[i:])
		i += max(n, 1)
	}
	out := f.orig((*arena)[start:len(*arena):len(*arena)])
	*arena = (*arena)[:start+len(out)]
	return out
}

// wordStart reports whether a word of f starts at byte i.
func (f folded) wordStart(i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(f.s[:i])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}
