package abci_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"cosmossdk.io/log/v2"
	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/stretchr/testify/require"

	oracleabci "github.com/clearchain/clearchain/chain/x/oracle/abci"
	"github.com/clearchain/clearchain/chain/x/oracle/types"
)

// feederServer serves body on GET /prices after delay; "NOW" in body becomes the current unix milliseconds.
func feederServer(t *testing.T, status int, body string, delay time.Duration) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(delay)
		w.WriteHeader(status)
		_, _ = w.Write([]byte(strings.ReplaceAll(body, "NOW", strconv.FormatInt(time.Now().UnixMilli(), 10))))
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestExtendVote(t *testing.T) {
	f := newBenchFixture(t)
	prices := `"prices":{"AS0/USD":"100.5","AS1/USD":"0.000001","AS2/USD":"-3","AS3/USD":"abc","NOPE/USD":"5"}`
	good := `{"timestamp_ms":NOW,` + prices + `}`
	old := `{"timestamp_ms":1,` + prices + `}`
	cases := []struct {
		name      string
		source    oracleabci.PriceSource
		wantPairs int
	}{
		{"no feeder configured", nil, 0},
		{"feeder down", oracleabci.NewHTTPFeeder("http://127.0.0.1:1", 100*time.Millisecond), 0},
		{"feeder 500", oracleabci.NewHTTPFeeder(feederServer(t, 500, "boom", 0).URL, 100*time.Millisecond), 0},
		{"feeder garbage", oracleabci.NewHTTPFeeder(feederServer(t, 200, "{{{{", 0).URL, 100*time.Millisecond), 0},
		{"feeder too slow", oracleabci.NewHTTPFeeder(feederServer(t, 200, good, 2*time.Second).URL, 100*time.Millisecond), 0},
		{"feeder good, bad entries skipped", oracleabci.NewHTTPFeeder(feederServer(t, 200, good, 0).URL, 100*time.Millisecond), 2},
		{"feeder answer too old", oracleabci.NewHTTPFeeder(feederServer(t, 200, old, 0).URL, 100*time.Millisecond), 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := oracleabci.NewVoteExtensionHandler(f.k, tc.source, log.NewNopLogger())
			start := time.Now()
			res, err := h.ExtendVoteHandler()(f.ctx, &abci.RequestExtendVote{Height: 11})
			require.NoError(t, err)
			require.Less(t, time.Since(start), time.Second, "ExtendVote must not stall on a slow feeder")
			var ext types.OracleVoteExtension
			require.NoError(t, ext.Unmarshal(res.VoteExtension))
			require.Len(t, ext.Prices, tc.wantPairs)
			vres, err := h.VerifyVoteExtensionHandler()(f.ctx, &abci.RequestVerifyVoteExtension{Height: 11, VoteExtension: res.VoteExtension})
			require.NoError(t, err)
			require.Equal(t, abci.ResponseVerifyVoteExtension_ACCEPT, vres.Status, "our own extension verifies")
		})
	}
}

func TestVerifyVoteExtensionRejectsBadInput(t *testing.T) {
	f := newBenchFixture(t)
	h := oracleabci.NewVoteExtensionHandler(f.k, nil, log.NewNopLogger())
	dup, _ := (&types.OracleVoteExtension{Prices: []types.PairPrice{{PairId: 1, PriceQuantums: 1}, {PairId: 1, PriceQuantums: 2}}}).Marshal()
	unknown, _ := (&types.OracleVoteExtension{Prices: []types.PairPrice{{PairId: 9999, PriceQuantums: 1}}}).Marshal()
	negative, _ := (&types.OracleVoteExtension{Prices: []types.PairPrice{{PairId: 1, PriceQuantums: uint64(1<<64 - 1)}}}).Marshal()
	for name, bz := range map[string][]byte{
		"garbage":   {0xde, 0xad, 0xbe, 0xef},
		"10 MB":     bytes.Repeat([]byte{0x0a, 0x00}, 5<<20),
		"duplicate": dup,
		"unknown":   unknown,
		"negative":  negative,
	} {
		t.Run(name, func(t *testing.T) {
			res, err := h.VerifyVoteExtensionHandler()(f.ctx, &abci.RequestVerifyVoteExtension{Height: 11, VoteExtension: bz})
			require.NoError(t, err)
			require.Equal(t, abci.ResponseVerifyVoteExtension_REJECT, res.Status)
		})
	}
}

func TestDecodeInjected(t *testing.T) {
	_, err := oracleabci.DecodeInjected([]byte("not oracle data"))
	require.Error(t, err)
	_, err = oracleabci.DecodeInjected(append(append([]byte{}, oracleabci.InjectedTxPrefix...), 0xff, 0xff))
	require.Error(t, err)
	f := newBenchFixture(t)
	bz, err := f.info.Marshal()
	require.NoError(t, err)
	info, err := oracleabci.DecodeInjected(append(append([]byte{}, oracleabci.InjectedTxPrefix...), bz...))
	require.NoError(t, err, "the legacy form of blocks committed before the SDK-transaction form still decodes")
	require.Len(t, info.Votes, benchValidators)

	tx, err := oracleabci.EncodeInjectedTx(f.info)
	require.NoError(t, err)
	require.True(t, oracleabci.CarriesInjectedVotes(tx))
	info, err = oracleabci.DecodeInjected(tx)
	require.NoError(t, err)
	require.Equal(t, f.info, info)
	_, err = oracleabci.DecodeInjected(tx[:len(tx)-1])
	require.Error(t, err, "truncated")
}
