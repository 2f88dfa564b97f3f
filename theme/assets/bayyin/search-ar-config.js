/* Arabic search: point Material's search at assets/bayyin/search-ar.js, which runs Material's
 * own worker (passed as `?worker=`) with an Arabic normalizer. Loaded (not deferred) right
 * after Material's #__config element and before Material's bundle reads it; a file rather
 * than an inline script, so the Content-Security-Policy allows no inline script of ours.
 */
(function (element, script) {
  var config = JSON.parse(element.textContent)
  var worker = new URL(config.search, location.href).href
  config.search = new URL("search-ar.js", script.src).href + "?worker=" + encodeURIComponent(worker)
  element.textContent = JSON.stringify(config)
})(document.getElementById("__config"), document.currentScript)
