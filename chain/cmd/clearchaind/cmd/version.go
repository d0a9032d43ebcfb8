package cmd

import (
	"context"
	"runtime/debug"

	"github.com/cosmos/cosmos-sdk/version"
	"github.com/spf13/cobra"

	"github.com/clearchain/clearchain/chain/app"
)

const (
	// versionName and versionAppName fill the SDK's version.Name and version.AppName when no ldflags set them.
	versionName    = "clearchain"
	versionAppName = "clearchaind"
	// devVersion is the version of a build that neither ldflags nor the Go toolchain stamped with one.
	devVersion = "0.0.0-dev"
	// sdkDefaultAppName is the SDK's placeholder for version.AppName.
	sdkDefaultAppName = "<appd>"
)

// addVersionExtraInfo makes `clearchaind version --long` report the secp256k1 verifier the binary links, as
// extra_info.secp256k1 ("libsecp256k1" or "go", app.Secp256k1Impl). The SDK reads the extra info from the command's
// context, which svrcmd.Execute replaces, so the version command sets it just before it runs.
func addVersionExtraInfo(root *cobra.Command) {
	for _, c := range root.Commands() {
		if c.Name() != "version" {
			continue
		}
		c.PreRunE = func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if ctx == nil {
				ctx = context.Background()
			}
			cmd.SetContext(context.WithValue(ctx, version.ContextKey{}, version.ExtraInfo{"secp256k1": app.Secp256k1Impl}))
			return nil
		}
	}
}

// setVersionDefaults fills the SDK version variables that `make build-chain`'s ldflags set, for a plain `go build`
// (or `go install`, `go run`): the module version if the toolchain knows one, else devVersion plus the VCS
// revision the toolchain stamped (vcs.revision, vcs.modified), and the build tags (-tags) as version.BuildTags.
// Values set by ldflags are kept.
func setVersionDefaults() {
	bi, _ := debug.ReadBuildInfo()
	applyVersionDefaults(bi)
}

// applyVersionDefaults is setVersionDefaults with the build info given (nil when unavailable).
func applyVersionDefaults(bi *debug.BuildInfo) {
	if version.Name == "" {
		version.Name = versionName
	}
	if version.AppName == "" || version.AppName == sdkDefaultAppName {
		version.AppName = versionAppName
	}
	var revision, tags string
	var modified bool
	mainVersion := ""
	if bi != nil {
		if v := bi.Main.Version; v != "" && v != "(devel)" {
			mainVersion = v
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				revision = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			case "-tags":
				tags = s.Value
			}
		}
	}
	if version.Commit == "" {
		version.Commit = revision
	}
	if version.BuildTags == "" {
		version.BuildTags = tags
	}
	if version.Version == "" {
		switch {
		case mainVersion != "":
			version.Version = mainVersion
		case revision != "":
			short := revision
			if len(short) > 12 {
				short = short[:12]
			}
			version.Version = devVersion + "+" + short
			if modified {
				version.Version += "-dirty"
			}
		default:
			version.Version = devVersion
		}
	}
}
