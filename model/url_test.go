package model

import (
	"fmt"
	"net/netip"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// urlCase is one CheckURL case: want holds one substring per expected message, so a case
// fails both on a missing rule and on an extra, unexpected message.
type urlCase struct {
	name  string
	url   string
	max   int // 0 means MaxCallbackURLLen
	owned []string
	want  []string
}

// assertMessages checks that every message matches one wanted substring and vice versa.
func assertMessages(t *testing.T, got, want []string) {
	t.Helper()
	used := make([]bool, len(got))
	for _, w := range want {
		found := false
		for i, g := range got {
			if !used[i] && strings.Contains(g, w) {
				used[i], found = true, true
				break
			}
		}
		if !found {
			t.Errorf("no message contains %q; got %q", w, got)
		}
	}
	for i, g := range got {
		if !used[i] {
			t.Errorf("unexpected message %q (want %q)", g, want)
		}
	}
}

func runURLCases(t *testing.T, cases []urlCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			max := c.max
			if max == 0 {
				max = MaxCallbackURLLen
			}
			assertMessages(t, CheckURL(c.url, max, c.owned), c.want)
		})
	}
}

func TestCheckURLValid(t *testing.T) {
	runURLCases(t, []urlCase{
		{name: "empty means not set", url: ""},
		{name: "bare host", url: "https://example.com"},
		{name: "root path", url: "https://example.com/"},
		{name: "scheme and host in upper case", url: "HTTPS://Example.COM/Path"},
		{name: "mixed-case scheme", url: "hTTpS://example.com/"},
		{name: "path and query", url: "https://www.example.com/callback?ref=123&lang=de"},
		{name: "query without path", url: "https://example.com?ref=1"},
		{name: "escaped space", url: "https://example.com/a%20b"},
		{name: "escaped non-ASCII", url: "https://example.com/caf%C3%A9"},
		{name: "valid punycode host", url: "https://xn--bcher-kva.example/"},
		{name: "punycode host with upper-case A-label", url: "https://xn--Bcher-kva.example/"},
		{name: "deep subdomain", url: "https://a.b.c.example.co.uk/"},
		{name: "hyphen inside label", url: "https://my-host.example.com/"},
		{name: "label starting with a digit", url: "https://1password.example/"},
		{name: "last label with letters and digits", url: "https://example.a1/"},
		{name: "every allowed sub-delim", url: "https://example.com/~u/!$&'()*+,;=:@x?a=b/c?d"},
		{name: "username is no personal-data name", url: "https://example.com/?username=jdoe"},
		{name: "filename is no personal-data name", url: "https://example.com/?filename=a.pdf"},
		{name: "nickname is no personal-data name", url: "https://example.com/?nickname=x"},
		{name: "zipcode is not on the list", url: "https://example.com/?zipcode_area=1"},
		{name: "a longer appended-looking name", url: "https://example.com/?transactionStatusPage=1"},
		{name: "status is not appended", url: "https://example.com/?status=done"},
		{name: "seven digits are no phone", url: "https://example.com/?v=%2B1234567"},
		{name: "sixteen digits are no phone", url: "https://example.com/?v=%2B1234567890123456"},
		{name: "plus with a slash path", url: "https://example.com/v+1/2024/01/15"},
		{name: "at-handle is no e-mail", url: "https://example.com/@user/posts"},
		{name: "at without dotted domain", url: "https://example.com/a@b"},
		{name: "at with one-letter tld", url: "https://example.com/a@b.c"},
		// A path segment is an e-mail address only with a real local part and a domain
		// whose last label is a top-level domain that exists.
		{name: "at-handle with a dot", url: "https://example.com/@john.smith"},
		{name: "at-handle with a file extension", url: "https://example.com/users/@me.json"},
		{name: "retina image name", url: "https://example.com/logo@2x.png"},
		{name: "retina image in a query", url: "https://example.com/?img=logo@3x.jpg"},
		{name: "encoded at-handle", url: "https://example.com/%40john.smith"},
		{name: "local part of dots only", url: "https://example.com/..@example.com"},
		{name: "local part ending in a dot", url: "https://example.com/x/a.@example.com"},
		{name: "unknown top-level domain", url: "https://example.com/jane@host.internal"},
		{name: "plus as a space in a query", url: "https://example.com/?q=a+b"},
		{name: "ip form only in the path", url: "https://example.com/127.0.0.1/0x7f.1"},
		{name: "owned domain itself", url: "https://example.com/", owned: []string{"example.com"}},
		{name: "subdomain of an owned domain", url: "https://api.eu.example.com/", owned: []string{"example.com"}},
		{name: "second owned domain", url: "https://example.org/", owned: []string{"example.com", "example.org"}},
		{name: "owned domains compare case-insensitively", url: "https://Shop.Example.com/", owned: []string{"EXAMPLE.com"}},
		{name: "unicode owned domain matches its punycode", url: "https://shop.xn--bcher-kva.example/", owned: []string{"bücher.example"}},
		{name: "no owned domains allows any host", url: "https://anything.example.net/"},
		{name: "exactly the limit", url: "https://example.com/" + strings.Repeat("a", 255-20)},
		{name: "success url limit", url: "https://example.com/" + strings.Repeat("a", 2047-20), max: MaxSuccessURLLen},
		{name: "no limit", url: "https://example.com/" + strings.Repeat("a", 5000), max: -1},
	})
}

