package table

import (
	"fmt"
	"testing"

	tea "charm.land/bubbletea/v2"

	"idvset/themes"
	"idvset/tui/components/internal/fixtures"
	"idvset/tui/components/internal/uitest"
)

// BenchmarkTable measures one keystroke as the runtime handles it, Update then View, in
// colour, on 250 and 10,000 rows:
//   - move: a cursor move (↓ ↓ ↑ ↑);
//   - filter-first-key: typing the first letter of a filter, which searches every row
//     (backspace between, untimed);
//   - filter-key: a letter that narrows the last result, then backspace;
//   - mark-all: ctrl+a with every row shown, then - (unmark all);
//   - set-rows: SetRows after a bulk action on every row (new cells, same filter text).
//
// view-bytes is the size of the frame before the renderer diffs it.
func BenchmarkTable(b *testing.B) {
	for _, n := range []int{250, 10_000} {
		rows := countryRows(fixtures.ManyCountries(n))
		for _, size := range []struct{ w, h int }{{80, 24}, {200, 50}} {
			prefix := fmt.Sprintf("%d-rows/%dx%d", n, size.w, size.h)
			newBench := func() Model {
				m := New(countryColumns, NewStyles(themes.New(themes.Dark())))
				m.SetFilterFields(FilterFields{Title: 0, Code: 1, Other: []int{2}})
				m.SetRows(rows)
				m.SetSize(size.w, size.h)
				return press(m, "down", "space") // a mark on screen
			}
			run := func(name string, keys []tea.Msg, m Model) {
				b.Run(prefix+"/"+name, func(b *testing.B) {
					bytes := 0
					b.ReportAllocs()
					for i := 0; b.Loop(); i++ {
						m, _ = m.Update(keys[i%len(keys)])
						bytes = len(m.View())
					}
					b.ReportMetric(float64(bytes), "view-bytes")
				})
			}
			down, up := uitest.Press("down"), uitest.Press("up")
			run("move", []tea.Msg{down, down, up, up}, newBench())
			run("filter-key", []tea.Msg{uitest.Press("r"), uitest.Press("backspace")},
				typeText(press(newBench(), "/"), "e"))
			run("mark-all", []tea.Msg{uitest.Press("ctrl+a"), uitest.Press("-")}, newBench())

			b.Run(prefix+"/filter-first-key", func(b *testing.B) {
				m := press(newBench(), "/")
				// Two letters in turn, so no answer is remembered from the last time.
				first := []tea.Msg{uitest.Press("e"), uitest.Press("a")}
				back := uitest.Press("backspace")
				bytes := 0
				b.ReportAllocs()
				for i := 0; b.Loop(); i++ {
					m, _ = m.Update(first[i%2])
					bytes = len(m.View())
					b.StopTimer()
					m, _ = m.Update(back)
					b.StartTimer()
				}
				b.ReportMetric(float64(bytes), "view-bytes")
			})
			b.Run(prefix+"/set-rows", func(b *testing.B) {
				m := filter(newBench(), "e")
				changed := countryRows(fixtures.ManyCountries(n))
				for i := range changed {
					changed[i].Cells[5] = "– no"
				}
				sets := [][]Row{changed, rows}
				bytes := 0
				b.ReportAllocs()
				for i := 0; b.Loop(); i++ {
					m.SetRows(sets[i%2])
					bytes = len(m.View())
				}
				b.ReportMetric(float64(bytes), "view-bytes")
			})
		}
	}
}
