package persist

import "testing"

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
// would read every stored document, and BenchmarkHistory would double.
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
	if len(plan) != 1 || plan[0] != "SCAN revisions USING COVERING INDEX revisions_history" {
		t.Fatalf("the history query plan is %q", plan)
	}
}
