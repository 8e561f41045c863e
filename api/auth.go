package api

import (
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/declinekit/declinekit/internal/problem"
)

// APIKeyConfig configures the APIKey middleware.
type APIKeyConfig struct {
	// Keys are the accepted keys; none means every request is let through.
	Keys []string
	// Realm names the protection space in WWW-Authenticate.
	Realm string
}

// DefaultAPIKeyConfig accepts no key and lets every request through.
var DefaultAPIKeyConfig = APIKeyConfig{Realm: "declinekit"}

// APIKeyWithConfig returns a middleware that requires one of cfg.Keys, sent
// as "Authorization: Bearer <key>" or "X-API-Key: <key>". A missing or
// wrong key is a 401 problem with a WWW-Authenticate challenge. Keys are
// compared as SHA-256 digests in constant time, so neither their content
// nor their length leaks through timing; they are never logged.
func APIKeyWithConfig(cfg APIKeyConfig) echo.MiddlewareFunc {
	if cfg.Realm == "" {
		cfg.Realm = DefaultAPIKeyConfig.Realm
	}
	digests := make([][sha256.Size]byte, len(cfg.Keys))
	for i, k := range cfg.Keys {
		digests[i] = sha256.Sum256([]byte(k))
	}
	challenge := `Bearer realm="` + cfg.Realm + `"`
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		if len(digests) == 0 {
			return next
		}
		return func(c echo.Context) error {
			given, ok := presentedKey(c.Request())
			if ok {
				d := sha256.Sum256([]byte(given))
				match := 0
				for i := range digests {
					match |= subtle.ConstantTimeCompare(d[:], digests[i][:])
				}
				if match == 1 {
					return next(c)
				}
			}
			c.Response().Header().Set(echo.HeaderWWWAuthenticate, challenge)
			detail := "this resource needs an API key: send Authorization: Bearer <key> or X-API-Key: <key>"
			if ok {
				detail = "the API key is not valid"
			}
			return &Error{Status: http.StatusUnauthorized, Type: problem.TypeUnauthorized, Detail: detail}
		}
	}
}

// presentedKey returns the key the request carries, if any.
func presentedKey(r *http.Request) (string, bool) {
	if k := r.Header.Get("X-API-Key"); k != "" {
		return k, true
	}
	scheme, token, ok := strings.Cut(r.Header.Get(echo.HeaderAuthorization), " ")
	if ok && strings.EqualFold(scheme, "Bearer") && strings.TrimSpace(token) != "" {
		return strings.TrimSpace(token), true
	}
	return "", false
}
