package model

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"testing"
)

// BenchmarkValidateFull validates the full document, as the editor does on every
// keystroke: it should stay well under a millisecond.
func BenchmarkValidateFull(b *testing.B) {
	s := fullSettings(b)
	used := make([]UsedCode, 0, len(s.Documents))
	for i, d := range s.Documents {
		used = append(used, UsedCode{Code: d.Code, Revision: i + 1})
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
