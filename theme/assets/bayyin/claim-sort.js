/* Reorder the all-claims list by date of publication or date of the claim.
 *
 * Progressive enhancement: the page lists claims newest first without JavaScript; this
 * script reveals the order menu (hidden in the HTML) and sorts the list items by their
 * data-published / data-said ISO dates. Claims whose date is unknown go last.
 */
(function () {
  "use strict"

  function setup() {
    var control = document.querySelector("[data-bayyin-sort]")
    var list = document.querySelector("[data-bayyin-sortable]")
    if (!control || !list || control.dataset.ready) return
    var select = control.querySelector("select")
    var items = Array.prototype.slice.call(list.children)
    items.forEach(function (item, index) { item.dataset.position = String(index) })

    function order() {
      var parts = select.value.split("-")
      var key = parts[0], descending = parts[1] === "desc"
      var sorted = items.slice().sort(function (a, b) {
        var x = a.dataset[key] || "", y = b.dataset[key] || ""
        if (!x !== !y) return x ? -1 : 1
        if (x !== y) return (x < y ? -1 : 1) * (descending ? -1 : 1)
        return Number(a.dataset.position) - Number(b.dataset.position)
      })
      sorted.forEach(function (item) { list.appendChild(item) })
    }

    select.addEventListener("change", order)
    control.hidden = false
    control.dataset.ready = "true"
    order()
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup)
  else setup()
})()
