package model

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Context is what validation needs beyond the document itself.
type Context struct {
	// Catalog decides the "not supported by the catalog" warnings; nil means DefaultCatalog.
	Catalog *Catalog
	// UsedCodes are the custom document codes ever saved (from the store), each with the
	// first revision that saved it: none may be missing from the document (documents are
	// never deleted) or reused in another case.
	UsedCodes []UsedCode
}

// Limits of the General and Client fields.
const (
	MinTokenLifetimeMinutes = 5
	MaxTokenLifetimeMinutes = 86400
	MaxDomainPrefixLen      = 63
)

// defaultCatalogOnce parses the embedded catalog once: Validate runs on every keystroke
// and the catalog is never modified by validation.
var defaultCatalogOnce = sync.OnceValue(DefaultCatalog)

// localeTable answers "is this a canonical locale code?" without hashing, since Validate
// asks it for every translation of every document on every keystroke: two-letter codes
// by a 26×26 table, the few regional ones ("pt-BR") by comparison. Built from locales.
var localeTable = func() (t struct {
	two      [26][26]bool
	regional []string
}) {
	for _, l := range locales {
		if len(l.Code) == 2 {
			t.two[l.Code[0]-'a'][l.Code[1]-'a'] = true
		} else {
			t.regional = append(t.regional, l.Code)
		}
	}
	return t
}()

// isLocaleCode reports whether code is one of the 39 locale codes, in canonical form.
func isLocaleCode(code string) bool {
	if len(code) == 2 {
		a, b := code[0]-'a', code[1]-'a' // bytes wrap around below 'a'
		return a < 26 && b < 26 && localeTable.two[a][b]
	}
	return slices.Contains(localeTable.regional, code)
}

// Validate checks every rule of the spec and returns all violations, errors and
// warnings, sorted by path: at most MaxViolations, the first in path order, and then one
// entry that counts the rest (Violation.Omitted).
func Validate(s Settings, ctx Context) Violations {
	cat := ctx.Catalog
	if cat == nil {
		cat = defaultCatalogOnce()
	}
	var v validator
	v.general(s.General)
	v.client(s.Client)
	v.branding(s.Branding)
	v.acceptedIDs(s.AcceptedIDs, cat)
	v.dataSettings(s.DataSettings)
	v.documents(s.Documents, ctx.UsedCodes)
	// Security holds only the two-factor switch: nothing to check.
	return v.out.result()
}

// validator collects violations, at most MaxViolations (see collector). Paths are built
// only when something is wrong, so a valid document costs few allocations.
type validator struct {
	out collector
}

func (v *validator) errorf(path, format string, args ...any) {
	if v.out.wants(path, Error) {
		v.out.add(Violation{Path: path, Message: fmt.Sprintf(format, args...)})
	}
}

func (v *validator) warnf(path, format string, args ...any) {
	if v.out.wants(path, Warning) {
		v.out.add(Violation{Path: path, Message: fmt.Sprintf(format, args...), Severity: Warning})
	}
}

func (v *validator) general(g General) {
	for _, u := range [...]struct {
		path, url string
		max       int
	}{
		{"general.callbackUrl", g.CallbackURL, MaxCallbackURLLen},
		{"general.successUrl", g.SuccessURL, MaxSuccessURLLen},
		{"general.errorUrl", g.ErrorURL, MaxErrorURLLen},
	} {
		for _, m := range CheckURL(u.url, u.max, g.OwnedDomains) {
			v.errorf(u.path, "%s", m)
		}
	}
	if t := g.TokenLifetimeMinutes; t < MinTokenLifetimeMinutes || t > MaxTokenLifetimeMinutes {
		v.errorf("general.tokenLifetimeMinutes", "must be between %d and %d minutes (%d)",
			MinTokenLifetimeMinutes, MaxTokenLifetimeMinutes, t)
	}
	seen := make(map[string]int, len(g.OwnedDomains))
	for i, d := range g.OwnedDomains {
		path := fmt.Sprintf("general.ownedDomains[%d]", i)
		for _, m := range ownedDomainProblems(d) {
			v.errorf(path, "%s", m)
		}
		key := normalizeDomain(d)
		if key == "" {
			key = strings.ToLower(d)
		}
		if j, dup := seen[key]; dup {
			v.errorf(path, "%q is listed twice (also general.ownedDomains[%d])", shorten(d), j)
			continue
		}
		seen[key] = i
	}
}