func TestCheckURLScheme(t *testing.T) {
	runURLCases(t, []urlCase{
		{name: "http", url: "http://example.com/", want: []string{`scheme must be https ("http")`}},
		{name: "HTTP upper", url: "HTTP://example.com/", want: []string{`scheme must be https ("HTTP")`}},
		{name: "ftp", url: "ftp://example.com/", want: []string{`scheme must be https ("ftp")`}},
		{name: "wss", url: "wss://example.com/", want: []string{`scheme must be https ("wss")`}},
		{name: "no scheme", url: "example.com/path", want: []string{`not an absolute URL: it must start with "https://"`}},
		{name: "scheme-relative", url: "//example.com/path", want: []string{"not an absolute URL"}},
		{name: "missing slashes", url: "https:example.com", want: []string{"not an absolute URL"}},
		{name: "missing colon", url: "https//example.com", want: []string{"not an absolute URL"}},
		{name: "javascript", url: "javascript:alert(1)", want: []string{"not an absolute URL"}},
		{name: "not absolute still reports characters", url: "exa mple", want: []string{"not an absolute URL", "space not allowed"}},
	})
}

func TestCheckURLSyntax(t *testing.T) {
	runURLCases(t, []urlCase{
		{name: "unicode host", url: "https://bücher.example/", want: []string{`host "bücher.example" is not ASCII: use its IDNA form "xn--bcher-kva.example"`}},
		{name: "unicode host in upper case", url: "https://BÜCHER.example/", want: []string{`use its IDNA form "xn--bcher-kva.example"`}},
		{name: "unicode subdomain", url: "https://shop.münchen.de/", want: []string{`use its IDNA form "shop.xn--mnchen-3ya.de"`}},
		{name: "unicode host with no IDNA form", url: "https://a\u200db.example/", want: []string{`host "a\u200db.example" is not ASCII and has no valid IDNA`}},
		{name: "invalid xn-- label", url: "https://xn--zz.example/", want: []string{`host "xn--zz.example" has a label that is not valid IDNA ("xn--zz")`}},
		{name: "xn-- label decoding to junk", url: "https://xn--abc.example/", want: []string{`not valid IDNA ("xn--abc")`}},
		{name: "xn-- label of a disallowed rune", url: "https://xn--a-ecp.example/", want: []string{`not valid IDNA ("xn--a-ecp")`}},
		{name: "non-ASCII in the path", url: "https://example.com/café", want: []string{`non-ASCII character "é" must be percent-encoded as "%C3%A9"`}},
		{name: "non-ASCII in the query", url: "https://example.com/?q=ü", want: []string{`non-ASCII character "ü" must be percent-encoded as "%C3%BC"`}},
		{name: "invalid UTF-8", url: "https://example.com/\xff", want: []string{`invalid UTF-8 byte 0xFF: percent-encode it as "%FF"`}},
		{name: "bad escape letters", url: "https://example.com/%zz", want: []string{`invalid percent-escape ("%zz"`}},
		{name: "bad escape one digit at the end", url: "https://example.com/a%4", want: []string{`invalid percent-escape ("%4"`}},
		{name: "bare percent at the end", url: "https://example.com/100%", want: []string{`invalid percent-escape ("%"`}},
		{name: "bad escape in the query", url: "https://example.com/?a=%g1", want: []string{`invalid percent-escape ("%g1"`}},
		{name: "space in the path", url: "https://example.com/a b", want: []string{`space not allowed (at position 22): encode it as "%20"`}},
		{name: "space in the query", url: "https://example.com/?q=a b", want: []string{"space not allowed"}},
		{name: "many spaces give one message", url: "https://example.com/a b c d", want: []string{"space not allowed"}},
		{name: "trailing space", url: "https://example.com/ ", want: []string{"space not allowed"}},
		{name: "tab", url: "https://example.com/\tx", want: []string{"control character not allowed (U+0009"}},
		{name: "newline", url: "https://example.com/\n", want: []string{"control character not allowed (U+000A"}},
		{name: "NUL", url: "https://example.com/\x00", want: []string{"control character not allowed (U+0000"}},
		{name: "DEL", url: "https://example.com/\x7f", want: []string{"control character not allowed (U+007F"}},
		{name: "brace", url: "https://example.com/{id}", want: []string{`character "{" not allowed: percent-encode it as "%7B"`}},
		{name: "pipe", url: "https://example.com/?a=1|2", want: []string{`character "|" not allowed`}},
		{name: "backslash", url: "https://example.com/a\\b", want: []string{`character "\\" not allowed: percent-encode it as "%5C"`}},
		{name: "angle brackets", url: "https://example.com/<x>", want: []string{`character "<" not allowed`}},
		{name: "double quote", url: `https://example.com/"x"`, want: []string{`character "\"" not allowed`}},
		{name: "caret", url: "https://example.com/^", want: []string{`character "^" not allowed`}},
		{name: "backquote", url: "https://example.com/`", want: []string{"character \"`\" not allowed"}},
		{name: "square bracket in the path", url: "https://example.com/a[1]", want: []string{`character "[" not allowed: percent-encode it as "%5B"`}},
		{name: "several kinds at once", url: "https://example.com/é {", want: []string{"non-ASCII", "space", `character "{"`}},
	})
}

