package persist

import (
	"slices"
	"strings"
	"testing"
)

// BenchmarkHistory lists 10,000 revisions, as the History pane does once per head
// change (and `idvset history` once).
func BenchmarkHistory(b *testing.B) {
	s, _ := benchStore(b, 10_000)
	defer s.Close()
	for b.Loop() {
		h, err := s.History()
		if err != nil || len(h) != 10_000 {
			b.Fatalf("History: %d revisions, %v", len(h), err)
		}
	}
}

// BenchmarkRevision reads one revision's settings, as a diff in the History pane reads
// two.
func BenchmarkRevision(b *testing.B) {
	s, _ := benchStore(b, 10_000)
	defer s.Close()
	for b.Loop() {
		if _, err := s.Revision(5_000); err != nil {
			b.Fatal(err)
		}
	}
}

// The history is listed from its covering index: a query that also needed the table
// would read every stored document, and BenchmarkHistory would double; a sort would
// cost it 10 ms at 10,000 revisions.
func TestHistoryQueryIsCovered(t *testing.T) {
	s, _ := newStore(t, nil)
	rows, err := s.db.Query("EXPLAIN QUERY PLAN " + historyQuery)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	// The subquery reads the index in order (backwards): no other scan, no sort.
	want := []string{"CO-ROUTINE (subquery-1)", "SCAN revisions USING COVERING INDEX revisions_history", "SCAN (subquery-1)"}
	if !slices.Equal(plan, want) {
		t.Fatalf("the history query plan is %q, want %q", plan, want)
	}
}

// History frames each author and summary by its length, so none can break the listing:
// spaces, digits, newlines and control characters, multi-byte runes, empty strings.
func TestHistoryOfAnyAuthor(t *testing.T) {
	s, path := newStore(t, nil)
	authors := []string{"", " ", "12 34", "a\nb\x00c", "zoë 田中", "5 x 7 y", strings.Repeat("é", 40)}
	rev := 1
	for i, a := range authors {
		st := openTest(t, path, nil)
		st.author = a
		doc := fullDoc()
		doc.General.TokenLifetimeMinutes = 10 + i
		var err error
		if rev, err = st.commit(doc, rev, ""); err != nil {
			t.Fatal(err)
		}
	}
	h, err := s.History()
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != len(authors)+1 {
		t.Fatalf("%d revisions listed, want %d", len(h), len(authors)+1)
	}
	for i, ri := range h {
		want, err := s.RevisionInfo(ri.Number)
		if err != nil {
			t.Fatal(err)
		}
		if ri.Number != len(h)-i || ri != want {
			t.Errorf("listed %+v, want %+v", ri, want)
		}
	}
	if h[0].Author != authors[len(authors)-1] || h[len(h)-2].Author != authors[0] {
		t.Errorf("authors listed %q and %q", h[0].Author, h[len(h)-2].Author)
	}
}

// FuzzParseHistory: whatever text the history query returns (a damaged file), it is
// split or refused as damage, never a panic.
func FuzzParseHistory(f *testing.F) {
	f.Add("3 2 2026-03-01T09:00:00.000000000Z 5 alice9 1 change2 1 2026-03-01T08:00:00.000000000Z 3 bob0 ")
	f.Add("1 0 2026-03-01T09:00:00Z 99 x")
	f.Add("1 0 x -1 ")
	f.Fuzz(func(t *testing.T, text string) {
		h, err := parseHistory(text)
		if err != nil {
			return
		}
		for _, ri := range h {
			if len(ri.Author)+len(ri.Summary) > len(text) {
				t.Fatalf("fields longer than the text: %+v", ri)
			}
		}
	})
}
