import Foundation
import PackagePlugin

/// Records which git commit the `syllabus` executable is built from, for `syllabus --version`.
///
/// Why a prebuild command and not a Makefile step, a checked-in file or the manifest: a prebuild
/// command runs on every `swift build` (plain SwiftPM, no make), before the target compiles, so
/// the commit is never stale after a checkout or a new commit; its output lives in the plugin's
/// work folder under `.build/`, so building never touches a tracked file and never dirties the
/// tree. Package.swift cannot do this itself: SwiftPM caches the evaluated manifest, so a commit
/// read there would stay at the first build's. The script writes the file only when its text
/// changes, so an unchanged commit does not recompile the target. Outside a git checkout (a
/// source archive) or without git, the commit is simply absent.
@main
struct BuildInfo: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let output = context.pluginWorkDirectoryURL.appending(path: "generated")
    return [
      .prebuildCommand(
        displayName: "Recording the git commit of \(target.name)",
        executable: URL(fileURLWithPath: "/bin/sh"),
        arguments: ["-c", Self.script, "build-info", context.package.directoryURL.path, output.path],
        outputFilesDirectory: output)
    ]
  }

  /// $1: the package folder; $2: where BuildCommit.swift goes. `--no-optional-locks` keeps git
  /// from refreshing .git/index, so even the status check writes nothing in the checkout.
  static let script = #"""
    set -u
    PATH="${PATH:-}:/usr/local/bin:/usr/bin:/bin"
    root=$1 out=$2
    mkdir -p "$out"
    commit=$(git -C "$root" --no-optional-locks rev-parse --short=12 HEAD 2>/dev/null) || commit=""
    modified=false
    if [ -n "$commit" ] && ! git -C "$root" --no-optional-locks diff --quiet HEAD -- 2>/dev/null; then
      modified=true
    fi
    if [ -n "$commit" ]; then value="\"$commit\""; else value=nil; fi
    {
      echo "// Written by Plugins/BuildInfo on each build; never part of the source tree."
      echo "enum BuildCommit {"
      echo "  static let hash: String? = $value"
      echo "  static let hasLocalChanges = $modified"
      echo "}"
    } > "$out/BuildCommit.swift.next"
    if cmp -s "$out/BuildCommit.swift.next" "$out/BuildCommit.swift"; then
      rm -f "$out/BuildCommit.swift.next"
    else
      mv "$out/BuildCommit.swift.next" "$out/BuildCommit.swift"
    fi
    """#
}
