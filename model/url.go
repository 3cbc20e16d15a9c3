package model

import (
	"fmt"
	"net/netip"
	"strings"
	"unicode/utf8"
)

// URL length limits of the General fields, in characters.
const (
	MaxCallbackURLLen = 255
	MaxSuccessURLLen  = 2047
	MaxErrorURLLen    = 255
)

// appendedParams are the query parameters the portal appends to the success and error
// URLs itself (see RedirectPreview); a URL that sets them would send them twice.
var appendedParams = []string{"transactionStatus", "customerInternalReference", "transactionReference", "errorCode"}

// CheckURL applies URL rules 1–9 of the spec to one URL and returns every violated rule
// as a message (empty when valid). An empty URL means "not set" and is valid. maxLen <= 0
// means no length limit; ownedDomains empty means any host.
//
// The URL is split by hand along RFC 3986's generic syntax rather than by net/url, which
// accepts characters RFC 3986 does not and stops at the first problem: here every rule
// is checked, so a person sees everything to fix at once. It runs in linear time.
func CheckURL(raw string, maxLen int, ownedDomains []string) []string {
	if raw == "" {
		return nil
	}
	var c msgList
	p, ok := splitURL(raw)
	if !ok {
		c.add(`not an absolute URL: it must start with "https://" and a host`)
		c.add(scanChars(raw, 0, 0)...)
		c.addLength(raw, maxLen)
		return c
	}
	// Rule 1.
	if !strings.EqualFold(p.scheme, "https") {
		c.add(fmt.Sprintf("scheme must be https (%q)", shorten(p.scheme)))
	}
	// Rule 2: the host has its own checks (IDNA) below, so the scan leaves it alone.
	c.add(scanChars(raw, p.hostStart, p.hostEnd)...)
	// Rule 3.
	var host string
	hostOK := false
	switch {
	case p.host == "":
		c.add(`no host: give a DNS name such as "example.com"`)
	case p.host[0] == '[':
		// RFC 3986's IP-literal: bracketed IPv6 or IPvFuture, valid or not.
		c.add(fmt.Sprintf("IP address not allowed (%q)", shorten(p.host)))
	default:
		var ms []string
		host, ms, hostOK = checkDNSName(p.host, fmt.Sprintf("host %q", shorten(p.host)))
		c.add(ms...)
	}
	// Rules 4–6.
	if p.port != "" {
		c.add(fmt.Sprintf("port not allowed (%q)", shorten(p.port)))
	}
	if p.hasFragment {
		c.add(fmt.Sprintf("fragment not allowed (%q)", shorten("#"+p.fragment)))
	}
	if p.hasUserinfo {
		c.add(fmt.Sprintf("user information not allowed (%q)", redactUserinfo(p.userinfo)))
	}
	// Rules 7 and 8 (names), then 8 (content).
	if p.hasQuery {
		checkQueryNames(p.query, &c)
	}
	for _, part := range [...]struct{ where, text string }{{"path", p.path}, {"query", p.query}, {"fragment", p.fragment}} {
		email, phone := findPII(part.text)
		if email {
			c.add("personal data not allowed: e-mail address in the " + part.where)
		}
		if phone {
			c.add("personal data not allowed: phone number in the " + part.where)
		}
	}
	// Rule 9: only a usable host can be compared; a broken one is reported already.
	if len(ownedDomains) > 0 && hostOK && !ownedBy(host, ownedDomains) {
		c.add(fmt.Sprintf("host %q is not one of the owned domains (%s)", shorten(p.host), listDomains(ownedDomains)))
	}
	c.addLength(raw, maxLen)
	return c
}

// msgList collects messages without repeating one.
type msgList []string

func (l *msgList) add(ms ...string) {
	for _, m := range ms {
		dup := false
		for _, o := range *l {
			if o == m {
				dup = true
				break
			}
		}
		if !dup {
			*l = append(*l, m)
		}
	}
}

