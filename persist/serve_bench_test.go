package persist

import (
	"fmt"
	"testing"
)

// BenchmarkSessionOpen is what each `idvset serve` session costs its store: Open (its
// integrity check waits for the session's first write) and Head, on a database that another connection holds open (the
// server keeps one), at 100 and 10,000 revisions.
func BenchmarkSessionOpen(b *testing.B) {
	for _, n := range []int{100, 10_000} {
		b.Run(fmt.Sprintf("revisions=%d", n), func(b *testing.B) {
			s, path := benchStore(b, n)
			defer s.Close()
			for b.Loop() {
				session, err := Open(path, Options{Author: "alice (SHA256:…)", NoCreate: true})
				if err != nil {
					b.Fatal(err)
				}
				if _, _, err := session.Head(); err != nil {
					b.Fatal(err)
				}
				session.Close()
			}
		})
	}
}
