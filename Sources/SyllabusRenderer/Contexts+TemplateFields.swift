// Hand-written dictionaries for the view models on every page (the layout and what it holds)
// and on the most numerous page (questions). Reflection builds the rest; a unit test checks
// each list below against the type's stored properties, so a new field cannot be forgotten.
// Front-matter fields are not listed here: each kind's declaration (`Question.fields`) hands
// them to its page's template (`SiteRenderer.render(_:showing:with:)`).

/// A view model that turns itself into the dictionary the templates read.
protocol TemplateFields {
  var templateFields: [String: Any] { get }
}

extension Dictionary where Key == String, Value == Any {
  /// Sets `key` only when there is a value: a missing key renders like nil.
  fileprivate mutating func set(_ key: String, _ value: Any?) {
    if let value { self[key] = value }
  }
}

extension LinkView: TemplateFields {
  var templateFields: [String: Any] { ["title": title, "url": url] }
}

extension NavTopic: TemplateFields {
  var templateFields: [String: Any] { ["number": number, "title": title, "url": url, "current": current] }
}

extension NavLayer: TemplateFields {
  var templateFields: [String: Any] {
    var out: [String: Any] = ["title": title, "color": color, "topics": topics.map(\.templateFields)]
    out.set("collapsedURL", collapsedURL)
    out.set("collapsedText", collapsedText)
    return out
  }
}

extension TOCEntry: TemplateFields {
  var templateFields: [String: Any] { ["text": text, "id": id, "sub": sub] }
}

extension HintView: TemplateFields {
  var templateFields: [String: Any] { ["number": number, "total": total, "html": html] }
}

extension QuestionItem: TemplateFields {
  var templateFields: [String: Any] {
    var out: [String: Any] = ["title": title, "url": url, "level": level, "topicTitle": topicTitle]
    out.set("tldr", tldr)
    return out
  }
}

extension HeaderContext: TemplateFields {
  var templateFields: [String: Any] {
    ["siteTitle": siteTitle, "homeURL": homeURL, "headerLinks": headerLinks.map(\.templateFields),
     "searchURL": searchURL]
  }
}

extension SidebarContext: TemplateFields {
  var templateFields: [String: Any] { ["nav": nav.map(\.templateFields)] }
}

extension LayoutContext: TemplateFields {
  var templateFields: [String: Any] {
    var out: [String: Any] = [
      "root": root, "lang": lang, "siteTitle": siteTitle, "pageTitle": pageTitle, "description": description,
      "kind": kind, "homeURL": homeURL, "headerHTML": headerHTML, "sidebarHTML": sidebarHTML,
      "breadcrumbs": breadcrumbs.map(\.templateFields), "hasBreadcrumbs": hasBreadcrumbs, "toc": toc.map(\.templateFields),
      "hasTOC": hasTOC, "hasPager": hasPager, "isHome": isHome, "contentHTML": contentHTML,
      "shareType": shareType,
    ]
    out.set("canonical", canonical)
    out.set("mathStylesheet", mathStylesheet)
    out.set("prev", prev?.templateFields)
    out.set("next", next?.templateFields)
    return out
  }
}

extension QuestionContext: TemplateFields {
  var templateFields: [String: Any] {
    var out: [String: Any] = [
      "root": root, "topicTitle": topicTitle, "topicURL": topicURL, "levelTitle": levelTitle,
      "levelURL": levelURL, "tags": tags.map(\.templateFields), "hints": hints.map(\.templateFields),
      "hasHints": hasHints, "key": key,
    ]
    out.set("introHTML", introHTML)
    out.set("answerHTML", answerHTML)
    out.set("pitfallsHTML", pitfallsHTML)
    out.set("followUpsHTML", followUpsHTML)
    out.set("rubricHTML", rubricHTML)
    return out
  }
}
