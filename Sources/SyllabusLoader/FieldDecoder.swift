import SyllabusModel

/// Decoding driven by a kind's field declaration (`FrontMatterKind.fields`): one switch over
/// the value types, so a new field needs no decoding code of its own.
extension KindDecoders {
  /// Reads every declared field of `item`'s kind into it, reporting problems at the values;
  /// false when a required field is missing or invalid. `custom` fields are left to the
  /// caller, and so is `finish` (the unknown-key warning), which must come after them.
  static func decodeFields<Kind: FrontMatterKind>(
    _ f: inout YAMLFields, into item: inout Kind, id: String, examples: Examples, diagnostics: inout [Diagnostic]
  ) -> Bool {
    var complete = true
    for field in Kind.fields {
      let name = field.name, example = examples.fill(field.example, id: id)
      switch field.value {
      case .fileID, .custom:
        continue
      case .text(let path):
        item[keyPath: path] = f.string(name, required: field.required, example: example)
        if field.required && item[keyPath: path] == nil { complete = false }
      case .requiredText(let path):
        if let text = f.string(name, required: true, example: example) { item[keyPath: path] = text } else { complete = false }
      case .textOrDefault(let path):
        if let text = f.string(name, example: example) { item[keyPath: path] = text }
      case .reference(let path):
        if let value = f.locatedString(name, required: field.required, example: example) {
          item[keyPath: path] = value
        } else if field.required {
          complete = false
        }
      case .number(let path):
        item[keyPath: path] = example.isEmpty ? f.int(name) : f.int(name, example: example)
      case .flag(let path):
        if let flag = f.bool(name) { item[keyPath: path] = flag }
      case .texts(let path):
        if let list = f.stringList(name, example: example) { item[keyPath: path] = list.map(\.value) }
      case .labels(let path):
        if let list = f.stringList(name, example: example) { item[keyPath: path] = list }
      case .references(let path, let what):
        item[keyPath: path] = ids(f.stringList(name, example: example), what: what, diagnostics: &diagnostics)
      case .optionalReferences(let path, let what):
        item[keyPath: path] = f.stringList(name, example: example).map { ids($0, what: what, diagnostics: &diagnostics) }
      }
    }
    return complete
  }
}

extension KindDecoders.Examples {
  /// A declared example with its `{…}` placeholders replaced by this file's and this guide's
  /// ids (see `FrontMatterField.example`). Most examples have none and are returned as they are.
  func fill(_ template: String, id: String) -> String {
    guard template.utf8.contains(UInt8(ascii: "{")) else { return template }
    var out = "", rest = template[...]
    while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
      out += rest[..<open]
      switch rest[rest.index(after: open)..<close] {
      case "title": out += Identifier.title(of: id)
      case "topic": out += topic
      case "other_topic": out += otherTopic
      case "layer": out += layer
      case "level": out += level
      case "path": out += path
      default: out += rest[open...close]
      }
      rest = rest[rest.index(after: close)...]
    }
    return out + rest
  }
}
