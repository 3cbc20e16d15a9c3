package accepted

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"idvset/model"
	"idvset/tui/components/table"
)

// state is what one country does with one ID type, as the country table shows it. The
// words say it, not only the colour.
type state uint8

const (
	stNo          state = iota // offered by the catalog, not accepted
	stYes                      // accepted, offered by the catalog
	stNotOffered               // not offered by the catalog, not accepted
	stUnsupported              // accepted though the catalog does not offer it: a warning
)

// cell is the state as a cell of the country table.
func (s state) cell() string {
	switch s {
	case stYes:
		return "✓ yes"
	case stNotOffered:
		return "– n/a"
	case stUnsupported:
		return "✓ unsup!"
	}
	return "· no"
}

func (s state) kind() table.Kind {
	switch s {
	case stYes:
		return table.KindSuccess
	case stNotOffered:
		return table.KindMuted
	case stUnsupported:
		return table.KindWarning
	}
	return table.KindNormal
}

func stateOf(accepted, offered bool) state {
	switch {
	case accepted && offered:
		return stYes
	case accepted:
		return stUnsupported
	case offered:
		return stNo
	}
	return stNotOffered
}

// country is a row of the country table: reference data, fixed for the life of the pane.
type country struct {
	model.Country
	region string // "Europe"
	eu     bool
	// keywords are what the filter matches besides the cells: the alpha-2 code and
	// "EU member", made once (the rows are made again on every edit).
	keywords []string
}

// backCells are the Back column's texts by the set of types (bit j: typeLetters[j]),
// made once: a bulk action makes 250 rows.
var backCells = func() (out [16]string) {
	for set := range out {
		var parts []string
		for j, l := range typeLetters {
			if set&(1<<j) != 0 {
				parts = append(parts, l)
			}
		}
		out[set] = strings.Join(parts, " ")
	}
	return out
}()

// The columns of the country table.
const (
	colCode = iota // first: the cursor's highlight sits beside the "›" (SetCursorColumn)
	colName
	colRegion
	colType // the first of the four ID types, in model.IDTypes order
	colBack = colType + 4
)

// The columns of the region table.
const (
	rcolRegion = iota
	rcolChoice
	rcolCountries
	rcolType // the first of the four ID types
	rcolWarn = rcolType + 4
)

// typeTitles are the ID types as column titles, in model.IDTypes order.
var typeTitles = [4]string{"Passport", "Driving", "ID card", "Visa"}

// typeLetters name the ID types in the Back column and the keys that toggle them.
var typeLetters = [4]string{"P", "D", "I", "V"}

// regionName is a region as a person reads it: "Europe".
func regionName(r model.Region) string {
	s := string(r)
	return s[:1] + strings.ToLower(s[1:])
}

// effectKey is what the effect was computed from. Maps are compared by identity: the
// draft never modifies a snapshot's maps (an edit works on a clone, and sections it did
// not touch keep the very same maps), so the same maps mean the same content, and any
// edit, undo or redo of the accepted IDs gives new ones. The key holds the maps, so they
// cannot be freed and their addresses reused.
type effectKey struct {
	mode      model.AcceptMode
	regions   map[model.Region]model.RegionChoice
	countries map[string][]model.IDType
	cat       *model.Catalog
}

func (k effectKey) same(o effectKey) bool {
	return k.mode == o.mode && k.cat == o.cat && samePtr(k.regions, o.regions) && samePtr(k.countries, o.countries)
}

func samePtr(a, b any) bool {
	return reflect.ValueOf(a).UnsafePointer() == reflect.ValueOf(b).UnsafePointer()
}

// regionStat is what one region accepts in effect, as the regions give it.
type regionStat struct {
	choice      model.RegionChoice
	countries   int    // in the region
	accepting   int    // accepting at least one type
	types       [4]int // countries accepting each type
	unsupported int    // country-type pairs accepted that the catalog does not offer
}

