package model

import "testing"

func TestRedirectPreview(t *testing.T) {
	tests := []struct{ base, status, want string }{
		{"https://shop.example/done", "SUCCESS",
			"https://shop.example/done?transactionStatus=SUCCESS&customerInternalReference=…&transactionReference=…"},
		{"https://shop.example/fail", "ERROR",
			"https://shop.example/fail?transactionStatus=ERROR&customerInternalReference=…&transactionReference=…&errorCode=…"},
		{"https://shop.example/done?lang=de", "SUCCESS",
			"https://shop.example/done?lang=de&transactionStatus=SUCCESS&customerInternalReference=…&transactionReference=…"},
		{"https://shop.example/done?", "SUCCESS",
			"https://shop.example/done?transactionStatus=SUCCESS&customerInternalReference=…&transactionReference=…"},
		{"https://shop.example/done?a=1&", "ERROR",
			"https://shop.example/done?a=1&transactionStatus=ERROR&customerInternalReference=…&transactionReference=…&errorCode=…"},
		{"https://shop.example/done#top", "SUCCESS",
			"https://shop.example/done?transactionStatus=SUCCESS&customerInternalReference=…&transactionReference=…#top"},
		{"", "SUCCESS", ""},
	}
	for _, tt := range tests {
		if got := RedirectPreview(tt.base, tt.status); got != tt.want {
			t.Errorf("RedirectPreview(%q, %q)\n got %q\nwant %q", tt.base, tt.status, got, tt.want)
		}
	}
}
