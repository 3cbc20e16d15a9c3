package common

import (
	"strconv"
	"unicode"
	"unicode/utf8"
)

// Safe is s as it may be printed on the terminal: unchanged when every character of it
// is printable, else quoted as Go quotes strings ("a\x1b[2J\nb"), so that control
// characters (escape sequences, line breaks, bidi overrides) in a value someone typed,
// imported or stored can neither drive the terminal nor forge a line of the screen.
// Print every user-supplied string through it: values, paths, keys, error texts.
//
// model is getting an exported escaping function of its own (issue 7, point 4); once it
// lands, Safe becomes a call to it, so both sides escape alike.
func Safe(s string) string {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n <= 1 || !unicode.IsPrint(r) {
			return strconv.Quote(s)
		}
		i += n
	}
	return s
}
