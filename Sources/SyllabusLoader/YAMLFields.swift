import SyllabusModel
import Yams

/// Reads typed fields out of a YAML mapping, reporting each problem at the line and column of
/// the offending value, and counting every node it visits so an alias bomb cannot explode.
struct YAMLFields {
  let mapping: Node.Mapping
  /// The mapping's values by key, built once: `Node.Mapping`'s own subscript compares every key
  /// as a YAML node (resolving tags with regular expressions), a cost paid per field read.
  private let values: [String: Node]
  let file: String
  let lineOffset: Int
  var budget: NodeBudget
  private(set) var diagnostics: [Diagnostic] = []
  private var used: Set<String> = []

  init(_ mapping: Node.Mapping, file: String, lineOffset: Int, budget: NodeBudget) {
    self.mapping = mapping
    var values: [String: Node] = [:]
    for (key, value) in mapping {
      // libyaml reports duplicate keys at compose time; the first one wins here regardless.
      if case .scalar(let scalar) = key, values[scalar.string] == nil { values[scalar.string] = value }
    }
    self.values = values
    self.file = file
    self.lineOffset = lineOffset
    self.budget = budget
  }

  func location(of node: Node?) -> SourceLocation {
    guard let mark = node?.mark else { return SourceLocation(file: file, line: lineOffset + 1) }
    return SourceLocation(file: file, line: mark.line + lineOffset, column: mark.column)
  }

  var start: SourceLocation { location(of: .mapping(mapping)) }

  mutating func report(_ d: Diagnostic) { diagnostics.append(d) }

  /// The value under `key`, without marking the field as read.
  subscript(key: String) -> Node? { values[key] }

  mutating func node(_ key: String) -> Node? {
    used.insert(key)
    return values[key]
  }

  /// A scalar string. Numbers and booleans are taken as written; a list or mapping is an error.
  mutating func string(_ key: String, required: Bool = false, example: String = "") -> String? {
    guard let value = node(key), !isNull(value) else {
      if required {
        report(.error(start, "missing required field `\(key)`; add e.g. `\(key): \(example.isEmpty ? "…" : example)`"))
      }
      return nil
    }
    guard budget.spend(), case .scalar(let scalar) = value else {
      report(.error(location(of: value), "`\(key)` must be text\(example.isEmpty ? "" : ", e.g. `\(key): \(example)`"); found \(kind(value))"))
      return nil
    }
    let text = scalar.string.trimmingSpaces()
    if text.isEmpty && required {
      report(.error(location(of: value), "`\(key)` is empty; give it a value"))
      return nil
    }
    return text
  }

  mutating func locatedString(_ key: String, required: Bool = false, example: String = "") -> Located<String>? {
    let where_ = location(of: values[key])
    return string(key, required: required, example: example).map { Located($0, at: where_) }
  }

  mutating func int(_ key: String, example: String = "1") -> Int? {
    guard let value = node(key), !isNull(value) else { return nil }
    guard budget.spend(), case .scalar(let scalar) = value, let number = Int(scalar.string) else {
      report(.error(location(of: value), "`\(key)` must be a whole number, e.g. `\(key): \(example)`; found \(kind(value))"))
      return nil
    }
    return number
  }

  mutating func bool(_ key: String) -> Bool? {
    guard let value = node(key), !isNull(value) else { return nil }
    guard budget.spend(), case .scalar(let scalar) = value, let flag = Self.flag(scalar) else {
      if case .scalar(let scalar) = value, scalar.style != .plain, Self.flagWord(scalar.string) != nil {
        report(.error(location(of: value), "`\(key)` must be `true` or `false`; found the quoted text \"\(scalar.string)\"; remove the quotes"))
      } else {
        report(.error(location(of: value), "`\(key)` must be `true` or `false`; found \(kind(value))"))
      }
      return nil
    }
    return flag
  }

