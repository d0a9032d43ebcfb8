package abci_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	oracleabci "github.com/clearchain/clearchain/chain/x/oracle/abci"
)

// timedFeeder serves GET /prices with a timestamp_ms of now+offset computed per request (omitted when nil).
func timedFeeder(t *testing.T, offset *time.Duration) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if offset == nil {
			_, _ = w.Write([]byte(`{"prices":{"AS0/USD":"1"}}`))
			return
		}
		_, _ = fmt.Fprintf(w, `{"timestamp_ms":%d,"prices":{"AS0/USD":"1"}}`, time.Now().Add(*offset).UnixMilli())
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func dur(d time.Duration) *time.Duration { return &d }

func TestFeederRejectsOldFutureOrMissingTimestamps(t *testing.T) {
	cases := []struct {
		name   string
		offset *time.Duration
		ok     bool
	}{
		{"fresh", dur(-100 * time.Millisecond), true},
		{"just inside the max age", dur(-oracleabci.DefaultFeederMaxAge + time.Second), true},
		{"older than the max age", dur(-oracleabci.DefaultFeederMaxAge - time.Second), false},
		{"an hour old", dur(-time.Hour), false},
		{"far in the future", dur(time.Minute), false},
		{"missing", nil, false},
		{"epoch zero", dur(-time.Since(time.UnixMilli(0))), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			prices, err := oracleabci.NewHTTPFeeder(timedFeeder(t, tc.offset), 200*time.Millisecond).Prices(context.Background())
			if tc.ok {
				require.NoError(t, err)
				require.Equal(t, "1", prices["AS0/USD"])
			} else {
				require.Error(t, err)
				require.Nil(t, prices)
			}
		})
	}
}

func TestFeederMaxAgeIsConfigurable(t *testing.T) {
	url := timedFeeder(t, dur(-10*time.Second))
	_, err := oracleabci.NewHTTPFeeder(url, 200*time.Millisecond).Prices(context.Background())
	require.Error(t, err, "10 s is older than the default")
	_, err = oracleabci.NewHTTPFeeder(url, 200*time.Millisecond).WithMaxAge(20 * time.Second).Prices(context.Background())
	require.NoError(t, err)
	_, err = oracleabci.NewHTTPFeeder(timedFeeder(t, dur(-2*time.Second)), 200*time.Millisecond).WithMaxAge(time.Second).Prices(context.Background())
	require.Error(t, err)
	require.Equal(t, oracleabci.DefaultFeederMaxAge, oracleabci.NewHTTPFeeder(url, 0).WithMaxAge(0).MaxAge(), "non-positive: the default")
}
