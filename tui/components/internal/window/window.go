// Package window keeps a cursor on a list and a window of rows around it, for the
// components that draw only the rows in sight.
package window

// Clamp returns the cursor kept on one of n items and the offset of a window of rows
// rows that shows it, moved as little as possible and never past the end.
func Clamp(cursor, offset, n, rows int) (int, int) {
	cursor = max(min(cursor, n-1), 0)
	if rows <= 0 {
		return cursor, cursor
	}
	if cursor < offset {
		offset = cursor
	}
	if cursor >= offset+rows {
		offset = cursor - rows + 1
	}
	return cursor, max(min(offset, n-rows), 0)
}
