// Package accepted is the Accepted IDs section (PRODUCT.md §1.4): which ID types are
// accepted from which countries, per region or per country, with bulk editing by marks.
//
// Per region, the five regions are a table: each accepts all, none or the supported
// types, with what that accepts in effect. Per country, the 250 countries are a markable
// table (tui/components/table) with a column per ID type saying, in words, whether it is
// accepted, not accepted, not offered by the catalog, or accepted though the catalog does
// not offer it (a warning). The filter (/) matches the name, the alpha-2 and alpha-3
// codes, the region and "EU member"; a, n, s and p/d/i/v then apply to the marked
// rows, or to the cursor row when none is marked, each as one undo step.
//
// What the settings accept in effect is computed once per edit (effect), never on a
// cursor move or a filter keystroke.
package accepted

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"idvset/model"
	"idvset/themes"
	"idvset/tui/common"
	"idvset/tui/components/table"
)

// Pane is the Accepted IDs section.
type Pane struct {
	ctx        *common.Context
	keys       keys
	countries  table.Model // per country
	regions    table.Model // per region
	list       []country   // the rows of countries, by name
	index      map[string]int
	effect     *effect
	defaultCat *model.Catalog // when the context has no catalog yet
	prompt     *prompt
	width      int
	height     int
	chrome     struct {
		key         chromeKey
		head, under []string
	}
}

// chromeKey is what the lines around the table are drawn from.
type chromeKey struct {
	e      *effect
	auto   bool // autoAcceptNew: not part of the effect
	st     *themes.Styles
	width  int
	room   int
	cursor string
	prompt *prompt
}

// New returns the Accepted IDs pane.
func New(ctx *common.Context) *Pane {
	p := &Pane{ctx: ctx, keys: newKeys(), index: map[string]int{}}
	for _, c := range model.Countries() {
		k := country{Country: c, region: regionName(c.Region), eu: model.EUMember(c.Alpha3), keywords: []string{c.Alpha2}}
		if k.eu {
			k.keywords = append(k.keywords, "EU member")
		}
		p.list = append(p.list, k)
	}
	slices.SortFunc(p.list, func(a, b country) int { return strings.Compare(a.Name, b.Name) })
	for i, c := range p.list {
		p.index[c.Alpha3] = i
	}
	st := table.NewStyles(ctx.Styles)
	cols := []table.Column{
		{Title: "A3", Width: 3},
		{Title: "Country", Width: 14, Flex: 1, Max: 34},
		{Title: "Region", Width: 8, Drop: 2},
	}
	for _, t := range typeTitles {
		cols = append(cols, table.Column{Title: t, Width: 8})
	}
	cols = append(cols, table.Column{Title: "Back", Width: 7, Drop: 1})
	p.countries = table.New(cols, st)
	p.countries.SetNoun("country", "countries")
	p.countries.SetFilterFields(table.FilterFields{Title: colName, Code: colCode, Other: []int{colRegion}})
	p.countries.SetCellKind(p.countryKind)
	// The alpha-3 code, three cells beside the "›", carries the cursor's highlight: a
	// move redraws two markers and two codes, not two rows (a few dozen bytes over SSH).
	p.countries.SetCursorColumn(colCode)

	rcols := []table.Column{
		{Title: "Region", Width: 8},
		{Title: "Accepts", Width: 9},
		{Title: "Countries", Width: 9, Drop: 1},
	}
	for _, t := range typeTitles {
		rcols = append(rcols, table.Column{Title: t, Width: 8, Align: table.AlignRight})
	}
	rcols = append(rcols, table.Column{Title: "Warning", Width: 10, Flex: 1, Max: 20, Drop: 2})
	p.regions = table.New(rcols, st)
	p.regions.SetNoun("region", "regions")
	p.regions.KeyMap.Filter.Unbind() // five rows: nothing to find
	p.regions.SetCellKind(p.regionKind)
	// The effect and the rows are computed when the pane is first shown (sync), not
	// while the editor starts on another pane.
	return p
}

// Title names the section.
func (p *Pane) Title() string { return "Accepted IDs" }

