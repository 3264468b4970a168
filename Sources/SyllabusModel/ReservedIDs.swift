/// Element ids the templates use themselves, which a heading id must never repeat. Not written
/// down by hand: TemplateSet reads them from the templates in use (`id="main"`), and an id
/// built from a value (`id="hint-{{number}}"`) reserves its prefix followed by digits.
public struct ReservedIDs: Sendable, Hashable {
  public var exact: Set<String>
  public var numberedPrefixes: Set<String>

  public init(exact: Set<String> = [], numberedPrefixes: Set<String> = []) {
    self.exact = exact
    self.numberedPrefixes = numberedPrefixes
  }

  public func contains(_ id: String) -> Bool {
    if exact.contains(id) { return true }
    return numberedPrefixes.contains { prefix in
      id.hasPrefix(prefix) && id.count > prefix.count && id.dropFirst(prefix.count).allSatisfy(\.isNumber)
    }
  }

  /// The literal ids in `text` (`id="x"`), and the prefixes of `id="x-{{…}}"`.
  public static func scan(_ text: String) -> ReservedIDs {
    var out = ReservedIDs()
    var rest = text[...]
    while let open = rest.range(of: "id=\"") {
      guard let close = rest[open.upperBound...].firstIndex(of: "\"") else { break }
      let value = rest[open.upperBound..<close]
      if let brace = value.range(of: "{{") {
        if brace.lowerBound > value.startIndex { out.numberedPrefixes.insert(String(value[..<brace.lowerBound])) }
      } else if !value.isEmpty {
        out.exact.insert(String(value))
      }
      rest = rest[rest.index(after: close)...]
    }
    return out
  }
}
