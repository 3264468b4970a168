import Foundation
import SyllabusModel
import Yams

#if canImport(Glibc)
  import Glibc
#endif

/// The load stage: reads `content/` (guide.yml, topics, questions, paths, pages), checks each
/// file against the gates, splits front matter and decodes it into model values.
/// Markdown bodies are carried along as text; parsing them is the next stage's job.
public struct ContentLoader {
  public let root: URL
  private let rootPath: String
  /// How the content folder is written in diagnostics, e.g. `content`.
  public let displayRoot: String
  /// Front matter composed in an earlier run (by `serve`), reused while its text is the same.
  public let yamlCache: YAMLCache?
  /// Files decoded in an earlier run (by `serve`), reused while their bytes are the same.
  public let fileCache: LoadedFileCache?

  public init(root: URL, displayRoot: String, yamlCache: YAMLCache? = nil, fileCache: LoadedFileCache? = nil) {
    self.root = root.standardizedFileURL
    self.rootPath = self.root.path
    self.displayRoot = displayRoot
    self.yamlCache = yamlCache
    self.fileCache = fileCache
  }

  public struct Result {
    public var site: SiteSource?
    public var diagnostics: [Diagnostic]
  }

  public func load() -> Result {
    var diagnostics: [Diagnostic] = []
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
      return Result(site: nil, diagnostics: [.error(SourceLocation(file: displayRoot), "no guide here: no `content/guide.yml` in this folder or above it; run `syllabus init` to start one, or pass `--content DIR`")])
    }
    var guideHash = StableHasher()
    guard var guide = loadGuide(&diagnostics, structure: &guideHash) else { return Result(site: nil, diagnostics: diagnostics) }
    var stringsHash = StableHasher()
    let overrides = loadStrings(&diagnostics, structure: &stringsHash)
    guide.strings = UIStrings(language: guide.language, overrides: overrides ?? [:])
    var site = SiteSource(guide: guide)
    site.frontMatter["guide.yml"] = guideHash.finalize()
    if overrides != nil { site.frontMatter["strings.yml"] = stringsHash.finalize() }
    let limits = guide.limits

    // List every file first (in a stable order), then read and decode them on all cores.
    enum Kind { case topic, question(Located<String>), path, page }
    var files: [(String, Kind)] = markdownFiles(in: "topics", diagnostics: &diagnostics).map { ($0, .topic) }
    for folder in subfolders(of: "questions", diagnostics: &diagnostics) {
      let folderID = Located(folder, at: SourceLocation(file: display("questions/\(folder)")))
      if !Identifier.isValid(folder) {
        diagnostics.append(.error(folderID.location, "question folder `\(folder)` is not a valid topic id: \(Identifier.rule)"))
        continue
      }
      files += markdownFiles(in: "questions/\(folder)", diagnostics: &diagnostics).map { ($0, .question(folderID)) }
    }
    files += markdownFiles(in: "paths", diagnostics: &diagnostics).map { ($0, .path) }
    files += markdownFiles(in: "pages", diagnostics: &diagnostics).map { ($0, .page) }