// effect is everything the pane shows that follows from the accepted IDs and the catalog,
// computed once after each edit (and not on a cursor move or a filter keystroke). Per
// country it holds the country table's rows; per region the region table's.
type effect struct {
	key    effectKey
	states [][4]state // by country, in the pane's order
	rows   []table.Row
	// inForce is what is accepted now (a.Accepted).
	inForce    map[string][]model.IDType
	regions    [5]regionStat
	regionRows []table.Row
	warnings   []string // "DEU VISA": accepted in force, not offered
	catalog    string   // the catalog described ("catalog of 2019-03-01 from …")

	a       model.AcceptedIDs
	cat     *model.Catalog
	regionE map[string][]model.IDType // what the regions give; see fromRegions
}

// compute works out the effect of a with catalog cat for the countries.
func compute(key effectKey, a model.AcceptedIDs, cat *model.Catalog, countries []country) *effect {
	e := &effect{key: key, states: make([][4]state, len(countries)), catalog: cat.Describe(), a: a, cat: cat}
	e.inForce = a.Accepted(cat)
	types := model.IDTypes()
	perCountry := a.Mode == model.ModeCountry
	if perCountry {
		e.rows = make([]table.Row, len(countries))
	}
	for i, c := range countries {
		offered := cat.Countries[c.Alpha3] // once per country: the cells ask four times
		acc := e.inForce[c.Alpha3]
		var cells []string
		if perCountry {
			cells = make([]string, colBack+1)
			cells[colName], cells[colCode], cells[colRegion] = c.Name, c.Alpha3, c.region
		}
		back := 0
		for j, t := range types {
			entry, ok := offered[t]
			st := stateOf(slices.Contains(acc, t), ok)
			e.states[i][j] = st
			if st == stUnsupported {
				e.warnings = append(e.warnings, c.Alpha3+" "+string(t))
			}
			if perCountry {
				cells[colType+j] = st.cell()
				if ok && entry.BackSide {
					back |= 1 << j
				}
			}
		}
		if perCountry {
			cells[colBack] = backCells[back]
			e.rows[i] = table.Row{Key: c.Alpha3, Cells: cells, Keywords: c.keywords}
		}
	}
	slices.Sort(e.warnings)
	if !perCountry {
		e.regionTable(countries)
	}
	return e
}

// fromRegions is what the regions give, computed when first asked: per region it is
// what is in force; per country only switching modes asks.
func (e *effect) fromRegions() map[string][]model.IDType {
	if e.regionE == nil {
		byRegion := e.a
		byRegion.Mode = model.ModeRegion
		e.regionE = byRegion.Accepted(e.cat)
	}
	return e.regionE
}

// regionTable works out what each region accepts in effect, and the region table's rows.
func (e *effect) regionTable(countries []country) {
	regionIndex := map[model.Region]int{}
	for i, r := range model.Regions() {
		regionIndex[r] = i
		e.regions[i].choice = e.a.Regions[r]
		if e.regions[i].choice == "" {
			e.regions[i].choice = model.RegionSupported
		}
	}
	given := e.fromRegions()
	for i, c := range countries {
		rs := &e.regions[regionIndex[c.Region]]
		rs.countries++
		if len(given[c.Alpha3]) == 0 {
			continue
		}
		rs.accepting++
		for j, st := range e.states[i] {
			if st == stYes || st == stUnsupported {
				rs.types[j]++
			}
			if st == stUnsupported {
				rs.unsupported++
			}
		}
	}
	for i, r := range model.Regions() {
		rs := e.regions[i]
		cells := []string{regionName(r), string(rs.choice), fmt.Sprintf("%d of %d", rs.accepting, rs.countries)}
		for _, n := range rs.types {
			cells = append(cells, fmt.Sprint(n))
		}
		warn := ""
		if rs.unsupported > 0 {
			warn = fmt.Sprintf("! %d unsup.", rs.unsupported)
		}
		e.regionRows = append(e.regionRows, table.Row{Key: string(r), Cells: append(cells, warn)})
	}
}

// differing are the countries whose per-country choice differs from what their region
// gives, in the pane's order: the choices that stop applying in region mode.
func (e *effect) differing(countries []country) []string {
	var out []string
	given := e.fromRegions()
	for _, c := range countries {
		if !slices.Equal(e.a.Countries[c.Alpha3], given[c.Alpha3]) {
			out = append(out, c.Alpha3)
		}
	}
	return out
}
