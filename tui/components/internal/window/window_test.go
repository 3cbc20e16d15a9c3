package window

import "testing"

func TestClamp(t *testing.T) {
	tests := []struct{ cursor, offset, n, rows, wantCursor, wantOffset int }{
		{0, 0, 10, 5, 0, 0},
		{7, 0, 10, 5, 7, 3},  // down past the window: it follows
		{2, 3, 10, 5, 2, 2},  // up past the window: it follows
		{12, 0, 10, 5, 9, 5}, // past the end
		{-3, 4, 10, 5, 0, 0}, // before the start
		{4, 8, 10, 5, 4, 4},  // a window past the end comes back
		{3, 0, 3, 5, 2, 0},   // fewer items than rows
		{5, 2, 0, 5, 0, 0},   // no items
		{5, 2, 10, 0, 5, 5},  // no rows
	}
	for _, tt := range tests {
		c, o := Clamp(tt.cursor, tt.offset, tt.n, tt.rows)
		if c != tt.wantCursor || o != tt.wantOffset {
			t.Errorf("Clamp(%d, %d, %d, %d) = %d, %d; want %d, %d", tt.cursor, tt.offset, tt.n, tt.rows, c, o, tt.wantCursor, tt.wantOffset)
		}
	}
}