    var examples = KindDecoders.Examples()
    let topicIDs = files.compactMap { file, kind -> String? in
      if case .topic = kind { return String(file.split(separator: "/").last!.dropLast(3)) }
      return nil
    }
    if let first = topicIDs.first { examples.topic = first }
    if topicIDs.count > 1 { examples.otherTopic = topicIDs[1] }
    if let layer = guide.layers.first { examples.layer = layer.id }
    if let level = guide.levels.first { examples.level = level.id }
    if let path = files.first(where: { if case .path = $0.1 { return true } else { return false } }) {
      examples.path = String(path.0.split(separator: "/").last!.dropLast(3))
    }
    var results = [LoadedFile](repeating: LoadedFile(), count: files.count)
    results.withUnsafeMutableBufferPointer { buffer in
      let out = buffer
      DispatchQueue.concurrentPerform(iterations: files.count) { i in
        var result = LoadedFile()
        let (file, kind) = files[i]
        guard let data = read(file, diagnostics: &result.diagnostics) else {
          out[i] = result
          return
        }
        if let known = fileCache?.file(file, data: data, limits: limits, display: display(file)) {
          out[i] = known
          return
        }
        var hasher = StableHasher()
        defer {
          result.frontMatterHash = hasher.finalize()
          fileCache?.store(result, for: file, data: data, limits: limits, display: display(file))
          out[i] = result
        }
        load(file, data: data, limits: limits, structure: &hasher, diagnostics: &result.diagnostics) { f, id, body, loc, d in
          switch kind {
          case .topic: result.item = KindDecoders.topic(&f, id: id, body: body, location: loc, examples: examples, diagnostics: &d).map(Item.topic)
          case .question(let folder):
            result.item = KindDecoders.question(&f, id: id, folder: folder, body: body, location: loc, limits: limits, examples: examples, diagnostics: &d).map(Item.question)
          case .path: result.item = KindDecoders.path(&f, id: id, body: body, location: loc, examples: examples, diagnostics: &d).map(Item.path)
          case .page: result.item = KindDecoders.page(&f, id: id, body: body, location: loc, diagnostics: &d).map(Item.page)
          }
        }
      }
    }
    for result in results {
      diagnostics += result.diagnostics
      let body: MarkdownSource?
      switch result.item {
      case .topic(let t): site.topics.append(t); body = t.body
      case .question(let q): site.questions.append(q); body = q.body
      case .path(let p): site.paths.append(p); body = p.body
      case .page(let p): site.pages.append(p); body = p.body
      case nil: body = nil
      }
      if let body { site.frontMatter[body.path] = result.frontMatterHash }
    }
    return Result(site: site, diagnostics: diagnostics)
  }

  // MARK: - Files

  func display(_ relative: String) -> String {
    displayRoot.isEmpty ? relative : (displayRoot.hasSuffix("/") ? displayRoot : displayRoot + "/") + relative
  }

  /// guide.yml alone, for `syllabus new` (which fills in a layer and a level the guide declares).
  public func guide() -> (guide: Guide?, diagnostics: [Diagnostic]) {
    var diagnostics: [Diagnostic] = []
    var unused = StableHasher()
    let guide = loadGuide(&diagnostics, structure: &unused)
    return (guide, diagnostics)
  }

  private func loadGuide(_ diagnostics: inout [Diagnostic], structure: inout StableHasher) -> Guide? {
    let file = display("guide.yml")
    guard let data = read("guide.yml", diagnostics: &diagnostics) else {
      if !diagnostics.contains(where: { $0.location.file == file }) {
        diagnostics.append(.error(SourceLocation(file: file), "guide.yml not found; create it with at least `title:`, `layers:` and `levels:`"))
      }
      return nil
    }
    return decodeSettings(data, file: file, what: "guide.yml", diagnostics: &diagnostics, structure: &structure) {
      KindDecoders.guide(&$0, diagnostics: &$1)
    }
  }

  /// A settings file (guide.yml, strings.yml): UTF-8 and size checks, then the YAML gate, then
  /// `decode` over its top-level mapping. Its text joins the structure hash.
  private func decodeSettings<Value>(
    _ data: Data, file: String, what: String, diagnostics: inout [Diagnostic], structure: inout StableHasher,
    decode: (inout YAMLFields, inout [Diagnostic]) -> Value?
  ) -> Value? {
    switch SourceText.decode(data, file: file, limits: Limits()) {
    case .failure(let d):
      diagnostics.append(d)
      return nil
    case .success(let text):
      structure.combine(text)
      switch YAMLDocument.mapping(text, file: file, firstLine: 1, limits: Limits(), what: what) {
      case .failure(let d):
        diagnostics.append(d)
        return nil
      case .success(let mapping):
        var fields = YAMLFields(mapping, file: file, lineOffset: 0, budget: NodeBudget(limit: Limits().maxYAMLNodes * 10))
        return decode(&fields, &diagnostics)
      }
    }
  }

  /// `strings.yml` beside guide.yml, if there is one: reader-visible strings by key.
  private func loadStrings(_ diagnostics: inout [Diagnostic], structure: inout StableHasher) -> [String: String]? {
    let file = display("strings.yml")
    guard FileManager.default.fileExists(atPath: path("strings.yml")), let data = read("strings.yml", diagnostics: &diagnostics) else { return nil }
    return decodeSettings(data, file: file, what: "strings.yml", diagnostics: &diagnostics, structure: &structure) {
      KindDecoders.strings(&$0, diagnostics: &$1)
    }
  }

  /// Reads a file inside the content folder. Symlinks are followed only when they stay inside.
  private func read(_ relative: String, diagnostics: inout [Diagnostic]) -> Data? {
    let path = self.path(relative)
    var info = stat()
    guard lstat(path, &info) == 0 else {
      // Not there: the caller knows whether that is an error (guide.yml) or not (strings.yml).
      // Anything else (a folder on the way the tool may not enter) must not look like absence.
      if errno != ENOENT { diagnostics.append(.error(SourceLocation(file: display(relative)), "cannot read file: \(String(cString: strerror(errno))); check its permissions")) }
      return nil
    }
    // Resolving links costs a realpath per file; only links (or files under a linked folder,
    // which the listing would not show as such) need it, so plain files skip it.
    if (info.st_mode & S_IFMT) == S_IFLNK {
      let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
      let rootPath = root.resolvingSymlinksInPath().standardizedFileURL.path
      guard resolved.hasPrefix(rootPath + "/") else {
        diagnostics.append(.error(SourceLocation(file: display(relative)), "symbolic link points outside the content folder (to \(resolved)); copy the file in instead"))
        return nil
      }
    }
    // Plain POSIX reads: this runs for every file on every `serve` rebuild, and building a
    // Foundation URL per file was a visible part of one.
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    var data = Data()
    var failed = fd < 0
    if fd >= 0 {
      // Sized to the file (lstat's size, or a link's length: the loop reads on either way).
      var buffer = [UInt8](repeating: 0, count: max(4096, Int(info.st_size) + 1))
      while true {
        let n = Glibc.read(fd, &buffer, buffer.count)
        if n > 0 { data.append(buffer, count: n); continue }
        if n < 0 && errno == EINTR { continue }
        failed = n < 0
        break
      }
    }
    let reason = failed ? String(cString: strerror(errno)) : ""
    if fd >= 0 { close(fd) }
    guard !failed else {
      diagnostics.append(.error(SourceLocation(file: display(relative)), "cannot read file: \(reason); check its permissions"))
      return nil
    }
    return data
  }

  /// The file-system path of `relative` inside the content folder.
  private func path(_ relative: String) -> String { rootPath + "/" + relative }

  /// A folder that is a symbolic link must stay inside the content folder too.
  private func folderIsInside(_ relative: String, diagnostics: inout [Diagnostic]) -> Bool {
    let url = root.appendingPathComponent(relative)
    var info = stat()
    guard lstat(url.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return true }
    let resolved = url.resolvingSymlinksInPath().standardizedFileURL.path
    let rootPath = root.resolvingSymlinksInPath().standardizedFileURL.path
    if resolved.hasPrefix(rootPath + "/") { return true }
    diagnostics.append(.error(SourceLocation(file: display(relative)), "symbolic link points outside the content folder (to \(resolved)); copy the folder in instead"))
    return false
  }

  /// The folder's entries, sorted, without hidden ones. A folder that is not there is empty
  /// (a guide without pages has no `pages/`); one that is there but cannot be listed is an
  /// error, never an empty folder, or its chapters would vanish without a word.
  private func entries(of relative: String, diagnostics: inout [Diagnostic]) -> [String] {
    let path = self.path(relative)
    guard let dir = opendir(path) else {
      let code = errno
      var info = stat()
      if code == ENOENT && lstat(path, &info) != 0 { return [] }
      let reason: String
      switch code {
      case ENOENT: reason = "it is a symbolic link to nothing; point it at a folder inside the content folder, or remove it"
      case ENOTDIR: reason = "it is a file, not a folder; move it away so the folder can take its name"
      default: reason = "\(String(cString: strerror(code))); check its permissions (the tool needs to list and enter it)"
      }
      diagnostics.append(.error(SourceLocation(file: display(relative)), "cannot read folder `\(relative)/`: \(reason)"))
      return []
    }
    defer { closedir(dir) }
    var names: [String] = []
    while true {
      errno = 0
      guard let entry = readdir(dir) else { break }
      let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
      if !name.hasPrefix(".") { names.append(name) }
    }
    if errno != 0 {
      diagnostics.append(.error(SourceLocation(file: display(relative)), "cannot read folder `\(relative)/`: \(String(cString: strerror(errno)))"))
    }
    return names.sorted()
  }

  private func isDirectory(_ relative: String) -> Bool {
    var flag: ObjCBool = false
    return FileManager.default.fileExists(atPath: path(relative), isDirectory: &flag) && flag.boolValue
  }

  private func subfolders(of relative: String, diagnostics: inout [Diagnostic]) -> [String] {
    guard folderIsInside(relative, diagnostics: &diagnostics) else { return [] }
    return entries(of: relative, diagnostics: &diagnostics).filter { name in
      if isDirectory("\(relative)/\(name)") { return true }
      diagnostics.append(.warning(SourceLocation(file: display("\(relative)/\(name)")), "ignored: question files live in `questions/<topic-id>/<slug>.md`"))
      return false
    }
  }

  private func markdownFiles(in relative: String, diagnostics: inout [Diagnostic]) -> [String] {
    guard folderIsInside(relative, diagnostics: &diagnostics) else { return [] }
    return entries(of: relative, diagnostics: &diagnostics).compactMap { name in
      let path = "\(relative)/\(name)"
      if name.hasSuffix(".md"), !isDirectory(path) { return path }
      diagnostics.append(.warning(SourceLocation(file: display(path)), "ignored: only `.md` files are read in `\(relative)/`"))
      return nil
    }
  }

  private typealias Decode = (inout YAMLFields, String, MarkdownSource, SourceLocation, inout [Diagnostic]) -> Void

  private func load(_ relative: String, data: Data, limits: Limits, structure: inout StableHasher, diagnostics: inout [Diagnostic], decode: Decode) {
    let file = display(relative)
    let text: String
    switch SourceText.decode(data, file: file, limits: limits) {
    case .failure(let d): return diagnostics.append(d)
    case .success(let t): text = t
    }
    let parts: FrontMatter
    switch FrontMatter.split(text, file: file) {
    case .failure(let d): return diagnostics.append(d)
    case .success(let p): parts = p
    }
    structure.combine(relative)
    structure.combine(parts.yaml)
    structure.combine(parts.bodyFirstLine)
    let mapping: Node.Mapping
    if let cached = yamlCache?.mapping(for: parts.yaml, file: file, limits: limits) {
      mapping = cached
    } else {
      switch YAMLDocument.mapping(parts.yaml, file: file, firstLine: parts.yamlFirstLine, limits: limits, what: "front matter") {
      case .failure(let d): return diagnostics.append(d)
      case .success(let m):
        mapping = m
        yamlCache?.store(m, for: parts.yaml, file: file, limits: limits)
      }
    }
    var fields = YAMLFields(mapping, file: file, lineOffset: parts.yamlFirstLine - 1, budget: NodeBudget(limit: limits.maxYAMLNodes))
    let stem = String(relative[(relative.lastIndex(of: "/").map(relative.index(after:)) ?? relative.startIndex)...].dropLast(3))  // NSString's lastPathComponent cost 30 k instructions
    let idField = fields.locatedString("id") ?? Located(stem, at: SourceLocation(file: file))
    guard Identifier.isValid(idField.value) else {
      let fix = idField.value == stem ? "rename the file to `\(Identifier.slug(stem)).md`" : "fix the `id:` field"
      diagnostics.append(.error(idField.location, "invalid id `\(idField.value)`: \(Identifier.rule); \(fix)"))
      return
    }
    let body = MarkdownSource(path: relative, displayPath: file, text: parts.body, firstLine: parts.bodyFirstLine)
    decode(&fields, idField.value, body, SourceLocation(file: file), &diagnostics)
  }
}

