package cmd

import (
	"runtime/debug"

	"github.com/cosmos/cosmos-sdk/version"
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

// setVersionDefaults fills the SDK version variables that `make build-chain`'s ldflags set, for a plain `go build`
// (or `go install`, `go run`): the module version if the toolchain knows one, else devVersion plus the VCS
// revision the toolchain stamped (vcs.revision, vcs.modified). Values set by ldflags are kept.
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
	var revision string
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
			}
		}
	}
	if version.Commit == "" {
		version.Commit = revision
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
