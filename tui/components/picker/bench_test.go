package picker

import (
	"fmt"
	"testing"

	tea "charm.land/bubbletea/v2"

	"idvset/themes"
	"idvset/tui/components/internal/fixtures"
	"idvset/tui/components/internal/uitest"
)

func countryItems(n int) []Item {
	var items []Item
	for _, c := range fixtures.ManyCountries(n) {
		items = append(items, Item{Title: c.Name, Code: c.Alpha3, Hint: c.Region, Keywords: []string{c.Alpha2, c.Region}})
	}
	return items
}

// BenchmarkKeystroke measures one keystroke as the runtime handles it, Update then View,
// in colour: typing a letter (which filters) alternating with backspace, and a cursor
// move. view-bytes is the size of the frame.
func BenchmarkKeystroke(b *testing.B) {
	lists := []struct {
		name  string
		items []Item
	}{{"39-languages", languages()}, {"250-countries", countryItems(250)}}
	for _, list := range lists {
		for _, size := range []struct{ w, h int }{{80, 24}, {200, 50}} {
			for _, act := range []struct {
				name string
				keys []tea.Msg
			}{
				{"filter", []tea.Msg{uitest.Press("r"), uitest.Press("backspace")}},
				{"move", []tea.Msg{uitest.Press("down"), uitest.Press("down"), uitest.Press("up"), uitest.Press("up")}},
			} {
				b.Run(fmt.Sprintf("%s/%dx%d/%s", list.name, size.w, size.h, act.name), func(b *testing.B) {
					p := New(list.items, NewStyles(themes.New(themes.Dark())))
					p.SetSize(size.w, size.h)
					p = typeText(p, "e")
					bytes := 0
					b.ReportAllocs()
					for i := 0; b.Loop(); i++ {
						p, _ = p.Update(act.keys[i%len(act.keys)])
						bytes = len(p.View())
					}
					b.ReportMetric(float64(bytes), "view-bytes")
				})
			}
		}
	}
}
