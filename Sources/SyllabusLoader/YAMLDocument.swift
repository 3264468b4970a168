import SyllabusModel
import Yams

/// Front matter or guide.yml, checked against the size and nesting gates, then composed by
/// libyaml (through Yams) into a node tree whose marks point back into the file.
enum YAMLDocument {
  static func mapping(
    _ yaml: String, file: String, firstLine: Int, limits: Limits, what: String
  ) -> Result<Node.Mapping, Diagnostic> {
    let lineOffset = firstLine - 1
    if yaml.utf8.count > limits.maxFrontMatterBytes {
      return .failure(.error(SourceLocation(file: file, line: firstLine), "\(what) is \(yaml.utf8.count) bytes, over the limit of \(limits.maxFrontMatterBytes); move long text into the Markdown body, or raise `limits: max_front_matter_bytes` in guide.yml"))
    }
    if let (line, column) = tooDeep(yaml, limit: limits.maxYAMLDepth) {
      return .failure(.error(SourceLocation(file: file, line: line + lineOffset, column: column), "YAML nests deeper than \(limits.maxYAMLDepth) levels; flatten it, or raise `limits: max_yaml_depth` in guide.yml"))
    }
    do {
      // The basic resolver tags every scalar as text: fields are read as text and converted
      // here, and the default resolver's regular expressions ran for every mapping key when
      // Yams hashed keys to find duplicates (half the cost of reading front matter).
      guard let root = try Yams.compose(yaml: yaml, .basic, .default, .utf8) else {
        return .failure(.error(SourceLocation(file: file, line: firstLine), "\(what) is empty; add at least `title: …`"))
      }
      guard case .mapping(let mapping) = root else {
        return .failure(.error(SourceLocation(file: file, line: firstLine), "\(what) must be a mapping of `field: value` lines"))
      }
      return .success(mapping)
    } catch let error as YamlError {
      return .failure(diagnostic(for: error, yaml: yaml, file: file, lineOffset: lineOffset))
    } catch {
      return .failure(.error(SourceLocation(file: file, line: firstLine), "cannot read YAML: \(error)"))
    }
  }

  private static func diagnostic(for error: YamlError, yaml: String, file: String, lineOffset: Int) -> Diagnostic {
    func at(_ mark: Mark) -> SourceLocation {
      SourceLocation(file: file, line: mark.line + lineOffset, column: mark.column)
    }
    switch error {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      var message = "invalid YAML: \(problem)"
      if let context { message += " (\(context.text) at line \(context.mark.line + lineOffset))" }
      let offending = yaml.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(max(0, mark.line - 1)).first
      if problem.contains("tab") || offending?.hasPrefix("\t") == true { message += "; indent with spaces, not tabs" }
      return .error(at(mark), message)
    case .duplicatedKeysInMapping(let duplicates, let context):
      return .error(at(context.mark), "duplicate field \(duplicates.sorted().map { "`\($0)`" }.joined(separator: ", ")) in this mapping; keep only one")
    case .reader(let problem, _, _, _):
      return .error(SourceLocation(file: file, line: lineOffset + 1), "cannot read YAML: \(problem)")
    default:
      return .error(SourceLocation(file: file, line: lineOffset + 1), "invalid YAML: \(error)")
    }
  }

  /// First place where flow brackets or block indentation nest past `limit`, ignoring quoted
  /// text. libyaml is quadratic on deep flow nesting, so this runs before it.
  static func tooDeep(_ yaml: String, limit: Int) -> (Int, Int)? {
    // Scans UTF-8 bytes: every character that matters here is ASCII, and a column counts
    // characters (bytes that do not continue a multi-byte one).
    var depth = 0
    var line = 1
    var column = 0
    var quote: UInt8? = nil
    var atLineStart = true
    var indent = 0
    var previous = UInt8(ascii: " ")
    for ch in yaml.utf8 {
      defer { previous = ch }
      if ch & 0xC0 != 0x80 { column += 1 }
      if ch == UInt8(ascii: "\n") {
        line += 1
        column = 0
        atLineStart = true
        indent = 0
        quote = nil  // a quote left open must not hide the brackets of later lines
        continue
      }
      if atLineStart {
        if ch == UInt8(ascii: " ") || ch == UInt8(ascii: "-") { indent += 1; continue }
        atLineStart = false
        if indent / 2 > limit { return (line, column) }
      }
      if let q = quote {
        if ch == q { quote = nil }
        continue
      }
      switch ch {
      case UInt8(ascii: "\""), UInt8(ascii: "'"):
        // Only a quote that starts a value opens a quoted scalar; "what's" does not.
        if " \n[{,:-".utf8.contains(previous) { quote = ch }
      case UInt8(ascii: "["), UInt8(ascii: "{"):
        depth += 1
        if depth > limit { return (line, column) }
      case UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
      default: break
      }
    }
    return nil
  }
}
