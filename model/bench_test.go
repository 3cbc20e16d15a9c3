package model

import (
	"bytes"
	"testing"
)

// The benchmarks use fullSettings: every country in country mode, colours in all 39
// locales, 200 documents with translations, three small images.

func BenchmarkEncode(b *testing.B) {
	s := fullSettings(b)
	b.ReportAllocs()
	for b.Loop() {
		Encode(s)
	}
}

func BenchmarkDecode(b *testing.B) {
	data := Encode(fullSettings(b))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(data, DecodeOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDraftDo is one keystroke-sized edit of a large document: clone, apply,
// compare with the state before.
func BenchmarkDraftDo(b *testing.B) {
	d := NewDraft(fullSettings(b))
	on := Edit{Label: "on", Apply: func(s *Settings) { s.Documents[150].Enabled = true }}
	off := Edit{Label: "off", Apply: func(s *Settings) { s.Documents[150].Enabled = false }}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		e := off // documents[150] starts enabled
		if i%2 == 1 {
			e = on
		}
		i++
		if !d.Do(e) {
			b.Fatal("edit recorded nothing")
		}
	}
}

func BenchmarkDraftDoNoOp(b *testing.B) {
	d := NewDraft(fullSettings(b))
	e := Edit{Label: "same", Apply: func(s *Settings) { s.General.TokenLifetimeMinutes = 90 }}
	b.ReportAllocs()
	for b.Loop() {
		if d.Do(e) {
			b.Fatal("no-op recorded")
		}
	}
}

// How Do decides "changed nothing": structural comparison (what it uses) against
// comparing canonical encodings (the alternative).
func BenchmarkSameSettings(b *testing.B) {
	s := fullSettings(b)
	c := s.Clone()
	b.ReportAllocs()
	for b.Loop() {
		if !sameSettings(s, c) {
			b.Fatal("differ")
		}
	}
}

func BenchmarkSameByEncoding(b *testing.B) {
	s := fullSettings(b)
	c := s.Clone()
	b.ReportAllocs()
	for b.Loop() {
		if !bytes.Equal(EncodeWithoutImageData(s), EncodeWithoutImageData(c)) {
			b.Fatal("differ")
		}
	}
}

func BenchmarkDraftChanges(b *testing.B) {
	d := NewDraft(Default())
	full := fullSettings(b)
	d.Do(Edit{Label: "everything", Apply: func(s *Settings) { *s = full.Clone() }})
	b.ReportAllocs()
	for b.Loop() {
		d.Changes() // cached after the first call: the editor calls it on every render
	}
}

func BenchmarkDiffFull(b *testing.B) {
	a, full := Default(), fullSettings(b)
	b.ReportAllocs()
	for b.Loop() {
		Diff(a, full)
	}
}
