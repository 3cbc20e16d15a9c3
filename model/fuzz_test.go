package model

import (
	"bytes"
	"testing"
	"unicode/utf8"
)

// FuzzDecode: no input panics Decode; its violations are at most MaxViolations+1, each
// one printable line; whatever it accepts holds only valid Unicode and survives the
// canonical round trip: Encode(Decode(Encode(s))) == Encode(s), with and without image
// data, and Diff sees no change. Seeds: testdata/fuzz/FuzzDecode (the spec example, edge
// documents, invalid UTF-8, lone surrogates, control characters in keys and values,
// inexact integers, thousands of unknown keys).
func FuzzDecode(f *testing.F) {
	f.Add([]byte(`{}`))
	f.Add(Encode(Default()))
	f.Add([]byte(`{"dataSettings": {"retention": {"purgeAfterDays": null}}, "branding": {"locales": {"pt_br": {"primaryColor": "#abc"}}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Decode(data, DecodeOptions{})
		if err != nil {
			vs, ok := err.(Violations)
			if !ok || len(vs) == 0 || len(vs) > MaxViolations+1 {
				t.Fatalf("error is not a Violations of 1 to MaxViolations+1: %#v", err)
			}
			for _, v := range vs {
				if why := safeLine(v.String()); why != "" {
					t.Fatalf("%s in %s", why, v)
				}
			}
			return
		}
		if enc := Encode(s); !utf8.Valid(enc) {
			t.Fatalf("accepted text that is not UTF-8: %q", enc)
		}
		for _, v := range Validate(s, Context{}) {
			if why := safeLine(v.String()); why != "" {
				t.Fatalf("%s in %s", why, v)
			}
		}
		enc := Encode(s)
		s2, err := Decode(enc, DecodeOptions{})
		if err != nil {
			t.Fatalf("Decode(Encode(s)) failed: %v\n%s", err, enc)
		}
		if enc2 := Encode(s2); !bytes.Equal(enc, enc2) {
			t.Fatalf("Encode(Decode(Encode(s))) != Encode(s)\n%s\n---\n%s", enc, enc2)
		}
		if d := Diff(s, s2); len(d) != 0 {
			t.Fatalf("Diff after a round trip: %v", d)
		}
		noData := EncodeWithoutImageData(s)
		s3, err := Decode(noData, DecodeOptions{})
		if err != nil {
			t.Fatalf("Decode(EncodeWithoutImageData(s)) failed: %v", err)
		}
		if again := EncodeWithoutImageData(s3); !bytes.Equal(noData, again) {
			t.Fatalf("round trip without image data differs")
		}
	})
}
