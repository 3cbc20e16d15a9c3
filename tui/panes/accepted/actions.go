package accepted

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"idvset/model"
	"idvset/tui/common"
)

// The pane's edits. Each hands the root one model.Edit (one undo step) whose Apply
// depends only on the settings it is given and on what it captured (the target codes,
// the decision, the catalog), so a re-apply after a conflict does the same thing. The
// label names what changed ("ID_CARD on for 27 countries"); a status line follows with
// the details (what was already so, what the catalog does not offer).

// action runs the pane's own key, if msg is one.
func (p *Pane) action(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := p.keys
	if p.ctx.ReadOnly && k.editing(msg) {
		p.ctx.Say(common.StatusWarning, common.ReadOnlyNotice+": nothing can be changed")
		return nil, true
	}
	switch {
	case key.Matches(msg, k.Mode):
		return p.switchMode(), true
	case key.Matches(msg, k.Copy):
		p.askCopy()
		return nil, true
	case key.Matches(msg, k.AutoAccept):
		return p.toggleAutoAccept(), true
	case !key.Matches(msg, k.All, k.None, k.Supported) && !key.Matches(msg, k.Toggle[:]...) && !key.Matches(msg, k.Off[:]...):
		return nil, false
	}
	if !p.countryMode() {
		return p.setRegions(msg), true
	}
	for i, t := range model.IDTypes() {
		switch {
		case key.Matches(msg, k.Toggle[i]):
			return p.toggleType(t, false), true
		case key.Matches(msg, k.Off[i]):
			return p.toggleType(t, true), true
		}
	}
	cat := p.catalog()
	switch {
	case key.Matches(msg, k.All):
		return p.setCountries("every ID type", func(string) []model.IDType { return model.IDTypes() }), true
	case key.Matches(msg, k.None):
		return p.setCountries("no ID type", func(string) []model.IDType { return nil }), true
	default:
		return p.setCountries("the supported types", cat.Supported), true
	}
}

// targets are the country codes a bulk action applies to, and how to name them.
func (p *Pane) targets() ([]string, string) {
	codes := p.countries.Targets()
	return codes, p.name(codes)
}

// name names a set of countries: "Germany (DEU)" for one, "27 countries" for more.
func (p *Pane) name(codes []string) string {
	if len(codes) == 1 {
		c := p.list[p.index[codes[0]]]
		return c.Name + " (" + c.Alpha3 + ")"
	}
	return countries(len(codes))
}

// countries reads "1 country", "27 countries".
func countries(n int) string {
	if n == 1 {
		return "1 country"
	}
	return fmt.Sprintf("%d countries", n)
}

// listCodes names up to three codes, for a status line that must fit 80 columns: "DEU,
// FRA, ITA …".
func listCodes(codes []string) string {
	const most = 3
	if len(codes) > most {
		return strings.Join(codes[:most], ", ") + " …"
	}
	return strings.Join(codes, ", ")
}

// notOffered ends a status line about targets when the catalog does not offer what they
// now accept in some of them: "; not offered in 25 countries (AUT, BEL, BGR …): unsup!".
func notOffered(what string, targets, unsupported []string) string {
	if len(targets) == 1 {
		return "; " + what + " by the catalog: unsup!"
	}
	if len(unsupported) == len(targets) {
		return "; " + what + " in any of them: unsup!"
	}
	return fmt.Sprintf("; %s in %s (%s): unsup!", what, countries(len(unsupported)), listCodes(unsupported))
}

// setCountries makes each target accept types(code): all, none or the supported types.
func (p *Pane) setCountries(what string, types func(code string) []model.IDType) tea.Cmd {
	codes, name := p.targets()
	if len(codes) == 0 {
		return nil
	}
	a := p.accepted()
	cat := p.catalog()
	var changed, unsupported []string
	for _, c := range codes {
		want := types(c)
		if !slices.Equal(a.Countries[c], want) && (len(a.Countries[c]) > 0 || len(want) > 0) {
			changed = append(changed, c)
		}
		for _, t := range want {
			if !cat.Supports(c, t) {
				unsupported = append(unsupported, c)
				break
			}
		}
	}
	label := what + " from " + name
	if len(changed) == 0 {
		p.ctx.Say(common.StatusInfo, "nothing to change: "+label+" already")
		return nil
	}
	captured := slices.Clone(codes)
	p.ctx.Edit(model.Edit{Label: label, Apply: func(s *model.Settings) {
		s.AcceptedIDs.SetCountryTypes(captured, types)
	}})
	text := label
	if len(changed) < len(codes) {
		text += fmt.Sprintf(" (%d changed, %d already so)", len(changed), len(codes)-len(changed))
	}
	if len(unsupported) > 0 {
		p.ctx.Say(common.StatusWarning, text+notOffered("not all offered", codes, unsupported))
		return nil
	}
	p.ctx.Say(common.StatusInfo, "changed: "+text)
	return nil
}

