package fuzzy

import (
	"fmt"
	"testing"

	"idvset/tui/components/internal/fixtures"
)

// BenchmarkFind measures one query against every item (the first keystroke, which
// nothing narrows) and one that narrows the previous answer (the next keystroke).
func BenchmarkFind(b *testing.B) {
	for _, n := range []int{39, 250, 10_000} {
		items := countryItems(fixtures.ManyCountries(n))
		b.Run(fmt.Sprintf("first-key/%d", n), func(b *testing.B) {
			m := New(items)
			for i := 0; b.Loop(); i++ {
				m.Find("")
				m.Find("e")
			}
		})
		b.Run(fmt.Sprintf("next-key/%d", n), func(b *testing.B) {
			m := New(items)
			for i := 0; b.Loop(); i++ {
				m.Find("ge")
				m.Find("ger")
			}
		})
	}
}
