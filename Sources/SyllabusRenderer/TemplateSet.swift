import Foundation
import Mustache
import SyllabusModel
import SyllabusTheme

/// The page templates (built in, or overridden file by file from a folder), compiled once. Every template the renderer needs and
/// every partial a template references must exist: swift-mustache would otherwise render a
/// missing one as nothing, silently.
public struct TemplateSet: Sendable {
  public static let required = PageKind.templates

  let library: MustacheLibrary
  /// The templates CompiledTemplate handles (with every partial they reach), by name: these
  /// render without swift-mustache. The rest (inheritance, dynamic partials) use `library`.
  let compiled: [String: CompiledTemplate]
  /// Which renderer `render` uses; tests render every page both ways and compare the bytes.
  var engine: Engine = .compiled
  /// Where value tags that found nothing are reported, and the page being rendered (set by
  /// SiteRenderer per page).
  var missingValues: MissingValueLog?
  var page = ""
  /// Static files shipped with the templates (`templates/assets/…`), by output path.
  let assets: [OutputAsset]
  /// The guide's strings, given to every template as `t` (set by SiteRenderer).
  var strings: [String: String] = [:]
  /// The ids the templates give their own elements, which headings must stay clear of.
  public let reservedIDs: ReservedIDs
  /// Changes whenever a template or asset does, and only then (a StableHasher, so the build
  /// cache can compare it across runs): `serve` and a cached build re-render all.
  public let digest: Int

  /// The theme's stylesheet, as the site ships it (the Anki deck reuses its code colours).
  public var stylesheet: String {
    String(decoding: assets.first { $0.path == SiteURL.stylesheet }?.contents ?? Data(), as: UTF8.self)
  }
  enum Engine: Sendable { case compiled, swiftMustache }

  public struct OutputAsset: Sendable {
    public var path: String
    public var contents: Data
  }

  /// The built-in theme with the files of `directory` (if any) laid over it: a folder
  /// overrides only the templates and assets it holds. Diagnostics name an override by its
  /// path under `displayRoot`, and a built-in file as `(built-in theme)/name`.
  public static func load(from directory: URL?, displayRoot: String, diagnostics: inout [Diagnostic]) -> TemplateSet? {
    var files: [String: (data: Data, display: String)] = [:]
    for (path, data) in EmbeddedFiles.theme { files[path] = (data, "(built-in theme)/" + path) }
    if let directory {
      guard let overrides = readFolder(directory) else {
        diagnostics.append(.error(SourceLocation(file: displayRoot), "templates folder not found; pass an existing folder to `--templates` (or `theme:` in guide.yml), or leave it out to use the built-in theme"))
        return nil
      }
      let prefix = displayRoot.hasSuffix("/") ? displayRoot : displayRoot + "/"
      for (path, data) in overrides { files[path] = (data, prefix + path) }
    }
    return compile(files, diagnostics: &diagnostics)
  }

