package cmd

import (
	"bytes"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	svrcmd "github.com/cosmos/cosmos-sdk/server/cmd"
	"github.com/cosmos/cosmos-sdk/version"
	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/app"
)

// plainBuildVersion resets the SDK version variables to what a build without ldflags has, restoring them after.
func plainBuildVersion(t *testing.T) {
	t.Helper()
	name, appName, ver, commit, tags := version.Name, version.AppName, version.Version, version.Commit, version.BuildTags
	t.Cleanup(func() {
		version.Name, version.AppName, version.Version, version.Commit, version.BuildTags = name, appName, ver, commit, tags
	})
	version.Name, version.AppName, version.Version, version.Commit, version.BuildTags = "", sdkDefaultAppName, "", "", ""
}

// runVersion runs `clearchaind version args...` in-process and returns its output.
func runVersion(t *testing.T, args ...string) string {
	t.Helper()
	root := NewRootCmd()
	var out bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&out)
	root.SetArgs(append(append([]string{"version"}, args...), "--home", t.TempDir()))
	require.NoError(t, svrcmd.Execute(root, "CLEARCHAIND", app.DefaultNodeHome))
	return out.String()
}

// TestVersionCommandPrintsVersion: a build without ldflags (like this test binary) prints a non-empty version.
func TestVersionCommandPrintsVersion(t *testing.T) {
	plainBuildVersion(t)
	out := runVersion(t)
	line := strings.TrimSpace(out)
	require.NotEmpty(t, line, "clearchaind version printed %q", out)
	require.NotContains(t, line, "\n")

	long := runVersion(t, "--long")
	require.Contains(t, long, "name: clearchain\n")
	require.Contains(t, long, "server_name: clearchaind\n")
	require.Contains(t, long, "version: "+line+"\n")
	require.Contains(t, long, "extra_info:\n  secp256k1: "+app.Secp256k1Impl+"\n")
}

// TestVersionLongShowsCommit: the VCS revision the Go toolchain stamps is the commit of `version --long` and part of
// the version, when ldflags did not set them.
func TestVersionLongShowsCommit(t *testing.T) {
	plainBuildVersion(t)
	rev := "0123456789abcdef0123456789abcdef01234567"
	applyVersionDefaults(&debug.BuildInfo{
		Main:     debug.Module{Path: "github.com/clearchain/clearchain/chain", Version: "(devel)"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: "true"}},
	})
	require.Equal(t, "0.0.0-dev+0123456789ab-dirty", version.Version)
	long := runVersion(t, "--long")
	require.Contains(t, long, "commit: "+rev+"\n")
	require.Contains(t, long, "version: 0.0.0-dev+0123456789ab-dirty\n")
	require.Equal(t, "0.0.0-dev+0123456789ab-dirty\n", runVersion(t))
}

// TestVersionDefaults: ldflags values win; the module version stamped by the toolchain comes next; no build info
// at all still gives the dev version.
func TestVersionDefaults(t *testing.T) {
	plainBuildVersion(t)
	version.Version, version.Commit, version.Name, version.AppName = "v1.2.3", "abc", "n", "a"
	applyVersionDefaults(&debug.BuildInfo{Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "def"}}})
	require.Equal(t, []string{"v1.2.3", "abc", "n", "a"}, []string{version.Version, version.Commit, version.Name, version.AppName})

	plainBuildVersion(t)
	applyVersionDefaults(&debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20260101000000-0123456789ab+dirty"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef"}}})
	require.Equal(t, "v0.0.0-20260101000000-0123456789ab+dirty", version.Version)
	require.Equal(t, "0123456789abcdef", version.Commit)

	// The build tags the toolchain stamped (-tags) are version.BuildTags unless ldflags set them.
	plainBuildVersion(t)
	applyVersionDefaults(&debug.BuildInfo{Settings: []debug.BuildSetting{{Key: "-tags", Value: "libsecp256k1_sdk"}}})
	require.Equal(t, "libsecp256k1_sdk", version.BuildTags)
	plainBuildVersion(t)
	version.BuildTags = "x"
	applyVersionDefaults(&debug.BuildInfo{Settings: []debug.BuildSetting{{Key: "-tags", Value: "libsecp256k1_sdk"}}})
	require.Equal(t, "x", version.BuildTags)

	plainBuildVersion(t)
	applyVersionDefaults(nil)
	require.Equal(t, []string{devVersion, "", versionName, versionAppName},
		[]string{version.Version, version.Commit, version.Name, version.AppName})
}

// TestBuiltBinaryVersion builds clearchaind with a plain `go build` (no ldflags) and checks that `version` prints
// a version and `version --long` the checkout's commit. -buildvcs=auto is the toolchain default, given explicitly
// because a GOFLAGS=-buildvcs=false (go env) would otherwise hide the revision. It links the whole node, so -short
// skips it.
func TestBuiltBinaryVersion(t *testing.T) {
	if testing.Short() {
		t.Skip("links the node binary")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go toolchain on PATH")
	}
	bin := filepath.Join(t.TempDir(), "clearchaind")
	build := exec.Command(goBin, "build", "-buildvcs=auto", "-o", bin, ".")
	build.Dir = ".." // chain/cmd/clearchaind
	out, err := build.CombinedOutput()
	require.NoError(t, err, "go build: %s", out)

	home := t.TempDir()
	short, err := exec.Command(bin, "version", "--home", home).CombinedOutput()
	require.NoError(t, err, "%s", short)
	require.NotEmpty(t, strings.TrimSpace(string(short)))

	long, err := exec.Command(bin, "version", "--long", "--home", home).CombinedOutput()
	require.NoError(t, err, "%s", long)
	require.Contains(t, string(long), "server_name: clearchaind\n")
	head, gitErr := exec.Command("git", "rev-parse", "HEAD").Output()
	if gitErr != nil {
		t.Logf("not a git checkout: not checking the commit (%v)", gitErr)
		return
	}
	require.Contains(t, string(long), "commit: "+strings.TrimSpace(string(head))+"\n")
}
