import Foundation
import SyllabusModel
import Yams

/// The load stage: reads `content/` (guide.yml, topics, questions, paths, pages), checks each
/// file against the gates, splits front matter and decodes it into model values.
/// Markdown bodies are carried along as text; parsing them is the next stage's job.
public struct ContentLoader {
  public let root: URL
  /// How the content folder is written in diagnostics, e.g. `content`.
  public let displayRoot: String
  /// Front matter composed in an earlier run (by `serve`), reused while its text is the same.
  public let yamlCache: YAMLCache?

  public init(root: URL, displayRoot: String, yamlCache: YAMLCache? = nil) {
    self.root = root.standardizedFileURL
    self.displayRoot = displayRoot
    self.yamlCache = yamlCache
  }

  public struct Result {
    public var site: SiteSource?
    public var diagnostics: [Diagnostic]
  }

  public func load() -> Result {
    var diagnostics: [Diagnostic] = []
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
      return Result(site: nil, diagnostics: [.error(SourceLocation(file: displayRoot), "content folder not found; pass `--content DIR` or create `content/guide.yml`")])
    }
    var guideHash = Hasher()
    guard let guide = loadGuide(&diagnostics, structure: &guideHash) else { return Result(site: nil, diagnostics: diagnostics) }
    var site = SiteSource(guide: guide)
    site.guideHash = guideHash.finalize()
    var structure = Hasher()
    structure.combine(site.guideHash)
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

    enum Item { case topic(Topic), question(Question), path(StudyPath), page(Page) }
    struct Loaded {
      var item: Item?
      var diagnostics: [Diagnostic] = []
      var structure = Hasher()
    }
    var results = [Loaded](repeating: Loaded(), count: files.count)
    results.withUnsafeMutableBufferPointer { buffer in
      let out = buffer
      DispatchQueue.concurrentPerform(iterations: files.count) { i in
        var result = Loaded()
        let (file, kind) = files[i]
        load(file, limits: limits, structure: &result.structure, diagnostics: &result.diagnostics) { f, id, body, loc, d in
          switch kind {
          case .topic: result.item = KindDecoders.topic(&f, id: id, body: body, location: loc, diagnostics: &d).map(Item.topic)
          case .question(let folder):
            result.item = KindDecoders.question(&f, id: id, folder: folder, body: body, location: loc, limits: limits, diagnostics: &d).map(Item.question)
          case .path: result.item = KindDecoders.path(&f, id: id, body: body, location: loc, diagnostics: &d).map(Item.path)
          case .page: result.item = KindDecoders.page(&f, id: id, body: body, location: loc, diagnostics: &d).map(Item.page)
          }
        }
        out[i] = result
      }
    }
    for result in results {
      diagnostics += result.diagnostics
      let fileHash = result.structure.finalize()
      structure.combine(fileHash)
      let body: MarkdownSource?
      switch result.item {
      case .topic(let t): site.topics.append(t); body = t.body
      case .question(let q): site.questions.append(q); body = q.body
      case .path(let p): site.paths.append(p); body = p.body
      case .page(let p): site.pages.append(p); body = p.body
      case nil: body = nil
      }
      if let body { site.frontMatter[body.path] = fileHash }
    }
    site.structure = structure.finalize()
    return Result(site: site, diagnostics: diagnostics)
  }

  // MARK: - Files

  func display(_ relative: String) -> String {
    displayRoot.isEmpty ? relative : (displayRoot.hasSuffix("/") ? displayRoot : displayRoot + "/") + relative
  }

  private func loadGuide(_ diagnostics: inout [Diagnostic], structure: inout Hasher) -> Guide? {
    let file = display("guide.yml")
    guard let data = read("guide.yml", diagnostics: &diagnostics) else {
      if !diagnostics.contains(where: { $0.location.file == file }) {
        diagnostics.append(.error(SourceLocation(file: file), "guide.yml not found; create it with at least `title:`, `layers:` and `levels:`"))
      }
      return nil
    }
    switch SourceText.decode(data, file: file, limits: Limits()) {
    case .failure(let d):
      diagnostics.append(d)
      return nil
    case .success(let text):
      structure.combine(text)
      switch YAMLDocument.mapping(text, file: file, firstLine: 1, limits: Limits(), what: "guide.yml") {
      case .failure(let d):
        diagnostics.append(d)
        return nil
      case .success(let mapping):
        var fields = YAMLFields(mapping, file: file, lineOffset: 0, budget: NodeBudget(limit: Limits().maxYAMLNodes * 10))
        return KindDecoders.guide(&fields, diagnostics: &diagnostics)
      }
    }
  }

  /// Reads a file inside the content folder. Symlinks are followed only when they stay inside.
  private func read(_ relative: String, diagnostics: inout [Diagnostic]) -> Data? {
    let url = root.appendingPathComponent(relative)
    var info = stat()
    guard lstat(url.path, &info) == 0 else { return nil }
    // Resolving links costs a realpath per file; only links (or files under a linked folder,
    // which the listing would not show as such) need it, so plain files skip it.
    if (info.st_mode & S_IFMT) == S_IFLNK {
      let resolved = url.resolvingSymlinksInPath().standardizedFileURL.path
      let rootPath = root.resolvingSymlinksInPath().standardizedFileURL.path
      guard resolved.hasPrefix(rootPath + "/") else {
        diagnostics.append(.error(SourceLocation(file: display(relative)), "symbolic link points outside the content folder (to \(resolved)); copy the file in instead"))
        return nil
      }
    }
    do {
      return try Data(contentsOf: url)
    } catch {
      diagnostics.append(.error(SourceLocation(file: display(relative)), "cannot read file: \(error.localizedDescription); check its permissions"))
      return nil
    }
  }

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

  private func entries(of relative: String) -> [String] {
    let url = root.appendingPathComponent(relative)
    return ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [])
      .filter { !$0.hasPrefix(".") }
      .sorted()
  }

  private func isDirectory(_ relative: String) -> Bool {
    var flag: ObjCBool = false
    return FileManager.default.fileExists(atPath: root.appendingPathComponent(relative).path, isDirectory: &flag) && flag.boolValue
  }

  private func subfolders(of relative: String, diagnostics: inout [Diagnostic]) -> [String] {
    guard folderIsInside(relative, diagnostics: &diagnostics) else { return [] }
    return entries(of: relative).filter { name in
      if isDirectory("\(relative)/\(name)") { return true }
      diagnostics.append(.warning(SourceLocation(file: display("\(relative)/\(name)")), "ignored: question files live in `questions/<topic-id>/<slug>.md`"))
      return false
    }
  }

  private func markdownFiles(in relative: String, diagnostics: inout [Diagnostic]) -> [String] {
    guard folderIsInside(relative, diagnostics: &diagnostics) else { return [] }
    return entries(of: relative).compactMap { name in
      let path = "\(relative)/\(name)"
      if name.hasSuffix(".md"), !isDirectory(path) { return path }
      diagnostics.append(.warning(SourceLocation(file: display(path)), "ignored: only `.md` files are read in `\(relative)/`"))
      return nil
    }
  }

  private typealias Decode = (inout YAMLFields, String, MarkdownSource, SourceLocation, inout [Diagnostic]) -> Void

  private func load(_ relative: String, limits: Limits, structure: inout Hasher, diagnostics: inout [Diagnostic], decode: Decode) {
    let file = display(relative)
    guard let data = read(relative, diagnostics: &diagnostics) else { return }
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
    let stem = String((relative as NSString).lastPathComponent.dropLast(3))
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
