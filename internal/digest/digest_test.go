package digest

import "testing"

func TestOf(t *testing.T) {
	a, b := Of([]byte("<p>653 drones</p>")), Of([]byte("<p>654 drones</p>"))
	if a == b {
		t.Fatal("two bodies one digit apart have one fingerprint")
	}
	if a != OfString("<p>653 drones</p>") {
		t.Fatal("the same content as bytes and as a string has two fingerprints")
	}
	if a != Of([]byte("<p>653 drones</p>")) {
		t.Fatal("the same content has two fingerprints")
	}
	w := NewWriter()
	w.Write([]byte("<p>653 "))
	w.Write([]byte("drones</p>"))
	if w.Sum() != a {
		t.Fatal("content written in two pieces has another fingerprint than at once")
	}
	if Of(nil) == Of([]byte{0}) {
		t.Fatal("nothing and a zero byte have one fingerprint")
	}
}
