//go:build race

package uitest

// raceEnabled: built with the race detector, where a frame costs ten times more.
const raceEnabled = true