// ownedDomainProblems checks one owned domain: a lower-case ASCII DNS name of at least two
// labels, no IP address, no scheme or path around it.
func ownedDomainProblems(d string) []string {
	if strings.TrimSpace(d) == "" {
		return []string{`empty: give a DNS name such as "example.com"`}
	}
	if isIPv6(strings.Trim(d, "[]")) {
		return []string{fmt.Sprintf("IP address not allowed (%q)", shorten(d))}
	}
	if i := strings.Index(d, "://"); i >= 0 || strings.ContainsAny(d, "/?#@:") {
		// People paste URLs here; say what to keep rather than list every bad character.
		h := d
		if i >= 0 {
			h = h[i+3:]
		}
		if j := strings.IndexAny(h, "/?#"); j >= 0 {
			h = h[:j]
		}
		h = h[strings.LastIndexByte(h, '@')+1:]
		if j := strings.IndexByte(h, ':'); j >= 0 {
			h = h[:j]
		}
		if isIPHost(strings.Trim(h, "[]")) || isIPv6(strings.Trim(h, "[]")) {
			// The suggestion must be allowed itself.
			return []string{fmt.Sprintf("IP address not allowed (%q)", shorten(d))}
		}
		return []string{fmt.Sprintf("%q is not a domain name: give the domain only, without scheme, user, port or path (%q)", shorten(d), shorten(strings.ToLower(h)))}
	}
	_, msgs, ok := checkDNSName(d, fmt.Sprintf("%q", shorten(d)))
	if ok && isASCII(d) && strings.ToLower(d) != d {
		msgs = append(msgs, fmt.Sprintf("must be lower-case: use %q", shorten(strings.ToLower(d))))
	}
	return msgs
}

func (v *validator) client(c Client) {
	if !slices.Contains(CaptureMethods(), c.CaptureMethod) {
		v.errorf("client.captureMethod", "%q is not a capture method: use webcam_and_upload, webcam_only or upload_only", shorten(string(c.CaptureMethod)))
	}
	for _, m := range domainPrefixProblems(c.DomainPrefix) {
		v.errorf("client.domainPrefix", "%s", m)
	}
	if c.DefaultLanguage != "" {
		if m := localeProblem(c.DefaultLanguage); m != "" {
			v.errorf("client.defaultLanguage", "%s", m)
		}
	}
}

// domainPrefixProblems checks the prefix of https://<prefix>.netverify.com: "" or 1–63 of
// a-z 0-9 -, not starting or ending with "-".
func domainPrefixProblems(p string) []string {
	if p == "" {
		return nil
	}
	var msgs []string
	if n := utf8.RuneCountInString(p); n > MaxDomainPrefixLen {
		msgs = append(msgs, fmt.Sprintf("longer than %d characters (%d)", MaxDomainPrefixLen, n))
	}
	upper, bad := false, ""
	for _, r := range p {
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9', r == '-':
		case 'A' <= r && r <= 'Z':
			upper = true
		case bad == "": // the first one is enough to point at
			bad = string(r)
		}
	}
	if bad != "" {
		msgs = append(msgs, fmt.Sprintf(`character %q not allowed: use a-z, 0-9 and "-"`, bad))
	}
	if upper {
		msgs = append(msgs, fmt.Sprintf("must be lower-case: use %q", strings.ToLower(p)))
	}
	if p[0] == '-' || p[len(p)-1] == '-' {
		msgs = append(msgs, `must not start or end with "-"`)
	}
	return msgs
}

// localeProblem checks a locale code as a document stores it: one of the 39 codes, in
// canonical form (Decode normalises "pt_br" to "pt-BR", so anything else is a typo or an
// unknown language).
func localeProblem(code string) string {
	if isLocaleCode(code) {
		return ""
	}
	if l, ok := LocaleByCode(code); ok {
		return fmt.Sprintf("locale %q must be written %q", shorten(code), l.Code)
	}
	return fmt.Sprintf(`unknown locale %q: use one of the 39 locale codes, such as "de", "en-GB" or "pt-BR"`, shorten(code))
}