func TestCheckURLHost(t *testing.T) {
	long := strings.Repeat("a", 63)
	runURLCases(t, []urlCase{
		{name: "decimal IPv4 number", url: "https://2130706433/", want: []string{`IP address not allowed ("2130706433")`}},
		{name: "hex and short form", url: "https://0x7f.1/", want: []string{`IP address not allowed ("0x7f.1")`}},
		{name: "octal dotted", url: "https://0177.0.0.1/", want: []string{`IP address not allowed ("0177.0.0.1")`}},
		{name: "short dotted", url: "https://127.1/", want: []string{`IP address not allowed ("127.1")`}},
		{name: "dotted IPv4", url: "https://127.0.0.1/", want: []string{`IP address not allowed ("127.0.0.1")`}},
		{name: "private IPv4", url: "https://192.168.0.10/x", want: []string{`IP address not allowed ("192.168.0.10")`}},
		{name: "whole hex number", url: "https://0x7f000001/", want: []string{`IP address not allowed ("0x7f000001")`}},
		{name: "bare 0x", url: "https://example.0x/", want: []string{`IP address not allowed ("example.0x")`}},
		{name: "name with numeric last label", url: "https://example.123/", want: []string{`IP address not allowed ("example.123")`}},
		{name: "name with hex last label", url: "https://example.0x1f/", want: []string{`IP address not allowed ("example.0x1f")`}},
		{name: "IPv4 with trailing dot", url: "https://127.0.0.1./", want: []string{`IP address not allowed ("127.0.0.1.")`}},
		// Suggesting the name without its dots would suggest an IP address.
		{name: "IPv4 with two trailing dots", url: "https://127.0.0.1../", want: []string{`IP address not allowed ("127.0.0.1..")`}},
		{name: "numeric form with trailing dots", url: "https://0x7f.1.../", want: []string{`IP address not allowed ("0x7f.1...")`}},
		{name: "full-width digits", url: "https://１２７.０.０.１/", want: []string{"IP address not allowed"}},
		{name: "bracketed IPv6 loopback", url: "https://[::1]/", want: []string{`IP address not allowed ("[::1]")`}},
		{name: "bracketed IPv6", url: "https://[2001:db8::1]/cb", want: []string{`IP address not allowed ("[2001:db8::1]")`}},
		{name: "bracketed IPv6 with port", url: "https://[::1]:443/", want: []string{`IP address not allowed ("[::1]")`, `port not allowed (":443")`}},
		{name: "IPvFuture", url: "https://[v1.fe]/", want: []string{`IP address not allowed ("[v1.fe]")`}},
		{name: "unclosed bracket", url: "https://[::1/", want: []string{`IP address not allowed ("[::1")`}},
		{name: "unbracketed IPv6", url: "https://::1/", want: []string{`IP address not allowed ("::1")`}},
		{name: "single label", url: "https://localhost/", want: []string{`host "localhost" must be a DNS name of at least two labels`}},
		{name: "single label intranet", url: "https://intranet/cb", want: []string{"at least two labels"}},
		{name: "no host", url: "https:///path", want: []string{"no host"}},
		{name: "no host before query", url: "https://?q=1", want: []string{"no host"}},
		{name: "empty label", url: "https://a..example.com/", want: []string{`host "a..example.com" has an empty label`}},
		{name: "leading dot", url: "https://.example.com/", want: []string{"has an empty label"}},
		{name: "trailing dot", url: "https://example.com./", want: []string{`host "example.com." must not end with a dot: use "example.com"`}},
		{name: "label ending in hyphen", url: "https://example-.com/", want: []string{`starts or ends with a hyphen ("example-")`}},
		{name: "label starting with hyphen", url: "https://-example.com/", want: []string{`starts or ends with a hyphen ("-example")`}},
		{name: "underscore", url: "https://ex_ample.com/", want: []string{`has a character not allowed in a DNS name ("_")`}},
		{name: "percent-encoded host", url: "https://ex%61mple.com/", want: []string{`not allowed in a DNS name ("%")`}},
		{name: "space in host", url: "https://exa mple.com/", want: []string{`not allowed in a DNS name (" ")`}},
		{name: "63-character label", url: "https://" + long + ".com/"},
		{name: "64-character label", url: "https://" + long + "a.com/", want: []string{"has a label longer than 63 characters"}},
		{name: "name longer than 253", url: "https://" + strings.Repeat(long+".", 4) + "com/", max: -1, want: []string{"is longer than 253 characters (259)"}},
	})
}

