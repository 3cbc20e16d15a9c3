package model

import (
	"bytes"
	"testing"
)

// FuzzDecode: no input panics Decode, and whatever it accepts survives the canonical
// round trip: Encode(Decode(Encode(s))) == Encode(s), with and without image data, and
// Diff sees no change. Seeds: testdata/fuzz/FuzzDecode (the spec example, edge documents).
func FuzzDecode(f *testing.F) {
	f.Add([]byte(`{}`))
	f.Add(Encode(Default()))
	f.Add([]byte(`{"dataSettings": {"retention": {"purgeAfterDays": null}}, "branding": {"locales": {"pt_br": {"primaryColor": "#abc"}}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Decode(data, DecodeOptions{})
		if err != nil {
			if _, ok := err.(Violations); !ok || len(err.(Violations)) == 0 {
				t.Fatalf("error is not a non-empty Violations: %#v", err)
			}
			return
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
