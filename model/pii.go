package model

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"
)

// piiParamNames are query parameter names that denote personal data (URL rule 8). A name
// is compared after percent-decoding, case-insensitively and with "_" and "-" ignored, and
// must match one of these exactly: "first_name", "Last-Name" and "E-Mail" are refused,
// while "username" or "nameservice" pass. A substring match would refuse harmless names
// ("filename", "address_id"…) for little gain, since the e-mail and phone checks look at
// every value anyway.
var piiParamNames = []string{
	"email", "phone", "mobile", "tel", "name", "firstname", "lastname", "surname",
	"dob", "birthdate", "dateofbirth", "ssn", "passport", "address", "street", "zip",
	"postcode",
}

// checkQueryNames applies rule 7 (parameters the portal appends) and the parameter-name
// part of rule 8 to a raw query. Parameters are split at "&" and also at ";", which some
// servers still treat as a separator, so "a=1;errorCode=2" cannot slip through.
func checkQueryNames(q string, c *msgList) {
	for q != "" {
		seg := q
		if i := strings.IndexAny(q, "&;"); i >= 0 {
			seg, q = q[:i], q[i+1:]
		} else {
			q = ""
		}
		name, _, _ := strings.Cut(seg, "=")
		if name == "" {
			continue
		}
		name = pctDecode(name) // once, as the receiving server does
		for _, a := range appendedParams {
			if strings.EqualFold(name, a) {
				c.add(fmt.Sprintf("query parameter %q is appended by the portal and must not be set", shorten(name)))
			}
		}
		if isPIIName(name) {
			c.add(fmt.Sprintf("personal data not allowed: query parameter %q names personal data", shorten(name)))
		}
	}
}

// isPIIName reports whether a decoded parameter name is one of piiParamNames.
func isPIIName(name string) bool {
	if strings.ContainsAny(name, "_-") {
		name = strings.NewReplacer("_", "", "-", "").Replace(name)
	}
	for _, p := range piiParamNames {
		// EqualFold, not ToLower: the Kelvin sign or a long s must not smuggle a name past.
		if strings.EqualFold(name, p) {
			return true
		}
	}
	return false
}

// findPII looks for an e-mail address and a phone number in one raw URL part. It
// decodes percent-escapes repeatedly (at most three times) and looks at every stage, so
// "%2540" hides no "@". A "+" stays a "+" (no form decoding): in a query it may mean a
// space to the server, but "+4915112345678" is a phone number to a person.
func findPII(raw string) (email, phone bool) {
	s := raw
	for round := 0; ; round++ {
		email = email || hasEmail(s)
		phone = phone || hasPhone(s)
		if round == 3 || strings.IndexByte(s, '%') < 0 {
			return email, phone
		}
		d := pctDecode(s)
		if d == s {
			return email, phone
		}
		s = d
	}
}

// pctDecode decodes valid percent-escapes and leaves anything else as it is.
func pctDecode(s string) string {
	if strings.IndexByte(s, '%') < 0 {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
			continue
		}
		b = append(b, s[i])
	}
	return string(b)
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}

// hasEmail reports whether s (one URL part, decoded) contains an e-mail address: a real
// local part, "@", and a domain of two or more labels whose last label is a top-level
// domain that exists. The local part is the run of RFC 5322 atext characters and dots
// just before "@", not counting what a URL puts around it ("/", "?", "&", "=", ";",
// ":"); it must hold a letter or digit and neither start nor end with a dot. The TLD must
// be in the ICANN section of the public suffix list (golang.org/x/net/publicsuffix),
// an internationalised one in either form ("xn--p1ai" or "рф"). So "/@john.smith",
// "/users/@me.json" and "logo@2x.png" are not addresses (no local part; "png" is no
// TLD), while "jane@example.com" and "ivan@mail.xn--p1ai" are. Linear: each scan stops
// at the next "@".
func hasEmail(s string) bool {
	for i := 1; i < len(s); i++ {
		if s[i] != '@' || !emailLocal(s[:i]) {
			continue
		}
		j := i + 1
		for j < len(s) && (isLDH(s[j]) || s[j] == '.' || s[j] >= 0x80) {
			j++
		}
		if emailDomain(strings.TrimRight(s[i+1:j], ".")) {
			return true
		}
	}
	return false
}

// emailLocal reports whether before ends with a real local part.
func emailLocal(before string) bool {
	k := len(before)
	for k > 0 && isLocalChar(before[k-1]) {
		k--
	}
	local := before[k:]
	if local == "" || local[0] == '.' || local[len(local)-1] == '.' {
		return false
	}
	return strings.IndexFunc(local, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

// isLocalChar: RFC 5322 atext and ".", and any UTF-8 byte (RFC 6531 addresses), less the
// characters that delimit parts of a URL ("/", "?", "&", "=", "#"; ";" and ":" are not
// atext anyway).
func isLocalChar(c byte) bool {
	return isLDH(c) || c >= 0x80 || strings.IndexByte(".!$%'*+^_`{|}~", c) >= 0
}

// emailDomain reports whether d is a domain an address can be at: two or more labels,
// none empty, the last a top-level domain in the public suffix list's ICANN section.
func emailDomain(d string) bool {
	dot := strings.LastIndexByte(d, '.')
	if dot <= 0 || strings.Contains(d, "..") || d[0] == '.' {
		return false
	}
	tld := strings.ToLower(d[dot+1:])
	if !isASCII(tld) {
		a, err := idna.Lookup.ToASCII(tld)
		if err != nil {
			return false
		}
		tld = a
	}
	if tld == "" || strings.Contains(tld, ".") {
		return false
	}
	suffix, icann := publicsuffix.PublicSuffix(tld)
	return icann && suffix == tld
}

// hasPhone reports whether s (one URL part, decoded) contains a phone number: a plus
// sign ("+", or the full-width "＋" or small "﹢") followed by 8 to 15 digits (E.164
// allows at most 15), digits of any script. Separators may sit between the digits, at
// most two in a row: space, "-", ".", "(", ")", "+" (a space, in a form-encoded query:
// "%2B49+151+1234+5678") and any Unicode space or dash (a no-break space, a thin space,
// an en dash…), so "+49 151 1234 5678", "+1 (555) 123-4567" and "+44.20.7946.0958" all
// count. "/" does not, so "+1/2024/01/15" is no phone number. The digit run is read as a
// whole: 16 or more digits are some other number, not a phone.
func hasPhone(s string) bool {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if r != '+' && r != '＋' && r != '﹢' {
			continue
		}
		digits, seps := 0, 0
		for i < len(s) {
			r, n := utf8.DecodeRuneInString(s[i:])
			if unicode.IsDigit(r) {
				digits++
				seps = 0
			} else if isPhoneSeparator(r) && seps < 2 {
				seps++
			} else {
				break
			}
			i += n // the next "+" is at or after i: keeps the scan linear
		}
		if digits >= 8 && digits <= 15 {
			return true
		}
	}
	return false
}

func isPhoneSeparator(r rune) bool {
	return strings.ContainsRune(" -.()+", r) || unicode.Is(unicode.Zs, r) || unicode.Is(unicode.Pd, r)
}
