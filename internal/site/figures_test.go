package site

import "testing"

// TestFormatNumber: thousands separators in the integer part, no more
// decimals than the value has, the sign kept.
func TestFormatNumber(t *testing.T) {
	for v, want := range map[float64]string{
		0: "0", 653: "653", 999: "999", 1000: "1,000", 1200: "1,200", -100: "-100", -3.5: "-3.5",
		0.001: "0.001", -1234567.25: "-1,234,567.25", 1e21: "1,000,000,000,000,000,000,000",
	} {
		if got := FormatNumber(v); got != want {
			t.Errorf("FormatNumber(%v) = %q, want %q", v, got, want)
		}
	}
}