func TestCheckURLPortFragmentUser(t *testing.T) {
	runURLCases(t, []urlCase{
		{name: "port 443", url: "https://example.com:443/", want: []string{`port not allowed (":443")`}},
		{name: "port 8443", url: "https://example.com:8443/cb", want: []string{`port not allowed (":8443")`}},
		{name: "bare colon", url: "https://example.com:/", want: []string{`port not allowed (":")`}},
		{name: "non-numeric port", url: "https://example.com:abc/", want: []string{`port not allowed (":abc")`}},
		{name: "port without path", url: "https://example.com:443", want: []string{`port not allowed (":443")`}},
		{name: "fragment", url: "https://example.com/#top", want: []string{`fragment not allowed ("#top")`}},
		{name: "bare fragment", url: "https://example.com/#", want: []string{`fragment not allowed ("#")`}},
		{name: "bare fragment without path", url: "https://example.com#", want: []string{`fragment not allowed ("#")`}},
		{name: "fragment after a query", url: "https://example.com/?a=1#x", want: []string{`fragment not allowed ("#x")`}},
		{name: "user", url: "https://user@example.com/", want: []string{`user information not allowed ("user@")`}},
		{name: "user and password, password hidden", url: "https://user:s3cret@example.com/", want: []string{`user information not allowed ("user:****@")`}},
		{name: "empty user", url: "https://@example.com/", want: []string{`user information not allowed ("@")`}},
		{name: "backslash trick", url: "https://example.com\\@evil.example/", owned: []string{"example.com"},
			want: []string{`character "\\" not allowed`, "user information not allowed", `host "evil.example" is not one of the owned domains`}},
		{name: "everything at once", url: "http://u:p@example.com:80/#x",
			want: []string{"scheme must be https", "port not allowed", "fragment not allowed", "user information not allowed"}},
	})
	for _, m := range CheckURL("https://user:s3cret@example.com/", 255, nil) {
		if strings.Contains(m, "s3cret") {
			t.Errorf("password shown in %q", m)
		}
	}
}

