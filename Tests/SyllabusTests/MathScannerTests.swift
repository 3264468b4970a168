import XCTest

@testable import SyllabusMarkdown
@testable import SyllabusModel

/// GitHub's math delimiters, and the shapes that trip other tools (prices, escaped dollars,
/// code spans, fences, blank lines), pinned one rule per test.
final class MathScannerTests: XCTestCase {
  private func scan(_ text: String, firstLine: Int = 1) -> MathScanner.Result {
    MathScanner.protect(MarkdownSource(path: "t.md", displayPath: "t.md", text: text, firstLine: firstLine))
  }

  private func tex(_ text: String) -> [String] { scan(text).formulas.map(\.tex) }

  func testInlineDollarsAreMath() {
    XCTAssertEqual(tex("Energy $E = mc^2$ and $x$."), ["E = mc^2", "x"])
    XCTAssertEqual(scan("a $x$ b").formulas.map(\.display), [false])
  }

  func testPricesStayDollars() {
    XCTAssertEqual(tex("It costs $4,500 a day."), [])
    XCTAssertEqual(tex("Between $5 and $10 a seat."), [])
    XCTAssertEqual(tex("From $20,000 to USD$30,000."), [])
    XCTAssertEqual(tex("I pay $20 now and $ later."), [])
    XCTAssertEqual(tex("It is 2$ here, not 1$."), [])
    XCTAssertEqual(scan("It costs $4,500 a day.").text, "It costs $4,500 a day.")
  }

  func testAPriceBeforeAFormulaLeavesTheFormulaAlone() {
    XCTAssertEqual(tex("It costs $4,500 a day and $n$ days."), ["n"])
  }

  func testOpeningDollarFollowedBySpaceAndClosingPrecededBySpaceAreNotMath() {
    XCTAssertEqual(tex("a $ x$ b"), [])
    XCTAssertEqual(tex("a $x $ b"), [])
  }

  func testClosingDollarFollowedByDigitIsNotMath() {
    XCTAssertEqual(tex("a $x$5 b"), [])
    XCTAssertEqual(tex("the $n$-th token"), ["n"])
  }

  func testEscapedDollarsAreDollars() {
    XCTAssertEqual(tex(#"Pay \$5 and \$6."#), [])
    XCTAssertEqual(tex(#"The set $\{x \mid x > \$1\}$ here"#), [#"\{x \mid x > \$1\}"#])
  }

  func testBacktickDollarFormIsVerbatim() {
    XCTAssertEqual(tex("see $`a_1 * b_2`$ here"), ["a_1 * b_2"])
    XCTAssertEqual(tex("see $`` a`b ``$ here"), ["a`b"])
  }

  func testCodeSpansAndFencesHideDollars() {
    XCTAssertEqual(tex("run `echo $HOME $PATH` now"), [])
    XCTAssertEqual(tex("```\n$x$\n```\nand $y$"), ["y"])
    XCTAssertEqual(tex("~~~~\n$x$\n~~~\n$z$\n~~~~\n$y$"), ["y"])
    XCTAssertEqual(tex("costs $5 and `code` then $6"), [])
    XCTAssertEqual(tex("a dollar $`code` span"), [])
    XCTAssertEqual(tex("- item\n  ```\n  $x$\n  ```\n- ```sh\n  echo $a $b\n  ```\n\n1. ```\n   $y$\n   ```"), [])
  }

  func testIndentedCodeHidesDollars() {
    // GitHub shows these as code: four columns of indentation after a blank line, a heading
    // or the start, and the blank or deep lines after it.
    XCTAssertEqual(tex("Text.\n\n    echo $HOME $x$\n\n    $y$\nand $z$"), ["z"])
    XCTAssertEqual(tex("    $a$\n\tb $c$ d\n\n$e$"), ["e"])
    XCTAssertEqual(tex("# Title\n    cost = $5 + $x$"), [])
    XCTAssertEqual(tex("- item\n\n      $x$ in the item's code\n\n- $y$"), ["y"])
    XCTAssertEqual(scan("Text.\n\n    $x$\n").text, "Text.\n\n    $x$\n")
  }

  func testIndentationThatIsNotCodeKeepsMath() {
    // A paragraph's indented continuation line, and a list item's own paragraphs, are text.
    XCTAssertEqual(tex("Text\n    and $x$ here"), ["x"])
    XCTAssertEqual(tex("1. first\n\n    second paragraph $x$"), ["x"])
    XCTAssertEqual(tex("- a\n\n    - nested $x$\n\n      $y$ in it"), ["x", "y"])
  }

  func testDisplayMathInlineAndOnItsOwnLines() {
    XCTAssertEqual(scan("so $$a+b$$ is").formulas.map(\.display), [true])
    let block = scan("text\n\n$$\n\\frac{a}{b}\n$$\n\nmore")
    XCTAssertEqual(block.formulas.map(\.tex), ["\n\\frac{a}{b}\n"])
    XCTAssertEqual(block.formulas.map(\.display), [true])
  }

  func testEmptyDelimitersAreText() {
    XCTAssertEqual(tex("aaa $$ bbb"), [])
    XCTAssertEqual(tex("a $$   $$ b"), [])
  }

  func testNoFormulaCrossesABlankLine() {
    XCTAssertEqual(tex("a $x\n\ny$ b"), [])
    XCTAssertEqual(tex("$$\na\n\nb\n$$"), [])
  }

  func testBackslashesUnderscoresAndStarsStayTeX() {
    XCTAssertEqual(tex(#"$a_i * b_j \\ c$"#), [#"a_i * b_j \\ c"#])
  }

  func testTokensKeepLinesAndColumns() {
    let text = "a $x + y + z$ [l](b.md)\n$$\nx\n$$\nafter"
    let result = scan(text)
    let lines = result.text.split(separator: "\n", omittingEmptySubsequences: false)
    XCTAssertEqual(lines.count, 5, "a formula over lines leaves one line per line")
    XCTAssertEqual(lines[0].utf8.count, "a $x + y + z$ [l](b.md)".utf8.count, "a token is as wide as its formula")
    XCTAssertEqual(lines[4], "after")
    // Shorter than the shortest token (7 bytes): the rest of the line moves right by the difference.
    XCTAssertEqual(scan("$x$ b").text.utf8.count, 7 + 2)
  }

  func testLocationsPointAtTheTeXInTheFile() {
    let result = scan("first\nsee $\\frac{a}{b$ now\n> $$\n> a +\n> \\sqrt[3}\n> $$", firstLine: 5)
    XCTAssertEqual(result.formulas.count, 2)
    let inline = result.formulas[0]
    XCTAssertEqual(inline.location, SourceLocation(file: "t.md", line: 6, column: 5))
    XCTAssertEqual(inline.location(ofUTF16Offset: 10), SourceLocation(file: "t.md", line: 6, column: 16))
    let quoted = result.formulas[1]
    XCTAssertEqual(quoted.tex, "\na +\n\\sqrt[3}\n")
    XCTAssertEqual(quoted.location(ofUTF16Offset: 12), SourceLocation(file: "t.md", line: 9, column: 10))
  }

  func testFillReplacesTokensAndDropsContinuations() {
    let result = scan("a $x$ b\n$$\ny\n$$ c")
    let filled = TypesetMark.fill(result.text) { ["X", "Y"][$0] }
    XCTAssertEqual(filled, "a X b\nY c")
    XCTAssertEqual(TypesetMark.fill("no tokens") { _ in "?" }, "no tokens")
  }
}
