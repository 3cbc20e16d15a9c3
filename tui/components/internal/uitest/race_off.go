//go:build !race

package uitest

// raceEnabled: built with the race detector (see race_on.go).
const raceEnabled = false
