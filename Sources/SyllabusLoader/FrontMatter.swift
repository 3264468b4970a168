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
    var lineNumber = 1
    var yamlLines: [Substring] = []
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
    lines = lines.dropFirst()
    while let line = lines.first {
      lines = lines.dropFirst()
      lineNumber += 1
      if line == "---" || line == "..." {
        let body = lines.joined(separator: "\n")
        return .success(FrontMatter(yaml: yamlLines.joined(separator: "\n"), yamlFirstLine: 2, body: body, bodyFirstLine: lineNumber + 1))
      }
      yamlLines.append(line)
    }
    return .failure(.error(start, "front matter is never closed; add a `---` line after the last YAML field"))
  }
}
