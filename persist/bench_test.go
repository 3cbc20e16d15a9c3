package persist

import (
	"fmt"
	"path/filepath"
	"testing"

	"idvset/model"
)

// benchStore returns a store whose head is crashDocs()[1] after n revisions in all. The
// revisions beyond the first few are copied in SQL, each stored whole (as the head is):
// saving 10,000 documents one by one would take minutes of set-up for nothing the
// benchmarks measure.
func benchStore(b *testing.B, n int) (*Store, string) {
	b.Helper()
	path := filepath.Join(b.TempDir(), "settings.db")
	s, err := Open(path, Options{Author: "bench", params: testParams})
	if err != nil {
		b.Fatal(err)
	}
	if err := s.SetPassword(testPassword); err != nil {
		b.Fatal(err)
	}
	docs := crashDocs()
	rev := 1
	for _, d := range []model.Settings{docs[0], docs[1]} {
		if rev, err = s.commit(d, rev, ""); err != nil {
			b.Fatal(err)
		}
	}
	_, err = s.db.Exec(`WITH RECURSIVE seq(i) AS (SELECT 4 UNION ALL SELECT i + 1 FROM seq WHERE i < ?)
		INSERT INTO revisions (number, created_at, author, summary, base, packed)
		SELECT i, created_at, author, summary, i - 1, packed FROM seq, revisions WHERE number = 3`, n)
	if err != nil {
		b.Fatal(err)
	}
	if head, _, err := s.Head(); err != nil || head != n {
		b.Fatalf("Head = %d, %v; want %d", head, err, n)
	}
	return s, path
}

// BenchmarkOpenHead opens a database of 10,000 revisions and loads its head, as every
// command and the editor do at start.
func BenchmarkOpenHead(b *testing.B) {
	s, path := benchStore(b, 10_000)
	s.Close()
	for b.Loop() {
		s, err := Open(path, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, _, err := s.Head(); err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

// BenchmarkSave saves a full document (every table, two images, a country table of
// every country) on top of 10 and of 10,000 revisions, without the password hash.
func BenchmarkSave(b *testing.B) {
	for _, n := range []int{10, 10_000} {
		b.Run(fmt.Sprintf("revisions=%d", n), func(b *testing.B) {
			s, _ := benchStore(b, n)
			defer s.Close()
			docs := crashDocs()
			base := n
			i := 0
			for b.Loop() {
				rev, err := s.commit(docs[i%2], base, "")
				if err != nil {
					b.Fatal(err)
				}
				base = rev
				i++
			}
		})
	}
}

// BenchmarkHashPassword is one argon2id hash at the production parameters: the delay a
// person waits after typing the password.
func BenchmarkHashPassword(b *testing.B) {
	for b.Loop() {
		if _, err := hashPassword(testPassword, defaultParams); err != nil {
			b.Fatal(err)
		}
	}
}
