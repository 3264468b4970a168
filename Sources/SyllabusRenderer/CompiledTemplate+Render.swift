// Rendering compiled templates with swift-mustache's semantics (Template+Render.swift,
// Context.swift, Sequence.swift there): the same lookup order up the context stack, the same
// truthiness (an empty string or 0 still opens a section), the same escaping per content
// type, and the same partial indentation — which is applied per rendered token, only when
// the text rendered so far *by this block* ends in "\n" (so a section's first line is not
// indented again). A value swift-mustache treats specially (lambdas, custom renderables,
// NSNull, optionals left in the tree) throws `Unsupported` and the page is rendered by
// swift-mustache instead; the boxed view models never hold one.

import Mustache
import SyllabusModel

/// One render of one page: the output buffer, the context stack, and the value tags that
/// found nothing.
struct CompiledRun {
  typealias Node = CompiledTemplate.Node

  let templates: [String: CompiledTemplate]
  var out: [UInt8] = []
  var stack: [Any]
  var missing: [CompiledTemplate.TagSite] = []

  init(templates: [String: CompiledTemplate], context: Any) {
    self.templates = templates
    stack = [context]
    out.reserveCapacity(16 * 1024)
  }

  /// Where the current block is in a list, for `{{first()}}`, `{{^last()}}`, …
  struct Position {
    var first: Bool
    var last: Bool
    var index: Int

    func transform(_ name: String) -> Any? {
      switch name {
      case "first": return first
      case "last": return last
      case "index": return index
      case "even": return index & 1 == 0
      case "odd": return index & 1 == 1
      default: return nil
      }
    }
  }

  mutating func render(_ nodes: [Node], position: Position?, indentation: [UInt8], escaping: CompiledTemplate.Escaping) throws {
    var escaping = escaping
    let start = out.count
    for node in nodes {
      let before = out.count
      switch node {
      case .text(let bytes):
        out.append(contentsOf: bytes)
      case .value(let lookup, let raw, let site):
        guard let value = try resolve(lookup, position) else {
          if !site.guarded, lookup.transforms.isEmpty { missing.append(site) }
          continue
        }
        try write(value, raw ? .none : escaping)
      case .section(let lookup, let body, let inverted):
        let value = try resolve(lookup, position)
        if inverted {
          try renderInverted(value, body, position, indentation, escaping)
        } else {
          try renderSection(value, body, position, indentation, escaping)
        }
      case .partial(let name, let extra):
        guard let partial = templates[name] else { continue }
        try render(partial.nodes, position: nil, indentation: extra.map { indentation + $0 } ?? indentation, escaping: .characters)
      case .escaping(let next):
        escaping = next
      }
      if !indentation.isEmpty, out.count > before, before > start, out[before - 1] == 0x0A,
        !(before - 2 >= start && out[before - 2] == 0x0D)
      {
        out.insert(contentsOf: indentation, at: before)
      }
    }
  }

  mutating func renderSection(
    _ value: Any?, _ body: [Node], _ position: Position?, _ indentation: [UInt8], _ escaping: CompiledTemplate.Escaping
  ) throws {
    guard let value else { return }
    if let items = value as? [Any] {
      try renderItems(items, body, indentation, escaping)
    } else if let flag = value as? Bool {
      if flag { try render(body, position: position, indentation: indentation, escaping: escaping) }
    } else {
      if !Self.isPlain(value) {
        if let sequence = value as? any MustacheSequence {
          return try renderItems(Self.elements(of: sequence), body, indentation, escaping)
        }
        try Self.rejectSpecial(value)
      }
      stack.append(value)
      try render(body, position: nil, indentation: indentation, escaping: escaping)
      stack.removeLast()
    }
  }

  mutating func renderItems(_ items: [Any], _ body: [Node], _ indentation: [UInt8], _ escaping: CompiledTemplate.Escaping) throws {
    for (index, item) in items.enumerated() {
      stack.append(item)
      try render(body, position: Position(first: index == 0, last: index == items.count - 1, index: index), indentation: indentation, escaping: escaping)
      stack.removeLast()
    }
  }

  mutating func renderInverted(
    _ value: Any?, _ body: [Node], _ position: Position?, _ indentation: [UInt8], _ escaping: CompiledTemplate.Escaping
  ) throws {
    guard let value else { return try render(body, position: position, indentation: indentation, escaping: escaping) }
    var items: [Any]? = value as? [Any]
    if items == nil, !Self.isPlain(value), let sequence = value as? any MustacheSequence { items = Self.elements(of: sequence) }
    if let items {
      // An empty list is pushed, as swift-mustache does, so `{{.}}` inside sees it.
      guard items.isEmpty else { return }
      stack.append(value)
      try render(body, position: nil, indentation: indentation, escaping: escaping)
      stack.removeLast()
    } else if let flag = value as? Bool {
      if !flag { try render(body, position: position, indentation: indentation, escaping: escaping) }
    } else if !Self.isPlain(value) {
      try Self.rejectSpecial(value)
    }
  }