// addLength checks the length limit on the raw string, in characters (bytes for ASCII).
func (l *msgList) addLength(raw string, maxLen int) {
	if n := utf8.RuneCountInString(raw); maxLen > 0 && n > maxLen {
		l.add(fmt.Sprintf("longer than %d characters (%d)", maxLen, n))
	}
}

// urlParts are the components of an absolute URL as RFC 3986 §3 delimits them.
type urlParts struct {
	scheme      string
	userinfo    string
	hasUserinfo bool
	host        string // as written; brackets kept
	// hostStart and hostEnd locate host in the raw string.
	hostStart, hostEnd int
	port               string // with its ":", "" when none
	path               string
	query              string
	hasQuery           bool
	fragment           string
	hasFragment        bool
}

// splitURL splits scheme://authority/path?query#fragment; ok is false when raw is not
// an absolute URL with an authority.
func splitURL(raw string) (p urlParts, ok bool) {
	colon := strings.IndexByte(raw, ':')
	if colon <= 0 || !validScheme(raw[:colon]) || !strings.HasPrefix(raw[colon+1:], "//") {
		return p, false
	}
	p.scheme = raw[:colon]
	off := colon + 3
	rest := raw[off:]
	if i := strings.IndexByte(rest, '#'); i >= 0 {
		p.fragment, p.hasFragment, rest = rest[i+1:], true, rest[:i]
	}
	if i := strings.IndexByte(rest, '?'); i >= 0 {
		p.query, p.hasQuery, rest = rest[i+1:], true, rest[:i]
	}
	auth := rest
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		auth, p.path = rest[:i], rest[i:]
	}
	// The last "@" ends the userinfo, as browsers read it: "a@b@host" is user "a@b".
	if i := strings.LastIndexByte(auth, '@'); i >= 0 {
		p.userinfo, p.hasUserinfo = auth[:i], true
		off += i + 1
		auth = auth[i+1:]
	}
	hostLen := len(auth)
	switch {
	case strings.HasPrefix(auth, "["):
		if i := strings.IndexByte(auth, ']'); i >= 0 && (i+1 == len(auth) || auth[i+1] == ':') {
			hostLen = i + 1
		}
	case strings.Count(auth, ":") > 1 && isIPv6(auth):
		// An unbracketed IPv6 address: its colons are no port.
	default:
		if i := strings.IndexByte(auth, ':'); i >= 0 {
			hostLen = i
		}
	}
	p.host, p.port = auth[:hostLen], auth[hostLen:]
	p.hostStart, p.hostEnd = off, off+hostLen
	return p, true
}

func isIPv6(s string) bool {
	_, err := netip.ParseAddr(s)
	return err == nil
}

// validScheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) (RFC 3986 §3.1).
func validScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		letter := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
		if !letter && (i == 0 || !('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	return s != ""
}

// redactUserinfo shows the user but never the password, which would otherwise end up in
// terminals and logs.
func redactUserinfo(u string) string {
	if user, _, found := strings.Cut(u, ":"); found {
		return shorten(user) + ":****@"
	}
	return shorten(u) + "@"
}

// The kinds of character problems, each reported once (at its first occurrence), so a
// long URL full of spaces gives one message, not hundreds.
const (
	charEscape = iota
	charControl
	charSpace
	charUTF8
	charNonASCII
	charOther
	charKinds
)

// scanChars checks every character outside raw[skipFrom:skipTo] against RFC 3986: ASCII
// only, non-ASCII percent-encoded, valid percent-escapes, no spaces, controls or
// characters that RFC 3986 does not allow anywhere ("<", "{", "\", …; "[" and "]" only
// around an IPv6 host).
func scanChars(raw string, skipFrom, skipTo int) []string {
	var msgs []string
	var seen [charKinds]bool
	note := func(kind int, i int, format string, args ...any) {
		if seen[kind] {
			return
		}
		seen[kind] = true
		pos := utf8.RuneCountInString(raw[:i]) + 1
		msgs = append(msgs, fmt.Sprintf(format, append(args, pos)...))
	}
	for i := 0; i < len(raw); {
		if i >= skipFrom && i < skipTo {
			i = skipTo
			continue
		}
		c := raw[i]
		switch {
		case c == '%':
			if i+2 < len(raw) && isHex(raw[i+1]) && isHex(raw[i+2]) {
				i += 3
				continue
			}
			end := i + 1
			for k := 0; k < 2 && end < len(raw); k++ {
				_, sz := utf8.DecodeRuneInString(raw[end:])
				end += sz
			}
			note(charEscape, i, `invalid percent-escape (%q at position %d): "%%" must be followed by two hex digits`, raw[i:end])
		case c < 0x20 || c == 0x7f:
			note(charControl, i, "control character not allowed (%U at position %d)", rune(c))
		case c == ' ':
			note(charSpace, i, `space not allowed (at position %d): encode it as "%%20"`)
		case c >= utf8.RuneSelf:
			r, sz := utf8.DecodeRuneInString(raw[i:])
			if r == utf8.RuneError && sz == 1 {
				note(charUTF8, i, "invalid UTF-8 byte 0x%02X: percent-encode it as %q (at position %d)", c, pctEncode(raw[i:i+1]))
			} else {
				note(charNonASCII, i, "non-ASCII character %q must be percent-encoded as %q (at position %d)", string(r), pctEncode(raw[i:i+sz]))
			}
			i += sz
			continue
		case !uriChar(c):
			note(charOther, i, "character %q not allowed: percent-encode it as %q (at position %d)", string(rune(c)), pctEncode(raw[i:i+1]))
		}
		i++
	}
	return msgs
}

// uriChar reports whether c may appear unencoded outside the host: RFC 3986's unreserved
// and reserved characters, less "[" and "]", which belong to IP literals only.
func uriChar(c byte) bool {
	if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
		return true
	}
	return strings.IndexByte("-._~!$&'()*+,;=:/?#@", c) >= 0
}

func pctEncode(s string) string {
	const hex = "0123456789ABCDEF"
	b := make([]byte, 0, 3*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, '%', hex[s[i]>>4], hex[s[i]&15])
	}
	return string(b)
}

// ownedBy reports whether the lower-case ASCII host is one of the domains or a subdomain
// of one, at a label boundary: "notexample.com" is not under "example.com".
func ownedBy(host string, domains []string) bool {
	for _, d := range domains {
		d = normalizeDomain(d)
		if d == "" {
			continue
		}
		if host == d || len(host) > len(d) && host[len(host)-len(d)-1] == '.' && host[len(host)-len(d):] == d {
			return true
		}
	}
	return false
}

// normalizeDomain gives an owned domain the form hosts are compared in: lower-case ASCII
// (the IDNA form of a Unicode name), without a trailing dot. Validate refuses domains
// that need this; CheckURL still compares them sensibly meanwhile.
func normalizeDomain(d string) string {
	d = strings.TrimSuffix(d, ".")
	if !isASCII(d) {
		a, _, ok := checkDNSName(d, "")
		if !ok {
			return ""
		}
		return a
	}
	for i := 0; i < len(d); i++ {
		if 'A' <= d[i] && d[i] <= 'Z' {
			return strings.ToLower(d)
		}
	}
	return d
}

// listDomains names the owned domains in a message, at most five of them, each through
// Escape: they are strings a user supplied.
func listDomains(ds []string) string {
	shown := make([]string, 0, 5)
	for _, d := range ds[:min(len(ds), 5)] {
		shown = append(shown, Escape(shorten(d)))
	}
	if len(ds) > 5 {
		return strings.Join(shown, ", ") + fmt.Sprintf(" and %d more", len(ds)-5)
	}
	return strings.Join(shown, ", ")
}
