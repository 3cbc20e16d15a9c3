package swatch

import (
	"testing"

	"idvset/themes"
)

// BenchmarkRender measures one swatch, in colour and in mono.
func BenchmarkRender(b *testing.B) {
	for _, p := range []themes.Palette{themes.Dark(), themes.Mono()} {
		b.Run(p.Name, func(b *testing.B) {
			m := newSwatch(p, "#1A73E8")
			bytes := 0
			b.ReportAllocs()
			for b.Loop() {
				bytes = len(m.View())
			}
			b.ReportMetric(float64(bytes), "view-bytes")
		})
	}
}
