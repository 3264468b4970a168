/// One front-matter field of a content kind, declared once beside the kind's type (see
/// `Question.fields` in Content.swift), or one top-level key of guide.yml (`Guide.fields`).
/// The loader decodes and checks a field from this, the unknown-key warning lists the
/// declared names, the page view hands the value to templates under `template`, and
/// docs/content-format.md's tables are generated from it (a test keeps them in step).
public struct FrontMatterField<Root>: @unchecked Sendable {
  public var name: String
  public var value: Value
  public var required: Bool
  /// The default in words, for the docs table; empty when the field has none.
  public var defaultText: String
  /// The key templates read the value under on the kind's own page; nil when the page shows
  /// it only through something the renderer derives (a tag's link, a level's title).
  public var template: String?
  /// The example in a hint (`add e.g. level: beginner`). `{id}`, `{title}`, `{topic}`,
  /// `{other_topic}`, `{layer}`, `{level}` and `{path}` become this file's and this guide's own.
  public var example: String
  /// What the field means, for the docs table (Markdown).
  public var meaning: String

  /// How the field is read and where it is stored. Key paths, not closures: a declaration is
  /// data the loader, the renderer and the docs test all read.
  public enum Value {
    /// The file's own id: accepted for compatibility, but the id comes from the file name.
    case fileID
    /// Text; a required one is stored non-optional.
    case text(WritableKeyPath<Root, String?>)
    case requiredText(WritableKeyPath<Root, String>)
    /// Text stored non-optional that keeps the value the kind starts with when absent
    /// (guide.yml's `description`, `language`).
    case textOrDefault(WritableKeyPath<Root, String>)
    /// An id of something else, kept with where it was written so later stages can point at it.
    case reference(WritableKeyPath<Root, Located<String>>)
    case number(WritableKeyPath<Root, Int?>)
    case flag(WritableKeyPath<Root, Bool>)
    case texts(WritableKeyPath<Root, [String]>)
    /// Free-text labels, each with its location.
    case labels(WritableKeyPath<Root, [Located<String>]>)
    /// Ids of `what` (each checked against the id rule).
    case references(WritableKeyPath<Root, [Located<String>]>, what: String)
    /// As `references`, but absent (nil) differs from empty.
    case optionalReferences(WritableKeyPath<Root, [Located<String>]?>, what: String)
    /// Read by the kind's own decoder (a path's `plan` and `weeks`).
    case custom(type: String)
  }

  public init(
    _ name: String, _ value: Value, required: Bool = false, default defaultText: String = "", template: String? = nil,
    example: String = "", meaning: String
  ) {
    self.name = name
    self.value = value
    self.required = required
    self.defaultText = defaultText
    self.template = template
    self.example = example
    self.meaning = meaning
  }

  /// The field's type in words, for the docs table.
  public var typeName: String {
    switch value {
    case .fileID: return "id"
    case .text, .requiredText, .textOrDefault: return "text"
    case .reference: return "id"
    case .number: return "whole number"
    case .flag: return "`true` or `false`"
    case .texts, .labels: return "list of text"
    case .references, .optionalReferences: return "list of ids"
    case .custom(let type): return type
    }
  }

  /// The value as templates see it: plain strings, numbers, booleans and lists of strings
  /// (never `Located`), or nil when unset.
  public func templateValue(of root: Root) -> Any? {
    switch value {
    case .fileID, .custom: return nil
    case .text(let path): return root[keyPath: path]
    case .requiredText(let path), .textOrDefault(let path): return root[keyPath: path]
    case .reference(let path): return root[keyPath: path].value
    case .number(let path): return root[keyPath: path]
    case .flag(let path): return root[keyPath: path]
    // Lists as `[Any]`, the shape the renderer's boxing gives every other array.
    case .texts(let path): return root[keyPath: path].map { $0 as Any }
    case .labels(let path), .references(let path, _): return root[keyPath: path].map { $0.value as Any }
    case .optionalReferences(let path, _): return root[keyPath: path]?.map { $0.value as Any }
    }
  }
}

/// A content kind whose front matter is declared field by field.
public protocol FrontMatterKind {
  static var fields: [FrontMatterField<Self>] { get }
}

extension FrontMatterKind {
  /// The declared field names, in declaration order: what the unknown-key warning lists.
  public static var fieldNames: [String] { fields.map(\.name) }

  /// The fields templates read, as a plain dictionary (a hash probe per lookup, no reflection).
  public var templateView: [String: Any] {
    var out: [String: Any] = [:]
    for field in Self.fields {
      if let key = field.template, let value = field.templateValue(of: self) { out[key] = value }
    }
    return out
  }
}

extension FrontMatterKind {
  /// The kind's fields as the Markdown table in docs/content-format.md (a test compares them;
  /// the file's id is left out, as it comes from the file name). A kind no template reads by
  /// field (guide.yml) has no "templates see" column.
  public static var fieldTable: String {
    let templates = fields.contains { $0.template != nil }
    var rows = templates
      ? ["| field | type | required | default | templates see | meaning |", "|---|---|---|---|---|---|"]
      : ["| field | type | required | default | meaning |", "|---|---|---|---|---|"]
    for field in fields {
      if case .fileID = field.value { continue }
      let template = templates ? " \(field.template.map { "`\($0)`" } ?? "—") |" : ""
      rows.append("| `\(field.name)` | \(field.typeName) | \(field.required ? "yes" : "no") | \(field.defaultText.isEmpty ? "—" : field.defaultText) |\(template) \(field.meaning) |")
    }
    return rows.joined(separator: "\n")
  }
}