func TestCheckURLAppendedParams(t *testing.T) {
	var cases []urlCase
	for _, p := range appendedParams {
		want := []string{fmt.Sprintf("query parameter %q is appended by the portal and must not be set", p)}
		cases = append(cases,
			urlCase{name: p, url: "https://example.com/?" + p + "=1", want: want},
			urlCase{name: p + " in second place", url: "https://example.com/?a=1&" + p + "=x", want: want},
			urlCase{name: p + " upper case", url: "https://example.com/?" + strings.ToUpper(p) + "=1",
				want: []string{fmt.Sprintf("query parameter %q is appended", strings.ToUpper(p))}},
		)
	}
	cases = append(cases,
		urlCase{name: "lower case", url: "https://example.com/?errorcode=1", want: []string{`query parameter "errorcode" is appended`}},
		urlCase{name: "without a value", url: "https://example.com/?transactionStatus", want: []string{`"transactionStatus" is appended`}},
		urlCase{name: "percent-encoded name", url: "https://example.com/?error%43ode=1", want: []string{`"errorCode" is appended`}},
		urlCase{name: "after a semicolon", url: "https://example.com/?a=1;errorCode=2", want: []string{`"errorCode" is appended`}},
		urlCase{name: "repeated once reported", url: "https://example.com/?errorCode=1&errorCode=2", want: []string{`"errorCode" is appended`}},
		urlCase{name: "as a value only", url: "https://example.com/?next=errorCode"},
	)
	runURLCases(t, cases)
}

func TestCheckURLPersonalDataNames(t *testing.T) {
	bad := []string{
		"email", "EMAIL", "e-mail", "E-Mail", "e_mail", "phone", "Phone", "mobile", "MOBILE", "tel", "Tel",
		"name", "Name", "firstname", "first_name", "first-name", "FirstName", "lastname", "last_name", "Last-Name",
		"surname", "sur_name", "dob", "DOB", "d_o_b", "birthdate", "birth_date", "Birth-Date", "dateofbirth",
		"date_of_birth", "Date-Of-Birth", "ssn", "SSN", "passport", "Pass_Port", "address", "Address", "street",
		"zip", "ZIP", "postcode", "post_code", "Post-Code",
	}
	var cases []urlCase
	for _, n := range bad {
		cases = append(cases, urlCase{name: n, url: "https://example.com/?" + n + "=x",
			want: []string{fmt.Sprintf("personal data not allowed: query parameter %q names personal data", n)}})
	}
	for enc, dec := range map[string]string{"first%5Fname": "first_name", "e%2Dmail": "e-mail", "%6Eame": "name"} {
		cases = append(cases, urlCase{name: enc, url: "https://example.com/?" + enc + "=x",
			want: []string{fmt.Sprintf("query parameter %q names personal data", dec)}})
	}
	cases = append(cases,
		urlCase{name: "long s folds to s", url: "https://example.com/?%C5%BF%C5%BFn=1", want: []string{`query parameter "ſſn" names personal data`}},
		urlCase{name: "names the parameter as written", url: "https://example.com/?a=1&First_Name=x", want: []string{`query parameter "First_Name" names personal data`}},
		urlCase{name: "username passes", url: "https://example.com/?username=x"},
		urlCase{name: "user_name passes", url: "https://example.com/?user_name=x"},
		urlCase{name: "name2 passes", url: "https://example.com/?name2=x"},
		urlCase{name: "email_verified passes", url: "https://example.com/?email_verified=1"},
		urlCase{name: "kelvin sign folds to k", url: "https://example.com/?%E2%84%AAip=1"}, // "kip" is on no list
	)
	runURLCases(t, cases)
}