  static func elements<S: Sequence>(of sequence: S) -> [Any] { sequence.map { $0 } }

  // MARK: - Lookup

  func resolve(_ lookup: CompiledTemplate.Lookup, _ position: Position?) throws -> Any? {
    var found: Any?
    switch lookup.root {
    case .top:
      found = stack.last!
    case .position:
      found = position
    case .anchored(let names):
      found = try descend(names[...], from: stack.last!)
    case .stack(let names):
      for object in stack.reversed() {
        if let child = try Self.child(names[0], of: object) {
          found = try descend(names.dropFirst(), from: child)
          break
        }
      }
    }
    guard var value = found else { return nil }
    if !Self.isPlain(value) { try Self.rejectSpecial(value) }
    for name in lookup.transforms {
      if let place = value as? Position {
        guard let next = place.transform(name) else { return nil }
        value = next
      } else if let transformable = value as? MustacheTransformable, let next = transformable.transform(name) {
        value = next
      } else {
        return nil
      }
    }
    return value
  }

  func descend(_ names: ArraySlice<String>, from object: Any) throws -> Any? {
    var object = object
    for name in names {
      if object is MustacheLambda { throw CompiledTemplate.Unsupported() }
      guard let child = try Self.child(name, of: object) else { return nil }
      object = child
    }
    return object
  }

  /// `name` inside `object`, as swift-mustache's `_getImmediateChild` finds it. The boxed
  /// tree is dictionaries; the exact-type checks keep `[String: String]` (the strings table)
  /// from being converted to `[String: Any]` on every probe.
  static func child(_ name: String, of object: Any) throws -> Any? {
    let type = Swift.type(of: object)
    if type == [String: Any].self { return (object as! [String: Any])[name] }
    if type == [String: String].self { return (object as! [String: String])[name] }
    if type == String.self || type == Int.self || type == Bool.self || type == [Any].self { return nil }
    if object is MustacheCustomRepresentation { throw CompiledTemplate.Unsupported() }
    if let parent = object as? MustacheParent { return parent.child(named: name) }
    guard let match = Mirror(reflecting: object).children.first(where: { $0.label == name }) else { return nil }
    let inner = Mirror(reflecting: match.value)
    guard inner.displayStyle == .optional else { return match.value }
    return inner.children.first?.value
  }

  /// The types the boxed tree is made of, which need none of swift-mustache's special cases.
  static func isPlain(_ value: Any) -> Bool {
    let type = Swift.type(of: value)
    return type == String.self || type == [String: Any].self || type == [Any].self || type == Int.self || type == Bool.self
      || type == [String: String].self
  }

  static func rejectSpecial(_ value: Any) throws {
    if value is MustacheLambda || value is MustacheTemplate || value is MustacheCustomRenderable
      || value is MustacheCustomRepresentation || value is OptionalValue
    {
      throw CompiledTemplate.Unsupported()
    }
  }

  // MARK: - Output

  mutating func write(_ value: Any, _ escaping: CompiledTemplate.Escaping) throws {
    let text: String
    if let string = value as? String {
      text = string
    } else if let number = value as? Int {
      text = String(number)
    } else if let flag = value as? Bool {
      text = flag ? "true" : "false"
    } else {
      try Self.rejectSpecial(value)
      text = String(describing: value)
    }
    switch escaping {
    case .none: out.append(contentsOf: text.utf8)
    case .bytes: escapeBytes(text)
    case .characters: escapeCharacters(text)
    }
  }

  mutating func escapeBytes(_ text: String) { HTML.appendEscaped(text, to: &out) }


  /// swift-mustache's own escaping compares whole Characters, so a `<` carrying a combining
  /// mark is left alone; only text with one of the five bytes needs the slow walk.
  mutating func escapeCharacters(_ text: String) {
    guard text.utf8.contains(where: HTML.isSpecial) else { return out.append(contentsOf: text.utf8) }
    for c in text {
      switch c {
      case "<": out.append(contentsOf: "&lt;".utf8)
      case ">": out.append(contentsOf: "&gt;".utf8)
      case "&": out.append(contentsOf: "&amp;".utf8)
      case "\"": out.append(contentsOf: "&quot;".utf8)
      case "'": out.append(contentsOf: "&#39;".utf8)
      default: out.append(contentsOf: String(c).utf8)
      }
    }
  }
}

/// Any Optional, which swift-mustache unwraps before printing; such a value makes the page
/// fall back.
private protocol OptionalValue {}
extension Optional: OptionalValue {}
