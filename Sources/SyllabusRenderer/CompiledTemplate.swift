// A Mustache template parsed once into nodes that render straight from the boxed context
// tree. swift-mustache spent ~12 k instructions per `{{name}}` (a fresh context struct per
// section, `Mirror`/protocol casts per lookup, `String +=` per token); rendering here is a
// dictionary probe per name and appends to one byte buffer.
//
// The output must match swift-mustache byte for byte, so the parser below follows its parser
// step by step — including where that differs from the Mustache spec (standalone handling
// after a section, whitespace carried past a comment, a tag opener followed by a newline).
// It reads Characters, as swift-mustache does, so grapheme clusters split text the same way.
// What it does not handle (template inheritance `{{< }}`/`{{$ }}`, dynamic partials) makes
// the template fall back to swift-mustache; TemplateSet validates every template with
// swift-mustache first, so a template reaches this parser only once swift-mustache accepts it.

import Mustache

struct CompiledTemplate: Sendable {
  var nodes: [Node]

  indirect enum Node: Sendable {
    case text([UInt8])
    case value(Lookup, raw: Bool, site: TagSite)
    case section(Lookup, body: [Node], inverted: Bool)
    /// `indentation` is the whitespace before a standalone partial tag, nil when inline.
    case partial(String, indentation: [UInt8]?)
    case escaping(Escaping)
  }

  /// How a tag's name is found, decided once at parse time.
  struct Lookup: Sendable {
    enum Root: Sendable {
      /// `{{.}}` (and `{{}}`): the innermost context.
      case top
      /// `{{first()}}` and friends: the position in the enclosing list.
      case position
      /// `{{.name}}`: only the innermost context, no climbing.
      case anchored([String])
      /// `{{a.b}}`: the first context from the top that has `a`, then `b` inside it.
      case stack([String])
    }
    var root: Root
    /// swift-mustache transforms (`empty(x)`), innermost first.
    var transforms: [String]
  }

  /// Where a value tag is, for the missing-value warning.
  struct TagSite: Sendable {
    var template: String
    var name: String
    var line: Int
    var column: Int
    var tag: String
    /// Inside a section on the same name (`{{#x}}…{{x}}…{{/x}}`): the author already said
    /// what absence means.
    var guarded: Bool
  }

  enum Escaping: Sendable {
    /// swift-mustache's built-in HTML escaping, one Character at a time (the default, and
    /// what a partial starts with).
    case characters
    /// `{{% CONTENT_TYPE: HTML }}`, which FastHTMLEscape re-registers: escaping on UTF-8 bytes.
    case bytes
    /// `{{% CONTENT_TYPE: TEXT }}` and triple mustaches.
    case none
  }

  /// A template this renderer does not handle; swift-mustache renders it instead.
  struct Unsupported: Error {}

  /// Parses `text`; throws `Unsupported` for what only swift-mustache renders, or any error
  /// swift-mustache would also raise.
  init(_ text: String, name: String) throws {
    var parser = CompiledTemplateParser(text, template: name)
    nodes = try parser.parse(Scope(), guards: [])
  }

  /// Names of the partials this template uses.
  var partials: Set<String> {
    func walk(_ nodes: [Node], into out: inout Set<String>) {
      for node in nodes {
        switch node {
        case .partial(let name, _): out.insert(name)
        case .section(_, let body, _): walk(body, into: &out)
        default: break
        }
      }
    }
    var out: Set<String> = []
    walk(nodes, into: &out)
    return out
  }

  /// What the parser knows while reading one section (swift-mustache's ParserState).
  struct Scope {
    var sectionName: String? = nil
    var sectionTransforms: [String] = []
    var newLine = true
    var open: [Character] = ["{", "{"]
    var close: [Character] = ["}", "}"]
  }
}

struct CompiledTemplateParser {
  struct Failure: Error {}

  let chars: [Character]
  let template: String
  var pos = 0
  /// Where the tag being read starts (its opening delimiter), for diagnostics.
  var tagStart = 0

  init(_ text: String, template: String) {
    chars = Array(text)
    self.template = template
  }

  typealias Node = CompiledTemplate.Node
  typealias Scope = CompiledTemplate.Scope

  static let nameChars = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*")
  static let bareNameChars = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*")
  static let partialNameChars = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*/")

  var current: Character { pos < chars.count ? chars[pos] : "\0" }

