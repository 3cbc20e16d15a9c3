package fuzzy

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"idvset/tui/components/internal/fixtures"
)

func languageItems() []Item {
	var items []Item
	for _, l := range fixtures.Locales {
		items = append(items, Item{Title: l.Name, Code: l.Code, Keywords: []string{l.Native}})
	}
	return items
}

func countryItems(cs []fixtures.Country) []Item {
	var items []Item
	for _, c := range cs {
		items = append(items, Item{Title: c.Name, Code: c.Alpha3, Keywords: []string{c.Alpha2, c.Region}})
	}
	return items
}

// titles are the titles of the matches, best first.
func titles(items []Item, ms []Match) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = items[m.Index].Title
	}
	return out
}

func TestRanking(t *testing.T) {
	langs, countries := languageItems(), countryItems(fixtures.Countries)
	tests := []struct {
		name  string
		items []Item
		query string
		first []string // the first results, in order
		tier  Tier
		field Field
	}{
		{"a word's start finds the language", langs, "germ", []string{"German"}, TierPrefix, FieldTitle},
		{"a word's start finds the country", countries, "germ", []string{"Germany"}, TierPrefix, FieldTitle},
		{"an exact alpha-3 code ranks first", countries, "deu", []string{"Germany"}, TierCode, FieldCode},
		{"codes are case-insensitive", countries, "DEU", []string{"Germany"}, TierCode, FieldCode},
		{"the code de before the words that start with de", langs, "de", []string{"German"}, TierCode, FieldCode},
		{"a regional code", langs, "pt-BR", []string{"Portuguese (Brazil)"}, TierCode, FieldCode},
		{"underscore reads as hyphen", langs, "pt_br", []string{"Portuguese (Brazil)"}, TierCode, FieldCode},
		{"a code that prefixes others comes first", langs, "pt", []string{"Portuguese", "Portuguese (Brazil)"}, TierCode, FieldCode},
		{"the name in the language itself", langs, "deutsch", []string{"German"}, TierExact, FieldKeyword},
		{"part of the native name", langs, "franç", []string{"French"}, TierPrefix, FieldKeyword},
		{"accents fold", countries, "cote", []string{"Côte d'Ivoire"}, TierPrefix, FieldTitle},
		{"accents fold in the query too", countries, "Türk", []string{"Türkiye"}, TierPrefix, FieldTitle},
		{"a later word (ties in the items' order: KOR, PRK)", countries, "korea", []string{"South Korea", "North Korea"}, TierPrefix, FieldTitle},
		{"two words", countries, "south af", []string{"South Africa"}, TierPrefix, FieldTitle},
		{"inside a word", countries, "many", []string{"Germany"}, TierContains, FieldTitle},
		{"scattered letters", countries, "gmny", []string{"Germany"}, TierFuzzy, FieldTitle},
		{"the shorter title first", langs, "english", []string{"English", "English (United Kingdom)"}, TierExact, FieldTitle},
		{"spaces around the query are ignored", countries, "  deu ", []string{"Germany"}, TierCode, FieldCode},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := New(tt.items)
			got := m.Find(tt.query)
			if len(got) < len(tt.first) {
				t.Fatalf("%q: %d matches %v, want at least %v", tt.query, len(got), titles(tt.items, got), tt.first)
			}
			if ts := titles(tt.items, got)[:len(tt.first)]; !slices.Equal(ts, tt.first) {
				t.Errorf("%q: first %v, want %v (all: %v)", tt.query, ts, tt.first, titles(tt.items, got))
			}
			if got[0].Tier != tt.tier || got[0].Field != tt.field {
				t.Errorf("%q: tier %d field %d, want tier %d field %d", tt.query, got[0].Tier, got[0].Field, tt.tier, tt.field)
			}
		})
	}
}

func TestRegionKeywordFindsEveryCountryOfTheRegion(t *testing.T) {
	items := countryItems(fixtures.Countries)
	m := New(items)
	m.SetFallback(true)
	got := m.Find("europe")
	want := 0
	for _, c := range fixtures.Countries {
		if c.Region == "EUROPE" {
			want++
		}
	}
	if len(got) != want {
		t.Fatalf("europe: %d matches, want the %d European countries: %v", len(got), want, titles(items, got))
	}
	// Ties keep the items' order (alpha-3 here).
	if !slices.IsSortedFunc(got, func(a, b Match) int { return a.Index - b.Index }) {
		t.Errorf("ties are not in the items' order: %v", titles(items, got))
	}
}

// With fallback on, "asia" must not bring in Australia (a-s-i-a in order), or a user who
// filters by region and marks every row shown would mark Oceania too.
func TestFallbackDropsScatteredMatches(t *testing.T) {
	items := countryItems(fixtures.Countries)
	m := New(items)
	if !slices.Contains(titles(items, m.Find("asia")), "Australia") {
		t.Fatal("without fallback, asia should also find Australia by scattered letters")
	}
	m.SetFallback(true)
	for _, mt := range m.Find("asia") {
		if mt.Tier == TierFuzzy {
			t.Errorf("asia with fallback: %q matched by scattered letters", items[mt.Index].Title)
		}
	}
	// With nothing better, scattered letters still find what a user means.
	if got := titles(items, m.Find("gmny")); len(got) == 0 || got[0] != "Germany" {
		t.Errorf("gmny with fallback: %v", got)
	}
}