// toggleType turns type t on for every target when any lacks it, else off for all: over
// a mixed selection the first press turns it on, the second off, and the status line
// says which it did. With off, it turns t off for every target.
func (p *Pane) toggleType(t model.IDType, off bool) tea.Cmd {
	codes, name := p.targets()
	if len(codes) == 0 {
		return nil
	}
	a := p.accepted()
	var lacking []string
	for _, c := range codes {
		if !a.CountryAccepts(c, t) {
			lacking = append(lacking, c)
		}
	}
	on := len(lacking) > 0 && !off
	if off && len(lacking) == len(codes) {
		p.ctx.Say(common.StatusInfo, fmt.Sprintf("nothing to change: %s is not accepted from %s", t, name))
		return nil
	}
	word := "off"
	if on {
		word = "on"
	}
	label := fmt.Sprintf("%s %s for %s", t, word, name)
	captured := slices.Clone(codes)
	p.ctx.Edit(model.Edit{Label: label, Apply: func(s *model.Settings) {
		s.AcceptedIDs.SetCountryType(captured, t, on)
	}})
	text := label
	if on && len(lacking) < len(codes) {
		// A mixed selection: on for all first, and the status line says how to go off.
		text += fmt.Sprintf(" (%d had it; again or %s: off)",
			len(codes)-len(lacking), strings.ToUpper(p.keys.Toggle[slices.Index(model.IDTypes(), t)].Keys()[0]))
	}
	if on {
		cat := p.catalog()
		var unsupported []string
		for _, c := range lacking {
			if !cat.Supports(c, t) {
				unsupported = append(unsupported, c)
			}
		}
		if len(unsupported) > 0 {
			p.ctx.Say(common.StatusWarning, text+notOffered("not offered", codes, unsupported))
			return nil
		}
	}
	p.ctx.Say(common.StatusInfo, "changed: "+text)
	return nil
}

// setRegions sets the choice of the marked regions (or the cursor's).
func (p *Pane) setRegions(msg tea.KeyPressMsg) tea.Cmd {
	k := p.keys
	choice := model.RegionSupported
	switch {
	case key.Matches(msg, k.All):
		choice = model.RegionAll
	case key.Matches(msg, k.None):
		choice = model.RegionNone
	case !key.Matches(msg, k.Supported):
		return nil // a type toggle: per region there are none
	}
	codes := p.regions.Targets()
	if len(codes) == 0 {
		return nil
	}
	a := p.accepted()
	var changed []model.Region
	var names []string
	for _, c := range codes {
		r := model.Region(c)
		names = append(names, c)
		if a.Regions[r] != choice {
			changed = append(changed, r)
		}
	}
	label := strings.Join(names, ", ") + ": " + string(choice)
	if len(changed) == 0 {
		p.ctx.Say(common.StatusInfo, "nothing to change: "+label+" already")
		return nil
	}
	p.ctx.Edit(model.Edit{Label: label, Apply: func(s *model.Settings) {
		if s.AcceptedIDs.Regions == nil {
			s.AcceptedIDs.Regions = map[model.Region]model.RegionChoice{}
		}
		for _, r := range changed {
			s.AcceptedIDs.Regions[r] = choice
		}
	}})
	if choice == model.RegionAll {
		p.ctx.Say(common.StatusWarning, "changed: "+label+" (also what the catalog does not offer: see Warning)")
		return nil
	}
	return nil // the root says "changed: <label>"
}

// toggleAutoAccept turns autoAcceptNew on or off.
func (p *Pane) toggleAutoAccept() tea.Cmd {
	on := !p.accepted().AutoAcceptNew
	word, what := "off", "a catalog import leaves newly supported types unaccepted"
	if on {
		word, what = "on", "a catalog import accepts newly supported types"
	}
	p.ctx.Edit(model.Edit{Label: "autoAcceptNew " + word, Apply: func(s *model.Settings) { s.AcceptedIDs.AutoAcceptNew = on }})
	p.ctx.Say(common.StatusInfo, "changed: autoAcceptNew "+word+": "+what)
	return nil
}

