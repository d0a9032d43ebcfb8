package rest

import (
	"net/http"
	"strings"
)

// LocalhostOrigins are the browser origins of pages served from this machine (any port, http or https): what the
// localnet allows on its RPC (CometBFT cors_allowed_origins) and REST ([api-cors] allowed-origins) ports.
var LocalhostOrigins = []string{"http://localhost:*", "http://127.0.0.1:*", "https://localhost:*", "https://127.0.0.1:*"}

// CORS wraps a handler so browsers on the allowed origins may call it. An origin is matched exactly or with one
// "*" wildcard ("http://localhost:*"); "*" alone allows every origin. A preflight (OPTIONS with
// Access-Control-Request-Method) from an allowed origin is answered 204 here. With no allowed origins the handler
// is returned unchanged (no CORS headers: the browser's same-origin policy applies).
func CORS(allowed []string, next http.Handler) http.Handler {
	var origins []string
	for _, o := range allowed {
		if o = strings.TrimSpace(o); o != "" {
			origins = append(origins, o)
		}
	}
	if len(origins) == 0 {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		if origin == "" || !OriginAllowed(origins, origin) {
			next.ServeHTTP(w, r)
			return
		}
		h := w.Header()
		h.Add("Vary", "Origin")
		h.Set("Access-Control-Allow-Origin", origin)
		h.Set("Access-Control-Expose-Headers", "Grpc-Metadata-X-Cosmos-Block-Height, X-Cosmos-Block-Height")
		if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
			h.Add("Vary", "Access-Control-Request-Method")
			h.Add("Vary", "Access-Control-Request-Headers")
			h.Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
			if req := r.Header.Get("Access-Control-Request-Headers"); req != "" {
				h.Set("Access-Control-Allow-Headers", req)
			} else {
				h.Set("Access-Control-Allow-Headers", "Content-Type")
			}
			h.Set("Access-Control-Max-Age", "600")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// allDigits reports whether s is a non-empty run of ASCII digits.
func allDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// OriginAllowed reports whether origin matches one of the patterns (exact, "*", or one "*" wildcard; a wildcard
// after "scheme://host:" matches a port number only).
func OriginAllowed(patterns []string, origin string) bool {
	origin = strings.ToLower(origin)
	for _, p := range patterns {
		p = strings.ToLower(p)
		if p == "*" || p == origin {
			return true
		}
		if i := strings.IndexByte(p, '*'); i >= 0 {
			prefix, suffix := p[:i], p[i+1:]
			if len(origin) < len(prefix)+len(suffix) || !strings.HasPrefix(origin, prefix) || !strings.HasSuffix(origin, suffix) {
				continue
			}
			// "scheme://host:*" stands for a port: digits only, so "http://localhost:*" never matches another host.
			if wild := origin[len(prefix) : len(origin)-len(suffix)]; strings.HasSuffix(prefix, ":") && suffix == "" && !allDigits(wild) {
				continue
			}
			return true
		}
	}
	return false
}
