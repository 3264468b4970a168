import CSystemShim
import Foundation

#if canImport(Glibc)
  import Glibc
#endif
import SyllabusModel

/// The write stage. The site is written into a fresh folder beside the output (`begin`, then
/// batch by batch as the renderer makes them, see `StagedSite`) and swapped in only once
/// complete, so a failed or killed build leaves the previous site as it was. The
/// writer only replaces a folder it created itself (its manifest tells), and never deletes a
/// file that is not in that manifest.
public struct OutputWriter {
  public static let manifestName = ".syllabus-manifest"
  static let manifestHeader = "# Written by syllabus. The build replaces this folder; files listed below are its own."

  public let output: URL
  public let protected: [URL]

  /// `protected` are folders the output may neither be nor contain (content, templates…).
  public init(output: URL, protected: [URL]) {
    self.output = output.standardizedFileURL
    self.protected = protected.map(\.standardizedFileURL)
  }

  public struct Failure: Error, CustomStringConvertible {
    public var description: String
    /// The `unchanged` paths that were not as recorded (see `write`); empty otherwise.
    public var stale: [String] = []
  }

  /// Problems that must stop a build before anything is rendered.
  public func preflight() -> Failure? {
    let path = resolved(output)
    let home = resolved(FileManager.default.homeDirectoryForCurrentUser)
    if path == "/" || path == home {
      return Failure(description: "refusing to write the site to \(output.path): choose a dedicated folder such as `public`")
    }
    for folder in protected.map(resolved) {
      if path == folder || folder.hasPrefix(path + "/") || path.hasPrefix(folder + "/") {
        return Failure(description: "refusing to write the site to \(output.path): it overlaps \(folder), which holds sources; choose a separate folder such as `public`")
      }
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: output.path, isDirectory: &isDirectory) else { return nil }
    guard isDirectory.boolValue else {
      return Failure(description: "\(output.path) exists and is not a folder; remove it or choose another `--output`")
    }
    let existing = allFiles(in: output)
    if existing.isEmpty { return nil }
    guard let manifest = readManifest(output) else {
      return Failure(description: "\(output.path) is not empty and was not created by syllabus (no \(Self.manifestName)); refusing to replace it. Empty it or choose another `--output`")
    }
    // Compared as bytes, as the file system names files: Swift's String equality is canonical
    // equivalence, so an NFD "café.html" beside the listed NFC one would pass for ours.
    let listed = Set(manifest.map { Array($0.utf8) })
    let foreign = existing.filter { !listed.contains(Array($0.utf8)) && $0 != Self.manifestName }
    if !foreign.isEmpty {
      let shown = foreign.prefix(5).joined(separator: ", ")
      return Failure(description: "\(output.path) holds files syllabus did not write (\(shown)\(foreign.count > 5 ? ", …" : "")); refusing to replace them. Move them out and build again")
    }
    return nil
  }

  /// Writes `files` as the new site and swaps it in: `begin`, one batch, `commit`.
  public func write(_ files: [OutputFile], unchanged: [(path: String, stamp: FileStamp)] = []) throws {
    let site = try begin(paths: files.map(\.path), unchanged: unchanged)
    try site.write(files)
    try site.commit()
  }