func TestNoMatch(t *testing.T) {
	m := New(languageItems())
	if got := m.Find("xyzzy"); len(got) != 0 {
		t.Errorf("xyzzy matched %d languages", len(got))
	}
	if got := New(nil).Find("a"); len(got) != 0 {
		t.Errorf("an empty list matched: %v", got)
	}
}

func TestEmptyQueryIsEveryItemInOrder(t *testing.T) {
	items := languageItems()
	m := New(items)
	for _, q := range []string{"", "   "} {
		got := m.Find(q)
		if len(got) != len(items) {
			t.Fatalf("%q: %d items, want %d", q, len(got), len(items))
		}
		for i, mt := range got {
			if mt.Index != i || mt.Tier != TierAll || len(mt.Positions) != 0 {
				t.Fatalf("%q: result %d is %+v", q, i, mt)
			}
		}
	}
}

// Positions are byte offsets in the text as given, so the caller can highlight it,
// accents and all.
func TestPositions(t *testing.T) {
	tests := []struct {
		item  Item
		query string
		field Field
		want  string // the matched characters, read back from the field
	}{
		{Item{Title: "Germany", Code: "DEU"}, "germ", FieldTitle, "Germ"},
		{Item{Title: "Germany", Code: "DEU"}, "deu", FieldCode, "DEU"},
		{Item{Title: "Germany", Code: "DEU"}, "gmny", FieldTitle, "Gmny"},
		{Item{Title: "Côte d'Ivoire", Code: "CIV"}, "cote", FieldTitle, "Côte"},
		{Item{Title: "Saint Barthélemy", Code: "BLM"}, "barthe", FieldTitle, "Barthé"},
		{Item{Title: "Curaçao", Code: "CUW"}, "crc", FieldTitle, "Crç"},
		{Item{Title: "Straße", Code: "X"}, "strasse", FieldTitle, "Straße"},
		{Item{Title: "German", Keywords: []string{"Deutsch"}}, "deut", FieldKeyword, "Deut"},
	}
	for _, tt := range tests {
		got := New([]Item{tt.item}).Find(tt.query)
		if len(got) != 1 {
			t.Errorf("%q in %q: no match", tt.query, tt.item.Title)
			continue
		}
		text := tt.item.Title
		switch got[0].Field {
		case FieldCode:
			text = tt.item.Code
		case FieldKeyword:
			text = tt.item.Keywords[got[0].Keyword]
		}
		var b strings.Builder
		for _, p := range got[0].Positions {
			r := []rune(text[p:])[0]
			b.WriteRune(r)
		}
		if got[0].Field != tt.field || b.String() != tt.want {
			t.Errorf("%q in %q: field %d, characters %q; want field %d, %q", tt.query, tt.item.Title,
				got[0].Field, b.String(), tt.field, tt.want)
		}
	}
}

// Typing narrows the last answer and backspace returns an earlier one: whatever the
// order of keystrokes, each answer equals a fresh search.
func TestIncrementalEqualsFresh(t *testing.T) {
	items := countryItems(fixtures.Countries)
	m := New(items)
	fresh := New(items)
	rng := rand.New(rand.NewPCG(1, 2))
	letters := "aeiounrstlgkd -'"
	q := ""
	for range 1000 {
		if len(q) > 0 && rng.IntN(3) == 0 {
			q = q[:len(q)-1]
		} else if len(q) < 8 {
			q += string(letters[rng.IntN(len(letters))])
		}
		m.SetFallback(rng.IntN(2) == 0)
		fresh.SetFallback(m.fallback)
		fresh.steps = nil // no memory of earlier queries
		got, want := m.Find(q), fresh.Find(q)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("%q: narrowed %v\nfresh %v", q, titles(items, got), titles(items, want))
		}
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Germany": "germany", "pt_BR": "pt-br", "Åland": "aland", "Türkiye": "turkiye",
		"Straße": "strasse", "ÉCOLE": "ecole", "日本語": "日本語", "": "",
	} {
		if got := fold(in).s; got != want {
			t.Errorf("fold(%q) = %q, want %q", in, got, want)
		}
	}
}

// Matching never panics and never reports a position outside the field, whatever the
// text and the query.
func FuzzFind(f *testing.F) {
	f.Add("Côte d'Ivoire", "CIV", "ß", "cote")
	f.Add("Straße", "", "Deutsch", "ss")
	f.Add("\xff\xfe", "a\x00b", "", "\x00")
	f.Fuzz(func(t *testing.T, title, code, kw, q string) {
		items := []Item{{Title: title, Code: code, Keywords: []string{kw}}}
		for _, mt := range New(items).Find(q) {
			text := title
			switch mt.Field {
			case FieldCode:
				text = code
			case FieldKeyword:
				text = kw
			}
			for i, p := range mt.Positions {
				if p < 0 || p >= len(text) || i > 0 && p <= mt.Positions[i-1] {
					t.Fatalf("positions %v in %q", mt.Positions, text)
				}
			}
		}
	})
}
