package model

// Checks of one value while it is being typed, for the editor's forms: the rule and the
// message are Validate's own, so a form, the importer and `idvset validate` never
// disagree about a value.

// ClientHost is the domain the verification client is served under; a domain prefix
// names a subdomain of it.
const ClientHost = "netverify.com"

// ClientURL is the address of the verification page for a domain prefix:
// "https://<prefix>.netverify.com". The prefix is not checked (see DomainPrefixProblems).
func ClientURL(prefix string) string {
	return "https://" + prefix + "." + ClientHost
}

// DomainPrefixProblems returns what Validate says of p as client.domainPrefix: nothing
// for "" (not set) or a valid prefix, else one sentence per broken rule.
func DomainPrefixProblems(p string) []string {
	return domainPrefixProblems(p)
}

// ColorProblems returns what Validate says of s as a branding colour: nothing for ""
// (not set) or "#RRGGBB" in either case, else why not. It asks Validate itself about a
// document holding only that colour (a couple of microseconds), so the rule and its
// message stay in one place.
func ColorProblems(s string) []string {
	if s == "" || isHexColor(s) {
		return nil
	}
	const path = "branding.default.primaryColor"
	doc := Settings{Branding: Branding{Default: BrandScope{PrimaryColor: s}}}
	var out []string
	for _, v := range Validate(doc, Context{Catalog: emptyCatalog}).At(path) {
		out = append(out, v.Message)
	}
	return out
}

// emptyCatalog spares ColorProblems the embedded catalog: no ID is accepted in its
// document, so none is looked up.
var emptyCatalog = &Catalog{}

// NormalizeColor is a colour in its stored form: "#RRGGBB" upper-case. Anything that is
// not "#" and six hex digits is returned as written, for ColorProblems to explain.
func NormalizeColor(s string) string {
	return normColor(s)
}
