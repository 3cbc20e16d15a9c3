package model

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"testing"
)

// fullSettings is a large, valid document: country mode with every country accepting 2–3
// types (only ones the default catalog supports, so no warnings), both colours in the
// default scope and all 39 locales, 200 documents with translations in 5 locales, all
// three URLs and two owned domains.
func fullSettings() Settings {
	s := Default()
	s.General = General{
		CallbackURL:          "https://callback.example.com/idv/results?source=portal&v=2",
		SuccessURL:           "https://www.example.com/verification/done?flow=onboarding&step=3",
		ErrorURL:             "https://www.example.org/verification/failed",
		TokenLifetimeMinutes: 120,
		OwnedDomains:         []string{"example.com", "example.org"},
	}
	s.Client = Client{CaptureMethod: CaptureWebcamOnly, DomainPrefix: "acme-eu", DefaultLanguage: "de"}
	s.Branding.Default = BrandScope{PrimaryColor: "#112233", SecondaryColor: "#AABBCC"}
	for i, l := range Locales() {
		s.Branding.Locales[l.Code] = BrandScope{
			PrimaryColor:   fmt.Sprintf("#%02X%02X%02X", i, 2*i, 3*i),
			SecondaryColor: fmt.Sprintf("#%02X%02X%02X", 3*i, 2*i, i),
		}
	}
	s.AcceptedIDs.Mode = ModeCountry
	for i, c := range Countries() {
		types := []IDType{Passport, IDCard}
		if i%2 == 0 {
			types = []IDType{Passport, DrivingLicense, IDCard}
		}
		s.AcceptedIDs.Countries[c.Alpha3] = types
	}
	trLocales := []string{"de", "fr", "es", "pt-BR", "zh-CN"}
	for i := 0; i < 200; i++ {
		d := Document{
			Code:         fmt.Sprintf("DOC%04d", i),
			Name:         fmt.Sprintf("Custom document %d", i),
			Label:        fmt.Sprintf("Document %d", i),
			Translations: map[string]string{},
			Enabled:      i%7 != 0,
		}
		for _, l := range trLocales {
			d.Translations[l] = fmt.Sprintf("%s label %d", l, i)
		}
		s.Documents = append(s.Documents, d)
	}
	return s
}

// BenchmarkValidateFull validates the full document, as the editor does on every
// keystroke: it should stay well under a millisecond.
func BenchmarkValidateFull(b *testing.B) {
	s := fullSettings()
	used := make([]string, 0, len(s.Documents))
	for _, d := range s.Documents {
		used = append(used, d.Code)
	}
	ctx := Context{UsedCodes: used}
	if vs := Validate(s, ctx); len(vs) > 0 {
		b.Fatalf("the benchmark document is not valid:\n%v", vs)
	}
	b.ReportAllocs()
	for b.Loop() {
		Validate(s, ctx)
	}
}

// BenchmarkValidateImages validates a document with three images in every scope of the
// default and five locales: the cost of hashing, with decoding remembered by hash.
func BenchmarkValidateImages(b *testing.B) {
	s := Default()
	data, err := os.ReadFile("testdata/images/progressive.jpg")
	if err != nil {
		b.Fatal(err)
	}
	sum := sha256.Sum256(data)
	img := &Image{MediaType: "image/jpeg", SHA256: hex.EncodeToString(sum[:]), Data: data, Width: 150, Height: 103}
	scope := BrandScope{HeaderImage: img, SuccessImage: img, ErrorImage: img}
	s.Branding.Default = scope
	for _, l := range []string{"de", "fr", "es", "it", "nl"} {
		s.Branding.Locales[l] = scope
	}
	if vs := Validate(s, Context{}); len(vs) > 0 {
		b.Fatalf("not valid:\n%v", vs)
	}
	b.ReportAllocs()
	for b.Loop() {
		Validate(s, Context{})
	}
}