// ShortTitle is the tab label at 80 columns.
func (p *Pane) ShortTitle() string { return "IDs" }

// Capturing reports the filter field or a question: they take printable keys.
func (p *Pane) Capturing() bool { return p.prompt != nil || p.table().Filtering() }

// KeyMap is what works now.
func (p *Pane) KeyMap() help.KeyMap {
	p.sync()
	p.updateKeys()
	return keyMap{p}
}

// SetSize takes the pane's share of the screen.
func (p *Pane) SetSize(width, height int) {
	p.width, p.height = width, height
	p.layout()
}

// catalog is the catalog in force.
func (p *Pane) catalog() *model.Catalog {
	if p.ctx.Rules.Catalog != nil {
		return p.ctx.Rules.Catalog
	}
	if p.defaultCat == nil {
		p.defaultCat = model.DefaultCatalog()
	}
	return p.defaultCat
}

func (p *Pane) accepted() model.AcceptedIDs { return p.ctx.Draft.Current().AcceptedIDs }

func (p *Pane) countryMode() bool { return p.accepted().Mode == model.ModeCountry }

// table is the table shown: the countries' per country, the regions' per region.
func (p *Pane) table() *table.Model {
	if p.countryMode() {
		return &p.countries
	}
	return &p.regions
}

// sync recomputes the effect when the accepted IDs or the catalog changed since the last
// time (an edit, an undo, a new revision), and hands the tables their new rows. A cursor
// move or a filter keystroke finds nothing changed and costs nothing here.
func (p *Pane) sync() {
	a := p.accepted()
	key := effectKey{mode: a.Mode, regions: a.Regions, countries: a.Countries, cat: p.catalog()}
	if p.effect != nil && p.effect.key.same(key) {
		return
	}
	modeChanged := p.effect == nil || p.effect.key.mode != key.mode
	p.effect = compute(key, a, key.cat, p.list)
	if a.Mode == model.ModeCountry {
		p.countries.SetRows(p.effect.rows)
	} else {
		p.regions.SetRows(p.effect.regionRows)
	}
	if modeChanged {
		p.layout()
	}
}

func (p *Pane) countryKind(key string, col int) table.Kind {
	i, ok := p.index[key]
	if !ok {
		return table.KindNormal
	}
	switch {
	case col >= colType && col < colBack:
		return p.effect.states[i][col-colType].kind()
	case col == colCode || col == colRegion || col == colBack:
		return table.KindMuted
	}
	return table.KindNormal
}

func (p *Pane) regionKind(key string, col int) table.Kind {
	i := slices.Index(model.Regions(), model.Region(key))
	if i < 0 {
		return table.KindNormal
	}
	rs := p.effect.regions[i]
	switch col {
	case rcolChoice:
		switch rs.choice {
		case model.RegionNone:
			return table.KindMuted
		case model.RegionAll:
			if rs.unsupported > 0 {
				return table.KindWarning
			}
		}
		return table.KindSuccess
	case rcolWarn:
		return table.KindWarning
	}
	return table.KindNormal
}

// Update handles keys (the question first, then the filter, then the pane's own keys,
// then the table's) and pastes into the filter.
func (p *Pane) Update(msg tea.Msg) (common.Pane, tea.Cmd) {
	switch msg.(type) {
	case tea.KeyPressMsg, tea.PasteMsg, common.ShownMsg:
		p.sync() // the pane is shown; other messages (a new head) reach it hidden too
	default:
		return p, nil
	}
	p.updateKeys()
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		cmd = p.key(msg)
	case tea.PasteMsg:
		t := p.table()
		*t, cmd = t.Update(msg)
	}
	p.updateKeys()
	return p, cmd
}

func (p *Pane) key(msg tea.KeyPressMsg) tea.Cmd {
	if p.prompt != nil {
		return p.answer(msg)
	}
	t := p.table()
	if t.Filtering() {
		var cmd tea.Cmd
		*t, cmd = t.Update(msg)
		return cmd
	}
	if cmd, ok := p.action(msg); ok {
		return cmd
	}
	var cmd tea.Cmd
	*t, cmd = t.Update(msg)
	return cmd
}

