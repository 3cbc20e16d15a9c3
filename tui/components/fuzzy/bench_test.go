package fuzzy

import (
	"fmt"
	"testing"

	"idvset/tui/components/internal/fixtures"
)

// BenchmarkFind measures one query against every item (the first keystroke, which
// nothing narrows: "e" then "a", each searching all) and one that narrows the previous
// answer ("ge" → "ger", then back), with scattered matches always searched (the picker)
// and only as a fallback (the table).
func BenchmarkFind(b *testing.B) {
	for _, fallback := range []bool{false, true} {
		mode := "picker"
		if fallback {
			mode = "table"
		}
		for _, n := range []int{39, 250, 10_000} {
			items := countryItems(fixtures.ManyCountries(n))
			b.Run(fmt.Sprintf("%s/first-key/%d", mode, n), func(b *testing.B) {
				m := New(items)
				m.SetFallback(fallback)
				qs := []string{"e", "a"}
				for i := 0; b.Loop(); i++ {
					m.Find(qs[i%2])
				}
			})
			b.Run(fmt.Sprintf("%s/next-key/%d", mode, n), func(b *testing.B) {
				m := New(items)
				m.SetFallback(fallback)
				qs := []string{"ge", "ger"}
				for i := 0; b.Loop(); i++ {
					m.Find(qs[i%2])
				}
			})
		}
	}
}
