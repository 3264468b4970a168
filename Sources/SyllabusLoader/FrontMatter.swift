import SyllabusModel

/// A Markdown file split at its front matter: the YAML between the opening and closing `---`
/// lines, and the body after them, each with the 1-based line it starts on.
struct FrontMatter {
  var yaml: String
  var yamlFirstLine: Int
  var body: String
  var bodyFirstLine: Int

  static func split(_ text: String, file: String) -> Result<FrontMatter, Diagnostic> {
    let start = SourceLocation(file: file)
    guard text.hasPrefix("---\n") || text == "---" else {
      if text.isEmpty {
        return .failure(.error(start, "file is empty; it needs front matter between `---` lines, at least a `title:`"))
      }
      return .failure(.error(start, "missing front matter; start the file with a `---` line, the YAML fields, then another `---` line"))
    }
    // Find the closing `---` (or `...`) line without splitting the whole body into lines.
    let utf8 = text.utf8
    var lineStart = utf8.index(utf8.startIndex, offsetBy: 4, limitedBy: utf8.endIndex) ?? utf8.endIndex
    var lineNumber = 2
    while lineStart < utf8.endIndex {
      let lineEnd = utf8[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? utf8.endIndex
      let line = utf8[lineStart..<lineEnd]
      if line.elementsEqual("---".utf8) || line.elementsEqual("...".utf8) {
        let yamlStart = utf8.index(utf8.startIndex, offsetBy: 4)
        let yaml = String(text[yamlStart..<lineStart].dropLast())  // without its last newline
        let bodyStart = lineEnd < utf8.endIndex ? utf8.index(after: lineEnd) : lineEnd
        return .success(FrontMatter(yaml: yaml, yamlFirstLine: 2, body: String(text[bodyStart...]), bodyFirstLine: lineNumber + 1))
      }
      guard lineEnd < utf8.endIndex else { break }
      lineStart = utf8.index(after: lineEnd)
      lineNumber += 1
    }
    return .failure(.error(start, "front matter is never closed; add a `---` line after the last YAML field"))
  }
}
