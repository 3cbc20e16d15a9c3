package model

import (
	"strconv"
	"unicode/utf8"
)

// Escape makes a string someone supplied safe to print in a terminal line. A string of
// printable characters (letters of any script, digits, punctuation, symbols and the
// ASCII space, as strconv.IsPrint judges) is returned as it is, so ordinary values read
// as typed. Any other string is returned quoted as Go quotes it (strconv.Quote): a
// newline shows as \n and cannot forge a second line, ESC shows as \x1b and cannot
// drive the terminal, and bidi overrides, zero-width characters and bytes that are not
// UTF-8 all become visible escapes.
//
// model passes every user-supplied string through it (or quotes it outright) in the
// paths and messages of violations, in diff lines and in suggestions; Violation.String
// and Change.String apply it once more to the whole path and message, so a line model
// produces never carries a control character. The command line prints through those,
// and the editor calls Escape for any document string it draws.
func Escape(s string) string {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return strconv.Quote(s)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || !strconv.IsPrint(r) {
			return strconv.Quote(s)
		}
		i += n
	}
	return s
}
