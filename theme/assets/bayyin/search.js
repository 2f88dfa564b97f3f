/* The search page: reads the static index that generator/pages/search_index.py writes beside the
 * page (manifest.json, then only the term chunks and result shards a query needs) and shows
 * the results as cards. The query and the filters are in the page's address (?q=&rating=),
 * so a result list can be linked and the header's search box (a plain form) lands here.
 *
 * `terms` is a port of generator/content/search_text.py and search_ar.py (the references); a browser
 * test checks that both agree on every word of the built site. English words are stemmed by
 * snowball-english.js (loaded before this file). Results are built with textContent only.
 */
(function () {
  "use strict"

  var MARKS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640]/g
  var FOLD = { "\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",
               "\u0649": "\u064a", "\u0629": "\u0647" }
  var FOLDED = /[\u0623\u0625\u0622\u0671\u0649\u0629\u0660-\u0669\u06f0-\u06f9]/g
  var POSSESSIVE = /['\u2019]s(?![\p{L}\p{N}_])/gu
  var WORD = /[\p{L}\p{N}]+/gu
  var ARABIC_LETTER = /[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff]/
  var ASCII_WORD = /^[a-z0-9]+$/
  var CONJUNCTIONS = "\u0648\u0641", PREPOSITIONS = "\u0628\u0643\u0644"
  var ARTICLE = "\u0627\u0644", LAM_ARTICLE = "\u0644\u0644"
  var MIN_STEM = 3, LONG_STEM = 5

  function foldChar(char) {
    var code = char.charCodeAt(0)
    if (code >= 0x0660 && code <= 0x0669) return String(code - 0x0660)
    if (code >= 0x06f0 && code <= 0x06f9) return String(code - 0x06f0)
    return FOLD[char]
  }

  function fold(text) {
    return text.toLowerCase().replace(MARKS, "").replace(FOLDED, foldChar)
  }

  function words(text) {
    return fold(text).replace(POSSESSIVE, "").match(WORD) || []
  }

  function length(text) { return Array.from(text).length }

  function stripArticle(word) {
    return word.indexOf(ARTICLE) === 0 && length(word) - 2 >= MIN_STEM ? word.slice(2) : word
  }

  function strips(rest, known) {
    var n = length(rest)
    return n >= LONG_STEM || (n >= MIN_STEM && known.has(rest))
  }

  function normalizeArabic(word, known) {
    if (CONJUNCTIONS.indexOf(word.charAt(0)) >= 0 && word && strips(word.slice(1), known)) {
      word = word.slice(1)
    }
    if (word.indexOf(LAM_ARTICLE) === 0 && length(word) - 2 >= MIN_STEM) return word.slice(2)
    if (PREPOSITIONS.indexOf(word.charAt(0)) >= 0 && word && strips(word.slice(1), known)) {
      word = word.slice(1)
    }
    return stripArticle(word)
  }

  function term(word, known, variants) {
    var stem = word
    if (ARABIC_LETTER.test(word)) stem = normalizeArabic(word, known)
    else if (ASCII_WORD.test(word)) stem = self.bayyinStemEnglish(word)
    return Object.prototype.hasOwnProperty.call(variants, stem) ? variants[stem] : stem
  }

  function terms(text, known, variants) {
    return words(text).map(function (word) { return term(word, known, variants || {}) })
  }

  self.bayyinSearch = { terms: terms, words: words }

  /* --- the index --------------------------------------------------------------------- */

  function undoGaps(gaps) {
    var out = [], total = 0
    for (var i = 0; i < gaps.length; i++) { total += gaps[i]; out.push(total) }
    return out
  }

  function Index(base) {
    this.base = base
    this.files = {}
  }
  Index.prototype.get = function (name) {
    var url = new URL(name, this.base)
    if (this.manifest) url.searchParams.set("v", this.manifest.v)
    if (!this.files[name]) {
      this.files[name] = fetch(url.href).then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + url.pathname)
        return response.json()
      })
    }
    return this.files[name]
  }
  Index.prototype.open = function () {
    var index = this
    return this.get("manifest.json").then(function (manifest) {
      index.manifest = manifest
      index.known = new Set(manifest.known)
      return index
    })
  }
  Index.prototype.chunkOf = function (name) {
    var chars = Array.from(name)
    for (var n = chars.length; n > 0; n--) {
      var key = chars.slice(0, n).join("")
      if (Object.prototype.hasOwnProperty.call(this.manifest.chunks, key)) {
        return "c/" + this.manifest.chunks[key] + ".json"
      }
    }
    return null
  }
  /* The documents matching `query` and `filters`, best first (as search_index.search). */
  Index.prototype.search = function (query, filters) {
    var index = this, manifest = this.manifest, limits = manifest.limits
    var names = []
    terms(query.slice(0, limits.query), this.known, manifest.variants).forEach(function (name) {
      if (names.indexOf(name) < 0) names.push(name)
    })
    names = names.slice(0, limits.terms)
    var lookups = names.map(function (name) {
      var chunk = index.chunkOf(name)
      if (!chunk) return Promise.resolve({})
      return index.get(chunk).then(function (postings) {
        var found = {}
        if (!Object.prototype.hasOwnProperty.call(postings, name)) return found
        undoGaps(postings[name][0]).forEach(function (doc) { found[doc] = limits.title })
        undoGaps(postings[name][1]).forEach(function (doc) { found[doc] = 1 })
        return found
      })
    })
    var facets = Object.keys(filters).sort().filter(function (facet) { return filters[facet] })
    var allowed = facets.map(function (facet) {
      var value = filters[facet]
      var known = (manifest.facets[facet] || []).some(function (entry) { return entry[0] === value })
      if (!known) return Promise.resolve(new Set())
      return index.get("f/" + facet + "-" + value + ".json").then(function (gaps) {
        return new Set(undoGaps(gaps))
      })
    })
    return Promise.all([Promise.all(lookups), Promise.all(allowed)]).then(function (found) {
      var scores = null
      found[0].forEach(function (docs) {
        if (scores === null) { scores = docs; return }
        var next = {}
        Object.keys(scores).forEach(function (doc) {
          if (doc in docs) next[doc] = scores[doc] + docs[doc]
        })
        scores = next
      })
      if (scores === null) {
        scores = {}
        if (facets.length) for (var doc = 0; doc < manifest.count; doc++) scores[doc] = 0
      }
      var ranked = Object.keys(scores).map(Number).filter(function (doc) {
        return found[1].every(function (set) { return set.has(doc) })
      })
      ranked.sort(function (a, b) { return scores[b] - scores[a] || a - b })
      return ranked
    })
  }
  Index.prototype.records = function (docs) {
    var index = this, shard = this.manifest.shard
    return Promise.all(docs.map(function (doc) {
      return index.get("r/" + Math.floor(doc / shard) + ".json").then(function (records) {
        return records[doc % shard]
      })
    }))
  }

  /* --- the page ------------------------------------------------------------------------ */

  var form = document.querySelector("form[data-bayyin-search]")
  if (!form) return
  var status = document.querySelector("[data-bayyin-search-status]")
  var list = document.querySelector("[data-bayyin-search-results]")
  var more = document.querySelector("[data-bayyin-search-more]")
  var box = form.elements.q
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"))
  var index = new Index(new URL("./", location.href))
  var opened = null
  var ranked = [], shown = 0, generation = 0

  function label(facet, value) {
    var entry = (index.manifest.facets[facet] || []).filter(function (e) { return e[0] === value })[0]
    return entry || null
  }

  function element(tag, className, text) {
    var node = document.createElement(tag)
    if (className) node.className = className
    if (text !== undefined) node.textContent = text
    return node
  }

  function fact(facts, name, value) {
    var row = element("div")
    row.appendChild(element("dt", "", name + ":"))
    row.appendChild(document.createTextNode(" "))
    var dd = element("dd")
    if (value instanceof Node) dd.appendChild(value)
    else dd.appendChild(element("bdi", "", value))
    row.appendChild(dd)
    facts.appendChild(row)
  }

  function card(record) {
    var path = record[0], kind = record[1], title = record[2], snippet = record[3]
    var item = element("li", "bayyin-card bayyin-result")
    var link = element("a", "bayyin-card__link")
    link.href = new URL("../" + path, index.base).href
    var rating = record[6] && label("rating", record[6])
    if (rating) {
      var badge = element("span", "bayyin-rating bayyin-rating--" + (rating[3] || "neutral"), rating[1])
      badge.setAttribute("data-rating", rating[0])
      if (rating[4]) badge.setAttribute("data-step", String(rating[4]))
      link.appendChild(badge)
    }
    var heading = element("span", "bayyin-card__title")
    heading.appendChild(element("bdi", "", title))
    link.appendChild(heading)
    item.appendChild(link)
    if (snippet) {
      var quote = element("p", "bayyin-result__snippet")
      quote.appendChild(element("bdi", "", snippet))
      quote.firstChild.dir = "auto"
      item.appendChild(quote)
    }
    var facts = element("dl", "bayyin-result__facts")
    var claimant = record[7] && label("claimant", record[7])
    if (claimant) fact(facts, form.dataset.claimant, claimant[1])
    if (rating) fact(facts, form.dataset.rating, rating[1])
    var topics = (record[8] || []).map(function (t) { var l = label("topic", t); return l ? l[1] : t })
    if (topics.length) fact(facts, form.dataset.topic, topics.join(document.documentElement.lang === "ar" ? "\u060c " : ", "))
    if (record[4]) {
      var time = element("time", "", record[5])
      time.dateTime = record[4]
      fact(facts, form.dataset.published, time)
    }
    if (facts.firstChild) item.appendChild(facts)
    item.dataset.path = path
    item.dataset.kind = kind
    return item
  }

  function showMore(mine) {
    var page = ranked.slice(shown, shown + index.manifest.page)
    return index.records(page).then(function (records) {
      if (mine !== generation) return
      records.forEach(function (record) { list.appendChild(card(record)) })
      shown += page.length
      more.hidden = shown >= ranked.length
    })
  }

  function currentFilters() {
    var filters = {}
    selects.forEach(function (select) { if (select.value) filters[select.name] = select.value })
    return filters
  }

  function fail() {
    status.textContent = form.dataset.failed
  }

  function run() {
    var mine = ++generation
    var query = box.value.trim()
    var filters = currentFilters()
    list.textContent = ""
    more.hidden = true
    ranked = []
    shown = 0
    if (!query && !Object.keys(filters).length) { status.textContent = ""; return Promise.resolve() }
    status.textContent = form.dataset.loading
    opened = opened || index.open()
    return opened.then(function () {
      return index.search(query, filters)
    }).then(function (docs) {
      if (mine !== generation) return
      ranked = docs
      /* The count is announced once the first results are on the page. */
      return showMore(mine).then(function () {
        if (mine !== generation) return
        status.textContent = docs.length
          ? form.dataset.count.replace("{count}", String(docs.length))
          : form.dataset.none
      })
    }).catch(function () { if (mine === generation) fail() })
  }

  function reflect() {
    var params = new URLSearchParams()
    if (box.value.trim()) params.set("q", box.value.trim())
    var filters = currentFilters()
    Object.keys(filters).forEach(function (name) { params.set(name, filters[name]) })
    var search = params.toString()
    history.replaceState(null, "", location.pathname + (search ? "?" + search : ""))
  }

  function fromAddress() {
    var params = new URLSearchParams(location.search)
    box.value = (params.get("q") || "").slice(0, 200)
    selects.forEach(function (select) {
      var value = params.get(select.name) || ""
      select.value = Array.prototype.some.call(select.options, function (o) { return o.value === value }) ? value : ""
    })
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault()
    reflect()
    run()
  })
  selects.forEach(function (select) {
    select.addEventListener("change", function () { reflect(); run() })
  })
  more.addEventListener("click", function () { showMore(generation).catch(fail) })
  fromAddress()
  var header = document.getElementById("bayyin-header-q")
  if (header) header.value = box.value
  // Come without a query (the header's magnifier on a phone): ready to type.
  if (!box.value) box.focus()
  run()
})()