/// What one Markdown file decoded to: its topic, question, path or page (nil when it has
/// errors), its diagnostics, and the hash of its path and front matter.
struct LoadedFile {
  var item: Item?
  var diagnostics: [Diagnostic] = []
  var frontMatterHash = 0
}

enum Item { case topic(Topic), question(Question), path(StudyPath), page(Page) }

/// Decoded files by path, for `serve`: a file whose bytes, display name and limits are the
/// same as last time is not validated, split or decoded again. The bytes are still read on
/// every rebuild (that is how a change is seen), which costs little next to decoding.
public final class LoadedFileCache: @unchecked Sendable {
  private struct Entry {
    var data: Data
    var display: String
    var limits: Limits
    var file: LoadedFile
  }

  private var entries: [String: Entry] = [:]
  private let lock = NSLock()

  public init() {}

  func file(_ relative: String, data: Data, limits: Limits, display: String) -> LoadedFile? {
    lock.lock()
    defer { lock.unlock() }
    guard let entry = entries[relative], entry.data == data, entry.display == display, entry.limits == limits else { return nil }
    return entry.file
  }

  func store(_ file: LoadedFile, for relative: String, data: Data, limits: Limits, display: String) {
    lock.lock()
    defer { lock.unlock() }
    entries[relative] = Entry(data: data, display: display, limits: limits, file: file)
  }
}

/// Composed front matter by file and text. Node marks stay valid because the key includes
/// the exact text (and the front matter always starts on line 2).
public final class YAMLCache: @unchecked Sendable {
  private struct Key: Hashable {
    var file: String
    var yaml: String
    var limits: Limits
  }

  private var entries: [Key: Node.Mapping] = [:]
  private let lock = NSLock()

  public init() {}

  func mapping(for yaml: String, file: String, limits: Limits) -> Node.Mapping? {
    lock.lock()
    defer { lock.unlock() }
    return entries[Key(file: file, yaml: yaml, limits: limits)]
  }

  func store(_ mapping: Node.Mapping, for yaml: String, file: String, limits: Limits) {
    lock.lock()
    defer { lock.unlock() }
    entries[Key(file: file, yaml: yaml, limits: limits)] = mapping
  }
}
