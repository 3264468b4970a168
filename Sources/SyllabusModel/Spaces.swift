extension Substring {
  /// The text without leading and trailing spaces and tabs (Unicode space separators
  /// included), like Foundation's `trimmingCharacters(in: .whitespaces)` but without its trip
  /// through NSString, which made trimming a visible cost of reading front matter. Text that
  /// starts and ends with a visible ASCII character, most of it, is returned as it is.
  public func trimmingSpaces() -> String {
    func isSpace(_ scalar: Unicode.Scalar) -> Bool {
      scalar == " " || scalar == "\t" || (scalar.value >= 0x80 && scalar.properties.generalCategory == .spaceSeparator)
    }
    let scalars = unicodeScalars
    guard let first = scalars.first, let last = scalars.last, isSpace(first) || isSpace(last) else { return String(self) }
    guard let start = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
    let end = scalars.lastIndex(where: { !isSpace($0) })!
    return String(Substring(scalars[start...end]))
  }
}

extension String {
  /// See `Substring.trimmingSpaces()`.
  public func trimmingSpaces() -> String { self[...].trimmingSpaces() }
}
