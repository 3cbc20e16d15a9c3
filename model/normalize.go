package model

import (
	"slices"
	"strings"
)

// Spellings that mean the same thing, normalised alike by Decode and by Encode (see
// canonical), so that settings built in code compare and encode like decoded ones.

// normLocale normalises a locale code as NormalizeLocale does, but only plain ASCII
// codes: Unicode case mapping could turn a wrong key into a valid one (the Kelvin sign
// lower-cases to "k"), hiding it from Validate. Blank stays as given for the same reason.
func normLocale(code string) string {
	if localeIsNormal(code) || strings.TrimSpace(code) == "" || !asciiOnly(code) {
		return code
	}
	return NormalizeLocale(code)
}

// localeIsNormal reports, without allocating, that NormalizeLocale would return an ASCII
// code unchanged: no "_", no surrounding space, a lower-case language and an upper-case
// region. Encode and Diff check every locale key this way.
func localeIsNormal(code string) bool {
	if code == "" || code[0] <= ' ' || code[len(code)-1] <= ' ' {
		return false
	}
	region := false
	for i := 0; i < len(code); i++ {
		switch c := code[i]; {
		case c >= 0x80 || c == '_':
			return false
		case c == '-':
			region = true
		case !region && c >= 'A' && c <= 'Z', region && c >= 'a' && c <= 'z':
			return false
		}
	}
	return true
}

// asciiUpper upper-cases ASCII letters only, for colours, country and region codes; it
// returns s itself when nothing changes.
func asciiUpper(s string) string {
	i := strings.IndexFunc(s, func(r rune) bool { return r >= 'a' && r <= 'z' })
	if i < 0 {
		return s
	}
	b := []byte(s)
	for j := i; j < len(b); j++ {
		if b[j] >= 'a' && b[j] <= 'z' {
			b[j] -= 'a' - 'A'
		}
	}
	return string(b)
}

// normColor upper-cases a "#rrggbb" colour, the stored form. Anything else is left as
// written, so the message about it quotes what the person typed ("blue", not "BLUE").
func normColor(s string) string {
	if len(s) != 7 || s[0] != '#' || !hexString(s[1:]) {
		return s
	}
	return asciiUpper(s)
}

func asciiOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// idTypeRank orders ID types as IDTypes does; unknown types come after every known one.
func idTypeRank(t IDType) int {
	if i := idTypeIndex(t); i >= 0 {
		return i
	}
	return len(IDTypes())
}

// sortIDTypes puts a list into IDTypes order, stably, so duplicates stay next to each
// other for Validate to report.
func sortIDTypes(ts []IDType) {
	slices.SortStableFunc(ts, func(a, b IDType) int { return idTypeRank(a) - idTypeRank(b) })
}

func idTypesSorted(ts []IDType) bool {
	return slices.IsSortedFunc(ts, func(a, b IDType) int { return idTypeRank(a) - idTypeRank(b) })
}