  /// YAML's plain true/false words (a quoted "true" is text). Read here rather than through a
  /// resolver: documents are composed with Yams' basic resolver, which tags every scalar text.
  static func flag(_ scalar: Node.Scalar) -> Bool? {
    scalar.style == .plain ? flagWord(scalar.string) : nil
  }

  static func flagWord(_ word: String) -> Bool? {
    switch word {
    case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON": return true
    case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF": return false
    default: return nil
    }
  }

  /// A list of scalars, each with its own location.
  mutating func stringList(_ key: String, example: String) -> [Located<String>]? {
    guard let value = node(key), !isNull(value) else { return nil }
    return strings(in: value, key: key, example: example)
  }

  mutating func strings(in value: Node, key: String, example: String) -> [Located<String>]? {
    guard budget.spend(), case .sequence(let items) = value else {
      report(.error(location(of: value), "`\(key)` must be a list, e.g. `\(key): \(example)`; found \(kind(value))"))
      return nil
    }
    var out: [Located<String>] = []
    for item in items {
      guard budget.spend() else { break }
      guard case .scalar(let scalar) = item else {
        report(.error(location(of: item), "each item of `\(key)` must be text; found \(kind(item))"))
        continue
      }
      out.append(Located(scalar.string.trimmingSpaces(), at: location(of: item)))
    }
    return out
  }

  /// The mappings of a list of mappings (e.g. `layers:`), each as its own field reader.
  mutating func mappingList(_ key: String, example: String) -> [YAMLFields]? {
    guard let value = node(key), !isNull(value) else { return nil }
    guard budget.spend(), case .sequence(let items) = value else {
      report(.error(location(of: value), "`\(key)` must be a list, e.g. \(example); found \(kind(value))"))
      return nil
    }
    var out: [YAMLFields] = []
    for item in items {
      guard budget.spend() else { break }
      guard case .mapping(let inner) = item else {
        report(.error(location(of: item), "each item of `\(key)` must be a mapping, e.g. \(example); found \(kind(item))"))
        continue
      }
      out.append(YAMLFields(inner, file: file, lineOffset: lineOffset, budget: budget))
    }
    return out
  }

  /// A nested mapping (e.g. `assessment:`).
  mutating func mapping(_ key: String) -> YAMLFields? {
    guard let value = node(key), !isNull(value) else { return nil }
    guard budget.spend(), case .mapping(let inner) = value else {
      report(.error(location(of: value), "`\(key)` must be a mapping of fields; found \(kind(value))"))
      return nil
    }
    return YAMLFields(inner, file: file, lineOffset: lineOffset, budget: budget)
  }

  /// Warns about keys nobody asked for: usually a typo of a real field.
  mutating func finish(known: [String], into diagnostics: inout [Diagnostic]) {
    for (key, _) in mapping {
      guard let name = key.string, !used.contains(name), !known.contains(name) else { continue }
      report(.warning(location(of: key), "unknown field `\(name)`; known fields are \(known.map { "`\($0)`" }.joined(separator: ", "))"))
    }
    if budget.exhausted {
      report(.error(start, "front matter expands to more than \(budget.limit) YAML values (aliases count each time they are used); simplify it, or raise `limits: max_yaml_nodes` in guide.yml"))
    }
    diagnostics += self.diagnostics
    self.diagnostics = []
  }

  private func isNull(_ node: Node) -> Bool {
    if case .scalar(let s) = node { return s.style == .plain && ["", "~", "null", "Null", "NULL"].contains(s.string) }
    return false
  }

  private func kind(_ node: Node) -> String {
    switch node {
    case .scalar(let s): return "`\(s.string.prefix(40))`"
    case .sequence: return "a list"
    case .mapping: return "a mapping"
    case .alias: return "an alias"
    }
  }
}

/// Shared count of YAML values visited for one document. A reference type so nested readers
/// draw from the same budget.
final class NodeBudget {
  let limit: Int
  private(set) var used = 0
  init(limit: Int) { self.limit = limit }
  var exhausted: Bool { used > limit }
  func spend(_ n: Int = 1) -> Bool {
    used += n
    return used <= limit
  }
}
