package model

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// Control characters (issue 7, point 4): nothing a document holds reaches a terminal
// raw through what model writes.

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"":                                 "",
		"DEU":                              "DEU",
		"pt-BR":                            "pt-BR",
		"Nebenkostenabrechnung für Bücher": "Nebenkostenabrechnung für Bücher", // printable: unchanged
		"文件 😀":                             "文件 😀",
		`a "quoted" \ word`:                `a "quoted" \ word`,
		"ab\ncd: fake":                     `"ab\ncd: fake"`,
		"\x1b[31mred\x1b[0m":               `"\x1b[31mred\x1b[0m"`,
		"\x1b]0;title\x07":                 `"\x1b]0;title\a"`,
		"tab\there":                        `"tab\there"`,
		"cr\rover":                         `"cr\rover"`,
		"del\x7f":                          `"del\x7f"`,
		"c1 \u009b31m":                     `"c1 \u009b31m"`, // the one-byte CSI of 8-bit terminals
		"bidi \u202eevil":                  `"bidi \u202eevil"`,
		"zero\u200bwidth":                  `"zero\u200bwidth"`,
		"line\u2028separator":              `"line\u2028separator"`,
		"no-break\u00a0space":              `"no-break\u00a0space"`,
		"bad \xff byte":                    `"bad \xff byte"`,
	} {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %s, want %s", in, got, want)
		}
	}
}

// safeLine reports what makes a line unsafe to print, or "".
func safeLine(line string) string {
	if !utf8.ValidString(line) {
		return "invalid UTF-8"
	}
	for _, r := range line {
		if r != ' ' && !strconv.IsPrint(r) && r != '…' && r != '→' && r != '×' {
			return "non-printable " + strconv.QuoteRune(r)
		}
	}
	return ""
}

// hostileDoc puts control characters, escape sequences and forged lines in every key
// and string value a person can write.
const hostileDoc = `{
  "general": {"callbackUrl": "https://a.example/\u001b[1mx", "successUrl": "https://b.example/\nforged: line",
              "ownedDomains": ["ex\u001b[31mample.com", "a\nb.com", "\u202ecom.evil"]},
  "client": {"captureMethod": "up\u001bload", "domainPrefix": "x\ny", "defaultLanguage": "d\u001be"},
  "branding": {"default": {"primaryColor": "#12\n345"},
               "locales": {"ab\ncd: fake": {"primaryColor": "#123456"}, "\u001b[2J": {"secondaryColor": "\u0007"}}},
  "acceptedIds": {"mode": "country\u001b", "regions": {"EU\rROPE": "all", "AFRICA": "n\u0000ne"},
                  "countries": {"\u001b]0;pwned\u0007DEU": ["PASSPORT"], "FRA": ["ID\nCARD"]}},
  "documents": [{"code": "A\u001bB", "name": "x\ny", "label": "\u001b[8m", "translations": {"de\nx": "y", "fr": "\u009b2J"}}]
}`

// TestNoControlCharactersInOutput: every violation and every diff line model produces
// for a hostile document is one printable line; a key "ab\ncd: fake" cannot forge a
// second line, and ESC never appears.
func TestNoControlCharactersInOutput(t *testing.T) {
	s := mustDecode(t, hostileDoc)
	var lines []string
	vs := Validate(s, Context{})
	for _, v := range vs {
		lines = append(lines, v.String())
	}
	lines = append(lines, vs.Lines(0)...)
	changes := Diff(Default(), s)
	for _, c := range changes {
		lines = append(lines, c.String())
	}
	if len(vs) < 20 || len(changes) < 20 {
		t.Fatalf("the hostile document gave only %d violations and %d changes", len(vs), len(changes))
	}
	for _, l := range lines {
		if why := safeLine(l); why != "" {
			t.Errorf("%s in %s", why, l)
		}
	}
	joined := strings.Join(lines, "\n")
	for _, want := range []string{
		`branding.locales."ab\ncd: fake": unknown locale "ab\ncd: fake"`,
		`acceptedIds.countries."\x1b]0;PWNED\aDEU": unknown country`,
		`documents[0].translations."de\nx": unknown locale`,
		`host "b.example" is not one of the owned domains ("ex\x1b[31mample.com", "a\nb.com", "\u202ecom.evil")`,
		`general.successUrl: (not set) → "https://b.example/\nforged: line"`,
	} {
		if !strings.Contains(joined, want) {
			t.Errorf("no line contains %s", want)
		}
	}
	// Whatever a message was built from, the String methods escape what slipped through.
	v := Violation{Path: "a\nb", Message: "c\x1bd"}
	c := Change{Path: "p", Old: "x\ny", New: "\x1b"}
	if v.String() != `"a\nb": "c\x1bd"` || c.String() != `p: "x\ny" → "\x1b"` {
		t.Errorf("String: %s / %s", v, c)
	}
}

// FuzzEscape: Escape's result is always one printable line that reads back as the input.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{"", "DEU", "ab\ncd: fake", "\x1b[31m", "\u202e", "\xff", "für", `"\`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e := Escape(s)
		if why := safeLine(e); why != "" {
			t.Fatalf("Escape(%q) = %s: %s", s, e, why)
		}
		if e == s {
			return
		}
		back, err := strconv.Unquote(e)
		if err != nil || back != s && utf8.ValidString(s) {
			t.Fatalf("Escape(%q) = %s does not read back: %q %v", s, e, back, err)
		}
	})
}
