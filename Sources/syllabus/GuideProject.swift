import ArgumentParser
import Foundation
import SyllabusBuild

/// Where a guide's folders are, shared by every command: like git and mdBook, the commands
/// work from any folder inside a guide project. The root is the nearest folder, from here
/// upward, holding `content/guide.yml`; `content/`, `templates/` and `public/` are resolved
/// from it. `--content` (and `--templates`, `--output`) given on the command line win.
struct GuideOptions: ParsableArguments {
  @Option(help: "The content folder (default: content/ of the guide found from here upward).")
  var content: String?

  @Option(help: "A folder of templates and assets that override the built-in theme file by file (default: templates/ beside content/, if there is one).")
  var templates: String?

  func resolve() -> (content: URL, templates: URL?, root: URL) { Self.locate(content: content, templates: templates) }

  /// The content folder, the override folder (if any) and the folder that holds both.
  static func locate(content: String?, templates: String?) -> (content: URL, templates: URL?, root: URL) {
    let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    let content = content.map { URL(fileURLWithPath: $0).standardizedFileURL }
      ?? findRoot(from: cwd).map { $0.appendingPathComponent("content") }
      ?? cwd.appendingPathComponent("content")
    let root = content.deletingLastPathComponent()
    if let templates { return (content, URL(fileURLWithPath: templates).standardizedFileURL, root) }
    let beside = root.appendingPathComponent("templates")
    var isDirectory: ObjCBool = false
    let exists = FileManager.default.fileExists(atPath: beside.path, isDirectory: &isDirectory) && isDirectory.boolValue
    return (content, exists ? beside : nil, root)
  }

  /// The nearest folder at or above `start` with `content/guide.yml`.
  static func findRoot(from start: URL) -> URL? {
    var folder = start.standardizedFileURL
    while true {
      if FileManager.default.fileExists(atPath: folder.appendingPathComponent("content/guide.yml").path) { return folder }
      let parent = folder.deletingLastPathComponent()
      if parent.path == folder.path { return nil }
      folder = parent
    }
  }

  /// Settings for a command that writes nothing (`check`, `serve`).
  func settings(strict: Bool = false) -> BuildSettings {
    let (content, templates, _) = resolve()
    var settings = BuildSettings(content: content, templates: templates, output: URL(fileURLWithPath: "/nonexistent"), strict: strict)
    settings.parseWorker = ParseWorkerCommand.invocation
    return settings
  }
}

/// Where `build` keeps the build cache (see BuildCache in SyllabusBuild).
struct CacheOptions: ParsableArguments {
  @Option(name: .customLong("cache-dir"), help: ArgumentHelp("The build cache folder (default: .syllabus-cache/ beside content/). Safe to delete at any time.", valueName: "dir"))
  var cacheDir: String?

  @Flag(name: .customLong("no-cache"), help: "Neither read nor write the build cache: build from scratch.")
  var noCache = false

  func validate() throws {
    if noCache && cacheDir != nil { throw ValidationError("--no-cache and --cache-dir contradict each other; pass one of them") }
  }

  /// The cache for the guide whose root (the folder holding content/) is `root`, or nil.
  func location(root: URL) -> CacheLocation? {
    if noCache { return nil }
    let folder = cacheDir.map { URL(fileURLWithPath: $0).standardizedFileURL } ?? root.appendingPathComponent(BuildCache.defaultName)
    return CacheLocation(folder: folder, version: "\(Version.number)-\(BuildCommit.hash ?? "unknown")", identity: Version.text)
  }
}
