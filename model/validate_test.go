package model

import (
	"crypto/sha256"
	"encoding/hex"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// want is one expected violation: its exact path, a part of its message and its severity.
type want struct {
	path string
	msg  string
	warn bool
}

// vcase edits a valid document and lists every violation Validate must then report.
type vcase struct {
	name string
	edit func(*Settings)
	ctx  Context
	want []want
}

func assertViolations(t *testing.T, got Violations, wants []want) {
	t.Helper()
	used := make([]bool, len(got))
	for _, w := range wants {
		found := false
		for i, g := range got {
			if !used[i] && g.Path == w.path && strings.Contains(g.Message, w.msg) && (g.Severity == Warning) == w.warn {
				used[i], found = true, true
				break
			}
		}
		if !found {
			t.Errorf("missing %s: %q (warning %v)\ngot:\n%v", w.path, w.msg, w.warn, got)
		}
	}
	for i, g := range got {
		if !used[i] {
			t.Errorf("unexpected %v", g)
		}
	}
}

func runValidateCases(t *testing.T, cases []vcase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := Default()
			if c.edit != nil {
				c.edit(&s)
			}
			assertViolations(t, Validate(s, c.ctx), c.want)
		})
	}
}

func intp(n int) *int { return &n }

func TestValidateValidDocuments(t *testing.T) {
	if vs := Validate(Default(), Context{}); len(vs) != 0 {
		t.Errorf("the default settings are not valid:\n%v", vs)
	}
	if vs := Validate(fullSettings(t), Context{}); len(vs) != 0 {
		t.Errorf("the full settings are not valid:\n%v", vs)
	}
}

func TestValidateGeneral(t *testing.T) {
	long := func(n int) string { return "https://example.com/" + strings.Repeat("a", n-20) }
	runValidateCases(t, []vcase{
		{name: "callback port", edit: func(s *Settings) { s.General.CallbackURL = "https://example.com:8443/cb" },
			want: []want{{path: "general.callbackUrl", msg: `port not allowed (":8443")`}}},
		{name: "success http", edit: func(s *Settings) { s.General.SuccessURL = "http://example.com/ok" },
			want: []want{{path: "general.successUrl", msg: `scheme must be https ("http")`}}},
		{name: "error fragment", edit: func(s *Settings) { s.General.ErrorURL = "https://example.com/err#top" },
			want: []want{{path: "general.errorUrl", msg: `fragment not allowed ("#top")`}}},
		{name: "callback at 255", edit: func(s *Settings) { s.General.CallbackURL = long(255) }},
		{name: "callback at 256", edit: func(s *Settings) { s.General.CallbackURL = long(256) },
			want: []want{{path: "general.callbackUrl", msg: "longer than 255 characters (256)"}}},
		{name: "success at 2047", edit: func(s *Settings) { s.General.SuccessURL = long(2047) }},
		{name: "success at 2048", edit: func(s *Settings) { s.General.SuccessURL = long(2048) },
			want: []want{{path: "general.successUrl", msg: "longer than 2047 characters (2048)"}}},
		{name: "error at 256", edit: func(s *Settings) { s.General.ErrorURL = long(256) },
			want: []want{{path: "general.errorUrl", msg: "longer than 255 characters (256)"}}},
		{name: "appended parameter in the success url", edit: func(s *Settings) { s.General.SuccessURL = "https://example.com/?transactionStatus=x" },
			want: []want{{path: "general.successUrl", msg: `"transactionStatus" is appended by the portal`}}},
		{name: "every url checked against the owned domains", edit: func(s *Settings) {
			s.General.OwnedDomains = []string{"example.com"}
			s.General.CallbackURL = "https://hooks.example.com/cb"
			s.General.SuccessURL = "https://evil.com/ok"
			s.General.ErrorURL = "https://notexample.com/err"
		}, want: []want{
			{path: "general.successUrl", msg: `host "evil.com" is not one of the owned domains (example.com)`},
			{path: "general.errorUrl", msg: `host "notexample.com" is not one of the owned domains`},
		}},
		{name: "two rules on one url", edit: func(s *Settings) { s.General.CallbackURL = "http://127.0.0.1:80/" },
			want: []want{
				{path: "general.callbackUrl", msg: "scheme must be https"},
				{path: "general.callbackUrl", msg: `IP address not allowed ("127.0.0.1")`},
				{path: "general.callbackUrl", msg: `port not allowed (":80")`},
			}},
		{name: "token lifetime 5", edit: func(s *Settings) { s.General.TokenLifetimeMinutes = 5 }},
		{name: "token lifetime 86400", edit: func(s *Settings) { s.General.TokenLifetimeMinutes = 86400 }},
		{name: "token lifetime 4", edit: func(s *Settings) { s.General.TokenLifetimeMinutes = 4 },
			want: []want{{path: "general.tokenLifetimeMinutes", msg: "must be between 5 and 86400 minutes (4)"}}},
		{name: "token lifetime 86401", edit: func(s *Settings) { s.General.TokenLifetimeMinutes = 86401 },
			want: []want{{path: "general.tokenLifetimeMinutes", msg: "(86401)"}}},
		{name: "token lifetime 0", edit: func(s *Settings) { s.General.TokenLifetimeMinutes = 0 },
			want: []want{{path: "general.tokenLifetimeMinutes", msg: "must be between 5 and 86400 minutes (0)"}}},
		{name: "token lifetime negative", edit: func(s *Settings) { s.General.TokenLifetimeMinutes = -30 },
			want: []want{{path: "general.tokenLifetimeMinutes", msg: "(-30)"}}},
	})
}