func TestCheckURLPersonalDataContent(t *testing.T) {
	runURLCases(t, []urlCase{
		{name: "e-mail in the path", url: "https://example.com/users/jane.doe@example.org/done", want: []string{"personal data not allowed: e-mail address in the path"}},
		{name: "encoded e-mail in the path", url: "https://example.com/jane%40example.com", want: []string{"e-mail address in the path"}},
		{name: "double-encoded e-mail", url: "https://example.com/jane%2540example.com", want: []string{"e-mail address in the path"}},
		{name: "e-mail in a query value", url: "https://example.com/?u=jane%40example.com", want: []string{"personal data not allowed: e-mail address in the query"}},
		{name: "raw e-mail in a query value", url: "https://example.com/?u=jane@example.com", want: []string{"e-mail address in the query"}},
		{name: "e-mail as a query name", url: "https://example.com/?jane%40example.com=1", want: []string{"e-mail address in the query"}},
		{name: "e-mail with encoded dots", url: "https://example.com/?u=jane%40mail%2Eexample%2Ecom", want: []string{"e-mail address in the query"}},
		{name: "e-mail with a unicode domain", url: "https://example.com/?u=j%40b%C3%BCcher.de", want: []string{"e-mail address in the query"}},
		{name: "e-mail in the fragment", url: "https://example.com/#jane@example.com", want: []string{"fragment not allowed", "e-mail address in the fragment"}},
		{name: "phone in the path", url: "https://example.com/+4915112345678", want: []string{"personal data not allowed: phone number in the path"}},
		{name: "encoded phone in the query", url: "https://example.com/?x=%2B4915112345678", want: []string{"phone number in the query"}},
		{name: "phone with encoded spaces", url: "https://example.com/?x=%2B49%20151%201234%205678", want: []string{"phone number in the query"}},
		{name: "phone with brackets and hyphen", url: "https://example.com/?x=%2B1%20(555)%20123-4567", want: []string{"phone number in the query"}},
		{name: "phone with dots", url: "https://example.com/c/+44.20.7946.0958", want: []string{"phone number in the path"}},
		{name: "literal plus phone in the query", url: "https://example.com/?x=+4915112345678", want: []string{"phone number in the query"}},
		{name: "eight digits", url: "https://example.com/?x=%2B12345678", want: []string{"phone number"}},
		{name: "fifteen digits", url: "https://example.com/?x=%2B123456789012345", want: []string{"phone number"}},
		{name: "phone name and value", url: "https://example.com/?phone=%2B4915112345678", want: []string{`query parameter "phone"`, "phone number in the query"}},
		{name: "e-mail and phone in one query", url: "https://example.com/?a=j%40example.com&b=%2B4915112345678", want: []string{"e-mail address in the query", "phone number in the query"}},
		// Issue 7: the spellings that slipped through.
		{name: "phone with form-encoded spaces", url: "https://example.com/?x=%2B49+151+1234+5678", want: []string{"phone number in the query"}},
		{name: "phone with literal plus and form spaces", url: "https://example.com/?x=+49+151+1234+5678", want: []string{"phone number in the query"}},
		{name: "phone with no-break spaces", url: "https://example.com/?x=%2B49%C2%A0151%C2%A012345678", want: []string{"phone number in the query"}},
		{name: "phone with narrow no-break and thin spaces", url: "https://example.com/p/%2B49%E2%80%AF151%E2%80%8912345678", want: []string{"phone number in the path"}},
		{name: "phone with en dashes", url: "https://example.com/?x=%2B1%E2%80%93555%E2%80%93123%E2%80%934567", want: []string{"phone number in the query"}},
		{name: "phone with ideographic spaces", url: "https://example.com/?x=%2B81%E3%80%803%E3%80%801234%E3%80%805678", want: []string{"phone number in the query"}},
		{name: "phone in full-width plus and digits", url: "https://example.com/?x=%EF%BC%8B%EF%BC%94%EF%BC%99%EF%BC%91%EF%BC%95%EF%BC%91%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95", want: []string{"phone number in the query"}},
		{name: "e-mail with an IDN top-level domain", url: "https://example.com/?u=ivan%40mail.xn--p1ai", want: []string{"e-mail address in the query"}},
		{name: "e-mail with a unicode IDN top-level domain", url: "https://example.com/?u=ivan%40%D0%BF%D0%BE%D1%87%D1%82%D0%B0.%D1%80%D1%84", want: []string{"e-mail address in the query"}},
		{name: "e-mail after a mailto colon", url: "https://example.com/?to=mailto:jane@example.co.uk", want: []string{"e-mail address in the query"}},
		{name: "e-mail with a plus tag", url: "https://example.com/u/jane+idv@example.com", want: []string{"e-mail address in the path"}},
	})
}

