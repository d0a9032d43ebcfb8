package abci_test

import (
	"crypto/ed25519"
	"fmt"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	"github.com/cosmos/cosmos-sdk/runtime"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	"github.com/cosmos/cosmos-sdk/testutil"
	sdk "github.com/cosmos/cosmos-sdk/types"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/internal/benchout"
	"github.com/clearchain/clearchain/chain/x/oracle"
	oracleabci "github.com/clearchain/clearchain/chain/x/oracle/abci"
	"github.com/clearchain/clearchain/chain/x/oracle/keeper"
	"github.com/clearchain/clearchain/chain/x/oracle/types"
)

const (
	benchValidators = 100
	benchPairs      = 50
	blockBudget     = 500 * time.Millisecond
)

// benchFixture is a keeper with benchPairs pairs and a block of signed extensions from benchValidators.
type benchFixture struct {
	ctx  sdk.Context
	k    *keeper.Keeper
	info abci.ExtendedCommitInfo
	pubs []ed25519.PublicKey
}

func newBenchFixture(t testing.TB) *benchFixture {
	key := storetypes.NewKVStoreKey(types.StoreKey)
	ctx := testutil.DefaultContextWithDB(t, key, storetypes.NewTransientStoreKey("t")).Ctx.WithBlockHeight(10).WithBlockTime(time.Unix(1_700_000_000, 0))
	enc := moduletestutil.MakeTestEncodingConfig(oracle.AppModule{})
	k := keeper.NewKeeper(enc.Codec, runtime.NewKVStoreService(key), authtypes.NewModuleAddress(govtypes.ModuleName).String())
	gs := types.DefaultGenesis()
	gs.Params.MaxPairs = benchPairs
	gs.Pairs = nil
	for i := 0; i < benchPairs; i++ {
		p := types.DefaultPair(fmt.Sprintf("AS%d", i), "USD", 6)
		p.Id = uint32(i + 1)
		gs.Pairs = append(gs.Pairs, p)
	}
	gs.NextPairId = benchPairs + 1
	require.NoError(t, k.InitGenesis(ctx, gs))

	f := &benchFixture{ctx: ctx, k: k}
	for v := 0; v < benchValidators; v++ {
		ext := types.OracleVoteExtension{}
		for p := 0; p < benchPairs; p++ {
			ext.Prices = append(ext.Prices, types.PairPrice{PairId: uint32(p + 1), PriceQuantums: uint64(1_000_000_000 + p*1000 + v)})
		}
		bz, err := ext.Marshal()
		require.NoError(t, err)
		pub, priv, err := ed25519.GenerateKey(nil)
		require.NoError(t, err)
		f.pubs = append(f.pubs, pub)
		f.info.Votes = append(f.info.Votes, abci.ExtendedVoteInfo{
			Validator:          abci.Validator{Address: pub[:20], Power: int64(10 + v)},
			VoteExtension:      bz,
			ExtensionSignature: ed25519.Sign(priv, bz),
			BlockIdFlag:        cmtproto.BlockIDFlagCommit,
		})
	}
	return f
}

// verifyAndAggregate is the per-block oracle work: check each extension's signature (CometBFT / ProcessProposal),
// VerifyVoteExtension's content checks, then PreBlock's decode and stake-weighted aggregation.
func (f *benchFixture) verifyAndAggregate(t testing.TB) {
	for i, v := range f.info.Votes {
		if !ed25519.Verify(f.pubs[i], v.VoteExtension, v.ExtensionSignature) {
			t.Fatal("bad signature")
		}
		if err := oracleabci.ValidateExtension(f.ctx, f.k, v.VoteExtension); err != nil {
			t.Fatal(err)
		}
	}
	votes, total := oracleabci.CollectVotes(f.ctx, f.k, f.info)
	if err := f.k.ApplyVotes(f.ctx.WithEventManager(sdk.NewEventManager()), votes, total); err != nil {
		t.Fatal(err)
	}
}

func BenchmarkOracleBlock(b *testing.B) {
	f := newBenchFixture(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f.verifyAndAggregate(b)
	}
}

// TestBenchOracle runs under `make bench` and records ns per block for 100 validators × 50 pairs.
func TestBenchOracle(t *testing.T) {
	if !benchout.Enabled() {
		t.Skip("set CLEARCHAIN_BENCH_DIR (make bench) to run")
	}
	res := testing.Benchmark(BenchmarkOracleBlock)
	nsPerBlock := res.NsPerOp()
	require.NoError(t, benchout.Record("oracle", map[string]any{
		"validators":            benchValidators,
		"pairs":                 benchPairs,
		"ns_per_block":          nsPerBlock,
		"ms_per_block":          float64(nsPerBlock/1000) / 1000,
		"fraction_of_500ms":     float64(nsPerBlock*100000/blockBudget.Nanoseconds()) / 100000,
		"iterations":            res.N,
		"allocs_per_block":      res.AllocsPerOp(),
		"bytes_alloc_per_block": res.AllocedBytesPerOp(),
	}))
}