// switchMode goes per region (saying which per-country choices stop applying), or per
// country: at once when the table accepts what the regions do, else after a question
// (copy the regions into the table, or keep the table).
func (p *Pane) switchMode() tea.Cmd {
	a := p.accepted()
	differ := p.effect.differing(p.list)
	if a.Mode == model.ModeCountry {
		p.ctx.Edit(model.Edit{Label: "per region", Apply: func(s *model.Settings) { s.AcceptedIDs.Mode = model.ModeRegion }})
		if len(differ) == 0 {
			p.ctx.Say(common.StatusInfo, "changed: per region: every country accepts what it did per country")
			return nil
		}
		// The pane lists them all under the region table; the status line names a few.
		p.ctx.Say(common.StatusWarning, fmt.Sprintf("per region: the own choices of %s stop applying (%s)",
			countries(len(differ)), listCodes(differ)))
		return nil
	}
	if len(differ) == 0 {
		p.ctx.Edit(model.Edit{Label: "per country", Apply: func(s *model.Settings) { s.AcceptedIDs.Mode = model.ModeCountry }})
		p.ctx.Say(common.StatusInfo, "changed: per country: the table accepts what the regions did")
		return nil
	}
	keep := fmt.Sprintf("k keeps the table as it is (%s differ from the regions: %s)", countries(len(differ)), listCodes(differ))
	if len(a.Countries) == 0 {
		keep = "k keeps the table as it is: it accepts nothing from anywhere"
	}
	p.prompt = &prompt{kind: promptSwitch,
		text: "Per country: c copies the region choices into the table (what is accepted now stays accepted); " + keep + "; esc cancels."}
	return nil
}

// askCopy asks before copying the region choices into the country table.
func (p *Pane) askCopy() {
	differ := p.effect.differing(p.list)
	what := "The table already matches the regions."
	if len(differ) > 0 {
		what = fmt.Sprintf("This replaces the choices of %s (%s).", countries(len(differ)), listCodes(differ))
	}
	p.prompt = &prompt{kind: promptCopy,
		text: "Copy the region choices into the per-country table and switch to per country? " + what + " y/N"}
}

// copyRegions is "Copy regions to countries": one edit, the table filled from the region
// choices, per country.
func (p *Pane) copyRegions() tea.Cmd {
	cat := p.catalog()
	p.ctx.Edit(model.Edit{Label: "copy regions to countries", Apply: func(s *model.Settings) {
		s.AcceptedIDs.CopyRegionsToCountries(cat)
	}})
	p.ctx.Say(common.StatusInfo, "changed: regions copied to the country table; per country now")
	return nil
}

// prompt is an open question under the table.
type prompt struct {
	kind promptKind
	text string
}

type promptKind int

const (
	promptCopy   promptKind = iota // y/N: copy regions to countries
	promptSwitch                   // c/k/esc: how to switch to per country
)

// keys are the answers, for the footer.
func (q *prompt) keys(k keys) []key.Binding {
	if q.kind == promptCopy {
		return []key.Binding{k.Yes, k.No}
	}
	return []key.Binding{k.CopyAnswer, k.Keep, k.Cancel}
}

// answer handles a key while a question is open; any other key leaves it open.
func (p *Pane) answer(msg tea.KeyPressMsg) tea.Cmd {
	k := p.keys
	q := p.prompt
	switch {
	case q.kind == promptCopy && key.Matches(msg, k.Yes),
		q.kind == promptSwitch && key.Matches(msg, k.CopyAnswer):
		p.prompt = nil
		return p.copyRegions()
	case q.kind == promptSwitch && key.Matches(msg, k.Keep):
		p.prompt = nil
		p.ctx.Edit(model.Edit{Label: "per country", Apply: func(s *model.Settings) { s.AcceptedIDs.Mode = model.ModeCountry }})
		p.ctx.Say(common.StatusInfo, fmt.Sprintf("changed: per country, with the table as it was: %s accept something",
			countries(len(p.accepted().Countries))))
		return nil
	case q.kind == promptCopy && key.Matches(msg, k.No),
		q.kind == promptSwitch && key.Matches(msg, k.Cancel):
		p.prompt = nil
		p.ctx.Say(common.StatusInfo, "nothing changed")
		return nil
	}
	return nil
}