// headLines are the title and the catalog line above the table.
const headLines = 2

// bottomLines is the room under the table: the cursor row in words (two lines) and the
// legend, as the height allows.
func (p *Pane) bottomLines() int {
	switch {
	case p.height >= 16:
		return 3
	case p.height >= 12:
		return 2
	case p.height >= 8:
		return 1
	}
	return 0
}

// The widest the tables get: wider, the counts above them would sit far from their
// columns.
const (
	maxCountriesWidth = 100
	maxRegionsWidth   = 90
)

// layout gives the tables their boxes.
func (p *Pane) layout() {
	h := max(p.height-headLines-p.bottomLines(), 0)
	p.countries.SetSize(min(p.width, maxCountriesWidth), h)
	// Five regions, their header and the count line: the rest explains the choices.
	p.regions.SetSize(min(p.width, maxRegionsWidth), min(h, 7))
}

// View draws the title line, the catalog line, the table and what is under it.
func (p *Pane) View() string {
	p.sync()
	st := p.ctx.Styles
	t := p.table()
	t.UseTheme(st)
	body := strings.Split(t.View(), "\n")
	if p.countryMode() {
		// The table keeps its box when a filter shows a few rows: the line under it stays
		// where it was, so a keystroke never moves it (the renderer would redraw it).
		for len(body) < p.countries.Height() {
			body = append(body, "")
		}
	}
	if p.prompt != nil {
		// The question comes first: the table gives up its last rows to it.
		ask := len(strings.Split(common.Wrap(p.prompt.text, max(p.width, 1)), "\n"))
		body = body[:max(min(len(body), p.height-headLines-ask), 0)]
	}
	cursor, _ := p.countries.CursorKey()
	key := chromeKey{e: p.effect, auto: p.accepted().AutoAcceptNew, st: st, width: p.width, room: p.height - headLines - len(body), cursor: cursor, prompt: p.prompt}
	if p.chrome.key != key {
		// What surrounds the table changes with an edit, a resize or the cursor row,
		// not with every keystroke: drawn again only then.
		p.chrome.key = key
		p.chrome.head = []string{p.titleLine(), st.Hint.Render(common.Truncate(p.effect.catalog+catalogHint(p.catalog()), p.width))}
		p.chrome.under = p.under(max(key.room, 0))
	}
	lines := make([]string, 0, p.height)
	lines = append(append(append(lines, p.chrome.head...), body...), p.chrome.under...)
	if len(lines) > p.height {
		lines = lines[:max(p.height, 0)]
	}
	return strings.Join(lines, "\n")
}

// catalogHint says what to do about the placeholder catalog.
func catalogHint(cat *model.Catalog) string {
	if cat.IsDefault() {
		return " (a placeholder until idvset catalog import)"
	}
	return ""
}

// titleLine is "Accepted IDs  per country · autoAcceptNew on", and on the right how many
// accepted types the catalog does not offer.
func (p *Pane) titleLine() string {
	st := p.ctx.Styles
	a := p.accepted()
	mode := "per region"
	if a.Mode == model.ModeCountry {
		mode = "per country"
	}
	auto := "off"
	if a.AutoAcceptNew {
		auto = "on"
	}
	left := st.Title.Render("Accepted IDs") + "  " + st.Value.Render(mode) + st.Hint.Render(" (m)") +
		st.Hint.Render(" · ") + st.Value.Render("autoAcceptNew "+auto) + st.Hint.Render(" (A)")
	right := ""
	if n := len(p.effect.warnings); n > 0 {
		right = st.Warning.Render(fmt.Sprintf("! %d accepted, unsupported", n))
	}
	return common.Spread(left, right, p.width)
}