  /// Starts a new site: a staging folder beside the output whose manifest lists `paths` (the
  /// files the caller will hand over with `StagedSite.write`) and `unchanged`. Those are
  /// further paths whose bytes the caller knows equal the previous site's, with the stamps
  /// `stamps` recorded for them after that site was written: each is linked from the previous
  /// site now, without being read, as long as the file still carries its stamp. When one does
  /// not, the folder is removed and `Failure.stale` lists them (the caller renders them and
  /// begins again), before anything was rendered for nothing.
  public func begin(paths: [String], unchanged: [(path: String, stamp: FileStamp)] = []) throws -> StagedSite {
    if let failure = preflight() { throw failure }
    let all = paths + unchanged.map(\.path)
    // Two files for one path would race in the staging folder; the manifest lists each once.
    if Set(all).count != all.count {
      throw Failure(description: "cannot write the site to \(output.path): a path is planned twice; the previous site is unchanged")
    }
    let fm = FileManager.default
    let parent = output.deletingLastPathComponent()
    let staging = parent.appendingPathComponent(".\(output.lastPathComponent).syllabus-new-\(getpid())")
    // Its failure is reported by the mkdir below, with the errno that names the cause.
    try? fm.createDirectory(at: parent, withIntermediateDirectories: true)
    removeLeftovers(in: parent)
    // POSIX mkdir, for an errno that names the cause (permission, read-only file system, full).
    if mkdir(staging.path, 0o755) != 0 {
      let reason = String(cString: strerror(errno))
      throw Failure(description: "cannot write the site to \(output.path): cannot create a folder in \(parent.path) (\(reason)); make it writable or choose another `--output`; the previous site is unchanged")
    }
    do {
      // The manifest goes first, so a half-written staging folder is recognisably ours.
      let manifest = ([Self.manifestHeader] + all.sorted()).joined(separator: "\n") + "\n"
      try Data(manifest.utf8).write(to: staging.appendingPathComponent(Self.manifestName))
      // `parent`, not NSString's deletingLastPathComponent: that cost 50,000 instructions a file.
      let folders = Set(all.map(Self.parent)).filter { !$0.isEmpty }
      for folder in folders.sorted() { try fm.createDirectory(atPath: staging.path + "/" + folder, withIntermediateDirectories: true) }
      // Only a site this writer made is a source of links (preflight refused anything else).
      let previous = readManifest(output) != nil ? PreviousOutput(folder: output.path) : nil
      try linkUnchanged(unchanged, into: staging, previous: previous)
      return StagedSite(writer: self, folder: staging, previous: previous, missing: Set(paths))
    } catch {
      removeOwnTree(staging)
      if let failure = error as? Failure { throw failure }
      throw Failure(description: "cannot write the site to \(output.path): \(error.localizedDescription); the previous site is unchanged")
    }
  }

  private func linkUnchanged(_ unchanged: [(path: String, stamp: FileStamp)], into staging: URL, previous: PreviousOutput?) throws {
    guard !unchanged.isEmpty else { return }
    var linked = [Bool](repeating: false, count: unchanged.count)
    linked.withUnsafeMutableBufferPointer { buffer in
      let out = buffer
      DispatchQueue.concurrentPerform(iterations: unchanged.count) { i in
        out[i] = previous?.link(unchanged[i].path, ifStill: unchanged[i].stamp, into: staging.path) == true
      }
    }
    let stale = zip(unchanged, linked).filter { !$0.1 }.map { $0.0.path }
    if !stale.isEmpty {
      throw Failure(description: "cannot write the site to \(output.path): \(stale.count) files of the previous site changed since it was built; the previous site is unchanged", stale: stale)
    }
  }

  /// The stamp of each of `paths` in the output folder as it is now (after `write`), for the
  /// build cache's record of the site.
  public func stamps(of paths: [String]) -> [String: FileStamp] {
    var found = [FileStamp?](repeating: nil, count: paths.count)
    let base = output.path + "/"
    found.withUnsafeMutableBufferPointer { buffer in
      let out = buffer
      DispatchQueue.concurrentPerform(iterations: paths.count) { i in out[i] = FileStamp(path: base + paths[i]) }
    }
    var out: [String: FileStamp] = [:]
    for (path, stamp) in zip(paths, found) { if let stamp { out[path] = stamp } }
    return out
  }

