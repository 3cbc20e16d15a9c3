// Package fuzzy ranks items against what a user types, for the pickers and the table
// filter. An item has a displayed title, a displayed code and keywords that are matched
// but not shown (a language's own name, a country's alpha-2 code, its region).
//
// Matching is case-insensitive, folds accents (so "cote" finds "Côte d'Ivoire") and
// reads "_" as "-" (so "pt_BR" finds "pt-BR"). Results come best first, in tiers:
//
//  1. TierCode: the query is the code ("de", "DEU", "pt-BR").
//  2. TierExact: the query is the whole title or a keyword ("europe", "german").
//  3. TierPrefix: the query starts a word of the title, the code or a keyword ("germ").
//  4. TierContains: the query appears inside a word ("many" in "Germany").
//  5. TierFuzzy: the query's characters appear in order (github.com/sahilm/fuzzy).
//
// Within a tier, a match at the very start beats one later on, the title beats the code
// and the code beats a keyword, and a shorter text beats a longer one; remaining ties keep
// the items' order. Each match reports the byte offsets of the matched characters in the
// field it matched, for highlighting.
//
// A Matcher is built once per list of items (folding is done then) and asked once per
// keystroke. It remembers its last answers, so a query that extends the previous one only
// searches the previous matches, and backspace returns the answer it already had.
package fuzzy

import (
	"cmp"
	"iter"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	sf "github.com/sahilm/fuzzy"
)

// Item is one thing to find.
type Item struct {
	// Title is the displayed name ("German", "Germany").
	Title string
	// Code is a displayed code ("de", "DEU"); an exact code match ranks first.
	Code string
	// Keywords are matched but not displayed ("Deutsch", "DE", "EUROPE").
	Keywords []string
}

// Tier says how a query matched; lower is better.
type Tier int

// The tiers, best first. TierAll is every item for an empty query.
const (
	TierAll Tier = iota
	TierCode
	TierExact
	TierPrefix
	TierContains
	TierFuzzy
)

// Field names the part of an item a match was found in.
type Field int

// The fields of an item.
const (
	FieldTitle Field = iota
	FieldCode
	FieldKeyword
)

// Match is one item that matched a query.
type Match struct {
	// Index is the item's position in the list the Matcher was built from.
	Index int
	// Tier is how well it matched.
	Tier Tier
	// Field is where the best match was found; Keyword says which keyword.
	Field   Field
	Keyword int
	// Positions are the byte offsets, in that field's text as given, of the matched
	// characters, ascending. Empty for TierAll.
	Positions []int

	rank int // order within the tier; lower is better
}

// Matcher finds items. Build it with New; it is not safe for concurrent use (it
// remembers its last answers).
type Matcher struct {
	items    []prepared
	all      []Match
	fallback bool
	// steps are the answers to the last queries, each query a prefix of the next.
	steps []step
}

type prepared struct {
	title, code folded
	keywords    []folded
}

type step struct {
	query   string
	matches []Match // sorted
	// complete says matches holds the scattered (fuzzy) matches too; with fallback on
	// and a literal match found, they are not searched.
	complete bool
}

// New prepares items for matching. The items are not kept; the matcher refers to them
// by index.
func New(items []Item) *Matcher {
	m := &Matcher{items: make([]prepared, len(items)), all: make([]Match, len(items))}
	for i, it := range items {
		p := prepared{title: fold(it.Title), code: fold(it.Code)}
		if len(it.Keywords) > 0 {
			p.keywords = make([]folded, len(it.Keywords))
			for k, w := range it.Keywords {
				p.keywords[k] = fold(w)
			}
		}
		m.items[i] = p
		m.all[i] = Match{Index: i, Tier: TierAll}
	}
	return m
}

// Len is the number of items.
func (m *Matcher) Len() int { return len(m.items) }

// SetFallback makes fuzzy matches (TierFuzzy) appear only when nothing matched better.
// A table that marks every row shown wants this: "asia" must not bring in Australia
// (a-s-i-a in order) beside the countries of Asia. A picker, where only the cursor row
// is picked, can leave it off.
func (m *Matcher) SetFallback(on bool) {
	if on != m.fallback {
		m.steps = m.steps[:0] // answers without scattered matches would be wrong now
	}
	m.fallback = on
}