  /// One section's nodes, up to and including its closing tag (or the end, at top level).
  mutating func parse(_ scope: Scope, guards: [String]) throws -> [Node] {
    var nodes: [Node] = []
    var scope = scope
    var whitespace: [Character] = []
    while pos < chars.count {
      if scope.newLine { whitespace = read(while: { $0 == " " || $0 == "\t" }) }
      let text = try readText(scope)
      if current.isNewline {
        nodes.append(.text(bytes(whitespace + text + [current])))
        scope.newLine = true
        pos += 1
        continue
      }
      if !text.isEmpty {
        nodes.append(.text(bytes(whitespace + text)))
        whitespace = []
        scope.newLine = false
      }
      if pos >= chars.count { break }
      var standalone = false
      let kind = current
      switch kind {
      case "#", "^":
        pos += 1
        let (name, transforms) = try parseName(scope)
        if isStandalone(scope) {
          standalone = true
        } else if !whitespace.isEmpty {
          nodes.append(.text(bytes(whitespace)))
          whitespace = []
        }
        var inner = scope
        inner.sectionName = name
        inner.sectionTransforms = transforms
        if !standalone { inner.newLine = false }
        let body = try parse(inner, guards: guards + [name])
        nodes.append(.section(lookup(name, transforms), body: body, inverted: kind == "^"))
      case "/":
        pos += 1
        let (name, transforms) = try parseName(scope)
        guard name == scope.sectionName, transforms == scope.sectionTransforms else { throw Failure() }
        if !isStandalone(scope), !whitespace.isEmpty { nodes.append(.text(bytes(whitespace))) }
        return nodes
      case "!":
        pos += 1
        try skipComment(scope)
        standalone = isStandalone(scope)
      case "{", "&":
        if !whitespace.isEmpty {
          nodes.append(.text(bytes(whitespace)))
          whitespace = []
        }
        pos += 1
        let start = tagStart
        let (name, transforms) = try parseName(scope)
        if kind == "{" {
          guard pos < chars.count, chars[pos] == "}" else { throw Failure() }
          pos += 1
        }
        nodes.append(.value(lookup(name, transforms), raw: true, site: site(start, name, guards)))
      case ">":
        pos += 1
        _ = read(while: \.isWhitespace)
        if current == "*" { throw CompiledTemplate.Unsupported() }
        let name = try parsePartialName(scope)
        if !whitespace.isEmpty { nodes.append(.text(bytes(whitespace))) }
        if isStandalone(scope) {
          standalone = true
          nodes.append(.partial(name, indentation: bytes(whitespace)))
        } else {
          nodes.append(.partial(name, indentation: nil))
        }
        whitespace = []
      case "<", "$":
        throw CompiledTemplate.Unsupported()
      case "=":
        pos += 1
        try setDelimiters(&scope)
        standalone = isStandalone(scope)
      case "%":
        pos += 1
        nodes.append(.escaping(try readContentType(scope)))
        standalone = isStandalone(scope)
      default:
        if !whitespace.isEmpty {
          nodes.append(.text(bytes(whitespace)))
          whitespace = []
        }
        let start = tagStart
        let (name, transforms) = try parseName(scope)
        nodes.append(.value(lookup(name, transforms), raw: false, site: site(start, name, guards)))
      }
      scope.newLine = standalone
    }
    guard scope.sectionName == nil else { throw Failure() }
    return nodes
  }

  func bytes(_ characters: [Character]) -> [UInt8] { Array(String(characters).utf8) }

  func lookup(_ name: String, _ transforms: [String]) -> CompiledTemplate.Lookup {
    let parts = name.split(separator: ".").map(String.init)
    let root: CompiledTemplate.Lookup.Root
    if name == "." {
      root = .top
    } else if name.isEmpty, !transforms.isEmpty {
      root = .position
    } else if name.first == "." {
      root = .anchored(parts)
    } else {
      root = parts.isEmpty ? .top : .stack(parts)
    }
    return .init(root: root, transforms: transforms.reversed())
  }

  /// Line and column of the tag's opener, in Characters (lines end at any newline).
  func site(_ start: Int, _ name: String, _ guards: [String]) -> CompiledTemplate.TagSite {
    var line = 1
    var column = 1
    for c in chars[0..<start] {
      if c.isNewline { line += 1 }
      column = c.isNewline ? 1 : column + 1
    }
    let tag = String(chars[start..<min(pos, chars.count)])
    return .init(template: template, name: name, line: line, column: column, tag: tag, guarded: guards.contains(name))
  }

  // MARK: - Reading (swift-mustache's Parser, on an array of Characters)

  mutating func read(while predicate: (Character) -> Bool) -> [Character] {
    let start = pos
    while pos < chars.count, predicate(chars[pos]) { pos += 1 }
    return Array(chars[start..<pos])
  }

