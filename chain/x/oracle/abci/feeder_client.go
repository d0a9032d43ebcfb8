// Package abci holds the oracle's ABCI++ handlers: ExtendVote/VerifyVoteExtension, PrepareProposal/ProcessProposal
// injection of the extended commit, and the PreBlock aggregation entry point.
package abci

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"
)

const (
	// DefaultFeederTimeout is the hard limit on one feeder request from ExtendVote.
	DefaultFeederTimeout = 200 * time.Millisecond
	// MaxFeederTimeout is the largest timeout a node may configure (ExtendVote must stay fast).
	MaxFeederTimeout = 250 * time.Millisecond
	// DefaultFeederMaxAge is how old a feeder answer (its timestamp_ms) may be by default.
	DefaultFeederMaxAge = 5 * time.Second
	// MaxFeederClockSkew is how far in the future a feeder's timestamp may be (it runs beside the node).
	MaxFeederClockSkew = time.Second
	// maxFeederResponseBytes bounds what we read from a feeder.
	maxFeederResponseBytes = 1 << 20
)

// PriceSource returns the current decimal prices by "BASE/QUOTE". It is called from ExtendVote only:
// non-deterministic by nature, never from consensus-critical code.
type PriceSource interface {
	Prices(ctx context.Context) (map[string]string, error)
}

// HTTPFeeder reads prices from a clearchain-feeder's GET /prices on loopback. An answer whose timestamp_ms is
// missing, older than its max age or more than MaxFeederClockSkew in the future is refused (a stuck feeder must
// silence this validator, not sign old prices).
type HTTPFeeder struct {
	url     string
	timeout time.Duration
	maxAge  time.Duration
	client  *http.Client
}

// NewHTTPFeeder returns a feeder client for baseURL (e.g. http://127.0.0.1:7171); timeout is capped at MaxFeederTimeout.
func NewHTTPFeeder(baseURL string, timeout time.Duration) *HTTPFeeder {
	if timeout <= 0 || timeout > MaxFeederTimeout {
		timeout = DefaultFeederTimeout
	}
	return &HTTPFeeder{
		url:     baseURL + "/prices",
		timeout: timeout,
		maxAge:  DefaultFeederMaxAge,
		client:  &http.Client{Timeout: timeout, Transport: &http.Transport{Proxy: nil, MaxIdleConns: 2, IdleConnTimeout: 30 * time.Second}},
	}
}

// WithMaxAge sets how old an answer may be (non-positive: DefaultFeederMaxAge) and returns f.
func (f *HTTPFeeder) WithMaxAge(maxAge time.Duration) *HTTPFeeder {
	if maxAge <= 0 {
		maxAge = DefaultFeederMaxAge
	}
	f.maxAge = maxAge
	return f
}

// MaxAge returns how old an answer may be.
func (f *HTTPFeeder) MaxAge() time.Duration { return f.maxAge }

// feederResponse is the JSON body of GET /prices.
type feederResponse struct {
	TimestampMs int64             `json:"timestamp_ms"`
	Prices      map[string]string `json:"prices"`
}

// Prices implements PriceSource.
func (f *HTTPFeeder) Prices(ctx context.Context) (map[string]string, error) {
	ctx, cancel := context.WithTimeout(ctx, f.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, f.url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("feeder answered %s", resp.Status)
	}
	var body feederResponse
	if err := json.NewDecoder(io.LimitReader(resp.Body, maxFeederResponseBytes)).Decode(&body); err != nil {
		return nil, errors.New("feeder response: " + err.Error())
	}
	if err := checkFreshness(body.TimestampMs, time.Now(), f.maxAge); err != nil {
		return nil, err
	}
	return body.Prices, nil
}

// checkFreshness accepts a feeder timestamp (unix ms) within [now − maxAge, now + MaxFeederClockSkew]. Wall-clock
// time is fine here: ExtendVote is not deterministic by nature.
func checkFreshness(timestampMs int64, now time.Time, maxAge time.Duration) error {
	if timestampMs <= 0 {
		return errors.New("feeder answer has no timestamp_ms")
	}
	age := now.Sub(time.UnixMilli(timestampMs))
	switch {
	case age > maxAge:
		return fmt.Errorf("feeder answer is %s old (max %s)", age.Round(time.Millisecond), maxAge)
	case -age > MaxFeederClockSkew:
		return fmt.Errorf("feeder answer is %s in the future", (-age).Round(time.Millisecond))
	}
	return nil
}
