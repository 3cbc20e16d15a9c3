package model

import (
	"fmt"
	"net/netip"
	"strings"

	"golang.org/x/net/idna"
)

// DNS length limits (RFC 1035 §2.3.4, as resolvers count them: without the root dot).
const (
	maxLabelLen = 63
	maxNameLen  = 253
)

// checkDNSName checks that name is a DNS name of at least two labels and no IP address in
// any form, as both a URL's host (rule 3) and an owned domain must be. subject names it in
// the messages (`host "x"` or just `"x"`). It returns the lower-case ASCII form to compare
// with (the IDNA form of a Unicode name) and ok=false when name is not usable as a host at
// all (then the form is "" and owned-domain comparisons are pointless).
func checkDNSName(name, subject string) (ascii string, msgs []string, ok bool) {
	if name == "" {
		return "", []string{subject + ` is empty: give a DNS name such as "example.com"`}, false
	}
	if !isASCII(name) {
		a, err := idna.Lookup.ToASCII(name)
		if err != nil || !isASCII(a) {
			return "", []string{subject + " is not ASCII and has no valid IDNA (Punycode) form"}, false
		}
		if isIPHost(a) {
			// Full-width digits map to an IP address: suggesting that form would be a trap.
			return "", []string{fmt.Sprintf("IP address not allowed (%q)", name)}, false
		}
		msgs = append(msgs, fmt.Sprintf("%s is not ASCII: use its IDNA form %q", subject, a))
		name = a
	}
	if isIPHost(name) {
		return "", []string{fmt.Sprintf("IP address not allowed (%q)", name)}, false
	}
	ok = true
	if strings.HasSuffix(name, ".") && len(name) > 1 {
		// A trailing root dot is legal DNS but makes "example.com." differ from the owned
		// "example.com" in every comparison; the portal wants the plain form. The form
		// suggested must itself be allowed: "127.0.0.1.." is an IP address with dots.
		trimmed := strings.TrimRight(name, ".")
		if isIPHost(trimmed) {
			return "", []string{fmt.Sprintf("IP address not allowed (%q)", name)}, false
		}
		msgs = append(msgs, fmt.Sprintf("%s must not end with a dot: use %q", subject, trimmed))
		name = trimmed
		ok = name != ""
	}
	if len(name) > maxNameLen {
		msgs = append(msgs, fmt.Sprintf("%s is longer than %d characters (%d)", subject, maxNameLen, len(name)))
	}
	labels := strings.Split(name, ".")
	if len(labels) < 2 {
		msgs = append(msgs, fmt.Sprintf(`%s must be a DNS name of at least two labels, such as "example.com"`, subject))
		ok = false
	}
	for _, l := range labels {
		if m := labelProblem(l); m != "" {
			msgs = append(msgs, subject+m)
			ok = false
		}
	}
	return strings.ToLower(name), msgs, ok
}

// labelProblem returns what is wrong with one DNS label (after the subject, starting with a
// space), or "" when the label is fine. Only the first problem is named: one is enough to
// fix, and a long bad label would otherwise flood the list.
func labelProblem(l string) string {
	switch {
	case l == "":
		return " has an empty label (two dots in a row, or a dot at the start)"
	case len(l) > maxLabelLen:
		return fmt.Sprintf(" has a label longer than %d characters (%q is %d)", maxLabelLen, shorten(l), len(l))
	}
	for i := 0; i < len(l); i++ {
		if !isLDH(l[i]) {
			return fmt.Sprintf(" has a character not allowed in a DNS name (%q): use letters, digits and hyphens", l[i:i+1])
		}
	}
	if l[0] == '-' || l[len(l)-1] == '-' {
		return fmt.Sprintf(" has a label that starts or ends with a hyphen (%q)", l)
	}
	if len(l) >= 4 && strings.EqualFold(l[:4], "xn--") {
		// An A-label must decode, and encode back to itself, under the Lookup profile:
		// otherwise two spellings could name one host, or none.
		u, err := idna.Lookup.ToUnicode(l)
		if err == nil {
			var back string
			back, err = idna.Lookup.ToASCII(u)
			if err == nil && back != strings.ToLower(l) {
				err = fmt.Errorf("does not round-trip")
			}
		}
		if err != nil {
			return fmt.Sprintf(" has a label that is not valid IDNA (%q)", l)
		}
	}
	return ""
}

// isIPHost reports whether a host is an IP address in any form a browser accepts: dotted
// IPv4, IPv6, and the WHATWG numeric forms (2130706433, 0x7f.1, 0177.0.0.1, 127.1). The
// WHATWG URL parser treats a host whose last label is a number (decimal, or 0x-hex; octal
// is all digits too) as IPv4, so such a host is refused whatever the other labels are.
func isIPHost(h string) bool {
	h = strings.TrimSuffix(h, ".") // the WHATWG parser ignores one trailing empty label
	if h == "" {
		return false
	}
	if _, err := netip.ParseAddr(h); err == nil {
		return true
	}
	last := h[strings.LastIndexByte(h, '.')+1:]
	if last == "" {
		return false
	}
	if len(last) >= 2 && last[0] == '0' && (last[1] == 'x' || last[1] == 'X') {
		for i := 2; i < len(last); i++ {
			if !isHex(last[i]) {
				return false
			}
		}
		return true
	}
	for i := 0; i < len(last); i++ {
		if last[i] < '0' || last[i] > '9' {
			return false
		}
	}
	return true
}

// isLDH reports whether c may appear in a DNS label: a letter, a digit or a hyphen.
func isLDH(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-'
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// shorten keeps quoted parts of messages readable: long values are cut to 40 characters.
func shorten(s string) string {
	const max = 40
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && s[cut]&0xC0 == 0x80 { // do not split a UTF-8 sequence
		cut--
	}
	return s[:cut] + "…"
}