  /// Every file under `folder` by relative path, or nil when it is not a folder.
  static func readFolder(_ folder: URL) -> [String: Data]? {
    let fm = FileManager.default
    var isDirectory: ObjCBool = false
    guard fm.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
    var out: [String: Data] = [:]
    guard let walker = fm.enumerator(atPath: folder.path) else { return out }
    for case let path as String in walker where !path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
      let url = folder.appendingPathComponent(path)
      guard fm.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
        let data = fm.contents(atPath: url.path)
      else { continue }
      out[path] = data
    }
    return out
  }

  static func compile(_ files: [String: (data: Data, display: String)], diagnostics: inout [Diagnostic]) -> TemplateSet? {
    let display = { (name: String) in files[name]?.display ?? "(built-in theme)/" + name }
    _ = FastHTMLEscape.registered
    var library = MustacheLibrary()
    var sources: [String: String] = [:]
    var failed = false
    for name in files.keys.sorted() where name.hasSuffix(".mustache") && !name.contains("/") {
      let stem = String(name.dropLast(".mustache".count))
      guard let text = String(data: files[name]!.data, encoding: .utf8) else {
        diagnostics.append(.error(SourceLocation(file: display(name)), "cannot read template as UTF-8 text"))
        failed = true
        continue
      }
      do {
        try library.register(text, named: stem)
        sources[stem] = text
      } catch let error as MustacheTemplate.ParserError {
        diagnostics.append(.error(SourceLocation(file: display(name), line: error.context.lineNumber, column: error.context.columnNumber), "template error: \(error.error)"))
        failed = true
      } catch {
        diagnostics.append(.error(SourceLocation(file: display(name)), "template error: \(error)"))
        failed = true
      }
    }
    for name in required where sources[name] == nil && !failed {
      diagnostics.append(.error(SourceLocation(file: display("\(name).mustache")), "missing template `\(name)`; restore it from the default templates"))
      failed = true
    }
    for (name, text) in sources.sorted(by: { $0.key < $1.key }) {
      for (partial, line, column) in partials(in: text) where sources[partial] == nil {
        diagnostics.append(.error(SourceLocation(file: display("\(name).mustache"), line: line, column: column), "template references partial `\(partial)`, but there is no `\(partial).mustache`"))
        failed = true
      }
    }
    let assets = files.keys.sorted().filter { $0.hasPrefix("assets/") }.map { OutputAsset(path: $0, contents: files[$0]!.data) }
    for needed in [SiteURL.stylesheet, SiteURL.script, SiteURL.practiceScript] where !assets.contains(where: { $0.path == needed }) {
      diagnostics.append(.error(SourceLocation(file: display(needed)), "missing asset `\(needed)`; restore it from the default templates"))
      failed = true
    }
    var hasher = StableHasher()
    for (name, text) in sources.sorted(by: { $0.key < $1.key }) {
      hasher.combine(name)
      hasher.combine(text)
    }
    for asset in assets.sorted(by: { $0.path < $1.path }) {
      hasher.combine(asset.path)
      hasher.combine(asset.contents)
    }
    var reserved = ReservedIDs()
    for text in sources.values {
      let found = ReservedIDs.scan(text)
      reserved.exact.formUnion(found.exact)
      reserved.numberedPrefixes.formUnion(found.numberedPrefixes)
    }
    return failed
      ? nil
      : TemplateSet(
        library: library, compiled: compileAhead(sources, display: display), assets: assets.sorted { $0.path < $1.path },
        reservedIDs: reserved, digest: hasher.finalize())
  }

  /// The templates swift-mustache accepted, parsed for CompiledTemplate; a template that uses
  /// what only swift-mustache renders, or reaches a partial that does, is left out.
  static func compileAhead(_ sources: [String: String], display: (String) -> String) -> [String: CompiledTemplate] {
    var compiled: [String: CompiledTemplate] = [:]
    for (name, text) in sources {
      compiled[name] = try? CompiledTemplate(text, name: display("\(name).mustache"))
    }
    var changed = true
    while changed {
      changed = false
      for (name, template) in compiled where template.partials.contains(where: { sources[$0] != nil && compiled[$0] == nil }) {
        compiled[name] = nil
        changed = true
      }
    }
    return compiled
  }

  /// `{{> name}}` references with their line and column.
  static func partials(in text: String) -> [(String, Int, Int)] {
    var out: [(String, Int, Int)] = []
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      var rest = line[...]
      while let open = rest.range(of: "{{>") {
        guard let close = rest[open.upperBound...].range(of: "}}") else { break }
        let name = rest[open.upperBound..<close.lowerBound].trimmingSpaces()
        out.append((name, index + 1, line.distance(from: line.startIndex, to: open.lowerBound) + 1))
        rest = rest[close.upperBound...]
      }
    }
    return out
  }

  func render(_ context: Any, with name: String) -> String {
    switch renderOutput(context, with: name) {
    case .bytes(let bytes): return String(decoding: bytes, as: UTF8.self)
    case .text(let text): return text
    }
  }

  /// A whole page: its bytes as the compiled templates wrote them. Every value they wrote was
  /// a String, so the bytes are UTF-8 already; checking them again on the way to a String
  /// (and copying them back out to a file) cost about a tenth of a build's instructions.
  func renderBytes(_ context: Any, with name: String) -> [UInt8] {
    switch renderOutput(context, with: name) {
    case .bytes(let bytes): return bytes
    case .text(let text): return Array(text.utf8)
    }
  }

  private enum Output {
    case bytes([UInt8])
    case text(String)
  }

  private func renderOutput(_ context: Any, with name: String) -> Output {
    var boxed = TemplateValue.box(context)
    if var fields = boxed as? [String: Any] {
      fields["t"] = strings
      boxed = fields
    }
    if engine == .compiled, let template = compiled[name] {
      var run = CompiledRun(templates: compiled, context: boxed)
      do {
        try run.render(template.nodes, position: nil, indentation: [], escaping: .characters)
        if !run.missing.isEmpty { missingValues?.record(run.missing, page: page) }
        return .bytes(run.out)
      } catch {
        // A value only swift-mustache knows how to show (see CompiledRun): render it there.
      }
    }
    // Nil only for a name that is no template; the renderer asks only for `required` ones,
    // which loading checked, so this never turns a missing template into an empty page.
    return .text(library.render(boxed, withTemplate: name) ?? "")
  }

  /// A template pasted into another one's line: without the newline that ends its file.
  func renderFragment(_ context: Any, with name: String) -> String {
    var html = render(context, with: name)
    if html.hasSuffix("\n") { html.removeLast() }
    return html
  }
}

/// View models become dictionaries (and arrays of them) before rendering. swift-mustache looks
/// every tag up with a fresh `Mirror` per object on the context stack, which made reflection
/// the largest cost of a build; a dictionary lookup is a hash probe. Each struct is reflected
/// once here, so templates still read the view models' stored properties by name.
enum TemplateValue {
  static func box(_ value: Any) -> Any {
    if let explicit = value as? TemplateFields { return explicit.templateFields }
    switch value {
    case is String, is Int, is Bool, is Double, is Substring:
      return value
    case let array as [Any]:
      return array.map(box)
    default:
      let mirror = Mirror(reflecting: value)
      switch mirror.displayStyle {
      case .optional:
        return mirror.children.first.map { box($0.value) } as Any
      case .struct, .class:
        var fields: [String: Any] = [:]
        for child in mirror.children {
          guard let label = child.label else { continue }
          let inner = Mirror(reflecting: child.value)
          if inner.displayStyle == .optional {
            if let wrapped = inner.children.first { fields[label] = box(wrapped.value) }
          } else {
            fields[label] = box(child.value)
          }
        }
        return fields
      case .collection:
        return mirror.children.map { box($0.value) }
      default:
        return value
      }
    }
  }
}