func TestValidateOwnedDomains(t *testing.T) {
	owned := func(ds ...string) func(*Settings) { return func(s *Settings) { s.General.OwnedDomains = ds } }
	runValidateCases(t, []vcase{
		{name: "several good ones", edit: owned("example.com", "shop.example.org", "xn--bcher-kva.example")},
		{name: "empty", edit: owned("example.com", ""),
			want: []want{{path: "general.ownedDomains[1]", msg: `empty: give a DNS name such as "example.com"`}}},
		{name: "upper case", edit: owned("Example.com"),
			want: []want{{path: "general.ownedDomains[0]", msg: `must be lower-case: use "example.com"`}}},
		{name: "unicode", edit: owned("bücher.example"),
			want: []want{{path: "general.ownedDomains[0]", msg: `"bücher.example" is not ASCII: use its IDNA form "xn--bcher-kva.example"`}}},
		{name: "invalid punycode", edit: owned("xn--zz.example"),
			want: []want{{path: "general.ownedDomains[0]", msg: `not valid IDNA ("xn--zz")`}}},
		{name: "IPv4", edit: owned("127.0.0.1"),
			want: []want{{path: "general.ownedDomains[0]", msg: `IP address not allowed ("127.0.0.1")`}}},
		{name: "numeric IPv4 form", edit: owned("0x7f.1"),
			want: []want{{path: "general.ownedDomains[0]", msg: `IP address not allowed ("0x7f.1")`}}},
		{name: "IPv6", edit: owned("::1"),
			want: []want{{path: "general.ownedDomains[0]", msg: `IP address not allowed ("::1")`}}},
		{name: "bracketed IPv6", edit: owned("[2001:db8::1]"),
			want: []want{{path: "general.ownedDomains[0]", msg: `IP address not allowed ("[2001:db8::1]")`}}},
		{name: "single label", edit: owned("localhost"),
			want: []want{{path: "general.ownedDomains[0]", msg: "at least two labels"}}},
		{name: "a url", edit: owned("https://www.example.com/path"),
			want: []want{{path: "general.ownedDomains[0]", msg: `give the domain only, without scheme, user, port or path ("www.example.com")`}}},
		{name: "with a port", edit: owned("example.com:443"),
			want: []want{{path: "general.ownedDomains[0]", msg: `give the domain only, without scheme, user, port or path ("example.com")`}}},
		{name: "trailing dot", edit: owned("example.com."),
			want: []want{{path: "general.ownedDomains[0]", msg: `must not end with a dot: use "example.com"`}}},
		{name: "underscore", edit: owned("ex_ample.com"),
			want: []want{{path: "general.ownedDomains[0]", msg: `not allowed in a DNS name ("_")`}}},
		{name: "hyphen at the end of a label", edit: owned("example-.com"),
			want: []want{{path: "general.ownedDomains[0]", msg: "starts or ends with a hyphen"}}},
		{name: "duplicate", edit: owned("example.com", "example.org", "example.com"),
			want: []want{{path: "general.ownedDomains[2]", msg: `"example.com" is listed twice (also general.ownedDomains[0])`}}},
		{name: "duplicate in another case", edit: owned("example.com", "EXAMPLE.COM"),
			want: []want{
				{path: "general.ownedDomains[1]", msg: "must be lower-case"},
				{path: "general.ownedDomains[1]", msg: "listed twice (also general.ownedDomains[0])"},
			}},
		{name: "duplicate as punycode", edit: owned("xn--bcher-kva.example", "bücher.example"),
			want: []want{
				{path: "general.ownedDomains[1]", msg: "is not ASCII"},
				{path: "general.ownedDomains[1]", msg: "listed twice (also general.ownedDomains[0])"},
			}},
	})
}