// Find returns the items matching query, best first. An empty query (or spaces) returns
// every item in order. The result belongs to the matcher: read it, do not modify it.
func (m *Matcher) Find(query string) []Match {
	q := foldQuery(query)
	if q == "" {
		m.steps = m.steps[:0]
		return m.all
	}
	for len(m.steps) > 0 && !strings.HasPrefix(q, m.steps[len(m.steps)-1].query) {
		m.steps = m.steps[:len(m.steps)-1]
	}
	n := len(m.steps)
	if n > 0 && m.steps[n-1].query == q {
		return m.steps[n-1].matches
	}
	// Every match of q also matches any prefix of q: a substring of a field holds the
	// prefix too, and so do letters in order. So the last answer holds every literal
	// match of q, and the last complete answer every match.
	var lits []Match
	var arena []int
	for i := range m.candidates(n) {
		if mt, ok := m.literal(i, q, &arena); ok {
			lits = append(lits, mt)
		}
	}
	st := step{query: q}
	if m.fallback && len(lits) > 0 {
		// Scattered matches are not wanted beside literal ones: skip them, and say so.
		st.matches = sortMatches(lits)
	} else {
		base := n
		for base > 0 && !m.steps[base-1].complete {
			base--
		}
		found := make([]bool, len(m.items))
		for _, mt := range lits {
			found[mt.Index] = true
		}
		var rest []int
		for i := range m.candidates(base) {
			if !found[i] {
				rest = append(rest, i)
			}
		}
		if len(rest) > 0 {
			lits = append(lits, m.fuzzy(q, rest)...)
		}
		st.matches, st.complete = sortMatches(lits), true
	}
	m.steps = append(m.steps, st)
	return st.matches
}

// candidates are the items the first n steps leave: every item when n is 0.
func (m *Matcher) candidates(n int) iter.Seq[int] {
	if n == 0 {
		return indexes(len(m.items))
	}
	return matchIndexes(m.steps[n-1].matches)
}

func indexes(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := range n {
			if !yield(i) {
				return
			}
		}
	}
}

func matchIndexes(ms []Match) iter.Seq[int] {
	return func(yield func(int) bool) {
		for _, mt := range ms {
			if !yield(mt.Index) {
				return
			}
		}
	}
}

// sortMatches orders matches by tier, rank and index. It sorts small keys rather than
// the matches themselves, which is most of a search's cost over thousands of items.
func sortMatches(ms []Match) []Match {
	type entry struct {
		key uint64
		pos int
	}
	keys := make([]entry, len(ms))
	for i, mt := range ms {
		rank := uint64(min(max(mt.rank, 0), 1<<30-1))
		keys[i] = entry{uint64(mt.Tier)<<59 | rank<<29 | uint64(min(mt.Index, 1<<29-1)), i}
	}
	slices.SortFunc(keys, func(a, b entry) int { return cmp.Compare(a.key, b.key) })
	out := make([]Match, len(ms))
	for i, k := range keys {
		out[i] = ms[k.pos]
	}
	return out
}

// fieldRank orders fields at equal tiers: title, code, keywords.
func fieldRank(f Field) int { return int(f) }

// literal finds q as a substring of one of item i's fields, best tier first.
func (m *Matcher) literal(i int, q string, arena *[]int) (Match, bool) {
	p := &m.items[i]
	best := Match{Index: i, Tier: TierFuzzy + 1}
	var bestAt int
	var bestIn folded
	try := func(f folded, field Field, kw int) {
		t, rank, at := literalTier(f, q, field)
		if t > TierContains || t > best.Tier || t == best.Tier && rank >= best.rank {
			return
		}
		best = Match{Index: i, Tier: t, Field: field, Keyword: kw, rank: rank}
		bestAt, bestIn = at, f
	}
	try(p.code, FieldCode, 0)
	try(p.title, FieldTitle, 0)
	for k, kw := range p.keywords {
		try(kw, FieldKeyword, k)
	}
	if best.Tier > TierContains {
		return best, false
	}
	best.Positions = bestIn.span(arena, bestAt, bestAt+len(q))
	return best, true
}

