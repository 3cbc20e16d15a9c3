package preview

import (
	"fmt"
	"image"
	"image/color"
	"testing"

	"idvset/themes"
)

// BenchmarkPreview measures drawing a picture (a new image or size: scaling and half
// blocks) and a frame that reuses it, for a header banner and a large photo, in the box
// the Branding pane gives at 80x24 and at 200x50.
func BenchmarkPreview(b *testing.B) {
	photo := image.NewYCbCr(image.Rect(0, 0, 3000, 2000), image.YCbCrSubsampleRatio420)
	for i := range photo.Y {
		photo.Y[i] = uint8(i)
	}
	imgs := []struct {
		name string
		img  image.Image
	}{{"banner-640x160", filled(640, 160, color.RGBA{26, 115, 232, 255})}, {"photo-3000x2000", photo}}
	for _, im := range imgs {
		for _, box := range []struct{ w, h int }{{30, 6}, {80, 16}} {
			name := fmt.Sprintf("%s/%dx%d", im.name, box.w, box.h)
			b.Run(name+"/draw", func(b *testing.B) {
				m := newPreview(themes.Dark(), im.img, "PNG · 12 KiB", box.w, box.h)
				bytes := 0
				b.ReportAllocs()
				for b.Loop() {
					m.SetImage(im.img, "PNG · 12 KiB")
					bytes = len(m.View())
				}
				b.ReportMetric(float64(bytes), "view-bytes")
			})
			b.Run(name+"/cached", func(b *testing.B) {
				m := newPreview(themes.Dark(), im.img, "PNG · 12 KiB", box.w, box.h)
				bytes := 0
				b.ReportAllocs()
				for b.Loop() {
					bytes = len(m.View())
				}
				b.ReportMetric(float64(bytes), "view-bytes")
			})
		}
	}
}
