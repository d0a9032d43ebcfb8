package app_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sort"
	"strings"
	"testing"

	"cosmossdk.io/log/v2"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/server/api"
	"github.com/cosmos/cosmos-sdk/server/config"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"

	"github.com/clearchain/clearchain/chain/app"
	"github.com/clearchain/clearchain/chain/rest"
)

// apiServer builds the node's REST router the way `clearchaind start` does (RegisterAPIRoutes, then the
// grpc-gateway catch-all api.Server.Start adds) without a CometBFT node behind it.
func apiServer(t *testing.T, swagger bool, opts map[string]any) *httptest.Server {
	t.Helper()
	appOpts := simtestutil.AppOptionsMap{"home": t.TempDir()}
	for k, v := range opts {
		appOpts[k] = v
	}
	a := app.New(log.NewNopLogger(), dbm.NewMemDB(), true, appOpts)
	clientCtx := client.Context{}.WithCodec(a.AppCodec()).WithInterfaceRegistry(a.InterfaceRegistry()).
		WithTxConfig(a.TxConfig()).WithLegacyAmino(a.LegacyAmino())
	srv := api.New(clientCtx, log.NewNopLogger(), grpc.NewServer())
	cfg := config.DefaultConfig().API
	cfg.Swagger = swagger
	a.RegisterAPIRoutes(srv, cfg)
	srv.Router.PathPrefix("/").Handler(srv.GRPCGatewayRouter)
	ts := httptest.NewServer(srv.Router)
	t.Cleanup(ts.Close)
	return ts
}

// get fetches url and returns the status and body.
func get(t *testing.T, url string) (int, []byte) {
	t.Helper()
	res, err := http.Get(url)
	require.NoError(t, err)
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res.StatusCode, body
}

// swaggerDoc is the part of the Swagger 2.0 document the tests read.
type swaggerDoc struct {
	Swagger string                                `json:"swagger"`
	Paths   map[string]map[string]json.RawMessage `json:"paths"`
}

// TestSwaggerServesTheOpenAPIDocument: with [api] swagger = true the node serves the Swagger UI at /swagger/ and the
// embedded document (Clearchain's routes and the app's SDK modules, not authz, epochs or protocolpool) at
// /swagger/openapi.json; every path of the document is a route the node really serves.
func TestSwaggerServesTheOpenAPIDocument(t *testing.T) {
	ts := apiServer(t, true, nil)

	status, body := get(t, ts.URL+"/swagger/")
	require.Equal(t, http.StatusOK, status)
	require.Contains(t, string(body), `url: "./openapi.json"`)
	status, _ = get(t, ts.URL+"/swagger/swagger-ui-bundle.js")
	require.Equal(t, http.StatusOK, status, "Swagger UI assets are embedded")

	status, body = get(t, ts.URL+"/swagger/openapi.json")
	require.Equal(t, http.StatusOK, status)
	require.Equal(t, rest.OpenAPIJSON, body)
	var doc swaggerDoc
	require.NoError(t, json.Unmarshal(body, &doc))
	require.Equal(t, "2.0", doc.Swagger)
	for _, p := range []string{
		"/clearchain/clearing/v1/liquidatable", "/clearchain/clearing/v1/markets/{id}", "/clearchain/clearing/v1/whatif",
		"/clearchain/clearing/v1/subaccounts/{owner}/{number}/health", "/clearchain/oracle/v1/prices/{base}/{quote}/history",
		"/clearchain/circuit/v1/disabled", "/cosmos/bank/v1beta1/balances/{address}", "/cosmos/gov/v1/proposals",
		"/cosmos/tx/v1beta1/txs", "/cosmos/base/tendermint/v1beta1/blocks/latest", "/cosmos/upgrade/v1beta1/current_plan",
	} {
		require.Contains(t, doc.Paths, p)
	}
	paths := make([]string, 0, len(doc.Paths))
	for p := range doc.Paths {
		require.NotRegexp(t, `^/cosmos/(authz|epochs|protocolpool|evidence|params)/`, p, "a module the app does not have")
		paths = append(paths, p)
	}
	sort.Strings(paths)

	// Every documented operation is routed: the gateway answers something other than 404/405 (with no node
	// behind it the query itself fails, 5xx or 4xx for the dummy parameters).
	param := regexp.MustCompile(`\{[^}]+\}`)
	for _, p := range paths {
		for method := range doc.Paths[p] {
			url := ts.URL + param.ReplaceAllString(p, "1")
			req, err := http.NewRequest(strings.ToUpper(method), url, strings.NewReader("{}"))
			require.NoError(t, err)
			res, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			_, _ = io.Copy(io.Discard, res.Body)
			res.Body.Close()
			require.NotContains(t, []int{http.StatusNotFound, http.StatusMethodNotAllowed, http.StatusNotImplemented}, res.StatusCode,
				"%s %s is documented but not routed", strings.ToUpper(method), p)
		}
	}
	// ... and a module the app does not have is not (the gateway answers an unknown route 501 Unimplemented).
	status, _ = get(t, ts.URL+"/cosmos/authz/v1beta1/grants")
	require.Equal(t, http.StatusNotImplemented, status)
}

// TestSwaggerOffByDefault: without [api] swagger the routes are not there.
func TestSwaggerOffByDefault(t *testing.T) {
	ts := apiServer(t, false, nil)
	status, _ := get(t, ts.URL+"/swagger/openapi.json")
	require.Contains(t, []int{http.StatusNotFound, http.StatusNotImplemented}, status)
}

// TestRESTCORS: [api-cors] allowed-origins lets the listed browser origins (here the localnet's localhost
// patterns) call the REST API, preflights included, and no other origin.
func TestRESTCORS(t *testing.T) {
	ts := apiServer(t, false, map[string]any{app.FlagAPICORSAllowedOrigins: rest.LocalhostOrigins})
	preflight := func(origin string) *http.Response {
		req, err := http.NewRequest(http.MethodOptions, ts.URL+"/clearchain/oracle/v1/prices", nil)
		require.NoError(t, err)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "GET")
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		res.Body.Close()
		return res
	}
	res := preflight("http://localhost:5173")
	require.Equal(t, http.StatusNoContent, res.StatusCode)
	require.Equal(t, "http://localhost:5173", res.Header.Get("Access-Control-Allow-Origin"))
	require.Contains(t, res.Header.Get("Access-Control-Allow-Methods"), "GET")
	require.Empty(t, preflight("http://localhost.evil.example").Header.Get("Access-Control-Allow-Origin"))
	require.Empty(t, preflight("https://example.com").Header.Get("Access-Control-Allow-Origin"))

	req, err := http.NewRequest(http.MethodGet, ts.URL+"/clearchain/oracle/v1/prices", nil)
	require.NoError(t, err)
	req.Header.Set("Origin", "http://127.0.0.1:8080")
	res, err = http.DefaultClient.Do(req)
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, "http://127.0.0.1:8080", res.Header.Get("Access-Control-Allow-Origin"))

	// Without allowed origins: no CORS headers.
	plain := apiServer(t, false, nil)
	req, err = http.NewRequest(http.MethodGet, plain.URL+"/clearchain/oracle/v1/prices", nil)
	require.NoError(t, err)
	req.Header.Set("Origin", "http://localhost:5173")
	res, err = http.DefaultClient.Do(req)
	require.NoError(t, err)
	res.Body.Close()
	require.Empty(t, res.Header.Get("Access-Control-Allow-Origin"))
}
