package model

import (
	"testing"
	"time"
)

func TestRetentionShortening(t *testing.T) {
	// Late in the evening in New York is already the next day in UTC.
	ny := time.FixedZone("EST", -5*3600)
	now := time.Date(2026, 3, 31, 22, 30, 0, 0, ny) // 2026-04-01 03:30 UTC
	days := func(d int) Retention { return Retention{PurgeAfterDays: &d} }
	forever := Retention{}
	tests := []struct {
		name     string
		old, new Retention
		want     string // the sentence, "" when nothing is deleted
	}{
		{"forever to 30 days", forever, days(30), "records created before 2026-03-02 will be deleted permanently"},
		{"360 to 30 days", days(360), days(30), "records created between 2025-04-06 and 2026-03-01 will be deleted permanently"},
		{"31 to 30 days", days(31), days(30), "records created on 2026-03-01 will be deleted permanently"},
		{"30 days to forever", days(30), forever, ""},
		{"forever to forever", forever, forever, ""},
		{"30 to 360 days", days(30), days(360), ""},
		{"unchanged", days(360), days(360), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			loss, ok := RetentionShortening(tt.old, tt.new, now)
			if ok != (tt.want != "") {
				t.Fatalf("shortening = %v, want %v", ok, tt.want != "")
			}
			if !ok {
				return
			}
			if got := loss.Sentence(); got != tt.want {
				t.Fatalf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
	loss, _ := RetentionShortening(days(360), days(30), now)
	wantFrom := time.Date(2025, 4, 6, 0, 0, 0, 0, time.UTC)
	wantTo := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	if !loss.From.Equal(wantFrom) || !loss.To.Equal(wantTo) {
		t.Errorf("loss = [%s, %s), want [%s, %s)", loss.From, loss.To, wantFrom, wantTo)
	}
}
