package model

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
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
