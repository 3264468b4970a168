import XCTest

@testable import SyllabusRenderer

/// The dependency map's layout: crossing minimisation and routing around boxes.
final class MapLayoutTests: XCTestCase {
  /// Layered graphs shaped like guides: rows of topics, arrows to earlier topics, some within
  /// a row and some skipping rows. Seeded, so every run sees the same graphs.
  func randomGraph(seed: UInt64, rows: Int, perRow: Int) -> (rows: [[String]], edges: [(String, String)]) {
    var state = seed
    func next(_ bound: Int) -> Int {
      state = state &* 6364136223846793005 &+ 1442695040888963407
      return Int((state >> 33) % UInt64(bound))
    }
    let ids = (0..<(rows * perRow)).map { "t\($0)" }
    let grid = (0..<rows).map { r in Array(ids[(r * perRow)..<((r + 1) * perRow)]) }
    var edges: [(String, String)] = []
    for (i, id) in ids.enumerated() where i > 0 {
      var seen = Set<Int>()
      for _ in 0..<(1 + next(3)) {
        let j = max(0, i - 1 - next(min(i, 3 * perRow)))
        if j < i, seen.insert(j).inserted { edges.append((ids[j], id)) }
      }
    }
    return (grid, edges)
  }

  func testMinimisationNeverAddsCrossingsAndUsuallyRemovesSome() {
    var initial = 0, optimised = 0
    for seed in 1...40 {
      let g = randomGraph(seed: UInt64(seed), rows: 4, perRow: 3 + seed % 5)
      let before = MapLayout(rows: g.rows, edges: g.edges, optimise: false).crossings
      let after = MapLayout(rows: g.rows, edges: g.edges).crossings
      XCTAssertLessThanOrEqual(after, before, "seed \(seed)")
      initial += before
      optimised += after
    }
    XCTAssertLessThan(optimised, initial * 3 / 4, "minimisation removed too little: \(initial) → \(optimised)")
  }

  func testATopicInsideAnArcMovesOutOfIt() {
    // x receives an arrow from above; the arc a → c over the row would cross it if x sat between.
    let rows = [["p"], ["a", "x", "c"]]
    let edges = [("p", "x"), ("a", "c")]
    XCTAssertEqual(MapLayout(rows: rows, edges: edges, optimise: false).crossings, 1)
    let layout = MapLayout(rows: rows, edges: edges)
    XCTAssertEqual(layout.crossings, 0)
    XCTAssertEqual(layout.drawnCrossings(), 0)
  }

  func testCrossedPairsUncross() {
    // Study order puts b before a, but a's prerequisite is left of b's.
    let rows = [["p", "q"], ["b", "a"], ["y", "x"]]
    let edges = [("p", "a"), ("q", "b"), ("a", "x"), ("b", "y"), ("p", "x")]
    let layout = MapLayout(rows: rows, edges: edges)
    XCTAssertEqual(layout.crossings, 0)
    XCTAssertEqual(layout.drawnCrossings(), 0)
    XCTAssertLessThan(layout.positions["a"]!.x, layout.positions["b"]!.x)
  }

  func testArrowsThatSkipRowsRunBetweenBoxes() {
    for seed in 1...20 {
      let g = randomGraph(seed: UInt64(seed), rows: 4, perRow: 5)
      let layout = MapLayout(rows: g.rows, edges: g.edges)
      let boxes = Array(layout.positions.values)
      for route in layout.routes {
        for point in route.points.dropFirst().dropLast() {
          let hit = boxes.first { b in
            b.x - 2 <= point.x && point.x <= b.x + MapLayout.boxWidth + 2
              && b.y - 10 <= point.y && point.y <= b.y + MapLayout.boxHeight + 10
          }
          XCTAssertNil(hit, "seed \(seed): \(route.from) → \(route.to) passes through a box at \(point)")
        }
      }
    }
  }

  func testLayoutIsDeterministicAndKeepsEveryTopicAndArrow() {
    let g = randomGraph(seed: 99, rows: 4, perRow: 6)
    let a = MapLayout(rows: g.rows, edges: g.edges), b = MapLayout(rows: g.rows, edges: g.edges)
    XCTAssertEqual(a.positions, b.positions)
    XCTAssertEqual(a.routes.map(\.points), b.routes.map(\.points))
    XCTAssertEqual(Set(a.positions.keys), Set(g.rows.joined()))
    XCTAssertEqual(a.routes.count, g.edges.count)
  }
}