  /// Reads `string` if it comes next; throws when fewer Characters remain than it has.
  mutating func read(_ string: [Character]) throws -> Bool {
    guard !string.isEmpty else { return true }
    guard chars.count - pos >= string.count else { throw Failure() }
    guard Array(chars[pos..<pos + string.count]) == string else { return false }
    pos += string.count
    return true
  }

  /// Text up to the next tag opener (consumed) or newline (not consumed).
  mutating func readText(_ scope: Scope) throws -> [Character] {
    let first = scope.open[0]
    var text: [Character] = []
    while pos < chars.count {
      while pos < chars.count, chars[pos] != "\n", chars[pos] != "\r\n", chars[pos] != first {
        text.append(chars[pos])
        pos += 1
      }
      if current.isNewline { break }
      if current == first {
        let start = pos
        if try read(scope.open) {
          tagStart = start
          break
        }
        text.append(first)
        pos += 1
      }
    }
    return text
  }

  mutating func parseName(_ scope: Scope) throws -> (String, [String]) {
    _ = read(while: \.isWhitespace)
    let text = read(while: { Self.nameChars.contains($0) })
    _ = read(while: \.isWhitespace)
    guard try read(scope.close) else { throw Failure() }
    // `a(b(c))`: transforms a and b applied to c.
    var i = 0
    func readBare() -> String {
      let start = i
      while i < text.count, Self.bareNameChars.contains(text[i]) { i += 1 }
      return String(text[start..<i])
    }
    let head = readBare()
    if i == text.count { return (String(text), []) }
    guard text[i] == "(" else { throw Failure() }
    i += 1
    var transforms = [head]
    while true {
      let name = readBare()
      let c: Character = i < text.count ? text[i] : "\0"
      if c == ")" {
        i += 1
        var closing = 0
        while i < text.count, text[i] == ")" {
          i += 1
          closing += 1
        }
        guard closing + 1 == transforms.count, i == text.count else { throw Failure() }
        return (name, transforms)
      } else if c == "(" {
        i += 1
        transforms.append(name)
      } else {
        throw Failure()
      }
    }
  }

  mutating func parsePartialName(_ scope: Scope) throws -> String {
    _ = read(while: \.isWhitespace)
    let text = read(while: { Self.partialNameChars.contains($0) })
    _ = read(while: \.isWhitespace)
    guard try read(scope.close) else { throw Failure() }
    return String(text)
  }

  /// Skips to just past the closing delimiter, matching it the way swift-mustache does (a
  /// mismatch restarts the match at the next Character, not at this one).
  mutating func skipComment(_ scope: Scope) throws {
    var matched = 0
    while pos < chars.count {
      if chars[pos] == scope.close[matched] {
        matched += 1
        if matched == scope.close.count {
          pos += 1
          return
        }
      } else {
        matched = 0
      }
      pos += 1
    }
    throw Failure()
  }

  mutating func setDelimiters(_ scope: inout Scope) throws {
    _ = read(while: \.isWhitespace)
    let open = read(while: { !$0.isWhitespace })
    guard pos < chars.count else { throw Failure() }
    _ = read(while: \.isWhitespace)
    let close = read(while: { $0 != "=" && !$0.isWhitespace })
    guard pos < chars.count else { throw Failure() }
    _ = read(while: \.isWhitespace)
    guard pos < chars.count, chars[pos] == "=" else { throw Failure() }
    pos += 1
    guard try read(scope.close), !open.isEmpty, !close.isEmpty else { throw Failure() }
    scope.open = open
    scope.close = close
  }

  mutating func readContentType(_ scope: Scope) throws -> CompiledTemplate.Escaping {
    _ = read(while: \.isWhitespace)
    let variable = String(read(while: { Self.bareNameChars.contains($0) }))
    _ = read(while: \.isWhitespace)
    guard pos < chars.count, chars[pos] == ":" else { throw Failure() }
    pos += 1
    _ = read(while: \.isWhitespace)
    let value = String(read(while: { Self.bareNameChars.contains($0) }))
    _ = read(while: \.isWhitespace)
    guard try read(scope.close), variable == "CONTENT_TYPE" else { throw Failure() }
    // TemplateSet registers FastHTMLEscape as "HTML" before any template is parsed.
    switch value {
    case "HTML": return .bytes
    case "TEXT": return .none
    default: throw CompiledTemplate.Unsupported()
    }
  }

  /// A tag alone on its line (only blanks around it) takes the line with it.
  mutating func isStandalone(_ scope: Scope) -> Bool {
    guard scope.newLine else { return false }
    if pos >= chars.count { return true }
    var p = pos
    while p < chars.count, chars[p] == " " || chars[p] == "\t" { p += 1 }
    guard p < chars.count, chars[p].isNewline else { return false }
    pos = p + 1
    return true
  }
}