func TestCheckURLOwnedDomains(t *testing.T) {
	owned := []string{"example.com"}
	runURLCases(t, []urlCase{
		{name: "stranger", url: "https://evil.com/", owned: owned, want: []string{`host "evil.com" is not one of the owned domains (example.com)`}},
		{name: "suffix without a dot", url: "https://notexample.com/", owned: owned, want: []string{`host "notexample.com" is not one of the owned domains`}},
		{name: "owned name as a subdomain of a stranger", url: "https://example.com.evil.net/", owned: owned, want: []string{"is not one of the owned domains"}},
		{name: "parent of an owned domain", url: "https://example.com/", owned: []string{"shop.example.com"}, want: []string{"is not one of the owned domains (shop.example.com)"}},
		{name: "lists every owned domain", url: "https://evil.com/", owned: []string{"example.com", "example.org"}, want: []string{"(example.com, example.org)"}},
		{name: "unicode host compared by its punycode", url: "https://bücher.example/", owned: owned, want: []string{"is not ASCII", `host "bücher.example" is not one of the owned domains`}},
		{name: "no comparison for an IP", url: "https://127.0.0.1/", owned: owned, want: []string{"IP address not allowed"}},
		{name: "no comparison for a single label", url: "https://localhost/", owned: owned, want: []string{"at least two labels"}},
		{name: "owned and subdomain", url: "https://a.example.com/", owned: owned},
	})
}

func TestCheckURLLength(t *testing.T) {
	runURLCases(t, []urlCase{
		{name: "one over", url: "https://example.com/" + strings.Repeat("a", 256-20), want: []string{"longer than 255 characters (256)"}},
		{name: "far over", url: "https://example.com/" + strings.Repeat("a", 301-20), want: []string{"longer than 255 characters (301)"}},
		{name: "success url one over", url: "https://example.com/" + strings.Repeat("a", 2048-20), max: MaxSuccessURLLen, want: []string{"longer than 2047 characters (2048)"}},
		{name: "counted in characters", url: "https://example.com/" + strings.Repeat("é", 236), want: []string{"longer than 255 characters (256)", "non-ASCII"}},
		{name: "too long and not absolute", url: strings.Repeat("a", 300), want: []string{"not an absolute URL", "longer than 255 characters (300)"}},
	})
}

