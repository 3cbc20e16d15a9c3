package model

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"strconv"
	"strings"
	"testing"
)

// testPNG draws a small real PNG, so tests need no committed binaries.
func testPNG(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for x := range w {
		img.Set(x, h/2, color.NRGBA{R: uint8(x), G: 0x80, B: 0x40, A: 0xff})
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// testJPEG draws a small real JPEG.
func testJPEG(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		img.Set(w/2, y, color.RGBA{R: 0x20, G: uint8(y), B: 0xc0, A: 0xff})
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 80}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustDecode(t testing.TB, doc string) Settings {
	t.Helper()
	s, err := Decode([]byte(doc), DecodeOptions{})
	if err != nil {
		t.Fatalf("Decode: %v\n%s", err, doc)
	}
	return s
}

// violationLines renders an error from Decode as the command line prints it.
func violationLines(err error) []string {
	vs, ok := err.(Violations)
	if !ok {
		if err == nil {
			return nil
		}
		return []string{"not Violations: " + err.Error()}
	}
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.String()
	}
	return out
}

func intPtr(i int) *int { return &i }

// fullSettings is a large, valid document: every country in country mode accepting 2–3
// types the default catalog supports (so no warnings), colours in all 39 locales, 200
// documents with translations in 5 locales, and real images in a few scopes.
func fullSettings(t testing.TB) Settings {
	t.Helper()
	s := Default()
	s.General = General{
		CallbackURL: "https://hooks.shop.example/idv", SuccessURL: "https://shop.example/ok?from=idv",
		ErrorURL: "https://shop.example/fail", TokenLifetimeMinutes: 90,
		OwnedDomains: []string{"shop.example", "hooks.example"},
	}
	s.Client = Client{CaptureMethod: CaptureUploadOnly, SkipIntro: true, DomainPrefix: "shop", DefaultLanguage: "de"}
	png, jpg := NewImage(testPNG(t, 40, 12)), NewImage(testJPEG(t, 24, 24))
	s.Branding.Default = BrandScope{PrimaryColor: "#102030", SecondaryColor: "#FFFFFF", HeaderImage: png}
	for i, l := range Locales() {
		s.Branding.Locales[l.Code] = BrandScope{
			PrimaryColor:   "#" + strings.Repeat(strconv.Itoa(i%10), 6),
			SecondaryColor: "#ABCDEF",
		}
	}
	sc := s.Branding.Locales["de"]
	sc.SuccessImage, sc.ErrorImage = jpg, png
	s.Branding.Locales["de"] = sc
	s.AcceptedIDs.Mode = ModeCountry
	for i, c := range Countries() {
		s.AcceptedIDs.Countries[c.Alpha3] = []IDType{Passport, IDCard}
		if i%2 == 0 {
			s.AcceptedIDs.Countries[c.Alpha3] = []IDType{Passport, DrivingLicense, IDCard}
		}
	}
	s.DataSettings.Fields.ExpiryDate = true
	s.DataSettings.Retention.PurgeAfterDays = intPtr(90)
	for i := range 200 {
		s.Documents = append(s.Documents, Document{
			Code: fmt.Sprintf("DOC%03d", i), Name: fmt.Sprintf("Document %d", i), Label: fmt.Sprintf("Label %d", i),
			Translations: map[string]string{"de": fmt.Sprintf("Dokument %d", i), "fr": fmt.Sprintf("Document %d", i), "pt-BR": "Documento", "es": "Documento", "zh-CN": "文件"},
			Enabled:      i%7 != 0,
		})
	}
	s.Security.TwoFactor = true
	return s
}