func TestValidateClient(t *testing.T) {
	prefix := func(p string) func(*Settings) { return func(s *Settings) { s.Client.DomainPrefix = p } }
	lang := func(l string) func(*Settings) { return func(s *Settings) { s.Client.DefaultLanguage = l } }
	cases := []vcase{
		{name: "no capture method", edit: func(s *Settings) { s.Client.CaptureMethod = "" },
			want: []want{{path: "client.captureMethod", msg: `"" is not a capture method: use webcam_and_upload, webcam_only or upload_only`}}},
		{name: "unknown capture method", edit: func(s *Settings) { s.Client.CaptureMethod = "webcam" },
			want: []want{{path: "client.captureMethod", msg: `"webcam" is not a capture method`}}},
		{name: "prefix", edit: prefix("acme")},
		{name: "one-character prefix", edit: prefix("a")},
		{name: "digits and hyphens", edit: prefix("acme-2-eu")},
		{name: "63 characters", edit: prefix(strings.Repeat("a", 63))},
		{name: "64 characters", edit: prefix(strings.Repeat("a", 64)),
			want: []want{{path: "client.domainPrefix", msg: "longer than 63 characters (64)"}}},
		{name: "upper case", edit: prefix("Acme"),
			want: []want{{path: "client.domainPrefix", msg: `must be lower-case: use "acme"`}}},
		{name: "underscore", edit: prefix("ac_me"),
			want: []want{{path: "client.domainPrefix", msg: `character "_" not allowed: use a-z, 0-9 and "-"`}}},
		{name: "dot", edit: prefix("acme.eu"),
			want: []want{{path: "client.domainPrefix", msg: `character "." not allowed`}}},
		{name: "space", edit: prefix("ac me"),
			want: []want{{path: "client.domainPrefix", msg: `character " " not allowed`}}},
		{name: "non-ASCII", edit: prefix("bücher"),
			want: []want{{path: "client.domainPrefix", msg: `character "ü" not allowed`}}},
		{name: "leading hyphen", edit: prefix("-acme"),
			want: []want{{path: "client.domainPrefix", msg: `must not start or end with "-"`}}},
		{name: "trailing hyphen", edit: prefix("acme-"),
			want: []want{{path: "client.domainPrefix", msg: `must not start or end with "-"`}}},
		{name: "only a hyphen", edit: prefix("-"),
			want: []want{{path: "client.domainPrefix", msg: `must not start or end with "-"`}}},
		{name: "several problems", edit: prefix("-Ac_me"),
			want: []want{
				{path: "client.domainPrefix", msg: `character "_"`},
				{path: "client.domainPrefix", msg: "must be lower-case"},
				{path: "client.domainPrefix", msg: "must not start or end"},
			}},
		{name: "language de", edit: lang("de")},
		{name: "language pt-BR", edit: lang("pt-BR")},
		{name: "language written with underscore", edit: lang("pt_BR"),
			want: []want{{path: "client.defaultLanguage", msg: `locale "pt_BR" must be written "pt-BR"`}}},
		{name: "language in the wrong case", edit: lang("DE"),
			want: []want{{path: "client.defaultLanguage", msg: `must be written "de"`}}},
		{name: "unknown language", edit: lang("xx"),
			want: []want{{path: "client.defaultLanguage", msg: `unknown locale "xx": use one of the 39 locale codes`}}},
		{name: "en-US is no portal locale", edit: lang("en-US"),
			want: []want{{path: "client.defaultLanguage", msg: `unknown locale "en-US"`}}},
	}
	for _, m := range CaptureMethods() {
		cases = append(cases, vcase{name: string(m), edit: func(s *Settings) { s.Client.CaptureMethod = m }})
	}
	for _, l := range Locales() {
		cases = append(cases, vcase{name: "language " + l.Code, edit: lang(l.Code)})
	}
	runValidateCases(t, cases)
}

// testImage returns a consistent Image of a fixture.
func testImage(t *testing.T, file string) *Image {
	data := readImage(t, file)
	mt, w, h, err := CheckImage(data)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	return &Image{MediaType: mt, SHA256: hex.EncodeToString(sum[:]), Data: data, Width: w, Height: h}
}

