package rest

import "testing"

// TestOriginAllowed: exact origins, "*", and a port wildcard that matches digits only.
func TestOriginAllowed(t *testing.T) {
	cases := []struct {
		origin string
		want   bool
	}{
		{"http://localhost:5173", true}, {"http://LOCALHOST:80", true}, {"https://127.0.0.1:8443", true},
		{"http://localhost", false}, {"http://localhost:", false}, {"http://localhost:80.evil.example", false},
		{"http://localhost.evil.example", false}, {"http://127.0.0.1:1@evil.example", false}, {"https://app.example.com", true},
		{"https://app.example.com.evil", false}, {"null", false},
	}
	patterns := append(append([]string{}, LocalhostOrigins...), "https://app.example.com")
	for _, c := range cases {
		if got := OriginAllowed(patterns, c.origin); got != c.want {
			t.Errorf("OriginAllowed(%q) = %v, want %v", c.origin, got, c.want)
		}
	}
	if !OriginAllowed([]string{"*"}, "https://anything.example") {
		t.Error(`"*" allows every origin`)
	}
}