// literalTier is how q occurs in f: as the code, the whole text, a word's start or
// inside a word, with its rank in that tier and where it starts. It returns a tier past
// TierContains when q does not occur at all.
func literalTier(f folded, q string, field Field) (Tier, int, int) {
	at := strings.Index(f.s, q)
	if at < 0 {
		return TierFuzzy + 1, 0, 0
	}
	length := min(len(f.s), 9999)
	if at == 0 && len(q) == len(f.s) {
		if field == FieldCode {
			return TierCode, 0, 0
		}
		return TierExact, fieldRank(field), 0
	}
	// A later occurrence may start a word where the first does not ("an" in "Tanzania,
	// United Republic" is inside a word first).
	for from := at; from >= 0; {
		if f.wordStart(from) {
			notStart := 0
			if from > 0 {
				notStart = 1
			}
			return TierPrefix, notStart*1_000_000 + fieldRank(field)*100_000 + length, from
		}
		next := strings.Index(f.s[from+1:], q)
		if next < 0 {
			break
		}
		from += 1 + next
	}
	return TierContains, fieldRank(field)*100_000_000 + min(at, 9999)*10_000 + length, at
}

// inOrder returns sahilm/fuzzy's matched byte offsets of q in s when they ascend. In long
// runs of one letter v0.1.3 can report an offset twice and skip the next ("AAA…0AAA…"
// against 45 A's gave …42 43 43 45: found by make fuzz, kept in testdata/fuzz/FuzzFind);
// then q's runes are found again from the left, which is a match of the same text.
func inOrder(at []int, s, q string) []int {
	ok := true
	for i := 1; i < len(at); i++ {
		if at[i] <= at[i-1] {
			ok = false
			break
		}
	}
	if ok {
		return at
	}
	out := at[:0]
	i := 0
	for _, r := range q {
		for i < len(s) {
			c, n := utf8.DecodeRuneInString(s[i:])
			if unicode.ToLower(c) == unicode.ToLower(r) {
				out = append(out, i)
				i += n
				break
			}
			i += n
		}
	}
	return out
}

// fuzzyRank turns sahilm/fuzzy's score (higher is better, and it may be negative) into
// a rank (lower is better, never negative).
func fuzzyRank(score int, f Field) int {
	const limit = 100_000
	return (limit-min(max(score, -limit), limit))*10 + fieldRank(f)
}

// source lets sahilm/fuzzy read one field of some items without copying them.
type source struct {
	items []prepared
	idx   []int
	field Field
	kw    []kwRef
}

type kwRef struct{ item, kw int }

func (s source) String(i int) string {
	switch s.field {
	case FieldTitle:
		return s.items[s.idx[i]].title.s
	case FieldCode:
		return s.items[s.idx[i]].code.s
	}
	r := s.kw[i]
	return s.items[r.item].keywords[r.kw].s
}

func (s source) Len() int {
	if s.field == FieldKeyword {
		return len(s.kw)
	}
	return len(s.idx)
}

// fuzzy ranks the candidates in idx whose fields hold q's characters in order, one pass
// of sahilm/fuzzy per field.
func (m *Matcher) fuzzy(q string, idx []int) []Match {
	best := make(map[int]Match, 8)
	consider := func(item int, mt Match) {
		if old, ok := best[item]; ok && old.rank <= mt.rank {
			return
		}
		best[item] = mt
	}
	for _, field := range []Field{FieldTitle, FieldCode} {
		for _, r := range sf.FindFromNoSort(q, source{items: m.items, idx: idx, field: field}) {
			item := idx[r.Index]
			f := m.items[item].title
			if field == FieldCode {
				f = m.items[item].code
			}
			consider(item, Match{Index: item, Tier: TierFuzzy, Field: field,
				rank: fuzzyRank(r.Score, field), Positions: f.orig(inOrder(slices.Clone(r.MatchedIndexes), f.s, q))})
		}
	}
	var kws []kwRef
	for _, i := range idx {
		for k := range m.items[i].keywords {
			kws = append(kws, kwRef{i, k})
		}
	}
	if len(kws) > 0 {
		for _, r := range sf.FindFromNoSort(q, source{items: m.items, field: FieldKeyword, kw: kws}) {
			ref := kws[r.Index]
			f := m.items[ref.item].keywords[ref.kw]
			consider(ref.item, Match{Index: ref.item, Tier: TierFuzzy, Field: FieldKeyword, Keyword: ref.kw,
				rank: fuzzyRank(r.Score, FieldKeyword), Positions: f.orig(inOrder(slices.Clone(r.MatchedIndexes), f.s, q))})
		}
	}
	out := make([]Match, 0, len(best))
	for _, mt := range best {
		out = append(out, mt)
	}
	return out
}