  func swapIn(_ staging: URL) throws {
    let fm = FileManager.default
    guard fm.fileExists(atPath: output.path) else {
      try fm.moveItem(at: staging, to: output)
      return
    }
    if syllabus_exchange_paths(staging.path, output.path) == 0 {
      removeOwnTree(staging)  // now holds the previous site
      return
    }
    // No atomic exchange here: move the old site aside, then the new one in.
    let aside = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).syllabus-old-\(getpid())")
    try fm.moveItem(at: output, to: aside)
    do {
      try fm.moveItem(at: staging, to: output)
    } catch {
      try? fm.moveItem(at: aside, to: output)  // best effort back; the error thrown is the move's
      throw error
    }
    removeOwnTree(aside)
  }

  /// Staging folders left by killed builds: removed only when they carry our manifest, or
  /// when a build was killed before its manifest was complete (the folder then holds nothing
  /// but that partial manifest, or nothing at all).
  /// Best effort (`try?`): a leftover that cannot be listed or removed is left as it is.
  private func removeLeftovers(in parent: URL) {
    let prefix = ".\(output.lastPathComponent).syllabus-"
    for name in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] where name.hasPrefix(prefix) {
      let folder = parent.appendingPathComponent(name)
      if readManifest(folder) != nil {
        removeOwnTree(folder)
      } else if let entries = try? FileManager.default.contentsOfDirectory(atPath: folder.path), entries.allSatisfy({ $0 == Self.manifestName }) {
        try? FileManager.default.removeItem(at: folder.appendingPathComponent(Self.manifestName))
        rmdir(folder.path)
      }
    }
  }

  /// Deletes the files a manifest lists, then the folders left empty; anything else stays.
  /// Plain unlink(2), which never removes a folder: a listed path that someone replaced by a
  /// folder of their own survives with its contents (FileManager.removeItem would delete the
  /// whole tree). It also skips Foundation's URL and stat work per path, which cost more than
  /// the unlinks themselves when every rebuild removes the previous site's ten thousand files.
  func removeOwnTree(_ folder: URL) {
    guard let manifest = readManifest(folder) else { return }
    let base = folder.path + "/"
    for path in manifest { unlink(base + path) }
    let folders = Set(manifest.map(Self.parent)).filter { !$0.isEmpty }
    for dir in folders.sorted(by: { $0.count > $1.count }) {
      var current = dir
      while !current.isEmpty {
        rmdir(base + current)  // fails, harmlessly, unless empty
        current = Self.parent(current)
      }
    }
    unlink(base + Self.manifestName)
    rmdir(folder.path)
  }

  /// `a/b/c.html` → `a/b`, `a` → ``. (Foundation's `deletingLastPathComponent` traps on a
  /// one-character path such as a folder named `a` in swift-corelibs-foundation 6.3.)
  static func parent(_ path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "" }
    return String(path[..<slash])
  }

  func readManifest(_ folder: URL) -> [String]? {
    guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(Self.manifestName).path),
      let text = String(data: data, encoding: .utf8), text.hasPrefix(Self.manifestHeader)
    else { return nil }
    // Lines split on UTF-8 bytes (a manifest lists thousands of paths); a path that climbs out
    // of the folder or starts at `/` is never trusted.
    return text.utf8.split(separator: UInt8(ascii: "\n")).dropFirst().map { String(Substring($0)) }
      .filter { !$0.hasPrefix("/") && !Self.climbs($0) }
  }

  /// Whether a relative path has a `..` component, in one pass over its bytes. (Splitting every
  /// manifest line into components, or String.contains, made this most of reading a manifest.)
  static func climbs(_ path: String) -> Bool {
    var dots = 0  // the current component's length while it holds only dots, else -1
    for byte in path.utf8 {
      if byte == UInt8(ascii: "/") {
        if dots == 2 { return true }
        dots = 0
      } else if byte == UInt8(ascii: ".") && dots >= 0 {
        dots += 1
      } else {
        dots = -1
      }
    }
    return dots == 2
  }

  /// Every entry under `folder` that is not a folder, relative and sorted: files, and symbolic
  /// links whatever they point to (never followed), so a foreign link counts as a foreign file.
  /// readdir's entry type saves a stat per entry (preflight runs this over the whole previous
  /// site, twice per build); lstat only where the file system does not report it.
  func allFiles(in folder: URL) -> [String] {
    var out: [String] = []
    func walk(_ relative: String) {
      guard let dir = opendir(relative.isEmpty ? folder.path : folder.path + "/" + relative) else { return }
      defer { closedir(dir) }
      while let entry = readdir(dir) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
        if name == "." || name == ".." { continue }
        let child = relative.isEmpty ? name : relative + "/" + name
        var isFolder = Int(entry.pointee.d_type) == Int(DT_DIR)
        if Int(entry.pointee.d_type) == Int(DT_UNKNOWN) {
          var info = stat()
          isFolder = lstat(folder.path + "/" + child, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
        }
        if isFolder { walk(child) } else { out.append(child) }
      }
    }
    walk("")
    return out.sorted()
  }

  private func resolved(_ url: URL) -> String {
    var path = url.resolvingSymlinksInPath().standardizedFileURL.path
    while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
    return path
  }
}
