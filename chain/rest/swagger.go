// Package rest holds what clearchaind's REST (API) server serves besides the grpc-gateway routes: the OpenAPI
// document of every route with a Swagger UI at /swagger/ ([api] swagger = true), and the CORS policy for browsers.
package rest

import (
	_ "embed"
	"io/fs"
	"net/http"
	"strings"

	sdkdocs "github.com/cosmos/cosmos-sdk/client/docs"
)

// OpenAPIJSON is docs/openapi/openapi.json, the Swagger 2.0 document of every REST route the node serves (Clearchain
// modules and the app's SDK modules), generated from the protos by scripts/protocgen.sh, which writes this copy.
//
//go:embed openapi.json
var OpenAPIJSON []byte

//go:embed swagger-index.html
var swaggerIndex []byte

// SwaggerPrefix is where the Swagger UI and the document are served: /swagger/ (UI), /swagger/openapi.json.
const SwaggerPrefix = "/swagger/"

// SwaggerHandler serves, under SwaggerPrefix: index.html (a Swagger UI page that loads ./openapi.json), openapi.json
// (OpenAPIJSON) and the Swagger UI assets the Cosmos SDK embeds (swagger-ui-bundle.js, css, ...), so it works with
// no network. The SDK's own swagger.yaml (every SDK module, authz and protocolpool included) is not served.
// "/swagger" redirects to "/swagger/".
func SwaggerHandler() (http.Handler, error) {
	assets, err := fs.Sub(sdkdocs.SwaggerUI, "swagger-ui")
	if err != nil {
		return nil, err
	}
	files := http.FileServer(http.FS(assets))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, strings.TrimSuffix(SwaggerPrefix, "/"))
		switch name {
		case "":
			http.Redirect(w, r, SwaggerPrefix, http.StatusMovedPermanently)
		case "/", "/index.html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			_, _ = w.Write(swaggerIndex)
		case "/openapi.json":
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write(OpenAPIJSON)
		case "/swagger.yaml":
			http.NotFound(w, r)
		default:
			r2 := r.Clone(r.Context())
			r2.URL.Path = name
			files.ServeHTTP(w, r2)
		}
	}), nil
}