// under is what the room under the table holds: the question, else the cursor row in
// words (per country) or what the region choices mean (per region), and a line of keys
// at the bottom.
func (p *Pane) under(room int) []string {
	if room <= 0 {
		return nil
	}
	st := p.ctx.Styles
	w := max(p.width, 1)
	var out []string
	if p.prompt != nil {
		for _, l := range strings.Split(common.Wrap(p.prompt.text, w), "\n") {
			out = append(out, st.Warning.Render(l))
		}
		return fit(out, room)
	}
	keysLine := "/ filter · space mark · * all shown · - unmark · ! invert · n/s/a/p/d/i/v set"
	if p.countryMode() {
		// Plain, not in the Value colour: the terminal's own text colour reads the same
		// and a move sends no colour codes for it.
		out = append(out, common.Truncate(p.detail(), w))
	} else {
		keysLine = "space mark · * all · n/s/a set the marked regions · m per country · c copy"
		if len(p.accepted().Countries) == 0 {
			// A new database: there is no per-country choice to lose, only a table to fill.
			out = append(out, st.Hint.Render(common.Truncate("The per-country table is empty: m offers to fill it from these regions.", w)))
		} else if differ := p.effect.differing(p.list); len(differ) > 0 {
			// The per-country table is kept: say whose choice it holds that does not apply.
			kept := fmt.Sprintf("Not applying per region (kept for per country): the own choices of %s: %s",
				countries(len(differ)), strings.Join(differ, " "))
			for _, l := range cut(strings.Split(common.Wrap(kept, w), "\n"), min(room, 3), w) {
				out = append(out, st.Warning.Render(l))
			}
		}
		text := []string{"",
			"a all: every ID type, even where the catalog does not offer it (see Warning)",
			"s supported: what the catalog offers, following each new catalog",
			"n none: nothing from the region",
			fmt.Sprintf("In effect: %d of %d countries accept at least one ID type.", len(p.effect.inForce), len(p.list)),
		}
		for _, l := range text {
			if l == "" {
				out = append(out, "")
				continue
			}
			for _, wl := range strings.Split(common.Wrap(l, w), "\n") {
				out = append(out, st.Hint.Render(wl))
			}
		}
	}
	if room <= len(out) || p.ctx.ReadOnly {
		return fit(out, room)
	}
	for len(out) < room-1 {
		out = append(out, "")
	}
	return append(out, st.Hint.Render(common.Truncate(keysLine, w)))
}

// cut keeps the first n lines, marking a cut with an ellipsis at the end of the last.
func cut(lines []string, n, width int) []string {
	if len(lines) <= n {
		return lines
	}
	if n <= 0 {
		return nil
	}
	lines = lines[:n]
	lines[n-1] = common.Truncate(lines[n-1]+" …", width)
	return lines
}

// fit cuts lines to n.
func fit(lines []string, n int) []string {
	if len(lines) > n {
		return lines[:n]
	}
	return lines
}

// detail is the cursor country in words, with what its row does not show: the full
// name (the column may cut it), the alpha-2 code, EU membership, the region and the back
// sides when their columns are hidden, and accepted types the catalog does not offer:
// "Germany (DE, EU member)". It sits on a fixed line and says little, so a cursor move
// sends only the few cells that differ from the last country's.
func (p *Pane) detail() string {
	k, ok := p.countries.CursorKey()
	if !ok {
		return ""
	}
	i := p.index[k]
	c := p.list[i]
	s := c.Name + " (" + c.Alpha2
	if c.eu {
		s += ", EU member"
	}
	s += ")"
	if !p.countries.ColumnShown(colRegion) {
		s += " · " + c.region
	}
	cat := p.catalog()
	var back, unsup []string
	for j, t := range model.IDTypes() {
		switch p.effect.states[i][j] {
		case stYes:
			if cat.Countries[c.Alpha3][t].BackSide {
				back = append(back, string(t))
			}
		case stUnsupported:
			unsup = append(unsup, string(t))
		}
	}
	if len(back) > 0 && !p.countries.ColumnShown(colBack) {
		s += " · back side too: " + strings.Join(back, ", ")
	}
	if len(unsup) > 0 {
		s += " · NOT offered by the catalog, accepted anyway: " + strings.Join(unsup, ", ")
	}
	return s
}

// count reads "27 marked", "1 marked".
func count(n int, what string) string { return fmt.Sprintf("%d %s", n, what) }