func TestValidateBranding(t *testing.T) {
	def := func(f func(*BrandScope)) func(*Settings) { return func(s *Settings) { f(&s.Branding.Default) } }
	loc := func(code string, f func(*BrandScope)) func(*Settings) {
		return func(s *Settings) {
			sc := s.Branding.Locales[code]
			f(&sc)
			s.Branding.Locales[code] = sc
		}
	}
	png, jpg := testImage(t, "logo.png"), testImage(t, "logo.jpg")
	gif := testImage(t, "logo.png")
	gif.Data = readImage(t, "logo.gif")
	sum := sha256.Sum256(gif.Data)
	gif.SHA256 = hex.EncodeToString(sum[:])
	with := func(img *Image, f func(*Image)) *Image { c := *img; f(&c); return &c }

	runValidateCases(t, []vcase{
		{name: "colours upper case", edit: def(func(b *BrandScope) { b.PrimaryColor, b.SecondaryColor = "#112233", "#AABBCC" })},
		{name: "colours lower case", edit: def(func(b *BrandScope) { b.PrimaryColor = "#aabbcc" })},
		{name: "no hash", edit: def(func(b *BrandScope) { b.PrimaryColor = "112233" }),
			want: []want{{path: "branding.default.primaryColor", msg: `"112233" is not a colour: use #RRGGBB`}}},
		{name: "five digits", edit: def(func(b *BrandScope) { b.SecondaryColor = "#12345" }),
			want: []want{{path: "branding.default.secondaryColor", msg: `"#12345" is not a colour`}}},
		{name: "seven digits", edit: def(func(b *BrandScope) { b.PrimaryColor = "#1234567" }),
			want: []want{{path: "branding.default.primaryColor", msg: "is not a colour"}}},
		{name: "short form", edit: def(func(b *BrandScope) { b.PrimaryColor = "#FFF" }),
			want: []want{{path: "branding.default.primaryColor", msg: "is not a colour"}}},
		{name: "not hex", edit: def(func(b *BrandScope) { b.PrimaryColor = "#GGGGGG" }),
			want: []want{{path: "branding.default.primaryColor", msg: "is not a colour"}}},
		{name: "a colour name", edit: def(func(b *BrandScope) { b.PrimaryColor = "red" }),
			want: []want{{path: "branding.default.primaryColor", msg: `"red" is not a colour`}}},
		{name: "locale colour", edit: loc("de", func(b *BrandScope) { b.SecondaryColor = "#12" }),
			want: []want{{path: "branding.locales.de.secondaryColor", msg: "is not a colour"}}},
		{name: "every locale may have colours", edit: func(s *Settings) {
			for _, l := range Locales() {
				s.Branding.Locales[l.Code] = BrandScope{PrimaryColor: "#010203", SecondaryColor: "#040506"}
			}
		}},
		{name: "unknown locale", edit: loc("xx", func(b *BrandScope) { b.PrimaryColor = "#112233" }),
			want: []want{{path: "branding.locales.xx", msg: `unknown locale "xx"`}}},
		{name: "locale not canonical", edit: loc("pt_BR", func(b *BrandScope) { b.PrimaryColor = "#112233" }),
			want: []want{{path: "branding.locales.pt_BR", msg: `locale "pt_BR" must be written "pt-BR"`}}},
		{name: "unknown locale and bad colour", edit: loc("xx", func(b *BrandScope) { b.PrimaryColor = "blue" }),
			want: []want{
				{path: "branding.locales.xx", msg: "unknown locale"},
				{path: "branding.locales.xx.primaryColor", msg: "is not a colour"},
			}},
		{name: "png and jpeg images", edit: def(func(b *BrandScope) { b.HeaderImage, b.SuccessImage, b.ErrorImage = png, jpg, png })},
		{name: "image without its size filled in", edit: def(func(b *BrandScope) {
			b.HeaderImage = with(png, func(i *Image) { i.Width, i.Height = 0, 0 })
		})},
		{name: "gif", edit: loc("de", func(b *BrandScope) { b.HeaderImage = gif }),
			want: []want{{path: "branding.locales.de.headerImage", msg: `not a PNG or JPEG image (starts with "GIF89a")`}}},
		{name: "truncated", edit: def(func(b *BrandScope) {
			data := readImage(t, "truncated.png")
			sum := sha256.Sum256(data)
			b.SuccessImage = &Image{MediaType: "image/png", SHA256: hex.EncodeToString(sum[:]), Data: data}
		}), want: []want{{path: "branding.default.successImage", msg: "PNG is damaged"}}},
		{name: "wrong sha256", edit: def(func(b *BrandScope) { b.ErrorImage = with(png, func(i *Image) { i.SHA256 = strings.Repeat("0", 64) }) }),
			want: []want{{path: "branding.default.errorImage", msg: "does not match the image data"}}},
		{name: "sha256 in upper case", edit: def(func(b *BrandScope) { b.ErrorImage = with(png, func(i *Image) { i.SHA256 = strings.ToUpper(i.SHA256) }) }),
			want: []want{{path: "branding.default.errorImage", msg: "does not match the image data"}}},
		{name: "missing sha256", edit: def(func(b *BrandScope) { b.ErrorImage = with(png, func(i *Image) { i.SHA256 = "" }) }),
			want: []want{{path: "branding.default.errorImage", msg: `sha256 "" does not match the image data`}}},
		{name: "png declared as jpeg", edit: loc("fr", func(b *BrandScope) { b.HeaderImage = with(png, func(i *Image) { i.MediaType = "image/jpeg" }) }),
			want: []want{{path: "branding.locales.fr.headerImage", msg: `media type "image/jpeg" does not match the content (image/png)`}}},
		{name: "no media type", edit: def(func(b *BrandScope) { b.HeaderImage = with(jpg, func(i *Image) { i.MediaType = "" }) }),
			want: []want{{path: "branding.default.headerImage", msg: `media type "" does not match the content (image/jpeg)`}}},
		{name: "wrong size", edit: def(func(b *BrandScope) { b.HeaderImage = with(png, func(i *Image) { i.Width = 10 }) }),
			want: []want{{path: "branding.default.headerImage", msg: "size 10×16 does not match the content (48×16)"}}},
		{name: "no data", edit: def(func(b *BrandScope) { b.HeaderImage = &Image{MediaType: "image/png"} }),
			want: []want{
				{path: "branding.default.headerImage", msg: "empty file: not a PNG or JPEG image"},
				{path: "branding.default.headerImage", msg: "does not match the image data"},
			}},
	})
}