// FuzzCheckURL: no input panics or hangs, and whatever CheckURL accepts is a URL net/url
// parses, with scheme https, a DNS host that is no IP, no port, no fragment, no user and,
// when owned domains are given, a host under one of them.
// TestNoSuggestionIsAnIPAddress: whatever a message suggests writing instead ("use …",
// "its IDNA form …", the domain of a pasted URL) is never an IP address, which the same
// rules would refuse.
func TestNoSuggestionIsAnIPAddress(t *testing.T) {
	hosts := []string{"127.0.0.1..", "127.0.0.1.", "0x7F.1", "0X7F.1.", "127.1..", "2130706433..", "１２７.０.０.１.",
		"[::1]", "::1", "0177.0.0.1.", "EXAMPLE.123.", "a..127.0.0.1", "127.0.0.1:443", "user@127.0.0.1", "ＥＸＡＭＰＬＥ.１"}
	suggested := regexp.MustCompile(`(?:use(?: its IDNA form)?|path) \(?("[^"]*")`)
	check := func(where string, msgs []string) {
		for _, m := range msgs {
			for _, sm := range suggested.FindAllStringSubmatch(m, -1) {
				s, err := strconv.Unquote(sm[1])
				if err == nil && (isIPHost(s) || isIPv6(strings.Trim(s, "[]"))) {
					t.Errorf("%s: %q suggests the IP address %q", where, m, s)
				}
			}
		}
	}
	for _, h := range hosts {
		check("https://"+h+"/", CheckURL("https://"+h+"/", 0, nil))
		check("owned domain "+h, ownedDomainProblems(h))
		check("owned domain https://"+h+"/x", ownedDomainProblems("https://"+h+"/x"))
	}
}

func FuzzCheckURL(f *testing.F) {
	for _, s := range []string{
		"https://example.com/", "https://bücher.example/", "https://0x7f.1/", "https://[::1]:443/#x",
		"https://u:p@example.com/?errorCode=1&first_name=x", "https://example.com/%zz%2540",
		"https://example.com/?x=%2B4915112345678", "http://a..b/", "https://xn--bcher-kva.example/",
	} {
		f.Add(s, "")
		f.Add(s, "example.com")
	}
	f.Fuzz(func(t *testing.T, raw, owned string) {
		var domains []string
		if owned != "" {
			domains = strings.Split(owned, ",")
		}
		msgs := CheckURL(raw, MaxSuccessURLLen, domains)
		for _, m := range msgs {
			if m == "" {
				t.Fatal("empty message")
			}
		}
		if len(msgs) > 0 || raw == "" {
			return
		}
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatalf("accepted %q, but net/url says %v", raw, err)
		}
		host := u.Hostname()
		switch {
		case !strings.EqualFold(u.Scheme, "https"):
			t.Fatalf("accepted %q with scheme %q", raw, u.Scheme)
		case u.Port() != "" || strings.Contains(u.Host, ":"):
			t.Fatalf("accepted %q with a port", raw)
		case u.Fragment != "" || strings.Contains(raw, "#"):
			t.Fatalf("accepted %q with a fragment", raw)
		case u.User != nil:
			t.Fatalf("accepted %q with user information", raw)
		case u.Opaque != "" || host == "" || !strings.Contains(host, "."):
			t.Fatalf("accepted %q without a DNS host", raw)
		case isIPv6(host) || isIPHost(host):
			t.Fatalf("accepted %q with an IP host", raw)
		case len(raw) > MaxSuccessURLLen:
			t.Fatalf("accepted %d characters", len(raw))
		case domains != nil && !ownedBy(strings.ToLower(host), domains):
			t.Fatalf("accepted %q outside %q", raw, domains)
		}
		if _, err := netip.ParseAddr(host); err == nil {
			t.Fatalf("accepted %q with an IP host", raw)
		}
	})
}
