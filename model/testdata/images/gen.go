//go:build ignore

// gen writes the image fixtures of model's tests. Run from model/testdata/images:
//
//	go run gen.go
//
// Go's encoders are deterministic, so the files only change when this program does.
package main

import (
	"bytes"
	"image"
	"image/color"
	"image/color/palette"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
)

func main() {
	rgba := image.NewRGBA(image.Rect(0, 0, 48, 16))
	for y := 0; y < 16; y++ {
		for x := 0; x < 48; x++ {
			rgba.Set(x, y, color.RGBA{uint8(x * 5), uint8(y * 15), 0x80, 0xFF})
		}
	}
	write("logo.png", encPNG(rgba))
	write("logo.jpg", encJPEG(rgba))

	gray := image.NewGray(image.Rect(0, 0, 16, 16))
	for i := range gray.Pix {
		gray.Pix[i] = uint8(i)
	}
	write("gray.jpg", encJPEG(gray))

	pal := image.NewPaletted(image.Rect(0, 0, 8, 8), palette.Plan9)
	for i := range pal.Pix {
		pal.Pix[i] = uint8(i * 3)
	}
	write("paletted.png", encPNG(pal))

	deep := image.NewNRGBA64(image.Rect(0, 0, 4, 4))
	for i := range deep.Pix {
		deep.Pix[i] = uint8(i * 7)
	}
	write("deep.png", encPNG(deep))

	var g bytes.Buffer
	if err := gif.Encode(&g, pal, nil); err != nil {
		panic(err)
	}
	write("logo.gif", g.Bytes())

	p := encPNG(rgba)
	write("truncated.png", p[:len(p)/2])
	j := encJPEG(rgba)
	write("truncated.jpg", j[:len(j)/2])
}

func encPNG(m image.Image) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		panic(err)
	}
	return b.Bytes()
}

func encJPEG(m image.Image) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: 85}); err != nil {
		panic(err)
	}
	return b.Bytes()
}

func write(name string, data []byte) {
	if err := os.WriteFile(name, data, 0o644); err != nil {
		panic(err)
	}
}
