package model

import "time"

// RetentionLoss describes the records a shorter retention deletes.
type RetentionLoss struct {
	From, To time.Time // records created in [From, To) are deleted; From zero = the beginning
}

// RetentionShortening reports whether going from old to new retention deletes records,
// and which, as of now. Days are calendar days in UTC: with a retention of N days the
// records kept are those created on or after today−N (midnight UTC).
//
//   - forever → N days: records created before today−N go;
//   - M → N days with N < M: records created from today−M up to (not including)
//     today−N go (older ones were deleted already);
//   - anything → forever, or to as long or longer: nothing goes.
func RetentionShortening(old, new Retention, now time.Time) (RetentionLoss, bool) {
	if new.PurgeAfterDays == nil {
		return RetentionLoss{}, false
	}
	to := retentionCutoff(now, *new.PurgeAfterDays)
	if old.PurgeAfterDays == nil {
		return RetentionLoss{To: to}, true
	}
	if *new.PurgeAfterDays >= *old.PurgeAfterDays {
		return RetentionLoss{}, false
	}
	return RetentionLoss{From: retentionCutoff(now, *old.PurgeAfterDays), To: to}, true
}

// retentionCutoff is the first calendar day (UTC midnight) a retention of days keeps.
func retentionCutoff(now time.Time, days int) time.Time {
	y, m, d := now.UTC().Date()
	return time.Date(y, m, d-days, 0, 0, 0, 0, time.UTC)
}

// Sentence says what the review before saving shows, with dates as YYYY-MM-DD and both
// ends inclusive: "records created between 2025-12-01 and 2026-03-31 will be deleted
// permanently", or for a retention that was forever "records created before 2026-04-01
// will be deleted permanently". A single day reads "records created on 2026-03-01 …".
func (l RetentionLoss) Sentence() string {
	const day = "2006-01-02"
	if l.From.IsZero() {
		return "records created before " + l.To.Format(day) + " will be deleted permanently"
	}
	last := l.To.AddDate(0, 0, -1)
	if !last.After(l.From) {
		return "records created on " + l.From.Format(day) + " will be deleted permanently"
	}
	return "records created between " + l.From.Format(day) + " and " + last.Format(day) + " will be deleted permanently"
}