func TestValidateAcceptedIDs(t *testing.T) {
	countries := func(mode AcceptMode, m map[string][]IDType) func(*Settings) {
		return func(s *Settings) { s.AcceptedIDs.Mode, s.AcceptedIDs.Countries = mode, m }
	}
	nldOnlyIDCard, err := ParseCatalog([]byte(`{"timestamp": "2019-03-01T14:13:38.938Z", "supportedIdTypes": [
		{"countryCode": "NLD", "countryName": "Netherlands", "idTypes": [{"idType": "ID_CARD", "acquisitionConfig": {"backSide": true}}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	runValidateCases(t, []vcase{
		{name: "country mode", edit: countries(ModeCountry, map[string][]IDType{"DEU": {Passport, IDCard}, "XKX": {Passport}, "FRA": {}})},
		{name: "no mode", edit: func(s *Settings) { s.AcceptedIDs.Mode = "" },
			want: []want{{path: "acceptedIds.mode", msg: `"" is not a mode: use region or country`}}},
		{name: "unknown mode", edit: func(s *Settings) { s.AcceptedIDs.Mode = "countries" },
			want: []want{{path: "acceptedIds.mode", msg: `"countries" is not a mode`}}},
		{name: "every region choice", edit: func(s *Settings) {
			s.AcceptedIDs.Regions[Africa], s.AcceptedIDs.Regions[Asia] = RegionAll, RegionNone
		}},
		{name: "missing region", edit: func(s *Settings) { delete(s.AcceptedIDs.Regions, Europe) },
			want: []want{{path: "acceptedIds.regions.EUROPE", msg: "missing: choose all, none or supported"}}},
		{name: "bad choice", edit: func(s *Settings) { s.AcceptedIDs.Regions[Asia] = "some" },
			want: []want{{path: "acceptedIds.regions.ASIA", msg: `"some" is not a choice: use all, none or supported`}}},
		{name: "unknown region", edit: func(s *Settings) { s.AcceptedIDs.Regions["MARS"] = RegionAll },
			want: []want{{path: "acceptedIds.regions.MARS", msg: `unknown region "MARS": use AFRICA, AMERICAS, ASIA, EUROPE or OCEANIA`}}},
		{name: "region in lower case", edit: func(s *Settings) {
			delete(s.AcceptedIDs.Regions, Europe)
			s.AcceptedIDs.Regions["europe"] = RegionAll
		}, want: []want{
			{path: "acceptedIds.regions.EUROPE", msg: "missing"},
			{path: "acceptedIds.regions.europe", msg: `unknown region "europe"`},
		}},
		{name: "country in lower case", edit: countries(ModeCountry, map[string][]IDType{"deu": {Passport}}),
			want: []want{{path: "acceptedIds.countries.deu", msg: `country code "deu" must be upper-case: use "DEU"`}}},
		{name: "unknown country", edit: countries(ModeCountry, map[string][]IDType{"XXX": {Passport}}),
			want: []want{{path: "acceptedIds.countries.XXX", msg: `unknown country "XXX": use an ISO 3166-1 alpha-3 code or XKX`}}},
		{name: "alpha-2 code", edit: countries(ModeRegion, map[string][]IDType{"DE": {Passport}}),
			want: []want{{path: "acceptedIds.countries.DE", msg: `unknown country "DE"`}}},
		{name: "unknown type", edit: countries(ModeCountry, map[string][]IDType{"DEU": {Passport, "RESIDENCE_PERMIT"}}),
			want: []want{{path: "acceptedIds.countries.DEU[1]", msg: `unknown ID type "RESIDENCE_PERMIT": use PASSPORT, DRIVING_LICENSE, ID_CARD, VISA`}}},
		{name: "type in lower case", edit: countries(ModeCountry, map[string][]IDType{"DEU": {"passport"}}),
			want: []want{{path: "acceptedIds.countries.DEU[0]", msg: `unknown ID type "passport"`}}},
		{name: "duplicate type", edit: countries(ModeCountry, map[string][]IDType{"DEU": {Passport, IDCard, Passport}}),
			want: []want{{path: "acceptedIds.countries.DEU[2]", msg: "PASSPORT is listed twice (also at [0])"}}},
		{name: "unsupported type warns in country mode", edit: countries(ModeCountry, map[string][]IDType{"DEU": {Passport, Visa}}),
			want: []want{{path: "acceptedIds.countries.DEU[1]", msg: "VISA is not supported by the catalog for DEU; accepting it anyway", warn: true}}},
		{name: "visa is supported for USA and CHN", edit: countries(ModeCountry, map[string][]IDType{"USA": {Visa}, "CHN": {Visa, Passport}})},
		{name: "no warning in region mode", edit: countries(ModeRegion, map[string][]IDType{"DEU": {Visa}})},
		{name: "errors in region mode too", edit: countries(ModeRegion, map[string][]IDType{"DEU": {Visa, Visa}}),
			want: []want{{path: "acceptedIds.countries.DEU[1]", msg: "VISA is listed twice"}}},
		{name: "imported catalog decides", ctx: Context{Catalog: nldOnlyIDCard},
			edit: countries(ModeCountry, map[string][]IDType{"NLD": {IDCard, Passport}, "BEL": {IDCard}}),
			want: []want{
				{path: "acceptedIds.countries.NLD[1]", msg: "PASSPORT is not supported by the catalog for NLD", warn: true},
				{path: "acceptedIds.countries.BEL[0]", msg: "ID_CARD is not supported by the catalog for BEL", warn: true},
			}},
		{name: "no warning for an unknown country", edit: countries(ModeCountry, map[string][]IDType{"ZZZ": {Visa}}),
			want: []want{{path: "acceptedIds.countries.ZZZ", msg: "unknown country"}}},
	})
	s := Default()
	s.AcceptedIDs.Mode = ModeCountry
	s.AcceptedIDs.Countries["DEU"] = []IDType{Visa}
	if vs := Validate(s, Context{}); vs.HasErrors() || len(vs.Warnings()) != 1 {
		t.Errorf("a catalog warning must not refuse the save: %v", vs)
	}
}

func TestValidateDataSettings(t *testing.T) {
	days := func(d *int) func(*Settings) { return func(s *Settings) { s.DataSettings.Retention.PurgeAfterDays = d } }
	runValidateCases(t, []vcase{
		{name: "keep forever", edit: days(nil)},
		{name: "one day", edit: days(intp(1))},
		{name: "3650 days", edit: days(intp(3650))},
		{name: "zero days", edit: days(intp(0)),
			want: []want{{path: "dataSettings.retention.purgeAfterDays", msg: "must be between 1 and 3650 days, or null to keep data forever (0)"}}},
		{name: "3651 days", edit: days(intp(3651)),
			want: []want{{path: "dataSettings.retention.purgeAfterDays", msg: "(3651)"}}},
		{name: "negative", edit: days(intp(-1)),
			want: []want{{path: "dataSettings.retention.purgeAfterDays", msg: "(-1)"}}},
	})
}

func TestValidateDocuments(t *testing.T) {
	doc := func(code string) Document {
		return Document{Code: code, Name: "Utility bill", Label: "Utility bill", Enabled: true}
	}
	docs := func(ds ...Document) func(*Settings) { return func(s *Settings) { s.Documents = ds } }
	with := func(d Document, f func(*Document)) Document { f(&d); return d }
	tr := func(m map[string]string) func(*Document) { return func(d *Document) { d.Translations = m } }
	runValidateCases(t, []vcase{
		{name: "one document", edit: docs(doc("UTILBILL"))},
		{name: "ten characters", edit: docs(doc("ABCDEFGHIJ"))},
		{name: "ten non-ASCII characters", edit: docs(doc("ÄÖÜÄÖÜÄÖÜÄ"))},
		{name: "punctuation", edit: docs(doc("BANK-STMT"), doc("TAX_2024"), doc("A.B/C"))},
		{name: "disabled", edit: docs(with(doc("OLD"), func(d *Document) { d.Enabled = false }))},
		{name: "empty code", edit: docs(doc("")),
			want: []want{{path: "documents[0].code", msg: "required: 1 to 10 characters without blanks"}}},
		{name: "eleven characters", edit: docs(doc("ABCDEFGHIJK")),
			want: []want{{path: "documents[0].code", msg: "longer than 10 characters (11)"}}},
		{name: "space", edit: docs(doc("UTIL BILL")),
			want: []want{{path: "documents[0].code", msg: `must not contain whitespace (" " at position 5)`}}},
		{name: "leading space", edit: docs(doc(" UTIL")),
			want: []want{{path: "documents[0].code", msg: "must not contain whitespace"}}},
		{name: "tab", edit: docs(doc("UTIL\tB")),
			want: []want{{path: "documents[0].code", msg: `must not contain whitespace ("\t"`}}},
		{name: "newline", edit: docs(doc("UTIL\n")),
			want: []want{{path: "documents[0].code", msg: "must not contain whitespace"}}},
		{name: "no-break space", edit: docs(doc("UTIL\u00a0B")),
			want: []want{{path: "documents[0].code", msg: "must not contain whitespace"}}},
		{name: "ideographic space", edit: docs(doc("UTIL\u3000B")),
			want: []want{{path: "documents[0].code", msg: "must not contain whitespace"}}},
		{name: "zero-width space", edit: docs(doc("UTIL\u200bB")),
			want: []want{{path: "documents[0].code", msg: "must not contain invisible or control characters (U+200B"}}},
		{name: "control character", edit: docs(doc("UTIL\x01")),
			want: []want{{path: "documents[0].code", msg: "invisible or control characters (U+0001"}}},
		{name: "long and blank", edit: docs(doc("UTILITY BILL")),
			want: []want{
				{path: "documents[0].code", msg: "longer than 10 characters (12)"},
				{path: "documents[0].code", msg: "must not contain whitespace"},
			}},
		{name: "duplicate", edit: docs(doc("UTILBILL"), doc("PAYSLIP"), doc("UTILBILL")),
			want: []want{{path: "documents[2].code", msg: `code "UTILBILL" is already used by documents[0] ("UTILBILL"): codes are unique regardless of case`}}},
		{name: "duplicate in another case", edit: docs(doc("UTILBILL"), doc("UtilBill")),
			want: []want{{path: "documents[1].code", msg: `code "UtilBill" is already used by documents[0] ("UTILBILL")`}}},
		{name: "duplicate by Unicode case folding", edit: docs(doc("STRASSE\u017f"), doc("STRASSES")),
			want: []want{{path: "documents[1].code", msg: "is already used by documents[0]"}}},
		{name: "no name", edit: docs(with(doc("A"), func(d *Document) { d.Name = "" })),
			want: []want{{path: "documents[0].name", msg: "required: give the document type a name"}}},
		{name: "blank name", edit: docs(with(doc("A"), func(d *Document) { d.Name = " \t " })),
			want: []want{{path: "documents[0].name", msg: "required"}}},
		{name: "no label", edit: docs(doc("A"), with(doc("B"), func(d *Document) { d.Label = "" })),
			want: []want{{path: "documents[1].label", msg: "required: give the default label in English"}}},
		{name: "blank label", edit: docs(with(doc("A"), func(d *Document) { d.Label = "\u00a0" })),
			want: []want{{path: "documents[0].label", msg: "required"}}},
		{name: "translations", edit: docs(with(doc("A"), tr(map[string]string{"de": "Nebenkostenabrechnung", "pt-BR": "Conta", "zh-CN": "账单"})))},
		{name: "translation in an unknown locale", edit: docs(with(doc("A"), tr(map[string]string{"xx": "X"}))),
			want: []want{{path: "documents[0].translations.xx", msg: `unknown locale "xx"`}}},
		{name: "translation locale not canonical", edit: docs(with(doc("A"), tr(map[string]string{"pt_br": "Conta"}))),
			want: []want{{path: "documents[0].translations.pt_br", msg: `locale "pt_br" must be written "pt-BR"`}}},
		{name: "empty translation", edit: docs(with(doc("A"), tr(map[string]string{"de": ""}))),
			want: []want{{path: "documents[0].translations.de", msg: "empty: give the label in German or remove the translation"}}},
		{name: "blank translation", edit: docs(with(doc("A"), tr(map[string]string{"pt-BR": "  "}))),
			want: []want{{path: "documents[0].translations.pt-BR", msg: "give the label in Portuguese (Brazil)"}}},
		{name: "used code still there", ctx: Context{UsedCodes: usedCodes("UTILBILL")}, edit: docs(doc("UTILBILL"))},
		{name: "used code on a disabled document", ctx: Context{UsedCodes: usedCodes("OLD")},
			edit: docs(with(doc("OLD"), func(d *Document) { d.Enabled = false }))},
		{name: "deleted document", ctx: Context{UsedCodes: usedCodes("UTILBILL", "PAYSLIP")}, edit: docs(doc("PAYSLIP")),
			want: []want{{path: "documents", msg: `document "UTILBILL" is missing: custom documents can be disabled but never deleted`}}},
		{name: "every document deleted", ctx: Context{UsedCodes: usedCodes("A", "B")}, edit: docs(),
			want: []want{{path: "documents", msg: `document "A" is missing`}, {path: "documents", msg: `document "B" is missing`}}},
		{name: "used code listed twice", ctx: Context{UsedCodes: usedCodes("A", "A", "")}, edit: docs(),
			want: []want{{path: "documents", msg: `document "A" is missing`}}},
		{name: "code changed case", ctx: Context{UsedCodes: usedCodes("UTILBILL")}, edit: docs(doc("UtilBill")),
			want: []want{
				{path: "documents", msg: `document "UTILBILL" is missing`},
				{path: "documents[0].code", msg: `code "UtilBill" reuses "UTILBILL", saved before: codes can never change or be reused`},
			}},
		{name: "old code reused in another case", ctx: Context{UsedCodes: usedCodes("UTILBILL")}, edit: docs(doc("UTILBILL"), doc("utilbill")),
			want: []want{
				{path: "documents[1].code", msg: "is already used by documents[0]"},
				{path: "documents[1].code", msg: `code "utilbill" reuses "UTILBILL"`},
			}},
		{name: "codes once saved in two cases", ctx: Context{UsedCodes: usedCodes("Ab", "AB")}, edit: docs(doc("AB"), doc("Ab")),
			want: []want{{path: "documents[1].code", msg: "is already used by documents[0]"}}},
	})
}

func TestValidateReportsEverythingSorted(t *testing.T) {
	s := Default()
	s.General.CallbackURL = "http://example.com"
	s.General.TokenLifetimeMinutes = 1
	s.Client.CaptureMethod = "x"
	s.Branding.Default.PrimaryColor = "x"
	s.AcceptedIDs.Mode = "x"
	s.DataSettings.Retention.PurgeAfterDays = intp(0)
	s.Documents = []Document{{Code: "A B"}}
	vs := Validate(s, Context{UsedCodes: usedCodes("GONE")})
	var paths []string
	for _, v := range vs {
		paths = append(paths, v.Path)
	}
	wantPaths := []string{
		"acceptedIds.mode", "branding.default.primaryColor", "client.captureMethod",
		"dataSettings.retention.purgeAfterDays", "documents", "documents[0].code",
		"documents[0].label", "documents[0].name", "general.callbackUrl", "general.tokenLifetimeMinutes",
	}
	if !slices.Equal(paths, wantPaths) {
		t.Errorf("paths\n%q\nwant\n%q", paths, wantPaths)
	}
	for i := 0; i < 5; i++ {
		if again := Validate(s, Context{UsedCodes: usedCodes("GONE")}); again.Error() != vs.Error() {
			t.Fatalf("not deterministic:\n%v\n---\n%v", vs, again)
		}
	}
	if got := vs.At("general.callbackUrl")[0].String(); got != `general.callbackUrl: scheme must be https ("http")` {
		t.Errorf("printed as %q", got)
	}
}

// TestValidateDoesNotModify: Validate reads the document only; the editor hands it the
// draft's current settings.
func TestValidateDoesNotModify(t *testing.T) {
	s := fullSettings(t)
	s.General.OwnedDomains = append(s.General.OwnedDomains, "Bücher.example")
	clone := s.Clone()
	Validate(s, Context{UsedCodes: usedCodes("X")})
	if !reflect.DeepEqual(clone, s) {
		t.Error("Validate changed the document")
	}
}

func TestIsLocaleCode(t *testing.T) {
	for _, l := range Locales() {
		if !isLocaleCode(l.Code) {
			t.Errorf("%q not recognised", l.Code)
		}
	}
	for _, c := range []string{"", "d", "DE", "xx", "pt_BR", "pt-br", "en-US", "zh", "de-", "\xff\xff", "@@"} {
		if isLocaleCode(c) {
			t.Errorf("%q recognised", c)
		}
	}
}

// FuzzValidate puts one arbitrary string into every free-text field and key of a document:
// Validate must not panic, and must name a path and a reason for everything it reports.
func FuzzValidate(f *testing.F) {
	for _, s := range []string{"", "UTILBILL", "pt_BR", "#A1B2C3", "Bücher.example", "a b", "\x00\xff", "DEU", "VISA", "-x-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := Default()
		d.General.OwnedDomains = []string{s, strings.ToUpper(s)}
		d.General.CallbackURL = "https://" + s + "/"
		d.Client.DomainPrefix, d.Client.DefaultLanguage = s, s
		d.Branding.Default.PrimaryColor = s
		d.Branding.Locales[s] = BrandScope{SecondaryColor: s}
		d.AcceptedIDs.Mode = ModeCountry
		d.AcceptedIDs.Countries[s] = []IDType{IDType(s), IDType(s)}
		d.Documents = []Document{{Code: s, Name: s, Label: s, Translations: map[string]string{s: s}}, {Code: strings.ToLower(s)}}
		vs := Validate(d, Context{UsedCodes: usedCodes(s, strings.ToUpper(s))})
		for i, v := range vs {
			if v.Path == "" || v.Message == "" {
				t.Fatalf("violation without path or message: %#v", v)
			}
			if why := safeLine(v.String()); why != "" {
				t.Fatalf("%s in %s", why, v)
			}
			if i > 0 && vs[i-1].Path > v.Path {
				t.Fatalf("not sorted: %q before %q", vs[i-1].Path, v.Path)
			}
		}
	})
}

// TestValidateConcurrently: the editor, the importer and the SSH server may validate at
// the same time; the shared catalog and image memo must be safe for that (run with -race).
func TestValidateConcurrently(t *testing.T) {
	s := fullSettings(t)
	s.Branding.Default.HeaderImage = testImage(t, "logo.png")
	s.Branding.Locales["de"] = BrandScope{SuccessImage: testImage(t, "logo.jpg")}
	done := make(chan Violations)
	for i := 0; i < 4; i++ {
		go func() { done <- Validate(s, Context{}) }()
	}
	for i := 0; i < 4; i++ {
		if vs := <-done; len(vs) != 0 {
			t.Errorf("violations: %v", vs)
		}
	}
}
