// Package abci holds the oracle's ABCI++ handlers: ExtendVote/VerifyVoteExtension, PrepareProposal/ProcessProposal
// injection of the extended commit, and the PreBlock aggregation entry point.
package abci

import (
	"context"
	"encoding/json"
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
	// maxFeederResponseBytes bounds what we read from a feeder.
	maxFeederResponseBytes = 1 << 20
)

// PriceSource returns the current decimal prices by "BASE/QUOTE". It is called from ExtendVote only:
// non-deterministic by nature, never from consensus-critical code.
type PriceSource interface {
	Prices(ctx context.Context) (map[string]string, error)
}

// HTTPFeeder reads prices from a clearchain-feeder's GET /prices on loopback.
type HTTPFeeder struct {
	url     string
	timeout time.Duration
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
		client:  &http.Client{Timeout: timeout, Transport: &http.Transport{Proxy: nil, MaxIdleConns: 2, IdleConnTimeout: 30 * time.Second}},
	}
}

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
		return nil, fmt.Errorf("feeder response: %w", err)
	}
	return body.Prices, nil
}
