/* Arabic search for Material's search worker.
 *
 * Loaded as the search worker of the Arabic site (theme/main.html points Material at it, with
 * Material's own worker as `?worker=`). It defines the normalizer, loads Material's worker,
 * then adds the normalizer to Lunr's index and query pipelines and folds every query the
 * same way, so `ابستين` finds `إبستين` and `ماسك` finds `بماسك`. Result snippets keep the
 * text as published: only the tokens are folded.
 *
 * normalizeToken is a port of generator/search_ar.py (the reference); a browser test
 * checks that both agree on every word of the built index. Loaded in a page (not a worker),
 * this file only defines self.bayyinSearch.
 */
(function () {
  "use strict"

  var MARKS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640]/g
  var FOLD = { "\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",
               "\u0649": "\u064a", "\u0629": "\u0647" }
  var LETTERS = /[\u0623\u0625\u0622\u0671\u0649\u0629\u0660-\u0669\u06f0-\u06f9]/g
  var PREFIXES = ["\u0627\u0644", "\u0648", "\u0641", "\u0628", "\u0644"]
  var MIN_STEM = 3
  var WORD_CHAR = /[\p{L}\p{N}]/u

  function fold(char) {
    var code = char.charCodeAt(0)
    if (code >= 0x0660 && code <= 0x0669) return String(code - 0x0660)
    if (code >= 0x06f0 && code <= 0x06f9) return String(code - 0x06f0)
    return FOLD[char]
  }

  function normalizeToken(token) {
    var text = token.toLowerCase().replace(MARKS, "").replace(LETTERS, fold)
    var chars = Array.from(text)
    var start = 0, end = chars.length
    while (start < end && !WORD_CHAR.test(chars[start])) start++
    while (end > start && !WORD_CHAR.test(chars[end - 1])) end--
    text = chars.slice(start, end).join("")
    for (var stripped = true; stripped;) {
      stripped = false
      for (var i = 0; i < PREFIXES.length; i++) {
        var prefix = PREFIXES[i]
        var rest = text.slice(prefix.length)
        /* The rest must start with a letter: normalizing twice must change nothing. */
        if (text.indexOf(prefix) === 0 && Array.from(rest).length >= MIN_STEM &&
            WORD_CHAR.test(Array.from(rest)[0])) {
          text = rest
          stripped = true
          break
        }
      }
    }
    return text
  }

  function normalizeQuery(query) {
    return query.split(/\s+/).map(function (word) {
      var head = /^[+-]*/.exec(word)[0]
      var tail = /(?:[~^][0-9]*|\*)*$/.exec(word.slice(head.length))[0]
      var body = normalizeToken(word.slice(head.length, word.length - tail.length))
      return body ? head + body + tail : ""
    }).filter(Boolean).join(" ")
  }

  self.bayyinSearch = { normalizeToken: normalizeToken, normalizeQuery: normalizeQuery }

  if (typeof WorkerGlobalScope === "undefined" || !(self instanceof WorkerGlobalScope)) return

  /* Material's worker loads Lunr's language files relative to its own URL, not ours. */
  var material = new URL(self.location.href).searchParams.get("worker")
  if (!material) throw new Error("search-ar.js needs ?worker=<Material's search worker URL>")
  var base = new URL(material, self.location.href)
  var load = self.importScripts.bind(self)

  function pipelineFunction(lunr) {
    var fn = function (token) {
      return token.update(normalizeToken).toString() ? token : null
    }
    lunr.Pipeline.registerFunction(fn, "bayyinArabic")
    return fn
  }

  /* Material calls `this.use(lunr.ar)` before it adds documents: wrap that plugin so our
     function joins both pipelines (Material then removes Lunr's own Arabic stemmer, trimmer
     and stop words, which it does not use for Arabic). */
  function wrapArabic() {
    var lunr = self.lunr
    if (!lunr || !lunr.ar || lunr.ar.bayyin) return
    var plugin = lunr.ar
    var normalize = pipelineFunction(lunr)
    var wrapped = function () {
      plugin.apply(this, arguments)
      this.pipeline.add(normalize)
      this.searchPipeline.add(normalize)
    }
    Object.keys(plugin).forEach(function (key) { wrapped[key] = plugin[key] })
    wrapped.bayyin = true
    lunr.ar = wrapped
  }

  self.importScripts = function () {
    var urls = Array.prototype.map.call(arguments, function (url) {
      return new URL(url, base).href
    })
    var result = load.apply(self, urls)
    wrapArabic()
    return result
  }

  /* Fold each query before Material parses it, so the terms it reports as found or
     missing are the folded ones the index holds. Registered before Material's listener. */
  self.addEventListener("message", function (event) {
    var message = event.data
    if (message && typeof message.data === "string")
      message.data = normalizeQuery(message.data)
  })

  self.importScripts(material)
})()
