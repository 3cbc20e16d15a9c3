//go:build !race

package panetest

// raceEnabled: built with the race detector (see race_on.go).
const raceEnabled = false
